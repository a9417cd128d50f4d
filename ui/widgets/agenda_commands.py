"""Undo for agenda edits, cheap enough for a 400-item agenda.

An agenda edit renumbers many items (a move, an insertion, a deletion) or changes a day's
start, which shifts the clock of a whole day. A full snapshot of every row touched, with the
notes, groups and interventions hanging on them, costs about half a second for a day of the
large workspace. So ``AgendaCommand`` keeps two things, both captured and restored by the
core (``gcm_dialogue.agenda_layout``, ``gcm_dialogue.snapshots``):

- a full snapshot of the few items the action really edits, adds or deletes, with
  everything that hangs on them (or only their rows and speakers when it deletes none);
- the plain values of everything else an agenda edit can change: each item's day and
  position, each day's start time, and the rows the action added to the record of changes
  of a published agenda (``agenda_changes``), which undo takes away again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand, QUndoStack

from gcm_dialogue import agenda_layout, snapshots
from gcm_dialogue.store import Workspace

from ..undo import ChangeBus, created_ids


class AgendaCommand(QUndoCommand):
    def __init__(
        self,
        ws: Workspace,
        text: str,
        meeting_id: str,
        scope: Iterable[str],
        action: Callable[[], object],
        bus: ChangeBus | None = None,
        *,
        full: bool = False,
    ) -> None:
        """``full``: the action deletes items; keep everything that hangs on them too."""
        super().__init__(text)
        self.ws, self.meeting_id, self.action, self.bus = ws, meeting_id, action, bus
        self.full = full
        self.scope = tuple(scope)
        self.result: object = None
        self._fresh = False

    def perform(self) -> object:
        with self.ws.transaction():  # the action and its captures, or nothing
            return self._perform()

    def _perform(self) -> object:
        ws = self.ws
        capture = (
            (lambda ids: snapshots.capture(ws, "agenda_items", ids))
            if self.full
            else (lambda ids: agenda_layout.ItemRows(ws, ids))
        )
        before = capture(self.scope)
        self.layout_before = agenda_layout.capture_layout(ws, self.meeting_id)
        mark = agenda_layout.change_log_mark(ws)
        self.result = self.action()
        existed = self.layout_before[0]
        ids = self.scope + tuple(
            i for i in created_ids(self.result) if i not in self.scope and i not in existed
        )
        existing = agenda_layout.item_ids(ws, self.meeting_id)
        ids = tuple(i for i in ids if i in existing or i in before.root_ids())
        self.before, self.after = before, capture(ids)
        self.layout_after = agenda_layout.capture_layout(ws, self.meeting_id)
        log_ids = agenda_layout.changes_since_mark(ws, mark)
        self.log = snapshots.capture(ws, "agenda_changes", log_ids)
        self._fresh = True
        return self.result

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False  # QUndoStack.push calls redo right after perform
        else:
            with self.ws.transaction():
                self._restore(self.after, self.before.root_ids() - self.after.root_ids())
                agenda_layout.apply_layout(self.ws, self.layout_after)
                snapshots.restore(self.ws, self.log)
        self._announce()

    def undo(self) -> None:
        with self.ws.transaction():
            self._restore(self.before, self.after.root_ids() - self.before.root_ids())
            agenda_layout.apply_layout(self.ws, self.layout_before)
            agenda_layout.delete_changes(self.ws, self.log.ids)
        self._announce()

    def _restore(self, state: object, drop: set[str]) -> None:
        if isinstance(state, agenda_layout.ItemRows):
            state.restore(self.ws, drop)
        else:
            snapshots.restore(self.ws, state, drop=drop)  # type: ignore[arg-type]

    def id(self) -> int:  # noqa: A003 - Qt's name; never merged
        return -1

    def _announce(self) -> None:
        if self.bus is not None:
            ids = tuple(self.before.root_ids() | self.after.root_ids())
            self.bus.changed.emit("agenda_items", ids)
            if self.log.ids:
                self.bus.changed.emit("agenda_changes", tuple(self.log.ids))


def push_agenda_edit(stack: QUndoStack, command: AgendaCommand) -> object:
    """Run the command's action and, when it succeeds, put it on the undo stack."""
    result = command.perform()
    stack.push(command)
    return result
