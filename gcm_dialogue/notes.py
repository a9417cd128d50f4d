"""Rapporteur notes: points captured in a session or a breakout group, tagged and reviewed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from . import records
from .clock import new_id, utc_now
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
NEXT_STATUS = {"draft": "reviewed", "reviewed": "final"}


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
    ws: Workspace,
    note_id: str,
    *,
    tags: Iterable[str] | None = None,
    by: str = "",
    history: bool = True,
    **fields: object,
) -> Note:
    """Change a note; each changed field is kept in its edit history (``by`` says who).

    ``history=False`` is for the capture flow's saves while a note is still being typed.
    """
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
    if "text" in fields:
        fields["text"] = records.check_text(str(fields["text"]), "a note's text")
    _check(ws, note.meeting_id, fields)
    checked = None if tags is None else list(dict.fromkeys(check_tag(ws, tag) for tag in tags))
    changed = {name: value for name, value in fields.items() if getattr(note, name) != value}
    with ws.transaction():
        records.update(ws, "notes", note_id, changed)
        if checked is not None and tuple(sorted(checked)) != note.tags:
            ws.conn.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
            _write_tags(ws, note_id, checked)
            changed["tags"] = " ".join(sorted(checked))
        if history:
            old = {**{name: getattr(note, name) for name in fields}, "tags": " ".join(note.tags)}
            for name, value in changed.items():
                _record(ws, note_id, by, name, old[name], value)
    return get_note(ws, note_id)


def _record(ws: Workspace, note_id: str, by: str, field: str, old: object, new: object) -> None:
    ws.conn.execute(
        "INSERT INTO note_history(id, note_id, changed_at, changed_by, field, old_value, "
        "new_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (new_id(), note_id, utc_now(), by, field, old, new),
    )


def set_status(ws: Workspace, note_id: str, status: str, *, by: str = "") -> Note:
    """Move a note to draft, reviewed or final, recording who and when."""
    records.check_choice(status, STATUSES, "note status")
    note = get_note(ws, note_id)
    with ws.transaction():
        records.update(
            ws, "notes", note_id, {"status": status, "status_by": by, "status_at": utc_now()}
        )
        if note.status != status:
            _record(ws, note_id, by, "status", note.status, status)
    return get_note(ws, note_id)


def advance_status(ws: Workspace, note_ids: Iterable[str], *, by: str = "") -> records.Changes:
    """Move each note one step on: draft -> reviewed -> final (final notes stay final)."""
    moved = []
    with ws.transaction():
        for note_id in note_ids:
            note = get_note(ws, note_id)
            if note.status in NEXT_STATUS:
                set_status(ws, note_id, NEXT_STATUS[note.status], by=by)
                moved.append(note_id)
    return records.Changes("notes", tuple(moved))


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: str
    changed_by: str
    field: str
    old_value: str | None
    new_value: str | None


def note_history(ws: Workspace, note_id: str) -> list[HistoryEntry]:
    """Every recorded change of a note, oldest first."""
    rows = ws.query(
        "SELECT changed_at, changed_by, field, old_value, new_value FROM note_history "
        "WHERE note_id = ? ORDER BY changed_at, rowid",
        (note_id,),
    )
    return [HistoryEntry(**row) for row in rows]


def set_statuses(
    ws: Workspace, note_ids: Iterable[str], status: str, *, by: str = ""
) -> records.Changes:
    """Move several notes to one status, as one action: all of them, or none on an error."""
    records.check_choice(status, STATUSES, "note status")
    ids = list(dict.fromkeys(note_ids))
    with ws.transaction():
        for note_id in ids:
            set_status(ws, note_id, status, by=by)
    return records.Changes("notes", tuple(ids))


def delete_note(ws: Workspace, note_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "notes", note_id)


def delete_notes(ws: Workspace, note_ids: Iterable[str]) -> records.Changes:
    """Delete several notes as one action: all of them, or none when one is missing."""
    ids = list(dict.fromkeys(note_ids))
    with ws.transaction():
        for note_id in ids:
            records.delete(ws, "notes", note_id)
    return records.Changes("notes", tuple(ids))


def note_exists(ws: Workspace, note_id: str) -> bool:
    return ws.scalar("SELECT 1 FROM notes WHERE id = ?", (note_id,)) is not None


def keep_draft(
    ws: Workspace,
    meeting_id: str,
    draft_id: str | None,
    text: str,
    *,
    lang: str,
    tags: Iterable[str] = (),
    author: str = "",
    captured_at: str | None = None,
    **fields: object,
) -> Note:
    """Keep a note typed in the capture box, as one transaction.

    The draft saved while it was typed (``draft_id``) takes the final values, without edit
    history; when there is no draft, or it is gone (deleted meanwhile, or undone), the note
    is added, written by ``author`` and captured at ``captured_at``.
    """
    tags = list(tags)
    with ws.transaction():
        if draft_id is not None and note_exists(ws, draft_id):
            return update_note(
                ws, draft_id, tags=tags, history=False, text=text, lang=lang, **fields
            )
        return add_note(
            ws,
            meeting_id,
            text,
            lang=lang,
            tags=tags,
            author=author,
            captured_at=captured_at,
            **fields,  # type: ignore[arg-type]
        )


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


@dataclass(frozen=True)
class NoteFilter:
    """What the notes list shows; ``None`` (or empty) means any."""

    agenda_item_id: str | None = None
    group_id: str | None = None
    kinds: tuple[str, ...] | None = None
    statuses: tuple[str, ...] | None = None
    tag: str | None = None
    author: str | None = None
    text: str = ""


def _where(meeting_id: str, f: NoteFilter) -> tuple[str, list]:
    where, params = ["n.meeting_id = ?"], [meeting_id]
    for column, value in (("agenda_item_id", f.agenda_item_id), ("group_id", f.group_id)):
        if value is not None:
            where.append(f"n.{column} = ?")
            params.append(value)
    for column, values in (("kind", f.kinds), ("status", f.statuses)):
        if values is not None:
            values = list(values)
            where.append(f"n.{column} IN ({','.join('?' * len(values))})")
            params += values
    if f.tag:
        where.append("n.id IN (SELECT note_id FROM note_tags WHERE tag = ?)")
        params.append(f.tag)
    if f.author is not None:
        where.append("n.author = ?")
        params.append(f.author)
    if f.text.strip():
        escaped = f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("n.text LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    return " AND ".join(where), params


def note_ids(ws: Workspace, meeting_id: str, filters: NoteFilter | None = None) -> list[str]:
    """The ids of a meeting's notes that pass ``filters``, in the order of capture."""
    where, params = _where(meeting_id, filters or NoteFilter())
    rows = ws.conn.execute(
        f"SELECT n.id FROM notes n WHERE {where} ORDER BY n.captured_at, n.rowid", tuple(params)
    ).fetchall()
    return [row[0] for row in rows]


