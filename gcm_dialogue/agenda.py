"""The agenda: days, and items whose start times flow from the day's start and durations.

A flowing item starts when the one before it ends; a fixed item (lunch, a reception) keeps
its clock time, and the schedule reports the gap or overlap that leaves before it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import agenda_changes, meetings, records
from .clock import utc_now
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .multilingual import Text, texts_from_json, texts_json
from .participants import join_name
from .store import Workspace

KINDS = {
    "opening": N_("Opening"),
    "panel": N_("Panel"),
    "breakout": N_("Breakout"),
    "plenary": N_("Plenary"),
    "break": N_("Break"),
    "closing": N_("Closing"),
    "side_event": N_("Side event"),
    "other": N_("Other"),
}
TIME_MODES = ("flowing", "fixed")


@dataclass(frozen=True)
class Day:
    id: str
    meeting_id: str
    date: str
    start_time: str


@dataclass(frozen=True)
class AgendaItem:
    id: str
    meeting_id: str
    day_id: str
    position: int
    kind: str
    title: Text
    description: Text
    time_mode: str
    fixed_start: str | None
    duration_min: int
    room: str
    moderator_id: str | None
    objectives: Text
    guiding_questions: tuple[Text, ...]
    interpretation: tuple[str, ...]
    statement_limit_sec: int | None
    actual_start: str | None
    actual_end: str | None
    speaker_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slot:
    """An item placed on the clock. Minutes count from the day's midnight."""

    item: AgendaItem
    start: int
    end: int
    gap_before: int = 0  # idle minutes before a fixed item
    overlap_before: int = 0  # minutes the previous items run into a fixed item


@dataclass(frozen=True)
class DaySchedule:
    day: Day
    slots: list[Slot] = field(default_factory=list)

    @property
    def start(self) -> int:
        return minutes(self.day.start_time)

    @property
    def end(self) -> int:
        return max((slot.end for slot in self.slots), default=self.start)

    @property
    def total_minutes(self) -> int:
        return self.end - self.start

    @property
    def conflicts(self) -> list[Slot]:
        return [slot for slot in self.slots if slot.gap_before or slot.overlap_before]


def minutes(clock: str) -> int:
    hours, mins = clock.split(":")
    return int(hours) * 60 + int(mins)


def clock(total_minutes: int) -> str:
    """Minutes from midnight as HH:MM (past midnight counts on: 24:30)."""
    return f"{total_minutes // 60:02d}:{total_minutes % 60:02d}"


def compute_schedule(day: Day, items: Iterable[AgendaItem]) -> DaySchedule:
    cursor = minutes(day.start_time)
    slots = []
    for item in sorted(items, key=lambda i: i.position):
        gap = overlap = 0
        if item.time_mode == "fixed" and item.fixed_start:
            start = minutes(item.fixed_start)
            gap, overlap = max(0, start - cursor), max(0, cursor - start)
        else:
            start = cursor
        end = start + item.duration_min
        slots.append(Slot(item, start, end, gap, overlap))
        cursor = end
    return DaySchedule(day, slots)


def _item_from_row(row: Mapping, speakers: tuple[str, ...]) -> AgendaItem:
    return AgendaItem(
        id=row["id"],
        meeting_id=row["meeting_id"],
        day_id=row["day_id"],
        position=row["position"],
        kind=row["kind"],
        title=Text.from_json(row["title"]),
        description=Text.from_json(row["description"]),
        time_mode=row["time_mode"],
        fixed_start=row["fixed_start"],
        duration_min=row["duration_min"],
        room=row["room"],
        moderator_id=row["moderator_id"],
        objectives=Text.from_json(row["objectives"]),
        guiding_questions=tuple(texts_from_json(row["guiding_questions"])),
        interpretation=tuple(json.loads(row["interpretation"])),
        statement_limit_sec=row["statement_limit_sec"],
        actual_start=row["actual_start"],
        actual_end=row["actual_end"],
        speaker_ids=speakers,
    )


def list_days(ws: Workspace, meeting_id: str) -> list[Day]:
    rows = ws.query(
        "SELECT id, meeting_id, day_date, start_time FROM agenda_days WHERE meeting_id = ? "
        "ORDER BY day_date",
        (meeting_id,),
    )
    return [Day(r["id"], r["meeting_id"], r["day_date"], r["start_time"]) for r in rows]


def get_day(ws: Workspace, day_id: str) -> Day:
    r = records.require(ws, "agenda_days", day_id)
    return Day(r["id"], r["meeting_id"], r["day_date"], r["start_time"])


