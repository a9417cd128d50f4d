"""Participants: people, kept once per workspace, with their roles in each meeting."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import records
from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_
from .store import Workspace

CATEGORIES = {
    "iscm": N_("Inter-State consultation mechanism"),
    "reo": N_("Regional economic organization"),
    "unrc": N_("UN regional commission"),
    "un_body": N_("UN body"),
    "donor": N_("Donor"),
    "organizer": N_("Organizer"),
    "civil_society": N_("Civil society"),
    "other": N_("Other"),
}
ROLES = {
    "chair": N_("Chair"),
    "co_facilitator": N_("Co-facilitator"),
    "moderator": N_("Moderator"),
    "speaker": N_("Speaker"),
    "facilitator": N_("Facilitator"),
    "rapporteur": N_("Rapporteur"),
    "secretariat": N_("Secretariat"),
    "interpreter": N_("Interpreter"),
    "participant": N_("Participant"),
}
GENDERS = ("", "female", "male", "other")
# A participant's own fields (not their roles in a meeting).
FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "mechanism_id",
    "organisation",
    "category",
    "country",
    "job_title",
    "email",
    "languages",
    "gender",
)


@dataclass(frozen=True)
class Participant:
    id: str
    honorific: str
    given_name: str
    family_name: str
    mechanism_id: str | None
    organisation: str
    category: str
    country: str
    job_title: str
    email: str
    languages: tuple[str, ...]
    gender: str
    roles: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        return join_name(self.given_name, self.family_name)

    @property
    def display_name(self) -> str:
        """The name as a participant list prints it: "Ms Amina Diallo"."""
        return join_name(self.given_name, self.family_name, self.honorific)


def _is_han(text: str) -> bool:
    return bool(text) and all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


def join_name(given: str | None, family: str | None, honorific: str | None = "") -> str:
    """A person's name as written: "Ms Amina Diallo"; a Chinese name keeps its own order
    and no space, family name first ("王丽", not "丽 王")."""
    given, family = " ".join((given or "").split()), " ".join((family or "").split())
    if _is_han(given) and _is_han(family):
        name = family + given
    else:
        name = " ".join(part for part in (given, family) if part)
    return " ".join(part for part in ((honorific or "").strip(), name) if part)


def _from_row(row: Mapping) -> Participant:
    roles = row.get("roles")
    return Participant(
        **{name: row[name] for name in FIELDS if name != "languages"},
        id=row["id"],
        languages=tuple(json.loads(row["languages"])),
        roles=tuple(json.loads(roles)) if roles else (),
    )


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError(f"unknown participant field(s): {', '.join(sorted(unknown))}")
    out: dict[str, object] = {}
    for name, value in values.items():
        if name == "languages":
            out[name] = records.json_list(records.check_languages(value, _("language")))  # type: ignore[arg-type]
        elif name == "category":
            out[name] = records.check_choice(str(value), CATEGORIES, _("category"))
        elif name == "gender":
            out[name] = records.check_choice(str(value or ""), GENDERS, _("gender"))
        elif name == "mechanism_id":
            out[name] = value or None
        elif name == "country":
            out[name] = str(value or "").strip().upper()
        else:
            out[name] = str(value or "").strip()
    email = str(out.get("email", ""))
    if email and ("@" not in email or " " in email):
        raise ValidationError(_("“{email}” is not an email address").format(email=email))
    return out


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles)) or ["participant"]
    for role in roles:
        records.check_choice(role, ROLES, _("role"))
    return roles


def create_participant(
    ws: Workspace,
    *,
    meeting_id: str | None = None,
    roles: Iterable[str] = ("participant",),
    **fields: object,
) -> Participant:
    """Create a person; with ``meeting_id`` they also join that meeting with ``roles``."""
    values = _columns(fields)
    if not (values.get("given_name") or values.get("family_name")):
        raise ValidationError(_("a participant needs a given or a family name"))
    roles = _check_roles(roles)
    with ws.transaction():
        participant_id = records.insert(ws, "participants", values)
        if meeting_id is not None:
            _join(ws, meeting_id, participant_id, roles)
    return get_participant(ws, participant_id, meeting_id=meeting_id)


def _join(ws: Workspace, meeting_id: str, participant_id: str, roles: list[str]) -> None:
    from .clock import utc_now

    position = records.next_position(ws, "meeting_participants", "meeting_id = ?", (meeting_id,))
    ws.conn.execute(
        "INSERT INTO meeting_participants(meeting_id, participant_id, roles, position, created_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET roles = excluded.roles",
        (meeting_id, participant_id, json.dumps(roles), position, utc_now()),
    )


def add_to_meeting(
    ws: Workspace, meeting_id: str, participant_id: str, roles: Iterable[str] = ("participant",)
) -> Participant:
    roles = _check_roles(roles)
    records.require(ws, "participants", participant_id)
    with ws.transaction():
        _join(ws, meeting_id, participant_id, roles)
    return get_participant(ws, participant_id, meeting_id=meeting_id)


def set_roles(
    ws: Workspace, meeting_id: str, participant_id: str, roles: Iterable[str]
) -> Participant:
    roles = _check_roles(roles)
    with ws.transaction():
        cursor = ws.conn.execute(
            "UPDATE meeting_participants SET roles = ? WHERE meeting_id = ? AND participant_id = ?",
            (json.dumps(roles), meeting_id, participant_id),
        )
        if cursor.rowcount == 0:
            raise ValidationError(_("that person is not a participant of this meeting"))
    return get_participant(ws, participant_id, meeting_id=meeting_id)


def remove_from_meeting(ws: Workspace, meeting_id: str, participant_id: str) -> records.Changes:
    with ws.transaction():
        ws.conn.execute(
            "DELETE FROM group_members WHERE participant_id = ? AND group_id IN "
            "(SELECT id FROM breakout_groups WHERE meeting_id = ?)",
            (participant_id, meeting_id),
        )
        ws.conn.execute(
            "DELETE FROM meeting_participants WHERE meeting_id = ? AND participant_id = ?",
            (meeting_id, participant_id),
        )
    return records.Changes("meeting_participants", (participant_id,))


def update_participant(ws: Workspace, participant_id: str, **fields: object) -> Participant:
    values = _columns(fields)
    current = get_participant(ws, participant_id)
    given = values.get("given_name", current.given_name)
    family = values.get("family_name", current.family_name)
    if not (given or family):
        raise ValidationError(_("a participant needs a given or a family name"))
    with ws.transaction():
        records.update(ws, "participants", participant_id, values)
    return get_participant(ws, participant_id)


def delete_participant(ws: Workspace, participant_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "participants", participant_id)


def get_participant(
    ws: Workspace, participant_id: str, *, meeting_id: str | None = None
) -> Participant:
    if meeting_id is None:
        return _from_row(records.require(ws, "participants", participant_id))
    rows = ws.query(
        "SELECT p.*, mp.roles FROM participants p LEFT JOIN meeting_participants mp "
        "ON mp.participant_id = p.id AND mp.meeting_id = ? WHERE p.id = ?",
        (meeting_id, participant_id),
    )
    if not rows:
        records.require(ws, "participants", participant_id)
    return _from_row(rows[0])


def list_participants(ws: Workspace, meeting_id: str | None = None) -> list[Participant]:
    """A meeting's participants in registration order, or everyone in the workspace."""
    if meeting_id is None:
        rows = ws.query("SELECT * FROM participants ORDER BY family_name, given_name")
    else:
        rows = ws.query(
            "SELECT p.*, mp.roles FROM meeting_participants mp "
            "JOIN participants p ON p.id = mp.participant_id WHERE mp.meeting_id = ? "
            "ORDER BY mp.position",
            (meeting_id,),
        )
    return [_from_row(row) for row in rows]


