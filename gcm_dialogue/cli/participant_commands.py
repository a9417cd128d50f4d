"""Commands about participants: ``import participants`` and ``export participants``."""

from __future__ import annotations

import argparse
from pathlib import Path

# A command's services are imported when it runs: the application builds this parser at
# every start.
from .. import meetings
from ..i18n import gettext as _
from ..i18n import ngettext
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    from .. import participant_export
    from . import subcommand_group  # defined after this module is imported

    imports = subcommand_group(subparsers, "import", "import data from CSV or XLSX files")
    command = imports.add_parser(
        "participants",
        help="import a registration list (CSV or XLSX); people already there are updated",
    )
    command.add_argument("--db", type=Path, required=True, help="workspace file")
    command.add_argument("--meeting", help="meeting id or short name (the participants join it)")
    command.add_argument("file", type=Path, metavar="FILE", help="CSV or XLSX file")
    command.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help='JSON file {"column header": "field"}; by default the headers are recognised '
        "(English, French, Spanish) or the mapping remembered for this shape of file is used",
    )
    command.set_defaults(func=cmd_import)

    exports = subcommand_group(subparsers, "export", "export data to files")
    command = exports.add_parser("participants", help="write the participant list as CSV or XLSX")
    command.add_argument("--db", type=Path, required=True, help="workspace file")
    command.add_argument("--meeting", help="meeting id or short name")
    command.add_argument("--format", choices=participant_export.FORMATS, required=True)
    command.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    command.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from .. import participant_import

    mapping = participant_import.read_mapping_file(args.mapping) if args.mapping else None
    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        result = participant_import.import_file(
            ws, args.file, meeting_id=meeting.id, mapping=mapping
        )
    print(
        _("{added} added, {updated} updated, {unchanged} unchanged, {rejected} rejected").format(
            added=len(result.added),
            updated=len(result.updated),
            unchanged=len(result.unchanged),
            rejected=len(result.rejected),
        )
    )
    for row_number, reason in result.rejected:
        print("  " + _("row {row}: rejected: {reason}").format(row=row_number, reason=reason))
    if result.undecided:
        n = len(result.undecided)
        print(
            ngettext(
                "{count} possible duplicate to review in the Participants view (Find duplicates)",
                "{count} possible duplicates to review in the Participants view (Find duplicates)",
                n,
            ).format(count=n)
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .. import participant_export

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        count = participant_export.export_participants(
            ws, args.output, args.format, meeting_id=meeting.id
        )
    print(
        ngettext(
            "Wrote {count} participant to {path}", "Wrote {count} participants to {path}", count
        ).format(count=count, path=args.output)
    )
    return 0