def set_day_start(ws: Workspace, day_id: str, start_time: str, *, reason: str = "") -> Day:
    """Move the start of a day: every flowing item of the day moves with it."""
    records.check_time(start_time, _("day start"))
    day = get_day(ws, day_id)
    with (
        ws.transaction(),
        agenda_changes.recording(
            ws, day.meeting_id, "day_start", days=(day_id,), reason=reason
        ) as rec,
    ):
        records.update(ws, "agenda_days", day_id, {"start_time": start_time})
        rec.day_id, rec.day_date = day_id, day.date
        rec.fields.append(agenda_changes.FieldChange("start_time", day.start_time, start_time))
        rec.skip = day.start_time == start_time
    return get_day(ws, day_id)


def list_items(ws: Workspace, meeting_id: str, *, day_id: str | None = None) -> list[AgendaItem]:
    where, params = "meeting_id = ?", [meeting_id]
    if day_id is not None:
        where += " AND day_id = ?"
        params.append(day_id)
    rows = ws.query(f"SELECT * FROM agenda_items WHERE {where} ORDER BY position", tuple(params))
    speakers: dict[str, list[str]] = {}
    for row in ws.query(
        "SELECT s.item_id, s.participant_id FROM agenda_item_speakers s "
        "JOIN agenda_items i ON i.id = s.item_id WHERE i.meeting_id = ? ORDER BY s.position",
        (meeting_id,),
    ):
        speakers.setdefault(row["item_id"], []).append(row["participant_id"])
    return [_item_from_row(row, tuple(speakers.get(row["id"], ()))) for row in rows]


def get_item(ws: Workspace, item_id: str) -> AgendaItem:
    row = records.require(ws, "agenda_items", item_id)
    speakers = tuple(
        r["participant_id"]
        for r in ws.query(
            "SELECT participant_id FROM agenda_item_speakers WHERE item_id = ? ORDER BY position",
            (item_id,),
        )
    )
    return _item_from_row(row, speakers)


def schedule(ws: Workspace, meeting_id: str) -> list[DaySchedule]:
    """Every day of the meeting with its items on the clock."""
    items = list_items(ws, meeting_id)
    return [
        compute_schedule(day, [item for item in items if item.day_id == day.id])
        for day in list_days(ws, meeting_id)
    ]


_FIELDS = {
    "kind",
    "title",
    "description",
    "time_mode",
    "fixed_start",
    "duration_min",
    "room",
    "moderator_id",
    "objectives",
    "guiding_questions",
    "interpretation",
    "statement_limit_sec",
}


def _columns(values: Mapping[str, object], source_lang: str) -> dict[str, object]:
    """Validate item fields and turn them into column values."""
    unknown = set(values) - _FIELDS
    if unknown:
        raise ValidationError(f"unknown agenda item field(s): {', '.join(sorted(unknown))}")
    out: dict[str, object] = {}
    for name, value in values.items():
        if name == "kind":
            out[name] = records.check_choice(str(value), KINDS, _("item kind"))
        elif name in ("title", "description", "objectives"):
            out[name] = Text(value, source_lang).to_json()  # type: ignore[arg-type]
        elif name == "guiding_questions":
            out[name] = texts_json(
                Text(q, source_lang)
                for q in value  # type: ignore[union-attr]
            )
        elif name == "time_mode":
            out[name] = records.check_choice(str(value), TIME_MODES, _("time mode"))
        elif name == "fixed_start":
            out[name] = None if value is None else records.check_time(str(value), _("fixed start"))
        elif name == "duration_min":
            if not isinstance(value, int) or not 0 <= value <= 24 * 60:
                raise ValidationError(
                    _("the duration must be 0 to 1440 minutes; got “{value}”").format(value=value)
                )
            out[name] = value
        elif name == "interpretation":
            out[name] = records.json_list(
                records.check_languages(value, _("interpretation language"))  # type: ignore[arg-type]
            )
        elif name == "statement_limit_sec":
            if value is not None and (not isinstance(value, int) or value <= 0):
                raise ValidationError(
                    _("the statement time limit must be positive; got “{value}”").format(
                        value=value
                    )
                )
            out[name] = value
        else:
            out[name] = value if value is not None or name == "moderator_id" else ""
    return out


