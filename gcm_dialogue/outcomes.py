"""Outcomes (consolidated recommendations and key messages, in numbered sets) and highlights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import meetings, records
from .errors import ValidationError
from .i18n import LANGUAGES, babel_locale
from .i18n import gettext as _
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
_SOURCE_TITLE = N_("The title in {language}, the meeting's source language, is required.")


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


def create_set(
    ws: Workspace, meeting_id: str, key: str, title: Mapping[str, str] | str
) -> OutcomeSet:
    key = records.check_text(key, "set key")
    source = meetings.source_lang(ws, meeting_id)
    text = Text({k: v for k, v in Text(title, source).items() if v.strip()})
    _require_source_text(ws, meeting_id, source, text.get(source, ""), _SOURCE_TITLE)
    if ws.scalar("SELECT 1 FROM outcome_sets WHERE meeting_id = ? AND key = ?", (meeting_id, key)):
        raise ValidationError(f"the meeting already has a set with the key {key!r}")
    with ws.transaction():
        _check_title_free(ws, meeting_id, text, None)
        position = records.next_position(ws, "outcome_sets", "meeting_id = ?", (meeting_id,))
        set_id = records.insert(
            ws,
            "outcome_sets",
            {"meeting_id": meeting_id, "key": key, "title": text.to_json(), "position": position},
        )
    return next(s for s in list_sets(ws, meeting_id) if s.id == set_id)


def _check_title_free(ws: Workspace, meeting_id: str, title: Text, set_id: str | None) -> None:
    """Two sets of a meeting never share a title in any language: the report heads each set
    of recommendations with it."""
    for other in list_sets(ws, meeting_id):
        if other.id == set_id:
            continue
        for lang, text in title.items():
            if other.title.get(lang, "").strip().casefold() == text.strip().casefold():
                raise ValidationError(
                    _("another set of the meeting is already called “{title}”").format(
                        title=text.strip()
                    )
                )


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
    lang = meetings.source_lang(ws, meeting_id)
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
    lang = meetings.source_lang(ws, outcome.meeting_id)
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


def delete_outcomes(ws: Workspace, outcome_ids: Iterable[str]) -> records.Changes:
    """Delete several outcomes as one action: all of them, or none when one is missing."""
    ids = list(dict.fromkeys(outcome_ids))
    with ws.transaction():
        for outcome_id in ids:
            records.delete(ws, "outcomes", outcome_id)
    return records.Changes("outcomes", tuple(ids))


def edit_outcome(
    ws: Workspace,
    outcome_id: str,
    lang: str,
    *,
    lead: str,
    body: str,
    register: str,
    kind: str,
    set_id: str | None,
) -> Outcome:
    """The outcome editor's save, as one transaction: the lead and paragraph in ``lang``
    (a blank one removed), the register and kind, and, when ``set_id`` is another set, the
    move to the end of that set (``None``: out of any set)."""
    with ws.transaction():
        current = get_outcome(ws, outcome_id)
        set_outcome_text(ws, outcome_id, lang, lead=lead, body=body)
        if current.register == register and current.kind == kind and set_id == current.set_id:
            return get_outcome(ws, outcome_id)
        update_outcome(ws, outcome_id, register=register, kind=kind)
        if set_id != current.set_id:
            move_outcome(ws, outcome_id, set_id=set_id, position=10**6)
    return get_outcome(ws, outcome_id)


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
    body = Text(text, meetings.source_lang(ws, meeting_id))
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


def update_highlight(
    ws: Workspace, highlight_id: str, text: Mapping[str, str], *, merge: bool = False
) -> Highlight:
    """Replace a highlight's texts with ``text``.

    With ``merge``, only the languages in ``text`` change: a text written replaces that
    language's, a blank one removes it, and the other languages stay as they are.
    """
    with ws.transaction():
        row = records.require(ws, "highlights", highlight_id)
        if merge:
            merged = dict(Text.from_json(row["text"]))
            for code, value in text.items():
                merged.pop(code, None)
                if value.strip():
                    merged[code] = value
            text = merged
        body = Text(text)
        if not body:
            raise ValidationError("a highlight needs a text")
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


# ---- order, numbering, sets ------------------------------------------------------------------


def numbered(ws: Workspace, meeting_id: str) -> list[tuple[str, Outcome]]:
    """Every outcome with its number: "1", "2", ... within each set (unset ones last)."""
    out, counters = [], {}
    for outcome in list_outcomes(ws, meeting_id):
        counters[outcome.set_id] = counters.get(outcome.set_id, 0) + 1
        out.append((str(counters[outcome.set_id]), outcome))
    return out


def move_outcome(
    ws: Workspace, outcome_id: str, *, set_id: str | None, position: int
) -> records.Changes:
    """Put an outcome at ``position`` (0-based) of a set (``None``: not in a set yet)."""
    outcome = get_outcome(ws, outcome_id)
    if set_id is not None:
        owner = ws.scalar("SELECT meeting_id FROM outcome_sets WHERE id = ?", (set_id,))
        if owner != outcome.meeting_id:
            raise ValidationError("the set is not a set of this meeting")
    siblings = [
        o.id
        for o in list_outcomes(ws, outcome.meeting_id)
        if o.set_id == set_id and o.id != outcome_id
    ]
    position = max(0, min(int(position), len(siblings)))
    siblings.insert(position, outcome_id)
    with ws.transaction():
        if outcome.set_id != set_id:
            records.update(ws, "outcomes", outcome_id, {"set_id": set_id})
        moved = set(records.renumber(ws, "outcomes", siblings))
        if outcome.set_id != set_id:
            old = [
                o.id for o in list_outcomes(ws, outcome.meeting_id) if o.set_id == outcome.set_id
            ]
            moved |= set(records.renumber(ws, "outcomes", old))
    return records.Changes("outcomes", tuple(sorted(moved | {outcome_id})))


def set_outcome_text(ws: Workspace, outcome_id: str, lang: str, *, lead: str, body: str) -> Outcome:
    """Write (or, when blank, remove) an outcome's lead and paragraph in one language."""
    records.check_choice(lang, LANGUAGES, "language")
    outcome = get_outcome(ws, outcome_id)
    _require_source_text(
        ws,
        outcome.meeting_id,
        lang,
        lead,
        _("The lead sentence in {language}, the meeting's source language, is required."),
    )
    new_lead = outcome.lead.with_text(lang, lead)
    if not new_lead:
        raise ValidationError("an outcome needs a lead sentence")
    return update_outcome(ws, outcome_id, lead=new_lead, body=outcome.body.with_text(lang, body))


