"""The mechanisms of the workspace: RCPs, IRFs, global processes, REOs, UN regional
commissions and partner organisations, with their regions.

They belong to the workspace, not to a meeting: every meeting's participants and survey
respondents point at them, and the grouping and results "by region" come from their regions.
A new workspace starts with the reference list (``resources/mechanisms.json``). Every change
is one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, mechanisms, taxonomy
from gcm_dialogue.duplicates import fold
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import N_, _, ngettext
from gcm_dialogue.mechanisms import Mechanism
from gcm_dialogue.store import Workspace

from ..context import AppContext
from ..dialogs.mechanism_dialog import MechanismDialog, language_label
from .base import View, filtered_count

COLUMNS = (
    ("acronym", N_("Acronym")),
    ("name", N_("Name")),
    ("kind", N_("Kind")),
    ("regions", N_("Regions")),
    ("participants", N_("Participants")),
)
FALLBACK_COLOUR = QColor("#8a5a00")  # as the outcomes view marks a text in another language


class MechanismsModel(QAbstractTableModel):
    """All mechanisms of a workspace (a few dozen), filtered and sorted in memory."""

    def __init__(self, ws: Workspace, parent: object = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.rows: list[Mechanism] = []  # what the table shows, in order
        self._all: list[Mechanism] = []
        self._search: dict[str, str] = {}
        self._counts: dict[str, int] = {}
        self._regions: dict[str, str] = {}
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.AscendingOrder)
        self.lang = i18n.current_language()

    # ---- loading -------------------------------------------------------------------------

    def load(self) -> None:
        self.beginResetModel()
        self.lang = i18n.current_language()
        self._all = mechanisms.list_mechanisms(self.ws)
        self._counts = mechanisms.participant_counts(self.ws)
        self._regions = {r.code: r.name.get_text(self.lang) for r in taxonomy.regions(self.ws)}
        self._search = {m.id: self._search_text(m) for m in self._all}
        self._apply()
        self.endResetModel()

    def _search_text(self, mechanism: Mechanism) -> str:
        parts = [mechanism.acronym, *mechanism.name.values(), str(mechanisms.KINDS[mechanism.kind])]
        parts += [self._regions.get(code, code) for code in mechanism.regions]
        return " " + fold(" ".join(parts))

    def set_filter(self, text: str) -> None:
        self.beginResetModel()
        self._filter = text
        self._apply()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply()
        self.layoutChanged.emit()

    def _apply(self) -> None:
        words = fold(self._filter).split()
        rows = [m for m in self._all if all(" " + w in self._search[m.id] for w in words)]
        column, order = self._sort
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "acronym"
        if key == "participants":
            rows.sort(key=lambda m: (self._counts.get(m.id, 0), m.acronym.casefold()))
        else:
            rows.sort(key=lambda m: (fold(self.text(m, key)), m.acronym.casefold()))
        if order == Qt.DescendingOrder:
            rows.reverse()
        self.rows = rows

    # ---- reading -------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.rows]

    def row_of(self, mechanism_id: str) -> int:
        return next((n for n, m in enumerate(self.rows) if m.id == mechanism_id), -1)

    def participants_of(self, mechanism_id: str) -> int:
        return self._counts.get(mechanism_id, 0)

    def text(self, mechanism: Mechanism, key: str) -> str:
        if key == "acronym":
            return mechanism.acronym
        if key == "name":
            resolved = mechanism.name.resolve(self.lang, "en")
            if resolved.is_fallback and resolved.text:
                return f"{resolved.text} ({resolved.lang.upper()})"
            return resolved.text
        if key == "kind":
            return str(mechanisms.KINDS[mechanism.kind])
        if key == "regions":
            names = [self._regions.get(code, code) for code in mechanism.regions]
            return i18n.list_separator(self.lang).join(names)
        return i18n.format_number(self._counts.get(mechanism.id, 0), self.lang)

    # ---- Qt ------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole
    ) -> object:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole and 0 <= section < len(COLUMNS):
            return str(COLUMNS[section][1])
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole and section == len(COLUMNS) - 1:
            return _("Participants linked to the mechanism, in every meeting of the workspace")
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        mechanism = self.rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.DisplayRole:
            return self.text(mechanism, key)
        if role == Qt.UserRole:
            return mechanism.id
        if role == Qt.TextAlignmentRole and key == "participants":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        fallback = key == "name" and mechanism.name.resolve(self.lang, "en").is_fallback
        if role == Qt.ForegroundRole and fallback:
            return QBrush(FALLBACK_COLOUR)
        if role == Qt.FontRole and fallback:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ToolTipRole and key == "name":
            resolved = mechanism.name.resolve(self.lang, "en")
            if not resolved.text:
                return _("No name yet")
            if resolved.is_fallback:
                return _("No name in {language} yet; shown in {other}.").format(
                    language=language_label(self.lang), other=language_label(resolved.lang)
                )
            return resolved.text
        if role == Qt.ToolTipRole:  # a long list of regions is cut in its cell
            return self.text(mechanism, key)
        return None


class MechanismsView(View):
    view_id = "mechanisms"
    tables = ("mechanisms", "participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = MechanismsModel(context.ws, self)
        self.filter = QLineEdit()
        self.filter.setObjectName("mechanismFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(_("Filter by acronym, name, kind or region (Ctrl+F)"))
        self.filter.textChanged.connect(self._on_filter)
        self.count = QLabel()
        self.count.setObjectName("mechanismCount")

        self.table = QTableView()
        self.table.setObjectName("mechanismTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.resizeSection(0, 150)
        header.resizeSection(2, 210)
        header.resizeSection(3, 260)
        header.resizeSection(4, 100)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())

        self.add_action("add", _("&Add…"), self.add_mechanism, "Ins")
        self.add_action("edit", _("&Edit…"), self.edit_current, "F2", "Return")
        self.add_action("delete", _("&Delete"), self.delete_current, QKeySequence.Delete)
        self.add_action("filter", _("Filter"), self._focus_filter, QKeySequence.Find)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        for name in ("add", "edit", "delete"):
            button = QToolButton()
            button.setDefaultAction(self.actions_by_name[name])
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            top.addWidget(button)
        note = QLabel(
            _(
                "Mechanisms and partner organisations belong to the workspace: every meeting "
                "uses them. Imported participants are matched to them by acronym or name, "
                "which gives them their category and region."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)

    def _focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    # ---- showing -------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.current_id()
        self.model.ws = self.ws
        self.model.load()
        self._update_count()
        if selected:
            self.select_id(selected)

    def _on_filter(self, text: str) -> None:
        selected = self.current_id()
        self.model.set_filter(text)
        self._update_count()
        if selected and self.model.row_of(selected) >= 0:
            self.select_id(selected)
        elif self.model.rows:
            self.select_id(self.model.rows[0].id)

    def _update_count(self) -> None:
        total = self.model.total
        whole = ngettext("{count} mechanism", "{count} mechanisms", total).format(
            count=i18n.format_number(total)
        )
        self.count.setText(filtered_count(len(self.model.rows), total, whole))

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.model.rows[row].id if row < len(self.model.rows) else None

    def select_id(self, mechanism_id: str) -> None:
        row = self.model.row_of(mechanism_id)
        if row < 0:
            return
        flags = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )
        self.table.scrollTo(self.model.index(row, 0))

    # ---- helpers tests replace -----------------------------------------------------------

    def exec_dialog(self, dialog: QDialog) -> int:
        """Run a modal dialog (tests replace this to drive the dialog instead)."""
        return dialog.exec()

    def confirm(self, title: str, message: str) -> bool:
        """Ask before a deletion that changes other rows (tests replace this)."""
        answer = QMessageBox.question(
            self, title, message, QMessageBox.Yes | QMessageBox.No, QMessageBox.No
        )
        return answer == QMessageBox.Yes

    def _warn(self, message: str) -> None:
        QMessageBox.warning(self, _("Mechanisms"), message)

    def _edit(self, text: str, scope: list[str], action: object) -> object:
        try:
            return self.context.edit(text, "mechanisms", scope, action)  # type: ignore[arg-type]
        except KnownError as exc:
            self._warn(str(exc))
            return None

    def _dialog(self, mechanism: Mechanism | None) -> MechanismDialog:
        languages = self.meeting.working_langs if self.meeting else ("en",)
        ws = self.ws

        def taken(acronym: str) -> bool:
            return mechanisms.find_mechanism(ws, acronym) is not None

        return MechanismDialog(taxonomy.regions(ws), languages, taken, mechanism, self)

    # ---- commands ------------------------------------------------------------------------

    def add_mechanism(self) -> None:
        dialog = self._dialog(None)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values = dialog.values()
        ws = self.ws
        created = self._edit(
            _("Add mechanism {acronym}").format(acronym=values["acronym"]),
            [],
            lambda: mechanisms.create_mechanism(ws, **values),  # type: ignore[arg-type]
        )
        if created is not None:
            self.filter.clear()
            self.select_id(created.id)  # type: ignore[attr-defined]

    def edit_current(self) -> None:
        mechanism_id = self.current_id()
        if mechanism_id is None:
            return
        current = mechanisms.get_mechanism(self.ws, mechanism_id)
        dialog = self._dialog(current)
        if self.exec_dialog(dialog) != QDialog.Accepted:
            return
        values = dialog.values()
        ws = self.ws
        self._edit(
            _("Edit mechanism {acronym}").format(acronym=current.acronym),
            [mechanism_id],
            lambda: mechanisms.update_mechanism(ws, mechanism_id, **values),  # type: ignore[arg-type]
        )
        self.select_id(mechanism_id)

    def delete_current(self) -> None:
        """Delete the selected mechanism: refused while survey respondents stand for it; asked
        first when participants or notes point at it (they keep its acronym as text)."""
        mechanism_id = self.current_id()
        if mechanism_id is None:
            return
        current = mechanisms.get_mechanism(self.ws, mechanism_id)
        usage = mechanisms.mechanism_usage(self.ws, mechanism_id)
        if usage.respondents:
            self._warn(
                ngettext(
                    "{acronym} is a respondent of {count} survey. Remove it from the survey "
                    "first: deleting it would delete its answers.",
                    "{acronym} is a respondent of {count} surveys. Remove it from the surveys "
                    "first: deleting it would delete its answers.",
                    usage.respondents,
                ).format(acronym=current.acronym, count=i18n.format_number(usage.respondents))
            )
            return
        if usage.in_use:
            parts = []
            if usage.participants:
                parts.append(
                    ngettext(
                        "{count} participant is linked to {acronym}; they will keep "
                        "“{acronym}” as their organisation, with no region.",
                        "{count} participants are linked to {acronym}; they will keep "
                        "“{acronym}” as their organisation, with no region.",
                        usage.participants,
                    ).format(acronym=current.acronym, count=i18n.format_number(usage.participants))
                )
            if usage.notes:
                parts.append(
                    ngettext(
                        "{count} note is attributed to {acronym}; it will lose that attribution.",
                        "{count} notes are attributed to {acronym}; they will lose that "
                        "attribution.",
                        usage.notes,
                    ).format(acronym=current.acronym, count=i18n.format_number(usage.notes))
                )
            parts.append(_("Delete {acronym}?").format(acronym=current.acronym))
            if not self.confirm(_("Delete mechanism"), "\n\n".join(parts)):
                return
        row = self.model.row_of(mechanism_id)
        ws = self.ws
        text = _("Delete mechanism {acronym}").format(acronym=current.acronym)
        if (
            self._edit(
                text,
                [mechanism_id],
                lambda: mechanisms.delete_mechanism(ws, mechanism_id, unlink=True),
            )
            is not None
        ):
            if self.model.rows:
                self.select_id(self.model.rows[min(row, len(self.model.rows) - 1)].id)
            self.context.show_status(
                _("{what}. Undo with {keys}.").format(
                    what=text,
                    keys=QKeySequence(QKeySequence.Undo).toString(QKeySequence.NativeText),
                )
            )


__all__ = ["MechanismsModel", "MechanismsView"]
