"""The Chatham House rule, enforced in one place for every document and for the check.

Under the rule, participants may use what was said but may reveal neither the identity nor
the affiliation of the speaker. So when a meeting is held under it, no document says who
said what: a statement (a note, a recommendation, a highlight) is printed without its
attribution, and a participant's name inside a statement's text is withheld. Lists of who
attended and who sits in which room are not statements and keep their names.

Every document prints statements only through ``ChathamHouse.statement`` and attributions
only through ``ChathamHouse.attribution``; the check counts the same cases with
``ChathamHouse.names_in``.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..i18n import _
from ..meetings import Meeting
from ..participants import join_name
from ..store import Workspace


class ChathamHouse:
    def __init__(self, ws: Workspace, meeting: Meeting) -> None:
        self.ws = ws
        self.meeting = meeting
        self.active = bool(meeting.chatham_house)

    @cached_property
    def _people(self) -> dict[str, dict]:
        rows = self.ws.query(
            "SELECT p.id, p.honorific, p.given_name, p.family_name, p.organisation, "
            "m.acronym FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id "
            "LEFT JOIN mechanisms m ON m.id = p.mechanism_id WHERE mp.meeting_id = ?",
            (self.meeting.id,),
        )
        return {r["id"]: r for r in rows}

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        """Full names (two words or more) by their first word, longest first."""
        by_first: dict[str, list[str]] = {}
        for row in self._people.values():
            name = join_name(row.get("given_name"), row.get("family_name"))
            words = name.split()
            if len(words) >= 2:
                by_first.setdefault(words[0].casefold(), []).append(name)
            if row.get("honorific") and row.get("family_name"):
                titled = f"{row['honorific'].rstrip('.')} {row['family_name']}"
                by_first.setdefault(titled.split()[0].casefold(), []).append(titled)
        for names in by_first.values():
            names.sort(key=len, reverse=True)
        return by_first

    def names_in(self, text: str) -> list[str]:
        """The participants' names that ``text`` mentions."""
        found: list[str] = []
        folded = text.casefold()
        for match in re.finditer(r"\w+", text):
            for name in self._names.get(match.group(0).casefold(), ()):
                end = match.start() + len(name)
                if folded.startswith(name.casefold(), match.start()) and (
                    end == len(text) or not text[end].isalnum()
                ):
                    found.append(name)
                    break
        return found

    def statement(self, text: str) -> str:
        """A statement as a document may print it: under the rule, no names in it."""
        if not self.active or not text:
            return text
        for name in sorted(set(self.names_in(text)), key=len, reverse=True):
            pattern = re.compile(
                r"(?:\b(?:Mr|Ms|Mrs|Dr|H\.E|Prof)\.?\s+)?" + re.escape(name) + r"\b",
                re.IGNORECASE,
            )
            text = pattern.sub(_("a participant"), text)
        return text

    def attribution(self, participant_id: str | None, mechanism_id: str | None) -> str | None:
        """Who made a statement, as printed after it; None under the rule or when unknown."""
        if self.active:
            return None
        if participant_id and participant_id in self._people:
            row = self._people[participant_id]
            affiliation = row.get("acronym") or row.get("organisation")
            name = join_name(row.get("given_name"), row.get("family_name"))
            return f"{name}, {affiliation}" if affiliation else name
        if mechanism_id:
            return self.ws.scalar("SELECT acronym FROM mechanisms WHERE id = ?", (mechanism_id,))
        return None
