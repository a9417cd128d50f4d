"""The answer form of one respondent: one input per question, conditional ones shown when due."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue.errors import KnownError, ValidationError
from gcm_dialogue.i18n import _, current_language
from gcm_dialogue.multilingual import Text
from gcm_dialogue.survey_answers import is_shown
from gcm_dialogue.survey_fields import field_of, parse_elements
from gcm_dialogue.surveys import Question

from .survey_question_dialog import LIST_FIELD_LABELS


class AnswerInput(QWidget):
    """An input for one question; ``value()`` gives the answer (None when left empty)."""

    def __init__(self, question: Question, answer: object, source_lang: str) -> None:
        super().__init__()
        self.question = question
        self.kind = field_of(question)
        lang = current_language()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(
            question.title.get_text(lang, source_lang) + (" *" if question.required else "")
        )
        label.setWordWrap(True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        layout.addWidget(label)
        help_text = question.help.get_text(lang, source_lang)
        if help_text:
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: palette(mid)")
            layout.addWidget(hint)
        t = question.type
        labels = [
            Text(o.get("label") or {}).get_text(lang, source_lang) or o["key"]
            for o in question.options
        ]
        keys = [o["key"] for o in question.options]
        self.editor: QWidget
        if t in ("yes_no", "single_choice", "rating"):
            combo = QComboBox()
            combo.addItem("—", None)
            if t == "yes_no":
                combo.addItem(_("Yes"), True)
                combo.addItem(_("No"), False)
            elif t == "single_choice":
                for key, text in zip(keys, labels, strict=True):
                    combo.addItem(text, key)
            else:
                low, high = self.kind.bounds  # type: ignore[attr-defined]
                for value in range(low, high + 1):
                    combo.addItem(str(value), value)
            index = combo.findData(answer) if answer is not None else 0
            combo.setCurrentIndex(max(0, index))
            self.editor = combo
        elif t == "multiple_choice":
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(12, 0, 0, 0)
            self.checks = []
            for key, text in zip(keys, labels, strict=True):
                check = QCheckBox(text)
                check.setChecked(isinstance(answer, list) and key in answer)
                check.setProperty("option", key)
                box_layout.addWidget(check)
                self.checks.append(check)
            self.editor = box
        elif t == "ranking":
            lst = QListWidget()
            lst.setDragDropMode(QAbstractItemView.InternalMove)
            order = list(answer) if isinstance(answer, list) else []
            ordered = order + [k for k in keys if k not in order]
            for key in ordered:
                item = QListWidgetItem(labels[keys.index(key)])
                item.setData(Qt.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable | Qt.ItemIsDragEnabled)
                item.setCheckState(Qt.Checked if key in order else Qt.Unchecked)
                lst.addItem(item)
            lst.setMaximumHeight(24 * max(3, len(keys)) + 8)
            self.editor = lst
        elif t == "long_text":
            edit = QPlainTextEdit(answer if isinstance(answer, str) else "")
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(110)
            self.editor = edit
        elif t == "list":
            self.fields = self.kind.fields  # type: ignore[attr-defined]
            table = QTableWidget(0, len(self.fields))
            table.setHorizontalHeaderLabels([LIST_FIELD_LABELS[f]() for f in self.fields])
            table.horizontalHeader().setDefaultSectionSize(140)
            table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
            table.setWordWrap(True)
            table.verticalHeader().setVisible(False)
            for item in answer if isinstance(answer, list) else []:
                self._add_item(table, item)
            table.setMinimumHeight(120)
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(table)
            row = QHBoxLayout()
            add = QPushButton(_("Add item"))
            remove = QPushButton(_("Remove item"))
            add.clicked.connect(lambda: self._add_item(table, {}))
            remove.clicked.connect(lambda: table.removeRow(table.currentRow()))
            row.addWidget(add)
            row.addWidget(remove)
            row.addStretch()
            holder_layout.addLayout(row)
            self.table = table
            self.editor = holder
        else:  # short_text, number
            shown = "" if answer is None else str(answer)
            self.editor = QLineEdit(shown)
        layout.addWidget(self.editor)

    def _add_item(self, table: QTableWidget, item: dict) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column, name in enumerate(self.fields):
            value = item.get(name, "")
            if isinstance(value, list):
                value = ", ".join(value)
            table.setItem(row, column, QTableWidgetItem(str(value)))

    def value(self) -> object:
        t = self.question.type
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        if t == "multiple_choice":
            return [c.property("option") for c in self.checks if c.isChecked()] or None
        if t == "ranking":
            lst = self.editor
            keys = [
                lst.item(i).data(Qt.UserRole)
                for i in range(lst.count())  # type: ignore[attr-defined]
                if lst.item(i).checkState() == Qt.Checked
            ]  # type: ignore[attr-defined]
            return keys or None
        if t == "long_text":
            return self.editor.toPlainText().strip() or None  # type: ignore[attr-defined]
        if t == "list":
            items = []
            for row in range(self.table.rowCount()):
                item = {}
                for column, name in enumerate(self.fields):
                    cell = self.table.item(row, column)
                    text = cell.text().strip() if cell else ""
                    if text:
                        item[name] = parse_elements(text) if name == "elements" else text
                if item:
                    items.append(item)
            return items or None
        text = self.editor.text().strip()  # type: ignore[attr-defined]
        if not text:
            return None
        return self.kind.from_cell(text) if t == "number" else text

    def connect_changes(self, slot: Callable[[], None]) -> None:
        if isinstance(self.editor, QComboBox):
            self.editor.currentIndexChanged.connect(slot)
        elif self.question.type == "multiple_choice":
            for check in self.checks:
                check.toggled.connect(slot)
        elif isinstance(self.editor, QLineEdit):
            self.editor.textChanged.connect(slot)


class SurveyAnswerDialog(QDialog):
    """``on_accept(answers)`` saves; a KnownError is shown inline and the form stays open."""

    def __init__(
        self,
        respondent_label: str,
        questions: Sequence[Question],
        answers: dict,
        on_accept: Callable[[dict], object],
        source_lang: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Answers of {name}").format(name=respondent_label))
        self.on_accept = on_accept
        layout = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.inputs: dict[str, AnswerInput] = {}
        for question in questions:
            widget = AnswerInput(question, answers.get(question.key), source_lang)
            widget.connect_changes(self.update_visibility)
            self.inputs[question.key] = widget
            self.body_layout.addWidget(widget)
        self.body_layout.addStretch()
        scroll.setWidget(body)
        layout.addWidget(scroll)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        box = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        QShortcut(QKeySequence.Save, self, activated=self.accept)
        self.update_visibility()
        self.resize(760, 640)

    def _raw(self) -> dict:
        values = {}
        for key, widget in self.inputs.items():
            try:
                values[key] = widget.value()
            except ValidationError as exc:
                raise ValidationError(f"{key}: {exc}") from None
        return values

    def update_visibility(self) -> None:
        try:
            values = {k: v for k, v in self._raw().items() if v is not None}
        except ValidationError:
            return
        for widget in self.inputs.values():
            widget.setVisible(is_shown(widget.question, values))

    def answers(self) -> dict:
        """What the form holds; hidden questions' answers are dropped."""
        values = self._raw()
        present = {k: v for k, v in values.items() if v is not None}
        return {
            key: (value if is_shown(self.inputs[key].question, present) else None)
            for key, value in values.items()
        }

    def accept(self) -> None:
        try:
            self.on_accept(self.answers())
        except KnownError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
