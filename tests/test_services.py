"""The domain services: create, update, delete, list, reorder; each refuses bad input whole."""

import pytest

from gcm_dialogue import (
    agenda,
    groups,
    i18n,
    mechanisms,
    meetings,
    notes,
    outcomes,
    participants,
    survey_answers,
    survey_respondents,
    surveys,
)
from gcm_dialogue.errors import NotFoundError, ValidationError


def test_mechanism_with_several_regions(ws):
    irf = mechanisms.create_mechanism(
        ws,
        "Rabat Process",
        {"en": "Euro-African Dialogue on Migration and Development"},
        "irf",
        ["europe", "africa"],
    )
    assert irf.regions == ("africa", "europe")  # in the taxonomy's region order
    changed = mechanisms.update_mechanism(ws, irf.id, regions=["africa"])
    assert changed.regions == ("africa",)
    with pytest.raises(ValidationError, match="already exists"):
        mechanisms.create_mechanism(ws, "rabat process", "Duplicate", "irf", ["africa"])
    with pytest.raises(ValidationError, match="region"):
        mechanisms.create_mechanism(ws, "X", "X", "rcp", ["atlantis"])
    assert mechanisms.delete_mechanism(ws, irf.id).count == 1
    assert mechanisms.list_mechanisms(ws) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_date": "2017-13-01"}, "YYYY-MM-DD"),
        ({"end_date": "2017-10-01"}, "before the start"),
        ({"time_zone": "Mars/Olympus"}, "time zone"),
        ({"source_lang": "de"}, "source language"),
        ({"short_name": "  "}, "short name"),
        ({"colour": "blue"}, "unknown meeting field"),
    ],
)
def test_meeting_refuses_bad_input_and_changes_nothing(ws, meeting, changes, message):
    with pytest.raises(ValidationError, match=message):
        meetings.update_meeting(ws, meeting.id, **changes)
    assert meetings.get_meeting(ws, meeting.id) == meeting


def test_core_error_messages_reach_the_user_in_their_language(ws, meeting):
    with i18n.force_locale("fr"), pytest.raises(ValidationError) as refused:
        meetings.update_meeting(ws, meeting.id, end_date="2017-10-01")
    assert str(refused.value) == "la date de fin est antérieure à la date de début"
    with i18n.force_locale("fr"), pytest.raises(ValidationError) as refused:
        meetings.update_meeting(ws, meeting.id, start_date="2017-13-01")
    assert str(refused.value) == (
        "date de début\u00a0: doit être une date au format AAAA-MM-JJ\u00a0;"
        " valeur reçue\u00a0: «\u00a02017-13-01\u00a0»"
    )


def test_meeting_days_follow_its_dates(ws, meeting):
    assert [d.date for d in agenda.list_days(ws, meeting.id)] == ["2017-10-10", "2017-10-11"]
    meetings.update_meeting(ws, meeting.id, end_date="2017-10-12", chatham_house=True)
    assert len(agenda.list_days(ws, meeting.id)) == 3
    day2 = agenda.list_days(ws, meeting.id)[1]
    agenda.add_item(ws, day2.id, title="Session 3")
    with pytest.raises(ValidationError, match="still has 1 agenda item"):
        meetings.update_meeting(ws, meeting.id, end_date="2017-10-10")
    assert len(agenda.list_days(ws, meeting.id)) == 3
    assert meetings.get_meeting(ws, meeting.id).chatham_house is True


def test_resolve_meeting_by_id_short_name_or_alone(ws, meeting):
    assert meetings.resolve_meeting(ws, None).id == meeting.id
    assert meetings.resolve_meeting(ws, "grcp 7").id == meeting.id
    assert meetings.resolve_meeting(ws, meeting.id).id == meeting.id
    with pytest.raises(NotFoundError):
        meetings.resolve_meeting(ws, "GRCP 8")
    meetings.create_meeting(
        ws, short_name="GRCP 8", title="Eighth", start_date="2018-10-10", end_date="2018-10-10"
    )
    with pytest.raises(ValidationError, match="choose one with --meeting"):
        meetings.resolve_meeting(ws, None)


def test_delete_meeting_takes_its_contents(ws, meeting):
    day = agenda.list_days(ws, meeting.id)[0]
    agenda.add_item(ws, day.id, title="Opening")
    meetings.delete_meeting(ws, meeting.id)
    assert ws.scalar("SELECT count(*) FROM agenda_items") == 0
    assert ws.scalar("SELECT count(*) FROM agenda_days") == 0


