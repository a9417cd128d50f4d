"""Importing a survey's answers from an online survey tool's export (CSV or XLSX).

LimeSurvey, KoboToolbox, Google Forms and Microsoft Forms all export one row per respondent
and one column per question, or per sub-question (an option of a multiple choice, a place
of a ranking, a field of a list item). A mapping says which column holds what:

- ``respondent``: who answered (an entity's acronym or name, a participant's e-mail or name);
- ``submitted_on``: the submission date (any ISO date or date-time, kept as the date);
- ``q:KEY``: the whole answer to question KEY, as the tool writes it in one cell;
- ``q:KEY:OPTION``: one option of a multiple choice (ticked when "Y", "1", "yes" or the
  option's own label), or the rank of an option in a ranking ("1", "2", ...);
- ``q:KEY:N:FIELD``: a field (text, elements, practice_type, countries, link) of item N of a
  list question;
- ``""`` (or absent): the column is ignored.

``plan_import`` reads the file against a mapping and returns a preview: the rows that will
be written and those that cannot be read, each with its reason. ``apply_import`` writes the
good rows in one transaction, and remembers the mapping for the next file of that shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import records, survey_answers, survey_respondents, surveys, tabular
from .errors import ValidationError
from .i18n import format_date, list_separator
from .i18n import gettext as _
from .multilingual import Text
from .participants import join_name
from .store import Workspace
from .survey_fields import LIST_FIELDS, YES, field_of, parse_elements

MAPPING_KIND = "responses"
RESPONDENT, SUBMITTED_ON = "respondent", "submitted_on"
RESPONDENT_HEADERS = (
    "respondent",
    "entity",
    "mechanism",
    "acronym",
    "organisation",
    "organization",
    "email",
    "e-mail",
    "email address",
    "adresse e-mail",
    "correo electrónico",
    "name",
    "nom",
    "nombre",
    "iscm",
    "mcie",
)
DATE_HEADERS = (
    "submitdate",
    "date submitted",
    "timestamp",
    "horodateur",
    "marca temporal",
    "completion time",
    "heure de fin",
    "_submission_time",
    "end",
    "submitted on",
)


@dataclass
class RowProblem:
    row: int  # the spreadsheet's row number (the header is row 1)
    respondent: str
    reason: str


@dataclass
class PlannedRow:
    row: int
    respondent_id: str | None  # None: a known entity or participant not yet on the list
    mechanism_id: str | None
    participant_id: str | None
    label: str
    answers: dict[str, object]
    submitted_on: str | None
    replaces: bool  # the respondent had answers already


@dataclass
class ImportPlan:
    survey_id: str
    path: Path
    headers: list[str]
    mapping: dict[str, str]
    encoding: str
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)  # mapped but not in the file
    unmapped_questions: list[str] = field(default_factory=list)  # question keys no column feeds
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing_columns and bool(self.rows)


@dataclass
class ImportResult:
    written: int
    added_to_list: int
    replaced: int
    problems: list[RowProblem]


def read_responses(path: str | Path) -> tabular.Table:
    return tabular.read_table(path)


# -- the mapping ----------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[\s_:.?*]+", " ", text).split()).casefold()


def targets(ws: Workspace, survey_id: str) -> dict[str, str]:
    """Every target a column may map to, with a readable description (English)."""
    out = {RESPONDENT: "Respondent", SUBMITTED_ON: "Submission date"}
    for q in surveys.list_questions(ws, survey_id):
        title = q.title.get_text("en")
        out[f"q:{q.key}"] = f"{q.key}: {title}"
        if q.type in ("multiple_choice", "ranking"):
            for option in q.options:
                label = Text(option["label"]).get_text("en")
                out[f"q:{q.key}:{option['key']}"] = f"{q.key} [{label}]"
    return out


def suggest_mapping(
    ws: Workspace,
    survey_id: str,
    headers: list[str],
    rows: Sequence[Sequence[str]] | None = None,
) -> dict[str, str]:
    """A remembered mapping for this shape of file, or one guessed from the headers; with
    ``rows``, a column whose cells name known entities or participants (the GRCP
    questionnaire's "name of the mechanism") is taken as the respondent when no header says so.
    """
    remembered = tabular.load_mapping(ws, MAPPING_KIND, headers)
    if remembered is not None:
        valid = set(targets(ws, survey_id))
        kept = {h: t for h, t in remembered.items() if _valid_target(t, valid)}
        if any(kept.values()):
            return {h: kept.get(h, "") for h in headers}
    questions = surveys.list_questions(ws, survey_id)
    by_key = {_norm(q.key): q for q in questions}
    by_title = {}
    for q in questions:
        for text in q.title.values():
            by_title.setdefault(_norm(text), q)
    mapping: dict[str, str] = {}
    for header in headers:
        mapping[header] = _guess(header, by_key, by_title)
    if RESPONDENT not in mapping.values():
        for header in headers:
            if _norm(header) in RESPONDENT_HEADERS and not mapping[header]:
                mapping[header] = RESPONDENT
                break
    if RESPONDENT not in mapping.values() and rows:
        column = _respondent_column(ws, survey_id, headers, rows)
        if column is not None:
            mapping[column] = RESPONDENT
    if SUBMITTED_ON not in mapping.values():
        for header in headers:
            if _norm(header) in DATE_HEADERS and not mapping[header]:
                mapping[header] = SUBMITTED_ON
                break
    return mapping


def _respondent_column(
    ws: Workspace, survey_id: str, headers: list[str], rows: Sequence[Sequence[str]]
) -> str | None:
    """The first text column in which most filled cells (at least two) name a known entity or
    participant."""
    matcher = _Matcher(ws, survey_id)
    sample = rows[:200]
    for index, header in enumerate(headers):
        cells = [r[index].strip() for r in sample if index < len(r) and r[index].strip()]
        if len(cells) < 2 or all(c.replace(".", "").isdigit() for c in cells):
            continue
        found = sum(1 for c in cells if matcher.find(c) is not None)
        if found * 2 > len(cells):
            return header
    return None


def _valid_target(target: str, valid: set[str]) -> bool:
    if not target or target in valid:
        return True
    parts = target.split(":")
    return len(parts) == 4 and ":".join(parts[:2]) in valid


def _guess(header: str, by_key: dict, by_title: dict) -> str:
    text = header.strip()
    # LimeSurvey "q3[SQ001]" or "Title [Option]"; KoboToolbox "group/q3/option".
    sub = None
    match = re.match(r"^(.*?)\s*\[([^\]]+)\]\s*$", text)
    if match:
        text, sub = match.group(1), match.group(2)
    elif "/" in text:
        parts = [p for p in text.split("/") if p]
        candidates = [p for p in parts if _norm(p) in by_key]
        if candidates:
            index = parts.index(candidates[-1])
            text = candidates[-1]
            sub = "/".join(parts[index + 1 :]) or None
    question = by_key.get(_norm(text)) or by_title.get(_norm(text))
    if question is None and match is None:
        # LimeSurvey's "Q. Title" full-text export: "3. Title"
        question = by_title.get(_norm(re.sub(r"^\S+\.\s+", "", text)))
    if question is None:
        return ""
    if sub is None:
        return f"q:{question.key}"
    if question.type in ("multiple_choice", "ranking"):
        kind = field_of(question)
        try:
            return f"q:{question.key}:{kind.option_for(sub)}"
        except ValidationError:
            if question.type == "ranking" and re.fullmatch(r"\d+", sub.strip()):
                return ""  # LimeSurvey ranking "q[1]": the option in that place; not mapped
            return ""
    if question.type == "list":
        m = re.match(r"^\D*(\d+)\D*?[_ ]?(text|elements|practice_type|countries|link)?$", sub, re.I)
        if m:
            return f"q:{question.key}:{int(m.group(1))}:{(m.group(2) or 'text').lower()}"
    return ""


def check_mapping(ws: Workspace, survey_id: str, mapping: Mapping[str, str]) -> None:
    known = {q.key: q for q in surveys.list_questions(ws, survey_id)}
    targets_seen: dict[str, str] = {}
    for header, target in mapping.items():
        if not target:
            continue
        if target in targets_seen and target != "":
            raise ValidationError(
                f"the columns {targets_seen[target]!r} and {header!r} both map to {target}"
            )
        targets_seen[target] = header
        if target in (RESPONDENT, SUBMITTED_ON):
            continue
        parts = target.split(":")
        if parts[0] != "q" or len(parts) < 2 or parts[1] not in known:
            raise ValidationError(f"column {header!r}: unknown target {target!r}")
        q = known[parts[1]]
        if len(parts) == 3:
            if (
                q.type not in ("multiple_choice", "ranking")
                or parts[2] not in field_of(q).option_keys
            ):
                raise ValidationError(f"column {header!r}: {q.key} has no option {parts[2]!r}")
        elif len(parts) == 4:
            if q.type != "list" or not parts[2].isdigit() or parts[3] not in LIST_FIELDS:
                raise ValidationError(
                    f"column {header!r}: {target!r} is not a field of a list item"
                )
        elif len(parts) != 2:
            raise ValidationError(f"column {header!r}: unknown target {target!r}")
    if RESPONDENT not in targets_seen:
        raise ValidationError("no column says who answered: map one to the respondent")


# -- reading the rows -----------------------------------------------------------------------


class _Matcher:
    """Finds the respondent a cell names: on the list first, then any entity or participant."""

    def __init__(self, ws: Workspace, survey_id: str) -> None:
        self.names: dict[str, tuple[str | None, str | None, str | None, str]] = {}
        for info in survey_respondents.respondent_infos(ws, survey_id):
            entry = (info.id, info.mechanism_id, info.participant_id, info.label)
            for name in (info.label, *info.name.values(), info.email):
                if name:
                    self.names.setdefault(_norm(name), entry)
        for r in ws.query("SELECT id, acronym, name FROM mechanisms"):
            entry = (None, r["id"], None, r["acronym"])
            for name in (r["acronym"], *Text.from_json(r["name"]).values()):
                self.names.setdefault(_norm(name), entry)
        for r in ws.query("SELECT id, given_name, family_name, email FROM participants"):
            full = join_name(r["given_name"], r["family_name"])
            entry = (None, None, r["id"], full)
            for name in (r["email"], full):
                if name:
                    self.names.setdefault(_norm(name), entry)

    def find(self, cell: str) -> tuple[str | None, str | None, str | None, str] | None:
        return self.names.get(_norm(cell))


def _date_of(text: str) -> str | None:
    """A submission date: ISO (2026-04-03, with or without a time) or day and month in either
    order with the year last when only one order makes a date (25/04/2026, 4/25/2026); a date
    like 03/04/2026, which may be 3 April or 4 March, is refused."""
    text = text.strip()
    if not text:
        return None
    match = re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])", text)
    if match:
        y, m, d = (int(g) for g in match.groups())
    else:
        match = re.match(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:$|[T\s,])", text)
        if not match:
            raise ValidationError(f"{text!r} is not a date")
        first, second, y = (int(g) for g in match.groups())
        if first <= 12 and second <= 12 and first != second:
            raise ValidationError(
                _("“{text}” may be {day_first} or {month_first}: write dates as YYYY-MM-DD").format(
                    text=text,
                    day_first=_safe_date(y, second, first),
                    month_first=_safe_date(y, first, second),
                )
            )
        d, m = (first, second) if second <= 12 else (second, first)
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        raise ValidationError(f"{text!r} is not a date") from None


def _safe_date(y: int, m: int, d: int) -> str:
    try:
        return format_date(date(y, m, d), "long")
    except ValueError:
        return f"{y:04d}-{m:02d}-{d:02d}"


def plan_import(
    ws: Workspace, survey_id: str, table: tabular.Table, mapping: Mapping[str, str]
) -> ImportPlan:
    """Read every row against the mapping; nothing is written."""
    surveys.get_survey(ws, survey_id)
    mapping = {h: t for h, t in mapping.items() if t}
    plan = ImportPlan(
        survey_id,
        table.path,
        list(table.headers),
        dict(mapping),
        table.encoding,
        notes=list(table.notes),
    )
    plan.missing_columns = [h for h in mapping if h not in table.headers]
    if plan.missing_columns:
        return plan
    check_mapping(ws, survey_id, mapping)
    questions = {q.key: q for q in surveys.list_questions(ws, survey_id)}
    kinds = {k: field_of(q) for k, q in questions.items()}
    fed = {t.split(":")[1] for t in mapping.values() if t.startswith("q:")}
    plan.unmapped_questions = [k for k in questions if k not in fed]
    respondent_col = next(h for h, t in mapping.items() if t == RESPONDENT)
    date_col = next((h for h, t in mapping.items() if t == SUBMITTED_ON), None)
    index = {h: i for i, h in enumerate(table.headers)}
    matcher = _Matcher(ws, survey_id)
    stored = {
        r["respondent_id"]
        for r in ws.query(
            "SELECT DISTINCT a.respondent_id FROM survey_answers a JOIN survey_respondents r "
            "ON r.id = a.respondent_id WHERE r.survey_id = ?",
            (survey_id,),
        )
    }
    seen: dict[tuple, int] = {}
    width = len(table.headers)
    for offset, raw in enumerate(table.rows):
        number = table.first_row_number + offset
        cells = (raw + [""] * width)[:width]
        if not any(c.strip() for c in cells):
            continue
        who = cells[index[respondent_col]].strip()
        reasons: list[str] = []
        found = None
        if any("\ufffd" in c for c in cells):
            reasons.append("unreadable characters (the file's encoding is wrong)")
        if not who:
            reasons.append("no respondent named")
        else:
            found = matcher.find(who)
            if found is None:
                reasons.append(f"no entity or participant called {who!r}")
            elif (found[1], found[2]) in seen:
                reasons.append(f"{found[3]} already answered on row {seen[(found[1], found[2])]}")
        answers, answer_reasons = _row_answers(cells, index, mapping, questions, kinds)
        reasons.extend(answer_reasons)
        if not answers and not answer_reasons:
            reasons.append("no answer in this row")
        elif answers:  # a required answer in a cell that could not be read is not also missing
            reasons.extend(
                survey_answers.answer_problems(questions, answers, submitted=not answer_reasons)
            )
        submitted_on = None
        if date_col:
            try:
                submitted_on = _date_of(cells[index[date_col]])
            except ValidationError as exc:
                reasons.append(str(exc))
        if reasons or found is None:
            plan.problems.append(RowProblem(number, who, list_separator().join(reasons)))
            continue
        respondent_id, mechanism_id, participant_id, label = found
        seen[(mechanism_id, participant_id)] = number
        plan.rows.append(
            PlannedRow(
                number,
                respondent_id,
                mechanism_id,
                participant_id,
                label,
                answers,
                submitted_on,
                respondent_id in stored,
            )
        )
    return plan


def _row_answers(cells, index, mapping, questions, kinds) -> tuple[dict[str, object], list[str]]:  # noqa: ANN001
    """The answers of one row, and every reason a cell of it cannot be read."""
    answers: dict[str, object] = {}
    reasons: list[str] = []
    picked: dict[str, list[str]] = {}
    ranks: dict[str, list[tuple[int, str]]] = {}
    items: dict[str, dict[int, dict]] = {}
    for header, target in mapping.items():
        if not target.startswith("q:"):
            continue
        text = cells[index[header]].strip()
        parts = target.split(":")
        key = parts[1]
        kind = kinds[key]
        try:
            if len(parts) == 2:
                value = kind.from_cell(text) if text else None
                if value is not None:
                    answers[key] = value
            elif len(parts) == 3:
                option = parts[2]
                if questions[key].type == "ranking":
                    if text:
                        if not text.isdigit():
                            raise ValidationError(f"{text!r} is not a place in the ranking")
                        ranks.setdefault(key, []).append((int(text), option))
                elif text and (text.casefold() in YES or _is_label(kind, option, text)):
                    picked.setdefault(key, []).append(option)
                elif text and text.casefold() not in ("n", "no", "0", "false", "non"):
                    raise ValidationError(f"{text!r} is neither ticked nor empty")
                else:
                    picked.setdefault(key, [])
            else:
                if text:
                    item = items.setdefault(key, {}).setdefault(int(parts[2]), {})
                    item[parts[3]] = parse_elements(text) if parts[3] == "elements" else text
        except ValidationError as exc:
            reasons.append(f"column {header!r}: {exc}")
    for key, options in picked.items():
        if options:
            answers[key] = options
    for key, placed in ranks.items():
        places = [p for p, _ in placed]
        if len(set(places)) != len(places):
            reasons.append(f"{key}: two options share a place in the ranking")
            continue
        answers[key] = [option for _place, option in sorted(placed)]
    for key, numbered in items.items():
        answers[key] = [numbered[n] for n in sorted(numbered)]
    return answers, reasons


def _is_label(kind, option: str, text: str) -> bool:  # noqa: ANN001
    try:
        return kind.option_for(text) == option
    except ValidationError:
        return False


# -- writing --------------------------------------------------------------------------------


def apply_import(
    ws: Workspace,
    plan: ImportPlan,
    *,
    remember: bool = True,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportResult:
    """Write the readable rows of a plan in one transaction (all or nothing)."""
    if plan.missing_columns:
        raise ValidationError(
            f"the file has no column {', '.join(repr(c) for c in plan.missing_columns)}"
        )
    if not plan.rows:
        raise ValidationError("no row of the file could be read; nothing was imported")
    added = replaced = 0
    total = len(plan.rows)
    with ws.transaction():
        # Read in the transaction that writes: the questions may have changed since the plan.
        questions = {q.key: q for q in surveys.list_questions(ws, plan.survey_id)}
        for done, row in enumerate(plan.rows):
            respondent_id = row.respondent_id
            if respondent_id is not None:  # the plan found it on the list: still there?
                records.require(ws, "survey_respondents", respondent_id)
            else:
                respondent_id = survey_respondents.add_respondent(
                    ws,
                    plan.survey_id,
                    mechanism_id=row.mechanism_id,
                    participant_id=row.participant_id,
                ).id
                added += 1
            clean = survey_answers.check_answers(questions, row.answers, submitted=True)
            survey_answers.write_answers(ws, respondent_id, questions, clean, replace=True)
            values: dict[str, object] = {"status": "answered"}
            if row.submitted_on:
                values["submitted_on"] = row.submitted_on
            records.update(ws, "survey_respondents", respondent_id, values)
            replaced += int(row.replaces)
            if progress is not None and done % 100 == 0 and not progress(done, total):
                raise ValidationError("the import was cancelled; nothing was imported")
        if remember:
            tabular.save_mapping(ws, MAPPING_KIND, plan.headers, plan.mapping)
    return ImportResult(total, added, replaced, list(plan.problems))


def import_file(
    ws: Workspace, survey_id: str, path: str | Path, mapping: Mapping[str, str] | None = None
) -> tuple[ImportPlan, ImportResult]:
    """Read, plan and write in one go (the CLI); the mapping is guessed when not given."""
    table = read_responses(path)
    if mapping is None:
        mapping = suggest_mapping(ws, survey_id, table.headers, table.rows)
    plan = plan_import(ws, survey_id, table, mapping)
    return plan, apply_import(ws, plan)
