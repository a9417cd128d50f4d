"""The base of every main-window view."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

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
        context.bus.changed.connect(self._on_changed)

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
