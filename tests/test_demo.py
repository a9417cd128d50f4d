"""The demo meeting: GRCP 7's shape, and the survey's response rates as the real report gives."""

import pytest

from gcm_dialogue import (
    agenda,
    groups,
    mechanisms,
    meetings,
    notes,
    outcomes,
    participants,
    survey_respondents,
    surveys,
)
from gcm_dialogue.store import open_workspace


@pytest.fixture(scope="module")
def demo(demo_path):
    ws = open_workspace(demo_path, create=False)
    yield ws, meetings.resolve_meeting(ws, None)
    ws.close()


def test_meeting(demo):
    ws, meeting = demo
    assert meeting.short_name == "GRCP 7"
    assert (meeting.start_date, meeting.end_date) == ("2017-10-10", "2017-10-11")
    assert meeting.source_lang == "en" and {"fr", "es", "ar"} <= set(meeting.title)


def test_agenda_matches_grcp7(demo):
    ws, meeting = demo
    days = agenda.schedule(ws, meeting.id)
    assert len(days) == 2
    day1 = days[0]
    assert agenda.clock(day1.start) == "09:00"
    starts = {s.item.title["en"].lower(): agenda.clock(s.start) for s in day1.slots}
    lunch = next(s for s in day1.slots if s.item.kind == "break" and s.item.time_mode == "fixed")
    assert agenda.clock(lunch.start) == "13:00"
    assert day1.conflicts == []
    assert any(t == "14:30" for t in starts.values())
    assert agenda.clock(days[1].start) == "10:00" and agenda.clock(days[1].end) == "13:00"
    items = agenda.list_items(ws, meeting.id)
    assert any(i.moderator_id for i in items)
    assert any(i.guiding_questions for i in items)
    assert any(i.objectives for i in items)
    assert all("fr" in i.title and "es" in i.title for i in items)


def test_four_regional_groups(demo):
    ws, meeting = demo
    found = groups.list_groups(ws, meeting.id)
    assert {(g.region, g.room, g.interpretation) for g in found} == {
        ("africa", "Room 18", ("en", "fr")),
        ("americas", "Room 15", ("en", "es")),
        ("europe", "Room 19", ("en", "ru")),
        ("asia_pacific_middle_east", "Room 5-6", ("en", "ar")),
    }
    for group in found:
        assert group.rapporteur_id is not None
        assert 1 <= len(group.facilitator_ids) <= 3
        assert len(group.members) >= 5


def test_participants(demo):
    ws, meeting = demo
    people = participants.list_participants(ws, meeting.id)
    assert 80 <= len(people) <= 100
    names = " ".join(p.full_name for p in people)
    assert any("\u0600" <= ch <= "\u06ff" for ch in names)  # Arabic
    assert any("\u0400" <= ch <= "\u04ff" for ch in names)  # Cyrillic
    assert any("\u4e00" <= ch <= "\u9fff" for ch in names)  # Chinese
    categories = {p.category for p in people}
    assert {"iscm", "reo", "unrc", "un_body", "organizer"} <= categories
    assert sum("co_facilitator" in p.roles for p in people) == 2


def test_response_rates_as_in_the_report(demo):
    ws, meeting = demo
    (survey,) = surveys.list_surveys(ws, meeting.id)
    rates = survey_respondents.response_rates(ws, survey.id)
    assert (rates.overall.answered, rates.overall.total) == (27, 35)
    got = {region: (r.answered, r.total) for region, r in rates.by_region.items()}
    assert got == {
        "africa": (11, 12),
        "americas": (5, 7),
        "asia_pacific_middle_east": (8, 11),
        "europe": (11, 11),
    }
    entity_ids = {r.mechanism_id for r in survey_respondents.list_respondents(ws, survey.id)}
    kinds = {m.kind for m in mechanisms.list_mechanisms(ws, ids=entity_ids)}
    assert kinds <= set(mechanisms.ENTITY_KINDS)
    # An IRF spanning two of the four regions is counted in both (Rabat Process, 5+5...).
    irfs = [m for m in mechanisms.list_mechanisms(ws, kinds=["irf"]) if m.id in entity_ids]
    assert sum(len(m.regions) >= 2 for m in irfs) >= 3


def test_notes_for_every_group_and_session(demo):
    ws, meeting = demo
    all_notes = notes.list_notes(ws, meeting.id)
    for group in groups.list_groups(ws, meeting.id):
        in_group = [n for n in all_notes if n.group_id == group.id]
        assert len(in_group) >= 8
        assert any(n.kind == "recommendation" and "element:v" in n.tags for n in in_group)
    langs = {n.lang for n in all_notes}
    assert {"en", "fr", "es", "ru", "ar"} <= langs
    sessions = {n.agenda_item_id for n in all_notes if n.group_id is None}
    assert len(sessions) >= 3


def test_outcomes_and_ten_highlights(demo):
    ws, meeting = demo
    sets = outcomes.list_sets(ws, meeting.id)
    assert [len(outcomes.list_outcomes(ws, meeting.id, set_id=s.id)) for s in sets] == [5, 5]
    for outcome in outcomes.list_outcomes(ws, meeting.id):
        assert not outcome.lead.missing(["en", "fr", "es"])
        assert outcome.source_note_ids
    highlights = outcomes.list_highlights(ws, meeting.id)
    assert len(highlights) == 10
    assert all(not h.text.missing(["en", "fr", "es"]) for h in highlights)
    assert sum("ar" in h.text for h in highlights) >= 3


def test_the_demo_holds_its_46_mechanisms(demo):
    ws, meeting = demo
    found = mechanisms.list_mechanisms(ws)
    assert len(found) == 46
    assert len({m.acronym.casefold() for m in found}) == 46  # the reference ones not doubled
    reference = {entry["acronym"] for entry in mechanisms.load_reference_mechanisms()}
    assert {m.acronym for m in found} == reference | {"GCM Co-facilitators", "US PRM"}
    assert all(len(m.name) == 6 for m in found)
    linked = {p.mechanism_id for p in participants.list_participants(ws, meeting.id)}
    assert mechanisms.find_mechanism(ws, "Rabat Process").id in linked
    assert mechanisms.find_mechanism(ws, "US PRM").id in linked