def add_item(
    ws: Workspace,
    day_id: str,
    *,
    title: Mapping[str, str] | str,
    kind: str = "plenary",
    duration_min: int = 60,
    position: int | None = None,
    speaker_ids: Iterable[str] = (),
    reason: str = "",
    **fields: object,
) -> AgendaItem:
    """Add an item to a day, at the end or at ``position`` (later items move down)."""
    day = get_day(ws, day_id)
    values = _columns(
        {"title": title, "kind": kind, "duration_min": duration_min, **fields},
        meetings.source_lang(ws, day.meeting_id),
    )
    if not Text.from_json(str(values["title"])):
        raise ValidationError(_("an agenda item needs a title"))
    _check_fixed(values)
    with (
        ws.transaction(),
        agenda_changes.recording(ws, day.meeting_id, "added", days=(day_id,), reason=reason) as rec,
    ):
        order = [i.id for i in list_items(ws, day.meeting_id, day_id=day_id)]
        where = len(order) if position is None else max(0, min(position, len(order)))
        item_id = records.insert(
            ws,
            "agenda_items",
            {"meeting_id": day.meeting_id, "day_id": day_id, "position": where, **values},
        )
        order.insert(where, item_id)
        records.renumber(ws, "agenda_items", order)
        _write_speakers(ws, item_id, speaker_ids)
        rec.item_id, rec.day_id, rec.day_date = item_id, day_id, day.date
        rec.title = Text.from_json(str(values["title"]))
    return get_item(ws, item_id)


def _check_fixed(values: Mapping[str, object]) -> None:
    if values.get("time_mode") == "fixed" and not values.get("fixed_start"):
        raise ValidationError(_("a fixed item needs its start time"))


def update_item(
    ws: Workspace,
    item_id: str,
    *,
    speaker_ids: Iterable[str] | None = None,
    reason: str = "",
    **fields: object,
) -> AgendaItem:
    """Change fields of an item; on a published agenda the change is recorded."""
    current = get_item(ws, item_id)
    values = _columns(fields, meetings.source_lang(ws, current.meeting_id))
    mode = values.get("time_mode", current.time_mode)
    start = values.get("fixed_start", current.fixed_start)
    _check_fixed({"time_mode": mode, "fixed_start": start})
    if "title" in values and not Text.from_json(str(values["title"])):
        raise ValidationError(_("an agenda item needs a title"))
    with (
        ws.transaction(),
        agenda_changes.recording(
            ws, current.meeting_id, "changed", days=(current.day_id,), reason=reason
        ) as rec,
    ):
        records.update(ws, "agenda_items", item_id, values)
        if speaker_ids is not None:
            ws.conn.execute("DELETE FROM agenda_item_speakers WHERE item_id = ?", (item_id,))
            _write_speakers(ws, item_id, speaker_ids)
        if rec.active:
            updated = get_item(ws, item_id)
            rec.item_id, rec.day_id, rec.title = item_id, current.day_id, updated.title
            rec.fields.extend(_differences(ws, current, updated))
            rec.skip = not rec.fields
    return get_item(ws, item_id)


def _names(ws: Workspace, ids: Iterable[str | None]) -> list[str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return []
    rows = ws.query(
        "SELECT id, honorific, given_name, family_name "
        f"FROM participants WHERE id IN ({','.join('?' * len(wanted))})",
        tuple(wanted),
    )
    found = {r["id"]: join_name(r["given_name"], r["family_name"], r["honorific"]) for r in rows}
    return [found.get(i, "?") for i in wanted]


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, tuple) else value


def _differences(
    ws: Workspace, old: AgendaItem, new: AgendaItem
) -> list[agenda_changes.FieldChange]:
    """Field-by-field differences as plain values (names for people, dicts for texts)."""
    out = []
    for name in (
        "kind",
        "title",
        "description",
        "time_mode",
        "fixed_start",
        "duration_min",
        "room",
        "objectives",
        "interpretation",
        "statement_limit_sec",
    ):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            out.append(agenda_changes.FieldChange(name, _plain(before), _plain(after)))
    if old.guiding_questions != new.guiding_questions:
        out.append(
            agenda_changes.FieldChange(
                "guiding_questions",
                [dict(q) for q in old.guiding_questions],
                [dict(q) for q in new.guiding_questions],
            )
        )
    if old.moderator_id != new.moderator_id:
        before_name = _names(ws, [old.moderator_id])
        after_name = _names(ws, [new.moderator_id])
        out.append(
            agenda_changes.FieldChange(
                "moderator",
                before_name[0] if before_name else None,
                after_name[0] if after_name else None,
            )
        )
    if old.speaker_ids != new.speaker_ids:
        out.append(
            agenda_changes.FieldChange(
                "speakers", _names(ws, old.speaker_ids), _names(ws, new.speaker_ids)
            )
        )
    return out


