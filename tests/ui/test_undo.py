"""Undo commands on a bare QUndoStack, no widget: each edit kind undone and redone exactly."""

import pytest
from PySide6.QtGui import QUndoStack

from gcm_dialogue import agenda, groups, participants
from gcm_dialogue.errors import ValidationError
from ui.undo import ChangeBus, EditCommand, push_edit


def _titles(ws, meeting, day_id):
    return [i.title["en"] for i in agenda.list_items(ws, meeting.id, day_id=day_id)]


def test_create_move_update_delete_undo_redo(ws, meeting):
    stack = QUndoStack()
    day1, day2 = agenda.list_days(ws, meeting.id)
    for title in ("Opening", "Session 1", "Lunch"):
        push_edit(
            stack,
            EditCommand(
                ws,
                f"Add '{title}'",
                "agenda_items",
                [],
                lambda t=title: agenda.add_item(ws, day1.id, title=t),
            ),
        )
    assert _titles(ws, meeting, day1.id) == ["Opening", "Session 1", "Lunch"]
    items = agenda.list_items(ws, meeting.id)
    session = items[1]
    scope = [i.id for i in items]
    push_edit(
        stack,
        EditCommand(
            ws,
            "Move 'Session 1' to day 2",
            "agenda_items",
            scope,
            lambda: agenda.move_item(ws, session.id, day2.id, 0),
        ),
    )
    push_edit(
        stack,
        EditCommand(
            ws,
            "Lengthen 'Opening'",
            "agenda_items",
            [items[0].id],
            lambda: agenda.update_item(ws, items[0].id, duration_min=95),
        ),
    )
    push_edit(
        stack,
        EditCommand(
            ws,
            "Delete 'Lunch'",
            "agenda_items",
            [items[2].id],
            lambda: agenda.delete_item(ws, items[2].id),
        ),
    )
    assert _titles(ws, meeting, day1.id) == ["Opening"]
    assert stack.undoText() == "Delete 'Lunch'"

    stack.undo()
    assert _titles(ws, meeting, day1.id) == ["Opening", "Lunch"]
    stack.undo()
    assert agenda.get_item(ws, items[0].id).duration_min == 60
    stack.undo()
    assert _titles(ws, meeting, day1.id) == ["Opening", "Session 1", "Lunch"]
    assert _titles(ws, meeting, day2.id) == []
    while stack.canUndo():
        stack.undo()
    assert agenda.list_items(ws, meeting.id) == []
    while stack.canRedo():
        stack.redo()
    assert _titles(ws, meeting, day1.id) == ["Opening"]
    assert _titles(ws, meeting, day2.id) == ["Session 1"]
    assert agenda.get_item(ws, items[0].id).duration_min == 95


def test_undo_delete_restores_everything_hanging_on_the_row(ws, meeting):
    stack = QUndoStack()
    person = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Muiño", roles=["rapporteur"]
    )
    group = groups.create_group(ws, meeting.id, name="Americas", region="americas")
    groups.assign(ws, group.id, person.id, rapporteur=True)
    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(
        ws, day.id, title="Panel", moderator_id=person.id, speaker_ids=[person.id]
    )
    push_edit(
        stack,
        EditCommand(
            ws,
            "Delete 'Ana Muiño'",
            "participants",
            [person.id],
            lambda: participants.delete_participant(ws, person.id),
        ),
    )
    assert agenda.get_item(ws, item.id).moderator_id is None
    stack.undo()
    assert participants.get_participant(ws, person.id, meeting_id=meeting.id).roles == (
        "rapporteur",
    )
    assert groups.get_group(ws, group.id).rapporteur_id == person.id
    restored = agenda.get_item(ws, item.id)
    assert restored.moderator_id == person.id and restored.speaker_ids == (person.id,)


def test_refused_action_leaves_no_command_and_no_change(ws, meeting):
    stack = QUndoStack()
    day = agenda.list_days(ws, meeting.id)[0]
    with pytest.raises(ValidationError):
        push_edit(
            stack,
            EditCommand(
                ws,
                "Add",
                "agenda_items",
                [],
                lambda: agenda.add_item(ws, day.id, title="X", duration_min=-1),
            ),
        )
    assert stack.count() == 0
    assert agenda.list_items(ws, meeting.id) == []


def test_bus_announces_the_table_and_rows(ws, meeting, qtbot):
    bus, stack = ChangeBus(), QUndoStack()
    day = agenda.list_days(ws, meeting.id)[0]
    with qtbot.waitSignal(bus.changed) as blocker:
        push_edit(
            stack,
            EditCommand(
                ws, "Add", "agenda_items", [], lambda: agenda.add_item(ws, day.id, title="X"), bus
            ),
        )
    table, ids = blocker.args
    assert table == "agenda_items" and len(ids) == 1


def test_an_action_failing_midway_leaves_nothing_and_no_command(tmp_path):
    from gcm_dialogue import meetings
    from gcm_dialogue.store import open_workspace

    with open_workspace(tmp_path / "w.gcmd") as ws:
        stack = QUndoStack()

        def two_calls():  # the first call succeeds, the second is refused
            meetings.create_meeting(
                ws, short_name="A", title="A", start_date="2026-01-01", end_date="2026-01-02"
            )
            meetings.create_meeting(
                ws, short_name="B", title="B", start_date="2026-01-02", end_date="2026-01-01"
            )

        command = EditCommand(ws, "two meetings", "meetings", [], two_calls)
        with pytest.raises(ValidationError):
            push_edit(stack, command)
        assert ws.scalar("SELECT count(*) FROM meetings") == 0
        assert stack.count() == 0
