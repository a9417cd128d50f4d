"""Commands for the documents: ``report KIND``, ``export all`` and ``check``."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .. import meetings
from ..errors import ValidationError
from ..i18n import LANGUAGES, _, force_locale, language_name
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..reports import KINDS

    report = subparsers.add_parser("report", help="write one document of a meeting as PDF")
    report.add_argument("kind", choices=KINDS, help="which document")
    _common(report)
    report.add_argument("--lang", choices=LANGUAGES, required=True, help="language of the document")
    report.add_argument("-o", "--output", type=Path, required=True, help="PDF file to write")
    report.add_argument(
        "--final",
        action="store_true",
        help="final version: refused while a blocking finding remains",
    )
    report.set_defaults(func=cmd_report)

    from . import subcommand_group  # defined after this module is imported

    exports = subcommand_group(subparsers, "export", "export data to files")
    export = exports.add_parser(
        "all", help="write every document in the chosen languages, and one combined PDF"
    )
    _common(export)
    export.add_argument(
        "--lang", required=True, help="comma-separated languages, e.g. ar,en,es,fr,ru,zh"
    )
    export.add_argument("-o", "--output", type=Path, required=True, help="folder to write into")
    export.add_argument(
        "--final",
        action="store_true",
        help="final versions: refused while a blocking finding remains",
    )
    export.set_defaults(func=cmd_export)

    check = subparsers.add_parser("check", help="check a meeting's documents before export")
    _common(check)
    check.add_argument("--lang", choices=LANGUAGES, required=True, help="language to check")
    check.set_defaults(func=cmd_check)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, required=True, help="workspace file")
    parser.add_argument("--meeting", help="meeting id or short name (optional with one meeting)")


def _languages(raw: str) -> list[str]:
    langs = [part.strip() for part in raw.split(",") if part.strip()]
    unknown = [code for code in langs if code not in LANGUAGES]
    if unknown or not langs:
        raise ValidationError(
            f"unknown language {', '.join(unknown) or '(none)'}; expected some of {', '.join(LANGUAGES)}"
        )
    return langs


def cmd_report(args: argparse.Namespace) -> int:
    from ..reports import build_document

    started = time.perf_counter()
    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        written = build_document(
            ws, meeting.id, args.kind, args.lang, args.output, final=args.final
        )
    state = "final" if args.final else "draft"
    print(
        f"Wrote {written.path} ({args.kind}, {args.lang}, {state}, {written.pages} pages) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..reports import export_all

    langs = _languages(args.lang)
    started = time.perf_counter()
    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        written = export_all(ws, meeting.id, langs, args.output, final=args.final)
    for item in written:
        print(f"{item.path}  {item.pages} pages")
    print(f"Wrote {len(written)} files to {args.output} in {time.perf_counter() - started:.1f} s")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..checks import check
    from ..i18n import format_number

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        report = check(ws, meeting.id, args.lang)
    fig = report.figures
    with force_locale(args.lang):
        print(
            _("Check of {meeting} in {language}:").format(
                meeting=meeting.short_name, language=language_name(args.lang)
            )
        )
        for finding in report.findings:
            mark = _("blocking") if finding.blocking else _("notice")
            print(f"  [{mark}] {finding.message}")
            for example in finding.examples:
                print(f"      - {example}")
        if not report.findings:
            print("  " + _("No findings."))
        print(_("Figures the documents will print:"))
        for line in report.figure_lines():
            print(f"  {line}")
        for region in fig.by_region:
            name = region.name.get_text(args.lang, meeting.source_lang)
            print(f"    {name}  {format_number(region.answered)}/{format_number(region.total)}")
        print(report.verdict())
    return 1 if report.blocking else 0