def meeting_participant_ids(ws: Workspace, meeting_id: str) -> list[str]:
    """The ids of the meeting's participants."""
    return [
        r["participant_id"]
        for r in ws.query(
            "SELECT participant_id FROM meeting_participants WHERE meeting_id = ?", (meeting_id,)
        )
    ]


def full_names(ws: Workspace, participant_ids: Iterable[str]) -> dict[str, str]:
    """Participant id -> name with honorific, for the ids that exist."""
    ids = list(dict.fromkeys(participant_ids))
    if not ids:
        return {}
    rows = ws.query(
        "SELECT id, honorific, given_name, family_name FROM participants "
        f"WHERE id IN ({','.join('?' * len(ids))})",
        tuple(ids),
    )
    return {r["id"]: join_name(r["given_name"], r["family_name"], r["honorific"]) for r in rows}


# ---- many people at once (the participants table's multi-selection edits) -------------------


def _marks(ids: list[str]) -> str:
    return ",".join("?" * len(ids))


def set_category(ws: Workspace, participant_ids: Iterable[str], category: str) -> records.Changes:
    """Give every person named the same category; one transaction."""
    ids = list(dict.fromkeys(participant_ids))
    records.check_choice(category, CATEGORIES, _("category"))
    from .clock import utc_now

    with ws.transaction():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            ws.conn.execute(
                f"UPDATE participants SET category = ?, updated_at = ? WHERE id IN ({_marks(chunk)})",
                (category, utc_now(), *chunk),
            )
    return records.Changes("participants", tuple(ids))


