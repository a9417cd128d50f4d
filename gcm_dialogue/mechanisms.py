"""Inter-State consultation mechanisms and partner organisations, with their regions.

An inter-regional forum (IRF) belongs to every region it covers and is counted in each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import records
from .errors import ValidationError
from .i18n import lazy_gettext as N_
from .multilingual import Text
from .store import Workspace

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
    return regions


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


def delete_mechanism(ws: Workspace, mechanism_id: str) -> records.Changes:
    with ws.transaction():
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
