"""Breakout groups: a room, an interpretation pair, members, facilitators and a rapporteur."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import meetings, records
from .errors import ValidationError
from .i18n import gettext as _
from .multilingual import Text, texts_from_json, texts_json
from .store import Workspace


@dataclass(frozen=True)
class Member:
    participant_id: str
    is_facilitator: bool
    is_rapporteur: bool
    pinned: bool


@dataclass(frozen=True)
class BreakoutGroup:
    id: str
    meeting_id: str
    agenda_item_id: str | None
    name: Text
    region: str | None
    room: str
    interpretation: tuple[str, ...]
    capacity: int | None
    guiding_questions: tuple[Text, ...]
    position: int
    members: tuple[Member, ...] = ()

    @property
    def facilitator_ids(self) -> list[str]:
        return [m.participant_id for m in self.members if m.is_facilitator]

    @property
    def rapporteur_id(self) -> str | None:
        return next((m.participant_id for m in self.members if m.is_rapporteur), None)


_FIELDS = (
    "agenda_item_id",
    "name",
    "region",
    "room",
    "interpretation",
    "capacity",
    "guiding_questions",
)


def _columns(ws: Workspace, values: Mapping[str, object], source_lang: str) -> dict[str, object]:
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValidationError(f"unknown group field(s): {', '.join(sorted(unknown))}")
    out: dict[str, object] = {}
    for name, value in values.items():
        if name == "name":
            text = Text(value, source_lang)  # type: ignore[arg-type]
            if not text:
                raise ValidationError(_("a breakout group needs a name"))
            out[name] = text.to_json()
        elif name == "guiding_questions":
            out[name] = texts_json(Text(q, source_lang) for q in value)  # type: ignore[union-attr]
        elif name == "interpretation":
            codes = list(value)  # type: ignore[call-overload]
            if len(set(codes)) != len(codes):
                raise ValidationError(_("an interpretation pair needs two different languages"))
            out[name] = records.json_list(
                records.check_languages(value, _("interpretation language"))
            )  # type: ignore[arg-type]
        elif name == "capacity":
            if value is not None and (not isinstance(value, int) or value <= 0):
                raise ValidationError(
                    _("the room capacity must be a positive number; got “{value}”").format(
                        value=value
                    )
                )
            out[name] = value
        elif name == "region":
            if (
                value is not None
                and ws.scalar("SELECT 1 FROM regions WHERE code = ?", (value,)) is None
            ):
                raise ValidationError(_("unknown region “{region}”").format(region=value))
            out[name] = value
        else:
            out[name] = value if name == "agenda_item_id" else str(value or "")
    return out


def create_group(
    ws: Workspace, meeting_id: str, *, name: Mapping[str, str] | str, **fields: object
) -> BreakoutGroup:
    records.require(ws, "meetings", meeting_id)
    values = _columns(ws, {"name": name, **fields}, meetings.source_lang(ws, meeting_id))
    with ws.transaction():
        _check_name_free(ws, meeting_id, Text.from_json(str(values["name"])), None)
        position = records.next_position(ws, "breakout_groups", "meeting_id = ?", (meeting_id,))
        group_id = records.insert(
            ws, "breakout_groups", {"meeting_id": meeting_id, "position": position, **values}
        )
    return get_group(ws, group_id)


def update_group(ws: Workspace, group_id: str, **fields: object) -> BreakoutGroup:
    group = get_group(ws, group_id)
    values = _columns(ws, fields, meetings.source_lang(ws, group.meeting_id))
    capacity = values.get("capacity")
    if isinstance(capacity, int) and capacity < len(group.members):
        raise ValidationError(too_small(capacity, len(group.members)))
    with ws.transaction():
        if "name" in values:
            _check_name_free(ws, group.meeting_id, Text.from_json(str(values["name"])), group_id)
        records.update(ws, "breakout_groups", group_id, values)
    return get_group(ws, group_id)


def _check_name_free(ws: Workspace, meeting_id: str, name: Text, group_id: str | None) -> None:
    """Two groups of a meeting never share a name in any language: rooms are told apart
    by it, on the board and in every document."""
    for other in list_groups(ws, meeting_id):
        if other.id == group_id:
            continue
        for lang, text in name.items():
            if other.name.get(lang, "").strip().casefold() == text.strip().casefold():
                raise ValidationError(
                    _("another group of the meeting is already called “{name}”").format(
                        name=text.strip()
                    )
                )


def too_small(capacity: int, members: int) -> str:
    """Why a capacity below the group's member count is refused."""
    return _(
        "the group has {members} members, more than the {capacity} seats asked for; "
        "move people out first, or give the room more seats"
    ).format(members=members, capacity=capacity)


