"""Work that may take more than a moment runs off the UI thread, with a progress bar.

``run_task(parent, title, work, on_done)`` runs ``work(progress)`` in a worker thread;
``progress(done, total)`` moves the bar and returns False once the user has cancelled, so
the work can stop early (and its transaction roll back). ``on_done(result)`` runs on the UI
thread; a ``KnownError`` is shown to the user, anything else is reported as a bug.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _

Progress = Callable[[int, int], bool]


class _Signals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], object], signals: _Signals) -> None:
        super().__init__()
        self.work, self.signals, self.cancelled = work, signals, False

    def progress(self, done: int, total: int) -> bool:
        self._emit(self.signals.progressed, done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Exception as exc:  # handed to the UI thread, which decides how to report it
            self._emit(self.signals.failed, exc, traceback.format_exc())
        else:
            self._emit(self.signals.finished, result)

    def _emit(self, signal: object, *values: object) -> None:
        try:
            signal.emit(*values)  # type: ignore[attr-defined]
        except RuntimeError:  # the window that asked was closed meanwhile: nobody to tell
            self.cancelled = True


class Task(QObject):
    """A running piece of work; ``done`` is emitted on the UI thread with the result."""

    done = Signal(object)
    error = Signal(object)

    def __init__(
        self, parent: QWidget | None, title: str, work: Callable[[Progress], object]
    ) -> None:
        super().__init__(parent)
        self.signals = _Signals()
        self.runnable = _Runnable(work, self.signals)
        self.runnable.setAutoDelete(False)
        self.dialog = QProgressDialog(title, _("Cancel"), 0, 0, parent)
        self.dialog.setWindowModality(Qt.WindowModal)
        self.dialog.setMinimumDuration(1000)  # only shown when it takes longer than a second
        self.dialog.canceled.connect(self._cancel)
        self.signals.progressed.connect(self._on_progress)
        self.signals.finished.connect(self._on_finished)
        self.signals.failed.connect(self._on_failed)

    def start(self) -> Task:
        QThreadPool.globalInstance().start(self.runnable)
        return self

    def _cancel(self) -> None:
        self.runnable.cancelled = True

    def _on_progress(self, done: int, total: int) -> None:
        if total:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.hide()

    def _on_finished(self, result: object) -> None:
        self._close()
        self.done.emit(result)

    def _on_failed(self, exc: object, details: str) -> None:
        self._close()
        self.error.emit(exc)
        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        if isinstance(exc, KnownError):
            QMessageBox.warning(parent, _("GCM Dialogue"), str(exc))
        else:
            box = QMessageBox(
                QMessageBox.Critical,
                _("GCM Dialogue"),
                _("Something went wrong inside GCM Dialogue. Nothing was changed."),
                parent=parent,
            )
            box.setDetailedText(details)
            QTimer.singleShot(0, box.exec)


def run_task(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], object],
    on_done: Callable[[object], None] | None = None,
) -> Task:
    task = Task(parent, title, work)
    if on_done is not None:
        task.done.connect(on_done)
    return task.start()
