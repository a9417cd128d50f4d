"""From many groups' notes to one consolidated outcome.

``propose_groupings`` finds recommendations and key messages that say the same thing in
several groups or sessions (shared thematic tags, similar words); ``merge`` turns notes and
outcomes into one outcome that keeps every source; ``outcome_provenance`` says where an
outcome came from (which groups, which regions, "made in 4 of 4 groups"), as plain data the
screens and the documents both print.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz

from . import outcomes, records
from .errors import ValidationError
from .i18n import list_separator, ngettext
from .multilingual import Text
from .search import fold
from .store import Workspace

# Tags that say what a note is about; levels and item types do not make two notes alike.
THEMATIC = ("cluster:", "element:", "sdg:")
TAG_WEIGHT, WORD_WEIGHT = 0.7, 0.3
THRESHOLD = 0.55
MAX_BUCKET = 300  # notes compared word by word within one shared tag, at most


@dataclass(frozen=True)
class Candidate:
    note_id: str
    text: str
    lang: str
    kind: str
    group_id: str | None
    agenda_item_id: str | None
    tags: frozenset[str]
    words: str = ""  # the text folded and lowered, for comparing wording


@dataclass(frozen=True)
class Proposal:
    """Notes proposed to become one outcome, with what they share."""

    note_ids: tuple[str, ...]
    shared_tags: tuple[str, ...]
    group_ids: tuple[str, ...]
    score: float


def candidates(ws: Workspace, meeting_id: str, *, unused_only: bool = True) -> list[Candidate]:
    """Recommendations and key messages of all groups and sessions (by default, those no
    outcome uses yet)."""
    unused = "AND n.id NOT IN (SELECT note_id FROM outcome_sources)" if unused_only else ""
    rows = ws.query(
        "SELECT n.id, n.text, n.lang, n.kind, n.group_id, n.agenda_item_id, "
        "(SELECT group_concat(tag, ' ') FROM note_tags t WHERE t.note_id = n.id) AS tags "
        f"FROM notes n WHERE n.meeting_id = ? AND n.kind IN ('recommendation', 'key_message') "
        f"{unused} ORDER BY n.captured_at, n.rowid",
        (meeting_id,),
    )
    return [
        Candidate(
            r["id"],
            r["text"],
            r["lang"],
            r["kind"],
            r["group_id"],
            r["agenda_item_id"],
            frozenset(t for t in (r["tags"] or "").split() if t.startswith(THEMATIC)),
            fold(r["text"]).casefold(),
        )
        for r in rows
    ]


def similarity(a: Candidate, b: Candidate, threshold: float = 0.0) -> float:
    """0..1: how alike two notes are, by thematic tags and (same language) by words.

    Elements and SDG targets say more than a cluster: when both notes carry some, they are
    compared; otherwise a shared cluster counts half. Near-identical wording alone suffices.
    """
    specific_a = {t for t in a.tags if not t.startswith("cluster:")}
    specific_b = {t for t in b.tags if not t.startswith("cluster:")}
    if specific_a and specific_b:
        tags = len(specific_a & specific_b) / len(specific_a | specific_b)
    else:
        clusters_a, clusters_b = a.tags - specific_a, b.tags - specific_b
        union = clusters_a | clusters_b
        tags = 0.5 * len(clusters_a & clusters_b) / len(union) if union else 0.0
    words = 0.0
    if a.lang == b.lang:
        # only as alike as the threshold needs: rapidfuzz stops early below the cut-off
        needed = min(0.85, max(0.0, (threshold - TAG_WEIGHT * tags) / WORD_WEIGHT))
        words = fuzz.token_set_ratio(a.words, b.words, score_cutoff=needed * 100) / 100
    return max(TAG_WEIGHT * tags + WORD_WEIGHT * words, words if words >= 0.85 else 0.0)


def propose_groupings(
    ws: Workspace, meeting_id: str, *, threshold: float = THRESHOLD, unused_only: bool = False
) -> list[Proposal]:
    """Groups of alike notes from more than one group or session, the widest first."""
    notes = candidates(ws, meeting_id, unused_only=unused_only)
    parent = list(range(len(notes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def specific(note: Candidate) -> frozenset[str]:
        return frozenset(t for t in note.tags if not t.startswith("cluster:"))

    # 1. notes with the same elements and targets belong together
    same: dict[frozenset[str], list[int]] = {}
    for index, note in enumerate(notes):
        if specific(note):
            same.setdefault(specific(note), []).append(index)
    for members in same.values():
        for index in members[1:]:
            parent[find(index)] = find(members[0])
    # 2. different but overlapping tags, or only a cluster in common: compare, one note
    #    standing for each set of tags (the sets are few even when the notes are many)
    by_tag: dict[str, list[int]] = {}
    for members in same.values():
        for tag in specific(notes[members[0]]):
            by_tag.setdefault(tag, []).append(members[0])
    for index, note in enumerate(notes):
        for tag in note.tags:
            if tag.startswith("cluster:") and (
                not specific(note) or index in same.get(specific(note), [index])[:1]
            ):
                by_tag.setdefault(tag, []).append(index)
    compared: set[tuple[int, int]] = set()
    for members in by_tag.values():
        for i, j in combinations(members[:MAX_BUCKET], 2):
            if (i, j) in compared or find(i) == find(j):
                continue
            compared.add((i, j))
            if similarity(notes[i], notes[j], threshold) >= threshold:
                parent[find(i)] = find(j)
    components: dict[int, list[int]] = {}
    for index in range(len(notes)):
        components.setdefault(find(index), []).append(index)
    proposals = []
    for members in components.values():
        chosen = [notes[i] for i in members]
        places = {_place(n) for n in chosen}
        if len(members) < 2 or len(places) < 2:
            continue
        shared = frozenset.intersection(*(n.tags for n in chosen))
        union = frozenset.union(*(n.tags for n in chosen))
        proposals.append(
            Proposal(
                tuple(n.note_id for n in chosen),
                tuple(sorted(shared)),
                tuple(dict.fromkeys(n.group_id for n in chosen if n.group_id)),
                len(shared) / len(union) if union else 0.0,
            )
        )
    return sorted(proposals, key=lambda p: (-len(p.group_ids), -len(p.note_ids), -p.score))


def _place(note: Candidate) -> tuple[str | None, str | None]:
    return (note.group_id, None if note.group_id else note.agenda_item_id)


def merge(
    ws: Workspace,
    meeting_id: str,
    *,
    note_ids: Iterable[str] = (),
    outcome_ids: Iterable[str] = (),
    lead: Mapping[str, str] | str | None = None,
    body: Mapping[str, str] | str = "",
    set_id: str | None = None,
    kind: str | None = None,
    register: str = "directive",
) -> outcomes.Outcome:
    """One consolidated outcome from notes and outcomes: it keeps every source note and tag;
    the outcomes merged into it are removed. Without a lead, the first outcome's (or the
    first note's) text is the draft lead."""
    note_ids, outcome_ids = list(dict.fromkeys(note_ids)), list(dict.fromkeys(outcome_ids))
    if len(note_ids) + len(outcome_ids) < 1:
        raise ValidationError("choose the notes or outcomes to merge")
    merged = [outcomes.get_outcome(ws, oid) for oid in outcome_ids]
    for outcome in merged:
        if outcome.meeting_id != meeting_id:
            raise ValidationError("an outcome to merge is not of this meeting")
    sources = list(dict.fromkeys([s for o in merged for s in o.source_note_ids] + note_ids))
    tags = set()
    for outcome in merged:
        tags |= set(outcome.tags)
    for row in _note_rows(ws, note_ids):
        if row["meeting_id"] != meeting_id:
            raise ValidationError(f"note {row['id']} is not a note of this meeting")
        tags |= set((row["tags"] or "").split())
    missing = set(note_ids) - {r["id"] for r in _note_rows(ws, note_ids)}
    if missing:
        raise ValidationError(f"no such note: {sorted(missing)[0]}")
    if lead is None or not Text(lead, "en"):
        lead, body = _draft_text(ws, merged, note_ids)
    kind = kind or (merged[0].kind if merged else _kind_of(ws, note_ids))
    if set_id is None and merged:
        set_id = merged[0].set_id
    with ws.transaction():
        for outcome in merged:
            records.delete(ws, "outcomes", outcome.id)
        return outcomes.add_outcome(
            ws,
            meeting_id,
            lead=lead,
            body=body,
            set_id=set_id,
            kind=kind,
            register=register if not merged else merged[0].register,
            tags=sorted(t for t in tags if not t.startswith("type:")),
            source_note_ids=sources,
        )


