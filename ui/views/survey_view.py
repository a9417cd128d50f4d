"""The Survey view: the questionnaire, its respondents and the results, for one meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import survey_import, survey_respondents, surveys
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, current_language, ngettext
from gcm_dialogue.records import Changes

from ..dialogs.survey_import_dialog import SurveyImportDialog
from ..dialogs.survey_texts_dialog import SurveyTextsDialog
from ..widgets.survey_builder import SurveyBuilder, unless_dialog
from ..widgets.survey_respondents import SurveyRespondents
from ..widgets.survey_results_panel import SurveyResultsPanel
from .base import View


class SurveyView(View):
    view_id = "survey"
    tables = (
        "surveys",
        "survey_sections",
        "survey_questions",
        "survey_respondents",
        "survey_answers",
        "mechanisms",
        "participants",
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        caption = QLabel(_("Su&rvey:"))
        self.survey = QComboBox()
        self.survey.setMinimumContentsLength(30)
        self.survey.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        caption.setBuddy(self.survey)
        self.new_button = QPushButton(_("&New survey…"))
        self.template_button = QPushButton(_("From the &GRCP 7 template"))
        self.settings_button = QPushButton(_("Title and &dates…"))
        self.delete_button = QPushButton(_("Delete survey"))
        self.import_button = QPushButton(_("&Import answers…"))
        top.addWidget(caption)
        top.addWidget(self.survey, 1)
        for button in (
            self.new_button,
            self.template_button,
            self.settings_button,
            self.import_button,
            self.delete_button,
        ):
            top.addWidget(button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.builder = SurveyBuilder(context)
        self.respondents = SurveyRespondents(context)
        self.results = SurveyResultsPanel(context)
        self.tabs.addTab(self.builder, _("Questionnaire"))
        self.tabs.addTab(self.respondents, _("Respondents"))
        self.tabs.addTab(self.results, _("Results"))
        layout.addWidget(self.tabs)
        self.survey.currentIndexChanged.connect(lambda *_: self._show_current())
        self.new_button.clicked.connect(lambda: self.new_survey())
        self.template_button.clicked.connect(self.from_template)
        self.settings_button.clicked.connect(lambda: self.edit_settings())
        self.delete_button.clicked.connect(self.delete_survey)
        self.import_button.clicked.connect(lambda: self.import_answers())
        for n in range(3):
            QShortcut(
                QKeySequence(f"Alt+{n + 1}"),
                self,
                activated=unless_dialog(lambda n=n: self.tabs.setCurrentIndex(n)),
                context=Qt.WidgetWithChildrenShortcut,
            )
        QShortcut(
            QKeySequence("Ctrl+I"),
            self,
            activated=unless_dialog(lambda: self.import_answers()),
            context=Qt.WidgetWithChildrenShortcut,
        )

    # -- state -------------------------------------------------------------------------------
    @property
    def survey_id(self) -> str | None:
        return self.survey.currentData()

    def languages(self) -> list[str]:
        if self.meeting is None:
            return ["en"]
        return list(dict.fromkeys([self.meeting.source_lang, *self.meeting.working_langs]))

    def refresh(self) -> None:
        current = self.survey_id
        self.survey.blockSignals(True)
        self.survey.clear()
        found = surveys.list_surveys(self.ws, self.meeting.id) if self.meeting else []
        source = self.meeting.source_lang if self.meeting else "en"
        for s in found:
            self.survey.addItem(s.title.get_text(current_language(), source), s.id)
        index = self.survey.findData(current) if current else -1
        self.survey.setCurrentIndex(index if index >= 0 else (0 if found else -1))
        self.survey.blockSignals(False)
        for button in (self.new_button, self.template_button):
            button.setEnabled(self.meeting is not None)
        for button in (self.settings_button, self.delete_button, self.import_button):
            button.setEnabled(bool(found))
        self._show_current()

    def _show_current(self) -> None:
        source = self.meeting.source_lang if self.meeting else "en"
        self.builder.show_survey(self.survey_id, self.languages(), source)
        self.respondents.show_survey(
            self.survey_id, self.meeting.id if self.meeting else None, source
        )
        self.results.show_survey(self.survey_id, source)

    def select_survey(self, survey_id: str) -> None:
        self.refresh()
        self.survey.setCurrentIndex(max(0, self.survey.findData(survey_id)))

    def _warn(self, exc: KnownError) -> None:
        QMessageBox.warning(self, _("Survey"), str(exc))

    # -- actions -----------------------------------------------------------------------------
    def new_survey(self) -> SurveyTextsDialog | None:
        if self.meeting is None:
            return None
        meeting_id = self.meeting.id

        def save(values: dict) -> None:
            texts = {k: v for k, v in values["texts"].items() if v}
            survey = self.context.edit(
                _("Create survey '{name}'").format(name=next(iter(texts.values()), "")),
                "surveys",
                [],
                lambda: surveys.create_survey(
                    self.ws,
                    meeting_id,
                    title=texts,
                    invited_on=values.get("invited_on"),
                    deadline=values.get("deadline"),
                ),
            )
            self.select_survey(survey.id)

        dialog = SurveyTextsDialog(
            _("New survey"), self.languages(), save, with_dates=True, parent=self
        )
        dialog.open()
        return dialog

    def from_template(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        try:
            survey = self.context.edit(
                _("Create the GRCP 7 survey"),
                "surveys",
                [],
                lambda: surveys.create_from_template(self.ws, meeting_id),
            )
        except KnownError as exc:
            self._warn(exc)
            return
        self.select_survey(survey.id)

    def edit_settings(self) -> SurveyTextsDialog | None:
        survey_id = self.survey_id
        if survey_id is None:
            return None
        survey = surveys.get_survey(self.ws, survey_id)

        def save(values: dict) -> None:
            self.context.edit(
                _("Change the survey's title and dates"),
                "surveys",
                [survey_id],
                lambda: surveys.update_survey(
                    self.ws,
                    survey_id,
                    title=values["texts"],
                    invited_on=values.get("invited_on"),
                    deadline=values.get("deadline"),
                ),
            )

        dialog = SurveyTextsDialog(
            _("Survey"),
            self.languages(),
            save,
            dict(survey.title),
            with_dates=True,
            invited_on=survey.invited_on,
            deadline=survey.deadline,
            parent=self,
        )
        dialog.open()
        return dialog

    def delete_survey(self) -> None:
        survey_id = self.survey_id
        if survey_id is None:
            return
        name = self.survey.currentText()
        answer = QMessageBox.question(
            self,
            _("Delete survey"),
            _("Delete the survey '{name}' with its questions, respondents and answers?").format(
                name=name
            ),
        )
        if answer != QMessageBox.Yes:
            return
        try:
            self.context.edit(
                _("Delete survey '{name}'").format(name=name),
                "surveys",
                [survey_id],
                lambda: surveys.delete_survey(self.ws, survey_id),
            )
        except KnownError as exc:
            self._warn(exc)

    def import_answers(self, path: str | None = None) -> SurveyImportDialog | None:
        survey_id = self.survey_id
        if survey_id is None:
            return None
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import answers"), "", _("Spreadsheets (*.csv *.xlsx *.tsv *.txt)")
            )
            if not path:
                return None

        def write(plan: survey_import.ImportPlan) -> None:
            scope = [r.id for r in survey_respondents.list_respondents(self.ws, survey_id)]

            def action() -> Changes:
                result = survey_import.apply_import(self.ws, plan)
                self.last_import = result
                ids = tuple(r.id for r in survey_respondents.list_respondents(self.ws, survey_id))
                return Changes("survey_respondents", ids)

            self.context.edit(
                _("Import answers from {file}").format(file=plan.path.name),
                "survey_respondents",
                scope,
                action,
            )
            self.context.show_status(
                ngettext(
                    "Imported the answers of {n} respondent",
                    "Imported the answers of {n} respondents",
                    len(plan.rows),
                ).format(n=len(plan.rows))
            )

        try:
            dialog = SurveyImportDialog(self.ws, survey_id, path, write, parent=self)
        except KnownError as exc:
            self._warn(exc)
            return None
        dialog.finished.connect(lambda result: result and self.tabs.setCurrentWidget(self.results))
        dialog.open()
        return dialog
