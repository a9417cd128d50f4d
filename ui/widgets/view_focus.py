"""A view reached from the navigation (Ctrl+6, Ctrl+7, ...) is ready to type in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QWidget


def focus_when_shown(view: QWidget, event: QEvent, target: Callable[[], QWidget]) -> None:
    """When ``view`` comes on screen in the window (not when the window itself is restored),
    give ``target()`` the keyboard focus: the widget Qt picked when the page before was
    hidden is just the next one in the tab order."""
    if event.spontaneous():
        return

    def apply() -> None:
        widget = target()
        if view.isVisible() and widget.isVisible() and widget.isEnabled():
            widget.setFocus(Qt.OtherFocusReason)

    QTimer.singleShot(0, apply)
