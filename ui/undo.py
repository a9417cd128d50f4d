"""Undo for every edit: one ``QUndoCommand`` per user action, built on core snapshots.

An ``EditCommand`` is given the rows the action may touch (a table and ids: its *scope*) and
the action itself, a call into a core service. The first redo captures the scope, runs the
action and captures the scope again (with any rows the action created); undo restores the
first capture and redo the second. Commands work on a bare ``QUndoStack``, no widget needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from gcm_dialogue import snapshots
from gcm_dialogue.records import Changes
from gcm_dialogue.store import Workspace


class ChangeBus(QObject):
    """Tells the views which table changed, so each refreshes only for what it shows."""

    changed = Signal(str, tuple)  # table, ids


def created_ids(result: object) -> tuple[str, ...]:
    """The ids an action's result names: a Changes, an entity with ``id``, or a list of them."""
    if result is None:
        return ()
    if isinstance(result, Changes):
        return result.ids
    if isinstance(result, (list, tuple)):
        return tuple(i for item in result for i in created_ids(item))
    identifier = getattr(result, "id", None)
    return (identifier,) if isinstance(identifier, str) else ()


class EditCommand(QUndoCommand):
    def __init__(
        self,
        ws: Workspace,
        text: str,
        table: str,
        scope: Iterable[str],
        action: Callable[[], object],
        bus: ChangeBus | None = None,
    ) -> None:
        super().__init__(text)
        self.ws, self.table, self.action, self.bus = ws, table, action, bus
        self.scope = tuple(scope)
        self.before: snapshots.Snapshot | None = None
        self.after: snapshots.Snapshot | None = None
        self.result: object = None

    def perform(self) -> object:
        """Run the action for the first time; a refused action raises and leaves no trace."""
        # One transaction: an action made of several service calls that fails midway
        # leaves nothing, and the two captures see exactly the action's own change.
        with self.ws.transaction():
            before = snapshots.capture(self.ws, self.table, self.scope)
            self.result = self.action()
            ids = self.scope + tuple(i for i in created_ids(self.result) if i not in self.scope)
            after = snapshots.capture(self.ws, self.table, ids)
        self.before, self.after = before, after
        self._fresh = True
        return self.result

    def redo(self) -> None:
        if self.after is None:
            self.perform()
        elif getattr(self, "_fresh", False):
            self._fresh = False  # QUndoStack.push calls redo right after perform
        else:
            assert self.before is not None
            snapshots.restore(
                self.ws, self.after, drop=self.before.root_ids() - self.after.root_ids()
            )
        self._announce()

    def undo(self) -> None:
        assert self.before is not None and self.after is not None
        snapshots.restore(self.ws, self.before, drop=self.after.root_ids() - self.before.root_ids())
        self._announce()

    def id(self) -> int:  # noqa: A003 - Qt's name; -1: never merged with another command
        return -1

    def _announce(self) -> None:
        if self.bus is not None:
            ids = (
                tuple(self.before.root_ids() | self.after.root_ids()) if self.after else self.scope
            )
            self.bus.changed.emit(self.table, ids)


def push_edit(stack: object, command: EditCommand) -> object:
    """Run a command's action and, when it succeeds, put it on the undo stack.

    Errors (a ``KnownError`` with a message for the user) propagate to the caller, and the
    stack is untouched.
    """
    result = command.perform()
    stack.push(command)  # type: ignore[attr-defined]
    return result
