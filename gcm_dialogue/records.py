"""Small helpers every service uses to write rows the same way.

Each created row gets a UUID key and UTC timestamps; each update refreshes ``updated_at``
and fails clearly when the row is gone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .clock import new_id, utc_now
from .errors import NotFoundError, ValidationError
from .i18n import LANGUAGES
from .store import Workspace


@dataclass(frozen=True)
class Changes:
    """What a service call changed: which table, which rows. ``count`` feeds the status bar."""

    table: str
    ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


def insert(ws: Workspace, table: str, values: Mapping[str, object]) -> str:
    now = utc_now()
    row = {"id": new_id(), "created_at": now, "updated_at": now, **values}
    columns = ", ".join(f"[{name}]" for name in row)
    ws.conn.execute(
        f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
    )
    return str(row["id"])


def update(ws: Workspace, table: str, row_id: str, values: Mapping[str, object]) -> None:
    if not values:
        require(ws, table, row_id)
        return
    assignments = ", ".join(f"[{column}] = ?" for column in values)
    cursor = ws.conn.execute(
        f"UPDATE [{table}] SET {assignments}, updated_at = ? WHERE id = ?",
        (*values.values(), utc_now(), row_id),
    )
    if cursor.rowcount == 0:
        raise NotFoundError(f"no such {_singular(table)}: {row_id}")


def delete(ws: Workspace, table: str, row_id: str) -> Changes:
    cursor = ws.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
    if cursor.rowcount == 0:
        raise NotFoundError(f"no such {_singular(table)}: {row_id}")
    return Changes(table, (row_id,))


def require(ws: Workspace, table: str, row_id: str) -> dict:
    rows = ws.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    if not rows:
        raise NotFoundError(f"no such {_singular(table)}: {row_id}")
    return rows[0]


def next_position(ws: Workspace, table: str, where: str, params: tuple) -> int:
    value = ws.scalar(f"SELECT max(position) FROM [{table}] WHERE {where}", params)
    return 0 if value is None else int(value) + 1


def renumber(ws: Workspace, table: str, ordered_ids: Iterable[str]) -> tuple[str, ...]:
    """Give rows positions 0..n-1 in the order given; returns the ids whose position moved."""
    moved = []
    for position, row_id in enumerate(ordered_ids):
        cursor = ws.conn.execute(
            f"UPDATE [{table}] SET position = ? WHERE id = ? AND position <> ?",
            (position, row_id, position),
        )
        if cursor.rowcount:
            moved.append(row_id)
    return tuple(moved)


def _singular(table: str) -> str:
    return table[:-1].replace("_", " ") if table.endswith("s") else table


# ---- validation shared by services ---------------------------------------------------------

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_choice(value: str, allowed: Iterable[str], what: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(f"{what} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def check_time(value: str, what: str) -> str:
    if not isinstance(value, str) or not _TIME.match(value):
        raise ValidationError(f"{what} must be a time as HH:MM (24-hour); got {value!r}")
    return value


def check_date(value: str, what: str) -> str:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what} must be a date as YYYY-MM-DD; got {value!r}") from None
    return value


def check_languages(values: Iterable[str], what: str) -> list[str]:
    values = list(dict.fromkeys(values))
    for code in values:
        check_choice(code, LANGUAGES, what)
    return values


def check_text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"{what} must not be empty")
    return value.strip()


def json_list(values: Iterable[object]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
