"""Picking a meeting's participant by typing part of their name or delegation."""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n
from gcm_dialogue.agenda import Person
from gcm_dialogue.i18n import _

ID_ROLE = Qt.UserRole + 1


def language_name(code: str) -> str:
    """A language's plain name in the current language ("English", not "English (UK)")."""
    return Locale.parse(code).get_display_name(i18n.babel_locale()) or code


def label(person: Person) -> str:
    return f"{person.name} ({person.delegation})" if person.delegation else person.name


class PersonPicker(QComboBox):
    """An editable combo box: type a few letters, pick from the suggestions, or leave empty."""

    def __init__(
        self, people: Sequence[Person], *, allow_none: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        if allow_none:
            self.addItem("", None)
        for person in people:
            self.addItem(label(person), person.id)
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        completer.setCompletionMode(QCompleter.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(_("Type a name or a delegation"))

    def person_id(self) -> str | None:
        """The chosen person; text that names nobody counts as no one."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFixedString)
        if index < 0:
            return None
        return self.itemData(index)

    def set_person(self, person_id: str | None) -> None:
        index = self.findData(person_id) if person_id else -1
        self.setCurrentIndex(
            max(index, 0) if person_id else (0 if self.itemData(0) is None else -1)
        )
        if person_id is None:
            self.setEditText("")


class PeopleList(QWidget):
    """An ordered list of people (an item's speakers): add by typing, remove, reorder."""

    changed = Signal()

    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._names = {p.id: label(p) for p in people}
        self.picker = PersonPicker(people, allow_none=True)
        self.picker.setObjectName("speakerPicker")
        self.picker.setToolTip(_("Type a name and press Enter to add a speaker"))
        # Enter adds the speaker (and does not press the dialog's default button).
        self.picker.lineEdit().installEventFilter(self)
        add = QPushButton(_("Add"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_current)
        self.list = QListWidget()
        self.list.setObjectName("speakerList")
        self.list.setDragDropMode(QListWidget.InternalMove)
        self.list.setMaximumHeight(110)
        remove = QPushButton(_("Remove"))
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_current)
        QShortcut(QKeySequence.Delete, self.list, self.remove_current, Qt.WidgetShortcut)
        top = QHBoxLayout()
        top.addWidget(self.picker, 1)
        top.addWidget(add)
        bottom = QHBoxLayout()
        bottom.addWidget(self.list, 1)
        bottom.addWidget(remove, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.KeyPress
            and event.key() in (Qt.Key_Return, Qt.Key_Enter)
            and watched is self.picker.lineEdit()
        ):
            self.add_current()
            return True
        return super().eventFilter(watched, event)

    def add(self, person_id: str) -> None:
        if person_id in self.ids():
            return
        item = QListWidgetItem(self._names.get(person_id, "?"))
        item.setData(ID_ROLE, person_id)
        self.list.addItem(item)
        self.changed.emit()

    def add_current(self) -> None:
        person_id = self.picker.person_id()
        if person_id:
            self.add(person_id)
            self.picker.setEditText("")

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    def set_ids(self, ids: Sequence[str]) -> None:
        self.list.clear()
        for person_id in ids:
            self.add(person_id)

    def ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]
