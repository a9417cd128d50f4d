"""Pre-meeting surveys: sections, questions, respondents and their answers.

This module stores them and computes response rates; question types (how an answer is
validated and many are summarised) live with the survey feature built on it.
Respondents are entities (one consolidated answer per mechanism, REO or UN commission) or
individual participants. An entity in several regions is counted in each.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import records
from .clock import utc_now
from .errors import ValidationError
from .multilingual import Text
from .store import Workspace

STATUSES = ("invited", "reminded", "answered", "declined")


@dataclass(frozen=True)
class Survey:
    id: str
    meeting_id: str
    title: Text
    intro: Text
    invited_on: str | None
    deadline: str | None


@dataclass(frozen=True)
class Section:
    id: str
    survey_id: str
    position: int
    title: Text


@dataclass(frozen=True)
class Question:
    id: str
    survey_id: str
    section_id: str
    position: int
    key: str
    type: str
    title: Text
    help: Text
    options: tuple[dict, ...]
    config: dict
    required: bool
    show_if: dict | None


@dataclass(frozen=True)
class Respondent:
    id: str
    survey_id: str
    mechanism_id: str | None
    participant_id: str | None
    status: str
    invited_on: str | None
    deadline: str | None
    reminders: tuple[str, ...]
    submitted_by: str
    submitted_on: str | None


def _source_lang(ws: Workspace, meeting_id: str) -> str:
    return str(ws.scalar("SELECT source_lang FROM meetings WHERE id = ?", (meeting_id,)) or "en")


def create_survey(
    ws: Workspace,
    meeting_id: str,
    *,
    title: Mapping[str, str] | str,
    intro: Mapping[str, str] | str = "",
    invited_on: str | None = None,
    deadline: str | None = None,
) -> Survey:
    lang = _source_lang(ws, meeting_id)
    title = Text(title, lang)
    if not title:
        raise ValidationError("a survey needs a title")
    for value, what in ((invited_on, "invitation date"), (deadline, "deadline")):
        if value is not None:
            records.check_date(value, what)
    with ws.transaction():
        survey_id = records.insert(
            ws,
            "surveys",
            {
                "meeting_id": meeting_id,
                "title": title.to_json(),
                "intro": Text(intro, lang).to_json(),
                "invited_on": invited_on,
                "deadline": deadline,
            },
        )
    return get_survey(ws, survey_id)


def get_survey(ws: Workspace, survey_id: str) -> Survey:
    r = records.require(ws, "surveys", survey_id)
    return Survey(
        r["id"],
        r["meeting_id"],
        Text.from_json(r["title"]),
        Text.from_json(r["intro"]),
        r["invited_on"],
        r["deadline"],
    )


def list_surveys(ws: Workspace, meeting_id: str) -> list[Survey]:
    ids = [
        r["id"]
        for r in ws.query(
            "SELECT id FROM surveys WHERE meeting_id = ? ORDER BY created_at", (meeting_id,)
        )
    ]
    return [get_survey(ws, i) for i in ids]


def delete_survey(ws: Workspace, survey_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "surveys", survey_id)


def add_section(ws: Workspace, survey_id: str, title: Mapping[str, str] | str) -> Section:
    survey = get_survey(ws, survey_id)
    text = Text(title, _source_lang(ws, survey.meeting_id))
    if not text:
        raise ValidationError("a section needs a title")
    with ws.transaction():
        position = records.next_position(ws, "survey_sections", "survey_id = ?", (survey_id,))
        section_id = records.insert(
            ws,
            "survey_sections",
            {"survey_id": survey_id, "position": position, "title": text.to_json()},
        )
    return next(s for s in list_sections(ws, survey_id) if s.id == section_id)


def list_sections(ws: Workspace, survey_id: str) -> list[Section]:
    rows = ws.query(
        "SELECT * FROM survey_sections WHERE survey_id = ? ORDER BY position", (survey_id,)
    )
    return [
        Section(r["id"], r["survey_id"], r["position"], Text.from_json(r["title"])) for r in rows
    ]


def add_question(
    ws: Workspace,
    section_id: str,
    *,
    key: str,
    type: str,
    title: Mapping[str, str] | str,
    help: Mapping[str, str] | str = "",
    options: Iterable[Mapping] = (),
    config: Mapping | None = None,
    required: bool = False,
    show_if: Mapping | None = None,
) -> Question:
    section = records.require(ws, "survey_sections", section_id)
    survey = get_survey(ws, section["survey_id"])
    lang = _source_lang(ws, survey.meeting_id)
    key = records.check_text(key, "question key")
    if ws.scalar(
        "SELECT 1 FROM survey_questions WHERE survey_id = ? AND key = ?", (survey.id, key)
    ):
        raise ValidationError(f"the survey already has a question with the key {key!r}")
    text = Text(title, lang)
    if not text:
        raise ValidationError("a question needs a text")
    option_rows = [{"key": str(o["key"]), "label": dict(Text(o["label"], lang))} for o in options]
    if len({o["key"] for o in option_rows}) != len(option_rows):
        raise ValidationError("option keys must be unique within a question")
    if show_if is not None and not ws.scalar(
        "SELECT 1 FROM survey_questions WHERE survey_id = ? AND key = ?",
        (survey.id, show_if.get("question")),
    ):
        raise ValidationError(
            f"the condition names an unknown earlier question {show_if.get('question')!r}"
        )
    with ws.transaction():
        position = records.next_position(ws, "survey_questions", "section_id = ?", (section_id,))
        question_id = records.insert(
            ws,
            "survey_questions",
            {
                "survey_id": survey.id,
                "section_id": section_id,
                "position": position,
                "key": key,
                "type": records.check_text(type, "question type"),
                "title": text.to_json(),
                "help": Text(help, lang).to_json(),
                "options": json.dumps(option_rows, ensure_ascii=False),
                "config": json.dumps(dict(config or {}), ensure_ascii=False),
                "required": int(required),
                "show_if": None if show_if is None else json.dumps(dict(show_if)),
            },
        )
    return get_question(ws, question_id)


def _question(r: Mapping) -> Question:
    return Question(
        r["id"],
        r["survey_id"],
        r["section_id"],
        r["position"],
        r["key"],
        r["type"],
        Text.from_json(r["title"]),
        Text.from_json(r["help"]),
        tuple(json.loads(r["options"])),
        json.loads(r["config"]),
        bool(r["required"]),
        json.loads(r["show_if"]) if r["show_if"] else None,
    )


def get_question(ws: Workspace, question_id: str) -> Question:
    return _question(records.require(ws, "survey_questions", question_id))


def list_questions(ws: Workspace, survey_id: str) -> list[Question]:
    rows = ws.query(
        "SELECT q.* FROM survey_questions q JOIN survey_sections s ON s.id = q.section_id "
        "WHERE q.survey_id = ? ORDER BY s.position, q.position",
        (survey_id,),
    )
    return [_question(r) for r in rows]


def add_respondent(
    ws: Workspace,
    survey_id: str,
    *,
    mechanism_id: str | None = None,
    participant_id: str | None = None,
    status: str = "invited",
    invited_on: str | None = None,
    deadline: str | None = None,
    reminders: Iterable[str] = (),
    submitted_by: str = "",
    submitted_on: str | None = None,
) -> Respondent:
    if (mechanism_id is None) == (participant_id is None):
        raise ValidationError("a respondent is either an entity or a participant")
    records.check_choice(status, STATUSES, "respondent status")
    reminders = [records.check_date(d, "reminder date") for d in reminders]
    survey = get_survey(ws, survey_id)
    column, value = (
        ("mechanism_id", mechanism_id) if mechanism_id else ("participant_id", participant_id)
    )
    if ws.scalar(
        f"SELECT 1 FROM survey_respondents WHERE survey_id = ? AND {column} = ?", (survey_id, value)
    ):
        raise ValidationError("that respondent is already on the survey's list")
    with ws.transaction():
        respondent_id = records.insert(
            ws,
            "survey_respondents",
            {
                "survey_id": survey_id,
                "mechanism_id": mechanism_id,
                "participant_id": participant_id,
                "status": status,
                "invited_on": invited_on or survey.invited_on,
                "deadline": deadline or survey.deadline,
                "reminders": json.dumps(reminders),
                "submitted_by": submitted_by,
                "submitted_on": submitted_on,
            },
        )
    return get_respondent(ws, respondent_id)


def _respondent(r: Mapping) -> Respondent:
    return Respondent(
        r["id"],
        r["survey_id"],
        r["mechanism_id"],
        r["participant_id"],
        r["status"],
        r["invited_on"],
        r["deadline"],
        tuple(json.loads(r["reminders"])),
        r["submitted_by"],
        r["submitted_on"],
    )


def get_respondent(ws: Workspace, respondent_id: str) -> Respondent:
    return _respondent(records.require(ws, "survey_respondents", respondent_id))


def list_respondents(ws: Workspace, survey_id: str) -> list[Respondent]:
    rows = ws.query(
        "SELECT * FROM survey_respondents WHERE survey_id = ? ORDER BY created_at, id", (survey_id,)
    )
    return [_respondent(r) for r in rows]


def set_answers(
    ws: Workspace, respondent_id: str, answers: Mapping[str, object], *, submitted: bool = True
) -> int:
    """Store answers by question key for one respondent; returns how many were written."""
    respondent = get_respondent(ws, respondent_id)
    by_key = {q.key: q.id for q in list_questions(ws, respondent.survey_id)}
    unknown = set(answers) - set(by_key)
    if unknown:
        raise ValidationError(f"unknown question key(s): {', '.join(sorted(unknown))}")
    now = utc_now()
    with ws.transaction():
        ws.conn.executemany(
            "INSERT INTO survey_answers(respondent_id, question_id, value, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [
                (respondent_id, by_key[k], json.dumps(v, ensure_ascii=False), now)
                for k, v in answers.items()
            ],
        )
        if submitted and answers:
            records.update(ws, "survey_respondents", respondent_id, {"status": "answered"})
    return len(answers)


def answers_of(ws: Workspace, respondent_id: str) -> dict[str, object]:
    rows = ws.query(
        "SELECT q.key, a.value FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id "
        "WHERE a.respondent_id = ?",
        (respondent_id,),
    )
    return {r["key"]: json.loads(r["value"]) for r in rows}


@dataclass
class Rate:
    """How many of a group of respondents answered, and who did not."""

    answered: int = 0
    total: int = 0
    answered_ids: list[str] = field(default_factory=list)
    missing_ids: list[str] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def add(self, respondent_id: str, has_answered: bool) -> None:
        self.total += 1
        if has_answered:
            self.answered += 1
            self.answered_ids.append(respondent_id)
        else:
            self.missing_ids.append(respondent_id)


@dataclass
class ResponseRates:
    overall: Rate
    by_region: dict[str, Rate]
    by_kind: dict[str, Rate]


def response_rates(ws: Workspace, survey_id: str) -> ResponseRates:
    """Overall, per region (an entity counted in each of its regions) and per entity kind."""
    regions = [r["code"] for r in ws.query("SELECT code FROM regions ORDER BY position")]
    rows = ws.query(
        "SELECT r.id, r.status, m.kind, p.id AS pid, "
        "(SELECT group_concat(region) FROM mechanism_regions mr WHERE mr.mechanism_id = r.mechanism_id) AS regions "
        "FROM survey_respondents r LEFT JOIN mechanisms m ON m.id = r.mechanism_id "
        "LEFT JOIN participants p ON p.id = r.participant_id WHERE r.survey_id = ? ORDER BY r.created_at, r.id",
        (survey_id,),
    )
    rates = ResponseRates(Rate(), {code: Rate() for code in regions}, {})
    for row in rows:
        done = row["status"] == "answered"
        rates.overall.add(row["id"], done)
        for region in (row["regions"] or "").split(","):
            if region:
                rates.by_region[region].add(row["id"], done)
        kind = row["kind"] or "participant"
        rates.by_kind.setdefault(kind, Rate()).add(row["id"], done)
    return rates
