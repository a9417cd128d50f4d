"""Inter-State consultation mechanisms and partner organisations, with their regions.

An inter-regional forum (IRF) belongs to every region it covers and is counted in each.
Every workspace starts with the reference mechanisms of ``resources/mechanisms.json`` (the
RCPs, IRFs, global processes, REOs, UN regional commissions and usual partners), installed
by migration 5; a secretariat adds, edits and deletes its own from there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from . import records
from .clock import new_id, utc_now
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .i18n import ngettext
from .multilingual import Text
from .paths import RESOURCES
from .store import Workspace

REFERENCE_FILE = RESOURCES / "mechanisms.json"

KINDS = {
    "rcp": N_("Regional consultative process"),
    "irf": N_("Inter-regional forum"),
    "global": N_("Global process"),
    "reo": N_("Regional economic organization"),
    "unrc": N_("UN regional commission"),
    "other": N_("Other organization"),
}
# The kinds that answer a pre-meeting survey with one consolidated answer each.
ENTITY_KINDS = ("rcp", "irf", "global", "reo", "unrc")


@dataclass(frozen=True)
class Mechanism:
    id: str
    acronym: str
    name: Text
    kind: str
    regions: tuple[str, ...]


def _check(ws: Workspace, acronym: str, kind: str, regions: Iterable[str]) -> list[str]:
    records.check_text(acronym, "acronym")
    records.check_choice(kind, KINDS, "mechanism kind")
    regions = list(dict.fromkeys(regions))
    known = {r["code"] for r in ws.query("SELECT code FROM regions")}
    for region in regions:
        records.check_choice(region, sorted(known), "region")
    check_kind_regions(kind, regions)
    return regions


def check_kind_regions(kind: str, regions: Iterable[str]) -> None:
    """An inter-regional forum belongs to the regions it spans: it needs at least one."""
    if kind == "irf" and not list(regions):
        raise ValidationError(
            _("An inter-regional forum spans several regions: tick the regions it covers.")
        )


def create_mechanism(
    ws: Workspace,
    acronym: str,
    name: Mapping[str, str] | str,
    kind: str,
    regions: Iterable[str] = (),
) -> Mechanism:
    regions = _check(ws, acronym, kind, regions)
    name = Text(name)
    if not name:
        raise ValidationError("a mechanism needs a name")
    if find_mechanism(ws, acronym) is not None:
        raise ValidationError(f"a mechanism with the acronym {acronym.strip()!r} already exists")
    with ws.transaction():
        mechanism_id = records.insert(
            ws, "mechanisms", {"acronym": acronym.strip(), "name": name.to_json(), "kind": kind}
        )
        _write_regions(ws, mechanism_id, regions)
    return get_mechanism(ws, mechanism_id)


def update_mechanism(
    ws: Workspace,
    mechanism_id: str,
    *,
    acronym: str | None = None,
    name: Mapping[str, str] | None = None,
    kind: str | None = None,
    regions: Iterable[str] | None = None,
) -> Mechanism:
    current = get_mechanism(ws, mechanism_id)
    new_regions = _check(
        ws,
        acronym if acronym is not None else current.acronym,
        kind or current.kind,
        regions if regions is not None else current.regions,
    )
    values: dict[str, object] = {}
    if acronym is not None:
        other = find_mechanism(ws, acronym)
        if other is not None and other.id != mechanism_id:
            raise ValidationError(
                f"a mechanism with the acronym {acronym.strip()!r} already exists"
            )
        values["acronym"] = acronym.strip()
    if name is not None:
        values["name"] = Text(name).to_json()
    if kind is not None:
        values["kind"] = kind
    with ws.transaction():
        records.update(ws, "mechanisms", mechanism_id, values)
        if regions is not None:
            ws.conn.execute("DELETE FROM mechanism_regions WHERE mechanism_id = ?", (mechanism_id,))
            _write_regions(ws, mechanism_id, new_regions)
    return get_mechanism(ws, mechanism_id)


@dataclass(frozen=True)
class Usage:
    """What points at a mechanism, in every meeting of the workspace."""

    participants: int
    respondents: int  # survey respondents: deleting the mechanism would delete their answers
    notes: int  # notes attributed to it

    @property
    def in_use(self) -> bool:
        return bool(self.participants or self.respondents or self.notes)


class MechanismInUse(ValidationError):
    """A deletion refused because rows point at the mechanism; ``usage`` says which."""

    def __init__(self, message: str, usage: Usage) -> None:
        super().__init__(message)
        self.usage = usage


def mechanism_usage(ws: Workspace, mechanism_id: str) -> Usage:
    def count(sql: str) -> int:
        return int(ws.scalar(sql, (mechanism_id,)) or 0)

    return Usage(
        participants=count("SELECT count(*) FROM participants WHERE mechanism_id = ?"),
        respondents=count("SELECT count(*) FROM survey_respondents WHERE mechanism_id = ?"),
        notes=count("SELECT count(*) FROM notes WHERE attribution_mechanism_id = ?"),
    )


def participant_counts(ws: Workspace) -> dict[str, int]:
    """Mechanism id -> how many participants (of all meetings) are linked to it."""
    rows = ws.query(
        "SELECT mechanism_id, count(*) AS n FROM participants "
        "WHERE mechanism_id IS NOT NULL GROUP BY mechanism_id"
    )
    return {row["mechanism_id"]: int(row["n"]) for row in rows}


def delete_mechanism(ws: Workspace, mechanism_id: str, *, unlink: bool = False) -> records.Changes:
    """Delete a mechanism that nothing points at.

    A mechanism that survey respondents stand for is never deleted: their answers would go
    with it. One that participants or notes point at is deleted only with ``unlink=True``:
    its participants then keep its acronym as their free-text organisation (and their
    category), and its notes lose their attribution. Otherwise ``MechanismInUse`` is raised
    and nothing changes.
    """
    current = get_mechanism(ws, mechanism_id)
    usage = mechanism_usage(ws, mechanism_id)
    if usage.respondents:
        raise MechanismInUse(
            ngettext(
                "{acronym} answers or is invited to {n} survey; it cannot be deleted",
                "{acronym} answers or is invited to {n} surveys; it cannot be deleted",
                usage.respondents,
            ).format(acronym=current.acronym, n=usage.respondents),
            usage,
        )
    if usage.in_use and not unlink:
        if usage.participants:
            message = ngettext(
                "{acronym} is linked to {n} participant",
                "{acronym} is linked to {n} participants",
                usage.participants,
            ).format(acronym=current.acronym, n=usage.participants)
        else:
            message = ngettext(
                "{n} note is attributed to {acronym}",
                "{n} notes are attributed to {acronym}",
                usage.notes,
            ).format(acronym=current.acronym, n=usage.notes)
        raise MechanismInUse(message, usage)
    with ws.transaction():
        ws.conn.execute(
            "UPDATE participants SET organisation = ?, updated_at = ? "
            "WHERE mechanism_id = ? AND organisation = ''",
            (current.acronym, utc_now(), mechanism_id),
        )
        return records.delete(ws, "mechanisms", mechanism_id)


def _write_regions(ws: Workspace, mechanism_id: str, regions: list[str]) -> None:
    ws.conn.executemany(
        "INSERT INTO mechanism_regions(mechanism_id, region) VALUES (?, ?)",
        [(mechanism_id, region) for region in regions],
    )


def get_mechanism(ws: Workspace, mechanism_id: str) -> Mechanism:
    records.require(ws, "mechanisms", mechanism_id)
    return list_mechanisms(ws, ids=[mechanism_id])[0]


def find_mechanism(ws: Workspace, acronym: str) -> Mechanism | None:
    row_id = ws.scalar(
        "SELECT id FROM mechanisms WHERE acronym = ? COLLATE NOCASE", (acronym.strip(),)
    )
    return None if row_id is None else get_mechanism(ws, str(row_id))


def acronym(ws: Workspace, mechanism_id: str) -> str | None:
    """The mechanism's acronym, or None when there is no such mechanism."""
    value = ws.scalar("SELECT acronym FROM mechanisms WHERE id = ?", (mechanism_id,))
    return None if value is None else str(value)


