"""Outcomes (consolidated recommendations and key messages, in numbered sets) and highlights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import records
from .errors import ValidationError
from .i18n import lazy_gettext as N_
from .multilingual import Text
from .store import Workspace
from .taxonomy import check_tag

REGISTERS = {
    "directive": N_("Directive (\u201cshould\u201d)"),
    "cautious": N_("Cautious (\u201cmight consider\u201d)"),
}
KINDS = {"recommendation": N_("Recommendation"), "key_message": N_("Key message")}
STATUSES = ("draft", "reviewed", "final")


@dataclass(frozen=True)
class OutcomeSet:
    id: str
    meeting_id: str
    key: str
    title: Text
    position: int


@dataclass(frozen=True)
class Outcome:
    id: str
    meeting_id: str
    set_id: str | None
    position: int
    kind: str
    lead: Text
    body: Text
    register: str
    status: str
    tags: tuple[str, ...] = ()
    source_note_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Highlight:
    id: str
    meeting_id: str
    position: int
    text: Text
    outcome_id: str | None


def _source_lang(ws: Workspace, meeting_id: str) -> str:
    return str(ws.scalar("SELECT source_lang FROM meetings WHERE id = ?", (meeting_id,)) or "en")


def create_set(
    ws: Workspace, meeting_id: str, key: str, title: Mapping[str, str] | str
) -> OutcomeSet:
    key = records.check_text(key, "set key")
    text = Text(title, _source_lang(ws, meeting_id))
    if not text:
        raise ValidationError("a set of outcomes needs a title")
    if ws.scalar("SELECT 1 FROM outcome_sets WHERE meeting_id = ? AND key = ?", (meeting_id, key)):
        raise ValidationError(f"the meeting already has a set with the key {key!r}")
    with ws.transaction():
        position = records.next_position(ws, "outcome_sets", "meeting_id = ?", (meeting_id,))
        set_id = records.insert(
            ws,
            "outcome_sets",
            {"meeting_id": meeting_id, "key": key, "title": text.to_json(), "position": position},
        )
    return next(s for s in list_sets(ws, meeting_id) if s.id == set_id)


def list_sets(ws: Workspace, meeting_id: str) -> list[OutcomeSet]:
    rows = ws.query(
        "SELECT * FROM outcome_sets WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    )
    return [
        OutcomeSet(r["id"], r["meeting_id"], r["key"], Text.from_json(r["title"]), r["position"])
        for r in rows
    ]


def add_outcome(
    ws: Workspace,
    meeting_id: str,
    *,
    lead: Mapping[str, str] | str,
    body: Mapping[str, str] | str = "",
    set_id: str | None = None,
    kind: str = "recommendation",
    register: str = "directive",
    status: str = "draft",
    tags: Iterable[str] = (),
    source_note_ids: Iterable[str] = (),
) -> Outcome:
    lang = _source_lang(ws, meeting_id)
    lead_text = Text(lead, lang)
    if not lead_text:
        raise ValidationError("an outcome needs a lead sentence")
    records.check_choice(kind, KINDS, "outcome kind")
    records.check_choice(register, REGISTERS, "register")
    records.check_choice(status, STATUSES, "outcome status")
    tags = [check_tag(ws, t) for t in tags]
    sources = list(dict.fromkeys(source_note_ids))
    _check_sources(ws, meeting_id, sources)
    with ws.transaction():
        position = records.next_position(
            ws, "outcomes", "meeting_id = ? AND set_id IS ?", (meeting_id, set_id)
        )
        outcome_id = records.insert(
            ws,
            "outcomes",
            {
                "meeting_id": meeting_id,
                "set_id": set_id,
                "position": position,
                "kind": kind,
                "lead": lead_text.to_json(),
                "body": Text(body, lang).to_json(),
                "register": register,
                "status": status,
            },
        )
        ws.conn.executemany(
            "INSERT INTO outcome_tags(outcome_id, tag) VALUES (?, ?)",
            [(outcome_id, t) for t in tags],
        )
        ws.conn.executemany(
            "INSERT INTO outcome_sources(outcome_id, note_id) VALUES (?, ?)",
            [(outcome_id, n) for n in sources],
        )
    return get_outcome(ws, outcome_id)


def _check_sources(ws: Workspace, meeting_id: str, note_ids: list[str]) -> None:
    for note_id in note_ids:
        if ws.scalar("SELECT meeting_id FROM notes WHERE id = ?", (note_id,)) != meeting_id:
            raise ValidationError(f"source note {note_id} is not a note of this meeting")


def update_outcome(ws: Workspace, outcome_id: str, **fields: object) -> Outcome:
    outcome = get_outcome(ws, outcome_id)
    lang = _source_lang(ws, outcome.meeting_id)
    values: dict[str, object] = {}
    for name, value in fields.items():
        if name in ("lead", "body"):
            values[name] = Text(value, lang).to_json()  # type: ignore[arg-type]
        elif name == "register":
            values[name] = records.check_choice(str(value), REGISTERS, "register")
        elif name == "kind":
            values[name] = records.check_choice(str(value), KINDS, "outcome kind")
        elif name == "status":
            values[name] = records.check_choice(str(value), STATUSES, "outcome status")
        elif name == "set_id":
            values[name] = value
        else:
            raise ValidationError(f"unknown outcome field {name!r}")
    if "lead" in values and not Text.from_json(str(values["lead"])):
        raise ValidationError("an outcome needs a lead sentence")
    with ws.transaction():
        records.update(ws, "outcomes", outcome_id, values)
    return get_outcome(ws, outcome_id)


def delete_outcome(ws: Workspace, outcome_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "outcomes", outcome_id)


def get_outcome(ws: Workspace, outcome_id: str) -> Outcome:
    records.require(ws, "outcomes", outcome_id)
    meeting_id = str(ws.scalar("SELECT meeting_id FROM outcomes WHERE id = ?", (outcome_id,)))
    return next(o for o in list_outcomes(ws, meeting_id) if o.id == outcome_id)


def list_outcomes(ws: Workspace, meeting_id: str, *, set_id: str | None = None) -> list[Outcome]:
    where, params = "o.meeting_id = ?", [meeting_id]
    if set_id is not None:
        where += " AND o.set_id = ?"
        params.append(set_id)
    rows = ws.query(
        "SELECT o.*, (SELECT group_concat(tag, ' ') FROM outcome_tags t WHERE t.outcome_id = o.id) AS tag_list, "
        "(SELECT group_concat(note_id, ' ') FROM outcome_sources s WHERE s.outcome_id = o.id) AS source_list "
        f"FROM outcomes o LEFT JOIN outcome_sets s ON s.id = o.set_id WHERE {where} "
        "ORDER BY s.position IS NULL, s.position, o.position",
        tuple(params),
    )
    return [
        Outcome(
            r["id"],
            r["meeting_id"],
            r["set_id"],
            r["position"],
            r["kind"],
            Text.from_json(r["lead"]),
            Text.from_json(r["body"]),
            r["register"],
            r["status"],
            tuple(sorted((r["tag_list"] or "").split())),
            tuple(sorted((r["source_list"] or "").split())),
        )
        for r in rows
    ]


def add_highlight(
    ws: Workspace, meeting_id: str, text: Mapping[str, str] | str, *, outcome_id: str | None = None
) -> Highlight:
    body = Text(text, _source_lang(ws, meeting_id))
    if not body:
        raise ValidationError("a highlight needs a text")
    with ws.transaction():
        position = records.next_position(ws, "highlights", "meeting_id = ?", (meeting_id,))
        highlight_id = records.insert(
            ws,
            "highlights",
            {
                "meeting_id": meeting_id,
                "position": position,
                "text": body.to_json(),
                "outcome_id": outcome_id,
            },
        )
    return next(h for h in list_highlights(ws, meeting_id) if h.id == highlight_id)


def update_highlight(ws: Workspace, highlight_id: str, text: Mapping[str, str]) -> Highlight:
    row = records.require(ws, "highlights", highlight_id)
    body = Text(text)
    if not body:
        raise ValidationError("a highlight needs a text")
    with ws.transaction():
        records.update(ws, "highlights", highlight_id, {"text": body.to_json()})
    return next(h for h in list_highlights(ws, row["meeting_id"]) if h.id == highlight_id)


def delete_highlight(ws: Workspace, highlight_id: str) -> records.Changes:
    row = records.require(ws, "highlights", highlight_id)
    with ws.transaction():
        changes = records.delete(ws, "highlights", highlight_id)
        records.renumber(ws, "highlights", [h.id for h in list_highlights(ws, row["meeting_id"])])
    return changes


def list_highlights(ws: Workspace, meeting_id: str) -> list[Highlight]:
    rows = ws.query(
        "SELECT * FROM highlights WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    )
    return [
        Highlight(
            r["id"], r["meeting_id"], r["position"], Text.from_json(r["text"]), r["outcome_id"]
        )
        for r in rows
    ]
