"""Meetings: a workspace holds a process's history of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from . import records
from .errors import NotFoundError, ValidationError
from .i18n import gettext as _
from .i18n import ngettext
from .multilingual import Text
from .store import Workspace

DEFAULT_DAY_START = "09:00"


@dataclass(frozen=True)
class Meeting:
    id: str
    short_name: str
    title: Text
    start_date: str
    end_date: str
    venue: Text
    time_zone: str
    source_lang: str
    working_langs: tuple[str, ...]
    chatham_house: bool
    organiser: str

    @property
    def dates(self) -> list[str]:
        return _date_span(self.start_date, self.end_date)

    def title_in(self, lang: str) -> str:
        return self.title.get_text(lang, self.source_lang)


def _date_span(start: str, end: str) -> list[str]:
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def _from_row(row: Mapping) -> Meeting:
    return Meeting(
        id=row["id"],
        short_name=row["short_name"],
        title=Text.from_json(row["title"]),
        start_date=row["start_date"],
        end_date=row["end_date"],
        venue=Text.from_json(row["venue"]),
        time_zone=row["time_zone"],
        source_lang=row["source_lang"],
        working_langs=tuple(json.loads(row["working_langs"])),
        chatham_house=bool(row["chatham_house"]),
        organiser=row["organiser"],
    )


def _validated(ws: Workspace, values: dict, meeting_id: str | None) -> dict:
    short_name = records.check_text(values["short_name"], _("short name"))
    clash = ws.scalar(
        "SELECT id FROM meetings WHERE short_name = ? COLLATE NOCASE AND id IS NOT ?",
        (short_name, meeting_id),
    )
    if clash is not None:
        raise ValidationError(
            _("a meeting with the short name “{name}” already exists").format(name=short_name)
        )
    start = records.check_date(values["start_date"], _("start date"))
    end = records.check_date(values["end_date"], _("end date"))
    if end < start:
        raise ValidationError(_("the end date is before the start date"))
    if (date.fromisoformat(end) - date.fromisoformat(start)).days > 30:
        raise ValidationError(_("a meeting lasts at most 31 days"))
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # its import reads the tz path

        ZoneInfo(values["time_zone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("unknown time zone “{zone}”").format(zone=values["time_zone"])
        ) from None
    source = records.check_languages([values["source_lang"]], _("source language"))[0]
    working = records.check_languages(values["working_langs"], _("working language"))
    if source not in working:
        working.insert(0, source)
    title = Text(values["title"], source)
    if source not in title:
        raise ValidationError(_("the title must be given in the meeting’s source language"))
    return {
        "short_name": short_name,
        "title": title.to_json(),
        "start_date": start,
        "end_date": end,
        "venue": Text(values["venue"], source).to_json(),
        "time_zone": values["time_zone"],
        "source_lang": source,
        "working_langs": json.dumps(working),
        "chatham_house": int(bool(values["chatham_house"])),
        "organiser": (values.get("organiser") or "").strip(),
    }


def create_meeting(
    ws: Workspace,
    *,
    short_name: str,
    title: Mapping[str, str] | str,
    start_date: str,
    end_date: str,
    venue: Mapping[str, str] | str = "",
    time_zone: str = "UTC",
    source_lang: str = "en",
    working_langs: Iterable[str] = ("en",),
    chatham_house: bool = False,
    organiser: str = "",
    day_start: str = DEFAULT_DAY_START,
) -> Meeting:
    """Create a meeting and one agenda day per date, each starting at ``day_start``."""
    values = _validated(ws, dict(locals()), None)
    records.check_time(day_start, _("day start"))
    with ws.transaction():
        meeting_id = records.insert(ws, "meetings", values)
        for day in _date_span(start_date, end_date):
            records.insert(
                ws,
                "agenda_days",
                {"meeting_id": meeting_id, "day_date": day, "start_time": day_start},
            )
    return get_meeting(ws, meeting_id)


def update_meeting(ws: Workspace, meeting_id: str, **changes: object) -> Meeting:
    """Change any field of ``create_meeting``; agenda days follow the new dates.

    A date that still holds agenda items cannot be dropped: move or delete them first.
    """
    current = get_meeting(ws, meeting_id)
    allowed = {
        "short_name",
        "title",
        "start_date",
        "end_date",
        "venue",
        "time_zone",
        "source_lang",
        "working_langs",
        "chatham_house",
        "organiser",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(f"unknown meeting field(s): {', '.join(sorted(unknown))}")
    merged = {
        "short_name": current.short_name,
        "title": current.title,
        "start_date": current.start_date,
        "end_date": current.end_date,
        "venue": current.venue,
        "time_zone": current.time_zone,
        "source_lang": current.source_lang,
        "working_langs": current.working_langs,
        "chatham_house": current.chatham_house,
        "organiser": current.organiser,
        **changes,
    }
    values = _validated(ws, merged, meeting_id)
    with ws.transaction():
        records.update(ws, "meetings", meeting_id, values)
        _sync_days(ws, meeting_id, _date_span(values["start_date"], values["end_date"]))
    return get_meeting(ws, meeting_id)


def _sync_days(ws: Workspace, meeting_id: str, wanted: list[str]) -> None:
    days = ws.query(
        "SELECT d.id, d.day_date, d.start_time, count(i.id) AS items FROM agenda_days d "
        "LEFT JOIN agenda_items i ON i.day_id = d.id WHERE d.meeting_id = ? GROUP BY d.id "
        "ORDER BY d.day_date",
        (meeting_id,),
    )
    existing = {d["day_date"]: d for d in days}
    for day in days:
        if day["day_date"] not in wanted:
            if day["items"]:
                raise ValidationError(
                    ngettext(
                        "{date} still has {count} agenda item; "
                        "move or delete it before changing the dates",
                        "{date} still has {count} agenda items; "
                        "move or delete them before changing the dates",
                        day["items"],
                    ).format(date=day["day_date"], count=day["items"])
                )
            ws.conn.execute("DELETE FROM agenda_days WHERE id = ?", (day["id"],))
    start_time = days[0]["start_time"] if days else DEFAULT_DAY_START
    for day in wanted:
        if day not in existing:
            records.insert(
                ws,
                "agenda_days",
                {"meeting_id": meeting_id, "day_date": day, "start_time": start_time},
            )


def delete_meeting(ws: Workspace, meeting_id: str) -> records.Changes:
    """Delete a meeting with everything it holds (agenda, groups, survey, notes, outcomes)."""
    with ws.transaction():
        return records.delete(ws, "meetings", meeting_id)


def source_lang(ws: Workspace, meeting_id: str) -> str:
    """The language a meeting's texts are first written in (English if it is unknown)."""
    return str(ws.scalar("SELECT source_lang FROM meetings WHERE id = ?", (meeting_id,)) or "en")


