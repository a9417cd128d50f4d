"""Commands about whole workspaces: ``demo``, ``generate``, ``meetings``."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from .. import meetings
from ..errors import WorkspaceError
from ..i18n import gettext as _
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo", help="write the demo workspace (a GRCP 7-like meeting, filled in)"
    )
    demo.add_argument("--db", type=Path, required=True, help="workspace file to create")
    demo.set_defaults(func=cmd_demo)

    generate = subparsers.add_parser(
        "generate", help="write a synthetic workspace for performance checks"
    )
    generate.add_argument("--db", type=Path, required=True, help="workspace file to create")
    generate.add_argument("--scale", choices=("small", "large"), default="large")
    generate.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    generate.set_defaults(func=cmd_generate)

    listing = subparsers.add_parser("meetings", help="list the meetings of a workspace")
    listing.add_argument("--db", type=Path, required=True, help="workspace file")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(func=cmd_meetings)


def _must_be_new(path: Path) -> None:
    # Building into an existing workspace would mix a second demo into real work.
    if path.exists() and path.stat().st_size > 0:
        raise WorkspaceError(_("{path}: already exists; give a new file name").format(path=path))


def cmd_demo(args: argparse.Namespace) -> int:
    from ..demo import build_demo

    _must_be_new(args.db)
    started = time.perf_counter()
    meeting = build_demo(args.db)
    print(
        _("Wrote the demo meeting {meeting} to {path} in {seconds} s").format(
            meeting=meeting.short_name,
            path=args.db,
            seconds=f"{time.perf_counter() - started:.1f}",
        )
    )
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    from ..generate import SCALES, generate_workspace

    _must_be_new(args.db)
    started = time.perf_counter()
    counts = generate_workspace(args.db, SCALES[args.scale], seed=args.seed)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    print(
        _("Wrote {path} ({summary}) in {seconds} s").format(
            path=args.db, summary=summary, seconds=f"{time.perf_counter() - started:.1f}"
        )
    )
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    with open_workspace(args.db, create=False) as ws:
        found = meetings.list_meetings(ws)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": m.id,
                        "short_name": m.short_name,
                        "title": m.title.get_text(m.source_lang, m.source_lang),
                        "start_date": m.start_date,
                        "end_date": m.end_date,
                        "venue": m.venue.get_text(m.source_lang, m.source_lang),
                        "source_lang": m.source_lang,
                        "chatham_house": m.chatham_house,
                    }
                    for m in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not found:
        print(_("No meetings in this workspace."))
    for m in found:
        print(
            f"{m.id}  {m.short_name:<12} {m.start_date} – {m.end_date}  {m.title_in(m.source_lang)}"
        )
    return 0
