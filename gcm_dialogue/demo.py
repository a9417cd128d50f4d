"""The demo workspace: a GRCP 7-like meeting, filled in, built from ``resources/demo/``.

It goes through the same services as the application, so the demo is also a broad check
that they work together. The whole build is one transaction: a failed build leaves no file.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import (
    agenda,
    groups,
    mechanisms,
    meetings,
    notes,
    outcomes,
    participants,
    survey_answers,
    survey_respondents,
    surveys,
)
from .meetings import Meeting
from .paths import DEMO_DATA
from .store import Workspace, open_workspace


def _load(name: str) -> object:
    return json.loads((DEMO_DATA / name).read_text(encoding="utf-8"))


def build_demo(path: str | Path) -> Meeting:
    """Write the demo meeting into a new workspace file at ``path``."""
    path = Path(path)
    ws = open_workspace(path)
    try:
        with ws.transaction():
            meeting = fill_demo(ws)
    except BaseException:
        ws.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        raise
    ws.close()
    return meeting


def open_or_create_demo(path: Path) -> Workspace:
    """The demo workspace at ``path``, built first if it does not exist yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        build_demo(path)
    return open_workspace(path, create=False)


def fill_demo(ws: Workspace) -> Meeting:
    """Add the demo meeting and everything in it to an open workspace."""
    mechanism_ids = _add_mechanisms(ws)
    spec = _load("meeting.json")
    meeting = meetings.create_meeting(
        ws,
        short_name=spec["short_name"],
        title=spec["title"],
        start_date=spec["start_date"],
        end_date=spec["end_date"],
        venue=spec["venue"],
        time_zone=spec["time_zone"],
        source_lang=spec["source_lang"],
        working_langs=spec["working_langs"],
        chatham_house=spec["chatham_house"],
        organiser=spec.get("organiser", ""),
    )
    people = _add_participants(ws, meeting.id, mechanism_ids)
    item_ids = _add_agenda(ws, meeting.id, spec["days"], people)
    group_ids = _add_groups(ws, meeting.id, spec["groups"], item_ids, people)
    _add_survey(ws, meeting.id, mechanism_ids)
    note_ids = _add_notes(ws, meeting.id, item_ids, group_ids, people)
    _add_outcomes(ws, meeting.id, note_ids)
    return meetings.get_meeting(ws, meeting.id)


def _add_mechanisms(ws: Workspace) -> dict[str, str]:
    """Acronym -> id of every mechanism the demo uses: the reference ones every workspace
    holds (looked up, or created again if missing), then the demo's own."""
    ids = {}
    for entry in mechanisms.load_reference_mechanisms():
        found = mechanisms.find_mechanism(ws, entry["acronym"])
        if found is None:
            found = mechanisms.create_mechanism(
                ws, entry["acronym"], entry["name"], entry["kind"], entry.get("regions", [])
            )
        ids[entry["acronym"]] = found.id
    for entry in _load("mechanisms.json"):
        mechanism = mechanisms.create_mechanism(
            ws, entry["acronym"], entry["name"], entry["kind"], entry.get("regions", [])
        )
        ids[entry["acronym"]] = mechanism.id
    return ids


def _add_participants(
    ws: Workspace, meeting_id: str, mechanism_ids: dict[str, str]
) -> dict[str, str]:
    ids = {}
    for entry in _load("participants.json"):
        organisation = entry.get("organisation", "")
        person = participants.create_participant(
            ws,
            meeting_id=meeting_id,
            roles=entry.get("roles", ["participant"]),
            honorific=entry.get("honorific", ""),
            given_name=entry.get("given_name", ""),
            family_name=entry.get("family_name", ""),
            mechanism_id=mechanism_ids.get(organisation),
            organisation="" if organisation in mechanism_ids else organisation,
            category=entry.get("category", "other"),
            country=entry.get("country", ""),
            job_title=entry.get("position", ""),
            email=entry.get("email", ""),
            languages=entry.get("languages", []),
            gender=entry.get("gender", ""),
        )
        ids[entry["key"]] = person.id
    return ids


def _add_agenda(
    ws: Workspace, meeting_id: str, days: list[dict], people: dict[str, str]
) -> dict[str, str]:
    day_ids = {day.date: day.id for day in agenda.list_days(ws, meeting_id)}
    ids = {}
    for day in days:
        day_id = day_ids[day["date"]]
        agenda.set_day_start(ws, day_id, day["start"])
        for entry in day["items"]:
            item = agenda.add_item(
                ws,
                day_id,
                title=entry["title"],
                kind=entry["kind"],
                duration_min=entry["duration"],
                time_mode=entry.get("time_mode", "flowing"),
                fixed_start=entry.get("start") if entry.get("time_mode") == "fixed" else None,
                room=entry.get("room") or "",
                moderator_id=people.get(entry.get("moderator") or ""),
                speaker_ids=[people[key] for key in entry.get("speakers", [])],
                objectives=entry.get("objectives") or {},
                guiding_questions=entry.get("guiding_questions", []),
                interpretation=entry.get("interpretation", []),
                statement_limit_sec=entry.get("statement_limit_sec"),
                description=entry.get("description") or {},
            )
            ids[entry["key"]] = item.id
    return ids