def _day_items(ws, meeting):
    day = agenda.list_days(ws, meeting.id)[0]
    agenda.set_day_start(ws, day.id, "09:00")
    a = agenda.add_item(ws, day.id, title="Registration", kind="other", duration_min=60)
    b = agenda.add_item(ws, day.id, title="Session 1", kind="panel", duration_min=75)
    c = agenda.add_item(ws, day.id, title="Breakouts", kind="breakout", duration_min=105)
    lunch = agenda.add_item(
        ws,
        day.id,
        title="Lunch",
        kind="break",
        duration_min=90,
        time_mode="fixed",
        fixed_start="13:00",
    )
    d = agenda.add_item(ws, day.id, title="Plenary", kind="plenary", duration_min=180)
    return day, [a, b, c, lunch, d]


def test_schedule_flows_and_fixed_items_stay(ws, meeting):
    day, items = _day_items(ws, meeting)
    (schedule,) = [s for s in agenda.schedule(ws, meeting.id) if s.day.id == day.id]
    assert [agenda.clock(s.start) for s in schedule.slots] == [
        "09:00",
        "10:00",
        "11:15",
        "13:00",
        "14:30",
    ]
    assert schedule.conflicts == []
    assert agenda.clock(schedule.end) == "17:30"
    assert schedule.total_minutes == 510

    # A 20-minute late start: the flowing items move, lunch stays and the overlap shows.
    agenda.set_day_start(ws, day.id, "09:20")
    (schedule,) = [s for s in agenda.schedule(ws, meeting.id) if s.day.id == day.id]
    assert [agenda.clock(s.start) for s in schedule.slots] == [
        "09:20",
        "10:20",
        "11:35",
        "13:00",
        "14:30",
    ]
    assert schedule.slots[3].overlap_before == 20

    # Shorten the breakouts: a gap opens before lunch instead.
    agenda.update_item(ws, items[2].id, duration_min=60)
    (schedule,) = [s for s in agenda.schedule(ws, meeting.id) if s.day.id == day.id]
    assert schedule.slots[3].gap_before == 25 and schedule.slots[3].overlap_before == 0


def test_move_reorder_duplicate_and_delete_items(ws, meeting):
    day, items = _day_items(ws, meeting)
    day2 = agenda.list_days(ws, meeting.id)[1]
    changes = agenda.move_item(ws, items[4].id, day2.id, 0)
    assert items[4].id in changes.ids
    assert [i.title["en"] for i in agenda.list_items(ws, meeting.id, day_id=day2.id)] == ["Plenary"]
    agenda.move_item(ws, items[0].id, day.id, 2)
    assert [i.title["en"] for i in agenda.list_items(ws, meeting.id, day_id=day.id)] == [
        "Session 1",
        "Breakouts",
        "Registration",
        "Lunch",
    ]
    copy = agenda.duplicate_item(ws, items[1].id)
    assert copy.position == 1 and copy.title == items[1].title
    agenda.delete_item(ws, copy.id)
    positions = [i.position for i in agenda.list_items(ws, meeting.id, day_id=day.id)]
    assert positions == [0, 1, 2, 3]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration_min": -5}, "duration"),
        ({"time_mode": "fixed"}, "fixed item needs its start"),
        ({"fixed_start": "25:00", "time_mode": "fixed"}, "HH:MM"),
        ({"kind": "party"}, "item kind"),
        ({"interpretation": ["en", "xx"]}, "interpretation language"),
        ({"statement_limit_sec": 0}, "time limit"),
    ],
)
def test_agenda_item_refuses_bad_input(ws, meeting, fields, message):
    day = agenda.list_days(ws, meeting.id)[0]
    with pytest.raises(ValidationError, match=message):
        agenda.add_item(ws, day.id, title="X", **fields)
    assert agenda.list_items(ws, meeting.id) == []


