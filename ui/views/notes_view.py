"""Rapporteur notes: fast capture by keyboard, review, filters and search.

Capture: type a point, Enter keeps it and starts the next. Tags are typed (``c2 (q) 10.7``)
with completion; the kind has a shortcut (Alt+P point, Alt+K key message, Alt+R
recommendation, Alt+G good practice, Alt+C common principle, Alt+Q question, Alt+U quote).
What is typed is written to the workspace within a second of the last keystroke, before
Enter, so closing or killing the application loses nothing.
"""

from __future__ import annotations

import getpass
from dataclasses import replace

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import agenda, i18n, mechanisms, notes, participants
from gcm_dialogue.clock import utc_now
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.multilingual import Text

from ..context import AppContext
from ..dialogs.note_dialog import NoteDialog
from ..widgets.note_capture import CaptureEdit, TagLine, plain_language_name
from ..widgets.note_search import NoteSearchPanel
from ..widgets.notes_model import NotesModel, local_time
from ..widgets.view_focus import focus_when_shown
from .base import View

AUTOSAVE_MS = 400  # what is typed reaches the workspace this long after the last keystroke
KIND_KEYS = {
    "point": "P",
    "key_message": "K",
    "recommendation": "R",
    "good_practice": "G",
    "common_principle": "C",
    "question": "Q",
    "quote": "U",
}
ANY = "\x00any"


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class NotesView(View):
    view_id = "notes"
    tables = ("notes", "note_tags", "agenda_items", "breakout_groups", "participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.note_id: str | None = None  # the note being typed, once first saved
        self.started_at: str | None = None
        self._loading = False
        self._places = self._base = self._texts = None
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self._build_capture()
        self._build_list()
        self.search = NoteSearchPanel(self.ws)
        self.search.setObjectName("noteSearch")
        self.search.jump.connect(self.jump_to)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.capture_box)
        left_layout.addLayout(self.filters_row)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(self.actions_row)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.search)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.place.lineEdit().returnPressed.connect(self._pick_place)
        self.text.submitted.connect(self.keep)
        self.tags.returnPressed.connect(self.keep)
        self.text.textChanged.connect(self._typed)
        self.tags.textChanged.connect(lambda _t: self._typed())
        for combo in self.filter_combos:
            combo.currentIndexChanged.connect(lambda _i: self.reload_list())
        self.f_text.textChanged.connect(lambda _t: self.reload_list())
        for code, key in KIND_KEYS.items():
            self._shortcut(f"Alt+{key}", lambda c=code: self.set_kind(c))
        self._shortcut("Ctrl+Shift+F", self.focus_search)
        self._shortcut("Ctrl+Shift+R", self.advance_selected)
        self._shortcut("Ctrl+L", self.text.setFocus)
        edit = QShortcut(QKeySequence("F2"), self.table)
        edit.activated.connect(self.edit_selected)
        delete = QShortcut(QKeySequence.Delete, self.table)
        delete.activated.connect(self.delete_selected)

    def _build_capture(self) -> None:
        self.place = QComboBox()
        self.place.setObjectName("capturePlace")
        self.place.setEditable(True)
        self.place.setInsertPolicy(QComboBox.NoInsert)
        self.place.setMinimumContentsLength(28)
        self.place.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.lang = QComboBox()
        self.lang.setObjectName("captureLang")
        self.kind = QComboBox()
        self.kind.setObjectName("captureKind")
        for code, label in notes.KINDS.items():
            self.kind.addItem(f"{label} (Alt+{KIND_KEYS[code]})", code)
        self.attribution = QComboBox()
        self.attribution.setObjectName("captureAttribution")
        self.attribution.setEditable(True)
        self.attribution.setInsertPolicy(QComboBox.NoInsert)
        self.attribution.setMinimumContentsLength(20)
        self.attribution.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.attribution.lineEdit().setPlaceholderText(_("optional: a person or a delegation"))
        self.attribution.installEventFilter(self)
        self.attribution.lineEdit().installEventFilter(self)
        self._attribution_filled = False
        self.attribution_label = QLabel(_("&Attribution:"))
        self.attribution_label.setBuddy(self.attribution)
        self.chatham = QLabel(_("Chatham House rule: no attribution is recorded."))
        self.chatham.setObjectName("chathamHouseNotice")
        self.author = QLineEdit(QSettings().value("notes/author", "", type=str) or _user())
        self.author.setObjectName("captureAuthor")
        self.author.editingFinished.connect(
            lambda: QSettings().setValue("notes/author", self.author.text().strip())
        )
        self.text = CaptureEdit()
        self.text.setPlaceholderText(
            _("Type a point and press Enter to keep it (Shift+Enter: new line)")
        )
        self.tags = TagLine(self.ws)
        self.tags.setPlaceholderText(_("Tags: c2 (q) 10.7 regional, then Enter"))
        self.saved = QLabel()
        self.saved.setObjectName("captureSaved")
        self.error = _MessageLabel()
        self.error.setObjectName("captureError")
        self.error.setStyleSheet("color: #a61b1b")
        self.error.setWordWrap(True)

        grid = QGridLayout()
        for row, column, text, buddy in (
            (0, 0, _("&Where:"), self.place),
            (0, 2, _("Kind:"), self.kind),
            (0, 4, _("&Language:"), self.lang),
            (1, 2, _("Rapporteur:"), self.author),
            (3, 0, _("&Tags:"), self.tags),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            grid.addWidget(label, row, column)
        grid.addWidget(self.place, 0, 1)
        grid.addWidget(self.kind, 0, 3)
        grid.addWidget(self.lang, 0, 5)
        grid.addWidget(self.attribution_label, 1, 0)
        grid.addWidget(self.attribution, 1, 1)
        grid.addWidget(self.chatham, 1, 1)
        grid.addWidget(self.author, 1, 3, 1, 3)
        grid.addWidget(self.text, 2, 0, 1, 6)
        grid.addWidget(self.tags, 3, 1, 1, 3)
        grid.addWidget(self.saved, 3, 4, 1, 2)
        grid.addWidget(self.error, 4, 0, 1, 6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 1)
        self.capture_box = QGroupBox(_("Capture"))
        self.capture_box.setLayout(grid)

    def _build_list(self) -> None:
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

    def _shortcut(self, keys: str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # ---- loading ---------------------------------------------------------------------------

    def show_meeting(self, meeting) -> None:  # noqa: ANN001 - a Meeting or None
        changed = meeting is None or self.meeting is None or meeting.id != self.meeting.id
        if changed:
            self.flush()
            self._reset_capture(focus=False)
        self.meeting = meeting
        self.search.set_meeting(meeting.id if meeting else None)
        self.refresh(default_place=changed)

    def refresh(self, default_place: bool = False) -> None:
        self._loading = True
        self._places = None
        self._base = self._texts = None
        try:
            self._fill_places(default_place)
            self._fill_capture_choices()
            self._fill_filters()
        finally:
            self._loading = False
        self.reload_list()

    def _place_entries(self) -> list[tuple[str, str | None, str | None]]:
        if getattr(self, "_places", None) is None:
            self._places = self._read_places()
        return self._places

    def _read_places(self) -> list[tuple[str, str | None, str | None]]:
        meeting = self.meeting
        if meeting is None:
            return []
        lang, source = i18n.current_language(), meeting.source_lang
        entries: list[tuple[str, str | None, str | None]] = [(_("No session"), None, None)]
        by_item: dict[str | None, list] = {}
        for group in self.ws.query(
            "SELECT id, name, agenda_item_id FROM breakout_groups WHERE meeting_id = ? "
            "ORDER BY position",
            (meeting.id,),
        ):
            by_item.setdefault(group["agenda_item_id"], []).append(
                (group["id"], Text.from_json(group["name"]))
            )
        for day in agenda.schedule(self.ws, meeting.id):
            for slot in day.slots:
                item = slot.item
                if item.kind == "break":
                    continue
                title = _short(item.title.get_text(lang, source), 60)
                entries.append((title, item.id, None))
                for group_id, name in by_item.pop(item.id, []):
                    label = f"{name.get_text(lang, source)} · {_short(title, 30)}"
                    entries.append((label, item.id, group_id))
        for rest in by_item.values():
            for group_id, name in rest:
                entries.append((name.get_text(lang, source), None, group_id))
        return entries

    def _fill_places(self, default_place: bool) -> None:
        current = self.place.currentData()
        entries = self._place_entries()
        self.model.places = {(item, group): label for label, item, group in entries}
        if self.meeting is not None:
            self.model.time_zone = self.meeting.time_zone
        self.place.blockSignals(True)
        self.place.clear()
        for label, item, group in entries:
            self.place.addItem(label, place_key(item, group))
        completer = QCompleter(self.place.model(), self.place)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.place.setCompleter(completer)
        index = -1
        if default_place and self.meeting is not None:
            index = self.place.findData(self._default_place())
        elif current is not None:
            index = self.place.findData(current)
        self.place.setCurrentIndex(max(0, index))
        self.place.lineEdit().setCursorPosition(0)
        self.place.blockSignals(False)

    def _default_place(self) -> str:
        """The agenda item running now; the group last written in when it belongs to that
        item (a rapporteur back after a restart is in the same breakout room); with nothing
        running, the place last written in."""
        if self.meeting is None:
            return place_key(None, None)
        running = notes.running_item(self.ws, self.meeting.id)
        last = QSettings().value(f"notes/place/{self.meeting.id}", "", type=str)
        if last and self.place.findData(last) < 0:
            last = ""
        if running is None:
            return last or place_key(None, None)
        if last and parse_place(last)[0] == running:
            return last
        return place_key(running, None)

    def _remember_place(self) -> None:
        if self.meeting is not None and self.place.currentData():
            QSettings().setValue(f"notes/place/{self.meeting.id}", self.place.currentData())

    def _pick_place(self) -> None:
        """Enter in the place box: the first session or group whose name holds what is typed."""
        typed = self.place.lineEdit().text().strip().casefold()
        labels = [self.place.itemText(i).casefold() for i in range(self.place.count())]
        index = labels.index(typed) if typed in labels else -1
        if index < 0:
            index = next((i for i, label in enumerate(labels) if typed and typed in label), -1)
        completer = self.place.completer()
        if completer is not None:
            completer.popup().hide()
        if index >= 0:
            self.place.setCurrentIndex(index)
            self.place.lineEdit().setCursorPosition(0)
            self.text.setFocus()
            self._typed()

    def _fill_capture_choices(self) -> None:
        meeting = self.meeting
        current_lang = self.lang.currentData()
        self.lang.clear()
        self.attribution.clear()
        if meeting is None:
            return
        for code in meeting.working_langs:
            self.lang.addItem(plain_language_name(code), code)
        chosen = current_lang or QSettings().value("notes/lang", meeting.source_lang, type=str)
        self.lang.setCurrentIndex(max(0, self.lang.findData(chosen)))
        chatham = meeting.chatham_house
        self.chatham.setVisible(chatham)
        self.attribution.setVisible(not chatham)
        self.attribution.setEnabled(not chatham)
        self.attribution_label.setVisible(not chatham)
        self._attribution_filled = False
        if chatham:
            return
        self.attribution.addItem("", None)

    def _fill_attribution(self) -> None:
        """The people and delegations to attribute a note to, read when first needed."""
        if self._attribution_filled or self.meeting is None or self.meeting.chatham_house:
            return
        self._attribution_filled = True
        self.attribution.blockSignals(True)
        for person in participants.list_participants(self.ws, self.meeting.id):
            self.attribution.addItem(person.display_name, f"participant:{person.id}")
        for mechanism in mechanisms.list_mechanisms(self.ws):
            self.attribution.addItem(mechanism.acronym, f"mechanism:{mechanism.id}")
        self.attribution.blockSignals(False)
        completer = QCompleter(self.attribution.model(), self.attribution)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.attribution.setCompleter(completer)

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802 - Qt's name
        if event.type() == QEvent.FocusIn and watched in (
            self.attribution,
            self.attribution.lineEdit(),
        ):
            self._fill_attribution()
        return super().eventFilter(watched, event)

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
            [(label, place_key(item, group)) for label, item, group in self._place_entries()[1:]],
        )
        people = notes.authors(self.ws, meeting.id) if meeting else []
        fill(self.f_author, _("Any rapporteur"), [(name, name) for name in people])

    def _tag_choices(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_tags"):
            self._tags = [(short, tag) for short, tag in notes.tag_choices(self.ws)]
        return self._tags

    def current_filter(self) -> notes.NoteFilter:
        def value(combo: QComboBox) -> object:
            data = combo.currentData()
            return None if data == ANY else data

        place = value(self.f_place)
        item, group = parse_place(place) if place else (None, None)
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

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table in ("notes", "note_tags"):
            # notes kept, edited or deleted: re-read the list and the filters' choices only
            self._base = self._texts = None
            self._loading = True
            try:
                self._fill_filters()
            finally:
                self._loading = False
            self.reload_list()
            return
        super()._on_changed(table, ids)

    # ---- capture ---------------------------------------------------------------------------

    def set_kind(self, code: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(code))
        self._typed()

    def _typed(self) -> None:
        if self._loading or self.meeting is None:
            return
        if self.started_at is None and self.text.toPlainText().strip():
            self.started_at = utc_now()
        self.autosave.start()

    def _values(self, strict: bool) -> dict:
        item, group = parse_place(self.place.currentData() or "|")
        if strict:
            tags = notes.expand_tags(self.ws, self.tags.text())
        else:
            tags = []
            for token in self.tags.text().replace(",", " ").split():
                try:
                    tags.append(notes.expand_tag(self.ws, token))
                except KnownError:
                    continue  # still being typed: checked on Enter
        values = {
            "text": self.text.toPlainText().strip(),
            "lang": self.lang.currentData() or (self.meeting.source_lang if self.meeting else "en"),
            "kind": self.kind.currentData() or "point",
            "agenda_item_id": item,
            "group_id": group,
            "attribution_participant_id": None,
            "attribution_mechanism_id": None,
            "tags": tags,
        }
        attributed = self.attribution.currentData()
        if attributed and self.meeting is not None and not self.meeting.chatham_house:
            kind, _sep, target = attributed.partition(":")
            values[f"attribution_{kind}_id"] = target
        return values

    def save_draft(self) -> None:
        """Write what is typed so far (no undo entry: Enter makes the note one action)."""
        self.autosave.stop()
        if self.meeting is None:
            return
        values = self._values(strict=False)
        try:
            if not values["text"]:
                if self.note_id is not None:
                    notes.delete_note(self.ws, self.note_id)
                    self.note_id, self.started_at = None, None
                return
            tags = values.pop("tags")
            if self.note_id is None:
                note = notes.add_note(
                    self.ws,
                    self.meeting.id,
                    values.pop("text"),
                    tags=tags,
                    author=self.author.text().strip(),
                    captured_at=self.started_at,
                    **values,
                )
                self.note_id = note.id
            else:
                notes.update_note(self.ws, self.note_id, tags=tags, history=False, **values)
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.saved.setText(
            _("Saved at {time}").format(time=i18n.format_time(_now_local(), format="medium"))
        )

    def flush(self) -> None:
        """Save at once what the timer would save (leaving the view, closing the window)."""
        if self.autosave.isActive():
            self.save_draft()

    def keep(self) -> None:
        """Enter: keep the note as one undoable action and start the next one."""
        if self.meeting is None:
            return
        self.autosave.stop()
        try:
            values = self._values(strict=True)
        except KnownError as exc:
            self.error.setText(str(exc))
            self.tags.setFocus()
            return
        if not values["text"]:
            self.error.setText(_("Type the note first."))
            self.text.setFocus()
            return
        meeting_id, draft_id = self.meeting.id, self.note_id
        author, started = self.author.text().strip(), self.started_at
        tags = values.pop("tags")

        def action() -> object:
            if draft_id is not None and notes_exists(self.ws, draft_id):
                return notes.update_note(self.ws, draft_id, tags=tags, history=False, **values)
            fields = dict(values)
            return notes.add_note(
                self.ws,
                meeting_id,
                fields.pop("text"),
                tags=tags,
                author=author,
                captured_at=started,
                **fields,
            )

        try:
            note = self.context.edit(
                _("Add note '{text}'").format(text=_short(values["text"])), "notes", [], action
            )
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        QSettings().setValue("notes/lang", values["lang"])
        self._remember_place()
        self._reset_capture()
        self.context.show_status(_("Note kept."))
        self.select_note(note.id)

    def _reset_capture(self, focus: bool = True) -> None:
        self._loading = True
        self.note_id, self.started_at = None, None
        self.text.clear()
        self.tags.clear()
        self.tags.close_completions()
        self.kind.setCurrentIndex(0)
        self.attribution.setCurrentIndex(0)
        self.error.clear()
        self._loading = False
        if focus:
            self.text.setFocus()

    # ---- review ----------------------------------------------------------------------------

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

    def _reviewer(self) -> str:
        return self.author.text().strip() or _user()

    def advance_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext(
            "Advance the status of {count} note", "Advance the status of {count} notes", len(ids)
        ).format(count=len(ids))
        self._edit(text, ids, lambda: notes.advance_status(self.ws, ids, by=self._reviewer()))

    def set_selected_status(self, status: str) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext(
            "Set {count} note to {status}", "Set {count} notes to {status}", len(ids)
        ).format(count=len(ids), status=str(notes.STATUSES[status]))
        self._edit(
            text,
            ids,
            lambda: _in_transaction(
                self.ws,
                [
                    lambda i=i: notes.set_status(self.ws, i, status, by=self._reviewer())
                    for i in ids
                ],
            ),
        )

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = i18n.ngettext("Delete {count} note", "Delete {count} notes", len(ids)).format(
            count=len(ids)
        )
        self._edit(
            text,
            ids,
            lambda: _in_transaction(
                self.ws, [lambda i=i: notes.delete_note(self.ws, i) for i in ids]
            ),
        )

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
                    _("Edit note '{text}'").format(text=_short(values["text"])),
                    "notes",
                    [note_id],
                    lambda v=values, t=tags: notes.update_note(
                        self.ws, note_id, tags=t, by=self._reviewer(), **v
                    ),
                )
            except KnownError as exc:
                dialog.show_error(str(exc))
                continue
            break

    def _edit(self, text: str, ids: list[str], action: object) -> None:
        try:
            self.context.edit(text, "notes", ids, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Notes"), str(exc))

    # ---- search ----------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.query.setFocus()
        self.search.query.selectAll()

    def jump_to(self, note_id: str, meeting_id: str) -> None:
        """Show the note in the list: its meeting, with the filters cleared."""
        if self.meeting is None or meeting_id != self.meeting.id:
            switcher = getattr(self.window(), "meeting_switcher", None)
            if switcher is None or switcher.findData(meeting_id) < 0:
                return
            switcher.setCurrentIndex(switcher.findData(meeting_id))
        if self.model.row_of(note_id) < 0:
            self._loading = True
            for combo in self.filter_combos:
                combo.setCurrentIndex(0)
            self.f_text.clear()
            self._loading = False
            self.reload_list()
        if self.select_note(note_id):
            self.table.setFocus()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        focus_when_shown(self, event, lambda: self.text)  # capture first: type at once

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.flush()
        super().hideEvent(event)


class _MessageLabel(QLabel):
    """A message line that takes no room while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def place_key(item: str | None, group: str | None) -> str:
    """A session or group as combo box data (plain text compares reliably in Qt)."""
    return f"{item or ''}|{group or ''}"


def parse_place(key: str) -> tuple[str | None, str | None]:
    item, _sep, group = key.partition("|")
    return item or None, group or None


def _in_transaction(ws, steps: list) -> list:  # noqa: ANN001
    with ws.transaction():
        return [step() for step in steps]


def notes_exists(ws, note_id: str) -> bool:  # noqa: ANN001
    return ws.scalar("SELECT 1 FROM notes WHERE id = ?", (note_id,)) is not None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _now_local():  # noqa: ANN202
    from datetime import datetime

    return datetime.now().time()