def carry_translations(
    old: Sequence[Text], lines: Iterable[str], lang: str, source: str
) -> list[Text]:
    """Guiding questions from the lines of an editor that showed ``old`` in ``lang``.

    A line that is unchanged (wherever it moved) keeps its question whole, translations
    included. A line edited in the source language is a new question, in that language
    only: the translations of the text it replaces no longer say the same thing. A line
    edited in another language translates the question at its place: the source text and
    the other translations stay."""
    lines = [raw.strip() for raw in lines if raw.strip()]
    unused = list(old)
    kept: dict[int, Text] = {}
    for index, line in enumerate(lines):
        same = next((q for q in unused if q.get_text(lang, source).strip() == line), None)
        if same is not None:
            unused.remove(same)
            kept[index] = Text(same)
    out = []
    for index, line in enumerate(lines):
        if index in kept:
            out.append(kept[index])
        elif lang != source and index < len(old) and any(q is old[index] for q in unused):
            unused = [q for q in unused if q is not old[index]]
            out.append(old[index].with_text(lang, line))
        else:
            out.append(Text(line, lang))
    return out


def delete_group(ws: Workspace, group_id: str) -> records.Changes:
    """Delete a group; its members are then in no group."""
    group = get_group(ws, group_id)
    with ws.transaction():
        changes = records.delete(ws, "breakout_groups", group_id)
        records.renumber(ws, "breakout_groups", [g.id for g in list_groups(ws, group.meeting_id)])
    return changes


def reorder_groups(ws: Workspace, meeting_id: str, ordered_ids: list[str]) -> records.Changes:
    existing = {g.id for g in list_groups(ws, meeting_id)}
    if set(ordered_ids) != existing:
        raise ValidationError(_("the new order must name every group of the meeting once"))
    with ws.transaction():
        return records.Changes(
            "breakout_groups", records.renumber(ws, "breakout_groups", ordered_ids)
        )


def assign(
    ws: Workspace,
    group_id: str,
    participant_id: str,
    *,
    facilitator: bool = False,
    rapporteur: bool = False,
    pinned: bool = False,
) -> BreakoutGroup:
    """Put a participant in a group (leaving any other group of the same meeting)."""
    group = get_group(ws, group_id)
    in_meeting = ws.scalar(
        "SELECT 1 FROM meeting_participants WHERE meeting_id = ? AND participant_id = ?",
        (group.meeting_id, participant_id),
    )
    if in_meeting is None:
        raise ValidationError(_("only participants of the meeting can join its groups"))
    with ws.transaction():
        ws.conn.execute(
            "DELETE FROM group_members WHERE participant_id = ? AND group_id IN "
            "(SELECT id FROM breakout_groups WHERE meeting_id = ?)",
            (participant_id, group.meeting_id),
        )
        if rapporteur:
            ws.conn.execute(
                "UPDATE group_members SET is_rapporteur = 0 WHERE group_id = ?", (group_id,)
            )
        ws.conn.execute(
            "INSERT INTO group_members(group_id, participant_id, is_facilitator, is_rapporteur, pinned) "
            "VALUES (?, ?, ?, ?, ?)",
            (group_id, participant_id, int(facilitator), int(rapporteur), int(pinned)),
        )
    return get_group(ws, group_id)


def unassign(ws: Workspace, group_id: str, participant_id: str) -> records.Changes:
    with ws.transaction():
        ws.conn.execute(
            "DELETE FROM group_members WHERE group_id = ? AND participant_id = ?",
            (group_id, participant_id),
        )
    return records.Changes("group_members", (participant_id,))


def get_group(ws: Workspace, group_id: str) -> BreakoutGroup:
    row = records.require(ws, "breakout_groups", group_id)
    return _with_members(ws, [row])[0]


def list_groups(ws: Workspace, meeting_id: str) -> list[BreakoutGroup]:
    rows = ws.query(
        "SELECT * FROM breakout_groups WHERE meeting_id = ? ORDER BY position", (meeting_id,)
    )
    return _with_members(ws, rows)


def _with_members(ws: Workspace, rows: list[dict]) -> list[BreakoutGroup]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    members: dict[str, list[Member]] = {}
    for m in ws.query(
        f"SELECT * FROM group_members WHERE group_id IN ({','.join('?' * len(ids))}) "
        "ORDER BY is_rapporteur DESC, is_facilitator DESC",
        tuple(ids),
    ):
        members.setdefault(m["group_id"], []).append(
            Member(
                m["participant_id"],
                bool(m["is_facilitator"]),
                bool(m["is_rapporteur"]),
                bool(m["pinned"]),
            )
        )
    return [
        BreakoutGroup(
            id=r["id"],
            meeting_id=r["meeting_id"],
            agenda_item_id=r["agenda_item_id"],
            name=Text.from_json(r["name"]),
            region=r["region"],
            room=r["room"],
            interpretation=tuple(json.loads(r["interpretation"])),
            capacity=r["capacity"],
            guiding_questions=tuple(texts_from_json(r["guiding_questions"])),
            position=r["position"],
            members=tuple(members.get(r["id"], ())),
        )
        for r in rows
    ]


