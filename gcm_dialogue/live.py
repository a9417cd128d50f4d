"""The live session, as the head table runs it: the running item, the speakers' queue, and
each intervention with its speaking time per speaker and per delegation.

Every function takes ``now`` (a UTC ``datetime``) so that a clock can be injected; the
default is the real time. Times are stored as UTC ISO text like every timestamp.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from . import agenda, records
from .clock import parse_stamp
from .duplicates import fold
from .errors import ValidationError
from .i18n import gettext as _
from .participants import join_name
from .store import Workspace

FLOOR_LIMIT_SEC = 180  # interventions from the floor: three minutes
PANEL_LIMIT_SEC = 420  # panelists: five to seven minutes
PANEL_WARN_SEC = 300
FLOOR_WARN_BEFORE_SEC = 30  # the countdown turns amber this long before the limit


@dataclass(frozen=True)
class Limit:
    """A speaking-time limit and the moment the countdown should warn (seconds)."""

    seconds: int
    warn_at: int


@dataclass(frozen=True)
class QueueEntry:
    id: str
    item_id: str
    position: int
    participant_id: str | None
    name: str
    delegation: str


@dataclass(frozen=True)
class Intervention:
    id: str
    item_id: str
    participant_id: str | None
    speaker: str
    delegation: str
    limit_sec: int | None
    started_at: str
    ended_at: str | None
    seconds: int | None

    def elapsed(self, now: datetime | None = None) -> int:
        """Seconds spoken: the recorded figure, or up to ``now`` while it runs."""
        if self.seconds is not None:
            return self.seconds
        return max(0, int((_now(now) - parse_stamp(self.started_at)).total_seconds()))


@dataclass(frozen=True)
class Total:
    name: str
    seconds: int
    count: int


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def stamp(now: datetime | None = None) -> str:
    return _now(now).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ---- the running item ----------------------------------------------------------------------


def running_item_id(ws: Workspace, meeting_id: str) -> str | None:
    """The item started and not yet ended (the latest started, should there be several)."""
    value = ws.scalar(
        "SELECT id FROM agenda_items WHERE meeting_id = ? AND actual_start IS NOT NULL "
        "AND actual_end IS NULL ORDER BY actual_start DESC LIMIT 1",
        (meeting_id,),
    )
    return None if value is None else str(value)


def start_item(ws: Workspace, item_id: str, *, now: datetime | None = None) -> records.Changes:
    """Record the item's actual start; a running item of the same meeting ends now."""
    row = records.require(ws, "agenda_items", item_id)
    at = stamp(now)
    changed = [item_id]
    with ws.transaction():
        running = running_item_id(ws, row["meeting_id"])
        if running and running != item_id:
            _end_item(ws, running, at)
            changed.append(running)
        records.update(ws, "agenda_items", item_id, {"actual_start": at, "actual_end": None})
    return records.Changes("agenda_items", tuple(changed))


def _end_item(ws: Workspace, item_id: str, at: str) -> None:
    for open_one in ws.query(
        "SELECT id FROM interventions WHERE item_id = ? AND ended_at IS NULL", (item_id,)
    ):
        _stop(ws, open_one["id"], at)
    records.update(ws, "agenda_items", item_id, {"actual_end": at})


def end_item(ws: Workspace, item_id: str, *, now: datetime | None = None) -> records.Changes:
    """Record the item's actual end (and stop a running intervention)."""
    row = records.require(ws, "agenda_items", item_id)
    if row["actual_start"] is None:
        raise ValidationError(_("this item has not been started"))
    with ws.transaction():
        _end_item(ws, item_id, stamp(now))
    return records.Changes("agenda_items", (item_id,))


# ---- the speakers' queue -------------------------------------------------------------------


def _delegation_of(ws: Workspace, participant_id: str) -> str:
    """A person's delegation: their mechanism's acronym, else organisation, else country."""
    row = ws.query(
        "SELECT m.acronym, p.organisation, p.country FROM participants p "
        "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE p.id = ?",
        (participant_id,),
    )
    if not row:
        records.require(ws, "participants", participant_id)
    r = row[0]
    return r["acronym"] or r["organisation"] or r["country"] or ""


