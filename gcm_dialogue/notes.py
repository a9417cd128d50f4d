"""Rapporteur notes: points captured in a session or a breakout group, tagged and reviewed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import records
from .clock import utc_now
from .errors import ValidationError
from .i18n import LANGUAGES
from .i18n import lazy_gettext as N_
from .store import Workspace
from .taxonomy import check_tag

KINDS = {
    "point": N_("Point"),
    "key_message": N_("Key message"),
    "recommendation": N_("Recommendation"),
    "good_practice": N_("Good practice"),
    "common_principle": N_("Common principle"),
    "question": N_("Question"),
    "quote": N_("Quote"),
}
STATUSES = {"draft": N_("Draft"), "reviewed": N_("Reviewed"), "final": N_("Final")}


@dataclass(frozen=True)
class Note:
    id: str
    meeting_id: str
    agenda_item_id: str | None
    group_id: str | None
    text: str
    lang: str
    kind: str
    status: str
    attribution_participant_id: str | None
    attribution_mechanism_id: str | None
    author: str
    captured_at: str
    status_by: str
    status_at: str | None
    tags: tuple[str, ...] = ()


def _from_row(row: Mapping, tags: tuple[str, ...]) -> Note:
    names = Note.__dataclass_fields__.keys() - {"tags"}
    return Note(**{name: row[name] for name in names}, tags=tags)


def _check(ws: Workspace, meeting_id: str, values: Mapping[str, object]) -> None:
    if "text" in values:
        records.check_text(str(values["text"]), "a note's text")
    if "lang" in values:
        records.check_choice(str(values["lang"]), LANGUAGES, "note language")
    if "kind" in values:
        records.check_choice(str(values["kind"]), KINDS, "note kind")
    if "status" in values:
        records.check_choice(str(values["status"]), STATUSES, "note status")
    for column, table in (("agenda_item_id", "agenda_items"), ("group_id", "breakout_groups")):
        target = values.get(column)
        if (
            target
            and ws.scalar(f"SELECT meeting_id FROM {table} WHERE id = ?", (target,)) != meeting_id
        ):
            raise ValidationError(
                f"the note's {column.removesuffix('_id').replace('_', ' ')} is not of this meeting"
            )
    attributed = values.get("attribution_participant_id") or values.get("attribution_mechanism_id")
    if attributed and ws.scalar("SELECT chatham_house FROM meetings WHERE id = ?", (meeting_id,)):
        raise ValidationError(
            "the meeting is under the Chatham House rule: notes carry no attribution"
        )


def add_note(
    ws: Workspace,
    meeting_id: str,
    text: str,
    *,
    lang: str,
    kind: str = "point",
    agenda_item_id: str | None = None,
    group_id: str | None = None,
    tags: Iterable[str] = (),
    status: str = "draft",
    attribution_participant_id: str | None = None,
    attribution_mechanism_id: str | None = None,
    author: str = "",
    captured_at: str | None = None,
) -> Note:
    values = {
        "meeting_id": meeting_id,
        "text": text.strip(),
        "lang": lang,
        "kind": kind,
        "status": status,
        "agenda_item_id": agenda_item_id,
        "group_id": group_id,
        "attribution_participant_id": attribution_participant_id,
        "attribution_mechanism_id": attribution_mechanism_id,
        "author": author,
        "captured_at": captured_at or utc_now(),
    }
    _check(ws, meeting_id, values)
    tags = [check_tag(ws, tag) for tag in tags]
    with ws.transaction():
        note_id = records.insert(ws, "notes", values)
        _write_tags(ws, note_id, tags)
    return get_note(ws, note_id)


def update_note(
    ws: Workspace, note_id: str, *, tags: Iterable[str] | None = None, **fields: object
) -> Note:
    allowed = {
        "text",
        "lang",
        "kind",
        "agenda_item_id",
        "group_id",
        "attribution_participant_id",
        "attribution_mechanism_id",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(f"unknown note field(s): {', '.join(sorted(unknown))}")
    note = get_note(ws, note_id)
    _check(ws, note.meeting_id, fields)
    checked = None if tags is None else [check_tag(ws, tag) for tag in tags]
    with ws.transaction():
        records.update(ws, "notes", note_id, fields)
        if checked is not None:
            ws.conn.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
            _write_tags(ws, note_id, checked)
    return get_note(ws, note_id)


def set_status(ws: Workspace, note_id: str, status: str, *, by: str = "") -> Note:
    records.check_choice(status, STATUSES, "note status")
    with ws.transaction():
        records.update(
            ws, "notes", note_id, {"status": status, "status_by": by, "status_at": utc_now()}
        )
    return get_note(ws, note_id)


def delete_note(ws: Workspace, note_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "notes", note_id)


def _write_tags(ws: Workspace, note_id: str, tags: Iterable[str]) -> None:
    ws.conn.executemany(
        "INSERT OR IGNORE INTO note_tags(note_id, tag) VALUES (?, ?)", [(note_id, t) for t in tags]
    )


def get_note(ws: Workspace, note_id: str) -> Note:
    row = records.require(ws, "notes", note_id)
    tags = tuple(
        r["tag"]
        for r in ws.query("SELECT tag FROM note_tags WHERE note_id = ? ORDER BY tag", (note_id,))
    )
    return _from_row(row, tags)


def list_notes(
    ws: Workspace,
    meeting_id: str,
    *,
    agenda_item_id: str | None = None,
    group_id: str | None = None,
    kinds: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
) -> list[Note]:
    where, params = ["n.meeting_id = ?"], [meeting_id]
    for column, value in (("agenda_item_id", agenda_item_id), ("group_id", group_id)):
        if value is not None:
            where.append(f"n.{column} = ?")
            params.append(value)
    for column, values in (("kind", kinds), ("status", statuses)):
        if values is not None:
            values = list(values)
            where.append(f"n.{column} IN ({','.join('?' * len(values))})")
            params += values
    rows = ws.query(
        "SELECT n.*, (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM note_tags t "
        "WHERE t.note_id = n.id ORDER BY tag)) AS tag_list "
        f"FROM notes n WHERE {' AND '.join(where)} ORDER BY n.captured_at, n.id",
        tuple(params),
    )
    return [_from_row(r, tuple((r["tag_list"] or "").split())) for r in rows]