def _require_source_text(
    ws: Workspace, meeting_id: str, lang: str, text: str, message: object
) -> None:
    """Refuse to blank the source language's text (``message`` names ``{language}``): every
    other language falls back on it."""
    source = meetings.source_lang(ws, meeting_id)
    if lang == source and not text.strip():
        from babel import Locale

        name = Locale.parse(source).get_display_name(babel_locale()) or source  # "English"
        raise ValidationError(str(message).format(language=name))


def rename_set(ws: Workspace, set_id: str, lang: str, title: str) -> OutcomeSet:
    """Write (or, when blank, remove) a set's title in one language; the source one is required."""
    return set_titles(ws, set_id, {lang: title})


def set_titles(ws: Workspace, set_id: str, titles: Mapping[str, str]) -> OutcomeSet:
    """Rename or translate a set: each language in ``titles`` gets that title (a blank one is
    removed), the others stay. The title in the meeting's source language cannot be removed."""
    row = records.require(ws, "outcome_sets", set_id)
    text = Text.from_json(row["title"])
    for lang, title in titles.items():
        records.check_choice(lang, LANGUAGES, "language")
        _require_source_text(
            ws,
            row["meeting_id"],
            lang,
            title,
            _SOURCE_TITLE,
        )
        text = text.with_text(lang, title.strip())
    if not text:
        raise ValidationError(_("a set of outcomes needs a title"))
    with ws.transaction():
        _check_title_free(ws, row["meeting_id"], text, set_id)
        records.update(ws, "outcome_sets", set_id, {"title": text.to_json()})
    return next(s for s in list_sets(ws, row["meeting_id"]) if s.id == set_id)