def change_role(
    ws: Workspace, meeting_id: str, participant_ids: Iterable[str], role: str, *, add: bool = True
) -> records.Changes:
    """Add a role to (or take it from) each person named, in one meeting; one transaction.
    A person left with no role is a participant."""
    records.check_choice(role, ROLES, _("role"))
    ids = list(dict.fromkeys(participant_ids))
    with ws.transaction():
        for pid in ids:
            raw = ws.scalar(
                "SELECT roles FROM meeting_participants WHERE meeting_id = ? AND participant_id = ?",
                (meeting_id, pid),
            )
            if raw is None:
                raise ValidationError(
                    _("only participants of the meeting can be given a role in it")
                )
            roles = list(json.loads(str(raw)))
            if add and role not in roles:
                roles.insert(0 if role != "participant" else len(roles), role)
            elif not add:
                roles = [r for r in roles if r != role]
            ws.conn.execute(
                "UPDATE meeting_participants SET roles = ? WHERE meeting_id = ? AND participant_id = ?",
                (json.dumps(_check_roles(roles)), meeting_id, pid),
            )
    return records.Changes("meeting_participants", tuple(ids))


def remove_people(
    ws: Workspace, meeting_id: str, participant_ids: Iterable[str]
) -> records.Changes:
    """Take people off a meeting's list; a person who attends no other meeting is deleted."""
    ids = list(dict.fromkeys(participant_ids))
    with ws.transaction():
        for pid in ids:
            remove_from_meeting(ws, meeting_id, pid)
            others = ws.scalar(
                "SELECT count(*) FROM meeting_participants WHERE participant_id = ?", (pid,)
            )
            if not others:
                records.delete(ws, "participants", pid)
    return records.Changes("participants", tuple(ids))


# Each person's group in one meeting (at most one): group_members is read by participant
# first (CROSS JOIN keeps that order), so the cost is one index lookup per person.
def _group_of(column: str) -> str:
    return (
        f"(SELECT g.{column} FROM group_members gm CROSS JOIN breakout_groups g "
        "ON g.id = gm.group_id WHERE gm.participant_id = p.id AND g.meeting_id = mp.meeting_id)"
    )


def display_rows(ws: Workspace, meeting_id: str, participant_ids: Iterable[str]) -> dict[str, dict]:
    """What a table shows of each person named: fields, mechanism acronym, roles, group."""
    ids = list(participant_ids)
    out: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in ws.query(
            f"SELECT p.*, m.acronym, mp.roles, mp.position, {_group_of('name')} AS group_name "
            "FROM participants p JOIN meeting_participants mp ON mp.participant_id = p.id "
            "AND mp.meeting_id = ? LEFT JOIN mechanisms m ON m.id = p.mechanism_id "
            f"WHERE p.id IN ({_marks(chunk)})",
            (meeting_id, *chunk),
        ):
            out[row["id"]] = row
    return out


SORT_COLUMNS = {
    "name": "p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE",
    "organisation": "coalesce(m.acronym, p.organisation) COLLATE NOCASE",
    "category": "p.category",
    "country": "p.country",
    "roles": "mp.roles",
    "group": "group_position",
    "email": "p.email COLLATE NOCASE",
    "languages": "p.languages",
    "gender": "p.gender",
    "position": "mp.position",
}


def search_rows(
    ws: Workspace, meeting_id: str, sort: str = "position", descending: bool = False
) -> list[dict]:
    """Every participant of a meeting, sorted, with the fields a filter searches."""
    if sort not in SORT_COLUMNS:
        raise ValidationError(f"cannot sort by {sort!r}")
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"{part.strip()} {direction}" for part in SORT_COLUMNS[sort].split(","))
    return ws.query(
        "SELECT p.id, p.given_name, p.family_name, p.honorific, p.organisation, p.category, "
        "p.country, p.email, m.acronym, m.name AS mechanism_name, "
        f"{_group_of('position')} AS group_position "
        "FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id "
        "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ? "
        f"ORDER BY {order}, mp.position",
        (meeting_id,),
    )
