"""Undo for agenda edits, cheap enough for a 400-item agenda.

An agenda edit renumbers many items (a move, an insertion, a deletion) or changes a day's
start, which shifts the clock of a whole day. A full snapshot of every row touched, with the
notes, groups and interventions hanging on them, costs about half a second for a day of the
large workspace. So ``AgendaCommand`` keeps two things:

- a full snapshot (``gcm_dialogue.snapshots``) of the few items the action really edits,
  adds or deletes, with everything that hangs on them;
- the plain values of everything else an agenda edit can change: each item's day and
  position, each day's start time, and the rows the action added to the record of changes
  of a published agenda (``agenda_changes``), which undo takes away again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QUndoCommand, QUndoStack

from gcm_dialogue import snapshots
from gcm_dialogue.store import Workspace

from ..undo import ChangeBus, created_ids


def _layout(ws: Workspace, meeting_id: str) -> tuple[dict, dict]:
    items = {
        r["id"]: (r["day_id"], r["position"])
        for r in ws.query(
            "SELECT id, day_id, position FROM agenda_items WHERE meeting_id = ?", (meeting_id,)
        )
    }
    days = {
        r["id"]: r["start_time"]
        for r in ws.query(
            "SELECT id, start_time FROM agenda_days WHERE meeting_id = ?", (meeting_id,)
        )
    }
    return items, days


class _Rows:
    """The item rows of a scope and their speakers, without what else hangs on them.

    Enough for every edit that deletes no item (add, change, move, duplicate, day start):
    such an edit never touches notes, groups or interventions, and putting the rows back by
    update (not delete and insert) leaves those untouched.
    """

    def __init__(self, ws: Workspace, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        marks = ",".join("?" * len(ids))
        self.items = (
            {
                r["id"]: r
                for r in ws.query(f"SELECT * FROM agenda_items WHERE id IN ({marks})", tuple(ids))
            }
            if ids
            else {}
        )
        self.speakers = (
            ws.query(f"SELECT * FROM agenda_item_speakers WHERE item_id IN ({marks})", tuple(ids))
            if ids
            else []
        )

    def root_ids(self) -> set[str]:
        return set(self.items)

    def restore(self, ws: Workspace, drop: set[str]) -> None:
        for item_id in drop:
            ws.conn.execute("DELETE FROM agenda_items WHERE id = ?", (item_id,))
        for row in self.items.values():
            names = list(row)
            ws.conn.execute(
                f"INSERT INTO agenda_items ({', '.join(names)}) VALUES "
                f"({', '.join('?' * len(names))}) ON CONFLICT(id) DO UPDATE SET "
                + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id"),
                tuple(row[n] for n in names),
            )
        ids = list(self.items)
        if ids:
            ws.conn.execute(
                f"DELETE FROM agenda_item_speakers WHERE item_id IN ({','.join('?' * len(ids))})",
                tuple(ids),
            )
        ws.conn.executemany(
            "INSERT INTO agenda_item_speakers (item_id, participant_id, position) VALUES (?, ?, ?)",
            [(r["item_id"], r["participant_id"], r["position"]) for r in self.speakers],
        )


def _log_mark(ws: Workspace) -> int:
    return int(ws.scalar("SELECT coalesce(max(rowid), 0) FROM agenda_changes") or 0)


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
            else (lambda ids: _Rows(ws, ids))
        )
        before = capture(self.scope)
        self.layout_before = _layout(ws, self.meeting_id)
        mark = _log_mark(ws)
        self.result = self.action()
        existed = self.layout_before[0]
        ids = self.scope + tuple(
            i for i in created_ids(self.result) if i not in self.scope and i not in existed
        )
        existing = {
            r["id"]
            for r in ws.query(
                "SELECT id FROM agenda_items WHERE meeting_id = ?", (self.meeting_id,)
            )
        }
        ids = tuple(i for i in ids if i in existing or i in before.root_ids())
        self.before, self.after = before, capture(ids)
        self.layout_after = _layout(ws, self.meeting_id)
        log_ids = [
            r["id"] for r in ws.query("SELECT id FROM agenda_changes WHERE rowid > ?", (mark,))
        ]
        self.log = snapshots.capture(ws, "agenda_changes", log_ids)
        self._fresh = True
        return self.result

    def _apply_layout(self, layout: tuple[dict, dict]) -> None:
        items, days = layout
        self.ws.conn.executemany(
            "UPDATE agenda_items SET day_id = ?, position = ? WHERE id = ? "
            "AND (day_id <> ? OR position <> ?)",
            [(d, p, i, d, p) for i, (d, p) in items.items()],
        )
        self.ws.conn.executemany(
            "UPDATE agenda_days SET start_time = ? WHERE id = ? AND start_time <> ?",
            [(start, day_id, start) for day_id, start in days.items()],
        )

    def redo(self) -> None:
        if self._fresh:
            self._fresh = False  # QUndoStack.push calls redo right after perform
        else:
            with self.ws.transaction():
                self._restore(self.after, self.before.root_ids() - self.after.root_ids())
                self._apply_layout(self.layout_after)
                snapshots.restore(self.ws, self.log)
        self._announce()

    def undo(self) -> None:
        with self.ws.transaction():
            self._restore(self.before, self.after.root_ids() - self.before.root_ids())
            self._apply_layout(self.layout_before)
            ids = list(self.log.ids)
            if ids:
                self.ws.conn.execute(
                    f"DELETE FROM agenda_changes WHERE id IN ({','.join('?' * len(ids))})",
                    tuple(ids),
                )
        self._announce()

    def _restore(self, state: object, drop: set[str]) -> None:
        if isinstance(state, _Rows):
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
