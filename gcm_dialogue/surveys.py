"""Pre-meeting surveys: the questionnaire itself, its sections and questions, the template.

Who is asked and how many answered live in ``survey_respondents``; the answers themselves
in ``survey_answers``; question types (how an answer is validated and many are summarised)
in ``survey_fields``.

A check that decides whether a write is allowed (a key already taken, a question already
answered, a condition that depends on a question) runs inside the write's transaction: the
workspace's lock is held from the check to the commit, so an import on a worker thread
cannot write in between.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from . import meetings, records
from .errors import ValidationError
from .i18n import gettext as _
from .multilingual import Text
from .store import Workspace
from .survey_fields import QUESTION_TYPES, field_of, question_type


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


# -- surveys --------------------------------------------------------------------------------


def create_survey(
    ws: Workspace,
    meeting_id: str,
    *,
    title: Mapping[str, str] | str,
    intro: Mapping[str, str] | str = "",
    invited_on: str | None = None,
    deadline: str | None = None,
) -> Survey:
    with ws.transaction():
        lang = meetings.source_lang(ws, meeting_id)
        title = Text(title, lang)
        if not title:
            raise ValidationError("a survey needs a title")
        for value, what in ((invited_on, "invitation date"), (deadline, "deadline")):
            if value is not None:
                records.check_date(value, what)
        _check_dates(invited_on, deadline)
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


def update_survey(ws: Workspace, survey_id: str, **changes: object) -> Survey:
    """Change title, intro (texts by language, merged), invited_on or deadline."""
    with ws.transaction():
        survey = get_survey(ws, survey_id)
        lang = meetings.source_lang(ws, survey.meeting_id)
        values: dict[str, object] = {}
        for name in ("title", "intro"):
            if name in changes:
                merged = Text(
                    {**getattr(survey, name), **_raw_texts(changes.pop(name), lang)}, lang
                )
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
        _check_dates(
            values.get("invited_on", survey.invited_on),  # type: ignore[arg-type]
            values.get("deadline", survey.deadline),  # type: ignore[arg-type]
        )
        records.update(ws, "surveys", survey_id, values)
        return get_survey(ws, survey_id)


def delete_survey(ws: Workspace, survey_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "surveys", survey_id)


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


# -- sections -------------------------------------------------------------------------------


def add_section(ws: Workspace, survey_id: str, title: Mapping[str, str] | str) -> Section:
    with ws.transaction():
        survey = get_survey(ws, survey_id)
        text = Text(title, meetings.source_lang(ws, survey.meeting_id))
        if not text:
            raise ValidationError("a section needs a title")
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


def update_section(ws: Workspace, section_id: str, title: Mapping[str, str] | str) -> Section:
    with ws.transaction():
        row = records.require(ws, "survey_sections", section_id)
        survey = get_survey(ws, row["survey_id"])
        lang = meetings.source_lang(ws, survey.meeting_id)
        merged = {**Text.from_json(row["title"]), **_raw_texts(title, lang)}
        text = Text({k: v for k, v in merged.items() if v.strip()}, lang)
        if not text:
            raise ValidationError("a section needs a title")
        records.update(ws, "survey_sections", section_id, {"title": text.to_json()})
        return next(s for s in list_sections(ws, survey.id) if s.id == section_id)


def delete_section(ws: Workspace, section_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "survey_sections", section_id)


# -- questions ------------------------------------------------------------------------------


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
    with ws.transaction():
        section = records.require(ws, "survey_sections", section_id)
        survey = get_survey(ws, section["survey_id"])
        lang = meetings.source_lang(ws, survey.meeting_id)
        key = check_key(key)
        _check_key_free(ws, survey.id, key)
        text = Text(title, lang)
        if not text:
            raise ValidationError("a question needs a text")
        option_rows = _option_rows(options, lang)
        question_type(type, option_rows, config).check_definition()
        _check_condition(ws, survey.id, show_if, None)
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


def section_question_ids(ws: Workspace, section_id: str) -> list[str]:
    """The ids of the questions of one section."""
    return [
        r["id"]
        for r in ws.query("SELECT id FROM survey_questions WHERE section_id = ?", (section_id,))
    ]


def update_question(ws: Workspace, question_id: str, **changes: object) -> Question:
    """Change a question: key, type, title/help (texts by language, merged; an empty text
    removes that language), options (the whole list), config, required, show_if.

    Once the question has answers its type cannot change nor an option be removed.
    """
    with ws.transaction():
        question = get_question(ws, question_id)
        survey = get_survey(ws, question.survey_id)
        lang = meetings.source_lang(ws, survey.meeting_id)
        values: dict[str, object] = {}
        if "key" in changes:
            key = str(changes.pop("key")).strip()
            if key != question.key:
                key = check_key(key)
                _check_key_free(ws, survey.id, key)
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
        records.update(ws, "survey_questions", question_id, values)
        return get_question(ws, question_id)


def delete_question(ws: Workspace, question_id: str) -> records.Changes:
    """Delete a question (and its answers); refused while another question depends on it."""
    with ws.transaction():
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
        return records.delete(ws, "survey_questions", question_id)


def move_question(ws: Workspace, question_id: str, delta: int) -> Question:
    """Move a question up (-1) or down (+1) within its section."""
    with ws.transaction():
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
        records.renumber(ws, "survey_questions", ids)
        moved = {q.key: q for q in list_questions(ws, question.survey_id)}
        order = list(moved)
        for q in moved.values():
            if q.show_if and order.index(q.show_if["question"]) > order.index(q.key):
                raise ValidationError(
                    f"{q.key} depends on {q.show_if['question']}, which must come before it"
                )
        return get_question(ws, question_id)


def question_type_names() -> list[str]:
    return list(QUESTION_TYPES)


KEY_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")


def check_key(key: str) -> str:
    """A question key as imports and conditions name it: a short identifier."""
    key = (key or "").strip()
    if not KEY_PATTERN.fullmatch(key):
        raise ValidationError(
            _(
                "“{key}” cannot be a question key: use a letter, then letters, digits or _ "
                "(at most 40, no spaces), e.g. q1 or has_practices"
            ).format(key=key)
        )
    return key


def _check_dates(invited_on: str | None, deadline: str | None) -> None:
    if invited_on and deadline and date.fromisoformat(deadline) < date.fromisoformat(invited_on):
        raise ValidationError(
            _("the deadline ({deadline}) comes before the invitation date ({invited})").format(
                deadline=deadline, invited=invited_on
            )
        )


def _check_key_free(ws: Workspace, survey_id: str, key: str) -> None:
    """Call inside the transaction that writes the key."""
    if ws.scalar(
        "SELECT 1 FROM survey_questions WHERE survey_id = ? AND key = ?", (survey_id, key)
    ):
        raise ValidationError(f"the survey already has a question with the key {key!r}")


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
    """Call inside the transaction that writes the condition."""
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


# -- templates ------------------------------------------------------------------------------

TEMPLATES = {"grcp7": "templates/grcp7_survey.json"}


def create_from_template(
    ws: Workspace, meeting_id: str, template: str = "grcp7", *, invite: bool = True
) -> Survey:
    """A new survey with a template's sections and questions (and the entities invited)."""
    from . import survey_respondents  # it builds on this module
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
            survey_respondents.invite_entities(ws, survey.id)
    return survey
