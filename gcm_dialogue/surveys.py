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

from . import meetings, records
from .clock import utc_now
from .errors import ValidationError
from .mechanisms import ENTITY_KINDS
from .multilingual import Text
from .store import Workspace
from .survey_fields import QUESTION_TYPES, field_of, question_type

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


def create_survey(
    ws: Workspace,
    meeting_id: str,
    *,
    title: Mapping[str, str] | str,
    intro: Mapping[str, str] | str = "",
    invited_on: str | None = None,
    deadline: str | None = None,
) -> Survey:
    lang = meetings.source_lang(ws, meeting_id)
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
    text = Text(title, meetings.source_lang(ws, survey.meeting_id))
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
    lang = meetings.source_lang(ws, survey.meeting_id)
    key = records.check_text(key, "question key")
    if ws.scalar(
        "SELECT 1 FROM survey_questions WHERE survey_id = ? AND key = ?", (survey.id, key)
    ):
        raise ValidationError(f"the survey already has a question with the key {key!r}")
    text = Text(title, lang)
    if not text:
        raise ValidationError("a question needs a text")
    option_rows = _option_rows(options, lang)
    question_type(type, option_rows, config).check_definition()
    _check_condition(ws, survey.id, show_if, None)
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
                "type": type,
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
        "SELECT * FROM survey_respondents WHERE survey_id = ? ORDER BY rowid", (survey_id,)
    )
    return [_respondent(r) for r in rows]


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
    """
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(f"unknown question key(s): {', '.join(sorted(unknown))}")
    clean: dict[str, object] = {}
    for key, value in answers.items():
        kind = field_of(questions[key])
        if kind.is_empty(value):
            clean[key] = None
            continue
        try:
            clean[key] = kind.validate(value)
        except ValidationError as exc:
            raise ValidationError(f"{key}: {exc}") from None
    merged = {**(earlier or {}), **clean}
    merged = {k: v for k, v in merged.items() if v is not None}
    for key, question in questions.items():
        shown = is_shown(question, merged)
        if not shown and key in merged:
            condition = question.show_if or {}
            raise ValidationError(
                f"{key}: only asked when {condition.get('question')} is "
                f"{json.dumps(condition.get('equals'), ensure_ascii=False)}"
            )
        if submitted and shown and question.required and key not in merged:
            raise ValidationError(f"{key}: an answer is required")
    return clean


def write_answers(
    ws: Workspace,
    respondent_id: str,
    questions: Mapping[str, Question],
    clean: Mapping[str, object],
    *,
    replace: bool = False,
) -> None:
    """Store checked answers (see ``check_answers``); call inside a transaction."""
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
    """
    respondent = get_respondent(ws, respondent_id)
    questions = {q.key: q for q in list_questions(ws, respondent.survey_id)}
    earlier = {} if replace else answers_of(ws, respondent_id)
    clean = check_answers(questions, answers, earlier=earlier, submitted=submitted)
    if submitted_on is not None:
        records.check_date(submitted_on, "submission date")
    with ws.transaction():
        write_answers(ws, respondent_id, questions, clean, replace=replace)
        if submitted and any(v is not None for v in clean.values()):
            values: dict[str, object] = {"status": "answered"}
            if submitted_on is not None:
                values["submitted_on"] = submitted_on
            records.update(ws, "survey_respondents", respondent_id, values)
    return sum(1 for v in clean.values() if v is not None)


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
        "LEFT JOIN participants p ON p.id = r.participant_id WHERE r.survey_id = ? ORDER BY r.rowid",
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


# -- the questionnaire: editing -------------------------------------------------------------


def _raw_texts(value: object, lang: str) -> dict[str, str]:
    """Texts by language as given, empty ones kept (they remove that language)."""
    if isinstance(value, Mapping):
        return {str(k): str(v or "").strip() for k, v in value.items()}
    return {lang: str(value or "").strip()}


