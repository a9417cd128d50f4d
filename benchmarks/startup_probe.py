"""Started as a child process by run.py: paints one window and reports when it did.

    python startup_probe.py bare          a bare PySide6 window
    python startup_probe.py app WORKSPACE the application's main window on a workspace
    python startup_probe.py tour WORKSPACE the same, then every view shown in turn

Prints one JSON line: seconds from interpreter start to the first paint and to the first
view built (``ready``), and peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    """Notes the first paint, then when the window is ready: its first view built."""

    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__()
        self.app = app
        self.window = window
        self.seconds: float | None = None
        self.ready: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Paint and self.seconds is None:
            self.seconds = time.perf_counter() - START
            QTimer.singleShot(0, self.wait_until_ready)
        return False

    def wait_until_ready(self) -> None:
        if getattr(self.window, "views", True):  # a bare window has nothing more to build
            self.ready = time.perf_counter() - START
            QTimer.singleShot(0, self.tour if TOUR else self.app.quit)
        else:
            QTimer.singleShot(0, self.wait_until_ready)

    def tour(self) -> None:
        """Shows every view in turn, as a user going through the meeting would."""
        for row in range(self.window.navigation.count()):
            self.window.show_row(row)
            self.app.processEvents()
        self.app.quit()


TOUR = len(sys.argv) > 1 and sys.argv[1] == "tour"


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare":
        app = QApplication(sys.argv[:1])
        window = QMainWindow()
        window.setWindowTitle("bare")
        window.resize(1100, 700)
    else:
        from gcm_dialogue import cli
        from gcm_dialogue.store import open_workspace

        cli.parse(["--db", sys.argv[2], "--lang", "en"])  # as main.py does before the window
        from ui.app import make_application
        from ui.main_window import MainWindow

        app = make_application(sys.argv[:1], "en")
        window = MainWindow(open_workspace(sys.argv[2], create=False))
    probe = FirstPaint(app, window)
    window.installEventFilter(probe)
    window.show()
    app.exec()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": probe.seconds, "ready": probe.ready, "peak_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main()
