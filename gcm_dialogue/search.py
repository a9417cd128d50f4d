"""Full-text search across every note of every meeting in the workspace.

The index is an FTS5 table, ``notes_fts`` (migration 4), kept in step with ``notes`` by
triggers, so notes written by any path (the services, the demo, the bulk generator, an undo)
are found. It uses the *trigram* tokenizer: it folds case in every script and, unlike a word
tokenizer, needs no word boundaries, so Chinese (written without spaces) is searchable too.
Accents are folded before indexing by the same table that folds a query (``FOLD`` below):
Latin diacritics, Russian ё, the Arabic short vowels, tatweel and hamza forms of alef.

A query is words and "quoted phrases"; every one must occur (AND). Terms of three or more
characters go through the index; shorter ones (a two-character Chinese word) are matched by
a scan, narrowed by the index whenever the query also has a longer term.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .errors import ValidationError
from .store import Workspace


def _fold_table() -> dict[str, str]:
    table: dict[str, str] = {}
    pairs = {
        "a": "àáâãäåāăą",
        "A": "ÀÁÂÃÄÅĀĂĄ",
        "c": "çćč",
        "C": "ÇĆČ",
        "d": "ďđ",
        "D": "ĎĐ",
        "e": "èéêëēėęě",
        "E": "ÈÉÊËĒĖĘĚ",
        "g": "ğ",
        "G": "Ğ",
        "i": "ìíîïīı",
        "I": "ÌÍÎÏĪİ",
        "l": "łľĺ",
        "L": "ŁĽĹ",
        "n": "ñńň",
        "N": "ÑŃŇ",
        "o": "òóôõöøōő",
        "O": "ÒÓÔÕÖØŌŐ",
        "r": "ř",
        "R": "Ř",
        "s": "śšşș",
        "S": "ŚŠŞȘ",
        "t": "ťţț",
        "T": "ŤŢȚ",
        "u": "ùúûüūůű",
        "U": "ÙÚÛÜŪŮŰ",
        "y": "ýÿ",
        "Y": "ÝŸ",
        "z": "źżž",
        "Z": "ŹŻŽ",
        "oe": "œ",
        "OE": "Œ",
        "ae": "æ",
        "AE": "Æ",
        "ss": "ß",
        "е": "ё",  # Cyrillic
        "Е": "Ё",
        "'": "\u2019\u2018",
        "-": "\u2010\u2011\u2013\u2014",
        "\u0627": "\u0623\u0625\u0622\u0671",  # Arabic alef with hamza or madda -> alef
        "\u064a": "\u0649",  # alef maksura -> ya
        "\u0647": "\u0629",  # ta marbuta -> ha
    }
    for base, chars in pairs.items():
        for char in chars:
            table[char] = base
    # Marks that are dropped: Arabic short vowels and tatweel, combining Latin accents.
    for code in [*range(0x064B, 0x0653), 0x0670, 0x0640]:
        table[chr(code)] = ""
    for code in (0x300, 0x301, 0x302, 0x303, 0x304, 0x306, 0x307, 0x308, 0x30A, 0x30B, 0x30C):
        table[chr(code)] = ""
    for code in (0x327, 0x328):
        table[chr(code)] = ""
    return table


FOLD = _fold_table()
_TRANSLATE = str.maketrans(FOLD)


def fold(text: str) -> str:
    """Text as the index holds it (case is folded by the tokenizer, not here)."""
    return text.translate(_TRANSLATE)


def _sql_literal(text: str) -> str:
    if len(text) == 1 and (unicodedata.category(text).startswith(("M", "C")) or text == "\u0640"):
        return f"char({ord(text)})"
    return "'" + text.replace("'", "''") + "'"


def sql_fold_chains(column: str, chunk: int = 24) -> list[str]:
    """SQL expressions that, applied one after the other to ``column``, fold it as ``fold``.

    Migration 4 applies them through a staging table (a test checks the two agree): SQLite's
    parser refuses more than about 30 nested calls, so one expression cannot hold them all.
    """
    items = list(FOLD.items())
    chains = []
    for start in range(0, len(items), chunk):
        chain = column
        for char, base in items[start : start + chunk]:
            chain = f"replace({chain}, {_sql_literal(char)}, {_sql_literal(base)})"
        chains.append(chain)
    return chains


# ---- queries -------------------------------------------------------------------------------

_TERM = re.compile(r'"([^"]*)"|(\S+)')
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
MIN_INDEXED = 3  # the trigram tokenizer matches terms of three characters or more
DEFAULT_LIMIT = 50


def parse_query(query: str) -> list[str]:
    """The terms of a query, folded: words and "quoted phrases", all of which must occur."""
    terms = []
    for phrase, word in _TERM.findall(query):
        term = phrase if phrase else _EDGE.sub("", word)
        term = " ".join(fold(term).split())
        if term and term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    return terms


@dataclass(frozen=True)
class Hit:
    """A note found by a search, with the place of each match in its text."""

    note_id: str
    meeting_id: str
    meeting: str  # the meeting's short name
    agenda_item_id: str | None
    group_id: str | None
    kind: str
    status: str
    lang: str
    captured_at: str
    text: str
    spans: tuple[tuple[int, int], ...]  # (start, end) of each match in ``text``

    def snippet(self, width: int = 160) -> list[tuple[str, bool]]:
        """A window of the text around the first match, as (piece, is_match) pairs."""
        return snippet_pieces(self.text, self.spans, width)

    def snippet_text(self, before: str = "[", after: str = "]", width: int = 160) -> str:
        return "".join(f"{before}{p}{after}" if hit else p for p, hit in self.snippet(width))


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(
    ws: Workspace,
    query: str,
    *,
    meeting_id: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[Hit]:
    """Notes of every meeting (or one) whose text holds every term; newest written first."""
    terms = parse_query(query)
    if not terms:
        raise ValidationError("type a word or a phrase to search for")
    indexed = [t for t in terms if len(t) >= MIN_INDEXED]
    scanned = [t for t in terms if len(t) < MIN_INDEXED]
    where, params = [], []
    if indexed:
        where.append("notes_fts MATCH ?")
        params.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in indexed))
    for term in scanned:
        # short terms: LIKE folds ASCII case only, so try the term as typed and lowered
        where.append("(f.body LIKE ? ESCAPE '\\' OR f.body LIKE ? ESCAPE '\\')")
        params += [_like(term), _like(term.lower())]
    if meeting_id is not None:
        where.append("n.meeting_id = ?")
        params.append(meeting_id)
    rows = ws.query(
        "SELECT n.id, n.meeting_id, m.short_name, n.agenda_item_id, n.group_id, n.kind, "
        "n.status, n.lang, n.captured_at, n.text FROM notes_fts f "
        "JOIN notes n ON n.id = f.note_id JOIN meetings m ON m.id = n.meeting_id "
        f"WHERE {' AND '.join(where)} ORDER BY f.rowid DESC LIMIT ?",
        (*params, int(limit)),
    )
    return [
        Hit(
            r["id"],
            r["meeting_id"],
            r["short_name"],
            r["agenda_item_id"],
            r["group_id"],
            r["kind"],
            r["status"],
            r["lang"],
            r["captured_at"],
            r["text"],
            match_spans(r["text"], terms),
        )
        for r in rows
    ]


def match_spans(text: str, terms: list[str]) -> tuple[tuple[int, int], ...]:
    """Where the (folded) terms occur in the original ``text``, accents and case aside."""
    haystack = fold(text).casefold()
    if len(haystack) == len(text):
        origin: list[int] | range = range(len(text))  # one character for one: the usual case
    else:
        folded, origin = [], []
        for index, char in enumerate(text):
            for piece in fold(char).casefold():
                folded.append(piece)
                origin.append(index)
        haystack = "".join(folded)
    spans = []
    for term in terms:
        needle = term.casefold()
        start = haystack.find(needle)
        while start != -1 and needle:
            end = start + len(needle) - 1
            spans.append((origin[start], origin[end] + 1))
            start = haystack.find(needle, start + len(needle))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def snippet_pieces(
    text: str, spans: tuple[tuple[int, int], ...], width: int = 160
) -> list[tuple[str, bool]]:
    """Up to ``width`` characters of ``text`` around its first match, matches flagged."""
    if len(text) <= width or not spans:
        lo, hi = 0, min(len(text), width)
    else:
        first = spans[0][0]
        lo = max(0, min(first - width // 3, len(text) - width))
        hi = lo + width
    pieces: list[tuple[str, bool]] = []
    if lo > 0:
        pieces.append(("…", False))
    cursor = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < hi:
        pieces.append((text[cursor:hi], False))
    if hi < len(text):
        pieces.append(("…", False))
    return pieces


def rebuild_index(ws: Workspace) -> int:
    """Re-index every note (after a repair or a VACUUM); returns the number indexed."""
    with ws.transaction():
        ws.conn.execute("DELETE FROM notes_fts")
        rows = ws.conn.execute("SELECT rowid, id, text FROM notes").fetchall()
        ws.conn.executemany(
            "INSERT INTO notes_fts(rowid, body, note_id) VALUES (?, ?, ?)",
            [(rowid, fold(text), note_id) for rowid, note_id, text in rows],
        )
    return len(rows)
