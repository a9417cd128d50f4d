"""Adding or editing an agenda item: timing, room, people, languages and content."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import agenda, i18n
from gcm_dialogue.agenda import AgendaItem, Person
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting
from gcm_dialogue.multilingual import Text

from ..widgets.person_picker import PeopleList, PersonPicker, language_name
from .common import error_label, ok_cancel, show_error, submitted

Submit = Callable[[dict], object]


class AgendaItemDialog(QDialog):
    """``submit(values)`` saves (raising ``KnownError`` keeps the dialog open with the reason).

    ``values`` holds the fields of ``agenda.add_item``/``update_item``: texts as ``Text``,
    ``speaker_ids``, and ``reason`` when the agenda is published.
    """

    def __init__(
        self,
        meeting: Meeting,
        people: Sequence[Person],
        submit: Submit,
        *,
        item: AgendaItem | None = None,
        published: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agendaItemDialog")
        self.meeting, self.item, self.submit = meeting, item, submit
        self.lang = meeting.source_lang
        lang_name = language_name(self.lang)
        self.setWindowTitle(_("Edit agenda item") if item else _("New agenda item"))

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.kind = QComboBox()
        for code, name in agenda.KINDS.items():
            self.kind.addItem(str(name), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData("panel")))  # the usual new item
        self.fixed = QCheckBox(_("Fixed start time"))
        self.fixed.setObjectName("fixed")
        self.fixed.setToolTip(
            _("A fixed item (lunch, a reception) keeps its time when earlier items change")
        )
        self.fixed_start = QTimeEdit()
        self.fixed_start.setObjectName("fixedStart")
        self.fixed_start.setDisplayFormat("HH:mm")
        self.fixed_start.setTime(QTime(13, 0))
        self.fixed.toggled.connect(self.fixed_start.setEnabled)
        self.fixed_start.setEnabled(False)
        timing = QHBoxLayout()
        timing.addWidget(self.fixed)
        timing.addWidget(self.fixed_start)
        timing.addStretch(1)
        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(0, 24 * 60)
        self.duration.setSingleStep(5)
        self.duration.setSuffix(" " + _("min"))
        self.duration.setValue(60)
        self.room = QLineEdit()
        self.room.setObjectName("room")
        self.moderator = PersonPicker(people)
        self.moderator.setObjectName("moderator")
        self.speakers = PeopleList(people)
        self.languages: dict[str, QCheckBox] = {}
        languages = QHBoxLayout()
        for code in i18n.LANGUAGES:
            box = QCheckBox(code.upper())
            box.setObjectName(f"interpretation_{code}")
            box.setToolTip(language_name(code))
            self.languages[code] = box
            languages.addWidget(box)
        languages.addStretch(1)
        self.limit = QSpinBox()
        self.limit.setObjectName("statementLimit")
        self.limit.setRange(0, 60 * 60)
        self.limit.setSingleStep(30)
        self.limit.setSuffix(" " + _("s"))
        self.limit.setSpecialValueText(_("No limit"))
        self.limit.setToolTip(
            _("Time for each intervention, in seconds: 180 for three minutes from the floor")
        )

        form = QFormLayout()
        form.addRow(_("&Title ({language}):").format(language=lang_name), self.title)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("Timing:"), timing)
        form.addRow(_("&Duration:"), self.duration)
        form.addRow(_("&Room:"), self.room)
        form.addRow(_("&Moderator:"), self.moderator)
        form.addRow(_("&Speakers:"), self.speakers)
        form.addRow(_("Interpretation:"), languages)
        form.addRow(_("Statement &limit:"), self.limit)

        self.objectives = QPlainTextEdit()
        self.objectives.setObjectName("objectives")
        self.questions = QPlainTextEdit()
        self.questions.setObjectName("questions")
        self.questions.setPlaceholderText(_("One question per line"))
        self.description = QPlainTextEdit()
        self.description.setObjectName("description")
        for edit in (self.objectives, self.questions, self.description):
            edit.setMinimumWidth(320)
        content = QFormLayout()
        content.addRow(_("&Objectives:"), self.objectives)
        content.addRow(_("&Guiding questions:"), self.questions)
        content.addRow(_("D&escription:"), self.description)

        columns = QHBoxLayout()
        columns.addLayout(form, 1)
        columns.addLayout(content, 1)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("Optional: why the published agenda changes"))
        self.error = error_label()
        buttons = ok_cancel(self)
        self.buttons = buttons

        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        if published:
            reason_row = QFormLayout()
            reason_row.addRow(_("Reason for the &change:"), self.reason)
            layout.addLayout(reason_row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if item is not None:
            self._load(item)
        self.resize(1000, 560)
        self.title.setFocus()

    def _load(self, item: AgendaItem) -> None:
        self.title.setText(item.title.get(self.lang, item.title.get_text(self.lang, self.lang)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.fixed.setChecked(item.time_mode == "fixed")
        if item.fixed_start:
            hours, minutes = item.fixed_start.split(":")
            self.fixed_start.setTime(QTime(int(hours), int(minutes)))
        self.duration.setValue(item.duration_min)
        self.room.setText(item.room)
        self.moderator.set_person(item.moderator_id)
        self.speakers.set_ids(item.speaker_ids)
        for code, box in self.languages.items():
            box.setChecked(code in item.interpretation)
        self.limit.setValue(item.statement_limit_sec or 0)
        self.objectives.setPlainText(item.objectives.get(self.lang, ""))
        self.questions.setPlainText("\n".join(q.get(self.lang, "") for q in item.guiding_questions))
        self.description.setPlainText(item.description.get(self.lang, ""))

    def _text(self, old: Text | None, value: str) -> Text:
        return (old or Text()).with_text(self.lang, value.strip())

    def values(self) -> dict:
        item = self.item
        old_questions = list(item.guiding_questions) if item else []
        lines = [line.strip() for line in self.questions.toPlainText().splitlines()]
        lines = [line for line in lines if line]
        questions = [
            self._text(old_questions[n] if n < len(old_questions) else None, line)
            for n, line in enumerate(lines)
        ]
        fixed = self.fixed.isChecked()
        values: dict = {
            "title": self._text(item.title if item else None, self.title.text()),
            "kind": self.kind.currentData(),
            "time_mode": "fixed" if fixed else "flowing",
            "fixed_start": self.fixed_start.time().toString("HH:mm") if fixed else None,
            "duration_min": self.duration.value(),
            "room": self.room.text().strip(),
            "moderator_id": self.moderator.person_id(),
            "speaker_ids": self.speakers.ids(),
            "interpretation": [c for c, box in self.languages.items() if box.isChecked()],
            "statement_limit_sec": self.limit.value() or None,
            "objectives": self._text(
                item.objectives if item else None, self.objectives.toPlainText()
            ),
            "guiding_questions": questions,
            "description": self._text(
                item.description if item else None, self.description.toPlainText()
            ),
        }
        if self.reason.text().strip():
            values["reason"] = self.reason.text().strip()
        return values

    def accept(self) -> None:
        if not self.title.text().strip():
            self._fail(
                _("Give the item a title in {language}.").format(language=language_name(self.lang))
            )
            return
        if self.moderator.currentText().strip() and self.moderator.person_id() is None:
            self._fail(
                _("No participant of this meeting is called “{name}”.").format(
                    name=self.moderator.currentText().strip()
                )
            )
            return
        if submitted(self.error, lambda: self.submit(self.values())):
            super().accept()

    def _fail(self, message: str) -> None:
        show_error(self.error, message)
