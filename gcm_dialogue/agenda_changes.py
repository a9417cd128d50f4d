"""Published agenda versions and the record of every later change.

``publish(ws, meeting_id)`` marks the agenda published: version 1, then 2, ... From the first
publication on, every change the agenda services make (add, change, move, duplicate, delete
an item; move a day's start) is recorded in the same transaction, with its time, what
changed (field by field, old and new), the items whose start time moved as a result, and an
optional reason.

``changes_since(ws, meeting_id, version)`` returns them as plain data (``AgendaChange``
dataclasses; ``AgendaChange.to_dict()`` gives JSON-ready dicts) for the view, the command
line and the documents.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field

from . import i18n, records
from .clock import utc_now
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .multilingual import Text
from .store import Workspace

ACTIONS = {
    "added": N_("Added"),
    "changed": N_("Changed"),
    "moved": N_("Moved"),
    "deleted": N_("Deleted"),
    "day_start": N_("Day start"),
}

FIELD_LABELS = {
    "kind": N_("kind"),
    "title": N_("title"),
    "description": N_("description"),
    "time_mode": N_("time mode"),
    "fixed_start": N_("fixed start"),
    "duration_min": N_("duration"),
    "room": N_("room"),
    "moderator": N_("moderator"),
    "speakers": N_("speakers"),
    "objectives": N_("objectives"),
    "guiding_questions": N_("guiding questions"),
    "interpretation": N_("interpretation"),
    "statement_limit_sec": N_("statement time limit"),
    "day": N_("day"),
    "position": N_("position"),
    "start_time": N_("day start"),
}


@dataclass(frozen=True)
class Version:
    id: str
    meeting_id: str
    number: int
    published_at: str
    note: str


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Shift:
    """An item whose scheduled start moved because of a change (minutes from midnight)."""

    item_id: str
    title: dict
    old_start: int
    new_start: int


@dataclass(frozen=True)
class AgendaChange:
    id: str
    meeting_id: str
    after_version: int
    changed_at: str
    action: str
    item_id: str | None
    day_id: str | None
    item_title: Text
    day_date: str | None = None
    fields: tuple[FieldChange, ...] = ()
    shifts: tuple[Shift, ...] = ()
    reason: str = ""

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "meeting_id": self.meeting_id,
            "after_version": self.after_version,
            "changed_at": self.changed_at,
            "action": self.action,
            "item_id": self.item_id,
            "day_id": self.day_id,
            "item_title": dict(self.item_title),
            "day_date": self.day_date,
            "fields": [asdict(f) for f in self.fields],
            "shifts": [asdict(s) for s in self.shifts],
            "reason": self.reason,
        }


# ---- versions ------------------------------------------------------------------------------


def published_version(ws: Workspace, meeting_id: str) -> int:
    """The latest published version's number, 0 when the agenda was never published."""
    return int(
        ws.scalar("SELECT max(number) FROM agenda_versions WHERE meeting_id = ?", (meeting_id,))
        or 0
    )


def list_versions(ws: Workspace, meeting_id: str) -> list[Version]:
    rows = ws.query(
        "SELECT id, meeting_id, number, published_at, note FROM agenda_versions "
        "WHERE meeting_id = ? ORDER BY number",
        (meeting_id,),
    )
    return [Version(**row) for row in rows]


def publish(ws: Workspace, meeting_id: str, note: str = "", *, now: str | None = None) -> Version:
    """Mark the agenda as it stands published, as the next version (1 the first time)."""
    records.require(ws, "meetings", meeting_id)
    with ws.transaction():
        number = published_version(ws, meeting_id) + 1
        version_id = records.insert(
            ws,
            "agenda_versions",
            {
                "meeting_id": meeting_id,
                "number": number,
                "published_at": now or utc_now(),
                "note": (note or "").strip(),
            },
        )
    return next(v for v in list_versions(ws, meeting_id) if v.id == version_id)


# ---- recording -----------------------------------------------------------------------------


@dataclass
class Recorder:
    """Filled in by an agenda service while it changes the agenda."""

    active: bool
    item_id: str | None = None
    day_id: str | None = None
    day_date: str | None = None
    title: Mapping[str, str] = field(default_factory=dict)
    fields: list[FieldChange] = field(default_factory=list)
    skip: bool = False  # set when nothing changed after all


def _starts(ws: Workspace, meeting_id: str, days: tuple[str, ...]) -> dict:
    """Item id -> (day id, start minute, title JSON) for the days a change can shift."""
    from .agenda import compute_schedule, get_day, list_items

    out = {}
    for day_id in days:
        items = list_items(ws, meeting_id, day_id=day_id)
        for slot in compute_schedule(get_day(ws, day_id), items).slots:
            out[slot.item.id] = (day_id, slot.start, slot.item.title.to_json())
    return out


@contextlib.contextmanager
def recording(
    ws: Workspace,
    meeting_id: str,
    action: str,
    *,
    days: tuple[str, ...] = (),
    reason: str = "",
    now: str | None = None,
) -> Iterator[Recorder]:
    """Record one change of a published agenda; call inside the service's transaction.

    ``days``: the agenda days whose times the change can shift (their items' moved start
    times are recorded too).
    """
    records.check_choice(action, ACTIONS, "change action")
    version = published_version(ws, meeting_id)
    recorder = Recorder(active=bool(version))
    days = tuple(dict.fromkeys(days))
    before = _starts(ws, meeting_id, days) if version else {}
    yield recorder
    if not version or recorder.skip:
        return
    after = _starts(ws, meeting_id, days)
    shifts = [
        Shift(item_id, json.loads(title), before[item_id][1], start)
        for item_id, (day_id, start, title) in after.items()
        if item_id in before
        and item_id != recorder.item_id
        and before[item_id][0] == day_id
        and before[item_id][1] != start
    ]
    details = {
        "day_date": recorder.day_date,
        "fields": [asdict(f) for f in recorder.fields],
        "shifts": [asdict(s) for s in shifts],
    }
    records.insert(
        ws,
        "agenda_changes",
        {
            "meeting_id": meeting_id,
            "after_version": version,
            "changed_at": now or utc_now(),
            "action": action,
            "item_id": recorder.item_id,
            "day_id": recorder.day_id,
            "item_title": Text(recorder.title).to_json(),
            "details": json.dumps(details, ensure_ascii=False),
            "reason": (reason or "").strip(),
        },
    )


