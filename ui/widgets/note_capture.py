"""The keyboard-first pieces of note capture: the text box and the tag line with completion."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QWidget

from gcm_dialogue import i18n, taxonomy
from gcm_dialogue.store import Workspace
from gcm_dialogue.texts import shorten


class CaptureEdit(QPlainTextEdit):
    """A note's text: Enter keeps the note, Shift+Enter starts a new line."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setObjectName("captureText")
        metrics = self.fontMetrics()
        self.setMinimumHeight(metrics.lineSpacing() * 3 + 12)
        self.setMaximumHeight(metrics.lineSpacing() * 6 + 12)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and not (
            event.modifiers() & Qt.ShiftModifier
        ):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


SHORT_ROLE = Qt.UserRole + 1  # a tag as it is typed: "c2", "(q)", "10.7", "regional"
_SEPARATORS = re.compile(r"[\s,;]+")


def tag_model(ws: Workspace, parent: QWidget | None = None) -> QStandardItemModel:
    """Every tag as typed (``c2``, ``(q)``, ``10.7``, ``regional``) with what it means."""
    lang = i18n.current_language()
    model = QStandardItemModel(parent)

    def add(short: str, meaning: str) -> None:
        item = QStandardItem(f"{short}  {meaning}")
        item.setData(short, SHORT_ROLE)
        item.setToolTip(meaning)
        model.appendRow(item)

    for cluster in taxonomy.clusters(ws):
        add(f"c{cluster.number}", cluster.short.get_text(lang))
    for element in taxonomy.elements(ws):
        add(f"({element.letter})", shorten(element.text.get_text(lang), 70))
    for target in taxonomy.sdg_targets(ws):
        add(target.code, shorten(target.text.get_text(lang), 70))
    for code, name in taxonomy.vocabulary(ws, "levels").items():
        add(code, name.get_text(lang))
    return model


class TagLine(QLineEdit):
    """Tags typed by keyboard, with completion of the tag being typed.

    The list shows each tag with its meaning; Down/Up move in it and Enter (or Tab, or a
    click) puts the chosen tag in place of the one being typed. Enter with no tag chosen in
    the list emits ``returnPressed`` as usual (the notes view keeps the note).
    """

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureTags")
        self.completer_ = QCompleter(tag_model(ws, self), self)
        self.completer_.setCompletionRole(SHORT_ROLE)  # what is typed is matched to "10.7"
        self.completer_.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer_.setCompletionMode(QCompleter.PopupCompletion)
        self.completer_.setMaxVisibleItems(10)
        # not setCompleter(): QLineEdit would write the whole line over with the item
        # highlighted; this line completes only the tag under the cursor
        self.completer_.setWidget(self)
        self.completer_.activated[QModelIndex].connect(self.complete_with)
        self.textEdited.connect(self._suggest)

    def _token(self) -> tuple[int, str]:
        """Where the tag under the cursor starts, and what of it is typed."""
        head = self.text()[: self.cursorPosition()]
        start = max((m.end() for m in _SEPARATORS.finditer(head)), default=0)
        return start, head[start:]

    def _suggest(self, _text: str = "") -> None:
        _start, token = self._token()
        if not token:
            self.close_completions()
            return
        self.completer_.setCompletionPrefix(token)
        if self.completer_.completionCount() == 0:
            self.close_completions()
            return
        popup = self.completer_.popup()
        popup.setCurrentIndex(QModelIndex())  # nothing chosen: Enter keeps the note
        width = max(self.width(), popup.sizeHintForColumn(0) + 24)
        rect = self.rect()
        rect.setWidth(min(width, self.window().width()))
        self.completer_.complete(rect)

    def complete_with(self, index: QModelIndex) -> None:
        """Put the tag of a completion in place of the one being typed."""
        short = index.data(SHORT_ROLE)
        if not short:
            return
        start, _token = self._token()
        text, cursor = self.text(), self.cursorPosition()
        # the rest of the tag under the cursor, and the spaces after it, give way too
        tail = text[cursor:]
        tail = tail[re.match(r"[^\s,;]*[\s,;]*", tail).end() :]
        self.setText(f"{text[:start]}{short} {tail}")
        self.setCursorPosition(start + len(short) + 1)
        self.close_completions()

    def close_completions(self) -> None:
        self.completer_.popup().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        popup = self.completer_.popup()
        if popup.isVisible() and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            index = popup.currentIndex()
            self.close_completions()
            if index.isValid():
                self.complete_with(index)
                event.accept()
                return
        super().keyPressEvent(event)


def plain_language_name(code: str) -> str:
    """A language's plain name in the current language ("English", not "English (UK)")."""
    from babel import Locale

    return Locale.parse(code).get_display_name(i18n.babel_locale()) or code


def format_list(items: list[str]) -> str:
    """Items joined as the current language joins them ("French, Spanish and Arabic")."""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(items, locale=i18n.babel_locale()) if items else ""
