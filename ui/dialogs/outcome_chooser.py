"""Choose the outcome a highlight is drafted from: type words to narrow the list, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue.i18n import _
from gcm_dialogue.search import fold

OUTCOME_ROLE = Qt.UserRole + 1


class _FilterLine(QLineEdit):
    """Up and Down move in the list below while the cursor stays in the filter."""

    moved = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_Down, Qt.Key_Up):
            self.moved.emit(1 if event.key() == Qt.Key_Down else -1)
            return
        super().keyPressEvent(event)


class OutcomeChooser(QDialog):
    """``entries`` are (outcome id, label, note) in board order; ``chosen`` is preselected.

    The note (e.g. "already in highlight 3") is shown after the label and is not searched.
    """

    def __init__(
        self,
        entries: list[tuple[str, str, str]],
        chosen: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeChooser")
        self.setWindowTitle(_("Draft a highlight"))
        self.filter = _FilterLine()
        self.filter.setObjectName("outcomeChooserFilter")
        self.filter.setPlaceholderText(_("Type words of the outcome to narrow the list"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("outcomeChooserList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self._words: list[str] = []
        for outcome_id, label, note in entries:
            item = QListWidgetItem(f"{label}  ({note})" if note else label)
            item.setData(OUTCOME_ROLE, outcome_id)
            item.setToolTip(label)
            self.list.addItem(item)
            self._words.append(fold(label).casefold())
            if outcome_id == chosen:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        label = QLabel(_("&From the outcome:"))
        label.setBuddy(self.filter)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._narrow)
        self.filter.moved.connect(self._move)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_a: self._enable())
        self._enable()
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 90, metrics.lineSpacing() * 24)
        self.filter.setFocus()

    def _narrow(self, text: str) -> None:
        words = fold(text).casefold().split()
        first_shown = None
        for row, haystack in enumerate(self._words):
            shown = all(word in haystack for word in words)
            self.list.item(row).setHidden(not shown)
            if shown and first_shown is None:
                first_shown = row
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentRow(-1 if first_shown is None else first_shown)
        self._enable()

    def _move(self, step: int) -> None:
        rows = [r for r in range(self.list.count()) if not self.list.item(r).isHidden()]
        if not rows:
            return
        current = self.list.currentRow()
        position = rows.index(current) + step if current in rows else 0
        self.list.setCurrentRow(rows[max(0, min(position, len(rows) - 1))])

    def _enable(self) -> None:
        item = self.list.currentItem()
        self.ok_button.setEnabled(item is not None and not item.isHidden())

    def chosen_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(OUTCOME_ROLE)

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()