# ---- reading -------------------------------------------------------------------------------


def _from_row(row: Mapping) -> AgendaChange:
    details = json.loads(row["details"] or "{}")
    return AgendaChange(
        id=row["id"],
        meeting_id=row["meeting_id"],
        after_version=row["after_version"],
        changed_at=row["changed_at"],
        action=row["action"],
        item_id=row["item_id"],
        day_id=row["day_id"],
        item_title=Text.from_json(row["item_title"]),
        day_date=details.get("day_date"),
        fields=tuple(FieldChange(**f) for f in details.get("fields", [])),
        shifts=tuple(Shift(**s) for s in details.get("shifts", [])),
        reason=row["reason"],
    )


def changes_since(ws: Workspace, meeting_id: str, version: int = 1) -> list[AgendaChange]:
    """Every change recorded after version ``version`` was published, oldest first."""
    if version < 1:
        raise ValidationError(
            _("versions are numbered from 1; got {version}").format(version=version)
        )
    latest = published_version(ws, meeting_id)
    if version > latest:
        if latest == 0:
            raise ValidationError(_("the agenda of this meeting has not been published yet"))
        raise ValidationError(
            _("the latest published version is {latest}; got {version}").format(
                latest=latest, version=version
            )
        )
    rows = ws.query(
        "SELECT * FROM agenda_changes WHERE meeting_id = ? AND after_version >= ? "
        "ORDER BY changed_at, rowid",
        (meeting_id, version),
    )
    return [_from_row(row) for row in rows]


def count_changes(ws: Workspace, meeting_id: str, version: int = 1) -> int:
    """How many changes were recorded after version ``version`` was published."""
    return int(
        ws.scalar(
            "SELECT count(*) FROM agenda_changes WHERE meeting_id = ? AND after_version >= ?",
            (meeting_id, version),
        )
        or 0
    )


def set_reason(ws: Workspace, change_id: str, reason: str) -> AgendaChange:
    with ws.transaction():
        records.update(ws, "agenda_changes", change_id, {"reason": (reason or "").strip()})
    return _from_row(records.require(ws, "agenda_changes", change_id))


# ---- describing ----------------------------------------------------------------------------


def _clock(total: int) -> str:
    return i18n.format_time(f"{(total // 60) % 24:02d}:{total % 60:02d}")


def format_value(name: str, value: object, source_lang: str = "en") -> str:
    """A recorded old or new value, as a reader sees it in the current language."""
    lang = i18n.current_language()
    if value is None or value == "" or value == [] or value == {}:
        return i18n.gettext("none")
    if name == "duration_min":
        return i18n.format_duration_minutes(int(value))  # type: ignore[arg-type]
    if name == "statement_limit_sec":
        seconds = int(value)  # type: ignore[arg-type]
        return i18n.format_duration_minutes(seconds // 60) + (
            " " + _("{seconds} s").format(seconds=f"{seconds % 60:02d}") if seconds % 60 else ""
        )
    if name in ("fixed_start", "start_time"):
        return i18n.format_time(str(value))
    if name == "kind":
        from .agenda import KINDS

        return str(KINDS.get(str(value), value))
    if name == "time_mode":
        return i18n.gettext("fixed time") if value == "fixed" else i18n.gettext("flowing")
    if name == "day":
        return i18n.format_date(str(value), format="medium")
    if name == "position":
        return i18n.format_number(int(value) + 1)  # type: ignore[arg-type]
    if name == "interpretation":
        return ", ".join(i18n.language_name(str(code)) for code in value)  # type: ignore[union-attr]
    if name == "guiding_questions":
        return " / ".join(Text(q).get_text(lang, source_lang) for q in value)  # type: ignore[union-attr]
    if name == "speakers":
        return ", ".join(str(v) for v in value)  # type: ignore[union-attr]
    if isinstance(value, dict):
        return Text(value).get_text(lang, source_lang)
    return str(value)


def describe(change: AgendaChange, source_lang: str = "en") -> str:
    """One line in the current language: what changed, old and new values, times moved."""
    title = change.item_title.get_text(i18n.current_language(), source_lang)
    if change.action == "added":
        text = _("Added “{title}”").format(title=title)
    elif change.action == "deleted":
        text = _("Deleted “{title}”").format(title=title)
    elif change.action == "day_start":
        text = _("Changed the start of {date}").format(
            date=i18n.format_date(change.day_date, format="medium") if change.day_date else "?"
        )
    elif change.action == "moved":
        text = _("Moved “{title}”").format(title=title)
    else:
        text = _("Changed “{title}”").format(title=title)
    parts = [
        _("{field}: {old} → {new}").format(
            field=str(FIELD_LABELS.get(f.field, f.field)),
            old=format_value(f.field, f.old, source_lang),
            new=format_value(f.field, f.new, source_lang),
        )
        for f in change.fields
    ]
    if parts:
        text += ": " + "; ".join(parts)
    if change.shifts:
        text += " " + i18n.ngettext(
            "({count} later item moved)", "({count} later items moved)", len(change.shifts)
        ).format(count=i18n.format_number(len(change.shifts)))
    return text
