"""``agenda show|publish|changes|speaking-time``: the agenda and the live record from a shell."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# A command's services are imported when it runs: the application builds this parser at
# every start.
from .. import meetings
from ..i18n import gettext as _
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agenda", help="show, publish and list changes of a meeting's agenda"
    )
    commands = parser.add_subparsers(dest="agenda_command", metavar="ACTION", required=True)

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:  # noqa: ANN001
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--db", type=Path, required=True, help="workspace file")
        sub.add_argument("--meeting", help="meeting id or short name")
        sub.set_defaults(func=func)
        return sub

    show = add("show", "print the timetable with computed times, gaps and overlaps", cmd_show)
    show.add_argument("--json", action="store_true", help="print JSON instead of a table")
    publish = add("publish", "mark the agenda published as the next version", cmd_publish)
    publish.add_argument("--note", default="", help="a note kept with the version")
    changes = add("changes", "list the changes since a published version", cmd_changes)
    changes.add_argument("--since", type=int, default=1, help="version number (default 1)")
    changes.add_argument("--json", action="store_true", help="print JSON instead of lines")
    speaking = add(
        "speaking-time", "speaking time per speaker and per delegation", cmd_speaking_time
    )
    speaking.add_argument("--json", action="store_true", help="print JSON instead of a table")


def cmd_show(args: argparse.Namespace) -> int:
    from .. import agenda, agenda_changes

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        days = agenda.schedule(ws, meeting.id)
        version = agenda_changes.published_version(ws, meeting.id)
    lang = meeting.source_lang
    if args.json:
        data = {
            "meeting": meeting.short_name,
            "published_version": version,
            "days": [
                {
                    "date": day.day.date,
                    "start": agenda.clock(day.start),
                    "end": agenda.clock(day.end),
                    "total_minutes": day.total_minutes,
                    "items": [
                        {
                            "id": s.item.id,
                            "start": agenda.clock(s.start),
                            "end": agenda.clock(s.end),
                            "title": s.item.title.get_text(lang, lang),
                            "kind": s.item.kind,
                            "fixed": s.item.time_mode == "fixed",
                            "gap_before": s.gap_before,
                            "overlap_before": s.overlap_before,
                        }
                        for s in day.slots
                    ],
                }
                for day in days
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    status = (
        _("published version {version}").format(version=version) if version else _("not published")
    )
    print(_("{meeting}: {status}").format(meeting=meeting.short_name, status=status))
    for number, day in enumerate(days, start=1):
        hours, minutes = divmod(day.total_minutes, 60)
        print(
            _("Day {number}, {date}: {start}–{end} ({hours} h {minutes} min)").format(
                number=number,
                date=day.day.date,
                start=agenda.clock(day.start),
                end=agenda.clock(day.end),
                hours=hours,
                minutes=f"{minutes:02d}",
            )
        )
        for slot in day.slots:
            mark = " " + _("fixed") if slot.item.time_mode == "fixed" else ""
            note = ""
            if slot.overlap_before:
                note = "  " + _("[overlap {minutes} min]").format(minutes=slot.overlap_before)
            elif slot.gap_before:
                note = "  " + _("[gap {minutes} min]").format(minutes=slot.gap_before)
            print(
                f"  {agenda.clock(slot.start)}–{agenda.clock(slot.end)}{mark:6} "
                f"{slot.item.title.get_text(lang, lang)}{note}"
            )
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from .. import agenda_changes

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        version = agenda_changes.publish(ws, meeting.id, args.note)
    print(
        _("Published the agenda of {meeting} as version {version}").format(
            meeting=meeting.short_name, version=version.number
        )
    )
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    from .. import agenda_changes

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        changes = agenda_changes.changes_since(ws, meeting.id, args.since)
    if args.json:
        print(json.dumps([c.to_dict() for c in changes], ensure_ascii=False, indent=2))
        return 0
    if not changes:
        print(_("No change since version {version}.").format(version=args.since))
    for change in changes:
        line = f"{change.changed_at}  v{change.after_version}  "
        line += agenda_changes.describe(change, meeting.source_lang)
        if change.reason:
            line += "  " + _("(reason: {reason})").format(reason=change.reason)
        print(line)
    return 0


def cmd_speaking_time(args: argparse.Namespace) -> int:
    from .. import live

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        speakers, delegations = live.speaking_totals(ws, meeting_id=meeting.id)
    if args.json:
        print(
            json.dumps(
                {
                    "speakers": [t.__dict__ for t in speakers],
                    "delegations": [t.__dict__ for t in delegations],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not speakers:
        print(_("No intervention recorded yet."))
        return 0
    for heading, totals in ((_("Speaker"), speakers), (_("Delegation"), delegations)):
        turns, duration = _("turns"), _("time")
        print(f"{heading:<40} {turns:>5} {duration:>8}")
        for t in totals:
            minutes, seconds = divmod(t.seconds, 60)
            print(f"{t.name:<40} {t.count:>5} {minutes:>5}:{seconds:02d}")
        print()
    return 0
