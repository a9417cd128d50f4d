"""Finding likely duplicates and merging them with nothing of either lost."""

import json

import pytest

from gcm_dialogue import agenda, groups, notes, participants, survey_respondents, surveys
from gcm_dialogue.duplicates import Person, compare, find_duplicates, merge
from gcm_dialogue.errors import NotFoundError, ValidationError


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        (("Juan José", "Gómez Camacho"), ("Juan Jose", "Gomez-Camacho"), "same_name"),
        (("Camacho", "Juan José Gómez"), ("Juan José", "Gómez Camacho"), "same_name"),
        (("Ana", "Muiño"), ("Ana María", "Muiño"), "extra_names"),
        (("Талант", "Осмоналиев"), ("Talant", "Osmonaliev"), "same_name"),
        (("Sönke", "Müller"), ("Sonke", "Muller"), "same_name"),
        (("Radim", "Žák"), ("Radim", "Zak"), "same_name"),
        (("Mohammed", "Al-Ali"), ("محمد", "العلي"), "transliteration"),
        # the article joined in Arabic, apart in Latin; an ain Latin spellings leave out
        (("Mohamed", "El Amrani"), ("محمد", "العمراني"), "transliteration"),
        (("Ahmed", "Ben Ali"), ("أحمد", "بن علي"), "transliteration"),
        (("Christophe", "Lefebvre"), ("Cristophe", "Lefebvre"), "similar_spelling"),
        (("丽", "王"), ("Li", "Wang"), "same_name"),
    ],
)
def test_likely_duplicates(first, second, reason):
    score, reasons = compare(Person("a", *first), Person("b", *second))
    assert score >= 0.78 and reasons == (reason,)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (("John", "Smith"), ("Jane", "Smith")),
        (("Ana", "Muiño"), ("Pedro", "Muiño")),
        (("Ali", "Khan"), ("Ali", "Hassan")),
        (("Mohamed", "Ali"), ("محمد", "العمراني")),
    ],
)
def test_different_people_are_not_pairs(first, second):
    assert compare(Person("a", *first), Person("b", *second))[0] < 0.78


def test_same_email_is_a_pair_whatever_the_names():
    assert compare(
        Person("a", "A", "B", "x@example.org"), Person("b", "C", "D", "X@Example.org")
    ) == (
        1.0,
        ("same_email",),
    )


def test_find_duplicates_in_a_meeting(ws, meeting):
    a = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Juan José", family_name="Gómez Camacho"
    )
    b = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Juan Jose", family_name="Gomez-Camacho"
    )
    participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Amina", family_name="Diallo"
    )
    participants.create_participant(
        ws, given_name="Juan", family_name="Gómez Camacho"
    )  # not in the meeting
    pairs = find_duplicates(ws, meeting.id)
    assert [(p.first_id, p.second_id) for p in pairs] == [tuple(sorted((a.id, b.id)))]
    assert len(find_duplicates(ws)) == 3


def test_merge_keeps_every_role_membership_note_slot_and_answer(ws, meeting):
    keep = participants.create_participant(
        ws,
        meeting_id=meeting.id,
        roles=["speaker"],
        given_name="Juan José",
        family_name="Gómez Camacho",
        email="",
        country="MX",
        languages=["es"],
    )
    drop = participants.create_participant(
        ws,
        meeting_id=meeting.id,
        roles=["rapporteur", "participant"],
        given_name="Juan Jose",
        family_name="Gomez-Camacho",
        email="jj@example.org",
        languages=["en"],
        job_title="Director",
    )
    americas = groups.create_group(ws, meeting.id, name="Americas", region="americas")
    europe = groups.create_group(ws, meeting.id, name="Europe", region="europe")
    groups.assign(ws, europe.id, keep.id)
    groups.assign(ws, americas.id, drop.id, rapporteur=True)
    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(
        ws, day.id, title="Panel", moderator_id=drop.id, speaker_ids=[keep.id, drop.id]
    )
    other = agenda.add_item(ws, day.id, title="Closing", speaker_ids=[drop.id])
    note = notes.add_note(
        ws, meeting.id, "Follow-up matters.", lang="en", attribution_participant_id=drop.id
    )
    survey = surveys.create_survey(ws, meeting.id, title="Survey")
    respondent_id = survey_respondents.add_respondent(ws, survey.id, participant_id=drop.id).id

    merge(ws, keep.id, drop.id)

    with pytest.raises(NotFoundError):
        participants.get_participant(ws, drop.id)
    merged = participants.get_participant(ws, keep.id, meeting_id=meeting.id)
    assert merged.roles == ("speaker", "rapporteur", "participant")
    assert merged.email == "jj@example.org" and merged.job_title == "Director"
    assert merged.country == "MX" and merged.languages == ("es", "en")
    assert groups.get_group(ws, americas.id).rapporteur_id == keep.id  # the rapporteur's seat wins
    assert groups.get_group(ws, europe.id).members == ()
    assert agenda.get_item(ws, item.id).moderator_id == keep.id
    assert agenda.get_item(ws, item.id).speaker_ids == (keep.id,)
    assert agenda.get_item(ws, other.id).speaker_ids == (keep.id,)
    assert (
        ws.scalar("SELECT participant_id FROM survey_respondents WHERE id = ?", (respondent_id,))
        == keep.id
    )
    assert (
        ws.scalar("SELECT attribution_participant_id FROM notes WHERE id = ?", (note.id,))
        == keep.id
    )


def test_merge_chosen_values_and_refusals(ws, meeting):
    keep = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Muiño"
    )
    drop = participants.create_participant(
        ws, given_name="Ana María", family_name="Muiño", gender="female"
    )
    merge(ws, keep.id, drop.id, {"given_name": "Ana María"})
    merged = participants.get_participant(ws, keep.id)
    assert (merged.given_name, merged.gender) == ("Ana María", "female")
    with pytest.raises(ValidationError, match="two different people"):
        merge(ws, keep.id, keep.id)
    with pytest.raises(ValidationError, match="unknown participant field"):
        merge(ws, keep.id, participants.create_participant(ws, given_name="X").id, {"shoe": "42"})
    assert (
        json.loads(ws.scalar("SELECT languages FROM participants WHERE id = ?", (keep.id,))) == []
    )
