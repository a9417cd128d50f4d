"""Killing the application right after typing loses nothing: a real process, killed hard."""

import os
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gcm_dialogue import meetings
from gcm_dialogue.store import open_workspace

ROOT = Path(__file__).resolve().parents[1]
LINE_TIMEOUT = 60  # seconds to wait for a line from the child before giving up on it

CHILD = r"""
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from PySide6.QtCore import QSettings

app = QApplication([])
app.setOrganizationName("GCM Dialogue Tests")
app.setApplicationName("GCM Dialogue Tests")
QSettings.setDefaultFormat(QSettings.IniFormat)  # settings in the test's folder, not the user's
QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, sys.argv[2])
from gcm_dialogue import meetings
from gcm_dialogue.store import open_workspace
from ui.context import AppContext
from ui.undo import ChangeBus
from ui.views.notes_view import NotesView

ws = open_workspace(sys.argv[1])
view = NotesView(AppContext(ws, QUndoStack(), ChangeBus()))
view.show_meeting(meetings.resolve_meeting(ws, None))
view.show()
QTest.keyClicks(view.text, "Kept with Enter")
QTest.keyClick(view.text, Qt.Key_Return)
QTest.keyClicks(view.text, "Typed, never kept: ")
view.text.insertPlainText("الهجرة 移民")  # as an input method commits it
QTest.keyClick(view.text, Qt.Key_Tab)
QTest.keyClicks(view.tags, "c2 (q)")  # the last keystroke
print("typed", flush=True)
QTimer.singleShot(1000, lambda: print("a second later", flush=True))
app.exec()
"""


def _texts(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT text FROM notes ORDER BY captured_at")]
    finally:
        conn.close()


class _Output:
    """The child's output read on threads, so that waiting for a line can time out and a
    chatty child never blocks on a full pipe."""

    def __init__(self, child: subprocess.Popen) -> None:
        self.child = child
        self.lines: queue.Queue = queue.Queue()
        self.errors: list[str] = []
        self.threads = [
            threading.Thread(target=self._read_lines, daemon=True),
            threading.Thread(target=lambda: self.errors.extend(child.stderr), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _read_lines(self) -> None:
        for line in self.child.stdout:
            self.lines.put(line)
        self.lines.put(None)  # the end of the output

    def kill(self) -> None:
        if self.child.poll() is None:
            self.child.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up
        self.child.wait(timeout=LINE_TIMEOUT)
        for thread in self.threads:
            thread.join(timeout=LINE_TIMEOUT)

    def expect(self, expected: str) -> None:
        """The child's next line is ``expected``; otherwise the child is killed first, then
        its error output (complete once it is dead) makes the failure message."""
        try:
            line = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            line = f"(nothing within {LINE_TIMEOUT} s)"
        if line is None or line.strip() != expected:
            self.kill()
            pytest.fail(
                f"expected {expected!r} from the child, got {line!r}:\n{''.join(self.errors)}"
            )


def test_killed_a_second_after_the_last_keystroke(tmp_path):
    path = tmp_path / "kill.gcmd"
    with open_workspace(path) as ws:
        meetings.create_meeting(
            ws, short_name="GRCP 7", title="Seventh", start_date="2017-10-10", end_date="2017-10-11"
        )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "settings")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    output = _Output(child)
    try:
        output.expect("typed")
        # a note kept with Enter is on disk at once
        assert _texts(path)[0] == "Kept with Enter"
        # one second after the last keystroke (the application's own clock), kill it hard
        output.expect("a second later")
    finally:
        output.kill()
    # killed, not exited: SIGKILL on POSIX, TerminateProcess (exit code 1) on Windows
    assert child.returncode == (1 if sys.platform == "win32" else -signal.SIGKILL)
    with open_workspace(path) as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        assert [r["text"] for r in ws.query("SELECT text FROM notes ORDER BY captured_at")] == [
            "Kept with Enter",
            "Typed, never kept: الهجرة 移民",
        ]
        from gcm_dialogue import notes, search

        [hit] = search.search(ws, "移民")
        assert notes.get_note(ws, hit.note_id).tags == ("cluster:2", "element:q")
