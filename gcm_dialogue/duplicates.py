"""Likely duplicate participants, and merging two records of one person into one.

The same person arrives as "Gómez Camacho" and "Gomez-Camacho", as "Ana Muiño" and "Ana
María Muiño", as "Осмоналиев Талант" and "Talant Osmonaliev". Names are compared on folded
tokens: transliterated to Latin letters (``anyascii``), accents, hyphens, punctuation and
letter case dropped, word order ignored. A transliteration that loses vowels (Arabic) is
compared on consonant skeletons. ``find_duplicates`` returns pairs with a score and the
reasons as plain codes; ``merge`` keeps one record and moves everything of the other to it:
every role in every meeting, group memberships, speaker slots, note attributions and survey
answers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from . import participants, records
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .store import Workspace

REASONS = {
    "same_email": N_("same email address"),
    "same_name": N_("same name, apart from accents, hyphens or word order"),
    "extra_names": N_("one name has extra given names"),
    "similar_spelling": N_("similar spelling"),
    "transliteration": N_("same name in another script"),
}
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = re.compile(r"[aeiouy]+")
_REPEATS = re.compile(r"(.)\1+")
# Particles that join a family name; they count for little when comparing.
PARTICLES = frozenset(
    "al el ul bin ben bn ibn abu bint de del della der den di da das dos du la le van von y e".split()
)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
_ARABIC = re.compile("[\u0600-\u06ff]")
# The article joined to an Arabic word ("العمراني"), written apart in Latin ("El Amrani").
_ARABIC_ARTICLE = re.compile("(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2,})")
# anyascii writes ain and hamza as ` and ': letters that Latin spellings leave out.
_AIN_HAMZA = str.maketrans("", "", "`'")
_CJK_CHAR = re.compile("([\u3400-\u9fff\uf900-\ufaff])")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Plain lower-case Latin letters and digits, words separated by single spaces."""
    if text.isascii():
        return " ".join(_NON_ALNUM.sub(" ", text.lower()).split())
    text = unicodedata.normalize("NFC", text)
    if _CJK.search(text):  # each syllable its own word: 王丽 -> "wang li"
        text = _CJK_CHAR.sub(lambda m: f" {anyascii(m.group(1))} ", text)
    if _ARABIC.search(text):
        text = anyascii(_ARABIC_ARTICLE.sub("", text)).translate(_AIN_HAMZA)
    return " ".join(_NON_ALNUM.sub(" ", anyascii(text).lower()).split())


def name_tokens(*parts: str) -> tuple[str, ...]:
    return tuple(token for part in parts for token in fold(part).split())


def name_key(given: str, family: str) -> str:
    """The same for a name written with or without accents, hyphens, in any word order."""
    return " ".join(sorted(name_tokens(given, family)))


def skeleton(token: str) -> str:
    """Consonants only, repeats collapsed: "Mohamed", "Muhammad" and محمد give "mhmd"."""
    return _REPEATS.sub(r"\1", _VOWELS.sub("", token))


@dataclass(frozen=True)
class Person:
    """What comparing needs of a participant."""

    id: str
    given_name: str
    family_name: str
    email: str = ""
    organisation: str = ""

    @property
    def tokens(self) -> tuple[str, ...]:
        return name_tokens(self.given_name, self.family_name)


@dataclass(frozen=True)
class DuplicatePair:
    first_id: str
    second_id: str
    score: float  # 0..1
    reasons: tuple[str, ...]  # codes of REASONS


def compare(a: Person, b: Person) -> tuple[float, tuple[str, ...]]:
    """How likely two records are one person (0 to 1), and why."""
    reasons: list[str] = []
    score = 0.0
    if a.email and b.email and a.email.casefold() == b.email.casefold():
        score, reasons = 1.0, ["same_email"]
    ta, tb = a.tokens, b.tokens
    if not ta or not tb:
        return score, tuple(reasons)
    sa = {t for t in ta if t not in PARTICLES} or set(ta)
    sb = {t for t in tb if t not in PARTICLES} or set(tb)
    if sorted(ta) == sorted(tb) or sa == sb:
        return max(score, 0.97), (*reasons, "same_name")
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(small) >= 2 and small < large:
        return max(score, 0.9), (*reasons, "extra_names")
    spelling = fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) / 100
    if spelling >= 0.88 and len("".join(ta)) >= 6:
        return max(score, spelling * 0.95), (*reasons, "similar_spelling")
    ka = {skeleton(t) for t in sa} - {""}
    kb = {skeleton(t) for t in sb} - {""}
    if ka and ka == kb and max(len(k) for k in ka) >= 3:
        return max(score, 0.8), (*reasons, "transliteration")
    return score, tuple(reasons)


