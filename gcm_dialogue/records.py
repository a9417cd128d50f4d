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
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
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
        f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(row))})",
        tuple(row.values()),
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
        raise NotFoundError(_not_found(table, row_id))


def delete(ws: Workspace, table: str, row_id: str) -> Changes:
    cursor = ws.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
    if cursor.rowcount == 0:
        raise NotFoundError(_not_found(table, row_id))
    return Changes(table, (row_id,))


def require(ws: Workspace, table: str, row_id: str) -> dict:
    rows = ws.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    if not rows:
        raise NotFoundError(_not_found(table, row_id))
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


# One whole sentence per table, so that each language can agree its words with the noun.
_NOT_FOUND = {
    "agenda_changes": N_("no such agenda change: {id}"),
    "agenda_days": N_("no such agenda day: {id}"),
    "agenda_items": N_("no such agenda item: {id}"),
    "breakout_groups": N_("no such breakout group: {id}"),
    "highlights": N_("no such highlight: {id}"),
    "interventions": N_("no such intervention: {id}"),
    "mechanisms": N_("no such mechanism: {id}"),
    "meetings": N_("no such meeting: {id}"),
    "notes": N_("no such note: {id}"),
    "outcome_sets": N_("no such outcome set: {id}"),
    "outcomes": N_("no such outcome: {id}"),
    "participants": N_("no such participant: {id}"),
    "speaker_queue": N_("no such entry in the speakers' queue: {id}"),
    "survey_questions": N_("no such survey question: {id}"),
    "survey_respondents": N_("no such survey respondent: {id}"),
    "survey_sections": N_("no such survey section: {id}"),
    "surveys": N_("no such survey: {id}"),
}


def _not_found(table: str, row_id: str) -> str:
    message = _NOT_FOUND.get(table)
    if message is None:
        return _("no such record in {table}: {id}").format(table=table, id=row_id)
    return message.format(id=row_id)


# ---- validation shared by services ---------------------------------------------------------

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def check_choice(value: str, allowed: Iterable[str], what: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(
            _("{what} must be one of {allowed}; got “{value}”").format(
                what=what, allowed=", ".join(allowed), value=value
            )
        )
    return value


def check_time(value: str, what: str) -> str:
    if not isinstance(value, str) or not _TIME.match(value):
        raise ValidationError(
            _("{what} must be a time as HH:MM (24-hour); got “{value}”").format(
                what=what, value=value
            )
        )
    return value


def check_date(value: str, what: str) -> str:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(
            _("{what} must be a date as YYYY-MM-DD; got “{value}”").format(what=what, value=value)
        ) from None
    return value


def check_languages(values: Iterable[str], what: str) -> list[str]:
    values = list(dict.fromkeys(values))
    for code in values:
        check_choice(code, LANGUAGES, what)
    return values


def check_text(value: str, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(_("{what} must not be empty").format(what=what))
    return value.strip()


def json_list(values: Iterable[object]) -> str:
    return json.dumps(list(values), ensure_ascii=False)