def _add_groups(
    ws: Workspace,
    meeting_id: str,
    specs: list[dict],
    item_ids: dict[str, str],
    people: dict[str, str],
) -> dict[str, str]:
    ids = {}
    by_region = {}
    for spec in specs:
        group = groups.create_group(
            ws,
            meeting_id,
            name=spec["name"],
            region=spec.get("region"),
            room=spec.get("room", ""),
            interpretation=spec.get("interpretation", []),
            agenda_item_id=item_ids.get(spec.get("agenda_item") or ""),
            capacity=spec.get("capacity"),
            guiding_questions=spec.get("guiding_questions", []),
        )
        ids[spec["key"]] = group.id
        by_region[spec.get("region")] = (group.id, spec)
    for entry in _load("participants.json"):
        region = entry.get("group")
        if region is None:
            continue
        group_id, spec = by_region[region]
        key = entry["key"]
        groups.assign(
            ws,
            group_id,
            people[key],
            facilitator=key in spec.get("facilitators", []),
            rapporteur=key == spec.get("rapporteur"),
        )
    return ids


def _add_survey(ws: Workspace, meeting_id: str, mechanism_ids: dict[str, str]) -> None:
    spec = _load("survey.json")
    survey = surveys.create_survey(
        ws,
        meeting_id,
        title=spec["title"],
        intro=spec.get("intro", {}),
        invited_on=spec.get("invited_on"),
        deadline=spec.get("deadline"),
    )
    for section_spec in spec["sections"]:
        section = surveys.add_section(ws, survey.id, section_spec["title"])
        for question in section_spec["questions"]:
            surveys.add_question(
                ws,
                section.id,
                key=question["key"],
                type=question["type"],
                title=question["title"],
                help=question.get("help") or {},
                options=question.get("options", []),
                config=question.get("config") or {},
                show_if=question.get("show_if"),
            )
    for entry in spec["respondents"]:
        respondent = survey_respondents.add_respondent(
            ws,
            survey.id,
            mechanism_id=mechanism_ids[entry["mechanism"]],
            status=entry["status"],
            reminders=entry.get("reminders", []),
            submitted_by=entry.get("submitted_by") or "",
            submitted_on=entry.get("submitted_on"),
        )
        if entry.get("answers"):
            survey_answers.set_answers(
                ws, respondent.id, entry["answers"], submitted=entry["status"] == "answered"
            )


def _add_notes(
    ws: Workspace,
    meeting_id: str,
    item_ids: dict[str, str],
    group_ids: dict[str, str],
    people: dict[str, str],
) -> dict[str, str]:
    tz = meetings.get_meeting(ws, meeting_id).time_zone
    ids = {}
    for entry in _load("notes.json"):
        note = notes.add_note(
            ws,
            meeting_id,
            entry["text"],
            lang=entry["lang"],
            kind=entry["kind"],
            agenda_item_id=item_ids.get(entry.get("session") or ""),
            group_id=group_ids.get(entry.get("group") or ""),
            tags=entry.get("tags", []),
            status=entry.get("status", "final"),
            attribution_participant_id=people.get(entry.get("attribution") or ""),
            author="Demo rapporteur",
            captured_at=_to_utc(entry["captured_at"], tz),
        )
        ids[entry["key"]] = note.id
    return ids


def _to_utc(local: str, tz: str) -> str:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(tz)).astimezone(UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _add_outcomes(ws: Workspace, meeting_id: str, note_ids: dict[str, str]) -> None:
    spec = _load("outcomes.json")
    for set_spec in spec["sets"]:
        outcome_set = outcomes.create_set(ws, meeting_id, set_spec["key"], set_spec["title"])
        for entry in set_spec["outcomes"]:
            outcomes.add_outcome(
                ws,
                meeting_id,
                set_id=outcome_set.id,
                lead=entry["lead"],
                body=entry.get("body", {}),
                kind=entry.get("kind", "recommendation"),
                register=entry.get("register", "directive"),
                status="final",
                tags=entry.get("tags", []),
                source_note_ids=[note_ids[key] for key in entry.get("sources", [])],
            )
    for entry in spec["highlights"]:
        outcomes.add_highlight(ws, meeting_id, entry["text"])


__all__ = ["build_demo", "fill_demo", "open_or_create_demo"]
