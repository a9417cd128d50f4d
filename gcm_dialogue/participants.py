"""Participants: people, kept once per workspace, with their roles in each meeting."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import records
from .errors import ValidationError
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
_FIELDS = (
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
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    @property
    def display_name(self) -> str:
        """The name as a participant list prints it: "Ms Amina Diallo"."""
        return " ".join(part for part in (self.honorific, self.full_name) if part)


def _from_row(row: Mapping) -> Participant:
    roles = row.get("roles")
    return Participant(
        **{name: row[name] for name in _FIELDS if name != "languages"},
        id=row["id"],
        languages=tuple(json.loads(row["languages"])),
        roles=tuple(json.loads(roles)) if roles else (),
    )


def _columns(values: Mapping[str, object]) -> dict[str, object]:
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ValidationError(f"unknown participant field(s): {', '.join(sorted(unknown))}")
    out: dict[str, object] = {}
    for name, value in values.items():
        if name == "languages":
            out[name] = records.json_list(records.check_languages(value, "language"))  # type: ignore[arg-type]
        elif name == "category":
            out[name] = records.check_choice(str(value), CATEGORIES, "category")
        elif name == "gender":
            out[name] = records.check_choice(str(value or ""), GENDERS, "gender")
        elif name == "mechanism_id":
            out[name] = value or None
        elif name == "country":
            out[name] = str(value or "").strip().upper()
        else:
            out[name] = str(value or "").strip()
    email = str(out.get("email", ""))
    if email and ("@" not in email or " " in email):
        raise ValidationError(f"{email!r} is not an email address")
    return out


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles)) or ["participant"]
    for role in roles:
        records.check_choice(role, ROLES, "role")
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
        raise ValidationError("a participant needs a given or a family name")
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
            raise ValidationError("that person is not a participant of this meeting")
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
        raise ValidationError("a participant needs a given or a family name")
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