def get_meeting(ws: Workspace, meeting_id: str) -> Meeting:
    return _from_row(records.require(ws, "meetings", meeting_id))


def list_meetings(ws: Workspace) -> list[Meeting]:
    rows = ws.query("SELECT * FROM meetings ORDER BY start_date DESC, short_name")
    return [_from_row(row) for row in rows]


def resolve_meeting(ws: Workspace, ref: str | None) -> Meeting:
    """A meeting named by id or short name; may be left out when the workspace has one."""
    if ref is None:
        meetings = list_meetings(ws)
        if len(meetings) == 1:
            return meetings[0]
        if not meetings:
            raise NotFoundError(_("the workspace holds no meeting"))
        names = ", ".join(m.short_name for m in meetings)
        raise ValidationError(
            ngettext(
                "the workspace holds {count} meeting; choose one with --meeting ({names})",
                "the workspace holds {count} meetings; choose one with --meeting ({names})",
                len(meetings),
            ).format(count=len(meetings), names=names)
        )
    rows = ws.query(
        "SELECT * FROM meetings WHERE id = ? OR short_name = ? COLLATE NOCASE", (ref, ref)
    )
    if not rows:
        raise NotFoundError(_("no meeting with id or short name “{ref}”").format(ref=ref))
    return _from_row(rows[0])
