"""The plain values an agenda edit changes, captured and put back cheaply, for undo.

An agenda edit renumbers many items (a move, an insertion, a deletion) or changes a day's
start, which shifts the clock of a whole day. A full snapshot (``snapshots``) of every row
touched costs too much for a 400-item agenda, so undo keeps, besides a snapshot of the few
items an edit really changes:

- the *layout* of the agenda: each item's day and position, each day's start time;
- for an edit that deletes no item, the item rows and their speakers only (``ItemRows``);
- the rows an edit adds to the record of changes of a published agenda (``agenda_changes``).

A meeting edit likewise keeps the meeting row and its agenda days (``meeting_state``), not
everything the meeting holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import snapshots
from .store import Workspace

ItemPlaces = dict[str, tuple[str, int]]  # item id -> (day id, position)
DayStarts = dict[str, str]  # day id -> start time
Layout = tuple[ItemPlaces, DayStarts]


def capture_layout(ws: Workspace, meeting_id: str) -> Layout:
    """Where every item of the meeting sits, and when each of its days starts."""
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


def apply_layout(ws: Workspace, layout: Layout) -> None:
    """Put items and day starts back as ``capture_layout`` found them; rows already right
    are not written."""
    items, days = layout
    ws.conn.executemany(
        "UPDATE agenda_items SET day_id = ?, position = ? WHERE id = ? "
        "AND (day_id <> ? OR position <> ?)",
        [(d, p, i, d, p) for i, (d, p) in items.items()],
    )
    ws.conn.executemany(
        "UPDATE agenda_days SET start_time = ? WHERE id = ? AND start_time <> ?",
        [(start, day_id, start) for day_id, start in days.items()],
    )


def item_ids(ws: Workspace, meeting_id: str) -> set[str]:
    """The ids of every agenda item of the meeting."""
    return {
        r["id"] for r in ws.query("SELECT id FROM agenda_items WHERE meeting_id = ?", (meeting_id,))
    }


class ItemRows:
    """Some agenda item rows and their speakers, without what else hangs on them.

    Enough for every edit that deletes no item (add, change, move, duplicate, day start):
    such an edit never touches notes, groups or interventions, and putting the rows back by
    update (not delete and insert) leaves those untouched.
    """

    def __init__(self, ws: Workspace, ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(ids))
        marks = ",".join("?" * len(ids))
        self.items: dict[str, dict] = (
            {
                r["id"]: r
                for r in ws.query(f"SELECT * FROM agenda_items WHERE id IN ({marks})", tuple(ids))
            }
            if ids
            else {}
        )
        self.speakers: list[dict] = (
            ws.query(f"SELECT * FROM agenda_item_speakers WHERE item_id IN ({marks})", tuple(ids))
            if ids
            else []
        )

    def root_ids(self) -> set[str]:
        return set(self.items)

    def restore(self, ws: Workspace, drop: Iterable[str] = ()) -> None:
        """Delete the items in ``drop``, then write the captured rows and speakers back."""
        for item_id in drop:
            ws.conn.execute("DELETE FROM agenda_items WHERE id = ?", (item_id,))
        for row in self.items.values():
            snapshots.upsert(ws, "agenda_items", row)
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


# ---- the record of changes of a published agenda ------------------------------------------


def change_log_mark(ws: Workspace) -> int:
    """A mark in the record of changes: ``changes_since_mark`` lists what comes after it."""
    return int(ws.scalar("SELECT coalesce(max(rowid), 0) FROM agenda_changes") or 0)


def changes_since_mark(ws: Workspace, mark: int) -> list[str]:
    """The ids of the changes recorded after ``mark``."""
    return [r["id"] for r in ws.query("SELECT id FROM agenda_changes WHERE rowid > ?", (mark,))]


def delete_changes(ws: Workspace, ids: Iterable[str]) -> None:
    ids = list(ids)
    if ids:
        ws.conn.execute(
            f"DELETE FROM agenda_changes WHERE id IN ({','.join('?' * len(ids))})", tuple(ids)
        )


# ---- a meeting and its days ---------------------------------------------------------------


@dataclass(frozen=True)
class MeetingState:
    """A meeting row and its agenda day rows, as they were."""

    meeting: dict
    days: list[dict]


def meeting_state(ws: Workspace, meeting_id: str) -> MeetingState:
    meeting = ws.query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))[0]
    days = ws.query("SELECT * FROM agenda_days WHERE meeting_id = ?", (meeting_id,))
    return MeetingState(meeting, days)


def restore_meeting_state(ws: Workspace, state: MeetingState) -> None:
    """Put the meeting row and its days back; days it did not have are deleted.

    The days a date change adds are empty, and only empty days are ever dropped, so this
    restores a meeting edit exactly.
    """
    meeting = state.meeting
    with ws.transaction():
        columns = [c for c in meeting if c != "id"]
        ws.conn.execute(
            f"UPDATE meetings SET {', '.join(f'[{c}] = ?' for c in columns)} WHERE id = ?",
            (*(meeting[c] for c in columns), meeting["id"]),
        )
        keep = {d["id"] for d in state.days}
        for row in ws.query("SELECT id FROM agenda_days WHERE meeting_id = ?", (meeting["id"],)):
            if row["id"] not in keep:
                ws.conn.execute("DELETE FROM agenda_days WHERE id = ?", (row["id"],))
        for day in state.days:
            snapshots.upsert(ws, "agenda_days", day)
