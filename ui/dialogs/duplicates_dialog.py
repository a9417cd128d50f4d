"""The duplicates finder: likely pairs on the left, the two records side by side on the right.

For each field the user picks the value to keep (the left record's by default, blanks filled
from the right); "Merge" keeps the left record and moves everything of the right one to it.
Merges go through the view's undoable edit, so each can be undone.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import duplicates, i18n, mechanisms, participants, records
from gcm_dialogue.duplicates import DuplicatePair
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import N_, _, ngettext
from gcm_dialogue.store import Workspace

from ..models.participants_model import GENDER_LABELS

FIELD_LABELS = {
    "honorific": N_("Honorific"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "mechanism_id": N_("Mechanism"),
    "organisation": N_("Organisation"),
    "category": N_("Category"),
    "country": N_("Country"),
    "job_title": N_("Position"),
    "email": N_("Email"),
    "languages": N_("Languages"),
    "gender": N_("Gender"),
}


class DuplicatesDialog(QDialog):
    """``merge(keep_id, drop_id, values, label)`` is called for each merge the user asks for."""

    def __init__(
        self,
        ws: Workspace,
        meeting_id: str,
        merge: Callable[[str, str, dict, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(_("Find duplicates"))
        self.ws, self.meeting_id, self.merge_action = ws, meeting_id, merge
        self.pairs: list[DuplicatePair] = []
        self.dismissed: set[tuple[str, str]] = set()
        self.choices: dict[str, QButtonGroup] = {}
        self.rows: tuple[dict, dict] | None = None

        self.count = QLabel()
        self.count.setObjectName("duplicatesCount")
        self.list = QTableWidget(0, 3)
        self.list.setObjectName("duplicatePairs")
        self.list.setHorizontalHeaderLabels([_("First"), _("Second"), _("Why")])
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.itemSelectionChanged.connect(self._show_pair)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count)
        left_layout.addWidget(self.list)

        self.side_by_side = QGroupBox(_("Side by side: choose what to keep"))
        self.grid = QGridLayout(self.side_by_side)
        self.merge_button = QPushButton(_("&Merge into one"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(_("Keep one record with the chosen values (Ctrl+M)"))
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button = QPushButton(_("&Not the same person"))
        self.skip_button.clicked.connect(self.dismiss_current)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.skip_button)
        buttons_row.addStretch(1)
        buttons_row.addWidget(self.merge_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.side_by_side)
        right_layout.addStretch(1)
        right_layout.addLayout(buttons_row)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 560])
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        QShortcut(QKeySequence("Ctrl+M"), self, self.merge_current)
        self.resize(980, 560)
        self.reload()

    def reload(self) -> None:
        self.pairs = [
            p
            for p in duplicates.find_duplicates(self.ws, self.meeting_id)
            if (p.first_id, p.second_id) not in self.dismissed
        ]
        names = self._names([i for p in self.pairs for i in (p.first_id, p.second_id)])
        self.list.setRowCount(len(self.pairs))
        for n, pair in enumerate(self.pairs):
            why = ", ".join(str(duplicates.REASONS[r]) for r in pair.reasons)
            for column, text in enumerate((names[pair.first_id], names[pair.second_id], why)):
                self.list.setItem(n, column, QTableWidgetItem(text))
        self.count.setText(
            ngettext(
                "{count} likely duplicate", "{count} likely duplicates", len(self.pairs)
            ).format(count=i18n.format_number(len(self.pairs)))
        )
        if self.pairs:
            self.list.setCurrentCell(0, 0)
        self._show_pair()

    def _names(self, ids: list[str]) -> dict[str, str]:
        rows = participants.display_rows(self.ws, self.meeting_id, ids)
        out = {}
        for pid, row in rows.items():
            name = participants.join_name(row["given_name"], row["family_name"])
            org = row["acronym"] or row["organisation"]
            out[pid] = f"{name} ({org})" if org else name
        return out

    def current_pair(self) -> DuplicatePair | None:
        row = self.list.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def _clear_grid(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        for group in self.choices.values():
            group.deleteLater()
        self.choices = {}

    def _show_pair(self) -> None:
        self._clear_grid()
        pair = self.current_pair()
        self.merge_button.setEnabled(pair is not None)
        self.skip_button.setEnabled(pair is not None)
        if pair is None:
            self.rows = None
            self.grid.addWidget(QLabel(_("No likely duplicates left.")), 0, 0)
            return
        first = records.require(self.ws, "participants", pair.first_id)
        second = records.require(self.ws, "participants", pair.second_id)
        self.rows = (first, second)
        proposed = duplicates.merged_values(first, second)
        for row, field in enumerate(duplicates.MERGE_FIELDS, start=1):
            label = QLabel(str(FIELD_LABELS[field]))
            self.grid.addWidget(label, row, 0)
            group = QButtonGroup(self)
            for column, record in enumerate((first, second), start=1):
                button = QRadioButton(self._shown(field, record.get(field)))
                button.setObjectName(f"choice_{field}_{column}")
                group.addButton(button, column)
                self.grid.addWidget(button, row, column)
            same = first.get(field) == second.get(field)
            value = proposed[field]
            chosen = 1 if same or value == _value(field, first) else 2
            group.button(chosen).setChecked(True)
            if same:
                group.button(2).setEnabled(False)
            self.choices[field] = group
        self.grid.addWidget(QLabel("<b>" + _("Keep") + "</b>"), 0, 0)
        self.grid.addWidget(QLabel("<b>" + _("First record") + "</b>"), 0, 1)
        self.grid.addWidget(QLabel("<b>" + _("Second record") + "</b>"), 0, 2)
        roles = QLabel(
            _("Roles, group memberships, speaker slots, notes and survey answers of both are kept.")
        )
        roles.setWordWrap(True)
        self.grid.addWidget(roles, len(duplicates.MERGE_FIELDS) + 1, 0, 1, 3)

    def _shown(self, field: str, value: object) -> str:
        if field == "mechanism_id":
            return (mechanisms.acronym(self.ws, str(value)) or "—") if value else "—"
        if field == "languages":
            return ", ".join(json.loads(str(value or "[]"))) or "—"
        if field == "category":
            return str(participants.CATEGORIES.get(str(value), value))
        if field == "gender" and value:
            return str(GENDER_LABELS.get(str(value), value))
        return str(value) if value else "—"

    def chosen_values(self) -> dict[str, object]:
        assert self.rows is not None
        first, second = self.rows
        proposed = duplicates.merged_values(first, second)
        values: dict[str, object] = {}
        for field, group in self.choices.items():
            source = first if group.checkedId() == 1 else second
            if field == "languages":
                values[field] = proposed["languages"]  # languages of both are kept
            else:
                values[field] = _value(field, source)
        return values

    def merge_current(self) -> None:
        pair = self.current_pair()
        if pair is None or self.rows is None:
            return
        first, second = self.rows
        label = participants.join_name(first["given_name"], first["family_name"])
        try:
            done = self.merge_action(pair.first_id, pair.second_id, self.chosen_values(), label)
        except KnownError as exc:
            self.count.setText(str(exc))
            return
        if done:
            self.reload()

    def dismiss_current(self) -> None:
        pair = self.current_pair()
        if pair is not None:
            self.dismissed.add((pair.first_id, pair.second_id))
            self.reload()


def _value(field: str, record: dict) -> object:
    value = record.get(field)
    if field == "languages":
        return json.loads(str(value or "[]"))
    return value


__all__ = ["DuplicatesDialog"]
