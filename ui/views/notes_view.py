"""Rapporteur notes: fast capture by keyboard, review, filters and search.

Capture (``ui/widgets/note_capture_panel.py``): type a point, Enter keeps it and starts the
next. Tags are typed (``c2 (q) 10.7``) with completion; the kind has a shortcut (Alt+P
point, Alt+K key message, Alt+R recommendation, Alt+G good practice, Alt+C common principle,
Alt+Q question, Alt+U quote). What is typed is written to the workspace within a second of
the last keystroke, before Enter, so closing or killing the application loses nothing.
Review (``ui/widgets/notes_review.py``): filters, the list, and the actions on a selection.
This view wires the two and the search panel together.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gcm_dialogue import i18n, notes
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting

from ..context import AppContext
from ..widgets.note_capture_panel import KIND_KEYS, NoteCapturePanel
from ..widgets.note_search import NoteSearchPanel
from ..widgets.notes_review import NotesReview
from ..widgets.view_focus import focus_when_shown
from .base import View


class NotesView(View):
    view_id = "notes"
    tables = ("notes", "note_tags", "agenda_items", "breakout_groups", "participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._places: list[notes.Place] | None = None
        self.capture = NoteCapturePanel(context)
        self.review = NotesReview(context, self.capture.reviewer)
        self.meeting = self.meeting  # handed to both parts
        self.capture.kept.connect(self.review.select_note)
        self.search = NoteSearchPanel(self.ws)
        self.search.setObjectName("noteSearch")
        self.search.jump.connect(self.jump_to)
        # the widgets the keyboard (and the tests) reach most
        self.capture_box = self.capture
        self.place, self.kind, self.lang = self.capture.place, self.capture.kind, self.capture.lang
        self.attribution, self.chatham = self.capture.attribution, self.capture.chatham
        self.author, self.error = self.capture.author, self.capture.error
        self.text, self.tags = self.capture.text, self.capture.tags
        self.table, self.model = self.review.table, self.review.model
        self.f_status, self.f_text = self.review.f_status, self.review.f_text
        self.filter_combos = self.review.filter_combos

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.capture)
        left_layout.addWidget(self.review, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.search)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([800, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        for code, key in KIND_KEYS.items():
            self._shortcut(f"Alt+{key}", lambda c=code: self.capture.set_kind(c))
        self._shortcut("Ctrl+Shift+F", self.focus_search)
        self._shortcut("Ctrl+Shift+R", self.review.advance_selected)
        self._shortcut("Ctrl+L", self.text.setFocus)

    @property
    def meeting(self) -> Meeting | None:
        return self._meeting

    @meeting.setter
    def meeting(self, meeting: Meeting | None) -> None:
        # the capture box and the review list show the view's meeting
        self._meeting = meeting
        for part in (getattr(self, "capture", None), getattr(self, "review", None)):
            if part is not None:
                part.meeting = meeting

    def _shortcut(self, keys: str, slot: object) -> QShortcut:
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        return shortcut

    # ---- loading ---------------------------------------------------------------------------

    def show_meeting(self, meeting: Meeting | None) -> None:
        changed = meeting is None or self.meeting is None or meeting.id != self.meeting.id
        if changed:
            self.capture.flush()
            self.capture.reset(focus=False)
        self.meeting = meeting
        self.search.set_meeting(meeting.id if meeting else None)
        self.refresh(default_place=changed)

    def refresh(self, default_place: bool = False) -> None:
        self._places = None
        places = self._place_entries()
        self.review.forget()
        self.review.set_places(places)
        self.capture.fill(places, default_place)
        self.review.fill_filters()
        self.review.reload_list()

    def _place_entries(self) -> list[notes.Place]:
        """The entry for no session, then the meeting's sessions and groups (read once per
        refresh)."""
        if self._places is None:
            self._places = []
            if self.meeting is not None:
                self._places = [
                    notes.Place(_("No session"), None, None),
                    *notes.places(self.ws, self.meeting.id, i18n.current_language()),
                ]
        return self._places

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table in ("notes", "note_tags"):
            # notes kept, edited or deleted: re-read the list and the filters' choices only
            self.review.forget()
            self.review.fill_filters()
            self.review.reload_list()
            return
        super()._on_changed(table, ids)

    # ---- what the review list offers (kept here for the keyboard's and the tests' sake) -----

    def selected_ids(self) -> list[str]:
        return self.review.selected_ids()

    def select_note(self, note_id: str, scroll: bool = True) -> bool:
        return self.review.select_note(note_id, scroll)

    @property
    def note_dialog(self):  # noqa: ANN201 - the NoteDialog last opened
        return self.review.note_dialog

    def flush(self) -> None:
        """Save at once what is typed (leaving the view, closing the window)."""
        self.capture.flush()

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
            self.review.clear_filters()
        if self.select_note(note_id):
            self.table.setFocus()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        focus_when_shown(self, event, lambda: self.text)  # capture first: type at once

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        self.capture.flush()
        super().hideEvent(event)