def _option_rows(options: Iterable[Mapping], lang: str) -> list[dict]:
    rows = []
    for option in options:
        key = str(option.get("key") or "").strip()
        if not key:
            raise ValidationError("every option needs a key")
        label = Text(option.get("label") or key, lang)
        rows.append({"key": key, "label": dict(label)})
    if len({o["key"] for o in rows}) != len(rows):
        raise ValidationError("option keys must be unique within a question")
    return rows


def _check_condition(
    ws: Workspace, survey_id: str, show_if: Mapping | None, question_id: str | None
) -> None:
    if show_if is None:
        return
    earlier = {q.key: q for q in list_questions(ws, survey_id)}
    if question_id is not None:  # only questions before this one
        keys = list(earlier)
        own = next((q.key for q in earlier.values() if q.id == question_id), None)
        if own is not None:
            earlier = {k: earlier[k] for k in keys[: keys.index(own)]}
    target = earlier.get(show_if.get("question"))
    if target is None:
        raise ValidationError(
            f"the condition names an unknown earlier question {show_if.get('question')!r}"
        )
    if "equals" not in show_if:
        raise ValidationError('a condition reads {"question": key, "equals": value}')
    kind = field_of(target)
    try:
        value = show_if["equals"]
        if target.type == "multiple_choice":
            kind.validate([value])
        else:
            kind.validate(value)
    except ValidationError as exc:
        raise ValidationError(f"the condition's value does not fit {target.key}: {exc}") from None


def update_survey(ws: Workspace, survey_id: str, **changes: object) -> Survey:
    """Change title, intro (texts by language, merged), invited_on or deadline."""
    survey = get_survey(ws, survey_id)
    lang = meetings.source_lang(ws, survey.meeting_id)
    values: dict[str, object] = {}
    for name in ("title", "intro"):
        if name in changes:
            merged = Text({**getattr(survey, name), **_raw_texts(changes.pop(name), lang)}, lang)
            merged = Text({k: v for k, v in merged.items() if v.strip()}, lang)
            if name == "title" and not merged:
                raise ValidationError("a survey needs a title")
            values[name] = merged.to_json()
    for name, what in (("invited_on", "invitation date"), ("deadline", "deadline")):
        if name in changes:
            value = changes.pop(name)
            values[name] = None if not value else records.check_date(str(value), what)
    if changes:
        raise ValidationError(f"cannot change {', '.join(sorted(changes))} of a survey")
    with ws.transaction():
        records.update(ws, "surveys", survey_id, values)
    return get_survey(ws, survey_id)


def update_section(ws: Workspace, section_id: str, title: Mapping[str, str] | str) -> Section:
    row = records.require(ws, "survey_sections", section_id)
    survey = get_survey(ws, row["survey_id"])
    lang = meetings.source_lang(ws, survey.meeting_id)
    merged = {**Text.from_json(row["title"]), **_raw_texts(title, lang)}
    text = Text({k: v for k, v in merged.items() if v.strip()}, lang)
    if not text:
        raise ValidationError("a section needs a title")
    with ws.transaction():
        records.update(ws, "survey_sections", section_id, {"title": text.to_json()})
    return next(s for s in list_sections(ws, survey.id) if s.id == section_id)


def delete_section(ws: Workspace, section_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "survey_sections", section_id)


