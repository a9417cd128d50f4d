"""Issue 3's "Done when", walked end to end from the main window by keyboard alone: a late
start shifts day 1 while lunch stays, the agenda is published and its changes listed, a
three-minute intervention from the floor runs with the countdown, the delegation's total
shows, and undo takes all of it back."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gcm_dialogue import agenda, agenda_changes, live
from ui.views.agenda_view import CHECK, TIME, TITLE


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2017, 10, 10, 7, 20, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def window(shown_window, demo_copy):
    return shown_window(demo_copy)


def _dialog(qtbot, view):
    """The dialog the view opened, once it is the active window (as a person sees it)."""
    dialog = view.dialog
    assert dialog is not None
    dialog.activateWindow()  # the offscreen platform does not activate it by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _row(view, title):
    heading = view.tree.topLevelItem(0)
    return next(
        heading.child(n)
        for n in range(heading.childCount())
        if heading.child(n).text(TITLE).startswith(title)
    )


def _state(ws, meeting_id):
    items = agenda.list_items(ws, meeting_id)
    return (
        [(i.id, i.day_id, i.position, i.duration_min, i.actual_start, i.actual_end) for i in items],
        agenda_changes.published_version(ws, meeting_id),
        ws.scalar("SELECT count(*) FROM interventions"),
        ws.scalar("SELECT count(*) FROM speaker_queue"),
    )


def test_done_when_by_keyboard_alone_and_all_undone(qtbot, window):
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    view = window.view("agenda")
    ws, meeting_id = view.ws, view.meeting.id
    before = _state(ws, meeting_id)

    # the 20-minute late start: the first item of day 1 is selected, four times "+"
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key_Home)
    qtbot.keyClick(view.tree, Qt.Key_Down)
    assert view.current_item_id() is not None
    for _ in range(4):
        qtbot.keyClick(view.tree, Qt.Key_Plus)
    assert _row(view, "Opening").text(TIME).startswith("10:20")
    assert _row(view, "Session 1. Global").text(TIME).startswith("10:35")
    assert _row(view, "Lunch").text(TIME).startswith("13:00")
    assert _row(view, "Lunch").text(CHECK)  # the overlap is shown

    # publish, change one more item with a reason, list the changes since version 1
    qtbot.keyClick(view.tree, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
    assert agenda_changes.published_version(ws, meeting_id) == 1
    qtbot.keyClick(view.tree, Qt.Key_Down)
    qtbot.keyClick(view.tree, Qt.Key_Minus)
    assert len(agenda_changes.changes_since(ws, meeting_id, 1)) == 1
    qtbot.keyClick(view.tree, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    listing = _dialog(qtbot, view)
    assert listing.tree.topLevelItemCount() == 1
    qtbot.keyClick(listing, Qt.Key_Escape)
    assert view.dialog is None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # the live session: Ctrl+2, pick the Q&A item with the keyboard, start it
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    panel = window.view("live")
    panel.clock = FakeClock()
    assert window.stack.currentWidget() is panel
    qa = next(i for i in agenda.list_items(ws, meeting_id) if i.statement_limit_sec == 180)
    panel.item_box.setFocus()
    while panel.item_id() != qa.id:
        qtbot.keyClick(panel.item_box, Qt.Key_Down)
    qtbot.keyClick(panel.item_box, Qt.Key_F5)
    assert agenda.get_item(ws, qa.id).actual_start is not None
    qtbot.keyClick(panel.item_box, Qt.Key_L, Qt.ControlModifier)
    qtbot.keyClicks(panel.queue_input, "Switzerland")
    qtbot.keyClick(panel.queue_input, Qt.Key_Return)
    qtbot.keyClick(panel.queue_input, Qt.Key_Return, Qt.ControlModifier)
    assert panel.countdown.text() == "3:00"
    panel.clock.now += timedelta(seconds=170)
    panel.tick()
    assert panel.countdown.property("state") == "near"
    panel.clock.now += timedelta(seconds=15)
    panel.tick()
    assert panel.countdown.property("state") == "over"
    qtbot.keyClick(panel.queue_input, Qt.Key_F9)
    totals = panel.delegation_totals.topLevelItem(0)
    assert (totals.text(0), totals.text(1), totals.text(2)) == ("Switzerland", "1", "3:05")
    assert [(t.name, t.seconds) for t in live.speaking_totals(ws, qa.id)[1]] == [
        ("Switzerland", 185)
    ]

    # and undo it all with Ctrl+Z
    steps = 0
    while window.undo_stack.canUndo() and steps < 50:
        qtbot.keyClick(panel.queue_input, Qt.Key_Z, Qt.ControlModifier)
        steps += 1
    assert not window.undo_stack.canUndo()
    assert _state(ws, meeting_id) == before
