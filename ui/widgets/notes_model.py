"""The notes list as a Qt model that holds ids and fetches rows a page at a time (Anki)."""

from __future__ import annotations

import time

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gcm_dialogue import i18n, notes
from gcm_dialogue.notes import Note
from gcm_dialogue.store import Workspace

ID_ROLE = Qt.UserRole + 1
PAGE = 200
STALE_AFTER = 30.0  # seconds; a cached row older than this is read again


class NotesModel(QAbstractTableModel):
    COLUMNS = ("time", "kind", "status", "text", "tags", "place", "author")

    def __init__(self, ws: Workspace, parent: object = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.ids: list[str] = []
        self.places: dict[tuple[str | None, str | None], str] = {}
        self.time_zone = "UTC"
        self._cache: dict[str, tuple[float, Note]] = {}

    def headers(self) -> list[str]:
        return [
            i18n._("Time"),
            i18n._("Kind"),
            i18n._("Status"),
            i18n._("Note"),
            i18n._("Tags"),
            i18n._("Session or group"),
            i18n._("Author"),
        ]

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self.ids = list(ids)
        self._cache.clear()
        self.endResetModel()

    def forget(self, ids: tuple[str, ...] | None = None) -> None:
        """Drop cached rows (all, or those named) so they are read again."""
        if ids is None:
            self._cache.clear()
        else:
            for note_id in ids:
                self._cache.pop(note_id, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, 6))

    def note_at(self, row: int) -> Note | None:
        if not 0 <= row < len(self.ids):
            return None
        note_id = self.ids[row]
        cached = self._cache.get(note_id)
        if cached is None or time.monotonic() - cached[0] > STALE_AFTER:
            start = max(0, row - PAGE // 4)
            page = [
                i for i in self.ids[start : start + PAGE] if i not in self._cache or i == note_id
            ]
            now = time.monotonic()
            for found_id, note in notes.get_notes(self.ws, page).items():
                self._cache[found_id] = (now, note)
            cached = self._cache.get(note_id)
        return None if cached is None else cached[1]

    def row_of(self, note_id: str) -> int:
        try:
            return self.ids.index(note_id)
        except ValueError:
            return -1

    # ---- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):  # noqa: N802, ANN201
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < 7:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        note = self.note_at(index.row())
        if note is None:
            return None
        if role == ID_ROLE:
            return note.id
        column = self.COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            return self._display(note, column)
        if role == Qt.ToolTipRole and column == "text":
            return note.text
        if role == Qt.ToolTipRole and column == "time":
            return local_time(note.captured_at, self.time_zone, full=True)
        return None

    def _display(self, note: Note, column: str) -> str:
        if column == "time":
            return local_time(note.captured_at, self.time_zone)
        if column == "kind":
            return str(notes.KINDS[note.kind])
        if column == "status":
            return str(notes.STATUSES[note.status])
        if column == "text":
            return " ".join(note.text.split())
        if column == "tags":
            return " ".join(notes.short_tag(t) for t in note.tags)
        if column == "place":
            return self.places.get((note.agenda_item_id, note.group_id)) or self.places.get(
                (None, note.group_id) if note.group_id else (note.agenda_item_id, None), ""
            )
        return note.author


def local_time(stamp: str, time_zone: str, full: bool = False) -> str:
    """When a note was captured, in the meeting's time zone: "10 Oct 10:03" (short, for the
    list: the year is the meeting's), or the full date and time."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from babel.dates import format_skeleton

    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(time_zone))
    if full:
        return i18n.format_datetime(moment, format="medium")
    day = format_skeleton("MMMd", moment, locale=i18n.babel_locale())
    return f"{day} {i18n.format_time(moment.time(), format='short')}"
