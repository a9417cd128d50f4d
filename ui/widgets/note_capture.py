"""The keyboard-first pieces of note capture: the text box and the tag line with completion."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QPlainTextEdit, QWidget

from gcm_dialogue import i18n, taxonomy
from gcm_dialogue.store import Workspace


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


class _TagCompleter(QCompleter):
    """Completes the last tag typed on the line, keeping the ones before it."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt's name
        return [re.split(r"[\s,;]+", path)[-1]]

    def pathFromIndex(self, index: QModelIndex) -> str:  # noqa: N802 - Qt's name
        chosen = str(index.data(Qt.EditRole))
        line = self.widget().text() if self.widget() is not None else ""
        head = re.split(r"([\s,;]+)", line)
        head[-1] = chosen
        return "".join(head) + " "


def tag_model(ws: Workspace, parent: QWidget | None = None) -> QStandardItemModel:
    """Every tag as typed (``c2``, ``(q)``, ``10.7``, ``regional``) with what it means."""
    lang = i18n.current_language()
    model = QStandardItemModel(parent)

    def add(short: str, meaning: str) -> None:
        item = QStandardItem(f"{short}  {meaning}")
        item.setData(short, Qt.EditRole)
        item.setData(f"{short}  {meaning}", Qt.DisplayRole)
        model.appendRow(item)

    for cluster in taxonomy.clusters(ws):
        add(f"c{cluster.number}", cluster.short.get_text(lang))
    for element in taxonomy.elements(ws):
        add(f"({element.letter})", _shorten(element.text.get_text(lang)))
    for target in taxonomy.sdg_targets(ws):
        add(target.code, _shorten(target.text.get_text(lang)))
    for code, name in taxonomy.vocabulary(ws, "levels").items():
        add(code, name.get_text(lang))
    return model


def _shorten(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


class TagLine(QLineEdit):
    """Tags typed by keyboard, with completion; Enter keeps the note."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureTags")
        self.completer_ = _TagCompleter(tag_model(ws, self), self)
        self.completer_.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer_.setCompletionRole(Qt.EditRole)
        self.completer_.setMaxVisibleItems(10)
        self.setCompleter(self.completer_)


def plain_language_name(code: str) -> str:
    """A language's plain name in the current language ("English", not "English (UK)")."""
    from babel import Locale

    return Locale.parse(code).get_display_name(i18n.babel_locale()) or code
