"""The base of every main-window view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from gcm_dialogue.meetings import Meeting

from ..context import AppContext


class View(QWidget):
    """A page of the main window, shown for one meeting at a time.

    Subclasses set ``view_id`` (stable, used in settings and as the key of their entry in
    ``ui.views.VIEWS``, which holds the title) and ``tables`` (the tables whose changes make
    it refresh), and implement ``refresh``.
    """

    view_id = ""
    tables: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting: Meeting | None = None
        self.actions_by_name: dict[str, QAction] = {}
        context.bus.changed.connect(self._on_changed)

    def add_action(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        *keys: object,
        toolbar: QToolBar | None = None,
    ) -> QAction:
        """A command of the view, by its shortcuts while the focus is inside the view."""
        action = QAction(text, self)
        sequences = [QKeySequence(k) for k in keys]
        action.setShortcuts(sequences)
        # not the whole window: views hidden in the stack must not steal each other's keys
        action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        if sequences:
            label = text.replace("&", "").rstrip("…")
            action.setToolTip(f"{label} ({sequences[0].toString()})")
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions_by_name[name] = action
        if toolbar is not None:
            toolbar.addAction(action)
        return action

    def action(self, name: str) -> QAction:
        return self.actions_by_name[name]

    @property
    def ws(self):  # noqa: ANN201 - the Workspace
        return self.context.ws

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.refresh()

    def refresh(self) -> None:
        """Re-read what the view shows from the store."""

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table in self.tables or table == "meetings":
            self.refresh()


def filtered_count(shown: int, total: int, whole: str) -> str:
    """What a filter box says: ``whole`` ("92 participants") when everything shows, else
    "12 of 92"."""
    from gcm_dialogue import i18n

    if shown == total:
        return whole
    return i18n.gettext("{shown} of {total}").format(
        shown=i18n.format_number(shown), total=i18n.format_number(total)
    )
