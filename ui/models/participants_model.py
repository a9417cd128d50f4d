"""A meeting's participants as a Qt table model that holds ids and fetches rows lazily.

As Anki's browser table model does: the model keeps the ordered ids and a small search index
(one folded string per person); the rows a view paints are read a page at a time and kept in
a cache that goes stale with time. Filtering is a scan of the index, so a keystroke costs a
few milliseconds at 5,000 people.
"""

from __future__ import annotations

import json
import time
from functools import cache

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from gcm_dialogue import participants
from gcm_dialogue.duplicates import fold
from gcm_dialogue.i18n import N_, babel_locale, current_language
from gcm_dialogue.store import Workspace

ID_ROLE = Qt.UserRole + 1
PAGE = 200
STALE_AFTER = 30.0  # seconds

COLUMNS = (
    ("name", N_("Name")),
    ("organisation", N_("Organisation")),
    ("category", N_("Category")),
    ("country", N_("Country")),
    ("roles", N_("Roles")),
    ("group", N_("Group")),
    ("email", N_("Email")),
    ("languages", N_("Languages")),
    ("gender", N_("Gender")),
)
GENDER_LABELS = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other")}


@cache
def country_name(code: str, lang: str) -> str:
    if not code:
        return ""
    return babel_locale(lang).territories.get(code, code)


@cache
def language_name(code: str, lang: str) -> str:
    return babel_locale(lang).languages.get(code, code)


class ParticipantsModel(QAbstractTableModel):
    def __init__(self, ws: Workspace, parent: object = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.meeting_id: str | None = None
        self.source_lang = "en"
        self.ids: list[str] = []  # what the table shows, in order
        self._all: list[tuple[str, str]] = []  # (id, folded search text), sorted
        self._texts: dict[str, str] = {}
        self._needle = ""
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self._cache: dict[str, tuple[float, dict]] = {}

    # ---- loading, filtering, sorting -------------------------------------------------------

    def load(self, meeting_id: str | None, source_lang: str = "en") -> None:
        """Read the meeting's people (ids and search text) again; rows are read when shown."""
        self.meeting_id, self.source_lang = meeting_id, source_lang
        self._read_index()
        self._apply_filter()

    def _read_index(self, *, texts: bool = True) -> None:
        """The ids in the chosen order and, unless only the order changed, their search text."""
        if self.meeting_id is None:
            self._all, self._texts = [], {}
            return
        key = COLUMNS[self.sort_column][0] if self.sort_column >= 0 else "position"
        rows = participants.search_rows(
            self.ws, self.meeting_id, key, self.sort_order == Qt.DescendingOrder
        )
        if texts or any(r["id"] not in self._texts for r in rows):
            lang = current_language()
            categories = {
                code: fold(str(label)) + " " + code
                for code, label in participants.CATEGORIES.items()
            }
            mechanisms: dict[str, str] = {}
            self._texts = {}
            for r in rows:
                mechanism = r["mechanism_name"] or ""
                if mechanism not in mechanisms:
                    names = json.loads(mechanism).values() if mechanism else ()
                    mechanisms[mechanism] = " ".join(fold(n) for n in names)
                self._texts[r["id"]] = " ".join(
                    (
                        fold(r["given_name"]),
                        fold(r["family_name"]),
                        fold(r["honorific"]),
                        fold(r["organisation"]),
                        fold(r["acronym"] or ""),
                        mechanisms[mechanism],
                        r["country"].lower(),
                        fold(country_name(r["country"], lang)),
                        fold(r["email"].split("@")[0]),
                        categories.get(r["category"], r["category"]),
                    )
                )
        self._all = [(r["id"], self._texts[r["id"]]) for r in rows]

    def set_filter(self, text: str) -> None:
        self._needle = text
        self._apply_filter()

    def _apply_filter(self) -> None:
        words = fold(self._needle).split()
        self.beginResetModel()
        if not words:
            self.ids = [pid for pid, _text in self._all]
        elif len(words) == 1:
            word = words[0]
            self.ids = [pid for pid, text in self._all if word in text]
        else:
            self.ids = [pid for pid, text in self._all if all(w in text for w in words)]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:  # noqa: N802
        self.sort_column, self.sort_order = column, order
        self._read_index(texts=False)
        self._apply_filter()

    def forget(self, ids: tuple[str, ...] | None = None) -> None:
        """Drop cached rows (all, or those named) so they are read again when shown."""
        if ids is None:
            self._cache.clear()
        else:
            for pid in ids:
                self._cache.pop(pid, None)
        if self.ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.ids) - 1, len(COLUMNS) - 1))

    @property
    def total(self) -> int:
        return len(self._all)

    def row_of(self, participant_id: str) -> int:
        try:
            return self.ids.index(participant_id)
        except ValueError:
            return -1

    def person_at(self, row: int) -> dict | None:
        if not 0 <= row < len(self.ids) or self.meeting_id is None:
            return None
        pid = self.ids[row]
        cached = self._cache.get(pid)
        if cached is None or time.monotonic() - cached[0] > STALE_AFTER:
            start = max(0, row - PAGE // 4)
            page = [i for i in self.ids[start : start + PAGE] if i not in self._cache or i == pid]
            now = time.monotonic()
            if len(self._cache) > 20 * PAGE:
                self._cache.clear()
            for found, data in participants.display_rows(self.ws, self.meeting_id, page).items():
                self._cache[found] = (now, data)
            cached = self._cache.get(pid)
        return None if cached is None else cached[1]

    # ---- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole
    ) -> object:
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return str(COLUMNS[section][1])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        if role == ID_ROLE:
            return self.ids[index.row()] if index.row() < len(self.ids) else None
        if role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        row = self.person_at(index.row())
        if row is None:
            return None
        return self._text(COLUMNS[index.column()][0], row)

    def _text(self, column: str, row: dict) -> str:
        lang = current_language()
        if column == "name":
            return participants.join_name(row["given_name"], row["family_name"], row["honorific"])
        if column == "organisation":
            return row["acronym"] or row["organisation"]
        if column == "category":
            return str(participants.CATEGORIES.get(row["category"], row["category"]))
        if column == "country":
            return country_name(row["country"], lang)
        if column == "roles":
            roles = json.loads(row["roles"] or "[]")
            return ", ".join(str(participants.ROLES.get(r, r)) for r in roles)
        if column == "group":
            if not row["group_name"]:
                return ""
            names = json.loads(row["group_name"])
            return names.get(lang) or names.get(self.source_lang) or next(iter(names.values()), "")
        if column == "languages":
            return ", ".join(language_name(c, lang) for c in json.loads(row["languages"]))
        if column == "gender":
            label = GENDER_LABELS.get(row["gender"])
            return str(label) if label else ""
        return str(row.get(column) or "")

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled


__all__ = ["COLUMNS", "ID_ROLE", "ParticipantsModel"]
