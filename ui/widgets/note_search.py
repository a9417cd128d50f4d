"""Search across every note of every meeting: highlighted snippets, Enter jumps to the note."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, notes, search
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.store import Workspace

from .note_capture import plain_language_name

HIT_ROLE = Qt.UserRole + 1


def snippet_html(hit: search.Hit, width: int = 160) -> str:
    return "".join(
        f"<b style='background:#ffe58a'>{html.escape(piece)}</b>" if matched else html.escape(piece)
        for piece, matched in hit.snippet(width)
    )


class _QueryLine(QLineEdit):
    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class NoteSearchPanel(QWidget):
    """Type words or "a phrase"; results come as you type; Enter or a double click jumps."""

    jump = Signal(str, str)  # note id, meeting id

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.meeting_id: str | None = None
        self.hits: list[search.Hit] = []
        self.query = _QueryLine()
        self.query.setObjectName("noteSearchQuery")
        self.query.setPlaceholderText(_("Search all notes (Ctrl+Shift+F)"))
        self.query.setClearButtonEnabled(True)
        self.only_meeting = QCheckBox(_("Only this meeting"))
        self.only_meeting.setObjectName("noteSearchOnlyMeeting")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.results = QListWidget()
        self.results.setObjectName("noteSearchResults")
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query)
        layout.addWidget(self.only_meeting)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.query.returnPressed.connect(self._enter)
        self.query.down.connect(self._focus_results)
        self.only_meeting.toggled.connect(lambda _on: self.run())
        self.results.itemActivated.connect(self._activate)

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id

    def run(self) -> None:
        self.timer.stop()
        self.results.clear()
        self.hits = []
        text = self.query.text()
        if not search.parse_query(text):
            self.summary.setText("")
            return
        meeting_id = self.meeting_id if self.only_meeting.isChecked() else None
        try:
            self.hits = search.search(self.ws, text, meeting_id=meeting_id)
        except KnownError as exc:
            self.summary.setText(str(exc))
            return
        count = len(self.hits)
        if count >= search.DEFAULT_LIMIT:
            self.summary.setText(
                _("The {count} newest notes found; add a word to narrow the search.").format(
                    count=i18n.format_number(count)
                )
            )
        else:
            self.summary.setText(
                i18n.ngettext("{count} note found", "{count} notes found", count).format(
                    count=i18n.format_number(count)
                )
            )
        for hit in self.hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit.note_id)
            label = QLabel(
                f"<small>{html.escape(hit.meeting)} · {html.escape(str(notes.KINDS[hit.kind]))}"
                f" · {html.escape(plain_language_name(hit.lang))}</small><br>{snippet_html(hit)}"
            )
            label.setWordWrap(True)
            label.setTextFormat(Qt.RichText)
            label.setContentsMargins(4, 2, 4, 2)
            item.setSizeHint(
                QSize(100, label.heightForWidth(max(200, self.results.viewport().width() - 8)) + 6)
            )
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if self.hits:
            self.results.setCurrentRow(0)

    def _enter(self) -> None:
        if self.timer.isActive() or not self.hits:
            self.run()
        if self.hits:
            self._activate(self.results.currentItem() or self.results.item(0))

    def _focus_results(self) -> None:
        if self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(min(1, self.results.count() - 1))

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        note_id = item.data(HIT_ROLE)
        hit = next((h for h in self.hits if h.note_id == note_id), None)
        if hit is not None:
            self.jump.emit(hit.note_id, hit.meeting_id)