def _name_of(ws: Workspace, participant_id: str | None) -> str:
    if participant_id is None:
        return ""
    row = records.require(ws, "participants", participant_id)
    return join_name(row["given_name"], row["family_name"], row["honorific"])


def queue(ws: Workspace, item_id: str) -> list[QueueEntry]:
    rows = ws.query(
        "SELECT q.id, q.item_id, q.position, q.participant_id, q.delegation, "
        "p.honorific, p.given_name, p.family_name FROM speaker_queue q "
        "LEFT JOIN participants p ON p.id = q.participant_id WHERE q.item_id = ? "
        "ORDER BY q.position",
        (item_id,),
    )
    return [
        QueueEntry(
            r["id"],
            r["item_id"],
            r["position"],
            r["participant_id"],
            join_name(r["given_name"], r["family_name"], r["honorific"]) or r["delegation"],
            r["delegation"],
        )
        for r in rows
    ]


def add_to_queue(
    ws: Workspace,
    item_id: str,
    *,
    participant_id: str | None = None,
    delegation: str = "",
    position: int | None = None,
) -> QueueEntry:
    """Put a person (their delegation comes with them) or a delegation on the queue."""
    records.require(ws, "agenda_items", item_id)
    delegation = (delegation or "").strip()
    if participant_id is None and not delegation:
        raise ValidationError(_("name a person or a delegation to add to the queue"))
    if participant_id is not None and not delegation:
        delegation = _delegation_of(ws, participant_id)
    elif participant_id is None:
        delegation = known_delegation(ws, _meeting_of(ws, item_id), delegation)
    with ws.transaction():
        order = [e.id for e in queue(ws, item_id)]
        waiting = queue(ws, item_id)
        if participant_id is not None and any(e.participant_id == participant_id for e in waiting):
            raise ValidationError(
                _("{name} is already in the queue").format(name=_name_of(ws, participant_id))
            )
        if participant_id is None and any(
            e.participant_id is None and e.delegation.casefold() == delegation.casefold()
            for e in waiting
        ):  # a delegation asks for the floor once at a time, as a person does
            raise ValidationError(_("{name} is already in the queue").format(name=delegation))
        where = len(order) if position is None else max(0, min(position, len(order)))
        entry_id = records.insert(
            ws,
            "speaker_queue",
            {
                "item_id": item_id,
                "position": where,
                "participant_id": participant_id,
                "delegation": delegation,
            },
        )
        order.insert(where, entry_id)
        records.renumber(ws, "speaker_queue", order)
    return next(e for e in queue(ws, item_id) if e.id == entry_id)


def move_in_queue(ws: Workspace, entry_id: str, position: int) -> records.Changes:
    row = records.require(ws, "speaker_queue", entry_id)
    with ws.transaction():
        order = [e.id for e in queue(ws, row["item_id"]) if e.id != entry_id]
        order.insert(max(0, min(position, len(order))), entry_id)
        moved = records.renumber(ws, "speaker_queue", order)
    return records.Changes("speaker_queue", moved)


def remove_from_queue(ws: Workspace, entry_id: str) -> records.Changes:
    row = records.require(ws, "speaker_queue", entry_id)
    with ws.transaction():
        changes = records.delete(ws, "speaker_queue", entry_id)
        records.renumber(ws, "speaker_queue", [e.id for e in queue(ws, row["item_id"])])
    return changes


# ---- interventions -------------------------------------------------------------------------


