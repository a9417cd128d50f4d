"""Add or edit one survey question: its type, texts per language, options and condition."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue.errors import ValidationError
from gcm_dialogue.i18n import _, language_name, pgettext
from gcm_dialogue.survey_fields import LIST_FIELDS, QUESTION_TYPES
from gcm_dialogue.surveys import Question, Section

from .common import error_label, ok_cancel, submitted

LIST_FIELD_LABELS = {
    "text": lambda: _("Text"),
    "elements": lambda: _("Compact elements"),
    "practice_type": lambda: _("Type of practice"),
    "countries": lambda: _("Countries or regions"),
    "link": lambda: _("Web link"),
}


class SurveyQuestionDialog(QDialog):
    """``on_accept(values)`` saves; a KnownError it raises is shown and the dialog stays."""

    def __init__(
        self,
        languages: Sequence[str],
        sections: Sequence[Section],
        earlier: Sequence[Question],
        on_accept: Callable[[dict], object],
        question: Question | None = None,
        section_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.languages = list(languages)
        self.on_accept = on_accept
        self.question = question
        self.setWindowTitle(_("Edit question") if question else _("New question"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.key = QLineEdit(question.key if question else "")
        self.key.setPlaceholderText(_("a short name used by imports, e.g. q1"))
        form.addRow(_("&Key:"), self.key)
        self.type = QComboBox()
        for name, cls in QUESTION_TYPES.items():
            self.type.addItem(str(cls.label), name)
        if question:
            self.type.setCurrentIndex(self.type.findData(question.type))
        form.addRow(_("&Type:"), self.type)
        self.section = QComboBox()
        for section in sections:
            self.section.addItem(section.title.get_text(self.languages[0]), section.id)
        wanted = question.section_id if question else section_id
        if wanted:
            self.section.setCurrentIndex(max(0, self.section.findData(wanted)))
        self.section.setEnabled(question is None)
        form.addRow(_("&Section:"), self.section)

        self.texts = QTabWidget()
        self.title_edits: dict[str, QLineEdit] = {}
        self.help_edits: dict[str, QLineEdit] = {}
        for lang in self.languages:
            page = QWidget()
            page_form = QFormLayout(page)
            title = QLineEdit(question.title.get(lang, "") if question else "")
            help_ = QLineEdit(question.help.get(lang, "") if question else "")
            page_form.addRow(_("Question:"), title)
            page_form.addRow(_("Help:"), help_)
            self.title_edits[lang], self.help_edits[lang] = title, help_
            self.texts.addTab(page, language_name(lang))
        layout.addWidget(self.texts)

        self.options_box = QGroupBox(_("Options"))
        options_layout = QVBoxLayout(self.options_box)
        self.options = QTableWidget(0, 1 + len(self.languages))
        self.options.setHorizontalHeaderLabels(
            [_("Key")] + [language_name(lang) for lang in self.languages]
        )
        self.options.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.options.verticalHeader().setVisible(False)
        options_layout.addWidget(self.options)
        buttons = QHBoxLayout()
        self.add_option_button = QPushButton(_("Add &option"))
        self.remove_option_button = QPushButton(_("&Remove option"))
        self.add_option_button.clicked.connect(lambda: self.add_option())
        self.remove_option_button.clicked.connect(self.remove_option)
        buttons.addWidget(self.add_option_button)
        buttons.addWidget(self.remove_option_button)
        buttons.addStretch()
        options_layout.addLayout(buttons)
        layout.addWidget(self.options_box)
        for option in question.options if question else ():
            self.add_option(option["key"], option.get("label") or {})

        self.scale_box = QWidget()
        scale = QHBoxLayout(self.scale_box)
        scale.setContentsMargins(0, 0, 0, 0)
        self.scale_min, self.scale_max = QSpinBox(), QSpinBox()
        for spin in (self.scale_min, self.scale_max):
            spin.setRange(-10, 20)
        config = question.config if question else {}
        self.scale_min.setValue(int(config.get("min", 1)))
        self.scale_max.setValue(int(config.get("max", 5)))
        scale.addWidget(QLabel(_("From")))
        scale.addWidget(self.scale_min)
        scale.addWidget(QLabel(pgettext("between two numbers of a scale", "to")))
        scale.addWidget(self.scale_max)
        scale.addStretch()
        form.addRow(_("Scale:"), self.scale_box)
        self.scale_label = form.labelForField(self.scale_box)

        self.number_min = QLineEdit(
            ""
            if config.get("min") is None or question is None or question.type != "number"
            else format(config["min"], "g")
        )
        self.number_min.setPlaceholderText(_("none; 0 for a count"))
        form.addRow(_("Smallest number allowed:"), self.number_min)
        self.number_min_label = form.labelForField(self.number_min)

        self.fields_box = QWidget()
        fields = QHBoxLayout(self.fields_box)
        fields.setContentsMargins(0, 0, 0, 0)
        chosen = config.get("fields", ["text", "elements", "link"])
        self.field_checks: dict[str, QCheckBox] = {}
        for name in LIST_FIELDS:
            check = QCheckBox(LIST_FIELD_LABELS[name]())
            check.setChecked(name in chosen)
            check.setEnabled(name != "text")
            self.field_checks[name] = check
            fields.addWidget(check)
        fields.addStretch()
        form.addRow(_("Each item has:"), self.fields_box)
        self.fields_label = form.labelForField(self.fields_box)

        self.required = QCheckBox(_("An answer is required"))
        self.required.setChecked(bool(question and question.required))
        form.addRow("", self.required)
        condition = QHBoxLayout()
        self.condition_question = QComboBox()
        self.condition_question.addItem(_("always shown"), None)
        for q in earlier:
            self.condition_question.addItem(
                f"{q.key}: {q.title.get_text(self.languages[0])}"[:70], q.key
            )
        self.condition_value = QLineEdit()
        self.condition_value.setPlaceholderText(_("answer, e.g. yes or an option key"))
        if question and question.show_if:
            self.condition_question.setCurrentIndex(
                max(0, self.condition_question.findData(question.show_if.get("question")))
            )
            value = question.show_if.get("equals")
            self.condition_value.setText(
                _("yes") if value is True else _("no") if value is False else str(value)
            )
        condition.addWidget(self.condition_question, 2)
        condition.addWidget(QLabel(_("equals")))
        condition.addWidget(self.condition_value, 1)
        form.addRow(_("Show when:"), condition)
        self.earlier = {q.key: q for q in earlier}

        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self.type.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        self.resize(720, 560)

    # -- options -----------------------------------------------------------------------------
    def add_option(self, key: str = "", labels: dict | None = None) -> None:
        row = self.options.rowCount()
        self.options.insertRow(row)
        self.options.setItem(row, 0, QTableWidgetItem(key or f"o{row + 1}"))
        for column, lang in enumerate(self.languages, 1):
            self.options.setItem(row, column, QTableWidgetItem((labels or {}).get(lang, "")))
        self.options.setCurrentCell(row, 1)

    def remove_option(self) -> None:
        row = self.options.currentRow()
        if row >= 0:
            self.options.removeRow(row)

    def _type_changed(self) -> None:
        name = self.type.currentData()
        cls = QUESTION_TYPES[name]
        self.options_box.setVisible(cls.has_options)
        for widget in (self.scale_box, self.scale_label):
            widget.setVisible(name == "rating")
        for widget in (self.fields_box, self.fields_label):
            widget.setVisible(name == "list")
        for widget in (self.number_min, self.number_min_label):
            widget.setVisible(name == "number")

    # -- the result --------------------------------------------------------------------------
    def values(self) -> dict:
        name = self.type.currentData()
        values: dict = {
            "key": self.key.text().strip(),
            "type": name,
            "title": {lang: e.text().strip() for lang, e in self.title_edits.items()},
            "help": {lang: e.text().strip() for lang, e in self.help_edits.items()},
            "required": self.required.isChecked(),
            "section_id": self.section.currentData(),
        }
        options = []
        if QUESTION_TYPES[name].has_options:
            for row in range(self.options.rowCount()):
                key = (
                    self.options.item(row, 0).text() if self.options.item(row, 0) else ""
                ).strip()
                labels = {
                    lang: self.options.item(row, c).text().strip()
                    for c, lang in enumerate(self.languages, 1)
                    if self.options.item(row, c) and self.options.item(row, c).text().strip()
                }
                if key or labels:
                    options.append({"key": key, "label": labels or key})
        values["options"] = options
        if name == "rating":
            values["config"] = {"min": self.scale_min.value(), "max": self.scale_max.value()}
        elif name == "list":
            values["config"] = {
                "fields": [f for f, check in self.field_checks.items() if check.isChecked()]
            }
        elif name == "number":
            kept = self.question.config if self.question and self.question.type == "number" else {}
            values["config"] = {k: v for k, v in kept.items() if k != "min"}
            low = self.number_min.text().strip().replace(",", ".")
            if low:
                try:
                    values["config"]["min"] = int(low) if low.lstrip("-").isdigit() else float(low)
                except ValueError:
                    raise ValidationError(
                        _("The smallest number allowed must be a number, e.g. 0.")
                    ) from None
        else:
            values["config"] = {}
        target = self.condition_question.currentData()
        if target is None:
            values["show_if"] = None
        else:
            text = self.condition_value.text().strip()
            question = self.earlier[target]
            equals: object = text
            if question.type == "yes_no":
                words = text.casefold()
                if words in {_("yes").casefold(), "yes"}:
                    equals = True
                elif words in {_("no").casefold(), "no"}:
                    equals = False
                else:
                    raise ValidationError(
                        _(
                            "{key} is a yes/no question: type “{yes}” or “{no}” after “equals”."
                        ).format(key=target, yes=_("yes"), no=_("no"))
                    )
            elif question.type in ("rating", "number") and text.lstrip("-").isdigit():
                equals = int(text)
            values["show_if"] = {"question": target, "equals": equals}
        return values

    def accept(self) -> None:
        if submitted(self.error, lambda: self.on_accept(self.values())):
            super().accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if event.key() == Qt.Key_Insert and self.options_box.isVisible():
            self.add_option()
            return
        super().keyPressEvent(event)
