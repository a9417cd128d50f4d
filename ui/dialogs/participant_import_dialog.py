"""Importing a registration list: which column holds what, and a preview of every row's fate.

The columns are recognised by their headers (English, French, Spanish) or by the mapping
remembered for the last file of the same shape; the user can change any of them. The
preview lists the rows that will be rejected, with the reason, and the first rows that will
be added or update someone already there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, mechanisms, participant_import, participants
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, ngettext
from gcm_dialogue.store import Workspace
from gcm_dialogue.tabular import Table

PREVIEW_ROWS = 50


def action_label(action: str) -> str:
    labels = {"add": _("Add"), "update": _("Update"), "same": _("Unchanged"), "reject": _("Reject")}
    return labels[action]


class ParticipantImportDialog(QDialog):
    def __init__(
        self, ws: Workspace, meeting_id: str, table: Table, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participantImportDialog")
        self.setWindowTitle(_("Import participants from {file}").format(file=table.path.name))
        self.ws, self.meeting_id, self.table = ws, meeting_id, table
        self.plan: participant_import.ImportPlan | None = None
        mapping, remembered = participant_import.mapping_for(ws, table.headers)

        about = QLabel(
            ngettext(
                "{count} row; text encoding {encoding}.",
                "{count} rows; text encoding {encoding}.",
                len(table.rows),
            ).format(count=i18n.format_number(len(table.rows)), encoding=table.encoding or "XLSX")
            + " "
            + (
                _("The columns are mapped as for the last file of this shape.")
                if remembered
                else _("The columns were recognised by their names; check them.")
            )
        )
        about.setWordWrap(True)

        self.mapping_table = QTableWidget(len(table.headers), 3)
        self.mapping_table.setObjectName("mappingTable")
        self.mapping_table.setHorizontalHeaderLabels([_("Column"), _("Holds"), _("First value")])
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.mapping_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.combos: dict[str, QComboBox] = {}
        first = table.rows[0] if table.rows else []
        for row, header in enumerate(table.headers):
            self.mapping_table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(_("(ignore)"), "")
            for code, label in participant_import.TARGETS.items():
                combo.addItem(str(label), code)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(header, ""))))
            combo.currentIndexChanged.connect(self.update_preview)
            self.combos[header] = combo
            self.mapping_table.setCellWidget(row, 1, combo)
            sample = first[row] if row < len(first) else ""
            self.mapping_table.setItem(row, 2, QTableWidgetItem(sample))

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.preview = QTableWidget(0, 7)
        self.preview.setObjectName("importPreview")
        self.preview.setHorizontalHeaderLabels(
            [
                _("Row"),
                _("Action"),
                _("Name"),
                _("Organisation"),
                _("Country"),
                _("Email"),
                _("Why"),
            ]
        )
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.preview.horizontalHeader().setStretchLastSection(True)

        mapping_box = QGroupBox(_("Columns"))
        QVBoxLayout(mapping_box).addWidget(self.mapping_table)
        preview_box = QGroupBox(_("Preview"))
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.addWidget(self.summary)
        preview_layout.addWidget(self.preview)
        splitter = QSplitter(Qt.Vertical)
        splitter.addWidget(mapping_box)
        splitter.addWidget(preview_box)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton(_("&Import"), QDialogButtonBox.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 640)
        self.update_preview()

    def mapping(self) -> dict[str, str]:
        return {header: combo.currentData() or "" for header, combo in self.combos.items()}

    def set_target(self, header: str, target: str) -> None:
        combo = self.combos[header]
        combo.setCurrentIndex(combo.findData(target))

    def update_preview(self) -> None:
        try:
            self.plan = participant_import.plan_import(
                self.ws, self.table, self.mapping(), self.meeting_id
            )
        except KnownError as exc:
            self.plan = None
            self.summary.setText(str(exc))
            self.summary.setStyleSheet("color: #a4262c")
            self.preview.setRowCount(0)
            self.import_button.setEnabled(False)
            return
        plan = self.plan
        self.summary.setStyleSheet("")
        self.summary.setText(
            _(
                "{added} to add, {updated} to update (matched by email, else by name and "
                "organisation), {unchanged} already as in the file, {rejected} rejected."
            ).format(
                added=i18n.format_number(plan.count("add")),
                updated=i18n.format_number(plan.count("update")),
                unchanged=i18n.format_number(plan.count("same")),
                rejected=i18n.format_number(plan.count("reject")),
            )
        )
        self.import_button.setEnabled(plan.count("add") + plan.count("update") > 0)
        shown = plan.rejected + [r for r in plan.rows if r.action != "reject"][:PREVIEW_ROWS]
        self.preview.setRowCount(len(shown))
        for n, row in enumerate(shown):
            values = row.values
            name = participants.join_name(
                str(values.get("given_name") or ""),
                str(values.get("family_name") or ""),
                str(values.get("honorific") or ""),
            )
            if not name and row.cells:
                name = " · ".join(c for c in row.cells if c.strip())
            cells = [
                i18n.format_number(row.row_number),
                action_label(row.action),
                name,
                str(values.get("organisation") or self._acronym(values.get("mechanism_id"))),
                str(values.get("country") or ""),
                str(values.get("email") or ""),
                row.reason
                or (
                    _("same email")
                    if row.matched_by == "email"
                    else _("same name and organisation")
                    if row.matched_by == "name"
                    else ""
                ),
            ]
            for column, text in enumerate(cells):
                self.preview.setItem(n, column, QTableWidgetItem(text))

    def _acronym(self, mechanism_id: object) -> str:
        if not mechanism_id:
            return ""
        return str(mechanisms.acronym(self.ws, str(mechanism_id)))