def get_notes(ws: Workspace, ids: Iterable[str]) -> dict[str, Note]:
    """Several notes at once (a page of a list), by id; ids that are gone are left out."""
    ids = list(ids)
    found: dict[str, Note] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = ws.query(
            "SELECT n.*, (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM note_tags t "
            "WHERE t.note_id = n.id ORDER BY tag)) AS tag_list "
            f"FROM notes n WHERE n.id IN ({','.join('?' * len(chunk))})",
            tuple(chunk),
        )
        for r in rows:
            found[r["id"]] = _from_row(r, tuple((r["tag_list"] or "").split()))
    return found


def list_notes(
    ws: Workspace,
    meeting_id: str,
    *,
    agenda_item_id: str | None = None,
    group_id: str | None = None,
    kinds: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    tag: str | None = None,
    author: str | None = None,
) -> list[Note]:
    filters = NoteFilter(
        agenda_item_id,
        group_id,
        None if kinds is None else tuple(kinds),
        None if statuses is None else tuple(statuses),
        tag,
        author,
    )
    where, params = _where(meeting_id, filters)
    rows = ws.query(
        "SELECT n.*, (SELECT group_concat(tag, ' ') FROM (SELECT tag FROM note_tags t "
        "WHERE t.note_id = n.id ORDER BY tag)) AS tag_list "
        f"FROM notes n WHERE {where} ORDER BY n.captured_at, n.rowid",
        tuple(params),
    )
    return [_from_row(r, tuple((r["tag_list"] or "").split())) for r in rows]


