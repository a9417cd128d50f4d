"""Who a survey asks, who answered, and the response rates.

Respondents are entities (one consolidated answer per mechanism, REO or UN commission) or
individual participants. An entity in several regions is counted in each.

As in ``surveys``, a check that decides whether a write is allowed (the respondent already on
the list, a reminder already noted) runs inside the write's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import records, surveys
from .errors import ValidationError
from .mechanisms import ENTITY_KINDS
from .multilingual import Text
from .participants import join_name
from .store import Workspace

STATUSES = ("invited", "reminded", "answered", "declined")


@dataclass(frozen=True)
class Respondent:
    id: str
    survey_id: str
    mechanism_id: str | None
    participant_id: str | None
    status: str
    invited_on: str | None
    deadline: str | None
    reminders: tuple[str, ...]
    submitted_by: str
    submitted_on: str | None


# -- the list -------------------------------------------------------------------------------


def add_respondent(
    ws: Workspace,
    survey_id: str,
    *,
    mechanism_id: str | None = None,
    participant_id: str | None = None,
    status: str = "invited",
    invited_on: str | None = None,
    deadline: str | None = None,
    reminders: Iterable[str] = (),
    submitted_by: str = "",
    submitted_on: str | None = None,
) -> Respondent:
    if (mechanism_id is None) == (participant_id is None):
        raise ValidationError("a respondent is either an entity or a participant")
    records.check_choice(status, STATUSES, "respondent status")
    reminders = [records.check_date(d, "reminder date") for d in reminders]
    with ws.transaction():
        survey = surveys.get_survey(ws, survey_id)
        if _on_list(ws, survey_id, mechanism_id=mechanism_id, participant_id=participant_id):
            raise ValidationError("that respondent is already on the survey's list")
        respondent_id = records.insert(
            ws,
            "survey_respondents",
            {
                "survey_id": survey_id,
                "mechanism_id": mechanism_id,
                "participant_id": participant_id,
                "status": status,
                "invited_on": invited_on or survey.invited_on,
                "deadline": deadline or survey.deadline,
                "reminders": json.dumps(reminders),
                "submitted_by": submitted_by,
                "submitted_on": submitted_on,
            },
        )
        return get_respondent(ws, respondent_id)


def _on_list(
    ws: Workspace, survey_id: str, *, mechanism_id: str | None, participant_id: str | None
) -> bool:
    """Whether this entity or participant is already asked; call inside the writing
    transaction."""
    column, value = (
        ("mechanism_id", mechanism_id) if mechanism_id else ("participant_id", participant_id)
    )
    return bool(
        ws.scalar(
            f"SELECT 1 FROM survey_respondents WHERE survey_id = ? AND {column} = ?",
            (survey_id, value),
        )
    )


def _respondent(r: Mapping) -> Respondent:
    return Respondent(
        r["id"],
        r["survey_id"],
        r["mechanism_id"],
        r["participant_id"],
        r["status"],
        r["invited_on"],
        r["deadline"],
        tuple(json.loads(r["reminders"])),
        r["submitted_by"],
        r["submitted_on"],
    )


def get_respondent(ws: Workspace, respondent_id: str) -> Respondent:
    return _respondent(records.require(ws, "survey_respondents", respondent_id))


def list_respondents(ws: Workspace, survey_id: str) -> list[Respondent]:
    rows = ws.query(
        "SELECT * FROM survey_respondents WHERE survey_id = ? ORDER BY rowid", (survey_id,)
    )
    return [_respondent(r) for r in rows]


def count_respondents(ws: Workspace, survey_id: str) -> int:
    """How many respondents the survey has, without loading them."""
    return int(
        ws.scalar("SELECT count(*) FROM survey_respondents WHERE survey_id = ?", (survey_id,)) or 0
    )


def update_respondent(ws: Workspace, respondent_id: str, **changes: object) -> Respondent:
    """Change status, invited_on, deadline, submitted_by or submitted_on."""
    with ws.transaction():
        get_respondent(ws, respondent_id)
        values: dict[str, object] = {}
        if "status" in changes:
            values["status"] = records.check_choice(
                str(changes.pop("status")), STATUSES, "respondent status"
            )
        for name, what in (
            ("invited_on", "invitation date"),
            ("deadline", "deadline"),
            ("submitted_on", "submission date"),
        ):
            if name in changes:
                value = changes.pop(name)
                values[name] = None if not value else records.check_date(str(value), what)
        if "submitted_by" in changes:
            values["submitted_by"] = str(changes.pop("submitted_by") or "").strip()
        if changes:
            raise ValidationError(f"cannot change {', '.join(sorted(changes))} of a respondent")
        records.update(ws, "survey_respondents", respondent_id, values)
        return get_respondent(ws, respondent_id)


def add_reminder(ws: Workspace, respondent_id: str, on: str) -> Respondent:
    """Note a reminder sent on a date; a respondent who has not answered becomes "reminded"."""
    with ws.transaction():
        respondent = get_respondent(ws, respondent_id)
        on = records.check_date(on, "reminder date")
        if on in respondent.reminders:
            raise ValidationError(f"a reminder on {on} is already noted")
        values: dict[str, object] = {"reminders": json.dumps(sorted([*respondent.reminders, on]))}
        if respondent.status == "invited":
            values["status"] = "reminded"
        records.update(ws, "survey_respondents", respondent_id, values)
        return get_respondent(ws, respondent_id)


def remind_all(ws: Workspace, survey_id: str, on: str) -> list[str]:
    """Note a reminder for everyone who has not answered yet; returns their ids."""
    on = records.check_date(on, "reminder date")
    with ws.transaction():
        waiting = [
            r.id
            for r in list_respondents(ws, survey_id)
            if r.status in ("invited", "reminded") and on not in r.reminders
        ]
        for respondent_id in waiting:
            add_reminder(ws, respondent_id, on)
    return waiting


def remove_respondent(ws: Workspace, respondent_id: str) -> records.Changes:
    with ws.transaction():
        return records.delete(ws, "survey_respondents", respondent_id)


def invite_entities(
    ws: Workspace, survey_id: str, kinds: Iterable[str] = ENTITY_KINDS
) -> list[str]:
    """Put every mechanism of these kinds on the list (one consolidated answer each)."""
    kinds = list(kinds)
    with ws.transaction():
        rows = ws.query(
            f"SELECT id FROM mechanisms WHERE kind IN ({','.join('?' * len(kinds))}) "
            "AND id NOT IN (SELECT mechanism_id FROM survey_respondents WHERE survey_id = ? "
            "AND mechanism_id IS NOT NULL) ORDER BY acronym COLLATE NOCASE",
            (*kinds, survey_id),
        )
        return [add_respondent(ws, survey_id, mechanism_id=r["id"]).id for r in rows]


def invite_participants(ws: Workspace, survey_id: str, participant_ids: Iterable[str]) -> list[str]:
    """Put these participants on the list (those already on it are skipped); returns the ids
    of the respondents added."""
    ids = []
    with ws.transaction():
        for pid in participant_ids:
            records.require(ws, "participants", pid)
            if not _on_list(ws, survey_id, mechanism_id=None, participant_id=pid):
                ids.append(add_respondent(ws, survey_id, participant_id=pid).id)
    return ids


# -- what lists show ------------------------------------------------------------------------


@dataclass(frozen=True)
class RespondentInfo:
    """What lists show about a respondent: its name, kind and regions."""

    id: str
    label: str  # acronym of an entity, full name of a participant
    name: Text  # an entity's name, by language
    kind: str  # rcp, irf, global, reo, unrc, other, or "participant"
    regions: tuple[str, ...]
    status: str
    mechanism_id: str | None
    participant_id: str | None
    email: str
    reminders: tuple[str, ...]
    invited_on: str | None
    deadline: str | None
    submitted_on: str | None


def respondent_infos(ws: Workspace, survey_id: str) -> list[RespondentInfo]:
    """Every respondent with its name, kind and regions (a participant's are its entity's)."""
    order = {r["code"]: r["position"] for r in ws.query("SELECT code, position FROM regions")}
    regions_of: dict[str, list[str]] = {}
    for r in ws.query("SELECT mechanism_id, region FROM mechanism_regions"):
        regions_of.setdefault(r["mechanism_id"], []).append(r["region"])
    for codes in regions_of.values():
        codes.sort(key=lambda c: order.get(c, 99))
    rows = ws.query(
        "SELECT r.id, r.mechanism_id, r.participant_id, r.status, r.reminders, r.invited_on, "
        "r.deadline, r.submitted_on, m.acronym, m.name AS mname, m.kind, p.given_name, "
        "p.family_name, p.email, p.mechanism_id AS pmechanism "
        "FROM survey_respondents r LEFT JOIN mechanisms m ON m.id = r.mechanism_id "
        "LEFT JOIN participants p ON p.id = r.participant_id "
        "WHERE r.survey_id = ? ORDER BY r.rowid",
        (survey_id,),
    )
    infos = []
    for r in rows:
        if r["mechanism_id"]:
            label, name, kind = r["acronym"], Text.from_json(r["mname"]), r["kind"]
            regions = regions_of.get(r["mechanism_id"], ())
        else:
            label = join_name(r["given_name"], r["family_name"])
            name, kind = Text(label), "participant"
            regions = regions_of.get(r["pmechanism"], ()) if r["pmechanism"] else ()
        reminders = r["reminders"]
        infos.append(
            RespondentInfo(
                r["id"],
                label,
                name,
                kind,
                tuple(regions),
                r["status"],
                r["mechanism_id"],
                r["participant_id"],
                r["email"] or "",
                () if reminders == "[]" else tuple(json.loads(reminders)),
                r["invited_on"],
                r["deadline"],
                r["submitted_on"],
            )
        )
    return infos


def non_respondents_by_region(ws: Workspace, survey_id: str) -> dict[str, list[RespondentInfo]]:
    """Those who have not answered, under each of their regions (every region listed)."""
    result: dict[str, list[RespondentInfo]] = {
        r["code"]: [] for r in ws.query("SELECT code FROM regions ORDER BY position")
    }
    for info in respondent_infos(ws, survey_id):
        if info.status != "answered":
            for region in info.regions or ("",):
                result.setdefault(region, []).append(info)
    return result


# -- response rates -------------------------------------------------------------------------


@dataclass
class Rate:
    """How many of a group of respondents answered, and who did not."""

    answered: int = 0
    total: int = 0
    answered_ids: list[str] = field(default_factory=list)
    missing_ids: list[str] = field(default_factory=list)

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 0.0

    def add(self, respondent_id: str, has_answered: bool) -> None:
        self.total += 1
        if has_answered:
            self.answered += 1
            self.answered_ids.append(respondent_id)
        else:
            self.missing_ids.append(respondent_id)


@dataclass
class ResponseRates:
    overall: Rate
    by_region: dict[str, Rate]
    by_kind: dict[str, Rate]


def response_rates(ws: Workspace, survey_id: str) -> ResponseRates:
    """Overall, per region (an entity counted in each of its regions) and per entity kind."""
    regions = [r["code"] for r in ws.query("SELECT code FROM regions ORDER BY position")]
    rows = ws.query(
        "SELECT r.id, r.status, m.kind, p.id AS pid, "
        "(SELECT group_concat(region) FROM mechanism_regions mr WHERE mr.mechanism_id = r.mechanism_id) AS regions "
        "FROM survey_respondents r LEFT JOIN mechanisms m ON m.id = r.mechanism_id "
        "LEFT JOIN participants p ON p.id = r.participant_id WHERE r.survey_id = ? ORDER BY r.rowid",
        (survey_id,),
    )
    rates = ResponseRates(Rate(), {code: Rate() for code in regions}, {})
    for row in rows:
        done = row["status"] == "answered"
        rates.overall.add(row["id"], done)
        for region in (row["regions"] or "").split(","):
            if region:
                rates.by_region[region].add(row["id"], done)
        kind = row["kind"] or "participant"
        rates.by_kind.setdefault(kind, Rate()).add(row["id"], done)
    return rates
