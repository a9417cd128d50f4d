"""Import answers from an online survey tool's export: column mapping with a live preview."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import survey_import
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, ngettext
from gcm_dialogue.store import Workspace


class SurveyImportDialog(QDialog):
    """``on_import(plan)`` writes; a KnownError is shown and the dialog stays open."""

    def __init__(
        self,
        ws: Workspace,
        survey_id: str,
        path: str | Path,
        on_import: Callable[[survey_import.ImportPlan], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws, self.survey_id, self.on_import = ws, survey_id, on_import
        self.table = survey_import.read_responses(path)
        self.plan: survey_import.ImportPlan | None = None
        self.setWindowTitle(_("Import answers from {file}").format(file=Path(path).name))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "Say which question each column answers. One column must name the respondent; "
                    "columns left on “ignore” are not read."
                )
            )
        )
        suggested = survey_import.suggest_mapping(
            ws, survey_id, self.table.headers, self.table.rows
        )
        targets = {"": _("— ignore —")}
        targets.update(survey_import.targets(ws, survey_id))
        targets[survey_import.RESPONDENT] = _("Respondent (entity or participant)")
        targets[survey_import.SUBMITTED_ON] = _("Submission date")
        for target in suggested.values():
            if target and target not in targets:
                parts = target.split(":")
                targets[target] = (
                    _("{key}, item {n}: {field}").format(key=parts[1], n=parts[2], field=parts[3])
                    if len(parts) == 4
                    else target
                )
        self.columns = QTableWidget(len(self.table.headers), 3)
        self.columns.setHorizontalHeaderLabels([_("Column"), _("First answers"), _("Answers")])
        self.columns.verticalHeader().setVisible(False)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.combos: dict[str, QComboBox] = {}
        for row, name in enumerate(self.table.headers):
            self.columns.setItem(row, 0, QTableWidgetItem(name))
            samples = [r[row] for r in self.table.rows[:3] if row < len(r) and r[row].strip()]
            self.columns.setItem(row, 1, QTableWidgetItem(" | ".join(s[:40] for s in samples)))
            combo = QComboBox()
            for target, label in targets.items():
                combo.addItem(label[:70], target)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(name, ""))))
            combo.currentIndexChanged.connect(lambda *_: self.preview())
            self.columns.setCellWidget(row, 2, combo)
            self.combos[name] = combo
        layout.addWidget(self.columns, 3)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget()
        layout.addWidget(self.problems, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(_("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        self.resize(900, 620)
        self.preview()

    def mapping(self) -> dict[str, str]:
        return {name: combo.currentData() or "" for name, combo in self.combos.items()}

    def set_target(self, column: str, target: str) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(target))

    def preview(self) -> None:
        self.problems.clear()
        ok = self.buttons.button(QDialogButtonBox.Ok)
        try:
            self.plan = survey_import.plan_import(
                self.ws, self.survey_id, self.table, self.mapping()
            )
        except KnownError as exc:
            self.plan = None
            self.summary.setText(str(exc))
            ok.setEnabled(False)
            return
        plan = self.plan
        text = ngettext(
            "{n} respondent's answers will be imported.",
            "{n} respondents' answers will be imported.",
            len(plan.rows),
        ).format(n=len(plan.rows))
        replacing = sum(1 for r in plan.rows if r.replaces)
        if replacing:
            text += " " + ngettext(
                "{n} of them replaces earlier answers.",
                "{n} of them replace earlier answers.",
                replacing,
            ).format(n=replacing)
        if plan.problems:
            text += " " + ngettext(
                "{n} row cannot be read:", "{n} rows cannot be read:", len(plan.problems)
            ).format(n=len(plan.problems))
        if plan.unmapped_questions:
            text += " " + _("No column answers: {keys}.").format(
                keys=", ".join(plan.unmapped_questions)
            )
        self.summary.setText(text)
        for problem in plan.problems:
            self.problems.addItem(
                _("Row {row} ({name}): {reason}").format(
                    row=problem.row, name=problem.respondent or "?", reason=problem.reason
                )
            )
        ok.setEnabled(bool(plan.rows))

    def accept(self) -> None:
        if self.plan is None or not self.plan.rows:
            return
        try:
            self.on_import(self.plan)
        except KnownError as exc:
            self.summary.setText(str(exc))
            return
        super().accept()