def authors(ws: Workspace, meeting_id: str) -> list[str]:
    rows = ws.query(
        "SELECT DISTINCT author FROM notes WHERE meeting_id = ? AND author <> '' ORDER BY author",
        (meeting_id,),
    )
    return [r["author"] for r in rows]


def used_tags(ws: Workspace, meeting_id: str) -> list[str]:
    rows = ws.query(
        "SELECT DISTINCT t.tag FROM note_tags t JOIN notes n ON n.id = t.note_id "
        "WHERE n.meeting_id = ? ORDER BY t.tag",
        (meeting_id,),
    )
    return [r["tag"] for r in rows]


# ---- tags typed by keyboard -------------------------------------------------------------

_CLUSTER = re.compile(r"^c(?:luster)?\s*:?\s*([1-9])$", re.IGNORECASE)
_ELEMENT = re.compile(
    r"^\(?\s*([a-x])\s*\)$|^\(([a-x])\)?$|^e(?:lement)?:\(?([a-x])\)?$", re.IGNORECASE
)
_SDG = re.compile(r"^(?:sdg\s*:?\s*)?(\d{1,2}\.(?:\d{1,2}|[a-z])(?:\.\d)?)$", re.IGNORECASE)


def expand_tag(ws: Workspace, token: str) -> str:
    """A tag as a rapporteur types it, checked and in full.

    ``c2`` -> ``cluster:2``, ``(q)`` -> ``element:q``, ``10.7`` -> ``sdg:10.7``,
    ``regional`` -> ``level:regional``, ``good_practice`` -> ``type:good_practice``;
    a full tag (``element:q``) is checked as it is.
    """
    token = token.strip()
    if not token:
        raise ValidationError("an empty tag")
    if ":" in token and not token.lower().startswith(("c:", "e:")):
        kind = token.split(":", 1)[0].lower()
        if kind in ("cluster", "element", "sdg", "level", "type"):
            return check_tag(ws, token)
    for pattern, kind in ((_CLUSTER, "cluster"), (_ELEMENT, "element"), (_SDG, "sdg")):
        match = pattern.match(token)
        if match:
            value = next(g for g in match.groups() if g)
            return check_tag(ws, f"{kind}:{value.lower()}")
    for kind, list_name in (("level", "levels"), ("type", "item_types")):
        if ws.scalar(
            "SELECT 1 FROM vocabulary WHERE list = ? AND code = ?", (list_name, token.lower())
        ):
            return f"{kind}:{token.lower()}"
    raise ValidationError(
        f"unknown tag {token!r}: type a cluster (c2), an element ((q)), an SDG target (10.7) "
        "or a level (regional)"
    )


def expand_tags(ws: Workspace, typed: str) -> list[str]:
    """Every tag of a typed line such as ``c2 (q) 10.7`` (spaces or commas between)."""
    return list(dict.fromkeys(expand_tag(ws, t) for t in re.split(r"[\s,;]+", typed) if t))


def short_tag(tag: str) -> str:
    """The way a tag is typed and shown in lists: ``c2``, ``(q)``, ``10.7``, ``regional``."""
    kind, _, value = tag.partition(":")
    if kind == "cluster":
        return f"c{value}"
    if kind == "element":
        return f"({value})"
    return value


def tag_choices(ws: Workspace) -> list[tuple[str, str]]:
    """Every tag a note may carry, as (short form, full tag), for completion."""
    out = [
        (f"c{r['number']}", f"cluster:{r['number']}")
        for r in ws.query("SELECT number FROM clusters ORDER BY number")
    ]
    out += [
        (f"({r['letter']})", f"element:{r['letter']}")
        for r in ws.query("SELECT letter FROM elements ORDER BY letter")
    ]
    out += [(r["code"], f"sdg:{r['code']}") for r in ws.query("SELECT code FROM sdg_targets")]
    out += [
        (r["code"], f"level:{r['code']}")
        for r in ws.query("SELECT code FROM vocabulary WHERE list = 'levels' ORDER BY position")
    ]
    return out


# ---- where a rapporteur is --------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a note is taken: a session (agenda item), a breakout group, or both."""

    label: str
    agenda_item_id: str | None
    group_id: str | None

    @property
    def key(self) -> str:
        return place_key(self.agenda_item_id, self.group_id)


