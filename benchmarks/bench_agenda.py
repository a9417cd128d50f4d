"""Budgets of the agenda editor and the live session on the large workspace (400 items over
5 days, 5,000 participants): the view is ready within 150 ms and no action blocks the window
for more than 100 ms."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.run import Line, budget


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _timed(func, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@budget
def agenda_editor(context: dict) -> list[Line]:
    app = _app()
    from PySide6.QtGui import QUndoStack

    from gcm_dialogue import agenda, agenda_changes, meetings
    from gcm_dialogue.store import open_workspace
    from ui.context import AppContext
    from ui.undo import ChangeBus
    from ui.views.agenda_view import AgendaView
    from ui.views.live_view import LiveView

    path = Path(context["tmp"]) / "agenda-large.gcmd"
    shutil.copy(context["large"], path)
    ws = open_workspace(path)
    meeting = meetings.list_meetings(ws)[0]
    stack, bus = QUndoStack(), ChangeBus()
    ctx = AppContext(ws, stack, bus)
    view = AgendaView(ctx)
    view.resize(1200, 800)
    view.show()
    app.processEvents()

    def load():
        view._structure = None  # a full build, as when the meeting is first shown
        view.show_meeting(meeting)
        app.processEvents()

    ready = _timed(load)
    days = agenda.list_days(ws, meeting.id)
    first = agenda.list_items(ws, meeting.id, day_id=days[0].id)[0]

    def lengthen():
        view.select_item(first.id)
        view.change_duration(5)
        app.processEvents()

    longer = _timed(lengthen)

    def move_across():
        item = agenda.list_items(ws, meeting.id, day_id=days[0].id)[0]
        view.move_to(item.id, days[-1].id, 0)
        app.processEvents()

    move = _timed(move_across)
    undo = _timed(lambda: (stack.undo(), app.processEvents()))
    agenda_changes.publish(ws, meeting.id)
    published = _timed(lengthen)

    def open_dialog():
        view.select_item(first.id)
        view.edit_item()
        app.processEvents()
        view.dialog.reject()
        app.processEvents()

    dialog = _timed(open_dialog, runs=3)
    view.hide()

    live = LiveView(ctx)
    live.show()

    def load_live():
        live._people_of = None  # read the 5,000 participants again, as on first showing
        live.show_meeting(meeting)
        app.processEvents()

    live_ready = _timed(load_live, runs=3)
    item_id = live.item_id()
    for name in ("Switzerland", "Mexico", "Morocco", "Sweden", "Kenya", "Chile"):
        live.queue_input.setText(name)
        live.add_typed()

    def give_floor():
        live.next_speaker()
        app.processEvents()

    floor = _timed(give_floor, runs=5)
    assert live.item_id() == item_id
    live.hide()
    ws.close()
    return [
        Line("agenda view ready, large workspace (median)", ready, 150.0, "ms"),
        Line("agenda: lengthen an item (edit + redraw)", longer, 100.0, "ms"),
        Line("agenda: move an item to day 5 (edit + redraw)", move, 100.0, "ms"),
        Line("agenda: undo a move (restore + redraw)", undo, 100.0, "ms"),
        Line("agenda: lengthen on a published agenda", published, 100.0, "ms"),
        Line("agenda: open the item dialog (5,000 people)", dialog, 150.0, "ms"),
        Line("live session view ready, large workspace", live_ready, 150.0, "ms"),
        Line("live: give the floor to the next (edit + redraw)", floor, 100.0, "ms"),
    ]
