"""A respondent's answers to a survey: which questions are asked, checking, storing, reading.

Answers are stored by question, one JSON value each, in the shape their question type gives
them (see ``survey_fields``). ``set_answers`` is the one call that checks and stores a
respondent's answers; ``check_answers`` and ``write_answers`` are its two halves, for an
import that checks many rows before writing them in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from . import records, surveys
from .clock import utc_now
from .errors import ValidationError
from .i18n import list_separator
from .store import Workspace
from .survey_fields import field_of
from .survey_respondents import get_respondent
from .surveys import Question


def is_shown(question: Question, answers: Mapping[str, object]) -> bool:
    """Whether a conditional question is asked, given the earlier answers by key."""
    condition = question.show_if
    if not condition:
        return True
    given = answers.get(condition.get("question"))
    wanted = condition.get("equals")
    if isinstance(given, list):
        return wanted in given
    return given == wanted


def check_answers(
    questions: Mapping[str, Question],
    answers: Mapping[str, object],
    *,
    earlier: Mapping[str, object] | None = None,
    submitted: bool = True,
) -> dict[str, object]:
    """Answers by key, validated by their question types; None for an answer to remove.

    ``earlier`` are the answers already stored (kept unless replaced). A question hidden by
    its condition may not be answered; a required one must be, once the answers are submitted.
    Raises ValidationError with every problem found (see ``answer_problems``).
    """
    clean, problems = _checked(questions, answers, earlier, submitted)
    if problems:
        raise ValidationError(list_separator().join(problems))
    return clean


def answer_problems(
    questions: Mapping[str, Question],
    answers: Mapping[str, object],
    *,
    earlier: Mapping[str, object] | None = None,
    submitted: bool = True,
) -> list[str]:
    """Every reason ``check_answers`` would refuse these answers, in question order."""
    return _checked(questions, answers, earlier, submitted)[1]


def _checked(
    questions: Mapping[str, Question],
    answers: Mapping[str, object],
    earlier: Mapping[str, object] | None,
    submitted: bool,
) -> tuple[dict[str, object], list[str]]:
    problems: list[str] = []
    unknown = set(answers) - set(questions)
    if unknown:
        problems.append(f"unknown question key(s): {', '.join(sorted(unknown))}")
    clean: dict[str, object] = {}
    for key, value in answers.items():
        if key in unknown:
            continue
        kind = field_of(questions[key])
        if kind.is_empty(value):
            clean[key] = None
            continue
        try:
            clean[key] = kind.validate(value)
        except ValidationError as exc:
            problems.append(f"{key}: {exc}")
    merged = {**(earlier or {}), **clean}
    merged = {k: v for k, v in merged.items() if v is not None}
    for key, question in questions.items():
        shown = is_shown(question, merged)
        if not shown and key in merged:
            condition = question.show_if or {}
            problems.append(
                f"{key}: only asked when {condition.get('question')} is "
                f"{json.dumps(condition.get('equals'), ensure_ascii=False)}"
            )
        if submitted and shown and question.required and key not in merged:
            problems.append(f"{key}: an answer is required")
    return clean, problems


def write_answers(
    ws: Workspace,
    respondent_id: str,
    questions: Mapping[str, Question],
    clean: Mapping[str, object],
    *,
    replace: bool = False,
) -> None:
    """Store checked answers (see ``check_answers``); call inside the transaction in which
    ``questions`` were read and the answers checked."""
    now = utc_now()
    if replace:
        ws.conn.execute("DELETE FROM survey_answers WHERE respondent_id = ?", (respondent_id,))
    ws.conn.executemany(
        "INSERT INTO survey_answers(respondent_id, question_id, value, updated_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        [
            (respondent_id, questions[k].id, json.dumps(v, ensure_ascii=False), now)
            for k, v in clean.items()
            if v is not None
        ],
    )
    removed = [questions[k].id for k, v in clean.items() if v is None]
    if removed and not replace:
        ws.conn.executemany(
            "DELETE FROM survey_answers WHERE respondent_id = ? AND question_id = ?",
            [(respondent_id, qid) for qid in removed],
        )


def set_answers(
    ws: Workspace,
    respondent_id: str,
    answers: Mapping[str, object],
    *,
    submitted: bool = True,
    replace: bool = False,
    submitted_on: str | None = None,
) -> int:
    """Store answers by question key for one respondent; returns how many were written.

    Each answer is validated by its question's type; an empty answer removes a stored one.
    ``replace`` drops the answers not given. ``submitted`` marks the respondent as answered.
    The questions and the answers already stored are read in the transaction that writes.
    """
    with ws.transaction():
        respondent = get_respondent(ws, respondent_id)
        questions = {q.key: q for q in surveys.list_questions(ws, respondent.survey_id)}
        earlier = {} if replace else answers_of(ws, respondent_id)
        clean = check_answers(questions, answers, earlier=earlier, submitted=submitted)
        if submitted_on is not None:
            records.check_date(submitted_on, "submission date")
        write_answers(ws, respondent_id, questions, clean, replace=replace)
        if submitted and any(v is not None for v in clean.values()):
            values: dict[str, object] = {"status": "answered"}
            if submitted_on is not None:
                values["submitted_on"] = submitted_on
            records.update(ws, "survey_respondents", respondent_id, values)
    return sum(1 for v in clean.values() if v is not None)


def answers_of(ws: Workspace, respondent_id: str) -> dict[str, object]:
    """A respondent's stored answers by question key."""
    rows = ws.query(
        "SELECT q.key, a.value FROM survey_answers a JOIN survey_questions q ON q.id = a.question_id "
        "WHERE a.respondent_id = ?",
        (respondent_id,),
    )
    return {r["key"]: json.loads(r["value"]) for r in rows}