def _note_rows(ws: Workspace, note_ids: list[str]) -> list[dict]:
    if not note_ids:
        return []
    return ws.query(
        "SELECT n.id, n.meeting_id, n.text, n.lang, n.kind, "
        "(SELECT group_concat(tag, ' ') FROM note_tags t WHERE t.note_id = n.id) AS tags "
        f"FROM notes n WHERE n.id IN ({','.join('?' * len(note_ids))})",
        tuple(note_ids),
    )


def _kind_of(ws: Workspace, note_ids: list[str]) -> str:
    kinds = {r["kind"] for r in _note_rows(ws, note_ids)}
    return "recommendation" if "recommendation" in kinds or not kinds else "key_message"


def _draft_text(
    ws: Workspace, merged: list[outcomes.Outcome], note_ids: list[str]
) -> tuple[Mapping[str, str], Mapping[str, str]]:
    if merged:
        return merged[0].lead, merged[0].body
    rows = {r["id"]: r for r in _note_rows(ws, note_ids)}
    source = str(
        ws.scalar(
            "SELECT m.source_lang FROM notes n JOIN meetings m ON m.id = n.meeting_id "
            "WHERE n.id = ?",
            (note_ids[0],),
        )
    )
    ordered = [rows[n] for n in note_ids if n in rows]
    first = next((r for r in ordered if r["lang"] == source), ordered[0])
    return {first["lang"]: first["text"]}, {}


