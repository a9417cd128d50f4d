"""The highlights: numbered paragraphs drafted from the outcomes, with a text per language
and a view of which languages are complete."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, outcomes
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.texts import shorten

from ..context import AppContext
from ..dialogs.outcome_chooser import OutcomeChooser
from ..widgets.note_capture import format_list, plain_language_name
from ..widgets.view_focus import focus_when_shown
from .save_on_leave import SavesOnLeave

HIGHLIGHT_ROLE = Qt.UserRole + 1


SHORT = 220  # characters of a paragraph shown in the list


class HighlightsView(SavesOnLeave):
    view_id = "highlights"
    tables = ("highlights", "outcomes")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editors: dict[str, QPlainTextEdit] = {}
        self._filling = False
        # the highlight the editors were filled with and its texts, to save what the user
        # typed when they leave it; and whether a refresh waits for such a save
        self._loaded: tuple[str, dict[str, str]] | None = None
        self.list = QListWidget()
        self.list.setObjectName("highlightList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(lambda *_a: self._leave_and_show())
        self.draft_button = QPushButton(_("&Draft from an outcome… (Ctrl+D)"))
        self.draft_button.setObjectName("draftHighlight")
        self.draft_button.clicked.connect(self.draft_from_outcome)
        self.new_button = QPushButton(_("&New paragraph (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_paragraph)
        self.up_button = QPushButton(_("Up (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton(_("Down (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (
            self.draft_button,
            self.new_button,
            self.up_button,
            self.down_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("highlightLanguages")
        self.source = QLabel()
        self.source.setObjectName("highlightSource")
        self.source.setWordWrap(True)
        self.save_button = QPushButton(_("&Save (Ctrl+S)"))
        self.save_button.setObjectName("saveHighlight")
        self.save_button.clicked.connect(self.save)
        self.completeness = QTableWidget(0, 3)
        self.completeness.setObjectName("highlightCompleteness")
        self.completeness.setHorizontalHeaderLabels(
            [_("Language"), _("Paragraphs written"), _("Missing")]
        )
        self.completeness.verticalHeader().hide()
        self.completeness.setEditTriggers(QTableWidget.NoEditTriggers)
        header = self.completeness.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.source)
        right_layout.addWidget(self.save_button, 0, Qt.AlignRight)
        right_layout.addWidget(QLabel(_("Languages complete")))
        right_layout.addWidget(self.completeness)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        for keys, slot in (
            ("Ctrl+D", self.draft_from_outcome),
            ("Ctrl+N", self.new_paragraph),
            ("Ctrl+S", self.save),
            ("Ctrl+Up", lambda: self.move(-1)),
            ("Ctrl+Down", lambda: self.move(1)),
            ("Ctrl+PgDown", lambda: self.next_language(1)),
            ("Ctrl+PgUp", lambda: self.next_language(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        delete = QShortcut(QKeySequence.Delete, self.list)
        delete.activated.connect(self.delete_current)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        super().showEvent(event)
        focus_when_shown(self, event, lambda: self.list)



    # ---- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_id()
        pending = self._pending()
        self._loaded = None  # the rebuild below must not save it: it is put back after
        self._filling = True
        self.list.clear()
        meeting = self.meeting
        self._build_tabs()
        if meeting is None:
            self._filling = False
            return
        lang, source = i18n.current_language(), meeting.source_lang
        row = 0
        for number, highlight in enumerate(outcomes.list_highlights(self.ws, meeting.id), 1):
            resolved = highlight.text.resolve(lang, source)
            missing = highlight.text.missing(meeting.working_langs)
            text = f"{i18n.format_number(number)}. {shorten(resolved.text, SHORT)}"
            item = QListWidgetItem(text)
            item.setData(HIGHLIGHT_ROLE, highlight.id)
            item.setToolTip(
                _("Missing in: {languages}").format(
                    languages=format_list([plain_language_name(c) for c in missing])
                )
                if missing
                else _("Written in every working language.")
            )
            if missing:
                item.setForeground(QBrush(QColor("#8a5a00")))
            self.list.addItem(item)
            if highlight.id == current:
                row = number - 1
        self._filling = False
        self._fill_completeness()
        if self.list.count():
            self.list.setCurrentRow(row)
        self.show_highlight()
        if pending is not None and self._loaded is not None and self._loaded[0] == pending[0]:
            for code, text in pending[1].items():  # a refresh never throws away what is typed
                if code in self.editors:
                    self.editors[code].setPlainText(text)

    def _build_tabs(self) -> None:
        langs = self.meeting.working_langs if self.meeting else ()
        if tuple(self.editors) == tuple(langs):
            return
        self.tabs.clear()
        self.editors = {}
        for code in langs:
            editor = QPlainTextEdit()
            editor.setObjectName(f"highlightText_{code}")
            editor.setTabChangesFocus(True)
            editor.setLayoutDirection(
                Qt.RightToLeft if i18n.text_direction(code) == "rtl" else Qt.LeftToRight
            )
            self.editors[code] = editor
            self.tabs.addTab(editor, plain_language_name(code))

    def _fill_completeness(self) -> None:
        rows = outcomes.highlights_completeness(self.ws, self.meeting.id) if self.meeting else []
        self.completeness.setRowCount(len(rows))
        for row, entry in enumerate(rows):
            cells = [
                plain_language_name(entry.lang),
                _("{done} of {total}").format(
                    done=i18n.format_number(entry.done), total=i18n.format_number(entry.total)
                ),
                _("complete")
                if entry.complete
                else format_list([i18n.format_number(n) for n in entry.missing_numbers]),
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setForeground(QBrush(QColor("#1d6b2f" if entry.complete else "#a61b1b")))
                self.completeness.setItem(row, column, cell)
        # one row per working language, all in sight: the editor above takes what is left
        self.completeness.resizeRowsToContents()
        table = self.completeness
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(height + 2)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(HIGHLIGHT_ROLE)

    def _texts(self) -> dict[str, str]:
        return {code: editor.toPlainText() for code, editor in self.editors.items()}

    def _pending(self) -> tuple[str, dict[str, str]] | None:
        """(highlight id, the texts changed since it was shown) when not saved yet."""
        if self._loaded is None:
            return None
        highlight_id, loaded = self._loaded
        changed = {
            code: text for code, text in self._texts().items() if text != loaded.get(code, "")
        }
        return (highlight_id, changed) if changed else None

    def _save_pending(self, pending: tuple[str, dict[str, str]]) -> bool:
        saved = self._save(*pending) is not None
        if saved and self._loaded is not None:
            self._loaded = (self._loaded[0], self._texts())
        return saved

    def _leave_and_show(self) -> None:
        if self._filling:
            return
        self.flush()
        self.show_highlight()

    def show_highlight(self) -> None:
        if self._filling or self.meeting is None:
            return
        self._loaded = None
        highlight_id = self.current_id()
        found = {h.id: h for h in outcomes.list_highlights(self.ws, self.meeting.id)}
        highlight = found.get(highlight_id or "")
        for index, (code, editor) in enumerate(self.editors.items()):
            text = highlight.text.get(code, "") if highlight else ""
            editor.setPlainText(text)
            editor.setEnabled(highlight is not None)
            mark = "✓" if text else "–"
            self.tabs.setTabText(index, f"{plain_language_name(code)} {mark}")
        if highlight is not None:
            self._loaded = (highlight.id, self._texts())
        self.source.clear()
        if highlight is not None and highlight.outcome_id:
            try:
                outcome = outcomes.get_outcome(self.ws, highlight.outcome_id)
            except KnownError:
                return
            self.source.setText(
                _("Drafted from the outcome: {lead}").format(
                    lead=shorten(
                        outcome.lead.get_text(i18n.current_language(), self.meeting.source_lang),
                        SHORT,
                    )
                )
            )

    def next_language(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next (previous) language's text, ready to type."""
        if not self.tabs.count():
            return
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        editor = self.tabs.currentWidget()
        if editor is not None and editor.isEnabled():
            editor.setFocus()

    # ---- actions ---------------------------------------------------------------------------

    def save(self) -> None:
        """Ctrl+S: save the texts now (they are also saved on leaving the paragraph)."""
        pending = self._pending()
        if pending is not None:
            self._save(*pending)

    def _save(self, highlight_id: str, texts: dict[str, str]) -> object:
        ids = [self.list.item(i).data(HIGHLIGHT_ROLE) for i in range(self.list.count())]
        if highlight_id not in ids:
            return None  # gone meanwhile (undone, deleted): nothing left to save it to
        return self._edit(
            _("Edit highlight {number}").format(number=ids.index(highlight_id) + 1),
            [highlight_id],
            lambda: outcomes.update_highlight(self.ws, highlight_id, texts, merge=True),
        )

    def draft_from_outcome(self) -> None:
        if self.meeting is None:
            return
        self.flush()
        lang, source = i18n.current_language(), self.meeting.source_lang
        choices = outcomes.numbered(self.ws, self.meeting.id)
        if not choices:
            QMessageBox.information(self, _("Highlights"), _("There is no outcome to draft from."))
            return
        sets = {
            s.id: s.title.get_text(lang, source)
            for s in outcomes.list_sets(self.ws, self.meeting.id)
        }
        used = {
            h.outcome_id: number
            for number, h in enumerate(outcomes.list_highlights(self.ws, self.meeting.id), 1)
            if h.outcome_id
        }
        entries = []
        for number, outcome in choices:
            where = shorten(sets.get(outcome.set_id or "", _("Not in a set")), 40)
            label = f"{where} · {number}. {shorten(outcome.lead.get_text(lang, source), 120)}"
            note = (
                _("already drafted as highlight {number}").format(number=used[outcome.id])
                if outcome.id in used
                else ""
            )
            entries.append((outcome.id, label, note))
        fresh = outcomes.outcomes_without_highlight(self.ws, self.meeting.id)
        dialog = OutcomeChooser(entries, fresh[0] if fresh else None, self)
        self.chooser = dialog
        if dialog.exec() != QDialog.Accepted or dialog.chosen_id() is None:
            return
        outcome = outcomes.get_outcome(self.ws, dialog.chosen_id())
        position = self.list.currentRow() + 1 if self.list.count() else 0
        result = self._edit(
            _("Draft a highlight from '{lead}'").format(
                lead=shorten(outcome.lead.get_text(lang, source), 40)
            ),
            [],
            lambda: outcomes.draft_highlight(self.ws, outcome.id, position=position),
        )
        if result is not None:
            self.select(result.id)
            editor = self.editors.get(source)
            if editor is not None:
                self.tabs.setCurrentWidget(editor)
                editor.setFocus()
                editor.moveCursor(QTextCursor.End)

    def new_paragraph(self) -> None:
        if self.meeting is None:
            return
        self.flush()
        text, ok = QInputDialog.getMultiLineText(
            self,
            _("New highlight"),
            _("Text in {language}:").format(language=plain_language_name(self.meeting.source_lang)),
        )
        if not ok or not text.strip():
            return
        meeting_id, source = self.meeting.id, self.meeting.source_lang
        result = self._edit(
            _("Add a highlight"),
            [],
            lambda: outcomes.add_highlight(self.ws, meeting_id, {source: text}),
        )
        if result is not None:
            self.select(result.id)

    def move(self, step: int) -> None:
        self.flush()
        highlight_id, row = self.current_id(), self.list.currentRow()
        if highlight_id is None or not 0 <= row + step < self.list.count():
            return
        ids = [self.list.item(i).data(HIGHLIGHT_ROLE) for i in range(self.list.count())]
        self._edit(
            _("Move highlight {number} to {new}").format(number=row + 1, new=row + step + 1),
            ids,
            lambda: outcomes.move_highlight(self.ws, highlight_id, row + step),
        )
        self.select(highlight_id)

    def delete_current(self) -> None:
        self.flush()
        highlight_id = self.current_id()
        if highlight_id is None or self.meeting is None:
            return
        ids = [h.id for h in outcomes.list_highlights(self.ws, self.meeting.id)]
        self._edit(
            _("Delete highlight {number}").format(number=self.list.currentRow() + 1),
            ids,
            lambda: outcomes.delete_highlight(self.ws, highlight_id),
        )

    def select(self, highlight_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(HIGHLIGHT_ROLE) == highlight_id:
                self.list.setCurrentRow(row)
                return

    def _edit(self, text: str, scope: list[str], action: object) -> object:
        try:
            return self.context.edit(text, "highlights", scope, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Highlights"), str(exc))
            return None
