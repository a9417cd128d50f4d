"""The questionnaire builder: sections and their questions, edited in place, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import surveys
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, current_language
from gcm_dialogue.survey_fields import QUESTION_TYPES

from ..dialogs.survey_question_dialog import SurveyQuestionDialog
from ..dialogs.survey_texts_dialog import SurveyTextsDialog

SECTION, QUESTION = 1, 2


def unless_dialog(slot):  # noqa: ANN001, ANN201
    """A shortcut's slot that does nothing while one of the view's dialogs is open."""

    def run() -> None:
        if QApplication.activeModalWidget() is None:
            slot()

    return run


class SurveyBuilder(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.context = context
        self.survey_id: str | None = None
        self.languages: list[str] = ["en"]
        self.source_lang = "en"
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.add_section_button = QPushButton(_("Add &section"))
        self.add_question_button = QPushButton(_("Add &question"))
        self.edit_button = QPushButton(_("&Edit"))
        self.delete_button = QPushButton(_("&Delete"))
        self.up_button = QPushButton(_("Move &up"))
        self.down_button = QPushButton(_("Move do&wn"))
        for button, slot in (
            (self.add_section_button, self.add_section),
            (self.add_question_button, self.add_question),
            (self.edit_button, self.edit_current),
            (self.delete_button, self.delete_current),
            (self.up_button, lambda: self.move_current(-1)),
            (self.down_button, lambda: self.move_current(1)),
        ):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [_("Question"), _("Type"), _("Key"), _("Shown when"), _("Languages")]
        )
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        for column in range(1, 5):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(False)  # the question takes the room left
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(lambda *_: self.edit_current())
        layout.addWidget(self.tree)
        for keys, slot in (("Ctrl+Shift+N", self.add_section), ("Ctrl+N", self.add_question)):
            QShortcut(
                QKeySequence(keys),
                self,
                activated=unless_dialog(slot),
                context=Qt.WidgetWithChildrenShortcut,
            )
        # Only with the list focused: Delete or F2 typed in a dialog must stay there.
        for keys, slot in (
            ("F2", self.edit_current),
            ("Delete", self.delete_current),
            ("Ctrl+Up", lambda: self.move_current(-1)),
            ("Ctrl+Down", lambda: self.move_current(1)),
        ):
            QShortcut(
                QKeySequence(keys),
                self.tree,
                activated=unless_dialog(slot),
                context=Qt.WidgetShortcut,
            )

    @property
    def ws(self):  # noqa: ANN201
        return self.context.ws

    def show_survey(self, survey_id: str | None, languages: list[str], source_lang: str) -> None:
        self.survey_id, self.languages, self.source_lang = survey_id, languages, source_lang
        self.refresh()

    def _text(self, text) -> str:  # noqa: ANN001
        return text.get_text(current_language(), self.source_lang)

    def refresh(self) -> None:
        current = self.current()
        self.tree.clear()
        enabled = self.survey_id is not None
        for button in (
            self.add_section_button,
            self.add_question_button,
            self.edit_button,
            self.delete_button,
            self.up_button,
            self.down_button,
        ):
            button.setEnabled(enabled)
        if not enabled:
            return
        questions = surveys.list_questions(self.ws, self.survey_id)
        select = None
        for section in surveys.list_sections(self.ws, self.survey_id):
            top = QTreeWidgetItem(
                [self._text(section.title), "", "", "", self._langs(section.title)]
            )
            top.setData(0, Qt.UserRole, (SECTION, section.id))
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            if current == (SECTION, section.id):
                select = top
            for q in (q for q in questions if q.section_id == section.id):
                condition = ""
                if q.show_if:
                    value = q.show_if.get("equals")
                    shown = _("yes") if value is True else _("no") if value is False else str(value)
                    condition = f"{q.show_if.get('question')} = {shown}"
                child = QTreeWidgetItem(
                    [
                        self._text(q.title) + (" *" if q.required else ""),
                        str(QUESTION_TYPES[q.type].label) if q.type in QUESTION_TYPES else q.type,
                        q.key,
                        condition,
                        self._langs(q.title),
                    ]
                )
                child.setData(0, Qt.UserRole, (QUESTION, q.id))
                child.setToolTip(0, self._text(q.title))
                top.addChild(child)
                if current == (QUESTION, q.id):
                    select = child
        self.tree.expandAll()
        if select is not None:
            self.tree.setCurrentItem(select)

    def _langs(self, text) -> str:  # noqa: ANN001
        return " ".join(lang for lang in self.languages if text.get(lang))

    def current(self) -> tuple[int, str] | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, Qt.UserRole)

    def _edit(self, text: str, table: str, scope: list[str], action) -> object:  # noqa: ANN001
        return self.context.edit(text, table, scope, action)

    def _warn(self, exc: KnownError) -> None:
        QMessageBox.warning(self, _("Survey"), str(exc))

    # -- sections ------------------------------------------------------------------------------
    def add_section(self) -> SurveyTextsDialog | None:
        if self.survey_id is None:
            return None
        survey_id = self.survey_id

        def save(values: dict) -> None:
            texts = {k: v for k, v in values["texts"].items() if v}
            name = next(iter(texts.values()), "")
            self._edit(
                _("Add section '{name}'").format(name=name),
                "survey_sections",
                [],
                lambda: surveys.add_section(self.ws, survey_id, texts),
            )

        dialog = SurveyTextsDialog(_("New section"), self.languages, save, parent=self)
        dialog.open()
        return dialog

    # -- questions -----------------------------------------------------------------------------
    def add_question(self) -> SurveyQuestionDialog | None:
        if self.survey_id is None:
            return None
        sections = surveys.list_sections(self.ws, self.survey_id)
        if not sections:
            self._warn(KnownError(_("Add a section first.")))
            return None
        current = self.current()
        section_id = sections[-1].id
        if current and current[0] == SECTION:
            section_id = current[1]
        elif current:
            section_id = surveys.get_question(self.ws, current[1]).section_id
        earlier = surveys.list_questions(self.ws, self.survey_id)

        def save(values: dict) -> None:
            section = values.pop("section_id")
            name = values["key"]
            self._edit(
                _("Add question '{name}'").format(name=name),
                "survey_questions",
                [],
                lambda: surveys.add_question(self.ws, section, **values),
            )

        dialog = SurveyQuestionDialog(
            self.languages, sections, earlier, save, section_id=section_id, parent=self
        )
        dialog.open()
        return dialog

    def edit_current(self) -> object:
        current = self.current()
        if current is None:
            return None
        kind, row_id = current
        if kind == SECTION:
            section = next(
                s for s in surveys.list_sections(self.ws, self.survey_id) if s.id == row_id
            )

            def save_section(values: dict) -> None:
                self._edit(
                    _("Rename section '{name}'").format(name=self._text(section.title)),
                    "survey_sections",
                    [row_id],
                    lambda: surveys.update_section(self.ws, row_id, values["texts"]),
                )

            dialog = SurveyTextsDialog(
                _("Section"), self.languages, save_section, dict(section.title), parent=self
            )
            dialog.open()
            return dialog
        question = surveys.get_question(self.ws, row_id)
        all_questions = surveys.list_questions(self.ws, self.survey_id)
        earlier = all_questions[: [q.id for q in all_questions].index(row_id)]

        def save(values: dict) -> None:
            values.pop("section_id")
            self._edit(
                _("Edit question '{name}'").format(name=question.key),
                "survey_questions",
                [row_id],
                lambda: surveys.update_question(self.ws, row_id, **values),
            )

        dialog = SurveyQuestionDialog(
            self.languages,
            surveys.list_sections(self.ws, self.survey_id),
            earlier,
            save,
            question=question,
            parent=self,
        )
        dialog.open()
        return dialog

    def delete_current(self) -> None:
        current = self.current()
        if current is None:
            return
        kind, row_id = current
        try:
            if kind == SECTION:
                self._edit(
                    _("Delete a section"),
                    "survey_sections",
                    [row_id],
                    lambda: surveys.delete_section(self.ws, row_id),
                )
            else:
                key = surveys.get_question(self.ws, row_id).key
                self._edit(
                    _("Delete question '{name}'").format(name=key),
                    "survey_questions",
                    [row_id],
                    lambda: surveys.delete_question(self.ws, row_id),
                )
        except KnownError as exc:
            self._warn(exc)

    def move_current(self, delta: int) -> None:
        current = self.current()
        if current is None or current[0] != QUESTION:
            return
        question_id = current[1]
        q = surveys.get_question(self.ws, question_id)
        scope = surveys.section_question_ids(self.ws, q.section_id)
        try:
            self._edit(
                _("Move question '{name}'").format(name=q.key),
                "survey_questions",
                scope,
                lambda: surveys.move_question(self.ws, question_id, delta),
            )
        except KnownError as exc:
            self._warn(exc)