def _write_speakers(ws: Workspace, item_id: str, speaker_ids: Iterable[str]) -> None:
    ws.conn.executemany(
        "INSERT INTO agenda_item_speakers(item_id, participant_id, position) VALUES (?, ?, ?)",
        [(item_id, pid, n) for n, pid in enumerate(dict.fromkeys(speaker_ids))],
    )


def move_item(
    ws: Workspace, item_id: str, day_id: str, position: int, *, reason: str = ""
) -> records.Changes:
    """Move an item to ``position`` on ``day_id`` (the same day or another of the meeting)."""
    item = get_item(ws, item_id)
    day = get_day(ws, day_id)
    if day.meeting_id != item.meeting_id:
        raise ValidationError(_("an item can only move to a day of its own meeting"))
    with (
        ws.transaction(),
        agenda_changes.recording(
            ws, item.meeting_id, "moved", days=(item.day_id, day_id), reason=reason
        ) as rec,
    ):
        moved = set()
        if day_id != item.day_id:
            records.update(ws, "agenda_items", item_id, {"day_id": day_id})
            moved.add(item_id)
            old = [i.id for i in list_items(ws, item.meeting_id, day_id=item.day_id)]
            moved.update(records.renumber(ws, "agenda_items", old))
        order = [i.id for i in list_items(ws, item.meeting_id, day_id=day_id) if i.id != item_id]
        where = max(0, min(position, len(order)))
        order.insert(where, item_id)
        moved.update(records.renumber(ws, "agenda_items", order))
        rec.item_id, rec.day_id, rec.day_date, rec.title = item_id, day_id, day.date, item.title
        if day_id != item.day_id:
            old_day = get_day(ws, item.day_id)
            rec.fields.append(agenda_changes.FieldChange("day", old_day.date, day.date))
        if where != item.position or day_id != item.day_id:
            rec.fields.append(agenda_changes.FieldChange("position", item.position, where))
        rec.skip = not rec.fields
    return records.Changes("agenda_items", tuple(sorted(moved)))


def duplicate_item(ws: Workspace, item_id: str, *, reason: str = "") -> AgendaItem:
    """A copy placed right after the original, without its recorded actual times."""
    item = get_item(ws, item_id)
    fields = {
        "description": item.description,
        "time_mode": item.time_mode,
        "fixed_start": item.fixed_start,
        "room": item.room,
        "moderator_id": item.moderator_id,
        "objectives": item.objectives,
        "guiding_questions": item.guiding_questions,
        "interpretation": item.interpretation,
        "statement_limit_sec": item.statement_limit_sec,
    }
    return add_item(
        ws,
        item.day_id,
        title=item.title,
        kind=item.kind,
        duration_min=item.duration_min,
        position=item.position + 1,
        speaker_ids=item.speaker_ids,
        reason=reason,
        **fields,
    )


def delete_item(ws: Workspace, item_id: str, *, reason: str = "") -> records.Changes:
    item = get_item(ws, item_id)
    with (
        ws.transaction(),
        agenda_changes.recording(
            ws, item.meeting_id, "deleted", days=(item.day_id,), reason=reason
        ) as rec,
    ):
        changes = records.delete(ws, "agenda_items", item_id)
        rec.item_id, rec.day_id, rec.title = item_id, item.day_id, item.title
        records.renumber(
            ws, "agenda_items", [i.id for i in list_items(ws, item.meeting_id, day_id=item.day_id)]
        )
    return changes


def record_actual(ws: Workspace, item_id: str, *, start: bool) -> AgendaItem:
    """Record now as the item's actual start (or end), as the live session panel does."""
    with ws.transaction():
        records.update(
            ws, "agenda_items", item_id, {"actual_start" if start else "actual_end": utc_now()}
        )
    return get_item(ws, item_id)


@dataclass(frozen=True)
class Person:
    """A participant as the agenda's pickers show them: a name and a delegation."""

    id: str
    name: str
    delegation: str


def people(ws: Workspace, meeting_id: str) -> list[Person]:
    """The meeting's participants for moderator and speaker pickers, in one light query."""
    rows = ws.query(
        "SELECT p.id, p.honorific, p.given_name, p.family_name, "
        "coalesce(nullif(m.acronym, ''), nullif(p.organisation, ''), p.country) AS delegation "
        "FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id "
        "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ? "
        "ORDER BY p.family_name, p.given_name",
        (meeting_id,),
    )
    return [
        Person(
            r["id"],
            join_name(r["given_name"], r["family_name"], r["honorific"]),
            r["delegation"] or "",
        )
        for r in rows
    ]
