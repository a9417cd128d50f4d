"""Mechanisms in a new workspace: the reference list at work, and what deleting one does."""

import pytest

from gcm_dialogue import assignment, groups, mechanisms, meetings, notes, participants, records
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.participant_import import import_file
from gcm_dialogue.store import open_workspace


@pytest.fixture
def new_ws(tmp_path):
    """A workspace file as a new secretariat gets it: reference mechanisms, one meeting."""
    ws = open_workspace(tmp_path / "new.gcmd")
    yield ws
    ws.close()


@pytest.fixture
def new_meeting(new_ws):
    return meetings.create_meeting(
        new_ws,
        short_name="RP 2026",
        title={"en": "Rabat Process thematic meeting"},
        start_date="2026-03-10",
        end_date="2026-03-11",
        venue="Rabat",
        time_zone="Africa/Casablanca",
        working_langs=["en", "fr"],
    )


def test_a_new_workspace_imports_a_rabat_process_delegate_with_category_and_regions(
    new_ws, new_meeting, tmp_path
):
    path = tmp_path / "registrations.csv"
    path.write_text(
        "Given name,Family name,Organisation,Country\n"
        "Awa,Ndiaye,Rabat Process,Senegal\n"
        "Ana,Muiño,SACM,Uruguay\n"
        "Jürg,Sönke,Société X,Switzerland\n",
        encoding="utf-8",
    )
    result = import_file(new_ws, path, meeting_id=new_meeting.id)
    assert len(result.added) == 3 and not result.rejected
    people = {p.family_name: p for p in participants.list_participants(new_ws, new_meeting.id)}
    awa = people["Ndiaye"]
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    assert awa.mechanism_id == rabat.id and awa.organisation == ""
    assert awa.category == "iscm"
    assert mechanisms.get_mechanism(new_ws, awa.mechanism_id).regions == (
        "africa",
        "asia_pacific_middle_east",
        "europe",
    )
    assert people["Muiño"].category == "iscm"
    assert people["Sönke"].category == "other" and people["Sönke"].mechanism_id is None
    # grouping by region has something to work on: the IRF member goes to her own region
    for region in ("africa", "americas", "asia_pacific_middle_east", "europe"):
        groups.create_group(new_ws, new_meeting.id, name=region.title(), region=region)
    plan = assignment.plan(new_ws, new_meeting.id, "region")
    placed = {p.participant_id: p for p in plan.placements}
    africa = next(g for g in groups.list_groups(new_ws, new_meeting.id) if g.region == "africa")
    assert placed[awa.id].group_id == africa.id
    assert placed[awa.id].reason == "irf_country_region"


def test_counts_and_usage(new_ws, new_meeting):
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    for name in ("Awa", "Moussa"):
        participants.create_participant(
            new_ws, meeting_id=new_meeting.id, given_name=name, mechanism_id=rabat.id
        )
    assert mechanisms.participant_counts(new_ws) == {rabat.id: 2}
    assert mechanisms.mechanism_usage(new_ws, rabat.id) == mechanisms.Usage(2, 0, 0)
    assert mechanisms.mechanism_usage(new_ws, rabat.id).in_use


def test_an_unused_mechanism_is_deleted(new_ws):
    pidc = mechanisms.find_mechanism(new_ws, "PIDC")
    changes = mechanisms.delete_mechanism(new_ws, pidc.id)
    assert changes.ids == (pidc.id,)
    assert mechanisms.find_mechanism(new_ws, "PIDC") is None


def test_a_linked_mechanism_is_deleted_only_when_asked_and_its_people_keep_the_acronym(
    new_ws, new_meeting
):
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    person = participants.create_participant(
        new_ws,
        meeting_id=new_meeting.id,
        given_name="Awa",
        mechanism_id=rabat.id,
        category="iscm",
    )
    note = notes.add_note(
        new_ws, new_meeting.id, "A point.", lang="en", attribution_mechanism_id=rabat.id
    )
    with pytest.raises(mechanisms.MechanismInUse, match="linked to 1 participant") as refused:
        mechanisms.delete_mechanism(new_ws, rabat.id)
    assert refused.value.usage == mechanisms.Usage(1, 0, 1)
    assert mechanisms.find_mechanism(new_ws, "Rabat Process") is not None
    mechanisms.delete_mechanism(new_ws, rabat.id, unlink=True)
    kept = participants.get_participant(new_ws, person.id)
    assert kept.mechanism_id is None
    assert kept.organisation == "Rabat Process" and kept.category == "iscm"
    assert notes.get_note(new_ws, note.id).attribution_mechanism_id is None


def test_a_survey_respondent_is_never_deleted_with_its_answers(new_ws, new_meeting):
    from gcm_dialogue import surveys

    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    survey = surveys.create_survey(new_ws, new_meeting.id, title={"en": "Survey"})
    with new_ws.transaction():
        records.insert(
            new_ws, "survey_respondents", {"survey_id": survey.id, "mechanism_id": rabat.id}
        )
    for unlink in (False, True):
        with pytest.raises(mechanisms.MechanismInUse, match="1 survey; it cannot be deleted"):
            mechanisms.delete_mechanism(new_ws, rabat.id, unlink=unlink)
    assert new_ws.scalar("SELECT count(*) FROM survey_respondents") == 1


def test_an_inter_regional_forum_needs_its_regions(new_ws):
    with pytest.raises(ValidationError, match="inter-regional forum spans several regions"):
        mechanisms.create_mechanism(new_ws, "NOREG", "No region forum", "irf", [])
    forum = mechanisms.create_mechanism(new_ws, "TWOREG", "Two", "irf", ["africa", "europe"])
    with pytest.raises(ValidationError, match="tick the regions it covers"):
        mechanisms.update_mechanism(new_ws, forum.id, regions=[])
    rcp = mechanisms.create_mechanism(new_ws, "RCPX", "An RCP", "rcp", [])
    with pytest.raises(ValidationError, match="tick the regions"):
        mechanisms.update_mechanism(new_ws, rcp.id, kind="irf")
    assert mechanisms.find_mechanism(new_ws, "NOREG") is None