def test_agenda_item_people_and_multilingual_fields(ws, meeting):
    mod = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Laura", family_name="Thompson"
    )
    sp = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Sönke", family_name="Lorenz"
    )
    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(
        ws,
        day.id,
        title={"en": "Session 1", "fr": "Séance 1"},
        moderator_id=mod.id,
        speaker_ids=[sp.id],
        guiding_questions=[{"en": "What role?", "fr": "Quel rôle ?"}],
        interpretation=["en", "fr"],
        statement_limit_sec=180,
    )
    assert item.moderator_id == mod.id and item.speaker_ids == (sp.id,)
    assert item.guiding_questions[0]["fr"] == "Quel rôle ?"
    assert item.title.resolve("es", "en").is_fallback
    participants.delete_participant(ws, mod.id)
    assert agenda.get_item(ws, item.id).moderator_id is None


def test_participants_roles_per_meeting(ws, meeting):
    p = participants.create_participant(
        ws,
        meeting_id=meeting.id,
        roles=["rapporteur", "facilitator"],
        honorific="Dr",
        given_name="Radim",
        family_name="Žák",
        country="cz",
        languages=["en", "ru"],
        email="rz@example.org",
    )
    assert p.display_name == "Dr Radim Žák"
    assert p.country == "CZ" and p.roles == ("rapporteur", "facilitator")
    other = meetings.create_meeting(
        ws, short_name="X", title="X", start_date="2018-01-01", end_date="2018-01-01"
    )
    participants.add_to_meeting(ws, other.id, p.id, ["speaker"])
    assert participants.get_participant(ws, p.id, meeting_id=other.id).roles == ("speaker",)
    assert participants.get_participant(ws, p.id, meeting_id=meeting.id).roles == (
        "rapporteur",
        "facilitator",
    )
    with pytest.raises(ValidationError, match="role"):
        participants.set_roles(ws, meeting.id, p.id, ["king"])
    with pytest.raises(ValidationError, match="email"):
        participants.update_participant(ws, p.id, email="not an email")
    with pytest.raises(ValidationError, match="given or a family name"):
        participants.create_participant(ws, given_name=" ", family_name="")
    assert [x.id for x in participants.list_participants(ws, meeting.id)] == [p.id]


@pytest.mark.parametrize("name", ["Jürg", "Žák", "محمد", "Сергей", "王丽", "Muiño"])
def test_every_character_of_a_name_is_kept(ws, name):
    p = participants.create_participant(ws, given_name=name, family_name=name)
    assert participants.get_participant(ws, p.id).given_name == name


def test_groups_members_facilitators_and_rapporteur(ws, meeting):
    a = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="A", family_name="One"
    )
    b = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="B", family_name="Two"
    )
    outsider = participants.create_participant(ws, given_name="C", family_name="Three")
    africa = groups.create_group(
        ws, meeting.id, name="Africa", region="africa", room="Room 18", interpretation=["en", "fr"]
    )
    europe = groups.create_group(
        ws, meeting.id, name="Europe", region="europe", room="Room 19", interpretation=["en", "ru"]
    )
    groups.assign(ws, africa.id, a.id, facilitator=True, rapporteur=True)
    groups.assign(ws, africa.id, b.id)
    africa = groups.get_group(ws, africa.id)
    assert africa.rapporteur_id == a.id and africa.facilitator_ids == [a.id]
    groups.assign(ws, africa.id, b.id, rapporteur=True)  # one rapporteur per group
    assert groups.get_group(ws, africa.id).rapporteur_id == b.id
    groups.assign(ws, europe.id, a.id)  # a person sits in one group of a meeting
    assert groups.group_of(ws, meeting.id, a.id) == europe.id
    with pytest.raises(ValidationError, match="only participants of the meeting"):
        groups.assign(ws, europe.id, outsider.id)
    groups.reorder_groups(ws, meeting.id, [europe.id, africa.id])
    assert [g.id for g in groups.list_groups(ws, meeting.id)] == [europe.id, africa.id]
    with pytest.raises(ValidationError, match="region"):
        groups.create_group(ws, meeting.id, name="Mars", region="mars")