def limit_for(ws: Workspace, item_id: str, participant_id: str | None) -> Limit:
    """The item's statement limit; without one, seven minutes for its moderator and
    panelists (amber from five) and three minutes from the floor (amber 30 s before)."""
    row = records.require(ws, "agenda_items", item_id)
    if row["statement_limit_sec"]:
        seconds = int(row["statement_limit_sec"])
        return Limit(seconds, max(0, seconds - min(FLOOR_WARN_BEFORE_SEC, seconds // 4)))
    panel = {row["moderator_id"]} | {
        r["participant_id"]
        for r in ws.query(
            "SELECT participant_id FROM agenda_item_speakers WHERE item_id = ?", (item_id,)
        )
    }
    if participant_id is not None and participant_id in panel:
        return Limit(PANEL_LIMIT_SEC, PANEL_WARN_SEC)
    return Limit(FLOOR_LIMIT_SEC, FLOOR_LIMIT_SEC - FLOOR_WARN_BEFORE_SEC)


def _from_row(row: Mapping) -> Intervention:
    return Intervention(
        row["id"],
        row["item_id"],
        row["participant_id"],
        row["speaker"],
        row["delegation"],
        row["limit_sec"],
        row["started_at"],
        row["ended_at"],
        row["seconds"],
    )


def interventions(ws: Workspace, item_id: str) -> list[Intervention]:
    rows = ws.query(
        "SELECT * FROM interventions WHERE item_id = ? ORDER BY started_at, rowid", (item_id,)
    )
    return [_from_row(r) for r in rows]


def current_intervention(ws: Workspace, item_id: str) -> Intervention | None:
    rows = ws.query(
        "SELECT * FROM interventions WHERE item_id = ? AND ended_at IS NULL "
        "ORDER BY started_at DESC LIMIT 1",
        (item_id,),
    )
    return _from_row(rows[0]) if rows else None


def start_intervention(
    ws: Workspace,
    item_id: str,
    *,
    participant_id: str | None = None,
    delegation: str = "",
    limit_sec: int | None = None,
    now: datetime | None = None,
) -> Intervention:
    """Give the floor: a running intervention stops, and the item starts if it had not."""
    row = records.require(ws, "agenda_items", item_id)
    delegation = (delegation or "").strip()
    if participant_id is None and not delegation:
        raise ValidationError(_("name a person or a delegation to give the floor to"))
    if participant_id is not None and not delegation:
        delegation = _delegation_of(ws, participant_id)
    elif participant_id is None:
        delegation = known_delegation(ws, row["meeting_id"], delegation)
    if limit_sec is not None and limit_sec <= 0:
        raise ValidationError(
            _("the time limit must be positive; got {limit}").format(limit=limit_sec)
        )
    limit = limit_sec or limit_for(ws, item_id, participant_id).seconds
    at = stamp(now)
    with ws.transaction():
        if row["actual_start"] is None or row["actual_end"] is not None:
            start_item(ws, item_id, now=now)
        for open_one in ws.query(
            "SELECT id FROM interventions WHERE item_id = ? AND ended_at IS NULL", (item_id,)
        ):
            _stop(ws, open_one["id"], at)
        intervention_id = records.insert(
            ws,
            "interventions",
            {
                "item_id": item_id,
                "participant_id": participant_id,
                "speaker": _name_of(ws, participant_id) or delegation,
                "delegation": delegation,
                "limit_sec": limit,
                "started_at": at,
            },
        )
    return _from_row(records.require(ws, "interventions", intervention_id))


def _stop(ws: Workspace, intervention_id: str, at: str) -> None:
    row = records.require(ws, "interventions", intervention_id)
    seconds = max(0, round((parse_stamp(at) - parse_stamp(row["started_at"])).total_seconds()))
    records.update(ws, "interventions", intervention_id, {"ended_at": at, "seconds": seconds})


def stop_intervention(
    ws: Workspace, intervention_id: str, *, now: datetime | None = None
) -> Intervention:
    row = records.require(ws, "interventions", intervention_id)
    if row["ended_at"] is not None:
        raise ValidationError(_("this intervention has already ended"))
    with ws.transaction():
        _stop(ws, intervention_id, stamp(now))
    return _from_row(records.require(ws, "interventions", intervention_id))


def next_speaker(
    ws: Workspace, item_id: str, *, now: datetime | None = None
) -> Intervention | None:
    """Stop whoever speaks and give the floor to the first of the queue (None: queue empty)."""
    entries = queue(ws, item_id)
    with ws.transaction():
        if not entries:
            current = current_intervention(ws, item_id)
            if current is not None:
                _stop(ws, current.id, stamp(now))
            return None
        first = entries[0]
        started = start_intervention(
            ws,
            item_id,
            participant_id=first.participant_id,
            delegation=first.delegation,
            now=now,
        )
        remove_from_queue(ws, first.id)
    return started


def speaking_totals(
    ws: Workspace, item_id: str | None = None, *, meeting_id: str | None = None
) -> tuple[list[Total], list[Total]]:
    """Speaking time recorded per speaker and per delegation, longest first.

    For one item, or for every item of a meeting. Running interventions are not counted
    (add their ``elapsed()`` to show a live figure).
    """
    if (item_id is None) == (meeting_id is None):
        raise ValueError("give an item or a meeting")
    where, params = (
        ("v.item_id = ?", (item_id,)) if item_id else ("i.meeting_id = ?", (meeting_id,))
    )
    base = (
        "FROM interventions v JOIN agenda_items i ON i.id = v.item_id "
        f"WHERE {where} AND v.seconds IS NOT NULL"
    )
    speakers = ws.query(
        "SELECT coalesce(v.participant_id, 'd:' || v.delegation) AS key, max(v.speaker) AS name,"
        f" sum(v.seconds) AS seconds, count(*) AS n {base} GROUP BY key "
        "ORDER BY seconds DESC, name",
        params,
    )
    delegations = ws.query(
        f"SELECT v.delegation AS name, sum(v.seconds) AS seconds, count(*) AS n {base} "
        "AND v.delegation <> '' GROUP BY v.delegation ORDER BY seconds DESC, name",
        params,
    )
    return (
        [Total(r["name"], r["seconds"], r["n"]) for r in speakers],
        [Total(r["name"], r["seconds"], r["n"]) for r in delegations],
    )


def delegations(ws: Workspace, meeting_id: str) -> list[str]:
    """Delegation names known for a meeting: mechanisms of its participants, organisations."""
    rows = ws.query(
        "SELECT DISTINCT coalesce(nullif(m.acronym, ''), nullif(p.organisation, ''), "
        "nullif(p.country, '')) AS name FROM meeting_participants mp "
        "JOIN participants p ON p.id = mp.participant_id "
        "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ? "
        "AND name IS NOT NULL ORDER BY name",
        (meeting_id,),
    )
    return [r["name"] for r in rows]


def _meeting_of(ws: Workspace, item_id: str) -> str:
    return str(records.require(ws, "agenda_items", item_id)["meeting_id"])


def known_delegations(ws: Workspace, meeting_id: str) -> list[str]:
    """Every delegation name a typed one may mean: the meeting's (see ``delegations``), the
    names already given in its queues and interventions, and every mechanism's acronym."""
    used = ws.query(
        "SELECT delegation AS name FROM speaker_queue q JOIN agenda_items i ON i.id = q.item_id "
        "WHERE i.meeting_id = ? AND delegation <> '' UNION "
        "SELECT delegation FROM interventions v JOIN agenda_items i ON i.id = v.item_id "
        "WHERE i.meeting_id = ? AND delegation <> '' UNION "
        "SELECT acronym FROM mechanisms WHERE acronym <> ''",
        (meeting_id, meeting_id),
    )
    return list(dict.fromkeys([*delegations(ws, meeting_id), *sorted(r["name"] for r in used)]))


def known_delegation(ws: Workspace, meeting_id: str, typed: str) -> str:
    """The delegation already known under a typed name, case and accents aside ("switzerland"
    is "Switzerland" once that was used); the typed name itself when it is new."""
    typed = " ".join(typed.split())
    wanted = fold(typed)
    if not wanted:
        return typed
    return next((d for d in known_delegations(ws, meeting_id) if fold(d) == wanted), typed)


def resolve_speaker(ws: Workspace, meeting_id: str, typed: str) -> tuple[str | None, str]:
    """Who a name typed at the head table means: ``(participant_id, "")`` for a person,
    ``(None, delegation)`` otherwise.

    A participant's full name (case and accents aside) picks them; then a known delegation;
    then a part of a name that only one of the meeting's participants has ("Arrieta");
    anything else is a new delegation, as typed.
    """
    typed = " ".join(typed.split())
    wanted = fold(typed)
    if not wanted:
        raise ValidationError(_("name a person or a delegation to add to the queue"))
    persons = [(fold(p.name), p.id) for p in agenda.people(ws, meeting_id)]
    exact = [pid for name, pid in persons if name == wanted]
    if len(exact) == 1:
        return exact[0], ""
    known = next((d for d in known_delegations(ws, meeting_id) if fold(d) == wanted), None)
    if known is not None:
        return None, known
    partial = [pid for name, pid in persons if f" {wanted}" in f" {name}"]
    if len(partial) == 1:
        return partial[0], ""
    return None, typed