def list_mechanisms(
    ws: Workspace, *, kinds: Iterable[str] | None = None, ids: Iterable[str] | None = None
) -> list[Mechanism]:
    where, params = [], []
    if kinds is not None:
        kinds = list(kinds)
        where.append(f"m.kind IN ({','.join('?' * len(kinds))})")
        params += kinds
    if ids is not None:
        ids = list(ids)
        where.append(f"m.id IN ({','.join('?' * len(ids))})")
        params += ids
    sql = (
        "SELECT m.id, m.acronym, m.name, m.kind, group_concat(r.region) AS regions "
        "FROM mechanisms m LEFT JOIN mechanism_regions r ON r.mechanism_id = m.id "
        "LEFT JOIN regions rg ON rg.code = r.region "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY m.id ORDER BY m.acronym COLLATE NOCASE"
    )
    order = {r["code"]: r["position"] for r in ws.query("SELECT code, position FROM regions")}
    return [
        Mechanism(
            row["id"],
            row["acronym"],
            Text.from_json(row["name"]),
            row["kind"],
            tuple(
                sorted(
                    (row["regions"] or "").split(",") if row["regions"] else [],
                    key=lambda code: order.get(code, 99),
                )
            ),
        )
        for row in ws.query(sql, tuple(params))
    ]


# ---- the reference mechanisms ----------------------------------------------------------------


@lru_cache(maxsize=1)
def load_reference_mechanisms() -> tuple[dict, ...]:
    """The entries of ``resources/mechanisms.json``: acronym, name per language, kind, regions."""
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return tuple(data["mechanisms"])


def install_reference_mechanisms(
    conn: sqlite3.Connection, *, in_memory_too: bool = False
) -> list[str]:
    """Insert each reference mechanism whose acronym the workspace does not hold yet.

    Runs inside the caller's transaction (a migration step); existing rows, edited or not,
    are left as they are. Returns the acronyms inserted.

    A workspace in memory (``open_memory_workspace``: tests and benchmarks) is left empty
    unless ``in_memory_too``: a test then holds exactly the mechanisms it creates.
    """
    if not in_memory_too and _in_memory(conn):
        return []
    known = {str(row[0]).casefold() for row in conn.execute("SELECT acronym FROM mechanisms")}
    regions = {str(row[0]) for row in conn.execute("SELECT code FROM regions")}
    added = []
    for entry in load_reference_mechanisms():
        acronym = entry["acronym"].strip()
        if acronym.casefold() in known:
            continue
        now, mechanism_id = utc_now(), new_id()
        conn.execute(
            "INSERT INTO mechanisms(id, acronym, name, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (mechanism_id, acronym, Text(entry["name"]).to_json(), entry["kind"], now, now),
        )
        conn.executemany(
            "INSERT INTO mechanism_regions(mechanism_id, region) VALUES (?, ?)",
            [(mechanism_id, code) for code in entry.get("regions", []) if code in regions],
        )
        known.add(acronym.casefold())
        added.append(acronym)
    return added


def _in_memory(conn: sqlite3.Connection) -> bool:
    return any(row[1] == "main" and not row[2] for row in conn.execute("PRAGMA database_list"))