def test_survey_rates_count_an_irf_in_each_region(ws, meeting):
    rcp = mechanisms.create_mechanism(
        ws, "MIDSA", "Migration Dialogue for Southern Africa", "rcp", ["africa"]
    )
    irf = mechanisms.create_mechanism(
        ws, "Rabat Process", "Rabat Process", "irf", ["africa", "europe"]
    )
    gfmd = mechanisms.create_mechanism(ws, "GFMD", "Global Forum", "global", [])
    survey = surveys.create_survey(ws, meeting.id, title="GRCP 7 survey", deadline="2017-06-26")
    section = surveys.add_section(ws, survey.id, "Recommendations")
    surveys.add_question(ws, section.id, key="any", type="yes_no", title="Any recommendations?")
    surveys.add_question(
        ws,
        section.id,
        key="list",
        type="list",
        title="Please list",
        show_if={"question": "any", "equals": True},
    )
    with pytest.raises(ValidationError, match="unknown earlier question"):
        surveys.add_question(
            ws, section.id, key="x", type="yes_no", title="X", show_if={"question": "nope"}
        )
    r1 = survey_respondents.add_respondent(ws, survey.id, mechanism_id=rcp.id)
    r2 = survey_respondents.add_respondent(ws, survey.id, mechanism_id=irf.id)
    survey_respondents.add_respondent(ws, survey.id, mechanism_id=gfmd.id)
    with pytest.raises(ValidationError, match="already on the survey"):
        survey_respondents.add_respondent(ws, survey.id, mechanism_id=rcp.id)
    survey_answers.set_answers(
        ws, r2.id, {"any": True, "list": [{"text": "Data", "elements": ["v"]}]}
    )
    assert survey_answers.answers_of(ws, r2.id)["list"][0]["elements"] == ["v"]
    rates = survey_respondents.response_rates(ws, survey.id)
    assert (rates.overall.answered, rates.overall.total) == (1, 3)
    assert (rates.by_region["africa"].answered, rates.by_region["africa"].total) == (1, 2)
    assert (rates.by_region["europe"].answered, rates.by_region["europe"].total) == (1, 1)
    assert rates.by_region["africa"].missing_ids == [r1.id]
    assert rates.by_kind["global"].total == 1
    with pytest.raises(ValidationError, match="unknown question"):
        survey_answers.set_answers(ws, r1.id, {"nope": 1})


def test_notes_tags_status_and_chatham_house(ws, meeting):
    speaker = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="A", family_name="B"
    )
    note = notes.add_note(
        ws,
        meeting.id,
        "Improve migration data",
        lang="en",
        kind="recommendation",
        tags=["cluster:3", "element:(V)", "sdg:10.7"],
        attribution_participant_id=speaker.id,
    )
    assert note.tags == ("cluster:3", "element:v", "sdg:10.7")
    with pytest.raises(ValidationError, match="unknown tag"):
        notes.add_note(ws, meeting.id, "x", lang="en", tags=["element:z"])
    reviewed = notes.set_status(ws, note.id, "reviewed", by="Secretariat")
    assert reviewed.status == "reviewed" and reviewed.status_by == "Secretariat"
    meetings.update_meeting(ws, meeting.id, chatham_house=True)
    with pytest.raises(ValidationError, match="Chatham House"):
        notes.add_note(
            ws, meeting.id, "Said by someone", lang="en", attribution_participant_id=speaker.id
        )
    assert len(notes.list_notes(ws, meeting.id, kinds=["recommendation"])) == 1


def test_outcomes_keep_their_sources_and_highlights_number(ws, meeting):
    n1 = notes.add_note(ws, meeting.id, "Data, Africa", lang="en", kind="recommendation")
    n2 = notes.add_note(ws, meeting.id, "Data, Europe", lang="en", kind="recommendation")
    priorities = outcomes.create_set(
        ws, meeting.id, "priorities", {"en": "Five cross-regional priorities"}
    )
    outcome = outcomes.add_outcome(
        ws,
        meeting.id,
        set_id=priorities.id,
        lead={"en": "Invest in data.", "fr": "Investir dans les données."},
        body="Disaggregated data",
        tags=["element:v"],
        source_note_ids=[n1.id, n2.id],
    )
    assert set(outcome.source_note_ids) == {n1.id, n2.id}
    assert outcome.lead.missing(["en", "fr", "es"]) == ["es"]
    updated = outcomes.update_outcome(ws, outcome.id, register="cautious")
    assert updated.register == "cautious"
    h1 = outcomes.add_highlight(ws, meeting.id, {"en": "First"})
    h2 = outcomes.add_highlight(ws, meeting.id, {"en": "Second"}, outcome_id=outcome.id)
    outcomes.delete_highlight(ws, h1.id)
    assert [(h.id, h.position) for h in outcomes.list_highlights(ws, meeting.id)] == [(h2.id, 0)]
    notes.delete_note(ws, n1.id)
    assert outcomes.get_outcome(ws, outcome.id).source_note_ids == (n2.id,)
