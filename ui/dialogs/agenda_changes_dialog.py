"""The changes made to a published agenda since a chosen version, with their reasons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import agenda_changes, i18n
from gcm_dialogue.clock import to_local
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting

from ..context import AppContext

CHANGE_ID_ROLE = Qt.UserRole + 1


def local_time(stamp: str, time_zone: str) -> str:
    return i18n.format_datetime(to_local(stamp, time_zone), format="short")


class AgendaChangesDialog(QDialog):
    def __init__(self, context: AppContext, meeting: Meeting, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("agendaChangesDialog")
        self.context, self.meeting = context, meeting
        self.setWindowTitle(_("Changes to the published agenda"))
        self.version = QSpinBox()
        self.version.setObjectName("sinceVersion")
        self.version.setRange(1, max(1, agenda_changes.published_version(context.ws, meeting.id)))
        self.version.valueChanged.connect(lambda _v: self.refresh())
        top = QHBoxLayout()
        since = QLabel(_("Changes since &version:"))
        since.setBuddy(self.version)
        top.addWidget(since)
        top.addWidget(self.version)
        top.addStretch(1)
        self.versions = QLabel()
        top.addWidget(self.versions)

        self.tree = QTreeWidget()
        self.tree.setObjectName("changesTree")
        self.tree.setHeaderLabels([_("When"), _("Version"), _("Change"), _("Reason")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._on_current)

        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(_("Why this change was made (Enter saves)"))
        self.reason.returnPressed.connect(self.save_reason)
        reason_label = QLabel(_("&Reason:"))
        reason_label.setBuddy(self.reason)
        save = QPushButton(_("&Save Reason"))
        save.setAutoDefault(False)
        save.clicked.connect(self.save_reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(reason_label)
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(save)

        self.empty = QLabel()
        self.empty.setObjectName("emptyMessage")
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        copy = buttons.addButton(_("&Copy as Text"), QDialogButtonBox.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.Copy, self, self.copy)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addLayout(reason_row)
        layout.addWidget(buttons)
        self.resize(860, 420)
        context.bus.changed.connect(self._on_bus)
        self.refresh()

    def _on_bus(self, table: str, _ids: tuple) -> None:
        if table in ("agenda_changes", "agenda_items", "agenda_versions", "agenda_days"):
            self.refresh()

    def changes(self) -> list[agenda_changes.AgendaChange]:
        try:
            return agenda_changes.changes_since(
                self.context.ws, self.meeting.id, self.version.value()
            )
        except KnownError:
            return []

    def refresh(self) -> None:
        ws = self.context.ws
        latest = agenda_changes.published_version(ws, self.meeting.id)
        self.version.setMaximum(max(1, latest))
        versions = agenda_changes.list_versions(ws, self.meeting.id)
        self.versions.setText(
            " · ".join(
                _("version {number}: {when}").format(
                    number=i18n.format_number(v.number),
                    when=local_time(v.published_at, self.meeting.time_zone),
                )
                for v in versions
            )
        )
        current = self.current_change_id()
        self.tree.clear()
        for change in self.changes():
            row = QTreeWidgetItem(self.tree)
            row.setData(0, CHANGE_ID_ROLE, change.id)
            row.setText(0, local_time(change.changed_at, self.meeting.time_zone))
            row.setText(1, i18n.format_number(change.after_version))
            text = agenda_changes.describe(change, self.meeting.source_lang)
            row.setText(2, text)
            row.setToolTip(2, text)
            row.setText(3, change.reason)
            if change.id == current:
                self.tree.setCurrentItem(row)
        if not latest:
            self.empty.setText(_("The agenda has not been published yet."))
        elif not self.tree.topLevelItemCount():
            self.empty.setText(_("No change since this version."))
        else:
            self.empty.clear()
        self.empty.setVisible(bool(self.empty.text()))
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def current_change_id(self) -> str | None:
        row = self.tree.currentItem()
        return row.data(0, CHANGE_ID_ROLE) if row is not None else None

    def _on_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self.reason.setText(current.text(3) if current is not None else "")
        self.reason.setEnabled(current is not None)

    def save_reason(self) -> None:
        change_id = self.current_change_id()
        if change_id is None:
            return
        reason = self.reason.text()
        try:
            self.context.edit(
                _("Give a reason for a change"),
                "agenda_changes",
                [change_id],
                lambda: agenda_changes.set_reason(self.context.ws, change_id, reason),
            )
        except KnownError as exc:
            QMessageBox.warning(self, _("Agenda"), str(exc))

    def as_text(self) -> str:
        lines = [
            _("Changes to the agenda of {meeting} since version {number}").format(
                meeting=self.meeting.short_name, number=i18n.format_number(self.version.value())
            )
        ]
        for change in self.changes():
            when = local_time(change.changed_at, self.meeting.time_zone)
            line = f"{when}  {agenda_changes.describe(change, self.meeting.source_lang)}"
            if change.reason:
                line += "  " + _("Reason: {reason}").format(reason=change.reason)
            lines.append(line)
        return "\n".join(lines)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.as_text())
