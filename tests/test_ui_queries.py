"""Core answers to the questions the Qt layer used to put in SQL of its own."""

from gcm_dialogue import (
    agenda,
    agenda_changes,
    groups,
    mechanisms,
    participants,
    survey_respondents,
    surveys,
)


def test_full_names_include_the_honorific_and_skip_unknown_ids(ws, meeting):
    ana = participants.create_participant(
        ws, meeting_id=meeting.id, honorific="Dr", given_name="Ana", family_name="Silva"
    )
    assert participants.full_names(ws, [ana.id, "nobody", ana.id]) == {ana.id: "Dr Ana Silva"}
    assert participants.full_names(ws, []) == {}


def test_meeting_participant_ids(ws, meeting):
    ana = participants.create_participant(ws, meeting_id=meeting.id, given_name="Ana")
    participants.create_participant(ws, given_name="Elsewhere")
    assert participants.meeting_participant_ids(ws, meeting.id) == [ana.id]


def test_count_changes_after_a_version(ws, meeting):
    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(ws, day.id, title="Opening", duration_min=15)
    assert agenda_changes.count_changes(ws, meeting.id) == 0
    agenda_changes.publish(ws, meeting.id)
    agenda.update_item(ws, item.id, duration_min=20)
    agenda_changes.publish(ws, meeting.id)
    agenda.update_item(ws, item.id, duration_min=25)
    assert agenda_changes.count_changes(ws, meeting.id) == 2
    assert agenda_changes.count_changes(ws, meeting.id, 2) == 1
    assert agenda_changes.count_changes(ws, meeting.id) == len(
        agenda_changes.changes_since(ws, meeting.id)
    )


def test_group_candidates_sorted_with_acronym_before_organisation(ws, meeting):
    midcom = mechanisms.create_mechanism(ws, acronym="MIDCOM", name="MIDCOM", kind="rcp")
    zoe = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Zoé", family_name="Adams", organisation="IOM"
    )
    bo = participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="Bo",
        family_name="Berg",
        organisation="Somewhere",
        mechanism_id=midcom.id,
    )
    participants.create_participant(ws, given_name="Not", family_name="Invited")
    people = groups.candidates(ws, meeting.id)
    assert [(p.id, p.given_name, p.family_name, p.organisation) for p in people] == [
        (zoe.id, "Zoé", "Adams", "IOM"),
        (bo.id, "Bo", "Berg", "MIDCOM"),
    ]


def test_mechanism_acronym(ws):
    midcom = mechanisms.create_mechanism(ws, acronym="MIDCOM", name="MIDCOM", kind="rcp")
    assert mechanisms.acronym(ws, midcom.id) == "MIDCOM"
    assert mechanisms.acronym(ws, "nothing") is None


def test_section_question_ids_and_respondent_count(ws, meeting):
    survey = surveys.create_survey(ws, meeting.id, title="Follow-up")
    first = surveys.add_section(ws, survey.id, "First")
    second = surveys.add_section(ws, survey.id, "Second")
    a = surveys.add_question(ws, first.id, key="a", type="yes_no", title="A?")
    b = surveys.add_question(ws, first.id, key="b", type="yes_no", title="B?")
    surveys.add_question(ws, second.id, key="c", type="yes_no", title="C?")
    assert sorted(surveys.section_question_ids(ws, first.id)) == sorted([a.id, b.id])

    assert survey_respondents.count_respondents(ws, survey.id) == 0
    ana = participants.create_participant(ws, meeting_id=meeting.id, given_name="Ana")
    survey_respondents.invite_participants(ws, survey.id, [ana.id])
    assert survey_respondents.count_respondents(ws, survey.id) == 1
