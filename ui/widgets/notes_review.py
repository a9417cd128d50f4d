"""The review half of the notes view: filters, the list of notes, and what is done to the
notes selected (advance or reset the status, edit with history, delete)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, notes
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting
from gcm_dialogue.records import Changes
from gcm_dialogue.texts import shorten

from ..context import AppContext
from ..dialogs.note_dialog import NoteDialog
from .notes_model import NotesModel, local_time

ANY = "\x00any"


class NotesReview(QWidget):
    """Filters over a meeting's notes, the list they leave, and the actions on a selection.

    ``reviewer`` names who reviews (recorded with each status change and edit).
    """

    def __init__(
        self,
        context: AppContext,
        reviewer: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.reviewer = reviewer
        self.meeting: Meeting | None = None
        self.places: list[notes.Place] = []
        self._loading = False
        self._base: tuple[notes.NoteFilter, list[str]] | None = None
        self._texts: notes.NoteTexts | None = None
        self._tags: list[tuple[str, str]] | None = None
        self._build()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.filters_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.actions_row)
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(lambda _i: self.reload_list())
        self.f_text.textChanged.connect(lambda _t: self.reload_list())
        edit = QShortcut(QKeySequence("F2"), self.table)
        edit.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence.Delete, self.table)
        delete.activated.connect(self.delete_selected)

    @property
    def ws(self):  # noqa: ANN201 - the Workspace
        return self.context.ws

    def _build(self) -> None:
        self.f_status = QComboBox()
        self.f_status.setObjectName("filterStatus")
        self.f_kind = QComboBox()
        self.f_kind.setObjectName("filterKind")
        self.f_tag = QComboBox()
        self.f_tag.setObjectName("filterTag")
        self.f_place = QComboBox()
        self.f_place.setObjectName("filterPlace")
        self.f_place.setMinimumContentsLength(16)
        self.f_place.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.f_author = QComboBox()
        self.f_author.setObjectName("filterAuthor")
        self.f_text = QLineEdit()
        self.f_text.setObjectName("filterText")
        self.f_text.setPlaceholderText(_("Filter this meeting's notes"))
        self.f_text.setClearButtonEnabled(True)
        self.filter_combos = (self.f_status, self.f_kind, self.f_tag, self.f_place, self.f_author)
        self.filters_row = QHBoxLayout()
        for widget in self.filter_combos:
            self.filters_row.addWidget(widget)
        self.filters_row.addWidget(self.f_text, 1)

        self.model = NotesModel(self.ws, self)
        self.table = QTableView()
        self.table.setObjectName("notesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(3, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        metrics = self.table.fontMetrics()
        sample = {  # the widest values, as the language shown writes them
            0: local_time("2017-09-30T23:59:00Z", "UTC"),
            1: max((str(k) for k in notes.KINDS.values()), key=metrics.horizontalAdvance),
            2: max((str(s) for s in notes.STATUSES.values()), key=metrics.horizontalAdvance),
        }
        for column, width in ((4, 10), (5, 15), (6, 9)):
            header.resizeSection(column, metrics.averageCharWidth() * width)
        for column, text in sample.items():
            header.resizeSection(column, metrics.horizontalAdvance(text) + 24)
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 8)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.count = QLabel()
        self.count.setObjectName("notesCount")

        self.advance_button = QPushButton(_("Advance status (Ctrl+Shift+R)"))
        self.advance_button.clicked.connect(self.advance_selected)
        self.draft_button = QPushButton(_("Back to draft"))
        self.draft_button.clicked.connect(lambda: self.set_selected_status("draft"))
        self.edit_button = QPushButton(_("Edit, history (F2)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.actions_row = QHBoxLayout()
        self.actions_row.addWidget(self.count, 1)
        for button in (
            self.advance_button,
            self.draft_button,
            self.edit_button,
            self.delete_button,
        ):
            self.actions_row.addWidget(button)

    # ---- loading -----------------------------------------------------------------------------

    def set_places(self, places: list[notes.Place]) -> None:
        """The sessions and groups (the first: no session) the list and its filter name."""
        self.places = places
        self.model.places = {(p.agenda_item_id, p.group_id): p.label for p in places}
        if self.meeting is not None:
            self.model.time_zone = self.meeting.time_zone

    def forget(self) -> None:
        """Read the notes again at the next reload (they changed)."""
        self._base = self._texts = None

    def fill_filters(self) -> None:
        self._loading = True
        try:
            self._fill_filters()
        finally:
            self._loading = False

    def _fill_filters(self) -> None:
        meeting = self.meeting

        def fill(combo: QComboBox, first: str, entries: list[tuple[str, object]]) -> None:
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, ANY)
            for label, value in entries:
                combo.addItem(label, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

        fill(self.f_status, _("Any status"), [(str(v), k) for k, v in notes.STATUSES.items()])
        fill(self.f_kind, _("Any kind"), [(str(v), k) for k, v in notes.KINDS.items()])
        fill(self.f_tag, _("Any tag"), self._tag_choices())
        fill(
            self.f_place,
            _("Any session or group"),
            [(place.label, place.key) for place in self.places[1:]],
        )
        people = notes.authors(self.ws, meeting.id) if meeting else []
        fill(self.f_author, _("Any rapporteur"), [(name, name) for name in people])

    def _tag_choices(self) -> list[tuple[str, str]]:
        if self._tags is None:
            self._tags = [(short, tag) for short, tag in notes.tag_choices(self.ws)]
        return self._tags

    def current_filter(self) -> notes.NoteFilter:
        def value(combo: QComboBox) -> object:
            data = combo.currentData()
            return None if data == ANY else data

        place = value(self.f_place)
        item, group = notes.parse_place(place) if place else (None, None)
        status, kind = value(self.f_status), value(self.f_kind)
        return notes.NoteFilter(
            agenda_item_id=item if group is None else None,
            group_id=group,
            kinds=(kind,) if kind else None,
            statuses=(status,) if status else None,
            tag=value(self.f_tag),
            author=value(self.f_author),
            text=self.f_text.text(),
        )

    def clear_filters(self) -> None:
        """Every filter back to "any", the list read again."""
        self._loading = True
        for combo in self.filter_combos:
            combo.setCurrentIndex(0)
        self.f_text.clear()
        self._loading = False
        self.reload_list()

    def reload_list(self) -> None:
        if self._loading:
            return
        selected = self.selected_ids()
        ids: list[str] = []
        if self.meeting is not None:
            # the other filters go to the store; the typed text narrows in memory, per keystroke
            base_filter = replace(self.current_filter(), text="")
            if self._base is None or self._base[0] != base_filter:
                self._base = (base_filter, notes.note_ids(self.ws, self.meeting.id, base_filter))
            ids = self._base[1]
            if self.f_text.text().strip():
                if self._texts is None:
                    self._texts = notes.NoteTexts(self.ws, self.meeting.id)
                ids = self._texts.matching(ids, self.f_text.text())
        self.model.set_ids(ids)
        self.count.setText(
            i18n.ngettext("{count} note", "{count} notes", len(ids)).format(
                count=i18n.format_number(len(ids))
            )
        )
        if selected:
            self.select_note(selected[0], scroll=False)

    # ---- selection and its actions -----------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def select_note(self, note_id: str, scroll: bool = True) -> bool:
        row = self.model.row_of(note_id)
        if row < 0:
            return False
        index = self.model.index(row, 3)
        self.table.selectRow(row)
        self.table.setCurrentIndex(index)
        if scroll:
            self.table.scrollTo(index, QAbstractItemView.PositionAtCenter)
        return True

    def advance_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext(
            "Advance the status of {count} note", "Advance the status of {count} notes", len(ids)
        ).format(count=len(ids))
        self._edit(text, ids, lambda: notes.advance_status(self.ws, ids, by=self.reviewer()))

    def set_selected_status(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext(
            "Set {count} note to {status}", "Set {count} notes to {status}", len(ids)
        ).format(count=len(ids), status=str(notes.STATUSES[status]))
        self._edit(text, ids, lambda: notes.set_statuses(self.ws, ids, status, by=self.reviewer()))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext("Delete {count} note", "Delete {count} notes", len(ids)).format(
            count=len(ids)
        )
        self._edit(text, ids, lambda: notes.delete_notes(self.ws, ids))

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or self.meeting is None:
            return
        note_id = ids[0]
        dialog = NoteDialog(self.ws, note_id, self.meeting.working_langs, self)
        self.note_dialog = dialog
        while dialog.exec() == QDialog.Accepted:
            values = dialog.values()
            try:
                tags = notes.expand_tags(self.ws, values.pop("tags"))
                self.context.edit(
                    _("Edit note '{text}'").format(text=shorten(values["text"], 40)),
                    "notes",
                    [note_id],
                    lambda v=values, t=tags: notes.update_note(
                        self.ws, note_id, tags=t, by=self.reviewer(), **v
                    ),
                )
            except KnownError as exc:
                dialog.show_error(str(exc))
                continue
            break

    def _edit(self, text: str, ids: list[str], action: Callable[[], Changes]) -> None:
        try:
            self.context.edit(text, "notes", ids, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Notes"), str(exc))
