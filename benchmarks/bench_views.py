"""Every view of the main window on the large workspace, within DESIGN's 150 ms per view:

- *shown*: the view refreshed for the meeting and painted, as when the meeting is chosen and
  the view brought up (median of 3; work a view hands to a background thread, such as the
  outcomes' proposals, is left to finish between runs and not counted);
- *built*: the view made and filled for the meeting. The window does this once per view in
  the background after its first paint, one view per turn of the event loop, so it is also
  how long the window may be busy at a time while it starts.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.run import Line, budget


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


@budget
def every_view(context: dict) -> list[Line]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from gcm_dialogue.store import open_workspace
    from ui.main_window import MainWindow
    from ui.views import VIEWS

    path = Path(context["tmp"]) / "views-large.gcmd"
    shutil.copy(context["large"], path)
    window = MainWindow(open_workspace(path))
    window.resize(1280, 800)
    window.show()
    deadline = time.perf_counter() + 60
    while len(window.views) < len(VIEWS) and time.perf_counter() < deadline:
        app.processEvents()
    meeting = window.current_meeting()
    pool = QThreadPool.globalInstance()
    lines = []
    for row, entry in enumerate(VIEWS):
        view = window.view(entry.view_id)
        times = []
        for _run in range(3):
            pool.waitForDone()
            app.processEvents()
            started = time.perf_counter()
            view.show_meeting(meeting)
            window.show_row(row)
            view.repaint()
            times.append(_ms(started))
        line = f"{entry.view_id} view shown, large (median of 3)"
        lines.append(Line(line, statistics.median(times), 150.0, "ms"))
    for entry in VIEWS:
        view_class = entry.load()
        pool.waitForDone()
        app.processEvents()
        started = time.perf_counter()
        view = view_class(window.context)
        view.show_meeting(meeting)
        lines.append(Line(f"{entry.view_id} view built, large", _ms(started), 150.0, "ms"))
        view.deleteLater()
    app.processEvents()
    window.close()
    window.ws.close()
    return lines
