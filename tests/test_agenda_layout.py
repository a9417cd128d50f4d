"""The values agenda and meeting undo keep (``agenda_layout``), and ``snapshots.upsert``."""

import pytest

from gcm_dialogue import agenda, agenda_changes, agenda_layout, meetings, participants, snapshots


@pytest.fixture
def items(ws, meeting):
    day1, day2 = agenda.list_days(ws, meeting.id)
    a = agenda.add_item(ws, day1.id, title="Opening", kind="opening", duration_min=15)
    b = agenda.add_item(ws, day1.id, title="Session 1", duration_min=45)
    c = agenda.add_item(ws, day2.id, title="Closing", kind="closing", duration_min=30)
    return a, b, c


def _places(ws, meeting):
    return {i.id: (i.day_id, i.position) for i in agenda.list_items(ws, meeting.id)}


def test_capture_and_apply_layout_put_days_and_positions_back(ws, meeting, items):
    a, b, c = items
    day1, day2 = agenda.list_days(ws, meeting.id)
    before = agenda_layout.capture_layout(ws, meeting.id)
    assert before[0] == _places(ws, meeting)
    assert before[1] == {day1.id: day1.start_time, day2.id: day2.start_time}

    agenda.move_item(ws, a.id, day2.id, 0)
    agenda.set_day_start(ws, day1.id, "11:15")
    assert agenda_layout.capture_layout(ws, meeting.id) != before

    with ws.transaction():
        agenda_layout.apply_layout(ws, before)
    assert agenda_layout.capture_layout(ws, meeting.id) == before
    assert agenda.get_day(ws, day1.id).start_time == day1.start_time


def test_item_ids_are_the_meeting_items(ws, meeting, items):
    assert agenda_layout.item_ids(ws, meeting.id) == {i.id for i in items}


def test_item_rows_restore_rows_and_speakers_and_drop_new_items(ws, meeting, items):
    a, b, _c = items
    speaker = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Silva"
    )
    agenda.update_item(ws, a.id, speaker_ids=[speaker.id])
    kept = agenda_layout.ItemRows(ws, [a.id, b.id, a.id])
    assert kept.root_ids() == {a.id, b.id}
    assert [s["participant_id"] for s in kept.speakers] == [speaker.id]

    agenda.update_item(ws, a.id, title="Renamed", speaker_ids=[])
    extra = agenda.duplicate_item(ws, b.id)
    with ws.transaction():
        kept.restore(ws, drop={extra.id})

    restored = agenda.get_item(ws, a.id)
    assert restored.title["en"] == "Opening"
    assert restored.speaker_ids == (speaker.id,)
    assert extra.id not in agenda_layout.item_ids(ws, meeting.id)


def test_item_rows_of_nothing_restore_nothing(ws, meeting, items):
    empty = agenda_layout.ItemRows(ws, [])
    assert empty.root_ids() == set() and empty.speakers == []
    with ws.transaction():
        empty.restore(ws)
    assert agenda_layout.item_ids(ws, meeting.id) == {i.id for i in items}


def test_change_log_mark_lists_and_deletes_later_changes(ws, meeting, items):
    a, _b, _c = items
    agenda_changes.publish(ws, meeting.id)
    mark = agenda_layout.change_log_mark(ws)
    assert agenda_layout.changes_since_mark(ws, mark) == []

    agenda.update_item(ws, a.id, duration_min=20)
    new = agenda_layout.changes_since_mark(ws, mark)
    assert len(new) == 1
    assert agenda_changes.count_changes(ws, meeting.id) == 1

    with ws.transaction():
        agenda_layout.delete_changes(ws, new)
        agenda_layout.delete_changes(ws, [])
    assert agenda_layout.changes_since_mark(ws, mark) == []
    assert agenda_changes.count_changes(ws, meeting.id) == 0


def test_meeting_state_restores_the_row_and_drops_added_days(ws, meeting):
    before = agenda_layout.meeting_state(ws, meeting.id)
    assert before.meeting["short_name"] == "GRCP 7"
    assert len(before.days) == 2

    meetings.update_meeting(ws, meeting.id, short_name="GRCP 8", end_date="2017-10-13")
    after = agenda_layout.meeting_state(ws, meeting.id)
    assert len(after.days) == 4

    agenda_layout.restore_meeting_state(ws, before)
    assert agenda_layout.meeting_state(ws, meeting.id) == before
    assert meetings.get_meeting(ws, meeting.id).short_name == "GRCP 7"

    agenda_layout.restore_meeting_state(ws, after)
    assert agenda_layout.meeting_state(ws, meeting.id) == after


def test_upsert_inserts_then_updates_in_place(ws, meeting, items):
    a, _b, _c = items
    row = ws.query("SELECT * FROM agenda_items WHERE id = ?", (a.id,))[0]
    with ws.transaction():
        snapshots.upsert(ws, "agenda_items", {**row, "room": "Room XX"})
    assert agenda.get_item(ws, a.id).room == "Room XX"

    speaker = participants.create_participant(ws, meeting_id=meeting.id, given_name="Li")
    link = {"item_id": a.id, "participant_id": speaker.id, "position": 0}
    with ws.transaction():
        snapshots.upsert(ws, "agenda_item_speakers", link)
        snapshots.upsert(ws, "agenda_item_speakers", {**link, "position": 3})
    rows = ws.query("SELECT position FROM agenda_item_speakers WHERE item_id = ?", (a.id,))
    assert rows == [{"position": 3}]
