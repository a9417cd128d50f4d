"""Notes: capture, tags typed by keyboard, review with history, filters, Chatham House."""

import pytest

from gcm_dialogue import groups, meetings, notes
from gcm_dialogue.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("c2", "cluster:2"),
        ("C6", "cluster:6"),
        ("cluster:3", "cluster:3"),
        ("(q)", "element:q"),
        ("(Q)", "element:q"),
        ("element:x", "element:x"),
        ("10.7", "sdg:10.7"),
        ("10.c", "sdg:10.c"),
        ("sdg:17.18", "sdg:17.18"),
        ("regional", "level:regional"),
        ("good_practice", "type:good_practice"),
    ],
)
def test_tags_as_typed(ws, typed, expected):
    assert notes.expand_tag(ws, typed) == expected
    assert notes.short_tag(expected) in (typed.lower(), typed.lower().split(":")[-1], "(x)", "c3")


@pytest.mark.parametrize("typed", ["c9", "(z)", "99.9", "cluster:0", "nonsense", "sdg:1.1"])
def test_unknown_tags_are_refused(ws, typed):
    with pytest.raises(ValidationError, match="unknown tag"):
        notes.expand_tag(ws, typed)


def test_a_typed_line_of_tags(ws):
    assert notes.expand_tags(ws, "c2 (q), 10.7  regional c2") == [
        "cluster:2",
        "element:q",
        "sdg:10.7",
        "level:regional",
    ]
    shorts = dict(notes.tag_choices(ws))
    assert shorts["c2"] == "cluster:2" and shorts["(q)"] == "element:q"
    assert shorts["10.7"] == "sdg:10.7"


def test_review_records_who_when_and_history(ws, meeting):
    note = notes.add_note(ws, meeting.id, "Data first", lang="en", tags=["cluster:3"])
    notes.update_note(
        ws, note.id, text="Data first, then policy", tags=["cluster:3", "element:v"], by="Ana"
    )
    notes.update_note(ws, note.id, text="Data first, then policy", by="Ana")  # no change
    moved = notes.advance_status(ws, [note.id], by="Secretariat")
    assert moved.ids == (note.id,)
    reviewed = notes.get_note(ws, note.id)
    assert (reviewed.status, reviewed.status_by) == ("reviewed", "Secretariat")
    assert reviewed.status_at is not None
    notes.advance_status(ws, [note.id], by="Chef")
    assert notes.advance_status(ws, [note.id], by="Chef").ids == ()  # final stays final
    history = notes.note_history(ws, note.id)
    assert [(h.field, h.changed_by, h.old_value, h.new_value) for h in history] == [
        ("text", "Ana", "Data first", "Data first, then policy"),
        ("tags", "Ana", "cluster:3", "cluster:3 element:v"),
        ("status", "Secretariat", "draft", "reviewed"),
        ("status", "Chef", "reviewed", "final"),
    ]


def test_capture_saves_keep_no_history(ws, meeting):
    note = notes.add_note(ws, meeting.id, "Dra", lang="en")
    notes.update_note(ws, note.id, text="Draft being typed", history=False)
    assert notes.note_history(ws, note.id) == []
    assert notes.get_note(ws, note.id).text == "Draft being typed"


def test_filters(ws, meeting):
    group = groups.create_group(ws, meeting.id, name="Africa", region="africa")
    a = notes.add_note(
        ws,
        meeting.id,
        "Free movement",
        lang="en",
        group_id=group.id,
        kind="recommendation",
        tags=["cluster:2"],
        author="Ana",
    )
    b = notes.add_note(ws, meeting.id, "Remittances", lang="fr", tags=["cluster:4"], author="Bo")
    notes.set_status(ws, b.id, "final", by="x")
    f = notes.NoteFilter
    assert notes.note_ids(ws, meeting.id) == [a.id, b.id]
    assert notes.note_ids(ws, meeting.id, f(group_id=group.id)) == [a.id]
    assert notes.note_ids(ws, meeting.id, f(kinds=("recommendation",))) == [a.id]
    assert notes.note_ids(ws, meeting.id, f(statuses=("final",))) == [b.id]
    assert notes.note_ids(ws, meeting.id, f(tag="cluster:4")) == [b.id]
    assert notes.note_ids(ws, meeting.id, f(author="Ana")) == [a.id]
    assert notes.note_ids(ws, meeting.id, f(text="REMIT")) == [b.id]
    assert notes.note_ids(ws, meeting.id, f(text="50%")) == []
    assert notes.authors(ws, meeting.id) == ["Ana", "Bo"]
    assert notes.used_tags(ws, meeting.id) == ["cluster:2", "cluster:4"]
    assert set(notes.get_notes(ws, [a.id, b.id, "gone"])) == {a.id, b.id}


def test_chatham_house_refuses_attribution(ws, meeting):
    from gcm_dialogue import participants

    person = participants.create_participant(ws, given_name="Ana", family_name="Diallo")
    participants.add_to_meeting(ws, meeting.id, person.id)
    note = notes.add_note(ws, meeting.id, "Said", lang="en", attribution_participant_id=person.id)
    assert note.attribution_participant_id == person.id
    meetings.update_meeting(ws, meeting.id, chatham_house=True)
    with pytest.raises(ValidationError, match="Chatham House"):
        notes.add_note(ws, meeting.id, "Said", lang="en", attribution_participant_id=person.id)


def test_running_item_live_or_by_the_clock(ws, meeting):
    from datetime import UTC, datetime

    from gcm_dialogue import agenda

    day1 = agenda.list_days(ws, meeting.id)[0]
    opening = agenda.add_item(ws, day1.id, title="Opening", duration_min=60)
    session = agenda.add_item(ws, day1.id, title="Session 1", duration_min=90)
    # 09:00 Geneva on 10 October 2017 is 07:00 UTC; the day starts at 09:00
    at = datetime(2017, 10, 10, 8, 15, tzinfo=UTC)  # 10:15 local
    assert notes.running_item(ws, meeting.id, at) == session.id
    assert notes.running_item(ws, meeting.id, datetime(2017, 10, 12, 8, 0, tzinfo=UTC)) is None
    agenda.record_actual(ws, opening.id, start=True)
    assert notes.running_item(ws, meeting.id, at) == opening.id
