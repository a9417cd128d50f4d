"""The participants of a meeting: a fast table with filter-as-you-type, edits, import, export.

The table is a ``ParticipantsModel`` (ids held, rows fetched lazily). Every change is one
undoable edit: adding, editing, deleting, the multi-selection edits of category, role and
group, an import, a merge of duplicates.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import (
    duplicates,
    groups,
    i18n,
    mechanisms,
    participant_export,
    participant_import,
    participants,
    records,
    tabular,
)
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _, ngettext

from ..context import AppContext
from ..dialogs.duplicates_dialog import DuplicatesDialog
from ..dialogs.participant_dialog import ParticipantDialog
from ..dialogs.participant_import_dialog import ParticipantImportDialog
from ..models.participants_model import ParticipantsModel
from ..tasks import run_task
from ..undo import EditCommand
from .base import View, filtered_count

SPREADSHEETS = "Spreadsheets (*.csv *.xlsx *.txt *.tsv);;All files (*)"


class ParticipantsView(View):
    view_id = "participants"
    tables = (
        "participants",
        "meeting_participants",
        "breakout_groups",
        "group_members",
        "mechanisms",
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = ParticipantsModel(context.ws, self)
        self.filter = QLineEdit()
        self.filter.setObjectName("participantFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(
            _("Filter by name, organisation, mechanism, country or category (Ctrl+F)")
        )
        self.filter.textChanged.connect(self._on_filter)
        self.count = QLabel()
        self.count.setObjectName("participantCount")

        self.table = QTableView()
        self.table.setObjectName("participantTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 240)
        header.resizeSection(1, 150)
        header.resizeSection(2, 190)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.add_action("add", _("&Add…"), self.add_person, "Ins")
        self.add_action("edit", _("&Edit…"), self.edit_current, "F2", "Return")
        self.add_action("delete", _("&Delete"), self.delete_selected, QKeySequence.Delete)
        self.add_action("category", _("Set &category…"), self.ask_category, "Ctrl+Shift+C")
        self.add_action("role", _("Add &role…"), self.ask_role, "Ctrl+R")
        self.add_action("group", _("Move to &group…"), self.ask_group, "Ctrl+G")
        self.add_action("import", _("&Import…"), self.choose_import, "Ctrl+I")
        self.add_action("export", _("E&xport…"), self.choose_export, "Ctrl+Alt+E")
        self.add_action("duplicates", _("Find &duplicates…"), self.find_duplicates, "Ctrl+D")
        self.add_action("filter", _("Filter"), self._focus_filter, QKeySequence.Find)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        for name in ("add", "import", "duplicates", "export"):
            button = QToolButton()
            button.setDefaultAction(self.actions_by_name[name])
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            top.addWidget(button)
        self.selection_menu = QMenu(self)
        for name in ("edit", "category", "role", "group", "delete"):
            self.selection_menu.addAction(self.actions_by_name[name])
        selection_button = QToolButton()
        selection_button.setObjectName("selectionButton")
        selection_button.setText(_("Selection"))
        selection_button.setPopupMode(QToolButton.InstantPopup)
        selection_button.setMenu(self.selection_menu)
        top.addWidget(selection_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # ---- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_ids()
        self.model.ws = self.ws
        meeting = self.meeting
        self.model.load(meeting.id if meeting else None, meeting.source_lang if meeting else "en")
        self.model.forget()
        self._update_count()
        self.select_ids(selected)

    def _on_filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total
        whole = ngettext("{count} participant", "{count} participants", total).format(
            count=i18n.format_number(total)
        )
        self.count.setText(filtered_count(len(self.model.ids), total, whole))

    def selected_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def select_ids(self, ids: list[str]) -> None:
        flags = QItemSelectionModel.SelectionFlag
        selection = QItemSelection()
        rows = [r for r in (self.model.row_of(pid) for pid in ids) if r >= 0]
        last = self.model.columnCount() - 1
        for row in rows:
            selection.select(self.model.index(row, 0), self.model.index(row, last))
        model = self.table.selectionModel()
        model.select(selection, flags.ClearAndSelect | flags.Rows)
        if rows:
            model.setCurrentIndex(self.model.index(rows[0], 0), flags.NoUpdate)

    def _context_menu(self, position: object) -> None:
        self.selection_menu.exec(self.table.viewport().mapToGlobal(position))

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, _("Participants"), message)

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to drive the dialog instead)."""
        return dialog.exec()

    def _edit(self, text: str, table: str, scope: list[str], action: object) -> object:
        try:
            return self.context.edit(text, table, scope, action)  # type: ignore[arg-type]
        except KnownError as exc:
            self._warn(str(exc))
            return None

    def _name(self, participant_id: str) -> str:
        return participants.get_participant(self.ws, participant_id).full_name

    def _subject(self, ids: list[str]) -> str:
        if len(ids) == 1:
            return "'" + self._name(ids[0]) + "'"
        return ngettext("{count} person", "{count} people", len(ids)).format(
            count=i18n.format_number(len(ids))
        )

    # ---- one person ---------------------------------------------------------------------------

    def add_person(self) -> None:
        if self.meeting is None:
            return
        dialog = ParticipantDialog(mechanisms.list_mechanisms(self.ws), None, self)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values, roles = dialog.values(), dialog.chosen_roles()
        meeting_id = self.meeting.id
        name = participants.join_name(str(values["given_name"]), str(values["family_name"]))
        person = self._edit(
            _("Add '{name}'").format(name=name),
            "participants",
            [],
            lambda: participants.create_participant(
                self.ws, meeting_id=meeting_id, roles=roles, **values
            ),
        )
        if person is not None:
            self.select_ids([person.id])  # type: ignore[attr-defined]

    def edit_current(self) -> None:
        ids = self.selected_ids()
        if self.meeting is None or not ids:
            return
        pid, meeting_id = ids[0], self.meeting.id
        person = participants.get_participant(self.ws, pid, meeting_id=meeting_id)
        dialog = ParticipantDialog(mechanisms.list_mechanisms(self.ws), person, self)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values, roles = dialog.values(), dialog.chosen_roles()

        def action() -> object:
            with self.ws.transaction():
                participants.update_participant(self.ws, pid, **values)
                return participants.set_roles(self.ws, meeting_id, pid, roles)

        self._edit(_("Edit '{name}'").format(name=person.full_name), "participants", [pid], action)

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if self.meeting is None or not ids:
            return
        meeting_id = self.meeting.id
        text = _("Delete {who}").format(who=self._subject(ids))
        if (
            self._edit(
                text,
                "participants",
                ids,
                lambda: participants.remove_people(self.ws, meeting_id, ids),
            )
            is not None
        ):
            self.context.show_status(
                _("{what}. Undo with {keys}.").format(
                    what=text,
                    keys=QKeySequence(QKeySequence.Undo).toString(QKeySequence.NativeText),
                )
            )

    # ---- many at once -------------------------------------------------------------------------

    def set_category(self, category: str, ids: list[str] | None = None) -> None:
        ids = self.selected_ids() if ids is None else ids
        if not ids:
            return
        label = str(participants.CATEGORIES[category])
        self._edit(
            _("Set category of {who} to {category}").format(who=self._subject(ids), category=label),
            "participants",
            ids,
            lambda: participants.set_category(self.ws, ids, category),
        )

    def change_role(self, role: str, ids: list[str] | None = None, *, add: bool = True) -> None:
        ids = self.selected_ids() if ids is None else ids
        if self.meeting is None or not ids:
            return
        meeting_id, label = self.meeting.id, str(participants.ROLES[role])
        text = (_("Make {who} {role}") if add else _("Take role {role} from {who}")).format(
            who=self._subject(ids), role=label
        )
        self._edit(
            text,
            "participants",
            ids,
            lambda: participants.change_role(self.ws, meeting_id, ids, role, add=add),
        )

    def move_to_group(self, group_id: str | None, ids: list[str] | None = None) -> None:
        ids = self.selected_ids() if ids is None else ids
        if self.meeting is None or not ids:
            return
        meeting_id = self.meeting.id
        if group_id is None:
            text = _("Take {who} out of their group").format(who=self._subject(ids))
        else:
            name = groups.get_group(self.ws, group_id).name.get_text(
                i18n.current_language(), self.meeting.source_lang
            )
            text = _("Move {who} to {group}").format(who=self._subject(ids), group=name)
        group_ids = [g.id for g in groups.list_groups(self.ws, meeting_id)]
        self._edit(
            text,
            "breakout_groups",
            group_ids,
            lambda: groups.move_members(self.ws, meeting_id, ids, group_id),
        )

    def ask_category(self) -> None:
        if not self.selected_ids():
            return
        labels = [str(label) for label in participants.CATEGORIES.values()]
        label, ok = QInputDialog.getItem(self, _("Set category"), _("Category:"), labels, 0, False)
        if ok:
            self.set_category(list(participants.CATEGORIES)[labels.index(label)])

    def ask_role(self) -> None:
        if not self.selected_ids():
            return
        labels = [str(label) for label in participants.ROLES.values()]
        label, ok = QInputDialog.getItem(self, _("Add role"), _("Role:"), labels, 0, False)
        if ok:
            self.change_role(list(participants.ROLES)[labels.index(label)])

    def ask_group(self) -> None:
        if self.meeting is None or not self.selected_ids():
            return
        lang, source = i18n.current_language(), self.meeting.source_lang
        found = groups.list_groups(self.ws, self.meeting.id)
        if not found:
            self._warn(_("This meeting has no breakout groups yet."))
            return
        labels = [_("(no group)")] + [g.name.get_text(lang, source) for g in found]
        label, ok = QInputDialog.getItem(self, _("Move to group"), _("Group:"), labels, 1, False)
        if ok:
            index = labels.index(label)
            self.move_to_group(None if index == 0 else found[index - 1].id)

    # ---- import, export, duplicates ----------------------------------------------------------------

    def choose_import(self) -> None:
        if self.meeting is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import participants"), str(Path.home()), SPREADSHEETS
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Read the file, let the user check the mapping and preview, then import it."""
        if self.meeting is None:
            return
        try:
            table = tabular.read_table(path)
        except KnownError as exc:
            self._warn(str(exc))
            return
        dialog = ParticipantImportDialog(self.ws, self.meeting.id, table, self)
        if self.exec_dialog(dialog) != QDialog.Accepted or dialog.plan is None:
            return
        plan = dialog.plan
        self.run_import(plan)

    def run_import(self, plan: participant_import.ImportPlan) -> None:
        """Apply a plan off the UI thread as one undoable edit."""
        updated = [r.participant_id for r in plan.rows if r.action == "update" and r.participant_id]
        ws = self.ws
        results: list[participant_import.ImportResult] = []

        def action() -> records.Changes:
            result = participant_import.apply_import(ws, plan)
            results.append(result)
            return result.changes

        command = EditCommand(
            ws,
            _("Import {file}").format(file=plan.path.name),
            "participants",
            updated,
            action,
            self.context.bus,
        )

        def done(_result: object) -> None:
            self.context.undo_stack.push(command)
            result = results[0]
            self.last_import = result
            message = _("{added} added, {updated} updated, {rejected} rejected.").format(
                added=i18n.format_number(len(result.added)),
                updated=i18n.format_number(len(result.updated)),
                rejected=i18n.format_number(len(result.rejected)),
            )
            if result.undecided:
                message += " " + ngettext(
                    "{count} possible duplicate: use Find duplicates (Ctrl+D).",
                    "{count} possible duplicates: use Find duplicates (Ctrl+D).",
                    len(result.undecided),
                ).format(count=i18n.format_number(len(result.undecided)))
            self.context.show_status(message)
            self.import_message = message

        self.import_task = run_task(
            self, _("Importing participants…"), lambda progress: command.perform(), done
        )

    def choose_export(self) -> None:
        if self.meeting is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self,
            _("Export participants"),
            str(Path.home() / f"{self.meeting.short_name} participants.xlsx"),
            "Excel (*.xlsx);;CSV (*.csv)",
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        try:
            count = participant_export.export_participants(
                self.ws, path, fmt, self.meeting.id if self.meeting else None
            )
        except KnownError as exc:
            self._warn(str(exc))
            return 0
        self.context.show_status(
            ngettext(
                "Wrote {count} participant to {file}",
                "Wrote {count} participants to {file}",
                count,
            ).format(count=i18n.format_number(count), file=path.name)
        )
        return count

    def make_duplicates_dialog(self) -> DuplicatesDialog:
        assert self.meeting is not None
        return DuplicatesDialog(self.ws, self.meeting.id, self.merge, self)

    def find_duplicates(self) -> None:
        if self.meeting is None:
            return
        self.exec_dialog(self.make_duplicates_dialog())

    def merge(self, keep_id: str, drop_id: str, values: dict, label: str) -> bool:
        result = self._edit(
            _("Merge two records of '{name}'").format(name=label),
            "participants",
            [keep_id, drop_id],
            lambda: duplicates.merge(self.ws, keep_id, drop_id, values),
        )
        return result is not None
