"""Exact copies of rows and everything that hangs on them, for undo.

``capture(ws, table, ids)`` copies the rows and, following the schema's foreign keys, every
row that deleting them would delete (ON DELETE CASCADE) or change (ON DELETE SET NULL).
``restore(ws, snapshot)`` puts them all back as they were. With these, undoing any edit is
"restore what was there before", and redoing it is "restore what was there after", whatever
the edit was: one mechanism instead of an inverse for every service.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .store import Workspace


@dataclass(frozen=True)
class Reference:
    table: str  # the table holding the foreign key
    column: str  # its column
    parent_column: str  # the referenced column in the parent table
    on_delete: str


@dataclass
class Snapshot:
    """Root rows of one table plus their dependants, in an order safe to insert."""

    table: str
    ids: tuple[str, ...]
    rows: list[tuple[str, dict]] = field(default_factory=list)

    def root_ids(self) -> set[str]:
        return {row["id"] for table, row in self.rows if table == self.table}


def _references(ws: Workspace) -> dict[str, list[Reference]]:
    """Parent table -> the foreign keys that point at it."""
    refs: dict[str, list[Reference]] = {}
    tables = [r["name"] for r in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for fk in ws.query(f"PRAGMA foreign_key_list([{table}])"):
            refs.setdefault(fk["table"], []).append(
                Reference(table, fk["from"], fk["to"] or "id", fk["on_delete"].upper())
            )
    return refs


def _primary_key(ws: Workspace, table: str) -> list[str]:
    columns = ws.query(f"PRAGMA table_info([{table}])")
    return [c["name"] for c in sorted(columns, key=lambda c: c["pk"]) if c["pk"]]


def capture(ws: Workspace, table: str, ids: Iterable[str]) -> Snapshot:
    ids = tuple(dict.fromkeys(ids))
    snapshot = Snapshot(table, ids)
    refs = _references(ws)
    seen: set[tuple[str, tuple]] = set()

    def visit(current: str, rows: list[dict]) -> None:
        for row in rows:
            key = (current, tuple(row[c] for c in _primary_key(ws, current)))
            if key in seen:
                continue
            seen.add(key)
            snapshot.rows.append((current, row))
        for ref in refs.get(current, []):
            if ref.on_delete not in ("CASCADE", "SET NULL"):
                continue
            values = [
                row[ref.parent_column] for row in rows if row.get(ref.parent_column) is not None
            ]
            for chunk in _chunks(values):
                children = ws.query(
                    f"SELECT * FROM [{ref.table}] WHERE [{ref.column}] IN ({','.join('?' * len(chunk))})",
                    tuple(chunk),
                )
                if children:
                    visit(ref.table, children)

    with ws.lock:
        for chunk in _chunks(list(ids)):
            visit(
                table,
                ws.query(
                    f"SELECT * FROM [{table}] WHERE id IN ({','.join('?' * len(chunk))})",
                    tuple(chunk),
                ),
            )
    return snapshot


def restore(ws: Workspace, snapshot: Snapshot, *, drop: Iterable[str] = ()) -> None:
    """Put every captured row back; rows of the root table named in ``drop`` are deleted.

    The roots are deleted first (their cascades go with them), then everything is written
    back in capture order, parents before children.
    """
    with ws.transaction():
        doomed = list(dict.fromkeys([*snapshot.ids, *drop]))
        for chunk in _chunks(doomed):
            ws.conn.execute(
                f"DELETE FROM [{snapshot.table}] WHERE id IN ({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
        for table, row in snapshot.rows:
            upsert(ws, table, row)


def upsert(ws: Workspace, table: str, row: Mapping[str, object]) -> None:
    """Write ``row`` into ``table``: insert it, or update the row with the same primary key.

    Updating in place (rather than deleting and inserting) leaves alone every row that hangs
    on it through a foreign key.
    """
    columns = list(row)
    keys = _primary_key(ws, table)
    updates = [c for c in columns if c not in keys]
    assignments = ", ".join(f"[{c}] = excluded.[{c}]" for c in updates) if updates else None
    conflict = f"ON CONFLICT({', '.join(keys)}) DO " + (
        f"UPDATE SET {assignments}" if assignments else "NOTHING"
    )
    ws.conn.execute(
        f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))}) {conflict}",
        tuple(row[c] for c in columns),
    )


def _chunks(values: list, size: int = 500) -> Iterable[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
