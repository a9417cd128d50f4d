"""Forming breakout groups automatically, and saying how.

Two ways:

- **by region**, as GRCP 7 did: one group per region. A person goes to the group of their
  mechanism's region; a member of an inter-regional forum (IRF) goes to a region the IRF
  covers (the region of their country when it is one of them, else the smaller group); a
  person whose organisation has no region (a global process, a UN body, the organiser) goes
  by the region of their country.
- **mixed**: groups balanced over region, category, first language and gender: each person
  joins the group where people like them are fewest, size first.

Both keep pinned people, facilitators and rapporteurs where they are, respect room capacity,
and leave a person the plan cannot place (no region known, no group for it, rooms full) in
their current group while it has a seat: a secretariat that placed someone by hand expects
them to stay rather than fall out of every group. They return plain data: where each person
went and why, who could not be placed and why (with their names and the group they leave), and
per group the counts by region, category, language and gender (``balance``). Nothing is half
done: ``apply`` writes the whole assignment in one transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from . import records
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .store import Workspace

MODES = {"region": N_("By region"), "mixed": N_("Mixed, balanced")}
DIMENSIONS = ("region", "category", "language", "gender")
DIMENSION_LABELS = {
    "region": N_("Region"),
    "category": N_("Category"),
    "language": N_("Language"),
    "gender": N_("Gender"),
}
# Why a person went where they went, or was left out.
REASONS = {
    "kept": N_("kept in place (pinned, facilitator or rapporteur)"),
    "current_group": N_("left in their current group, as the plan had no place for them"),
    "mechanism_region": N_("the region of their mechanism"),
    "irf_country_region": N_("a region their inter-regional forum covers, that of their country"),
    "irf_smaller_group": N_("a region their inter-regional forum covers, the smaller group"),
    "country_region": N_("the region of their country"),
    "balance": N_("the group where people like them were fewest"),
    "no_region": N_("no region known (no regional mechanism, no country)"),
    "no_group_for_region": N_("no group for their region"),
    "full": N_("every group they could join is full"),
}
UNKNOWN = ""  # the value counted for a person whose region, language or gender is not known

# Countries whose time zones say Asia but whose processes (Almaty, Prague, EaPPMA) and UN
# regional commission (UNECE) place them in Europe; island states whose zones say an ocean.
_COUNTRY_REGION_OVERRIDES = {
    **dict.fromkeys(("RU", "KZ", "KG", "TJ", "TM", "UZ", "AM", "AZ", "GE", "CY"), "europe"),
    **dict.fromkeys(("IS", "FO", "PT", "ES"), "europe"),
    **dict.fromkeys(("CV", "SH", "MU", "SC", "KM", "MG", "RE", "YT", "ST"), "africa"),
    **dict.fromkeys(("MV", "IO", "CX", "CC"), "asia_pacific_middle_east"),
    **dict.fromkeys(("BM", "FK", "GS"), "americas"),
}
_ZONE_REGIONS = {
    "Africa": "africa",
    "America": "americas",
    "Europe": "europe",
    "Asia": "asia_pacific_middle_east",
    "Australia": "asia_pacific_middle_east",
    "Pacific": "asia_pacific_middle_east",
}


@cache
def country_region(country: str) -> str | None:
    """The GRCP region of an ISO 3166-1 alpha-2 country code (None when not known)."""
    from babel.core import get_global

    country = (country or "").upper()
    if country in _COUNTRY_REGION_OVERRIDES:
        return _COUNTRY_REGION_OVERRIDES[country]
    zones = get_global("territory_zones").get(country, [])
    votes = Counter(_ZONE_REGIONS.get(z.split("/")[0]) for z in zones)
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else None


@dataclass
class Person:
    id: str
    name: str
    category: str
    country: str
    language: str
    gender: str
    mechanism_kind: str
    mechanism_regions: tuple[str, ...]
    region: str = UNKNOWN  # the region counted in the balance


@dataclass
class GroupInfo:
    id: str
    name: str
    region: str | None
    capacity: int | None
    kept: list[str] = field(default_factory=list)  # ids kept in place


@dataclass(frozen=True)
class Placement:
    participant_id: str
    group_id: str | None
    reason: str  # a code of REASONS


@dataclass(frozen=True)
class GroupBalance:
    group_id: str
    name: str
    size: int
    capacity: int | None
    counts: dict[str, dict[str, int]]  # dimension -> value -> count


@dataclass(frozen=True)
class Assignment:
    meeting_id: str
    mode: str
    placements: tuple[Placement, ...]
    balance: tuple[GroupBalance, ...]
    names: dict[str, str] = field(default_factory=dict)  # participant id -> name
    current: dict[str, str] = field(default_factory=dict)  # participant id -> group now

    @property
    def unplaced(self) -> list[Placement]:
        return [p for p in self.placements if p.group_id is None]

    def leaving(self, participant_id: str) -> str | None:
        """The group a person not placed is in now, and would leave (None: in no group)."""
        return self.current.get(participant_id)

    def group_of(self, participant_id: str) -> str | None:
        return next(
            (p.group_id for p in self.placements if p.participant_id == participant_id), None
        )

    def reasons(self) -> Counter:
        return Counter(p.reason for p in self.placements)


def _load(ws: Workspace, meeting_id: str) -> tuple[list[Person], list[GroupInfo]]:
    records.require(ws, "meetings", meeting_id)
    source = str(ws.scalar("SELECT source_lang FROM meetings WHERE id = ?", (meeting_id,)))
    regions: dict[str, list[str]] = {}
    for row in ws.query(
        "SELECT r.mechanism_id, r.region FROM mechanism_regions r "
        "JOIN regions g ON g.code = r.region ORDER BY g.position"
    ):
        regions.setdefault(row["mechanism_id"], []).append(row["region"])
    with ws.lock:  # plain tuples: thousands of rows, read as fast as SQLite gives them
        rows = ws.conn.execute(
            "SELECT p.id, p.given_name, p.family_name, p.category, p.country, p.languages, "
            "p.gender, p.mechanism_id, m.kind FROM meeting_participants mp "
            "JOIN participants p ON p.id = mp.participant_id "
            "LEFT JOIN mechanisms m ON m.id = p.mechanism_id "
            "WHERE mp.meeting_id = ? ORDER BY mp.position",
            (meeting_id,),
        ).fetchall()
    first_language: dict[str, str] = {}
    people = []
    for pid, given, family, category, country, languages, gender, mechanism_id, kind in rows:
        if languages not in first_language:
            codes = json.loads(languages)
            first_language[languages] = codes[0] if codes else UNKNOWN
        people.append(
            Person(
                pid,
                f"{given} {family}".strip(),
                category,
                country,
                first_language[languages],
                gender or UNKNOWN,
                kind or "",
                tuple(regions.get(mechanism_id, ())),
            )
        )
    group_rows = ws.query(
        "SELECT id, name, region, capacity FROM breakout_groups WHERE meeting_id = ? "
        "ORDER BY position",
        (meeting_id,),
    )
    groups = []
    for row in group_rows:
        names = json.loads(row["name"])
        name = names.get(source) or next(iter(names.values()), "")
        groups.append(GroupInfo(row["id"], name, row["region"], row["capacity"]))
    if groups:
        by_id = {g.id: g for g in groups}
        ids = list(by_id)
        for row in ws.query(
            f"SELECT group_id, participant_id FROM group_members WHERE group_id IN "
            f"({','.join('?' * len(ids))}) AND (pinned = 1 OR is_facilitator = 1 "
            "OR is_rapporteur = 1)",
            tuple(ids),
        ):
            by_id[row["group_id"]].kept.append(row["participant_id"])
    return people, groups


def _home_region(person: Person) -> str | None:
    if len(person.mechanism_regions) == 1:
        return person.mechanism_regions[0]
    own = country_region(person.country)
    if person.mechanism_regions:
        return own if own in person.mechanism_regions else person.mechanism_regions[0]
    return own


def plan(ws: Workspace, meeting_id: str, mode: str) -> Assignment:
    """Where everyone would go; nothing is written."""
    if mode not in MODES:
        raise ValidationError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
    people, groups = _load(ws, meeting_id)
    if not groups:
        raise ValidationError(_("the meeting has no breakout groups yet; add them first"))
    for person in people:
        person.region = _home_region(person) or UNKNOWN
    kept = {pid: g.id for g in groups for pid in g.kept}
    sizes = {g.id: len(g.kept) for g in groups}
    placements = [Placement(pid, gid, "kept") for pid, gid in kept.items()]
    movable = [p for p in people if p.id not in kept]
    current = _current(ws, groups)
    if mode == "region":
        # Within each tier, people already in a group first: a full room then leaves out
        # those in no group rather than bump someone the secretariat placed.
        movable.sort(key=lambda p: p.id not in current)
        placements += _by_region(movable, groups, sizes)
    else:
        by_id = {p.id: p for p in people}
        placements += _mixed(movable, groups, sizes, [by_id[i] for i in kept if i in by_id], kept)
    placements = _stay_where_possible(placements, groups, current)
    order = {p.id: n for n, p in enumerate(people)}
    placements.sort(key=lambda p: order.get(p.participant_id, len(order)))
    return Assignment(
        meeting_id,
        mode,
        tuple(placements),
        _balance(people, groups, placements),
        {p.id: p.name for p in people},
        current,
    )


def _current(ws: Workspace, groups: list[GroupInfo]) -> dict[str, str]:
    ids = [g.id for g in groups]
    with ws.lock:
        rows = ws.conn.execute(
            f"SELECT participant_id, group_id FROM group_members WHERE group_id IN "
            f"({','.join('?' * len(ids))})",
            tuple(ids),
        ).fetchall()
    return {pid: gid for pid, gid in rows}


def _stay_where_possible(
    placements: list[Placement], groups: list[GroupInfo], current: dict[str, str]
) -> list[Placement]:
    """People the plan left out stay in their current group while it has a free seat."""
    capacity = {g.id: g.capacity for g in groups}
    sizes = Counter(p.group_id for p in placements if p.group_id is not None)
    out = []
    for placement in placements:
        group_id = current.get(placement.participant_id)
        if placement.group_id is None and group_id is not None:
            seats = capacity.get(group_id)
            if seats is None or sizes[group_id] < seats:
                sizes[group_id] += 1
                placement = Placement(placement.participant_id, group_id, "current_group")
        out.append(placement)
    return out


def _room(group: GroupInfo, sizes: dict[str, int]) -> bool:
    return group.capacity is None or sizes[group.id] < group.capacity


def _by_region(
    people: list[Person], groups: list[GroupInfo], sizes: dict[str, int]
) -> list[Placement]:
    by_region: dict[str, list[GroupInfo]] = {}
    for group in groups:
        if group.region:
            by_region.setdefault(group.region, []).append(group)
    if not by_region:
        raise ValidationError(
            _("no breakout group has a region; give each group its region, or form mixed groups")
        )
    out: list[Placement] = []
    # Members of a regional mechanism first, then members of inter-regional forums (who
    # even the groups out), then people placed by their country, who are the first left out
    # when a room is full.
    ordered = sorted(
        people,
        key=lambda p: 0 if len(p.mechanism_regions) == 1 else 1 if p.mechanism_regions else 2,
    )
    for person in ordered:
        if len(person.mechanism_regions) > 1:
            own = country_region(person.country)
            covered = [r for r in person.mechanism_regions if r in by_region]
            if own in covered:
                choices, reason = [own], "irf_country_region"
            else:
                choices, reason = covered, "irf_smaller_group"
        elif person.region:
            choices = [person.region]
            reason = "mechanism_region" if person.mechanism_regions else "country_region"
        else:
            out.append(Placement(person.id, None, "no_region"))
            continue
        candidates = [g for r in choices for g in by_region.get(r, ())]
        if not candidates:
            out.append(Placement(person.id, None, "no_group_for_region"))
            continue
        open_groups = [g for g in candidates if _room(g, sizes)]
        if not open_groups:
            out.append(Placement(person.id, None, "full"))
            continue
        group = min(open_groups, key=lambda g: sizes[g.id])
        person.region = group.region or person.region
        sizes[group.id] += 1
        out.append(Placement(person.id, group.id, reason))
    return out


def _mixed(
    people: list[Person],
    groups: list[GroupInfo],
    sizes: dict[str, int],
    kept_people: list[Person],
    kept: dict[str, str],
) -> list[Placement]:
    index = {g.id: n for n, g in enumerate(groups)}
    n_groups = len(groups)
    size = [sizes[g.id] for g in groups]
    capacity = [g.capacity if g.capacity is not None else 1 << 30 for g in groups]
    counts: list[dict[tuple[int, str], int]] = [{} for _ in groups]

    def keys(person: Person) -> tuple[tuple[int, str], ...]:
        return (
            (0, person.region),
            (1, person.category),
            (2, person.language),
            (3, person.gender),
        )

    for person in kept_people:
        column = counts[index[kept[person.id]]]
        for key in keys(person):
            column[key] = column.get(key, 0) + 1
    # The rarest kinds of people first: they are the hardest to spread evenly.
    frequency = Counter(k for p in [*people, *kept_people] for k in keys(p))
    ordered = sorted(people, key=lambda p: sum(frequency[k] for k in keys(p)))
    total = len(people) + len(kept_people)
    # Each term is about 1 in a perfectly even group: a group's size over the average size,
    # and for each attribute its count over its even share. Size counts twice.
    size_weight = 2.0 * n_groups / max(1, total)
    out: list[Placement] = []
    for person in ordered:
        k0, k1, k2, k3 = keys(person)
        f0, f1, f2, f3 = (n_groups / frequency[k] for k in (k0, k1, k2, k3))
        best, best_cost = -1, 0.0
        for g in range(n_groups):
            if size[g] >= capacity[g]:
                continue
            column = counts[g]
            cost = (
                size[g] * size_weight
                + column.get(k0, 0) * f0
                + column.get(k1, 0) * f1
                + column.get(k2, 0) * f2
                + column.get(k3, 0) * f3
            )
            if best < 0 or cost < best_cost:
                best, best_cost = g, cost
        if best < 0:
            out.append(Placement(person.id, None, "full"))
            continue
        size[best] += 1
        column = counts[best]
        for key in (k0, k1, k2, k3):
            column[key] = column.get(key, 0) + 1
        out.append(Placement(person.id, groups[best].id, "balance"))
    return out


def _balance(
    people: list[Person], groups: list[GroupInfo], placements: Iterable[Placement]
) -> tuple[GroupBalance, ...]:
    by_id = {p.id: p for p in people}
    tallies = {g.id: {d: Counter() for d in DIMENSIONS} for g in groups}
    sizes: Counter = Counter()
    for placement in placements:
        person = by_id.get(placement.participant_id)
        if placement.group_id is None or person is None:
            continue
        sizes[placement.group_id] += 1
        tally = tallies[placement.group_id]
        tally["region"][person.region] += 1
        tally["category"][person.category] += 1
        tally["language"][person.language] += 1
        tally["gender"][person.gender] += 1
    return tuple(
        GroupBalance(
            g.id,
            g.name,
            sizes[g.id],
            g.capacity,
            {d: dict(sorted(tallies[g.id][d].items())) for d in DIMENSIONS},
        )
        for g in groups
    )


def current_balance(ws: Workspace, meeting_id: str) -> tuple[GroupBalance, ...]:
    """The counts per group as the groups stand now (for the board)."""
    people, groups = _load(ws, meeting_id)
    for person in people:
        person.region = _home_region(person) or UNKNOWN
    ids = [g.id for g in groups]
    if not ids:
        return ()
    with ws.lock:
        members = ws.conn.execute(
            f"SELECT participant_id, group_id FROM group_members WHERE group_id IN "
            f"({','.join('?' * len(ids))})",
            tuple(ids),
        ).fetchall()
    placements = [Placement(pid, gid, "kept") for pid, gid in members]
    return _balance(people, groups, placements)


def apply(ws: Workspace, assignment: Assignment) -> records.Changes:
    """Write an assignment: every member who is not kept in place leaves their group, then
    everyone placed joins theirs. One transaction."""
    group_ids = [
        r["id"]
        for r in ws.query(
            "SELECT id FROM breakout_groups WHERE meeting_id = ?", (assignment.meeting_id,)
        )
    ]
    if not group_ids:
        raise ValidationError(_("the meeting has no breakout groups yet; add them first"))
    marks = ",".join("?" * len(group_ids))
    with ws.transaction():
        ws.conn.execute(
            f"DELETE FROM group_members WHERE group_id IN ({marks}) AND pinned = 0 "
            "AND is_facilitator = 0 AND is_rapporteur = 0",
            tuple(group_ids),
        )
        ws.conn.executemany(
            "INSERT INTO group_members(group_id, participant_id) VALUES (?, ?) "
            "ON CONFLICT DO NOTHING",
            [
                (p.group_id, p.participant_id)
                for p in assignment.placements
                if p.group_id is not None and p.reason != "kept"
            ],
        )
    return records.Changes("breakout_groups", tuple(group_ids))


def assign_automatically(ws: Workspace, meeting_id: str, mode: str) -> Assignment:
    """Plan and apply in one step; returns what was done, with the balance reached."""
    assignment = plan(ws, meeting_id, mode)
    apply(ws, assignment)
    return assignment