def update_question(ws: Workspace, question_id: str, **changes: object) -> Question:
    """Change a question: key, type, title/help (texts by language, merged; an empty text
    removes that language), options (the whole list), config, required, show_if."""
    question = get_question(ws, question_id)
    survey = get_survey(ws, question.survey_id)
    lang = meetings.source_lang(ws, survey.meeting_id)
    values: dict[str, object] = {}
    if "key" in changes:
        key = records.check_text(str(changes.pop("key")), "question key")
        if key != question.key and ws.scalar(
            "SELECT 1 FROM survey_questions WHERE survey_id = ? AND key = ?", (survey.id, key)
        ):
            raise ValidationError(f"the survey already has a question with the key {key!r}")
        values["key"] = key
    for name in ("title", "help"):
        if name in changes:
            merged = {**getattr(question, name), **_raw_texts(changes.pop(name), lang)}
            text = Text({k: v for k, v in merged.items() if v.strip()}, lang)
            if name == "title" and not text:
                raise ValidationError("a question needs a text")
            values[name] = text.to_json()
    new_type = str(changes.pop("type", question.type))
    options = _option_rows(changes.pop("options", question.options), lang)
    config = dict(changes.pop("config", question.config) or {})  # type: ignore[arg-type]
    question_type(new_type, options, config).check_definition()
    values.update(
        type=new_type,
        options=json.dumps(options, ensure_ascii=False),
        config=json.dumps(config, ensure_ascii=False),
    )
    if "required" in changes:
        values["required"] = int(bool(changes.pop("required")))
    if "show_if" in changes:
        show_if = changes.pop("show_if")
        _check_condition(ws, survey.id, show_if, question_id)  # type: ignore[arg-type]
        values["show_if"] = None if show_if is None else json.dumps(dict(show_if))  # type: ignore[arg-type]
    if changes:
        raise ValidationError(f"cannot change {', '.join(sorted(changes))} of a question")
    answered = ws.scalar(
        "SELECT count(*) FROM survey_answers WHERE question_id = ?", (question_id,)
    )
    removed = {o["key"] for o in question.options} - {o["key"] for o in options}
    if answered and (new_type != question.type or removed):
        raise ValidationError(
            "the question has answers: its type cannot change nor answered options be removed"
        )
    with ws.transaction():
        records.update(ws, "survey_questions", question_id, values)
    return get_question(ws, question_id)


def delete_question(ws: Workspace, question_id: str) -> records.Changes:
    question = get_question(ws, question_id)
    dependent = [
        q.key
        for q in list_questions(ws, question.survey_id)
        if q.show_if and q.show_if.get("question") == question.key
    ]
    if dependent:
        raise ValidationError(
            f"{', '.join(dependent)} is shown depending on {question.key}; change that first"
        )
    with ws.transaction():
        return records.delete(ws, "survey_questions", question_id)


def move_question(ws: Workspace, question_id: str, delta: int) -> Question:
    """Move a question up (-1) or down (+1) within its section."""
    question = get_question(ws, question_id)
    ids = [
        r["id"]
        for r in ws.query(
            "SELECT id FROM survey_questions WHERE section_id = ? ORDER BY position",
            (question.section_id,),
        )
    ]
    index = ids.index(question_id)
    target = max(0, min(len(ids) - 1, index + delta))
    if target == index:
        return question
    ids.insert(target, ids.pop(index))
    with ws.transaction():
        records.renumber(ws, "survey_questions", ids)
        moved = {q.key: q for q in list_questions(ws, question.survey_id)}
        order = list(moved)
        for q in moved.values():
            if q.show_if and order.index(q.show_if["question"]) > order.index(q.key):
                raise ValidationError(
                    f"{q.key} depends on {q.show_if['question']}, which must come before it"
                )
    return get_question(ws, question_id)


# -- respondents ----------------------------------------------------------------------------


def update_respondent(ws: Workspace, respondent_id: str, **changes: object) -> Respondent:
    """Change status, invited_on, deadline, submitted_by or submitted_on."""
    get_respondent(ws, respondent_id)
    values: dict[str, object] = {}
    if "status" in changes:
        values["status"] = records.check_choice(
            str(changes.pop("status")), STATUSES, "respondent status"
        )
    for name, what in (
        ("invited_on", "invitation date"),
        ("deadline", "deadline"),
        ("submitted_on", "submission date"),
    ):
        if name in changes:
            value = changes.pop(name)
            values[name] = None if not value else records.check_date(str(value), what)
    if "submitted_by" in changes:
        values["submitted_by"] = str(changes.pop("submitted_by") or "").strip()
    if changes:
        raise ValidationError(f"cannot change {', '.join(sorted(changes))} of a respondent")
    with ws.transaction():
        records.update(ws, "survey_respondents", respondent_id, values)
    return get_respondent(ws, respondent_id)


