"""The live session panel: a three-minute intervention from the floor, by keyboard, with a
stubbed clock (no waiting), the delegation's total, the second screen, and undo of it all."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from gcm_dialogue import agenda, live
from ui.views.live_view import countdown_state, format_seconds

T0 = datetime(2017, 10, 10, 9, 30, tzinfo=UTC)


class FakeClock:
    def __init__(self):
        self.now = T0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def window(shown_window, demo_copy):
    return shown_window(demo_copy)


@pytest.fixture
def panel(qtbot, window):
    qtbot.keyClick(window.navigation, Qt.Key_2, Qt.ControlModifier)
    panel = window.view("live")
    assert window.stack.currentWidget() is panel
    panel.clock = FakeClock()
    qa = next(
        i for i in agenda.list_items(panel.ws, panel.meeting.id) if i.statement_limit_sec == 180
    )
    panel.item_box.setCurrentIndex(panel.item_box.findData(qa.id))
    panel.queue_list.setFocus()
    return panel


def _type_into_queue(qtbot, panel, text):
    qtbot.keyClick(panel.queue_list, Qt.Key_L, Qt.ControlModifier)
    assert panel.queue_input.hasFocus()
    qtbot.keyClicks(panel.queue_input, text)
    qtbot.keyClick(panel.queue_input, Qt.Key_Return)


@pytest.mark.parametrize(
    ("elapsed", "state", "shown"),
    [
        (0, "ok", "3:00"),
        (149, "ok", "0:31"),
        (150, "near", "0:30"),
        (180, "over", "0:00"),
        (185, "over", "-0:05"),
    ],
)
def test_countdown_colours(elapsed, state, shown):
    limit = live.Limit(180, 150)
    assert countdown_state(elapsed, limit) == state
    assert format_seconds(180 - elapsed) == shown


def test_a_three_minute_intervention_from_the_floor(qtbot, window, panel):
    ws, item_id = panel.ws, panel.item_id()
    qtbot.keyClick(panel.queue_list, Qt.Key_F5)
    assert agenda.get_item(ws, item_id).actual_start == "2017-10-10T09:30:00.000Z"
    assert "started 11:30" in panel.item_info.text()  # Geneva time
    _type_into_queue(qtbot, panel, "Switzerland")
    person = next(name for name in panel._people if name.isascii() and "(" in name)
    _type_into_queue(qtbot, panel, person.split(" (")[0])
    assert [e.name for e in live.queue(ws, item_id)][0] == "Switzerland"
    assert panel.queue_list.count() == 2

    qtbot.keyClick(panel.queue_list, Qt.Key_Return, Qt.ControlModifier)
    assert window.undo_stack.undoText() == "Give the floor to Switzerland"
    assert panel.speaker.text() == "Switzerland"
    assert (panel.countdown.text(), panel.countdown.property("state")) == ("3:00", "ok")
    panel.clock.advance(155)
    panel.tick()
    assert (panel.countdown.text(), panel.countdown.property("state")) == ("0:25", "near")
    panel.clock.advance(30)
    panel.tick()
    assert (panel.countdown.text(), panel.countdown.property("state")) == ("-0:05", "over")
    totals = panel.delegation_totals.topLevelItem(0)
    assert (totals.text(0), totals.text(2)) == ("Switzerland", "3:05")  # running total

    qtbot.keyClick(panel.queue_list, Qt.Key_Return, Qt.ControlModifier)
    assert live.interventions(ws, item_id)[0].seconds == 185
    panel.clock.advance(60)
    qtbot.keyClick(panel.queue_list, Qt.Key_F9)
    assert window.undo_stack.undoText().startswith("End the intervention of ")
    speakers, delegations = live.speaking_totals(ws, item_id)
    assert ("Switzerland", 185) in [(t.name, t.seconds) for t in delegations]
    assert sorted(t.seconds for t in speakers) == [60, 185]
    assert panel.countdown.property("state") == "idle"
    qtbot.keyClick(panel.queue_list, Qt.Key_F5, Qt.ShiftModifier)
    assert agenda.get_item(ws, item_id).actual_end == "2017-10-10T09:34:05.000Z"

    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    item = agenda.get_item(ws, item_id)
    assert (item.actual_start, item.actual_end) == (None, None)
    assert live.interventions(ws, item_id) == [] and live.queue(ws, item_id) == []
    assert panel.queue_list.count() == 0
    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    assert len(live.interventions(ws, item_id)) == 2


def test_queue_reorder_and_remove_by_keyboard(qtbot, window, panel):
    ws, item_id = panel.ws, panel.item_id()
    for name in ("Mexico", "Morocco", "Sweden"):
        _type_into_queue(qtbot, panel, name)
    panel.queue_list.setFocus()
    panel.queue_list.setCurrentRow(2)
    qtbot.keyClick(panel.queue_list, Qt.Key_Up, Qt.ControlModifier)
    assert [e.name for e in live.queue(ws, item_id)] == ["Mexico", "Sweden", "Morocco"]
    assert window.undo_stack.undoText() == "Move Sweden up the queue"
    assert panel.queue_list.currentRow() == 1
    qtbot.keyClick(panel.queue_list, Qt.Key_Delete)
    assert [e.name for e in live.queue(ws, item_id)] == ["Mexico", "Morocco"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [e.name for e in live.queue(ws, item_id)] == ["Mexico", "Morocco", "Sweden"]


def test_second_screen_follows_the_countdown(qtbot, window, panel):
    _type_into_queue(qtbot, panel, "Switzerland")
    _type_into_queue(qtbot, panel, "Mexico")
    qtbot.keyClick(panel.queue_list, Qt.Key_Return, Qt.ControlModifier)
    qtbot.keyClick(panel.queue_list, Qt.Key_F11)
    screen = panel.screen_window
    assert screen is not None and screen.isVisible()
    assert (screen.speaker.text(), screen.countdown.text()) == ("Switzerland", "3:00")
    assert screen.next.text() == "Next: Mexico"
    panel.clock.advance(200)
    panel.tick()
    assert screen.countdown.text() == "-0:20" and "#f8d7da" in screen.styleSheet()
    qtbot.keyClick(panel.queue_list, Qt.Key_F11)
    qtbot.waitUntil(lambda: panel.screen_window is None)


def test_a_surname_picks_the_participant_and_a_delegation_keeps_its_spelling(
    qtbot, panel, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    ws, item_id = panel.ws, panel.item_id()
    _type_into_queue(qtbot, panel, "arrieta")
    _type_into_queue(qtbot, panel, "switzerland")
    _type_into_queue(qtbot, panel, "Switzerland")  # the same delegation, still waiting
    entries = live.queue(ws, item_id)
    assert entries[0].participant_id is not None
    assert entries[0].name == "H.E. Ms Verónica Arrieta Solís"
    assert [(e.participant_id, e.delegation.casefold()) for e in entries[1:]] == [
        (None, "switzerland")
    ]
    assert said and "already in the queue" in said[0]