def _blocks(person: Person) -> set[str]:
    keys = set()
    for token in person.tokens:
        if token in PARTICLES:
            continue
        if len(token) >= 3:
            keys.add("t:" + token[:5])
        bones = skeleton(token)
        if len(bones) >= 3:
            keys.add("s:" + bones)
    if person.email:
        keys.add("e:" + person.email.casefold())
    return keys


def find_pairs(
    people: Iterable[Person],
    *,
    against: Iterable[Person] | None = None,
    threshold: float = 0.78,
    max_block: int = 300,
) -> list[DuplicatePair]:
    """Likely duplicate pairs among ``people`` (or between ``people`` and ``against``)."""
    people = list(people)
    others = people if against is None else list(against)
    index: dict[str, list[int]] = {}
    for number, person in enumerate(others):
        for key in _blocks(person):
            index.setdefault(key, []).append(number)
    seen: set[tuple[str, str]] = set()
    found: list[DuplicatePair] = []
    for person in people:
        candidates: set[int] = set()
        for key in _blocks(person):
            block = index.get(key, ())
            if len(block) <= max_block or key.startswith("e:"):
                candidates.update(block)
        for number in candidates:
            other = others[number]
            if other.id == person.id:
                continue
            pair = tuple(sorted((person.id, other.id)))
            if pair in seen:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            score, reasons = compare(person, other)
            if score >= threshold:
                found.append(DuplicatePair(pair[0], pair[1], round(score, 3), reasons))
    found.sort(key=lambda p: (-p.score, p.first_id, p.second_id))
    return found


def _people(ws: Workspace, meeting_id: str | None) -> list[Person]:
    if meeting_id is None:
        rows = ws.query(
            "SELECT p.id, p.given_name, p.family_name, p.email, "
            "coalesce(m.acronym, p.organisation) AS org FROM participants p "
            "LEFT JOIN mechanisms m ON m.id = p.mechanism_id"
        )
    else:
        rows = ws.query(
            "SELECT p.id, p.given_name, p.family_name, p.email, "
            "coalesce(m.acronym, p.organisation) AS org FROM meeting_participants mp "
            "JOIN participants p ON p.id = mp.participant_id "
            "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ?",
            (meeting_id,),
        )
    return [
        Person(r["id"], r["given_name"], r["family_name"], r["email"], r["org"] or "") for r in rows
    ]


def find_duplicates(
    ws: Workspace, meeting_id: str | None = None, *, threshold: float = 0.78
) -> list[DuplicatePair]:
    """Likely duplicates among a meeting's participants (or the whole workspace)."""
    return find_pairs(_people(ws, meeting_id), threshold=threshold)


def duplicates_of(
    ws: Workspace, people: Iterable[Person], *, threshold: float = 0.78
) -> list[DuplicatePair]:
    """Pairs (new person, existing person) for people about to be added."""
    return find_pairs(people, against=_people(ws, None), threshold=threshold)


# ---- merging ---------------------------------------------------------------------------------

MERGE_FIELDS = participants.FIELDS  # a merge chooses among all of a person's fields
_ROLE_ORDER = ("rapporteur", "facilitator", "pinned")


def merged_values(keep: Mapping, drop: Mapping) -> dict[str, object]:
    """The values a merge proposes: the kept record's, with its blanks filled from the other."""
    out: dict[str, object] = {}
    for name in MERGE_FIELDS:
        mine, theirs = keep.get(name), drop.get(name)
        if name == "languages":
            combined = list(dict.fromkeys([*json.loads(mine or "[]"), *json.loads(theirs or "[]")]))
            out[name] = combined
        elif name == "category":
            out[name] = theirs if mine == "other" and theirs else mine
        else:
            out[name] = mine if mine else theirs
    return out


def merge(
    ws: Workspace, keep_id: str, drop_id: str, values: Mapping[str, object] | None = None
) -> records.Changes:
    """Make ``drop_id`` part of ``keep_id``: one transaction, nothing of either lost.

    ``values`` are the fields chosen side by side (by default the kept record's, blanks
    filled from the other). Roles in a meeting both attend are united. When both are in a
    breakout group of the same meeting, the membership carrying more responsibility
    (rapporteur, then facilitator, then pinned) is kept, with the flags of both if it is the
    same group. Speaker slots, queue places, interventions, note attributions and survey
    answers move to the kept record.
    """
    from . import participants

    if keep_id == drop_id:
        raise ValidationError(_("choose two different people to merge"))
    keep = records.require(ws, "participants", keep_id)
    drop = records.require(ws, "participants", drop_id)
    chosen = dict(merged_values(keep, drop))
    if values:
        unknown = set(values) - set(MERGE_FIELDS)
        if unknown:
            raise ValidationError(f"unknown participant field(s): {', '.join(sorted(unknown))}")
        chosen.update(values)
    with ws.transaction():
        _merge_meetings(ws, keep_id, drop_id)
        _merge_groups(ws, keep_id, drop_id)
        _merge_speakers(ws, keep_id, drop_id)
        _merge_respondents(ws, keep_id, drop_id)
        _repoint_the_rest(ws, keep_id, drop_id)
        records.delete(ws, "participants", drop_id)
        participants.update_participant(ws, keep_id, **chosen)
    return records.Changes("participants", (keep_id, drop_id))