def add_reminder(ws: Workspace, respondent_id: str, on: str) -> Respondent:
    """Note a reminder sent on a date; a respondent who has not answered becomes "reminded"."""
    respondent = get_respondent(ws, respondent_id)
    on = records.check_date(on, "reminder date")
    if on in respondent.reminders:
        raise ValidationError(f"a reminder on {on} is already noted")
    values: dict[str, object] = {"reminders": json.dumps(sorted([*respondent.reminders, on]))}
    if respondent.status == "invited":
        values["status"] = "reminded"
    with ws.transaction():
        records.update(ws, "survey_respondents", respondent_id, values)
    return get_respondent(ws, respondent_id)


def remind_all(ws: Workspace, survey_id: str, on: str) -> list[str]:
    """Note a reminder for everyone who has not answered yet; returns their ids."""
    on = records.check_date(on, "reminder date")
    waiting = [
        r.id
        for r in list_respondents(ws, survey_id)
        if r.status in ("invited", "reminded") and on not in r.reminders
    ]
    with ws.transaction():
        for respondent_id in waiting:
            add_reminder(ws, respondent_id, on)
    return waiting


def remove_respondent(ws: Workspace, respondent_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "survey_respondents", respondent_id)


def invite_entities(
    ws: Workspace, survey_id: str, kinds: Iterable[str] = ENTITY_KINDS
) -> list[str]:
    """Put every mechanism of these kinds on the list (one consolidated answer each)."""
    kinds = list(kinds)
    rows = ws.query(
        f"SELECT id FROM mechanisms WHERE kind IN ({','.join('?' * len(kinds))}) "
        "AND id NOT IN (SELECT mechanism_id FROM survey_respondents WHERE survey_id = ? "
        "AND mechanism_id IS NOT NULL) ORDER BY acronym COLLATE NOCASE",
        (*kinds, survey_id),
    )
    with ws.transaction():
        return [add_respondent(ws, survey_id, mechanism_id=r["id"]).id for r in rows]


def invite_participants(ws: Workspace, survey_id: str, participant_ids: Iterable[str]) -> list[str]:
    ids = []
    with ws.transaction():
        for pid in participant_ids:
            records.require(ws, "participants", pid)
            if not ws.scalar(
                "SELECT 1 FROM survey_respondents WHERE survey_id = ? AND participant_id = ?",
                (survey_id, pid),
            ):
                ids.append(add_respondent(ws, survey_id, participant_id=pid).id)
    return ids


@dataclass(frozen=True)
class RespondentInfo:
    """What lists show about a respondent: its name, kind and regions."""

    id: str
    label: str  # acronym of an entity, full name of a participant
    name: Text  # an entity's name, by language
    kind: str  # rcp, irf, global, reo, unrc, other, or "participant"
    regions: tuple[str, ...]
    status: str
    mechanism_id: str | None
    participant_id: str | None
    email: str
    reminders: tuple[str, ...]
    invited_on: str | None
    deadline: str | None
    submitted_on: str | None


