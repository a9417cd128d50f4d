"""What every view is given: the workspace, the shared undo stack and the change bus."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QUndoStack

from gcm_dialogue.records import Changes
from gcm_dialogue.store import Workspace

from .undo import ChangeBus, EditCommand, push_edit


@dataclass
class AppContext:
    ws: Workspace
    undo_stack: QUndoStack
    bus: ChangeBus
    show_status: Callable[[str], None] = field(default=lambda message: None)

    def edit(
        self,
        text: str,
        table: str,
        scope: list[str] | tuple[str, ...],
        action: Callable[[], object],
    ) -> object:
        """Run one user action as an undoable command; errors propagate with nothing changed."""
        return push_edit(
            self.undo_stack, EditCommand(self.ws, text, table, scope, action, self.bus)
        )

    def announce(self, changes: Changes) -> None:
        """Tell the views about a change that is not undoable (an import log, a live timer)."""
        self.bus.changed.emit(changes.table, changes.ids)