def _merge_meetings(ws: Workspace, keep_id: str, drop_id: str) -> None:
    kept = {
        r["meeting_id"]: r
        for r in ws.query("SELECT * FROM meeting_participants WHERE participant_id = ?", (keep_id,))
    }
    for row in ws.query("SELECT * FROM meeting_participants WHERE participant_id = ?", (drop_id,)):
        mine = kept.get(row["meeting_id"])
        if mine is None:
            ws.conn.execute(
                "UPDATE meeting_participants SET participant_id = ? "
                "WHERE meeting_id = ? AND participant_id = ?",
                (keep_id, row["meeting_id"], drop_id),
            )
            continue
        roles = list(dict.fromkeys([*json.loads(mine["roles"]), *json.loads(row["roles"])]))
        if len(roles) > 1 and "participant" in roles:  # keep "participant" last, as entered
            roles = [r for r in roles if r != "participant"] + ["participant"]
        ws.conn.execute(
            "UPDATE meeting_participants SET roles = ?, position = min(position, ?) "
            "WHERE meeting_id = ? AND participant_id = ?",
            (json.dumps(roles), row["position"], row["meeting_id"], keep_id),
        )


def _weight(row: Mapping) -> tuple[int, int, int]:
    return (row["is_rapporteur"], row["is_facilitator"], row["pinned"])


def _merge_groups(ws: Workspace, keep_id: str, drop_id: str) -> None:
    sql = (
        "SELECT m.*, g.meeting_id FROM group_members m JOIN breakout_groups g "
        "ON g.id = m.group_id WHERE m.participant_id = ?"
    )
    kept = {r["meeting_id"]: r for r in ws.query(sql, (keep_id,))}
    for row in ws.query(sql, (drop_id,)):
        mine = kept.get(row["meeting_id"])
        if mine is not None and mine["group_id"] == row["group_id"]:
            ws.conn.execute(
                "UPDATE group_members SET is_facilitator = max(is_facilitator, ?), "
                "is_rapporteur = max(is_rapporteur, ?), pinned = max(pinned, ?) "
                "WHERE group_id = ? AND participant_id = ?",
                (
                    row["is_facilitator"],
                    row["is_rapporteur"],
                    row["pinned"],
                    row["group_id"],
                    keep_id,
                ),
            )
        elif mine is not None and _weight(mine) >= _weight(row):
            continue  # the kept membership carries as much responsibility; drop's goes
        else:
            if mine is not None:
                ws.conn.execute(
                    "DELETE FROM group_members WHERE group_id = ? AND participant_id = ?",
                    (mine["group_id"], keep_id),
                )
            ws.conn.execute(
                "UPDATE group_members SET participant_id = ? WHERE group_id = ? AND participant_id = ?",
                (keep_id, row["group_id"], drop_id),
            )


def _merge_speakers(ws: Workspace, keep_id: str, drop_id: str) -> None:
    ws.conn.execute(
        "UPDATE OR IGNORE agenda_item_speakers SET participant_id = ? WHERE participant_id = ?",
        (keep_id, drop_id),
    )  # an item both speak at keeps the kept person's slot; the other row goes with drop


def _merge_respondents(ws: Workspace, keep_id: str, drop_id: str) -> None:
    for row in ws.query(
        "SELECT id, survey_id FROM survey_respondents WHERE participant_id = ?", (drop_id,)
    ):
        mine = ws.scalar(
            "SELECT id FROM survey_respondents WHERE survey_id = ? AND participant_id = ?",
            (row["survey_id"], keep_id),
        )
        if mine is None:
            ws.conn.execute(
                "UPDATE survey_respondents SET participant_id = ? WHERE id = ?",
                (keep_id, row["id"]),
            )
        else:  # both answered the same survey: the kept answers stand, the other's fill gaps
            ws.conn.execute(
                "UPDATE OR IGNORE survey_answers SET respondent_id = ? WHERE respondent_id = ?",
                (mine, row["id"]),
            )


def _repoint_the_rest(ws: Workspace, keep_id: str, drop_id: str) -> None:
    """Every other column that names a participant (moderators, notes, queues, and any
    table added later) now names the kept record."""
    handled = {
        "meeting_participants",
        "group_members",
        "agenda_item_speakers",
        "survey_respondents",
    }
    tables = [r["name"] for r in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table in handled:
            continue
        for fk in ws.query(f"PRAGMA foreign_key_list([{table}])"):
            if fk["table"] == "participants":
                ws.conn.execute(
                    f"UPDATE [{table}] SET [{fk['from']}] = ? WHERE [{fk['from']}] = ?",
                    (keep_id, drop_id),
                )