def group_of(ws: Workspace, meeting_id: str, participant_id: str) -> str | None:
    value = ws.scalar(
        "SELECT g.id FROM group_members m JOIN breakout_groups g ON g.id = m.group_id "
        "WHERE g.meeting_id = ? AND m.participant_id = ?",
        (meeting_id, participant_id),
    )
    return None if value is None else str(value)


@dataclass(frozen=True)
class Candidate:
    """A participant of the meeting as the group board shows them."""

    id: str
    given_name: str | None
    family_name: str | None
    organisation: str | None  # the mechanism's acronym, else the organisation


def candidates(ws: Workspace, meeting_id: str) -> list[Candidate]:
    """Everyone the meeting's groups can take, by family name then given name."""
    rows = ws.query(
        "SELECT p.id, p.given_name, p.family_name, "
        "coalesce(m.acronym, p.organisation) AS organisation "
        "FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id "
        "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ? "
        "ORDER BY p.family_name, p.given_name",
        (meeting_id,),
    )
    return [Candidate(r["id"], r["given_name"], r["family_name"], r["organisation"]) for r in rows]


def move_members(
    ws: Workspace, meeting_id: str, participant_ids: Iterable[str], group_id: str | None
) -> records.Changes:
    """Put people in one group of the meeting (or in none); one transaction. A person moved
    keeps the pin; facilitator and rapporteur roles belong to the group they were held in,
    so a person who leaves it loses them (``roles_lost`` says who, before the move)."""
    ids = list(dict.fromkeys(participant_ids))
    group_ids = [
        g["id"]
        for g in ws.query("SELECT id FROM breakout_groups WHERE meeting_id = ?", (meeting_id,))
    ]
    if group_id is not None and group_id not in group_ids:
        raise ValidationError(_("that group is not one of this meeting’s"))
    with ws.transaction():
        for pid in ids:
            current = ws.query(
                "SELECT m.group_id, m.pinned FROM group_members m JOIN breakout_groups g "
                "ON g.id = m.group_id WHERE g.meeting_id = ? AND m.participant_id = ?",
                (meeting_id, pid),
            )
            if current and current[0]["group_id"] == group_id:
                continue
            if group_id is None:
                if current:
                    unassign(ws, current[0]["group_id"], pid)
                continue
            assign(ws, group_id, pid, pinned=bool(current and current[0]["pinned"]))
    return records.Changes("breakout_groups", tuple(group_ids))


def roles_lost(
    ws: Workspace, meeting_id: str, participant_ids: Iterable[str], group_id: str | None
) -> list[str]:
    """Who, of the people about to move to ``group_id`` (None: to no group), would lose a
    facilitator or rapporteur role they hold in another group of the meeting."""
    ids = list(dict.fromkeys(participant_ids))
    if not ids:
        return []
    rows = ws.query(
        "SELECT m.participant_id FROM group_members m JOIN breakout_groups g "
        "ON g.id = m.group_id WHERE g.meeting_id = ? AND (m.is_facilitator = 1 "
        f"OR m.is_rapporteur = 1) AND m.participant_id IN ({','.join('?' * len(ids))}) "
        "AND m.group_id IS NOT ?",
        (meeting_id, *ids, group_id),
    )
    held = {r["participant_id"] for r in rows}
    return [pid for pid in ids if pid in held]


def set_member_flags(
    ws: Workspace,
    group_id: str,
    participant_id: str,
    *,
    facilitator: bool | None = None,
    rapporteur: bool | None = None,
    pinned: bool | None = None,
) -> BreakoutGroup:
    """Change a member's facilitator, rapporteur or pinned mark (a group has one rapporteur)."""
    exists = ws.scalar(
        "SELECT 1 FROM group_members WHERE group_id = ? AND participant_id = ?",
        (group_id, participant_id),
    )
    if exists is None:
        raise ValidationError(_("that person is not a member of this group"))
    with ws.transaction():
        if rapporteur:
            ws.conn.execute(
                "UPDATE group_members SET is_rapporteur = 0 WHERE group_id = ?", (group_id,)
            )
        for column, value in (
            ("is_facilitator", facilitator),
            ("is_rapporteur", rapporteur),
            ("pinned", pinned),
        ):
            if value is not None:
                ws.conn.execute(
                    f"UPDATE group_members SET {column} = ? WHERE group_id = ? AND participant_id = ?",
                    (int(value), group_id, participant_id),
                )
    return get_group(ws, group_id)