# ---- where an outcome came from -----------------------------------------------------------


@dataclass(frozen=True)
class SourceGroup:
    group_id: str
    name: Text
    region: str | None
    region_name: Text


@dataclass(frozen=True)
class Provenance:
    """Where an outcome came from, as plain data for screens and documents."""

    outcome_id: str
    note_count: int
    groups: tuple[SourceGroup, ...]  # the breakout groups whose notes it draws on
    total_groups: int  # breakout groups of the meeting
    regions: tuple[tuple[str, Text], ...]  # (code, name) of their regions, in taxonomy order
    session_ids: tuple[str, ...]  # plenary sessions whose notes it draws on (no group)

    @property
    def group_count(self) -> int:
        return len(self.groups)

    def made_in(self) -> str:
        """'made in 4 of 4 groups', translated."""
        return ngettext(
            "made in {count} of {total} group",
            "made in {count} of {total} groups",
            self.total_groups,
        ).format(count=self.group_count, total=self.total_groups)

    def region_names(self, lang: str, source: str = "en") -> str:
        return list_separator(lang).join(
            name.get_text(lang, source) for _code, name in self.regions
        )


def outcome_provenance(ws: Workspace, outcome_id: str) -> Provenance:
    """The groups and regions an outcome's source notes come from."""
    outcome = outcomes.get_outcome(ws, outcome_id)
    return notes_provenance(ws, outcome.meeting_id, outcome.source_note_ids, outcome_id)


def notes_provenance(
    ws: Workspace, meeting_id: str, note_ids: Iterable[str], outcome_id: str = ""
) -> Provenance:
    note_ids = list(note_ids)
    groups, sessions = [], []
    if note_ids:
        marks = ",".join("?" * len(note_ids))
        groups = ws.query(
            "SELECT g.id, g.name, g.region, r.name AS region_name, r.position AS rpos "
            "FROM breakout_groups g LEFT JOIN regions r ON r.code = g.region "
            f"WHERE g.id IN (SELECT group_id FROM notes WHERE id IN ({marks})) "
            "ORDER BY g.position",
            tuple(note_ids),
        )
        sessions = ws.query(
            "SELECT DISTINCT agenda_item_id FROM notes "
            f"WHERE id IN ({marks}) AND group_id IS NULL AND agenda_item_id IS NOT NULL",
            tuple(note_ids),
        )
    total = int(
        ws.scalar("SELECT count(*) FROM breakout_groups WHERE meeting_id = ?", (meeting_id,))
    )
    regions: dict[str, tuple[int, Text]] = {}
    for g in groups:
        if g["region"]:
            regions[g["region"]] = (g["rpos"], Text.from_json(g["region_name"]))
    return Provenance(
        outcome_id,
        len(note_ids),
        tuple(
            SourceGroup(
                g["id"],
                Text.from_json(g["name"]),
                g["region"],
                Text.from_json(g["region_name"]) if g["region_name"] else Text(),
            )
            for g in groups
        ),
        total,
        tuple(
            (code, name) for code, (_pos, name) in sorted(regions.items(), key=lambda i: i[1][0])
        ),
        tuple(r["agenda_item_id"] for r in sessions),
    )
