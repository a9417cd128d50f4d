"""Breakout group rules: translations follow their question, impossible values refused,
roles belong to the group they were held in."""

import pytest

from gcm_dialogue import groups, participants
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.groups import carry_translations
from gcm_dialogue.multilingual import Text

Q1 = Text({"en": "One?", "fr": "Un ?", "es": "¿Uno?"})
Q2 = Text({"en": "Two?", "fr": "Deux ?", "es": "¿Dos?"})
Q3 = Text({"en": "Three?", "ar": "ثلاثة؟"})  # no French yet


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Two?", "Three?"], [Q2, Q3]),  # the first deleted: the others keep theirs
        (["Three?", "One?", "Two?"], [Q3, Q1, Q2]),  # moved
        (["One?", "Two, edited?", "Three?"], [Q1, {"en": "Two, edited?"}, Q3]),  # edited
        (["New?", " One? ", ""], [{"en": "New?"}, Q1]),  # new line; spaces and blanks
        (["One?", "One?"], [Q1, {"en": "One?"}]),  # a copy is a new question
    ],
)
def test_translations_follow_their_question(lines, expected):
    assert carry_translations([Q1, Q2, Q3], lines, "en", "en") == expected


def test_editing_in_a_translation_keeps_what_was_only_shown():
    # A French editor shows Q3 in English (no French yet): unchanged, it is not copied into
    # French; a line edited in French corrects the French of the question at its place, and
    # the English and the other translations stay.
    assert carry_translations([Q1, Q2, Q3], ["Deux ?", "Three?"], "fr", "en") == [Q2, Q3]
    assert carry_translations([Q1, Q2], ["Un ?", "Deux !"], "fr", "en") == [
        Q1,
        {**Q2, "fr": "Deux !"},
    ]


def test_translating_a_question_shown_in_the_source_language_adds_the_translation():
    only_english = Text({"en": "Four?"})
    assert carry_translations([Q1, only_english], ["Un ?", "Quatre ?"], "fr", "en") == [
        Q1,
        {"en": "Four?", "fr": "Quatre ?"},
    ]


def test_deleting_a_question_keeps_the_others_translations_in_the_store(ws, meeting):
    group = groups.create_group(ws, meeting.id, name="G", guiding_questions=[Q1, Q2, Q3])
    lines = [q["en"] for q in group.guiding_questions][1:]
    groups.update_group(
        ws,
        group.id,
        guiding_questions=carry_translations(group.guiding_questions, lines, "en", "en"),
    )
    assert list(groups.get_group(ws, group.id).guiding_questions) == [Q2, Q3]


def test_impossible_values_are_refused(ws, meeting):
    group = groups.create_group(ws, meeting.id, name="G", capacity=3)
    for n in range(3):
        pid = participants.create_participant(ws, meeting_id=meeting.id, given_name=f"P{n}").id
        groups.assign(ws, group.id, pid)
    with pytest.raises(ValidationError, match="3 members, more than the 2 seats"):
        groups.update_group(ws, group.id, capacity=2)
    assert groups.update_group(ws, group.id, capacity=3).capacity == 3
    assert groups.update_group(ws, group.id, capacity=None).capacity is None
    with pytest.raises(ValidationError, match="two different languages"):
        groups.update_group(ws, group.id, interpretation=["en", "en"])
    with pytest.raises(ValidationError, match="two different languages"):
        groups.create_group(ws, meeting.id, name="H", interpretation=["fr", "fr"])
    assert groups.get_group(ws, group.id).interpretation == ()


def test_roles_lost_by_a_move_and_a_deleted_group(ws, meeting):
    a = groups.create_group(ws, meeting.id, name="A")
    b = groups.create_group(ws, meeting.id, name="B")
    rapporteur, plain = (
        participants.create_participant(ws, meeting_id=meeting.id, given_name=n).id
        for n in ("R", "P")
    )
    groups.assign(ws, a.id, rapporteur, rapporteur=True, facilitator=True)
    groups.assign(ws, a.id, plain)
    assert groups.roles_lost(ws, meeting.id, [rapporteur, plain], b.id) == [rapporteur]
    assert groups.roles_lost(ws, meeting.id, [rapporteur], None) == [rapporteur]
    assert groups.roles_lost(ws, meeting.id, [rapporteur], a.id) == []
    groups.move_members(ws, meeting.id, [rapporteur], b.id)
    moved = groups.get_group(ws, b.id).members[0]
    assert (moved.is_rapporteur, moved.is_facilitator) == (False, False)
    groups.delete_group(ws, a.id)
    assert groups.group_of(ws, meeting.id, plain) is None
    assert [g.id for g in groups.list_groups(ws, meeting.id)] == [b.id]


def test_two_groups_of_a_meeting_never_share_a_name(ws, meeting):
    groups.create_group(ws, meeting.id, name="Group 1. Africa")
    second = groups.create_group(ws, meeting.id, name="Group 2. The Americas")
    with pytest.raises(ValidationError, match="already called"):
        groups.create_group(ws, meeting.id, name="group 1. africa")
    with pytest.raises(ValidationError, match="already called"):
        groups.update_group(ws, second.id, name="Group 1. Africa")
    assert groups.update_group(ws, second.id, name="Group 2. Americas").name["en"] == (
        "Group 2. Americas"
    )
