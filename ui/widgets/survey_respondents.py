"""Respondents of a survey: who was invited, reminded, who answered; those missing by region."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import participants, survey_answers, survey_respondents, surveys, taxonomy
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import N_, _, current_language, format_date, ngettext
from gcm_dialogue.survey_results import kind_label

from ..dialogs.survey_answer_dialog import SurveyAnswerDialog

STATUS_LABELS = {
    "invited": N_("Invited"),
    "reminded": N_("Reminded"),
    "answered": N_("Answered"),
    "declined": N_("Declined"),
}


class RespondentsModel(QAbstractTableModel):
    """Rows of respondents (read in one query), with their names, kinds and regions."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[survey_respondents.RespondentInfo] = []
        self.region_names: dict[str, str] = {}
        self.cache: dict[tuple[int, int], str] = {}
        self.dates: dict[tuple[str, str], str] = {}  # in the language shown when made

    def set_rows(
        self, rows: list[survey_respondents.RespondentInfo], region_names: dict[str, str]
    ) -> None:
        self.beginResetModel()
        self.rows, self.region_names = rows, region_names
        self.cache, self.dates = {}, {}
        self.endResetModel()

    def headers(self) -> list[str]:
        return [
            _("Respondent"),
            _("Type"),
            _("Regions"),
            _("Status"),
            _("Invited"),
            _("Deadline"),
            _("Reminders"),
            _("Answered on"),
        ]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 8

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: ANN001, ANN201, N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.DisplayRole:
            return self.display(index.row(), column)
        if role == Qt.ToolTipRole and column == 0:
            return r.name.get_text(current_language())
        if role == Qt.ToolTipRole and column in (1, 2):  # may be cut: the whole text
            return self.data(index, Qt.DisplayRole)
        if role == Qt.ForegroundRole and column == 3 and r.status != "answered":
            return QBrush(QColor("#b00020"))
        if role == Qt.UserRole:
            return r.id
        return None

    def display(self, row: int, column: int) -> str:
        """The text of a cell, made once per refresh."""
        key = (row, column)
        if key not in self.cache:
            self.cache[key] = self._display(self.rows[row], column)
        return self.cache[key]

    def _display(self, r: survey_respondents.RespondentInfo, column: int) -> str:
        if column == 0:
            return r.label
        if column == 1:
            return kind_label(r.kind)
        if column == 2:
            return ", ".join(self.region_names.get(c, c) for c in r.regions)
        if column == 3:
            return str(STATUS_LABELS[r.status])
        if column == 4:
            return self._date(r.invited_on, "medium")
        if column == 5:
            return self._date(r.deadline, "medium")
        if column == 6:
            return ", ".join(self._date(d, "short") for d in r.reminders)
        return self._date(r.submitted_on, "medium")

    def _date(self, value: str | None, style: str) -> str:
        # many respondents share a date, and Babel takes ~0.2 ms to write one
        if not value:
            return ""
        key = (value, style)
        if key not in self.dates:
            self.dates[key] = format_date(value, style)
        return self.dates[key]


