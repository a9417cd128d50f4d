"""Views whose editor is saved when the user leaves it: another item, another language,
another view, the window closing. Nothing asks; the save is an undoable step of its own."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent

from gcm_dialogue.meetings import Meeting

from .base import View


class SavesOnLeave(View):
    """Subclasses say what is typed and not saved yet (``_pending``: None when nothing) and
    save it (``_save_pending``: False when the store refused it)."""

    _saving_on_leave = False
    _refresh_waiting = False

    def _pending(self) -> object | None:
        raise NotImplementedError

    def _save_pending(self, pending: object) -> bool:
        raise NotImplementedError

    def flush(self) -> bool:
        """Save what is typed when it differs from the store. False when refused."""
        pending = self._pending()
        if pending is None:
            return True
        self._saving_on_leave = True
        try:
            return self._save_pending(pending)
        finally:
            self._saving_on_leave = False

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.flush()  # typed for the meeting shown until now: kept before switching
        super().show_meeting(meeting)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.flush()  # another view, or the window closing: what was typed is kept
        super().hideEvent(event)

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table not in self.tables and table != "meetings":
            return
        if self._saving_on_leave:
            # the list is changing its current item: rebuild it once that is done
            if not self._refresh_waiting:
                self._refresh_waiting = True
                QTimer.singleShot(0, self._refresh_now)
            return
        self.refresh()

    def _refresh_now(self) -> None:
        self._refresh_waiting = False
        self.refresh()