def delete_set(ws: Workspace, set_id: str) -> records.Changes:
    """Remove a set; its outcomes stay, in their order, after those in no set."""
    row = records.require(ws, "outcome_sets", set_id)
    meeting_id = row["meeting_id"]
    held = [o.id for o in list_outcomes(ws, meeting_id, set_id=set_id)]
    with ws.transaction():
        changes = records.delete(ws, "outcome_sets", set_id)
        unset = [o.id for o in list_outcomes(ws, meeting_id) if o.set_id is None]
        records.renumber(ws, "outcomes", [i for i in unset if i not in held] + held)
    return changes


def missing_languages(ws: Workspace, meeting_id: str, text: Text) -> list[str]:
    """The meeting's working languages that ``text`` has no version in."""
    from .meetings import get_meeting

    return text.missing(get_meeting(ws, meeting_id).working_langs)


# ---- highlights ---------------------------------------------------------------------------


def set_highlight_text(ws: Workspace, highlight_id: str, lang: str, text: str) -> Highlight:
    """Write (or, when blank, remove) a highlight's paragraph in one language."""
    records.check_choice(lang, LANGUAGES, "language")
    row = records.require(ws, "highlights", highlight_id)
    return update_highlight(ws, highlight_id, Text.from_json(row["text"]).with_text(lang, text))


def draft_highlight(ws: Workspace, outcome_id: str, *, position: int | None = None) -> Highlight:
    """A new highlight drafted from an outcome: its lead sentence, in every language it has."""
    outcome = get_outcome(ws, outcome_id)
    with ws.transaction():
        highlight = add_highlight(ws, outcome.meeting_id, outcome.lead, outcome_id=outcome_id)
        if position is not None:
            move_highlight(ws, highlight.id, position)
    return next(h for h in list_highlights(ws, outcome.meeting_id) if h.id == highlight.id)


def outcomes_without_highlight(ws: Workspace, meeting_id: str) -> list[str]:
    """The ids of the outcomes no highlight is drafted from yet, the last changed first (the
    one just merged or written is the likeliest to be drafted next)."""
    rows = ws.query(
        "SELECT id FROM outcomes WHERE meeting_id = ? AND id NOT IN "
        "(SELECT outcome_id FROM highlights WHERE outcome_id IS NOT NULL) "
        "ORDER BY updated_at DESC, rowid DESC",
        (meeting_id,),
    )
    return [r["id"] for r in rows]


def move_highlight(ws: Workspace, highlight_id: str, position: int) -> records.Changes:
    row = records.require(ws, "highlights", highlight_id)
    ids = [h.id for h in list_highlights(ws, row["meeting_id"]) if h.id != highlight_id]
    ids.insert(max(0, min(int(position), len(ids))), highlight_id)
    with ws.transaction():
        return records.Changes("highlights", records.renumber(ws, "highlights", ids))


@dataclass(frozen=True)
class Completeness:
    """For one language: how many paragraphs have a text, and the numbers of those missing."""

    lang: str
    done: int
    total: int
    missing_numbers: tuple[int, ...]

    @property
    def complete(self) -> bool:
        return self.done == self.total


def highlights_completeness(ws: Workspace, meeting_id: str) -> list[Completeness]:
    """Per working language of the meeting, which highlights are written in it."""
    from .meetings import get_meeting

    items = list_highlights(ws, meeting_id)
    out = []
    for lang in get_meeting(ws, meeting_id).working_langs:
        missing = tuple(n for n, h in enumerate(items, start=1) if lang not in h.text)
        out.append(Completeness(lang, len(items) - len(missing), len(items), missing))
    return out


def outcomes_completeness(ws: Workspace, meeting_id: str) -> list[Completeness]:
    """Per working language, which outcomes have a lead sentence in it (numbered overall)."""
    from .meetings import get_meeting

    items = list_outcomes(ws, meeting_id)
    out = []
    for lang in get_meeting(ws, meeting_id).working_langs:
        missing = tuple(n for n, o in enumerate(items, start=1) if lang not in o.lead)
        out.append(Completeness(lang, len(items) - len(missing), len(items), missing))
    return out