class SurveyRespondents(QWidget):
    def __init__(self, context, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.context = context
        self.survey_id: str | None = None
        self.meeting_id: str | None = None
        self.source_lang = "en"
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.invite_button = QPushButton(_("&Invite all entities"))
        self.invite_participants_button = QPushButton(_("Invite the &participants"))
        self.remind_button = QPushButton(_("Note a &reminder today"))
        self.answer_button = QPushButton(_("&Answers…"))
        self.remove_button = QPushButton(_("Re&move"))
        self.status = QComboBox()
        for code, label in STATUS_LABELS.items():
            self.status.addItem(str(label), code)
        self.status_button = QPushButton(_("Set &status"))
        for button, slot in (
            (self.invite_button, self.invite_entities),
            (self.invite_participants_button, self.invite_participants),
            (self.remind_button, self.remind),
            (self.answer_button, self.open_answers),
            (self.remove_button, self.remove),
            (self.status_button, self.set_status),
        ):
            button.clicked.connect(slot)
        for widget in (
            self.invite_button,
            self.invite_participants_button,
            self.remind_button,
            self.answer_button,
            self.remove_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.status)
        buttons.addWidget(self.status_button)
        layout.addLayout(buttons)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        splitter = QSplitter()
        self.model = RespondentsModel()
        self.table = QTableView()
        # column widths from the rows on screen: measuring 2,000 respondents takes 0.1 s
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setResizeContentsPrecision(100)  # widths from the first rows: fast on 2,000
        header.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.table.doubleClicked.connect(lambda *_: self.open_answers())
        splitter.addWidget(self.table)
        missing = QWidget()
        missing_layout = QVBoxLayout(missing)
        missing_layout.setContentsMargins(0, 0, 0, 0)
        missing_layout.addWidget(QLabel(_("Not answered yet, by region")))
        self.missing = QTreeWidget()
        self.missing.setHeaderHidden(True)
        missing_layout.addWidget(self.missing)
        splitter.addWidget(missing)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        for keys, slot in (
            ("Return", self.open_answers),
            ("Delete", self.remove),
            ("Ctrl+R", self.remind),
            ("Ctrl+Shift+I", self.invite_entities),
        ):
            QShortcut(QKeySequence(keys), self.table, activated=slot, context=Qt.WidgetShortcut)

    @property
    def ws(self):  # noqa: ANN201
        return self.context.ws

    def show_survey(self, survey_id: str | None, meeting_id: str | None, source_lang: str) -> None:
        self.survey_id, self.meeting_id, self.source_lang = survey_id, meeting_id, source_lang
        self.refresh()

    def _fit_columns(self) -> None:
        """Columns as wide as their text in the first rows, measured here rather than by
        resizeColumnsToContents, whose calls into the model for every role of every cell take
        0.1 s with 2,000 respondents. A mechanism of many regions must not push the dates
        out of sight: no column but the last is wider than 18 letters."""
        metrics = self.table.fontMetrics()
        widest = max(160, metrics.horizontalAdvance("M") * 18)
        sample = range(min(len(self.model.rows), 200))
        headers = self.model.headers()
        padding = 2 * metrics.horizontalAdvance("M")
        for column in range(self.model.columnCount()):
            texts = [headers[column], *(self.model.display(row, column) for row in sample)]
            width = max(metrics.horizontalAdvance(text) for text in texts) + padding
            last = column == self.model.columnCount() - 1
            self.table.setColumnWidth(column, width if last else min(width, widest))

    def refresh(self) -> None:
        lang = current_language()
        region_names = {r.code: r.name.get_text(lang) for r in taxonomy.regions(self.ws)}
        selected = self.current_id()
        rows = (
            survey_respondents.respondent_infos(self.ws, self.survey_id) if self.survey_id else []
        )
        self.model.set_rows(rows, region_names)
        self._fit_columns()
        answered = sum(1 for r in rows if r.status == "answered")
        self.summary.setText(
            ngettext(
                "{answered} of {total} respondent answered",
                "{answered} of {total} respondents answered",
                len(rows),
            ).format(answered=answered, total=len(rows))
            if rows
            else _("Nobody is invited yet: invite the entities or the participants.")
        )
        self.missing.clear()
        if self.survey_id:
            missing = survey_respondents.non_respondents_by_region(self.ws, self.survey_id)
            for code, infos in missing.items():
                name = region_names.get(code, _("No region"))
                top = QTreeWidgetItem([f"{name} ({len(infos)})"])
                for info in infos:
                    top.addChild(QTreeWidgetItem([f"{info.label} · {kind_label(info.kind)}"]))
                self.missing.addTopLevelItem(top)
            self.missing.expandAll()
        for button in (self.invite_button, self.invite_participants_button, self.remind_button):
            button.setEnabled(self.survey_id is not None)
        if selected:
            self.select(selected)

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        index = rows[0] if rows else self.table.currentIndex()
        return self.model.data(index, Qt.UserRole) if index.isValid() else None

    def select(self, respondent_id: str) -> None:
        for row, info in enumerate(self.model.rows):
            if info.id == respondent_id:
                self.select_row(row)
                return

    def select_row(self, row: int) -> None:
        # Not QTableView.selectRow: it selects nothing in right-to-left layouts (Qt 6.12).
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        )

    def _edit(self, text: str, scope: list[str], action) -> object:  # noqa: ANN001
        try:
            return self.context.edit(text, "survey_respondents", scope, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Survey"), str(exc))
            return None

    def invite_entities(self) -> None:
        if self.survey_id:
            survey_id = self.survey_id
            self._edit(
                _("Invite all entities"),
                [],
                lambda: [
                    survey_respondents.get_respondent(self.ws, i)
                    for i in survey_respondents.invite_entities(self.ws, survey_id)
                ],
            )

    def invite_participants(self) -> None:
        if not (self.survey_id and self.meeting_id):
            return
        survey_id = self.survey_id
        ids = participants.meeting_participant_ids(self.ws, self.meeting_id)
        self._edit(
            _("Invite the participants"),
            [],
            lambda: [
                survey_respondents.get_respondent(self.ws, i)
                for i in survey_respondents.invite_participants(self.ws, survey_id, ids)
            ],
        )

    def remind(self) -> None:
        if not self.survey_id:
            return
        today = date.today().isoformat()
        scope = [r.id for r in self.model.rows if r.status in ("invited", "reminded")]
        survey_id = self.survey_id
        self._edit(
            _("Note a reminder on {date}").format(date=format_date(today, "medium")),
            scope,
            lambda: survey_respondents.remind_all(self.ws, survey_id, today),
        )

    def set_status(self) -> None:
        respondent_id = self.current_id()
        if respondent_id:
            status = self.status.currentData()
            label = next(r.label for r in self.model.rows if r.id == respondent_id)
            self._edit(
                _("Mark {name} as {status}").format(name=label, status=str(STATUS_LABELS[status])),
                [respondent_id],
                lambda: survey_respondents.update_respondent(self.ws, respondent_id, status=status),
            )

    def remove(self) -> None:
        respondent_id = self.current_id()
        if respondent_id:
            label = next(r.label for r in self.model.rows if r.id == respondent_id)
            self._edit(
                _("Remove {name} from the survey").format(name=label),
                [respondent_id],
                lambda: survey_respondents.remove_respondent(self.ws, respondent_id),
            )

    def open_answers(self) -> SurveyAnswerDialog | None:
        respondent_id = self.current_id()
        if not respondent_id or not self.survey_id:
            return None
        label = next(r.label for r in self.model.rows if r.id == respondent_id)
        questions = surveys.list_questions(self.ws, self.survey_id)

        def save(answers: dict) -> None:
            def action() -> int:
                # Inside the edit's transaction: the first submission date is kept.
                respondent = survey_respondents.get_respondent(self.ws, respondent_id)
                return survey_answers.set_answers(
                    self.ws,
                    respondent_id,
                    answers,
                    replace=True,
                    submitted_on=None if respondent.submitted_on else date.today().isoformat(),
                )

            self.context.edit(
                _("Answers of {name}").format(name=label),
                "survey_respondents",
                [respondent_id],
                action,
            )

        dialog = SurveyAnswerDialog(
            label,
            questions,
            survey_answers.answers_of(self.ws, respondent_id),
            save,
            self.source_lang,
            parent=self,
        )
        dialog.open()
        return dialog
