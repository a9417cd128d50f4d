"""Undo for editing a meeting, by value.

A meeting's full snapshot would copy everything it holds (every note and answer), so an edit
keeps the meeting row and its agenda days as they were and as they became. The days a date
change adds are empty, and only empty days are ever dropped, so this restores it exactly.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from gcm_dialogue.store import Workspace

from ..undo import ChangeBus


def _state(ws: Workspace, meeting_id: str) -> tuple[dict, list[dict]]:
    meeting = ws.query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))[0]
    days = ws.query("SELECT * FROM agenda_days WHERE meeting_id = ?", (meeting_id,))
    return meeting, days


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
            self.before = _state(self.ws, self.meeting_id)
            result = self.action()
            self.after = _state(self.ws, self.meeting_id)
        self._fresh = True
        return result

    def _apply(self, state: tuple[dict, list[dict]]) -> None:
        meeting, days = state
        ws = self.ws
        with ws.transaction():
            columns = [c for c in meeting if c != "id"]
            ws.conn.execute(
                f"UPDATE meetings SET {', '.join(f'[{c}] = ?' for c in columns)} WHERE id = ?",
                (*(meeting[c] for c in columns), meeting["id"]),
            )
            keep = {d["id"] for d in days}
            for row in ws.query(
                "SELECT id FROM agenda_days WHERE meeting_id = ?", (self.meeting_id,)
            ):
                if row["id"] not in keep:
                    ws.conn.execute("DELETE FROM agenda_days WHERE id = ?", (row["id"],))
            for day in days:
                names = list(day)
                ws.conn.execute(
                    f"INSERT INTO agenda_days ({', '.join(names)}) "
                    f"VALUES ({', '.join('?' * len(names))}) ON CONFLICT(id) DO UPDATE SET "
                    + ", ".join(f"{n} = excluded.{n}" for n in names if n != "id"),
                    tuple(day[n] for n in names),
                )
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