def place_key(agenda_item_id: str | None, group_id: str | None) -> str:
    """A session or group as one plain string (``item|group``), for settings and lists."""
    return f"{agenda_item_id or ''}|{group_id or ''}"


def parse_place(key: str) -> tuple[str | None, str | None]:
    """The (agenda item, group) of a :func:`place_key`."""
    item, _sep, group = key.partition("|")
    return item or None, group or None


def places(ws: Workspace, meeting_id: str, lang: str) -> list[Place]:
    """The sessions of a meeting in timetable order (breaks aside), each followed by its
    breakout groups ("Group name · session"), then the groups of no session; labels in
    ``lang``, falling back to the meeting's source language."""
    from . import agenda, meetings
    from .multilingual import Text
    from .texts import shorten

    source = meetings.source_lang(ws, meeting_id)
    by_item: dict[str | None, list[tuple[str, Text]]] = {}
    for group in ws.query(
        "SELECT id, name, agenda_item_id FROM breakout_groups WHERE meeting_id = ? "
        "ORDER BY position",
        (meeting_id,),
    ):
        by_item.setdefault(group["agenda_item_id"], []).append(
            (group["id"], Text.from_json(group["name"]))
        )
    out: list[Place] = []
    for day in agenda.schedule(ws, meeting_id):
        for slot in day.slots:
            item = slot.item
            if item.kind == "break":
                continue
            title = shorten(item.title.get_text(lang, source), 60)
            out.append(Place(title, item.id, None))
            for group_id, name in by_item.pop(item.id, []):
                label = f"{name.get_text(lang, source)} · {shorten(title, 30)}"
                out.append(Place(label, item.id, group_id))
    for rest in by_item.values():
        for group_id, name in rest:
            out.append(Place(name.get_text(lang, source), None, group_id))
    return out


def running_item(ws: Workspace, meeting_id: str, now: datetime | None = None) -> str | None:
    """The agenda item running now: the one started live and not ended, else the one the
    timetable places at this moment (in the meeting's time zone), else none."""
    live = ws.scalar(
        "SELECT id FROM agenda_items WHERE meeting_id = ? AND actual_start IS NOT NULL "
        "AND actual_end IS NULL ORDER BY actual_start DESC LIMIT 1",
        (meeting_id,),
    )
    if live is not None:
        return str(live)
    from . import agenda, meetings

    meeting = meetings.get_meeting(ws, meeting_id)
    local = (now or datetime.now(UTC)).astimezone(ZoneInfo(meeting.time_zone))
    if local.date().isoformat() not in meeting.dates:
        return None
    minute = local.hour * 60 + local.minute
    for day in agenda.schedule(ws, meeting_id):
        if day.day.date != local.date().isoformat():
            continue
        for slot in day.slots:
            if slot.start <= minute < slot.end and slot.item.kind != "break":
                return slot.item.id
    return None


# ---- filtering a list as one types ---------------------------------------------------------


class NoteTexts:
    """Note texts, folded (case and accents aside) and held in memory, so that a meeting's
    list narrows at each keystroke without reading the notes again.

    The texts come folded from the search index; a longer filter narrows the last result
    instead of starting again.
    """

    def __init__(self, ws: Workspace, meeting_id: str) -> None:
        from .search import fold

        self._fold = fold
        # every meeting's texts: reading the index whole is faster than joining it to notes
        del meeting_id
        rows = ws.conn.execute("SELECT note_id, body FROM notes_fts").fetchall()
        self.texts = {note_id: body.casefold() for note_id, body in rows}
        self._last: tuple[list[str], list[str], str, list[str]] | None = None

    def matching(self, ids: list[str], typed: str) -> list[str]:
        """The ids (in their order) whose text holds every word typed."""
        words = [self._fold(w).casefold() for w in typed.split()]
        if not words:
            return list(ids)
        key = " ".join(words)
        source = ids
        if self._last is not None and self._last[0] is ids and key.startswith(self._last[2]):
            source = self._last[3]  # typing on: only the notes that matched so far can match
        texts = self.texts
        if len(words) == 1:
            word = words[0]
            found = [i for i in source if word in texts.get(i, "")]
        else:
            found = [i for i in source if all(w in texts.get(i, "") for w in words)]
        self._last = (ids, source, key, found)
        return found
