"""Let Ctrl+Z and Ctrl+Shift+Z reach the application's undo stack from a text field that has
nothing of its own to undo.

A QLineEdit claims the undo and redo shortcuts whenever it has focus, even when empty, so a
person who has just added a name to a list and presses Ctrl+Z would see nothing happen. With
this filter the field keeps its own undo while it has one, and passes the keys on otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit


class UndoPassThrough(QObject):
    """Event filter for a QLineEdit; see the module's note."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            event.type() == QEvent.ShortcutOverride
            and isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
        ):
            if event.matches(QKeySequence.Undo) and not watched.isUndoAvailable():
                event.ignore()
                return True
            if event.matches(QKeySequence.Redo) and not watched.isRedoAvailable():
                event.ignore()
                return True
        return False


def pass_undo_through(field: QLineEdit) -> None:
    """Install the filter on ``field`` (it lives as long as the field)."""
    field.installEventFilter(UndoPassThrough(field))
