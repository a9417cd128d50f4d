"""Undo for editing a meeting, by value.

A meeting's full snapshot would copy everything it holds (every note and answer), so an edit
keeps the meeting row and its agenda days as they were and as they became
(``gcm_dialogue.agenda_layout.meeting_state``). The days a date change adds are empty, and
only empty days are ever dropped, so this restores it exactly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from gcm_dialogue import agenda_layout
from gcm_dialogue.agenda_layout import MeetingState
from gcm_dialogue.store import Workspace

from ..undo import ChangeBus


class MeetingEditCommand(QUndoCommand):
    def __init__(
        self,
        ws: Workspace,
        text: str,
        meeting_id: str,
        action: Callable[[], object],
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(text)
        self.ws, self.meeting_id, self.action, self.bus = ws, meeting_id, action, bus
        self._fresh = False

    def perform(self) -> object:
        with self.ws.transaction():  # the action and both states, or nothing
            self.before = agenda_layout.meeting_state(self.ws, self.meeting_id)
            result = self.action()
            self.after = agenda_layout.meeting_state(self.ws, self.meeting_id)
        self._fresh = True
        return result

    def _apply(self, state: MeetingState) -> None:
        agenda_layout.restore_meeting_state(self.ws, state)
        self._announce()

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False
            self._announce()
        else:
            self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return -1

    def _announce(self) -> None:
        if self.bus is not None:
            self.bus.changed.emit("meetings", (self.meeting_id,))