def respondent_infos(ws: Workspace, survey_id: str) -> list[RespondentInfo]:
    """Every respondent with its name, kind and regions (a participant's are its entity's)."""
    order = {r["code"]: r["position"] for r in ws.query("SELECT code, position FROM regions")}
    regions_of: dict[str, list[str]] = {}
    for r in ws.query("SELECT mechanism_id, region FROM mechanism_regions"):
        regions_of.setdefault(r["mechanism_id"], []).append(r["region"])
    for codes in regions_of.values():
        codes.sort(key=lambda c: order.get(c, 99))
    rows = ws.query(
        "SELECT r.id, r.mechanism_id, r.participant_id, r.status, r.reminders, r.invited_on, "
        "r.deadline, r.submitted_on, m.acronym, m.name AS mname, m.kind, p.given_name, "
        "p.family_name, p.email, p.mechanism_id AS pmechanism "
        "FROM survey_respondents r LEFT JOIN mechanisms m ON m.id = r.mechanism_id "
        "LEFT JOIN participants p ON p.id = r.participant_id "
        "WHERE r.survey_id = ? ORDER BY r.rowid",
        (survey_id,),
    )
    infos = []
    for r in rows:
        if r["mechanism_id"]:
            label, name, kind = r["acronym"], Text.from_json(r["mname"]), r["kind"]
            regions = regions_of.get(r["mechanism_id"], ())
        else:
            label = " ".join(p for p in (r["given_name"], r["family_name"]) if p)
            name, kind = Text(label), "participant"
            regions = regions_of.get(r["pmechanism"], ()) if r["pmechanism"] else ()
        reminders = r["reminders"]
        infos.append(
            RespondentInfo(
                r["id"],
                label,
                name,
                kind,
                tuple(regions),
                r["status"],
                r["mechanism_id"],
                r["participant_id"],
                r["email"] or "",
                () if reminders == "[]" else tuple(json.loads(reminders)),
                r["invited_on"],
                r["deadline"],
                r["submitted_on"],
            )
        )
    return infos


def non_respondents_by_region(ws: Workspace, survey_id: str) -> dict[str, list[RespondentInfo]]:
    """Those who have not answered, under each of their regions (every region listed)."""
    result: dict[str, list[RespondentInfo]] = {
        r["code"]: [] for r in ws.query("SELECT code FROM regions ORDER BY position")
    }
    for info in respondent_infos(ws, survey_id):
        if info.status != "answered":
            for region in info.regions or ("",):
                result.setdefault(region, []).append(info)
    return result


# -- templates ------------------------------------------------------------------------------

TEMPLATES = {"grcp7": "templates/grcp7_survey.json"}


def create_from_template(
    ws: Workspace, meeting_id: str, template: str = "grcp7", *, invite: bool = True
) -> Survey:
    """A new survey with a template's sections and questions (and the entities invited)."""
    from .paths import RESOURCES

    if template not in TEMPLATES:
        raise ValidationError(f"unknown survey template {template!r}")
    spec = json.loads((RESOURCES / TEMPLATES[template]).read_text(encoding="utf-8"))
    with ws.transaction():
        survey = create_survey(ws, meeting_id, title=spec["title"], intro=spec.get("intro", {}))
        for section_spec in spec["sections"]:
            section = add_section(ws, survey.id, section_spec["title"])
            for q in section_spec["questions"]:
                add_question(
                    ws,
                    section.id,
                    key=q["key"],
                    type=q["type"],
                    title=q["title"],
                    help=q.get("help") or {},
                    options=q.get("options", []),
                    config=q.get("config") or {},
                    required=bool(q.get("required")),
                    show_if=q.get("show_if"),
                )
        if invite:
            invite_entities(ws, survey.id)
    return survey


def question_type_names() -> list[str]:
    return list(QUESTION_TYPES)


def resolve_survey(ws: Workspace, meeting_id: str, ref: str | None) -> Survey:
    """A meeting's survey by id, number (1 = the first created) or title; the only one if None."""
    found = list_surveys(ws, meeting_id)
    if not found:
        raise ValidationError("the meeting has no survey")
    if ref is None:
        if len(found) > 1:
            raise ValidationError(
                f"the meeting has {len(found)} surveys; choose one with --survey (1 to {len(found)})"
            )
        return found[0]
    ref = ref.strip()
    if ref.isdigit() and 1 <= int(ref) <= len(found):
        return found[int(ref) - 1]
    for survey in found:
        if survey.id == ref or any(ref.casefold() == t.casefold() for t in survey.title.values()):
            return survey
    matches = [
        s for s in found if any(t.casefold().startswith(ref.casefold()) for t in s.title.values())
    ]
    if len(matches) == 1:
        return matches[0]
    raise ValidationError(f"no survey {ref!r} in this meeting")
