"""Commands about rapporteur notes: ``search``."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

# A command's services are imported when it runs: the application builds this parser at
# every start.
from .. import meetings
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    from .. import search

    find = subparsers.add_parser(
        "search",
        help="full-text search of the notes of every meeting (case and accents aside)",
        description='Find notes holding every word or "quoted phrase" of QUERY, in any '
        "script, case and accents aside; newest first.",
    )
    find.add_argument("--db", type=Path, required=True, help="workspace file")
    find.add_argument("query", metavar="QUERY", help='words and "quoted phrases"')
    find.add_argument("--meeting", help="only this meeting (id or short name)")
    find.add_argument("--limit", type=int, default=search.DEFAULT_LIMIT, help="at most N notes")
    find.add_argument("--json", action="store_true", help="print JSON instead of text")
    find.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from .. import notes, search

    with open_workspace(args.db, create=False) as ws:
        meeting_id = None
        if args.meeting is not None:
            meeting_id = meetings.resolve_meeting(ws, args.meeting).id
        hits = search.search(ws, args.query, meeting_id=meeting_id, limit=max(1, args.limit))
        zones = {m.id: m.time_zone for m in meetings.list_meetings(ws)}
    # the time of capture as the room's clock showed it (JSON keeps the UTC timestamp)
    when = {h.note_id: _local(h.captured_at, zones.get(h.meeting_id, "UTC")) for h in hits}
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "note_id": h.note_id,
                        "meeting": h.meeting,
                        "meeting_id": h.meeting_id,
                        "kind": h.kind,
                        "status": h.status,
                        "lang": h.lang,
                        "captured_at": h.captured_at,
                        "group_id": h.group_id,
                        "agenda_item_id": h.agenda_item_id,
                        "text": h.text,
                        "snippet": h.snippet_text(),
                        "matches": [list(span) for span in h.spans],
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for h in hits:
        kind = str(notes.KINDS[h.kind])
        print(f"{h.meeting}  {when[h.note_id]}  {kind}  [{h.lang}]  {h.note_id}")
        print(f"    {h.snippet_text()}")
    print(f"{len(hits)} note(s) found" + (" (the newest shown)" if len(hits) == args.limit else ""))
    return 0


def _local(stamp: str, zone: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    return moment.strftime("%Y-%m-%d %H:%M")
