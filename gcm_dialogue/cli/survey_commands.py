"""Survey commands: ``survey-results`` and ``import responses``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# A command's services are imported when it runs: the application builds this parser at
# every start.
from .. import meetings
from ..errors import ValidationError
from ..store import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    from . import subcommand_group  # defined after this module is imported

    results = subparsers.add_parser(
        "survey-results", help="print a survey's results: rates by region, counts, recurrences"
    )
    results.add_argument("--db", type=Path, required=True, help="workspace file")
    results.add_argument("--meeting", help="meeting id or short name")
    results.add_argument("--survey", help="survey id, number (1 = first) or title")
    results.add_argument(
        "--region",
        action="append",
        metavar="CODE",
        help="only respondents of this region (repeatable)",
    )
    results.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only this kind of respondent: rcp, irf, global, reo, unrc, other, participant",
    )
    results.add_argument(
        "--recurrence",
        type=float,
        default=0.5,
        help="share of respondents above which a recommendation is recurrent (0.5)",
    )
    results.add_argument("--json", action="store_true", help="print every figure as JSON")
    results.set_defaults(func=cmd_results)

    imports = subcommand_group(subparsers, "import", "import data from CSV or XLSX files")
    command = imports.add_parser(
        "responses",
        help="import survey answers exported by LimeSurvey, Kobo, Google or Microsoft Forms",
    )
    command.add_argument("--db", type=Path, required=True, help="workspace file")
    command.add_argument("--meeting", help="meeting id or short name")
    command.add_argument("--survey", help="survey id, number (1 = first) or title")
    command.add_argument("file", type=Path, metavar="FILE", help="CSV or XLSX file")
    command.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help='JSON file {"column": "respondent" | "q:KEY" | ...}; guessed if absent',
    )
    command.set_defaults(func=cmd_import_responses)


def cmd_results(args: argparse.Namespace) -> int:
    from .. import surveys
    from ..survey_results import kind_label, survey_results, text_of

    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        survey = surveys.resolve_survey(ws, meeting.id, args.survey)
        results = survey_results(
            ws, survey.id, regions=args.region, kinds=args.kind, recurrence=args.recurrence
        )
    if args.json:
        print(results.to_json())
        return 0
    labels = {r.id: r.label for r in results.respondents}
    print(text_of(results.title, "en", meeting.source_lang))
    o = results.overall
    print(f"Answered: {o.answered} of {o.total} ({o.percent:g} %)")
    for row in results.by_region:
        name = text_of(row.name, "en") or "No region"
        missing = ", ".join(labels[i] for i in row.missing_ids) or "-"
        print(f"  {name}: {row.answered} of {row.total}; not answered: {missing}")
    for row in results.by_kind:
        print(f"  {kind_label(row.code)}: {row.answered} of {row.total}")
    for lst in results.lists:
        p = lst.priorities
        recurrent = ", ".join(lst.overall.recurrent_elements) or "-"
        common = ", ".join(p.elements_in_all) or "-"
        print(
            f"{lst.key}: {lst.overall.items} items from {lst.overall.contributors} respondents; "
            f"recurrent elements: {recurrent}; recurrent in every region: {common}"
        )
    return 0


def cmd_import_responses(args: argparse.Namespace) -> int:
    from .. import surveys
    from ..survey_import import import_file

    mapping = None
    if args.mapping is not None:
        try:
            mapping = json.loads(args.mapping.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationError(f"{args.mapping}: not a readable JSON mapping ({exc})") from None
        if not isinstance(mapping, dict):
            raise ValidationError(f"{args.mapping}: a mapping is a JSON object of column: target")
    with open_workspace(args.db, create=False) as ws:
        meeting = meetings.resolve_meeting(ws, args.meeting)
        survey = surveys.resolve_survey(ws, meeting.id, args.survey)
        plan, result = import_file(ws, survey.id, args.file, mapping)

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    print(
        f"Imported the answers of {plural(result.written, 'respondent')} "
        f"({result.added_to_list} added to the list, {result.replaced} replaced)"
    )
    if plan.unmapped_questions:
        print(f"No column for: {', '.join(plan.unmapped_questions)}")
    if result.problems:
        print(f"{plural(len(result.problems), 'row')} could not be read:")
        for problem in result.problems:
            print(f"  row {problem.row} ({problem.respondent or '?'}): {problem.reason}")
    return 0
