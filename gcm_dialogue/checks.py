"""The check before export: what would be wrong or missing in a meeting's documents.

``check(ws, meeting_id, lang)`` returns findings (blocking ones stop a final export; a
draft export lists them all on its last page) and the figures the documents will print,
computed here once so that the check and the documents always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import agenda, meetings, outcomes, surveys
from .errors import KnownError
from .i18n import _, force_locale, format_number, format_percent, language_name, ngettext
from .multilingual import Text, texts_from_json
from .store import Workspace
from .texts import shorten

EXAMPLES = 5


class ExportRefused(KnownError):
    """A final export was asked for while blocking findings remain."""


@dataclass
class Finding:
    code: str
    blocking: bool
    message: str
    count: int
    examples: list[str] = field(default_factory=list)


@dataclass
class RegionRate:
    code: str
    name: Text
    answered: int
    total: int


@dataclass
class Figures:
    """Every computed figure the documents print."""

    participants: int = 0
    by_category: dict[str, int] = field(default_factory=dict)
    entities: int = 0
    sessions: int = 0
    groups: int = 0
    final_notes: int = 0
    recommendations: int = 0
    outcome_sets: int = 0
    highlights: int = 0
    survey_invited: int = 0
    survey_answered: int = 0
    by_region: list[RegionRate] = field(default_factory=list)
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)
    # the survey's results (survey_results.SurveyResults) the figures come from: the
    # documents print their survey sections from the same computation
    survey: object | None = field(default=None, repr=False, compare=False)

    @property
    def survey_rate(self) -> float:
        return self.survey_answered / self.survey_invited if self.survey_invited else 0.0


@dataclass
class CheckReport:
    meeting: meetings.Meeting
    lang: str
    findings: list[Finding]
    figures: Figures

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocking]

    def verdict(self) -> str:
        """Whether a final export is possible, in the current language."""
        blocking = len(self.blocking)
        if not blocking:
            return _("No blocking findings: a final export is possible.")
        return ngettext(
            "{count} blocking finding: a final export is refused until it is resolved.",
            "{count} blocking findings: a final export is refused until they are resolved.",
            blocking,
        ).format(count=format_number(blocking))

    def figure_lines(self) -> list[str]:
        """The figures the documents will print, one line each, in the current language."""
        fig = self.figures
        lines = [
            _("Participants: {count}").format(count=format_number(fig.participants)),
            _("Entities represented: {count}").format(count=format_number(fig.entities)),
            _("Sessions: {count}").format(count=format_number(fig.sessions)),
            _("Breakout groups: {count}").format(count=format_number(fig.groups)),
            _("Final notes: {count}").format(count=format_number(fig.final_notes)),
            _("Recommendations: {count}").format(count=format_number(fig.recommendations)),
            _("Highlights: {count}").format(count=format_number(fig.highlights)),
        ]
        if fig.survey_invited:
            lines.append(
                _("Survey: {answered} of {invited} answered ({rate})").format(
                    answered=format_number(fig.survey_answered),
                    invited=format_number(fig.survey_invited),
                    rate=format_percent(fig.survey_rate),
                )
            )
        return lines

    def refuse_final(self) -> None:
        """Raise ``ExportRefused`` while a blocking finding remains."""
        if self.blocking:
            raise ExportRefused(
                ngettext(
                    "a final export is refused: {count} blocking finding remains ({what}); "
                    "run the check for details",
                    "a final export is refused: {count} blocking findings remain ({what}); "
                    "run the check for details",
                    len(self.blocking),
                ).format(count=len(self.blocking), what="; ".join(f.message for f in self.blocking))
            )


def compute_figures(ws: Workspace, meeting_id: str) -> Figures:
    fig = Figures()
    rows = ws.query(
        "SELECT p.category, p.mechanism_id FROM meeting_participants mp "
        "JOIN participants p ON p.id = mp.participant_id WHERE mp.meeting_id = ?",
        (meeting_id,),
    )
    fig.participants = len(rows)
    for row in rows:
        fig.by_category[row["category"]] = fig.by_category.get(row["category"], 0) + 1
    fig.entities = len({r["mechanism_id"] for r in rows if r["mechanism_id"]})
    fig.sessions = int(
        ws.scalar(
            "SELECT count(*) FROM agenda_items WHERE meeting_id = ? AND kind NOT IN ('break', 'other')",
            (meeting_id,),
        )
    )
    fig.groups = int(
        ws.scalar("SELECT count(*) FROM breakout_groups WHERE meeting_id = ?", (meeting_id,))
    )
    fig.final_notes = int(
        ws.scalar(
            "SELECT count(*) FROM notes WHERE meeting_id = ? AND status = 'final'", (meeting_id,)
        )
    )
    fig.recommendations = int(
        ws.scalar(
            "SELECT count(*) FROM outcomes WHERE meeting_id = ? AND kind = 'recommendation'",
            (meeting_id,),
        )
    )
    fig.outcome_sets = int(
        ws.scalar("SELECT count(*) FROM outcome_sets WHERE meeting_id = ?", (meeting_id,))
    )
    fig.highlights = int(
        ws.scalar("SELECT count(*) FROM highlights WHERE meeting_id = ?", (meeting_id,))
    )
    found = surveys.list_surveys(ws, meeting_id)
    if found:
        # the figures the survey sections print, from the same computation
        from .survey_results import survey_results

        results = fig.survey = survey_results(ws, found[0].id)
        fig.survey_invited = results.overall.total
        fig.survey_answered = results.overall.answered
        fig.by_region = [
            RegionRate(r.code, Text(r.name) if r.name else Text(r.code), r.answered, r.total)
            for r in results.by_region
            if r.code and r.total
        ]
        fig.by_kind = {r.code: (r.answered, r.total) for r in results.by_kind}
    return fig


def _label(text: Text, source: str, limit: int = 60) -> str:
    return shorten(text.get_text(source, source), limit)


def _missing_translations(ws: Workspace, meeting: meetings.Meeting, lang: str) -> list[str]:
    """Labels of the content fields the documents print that have no text in ``lang``."""
    src, mid = meeting.source_lang, meeting.id
    missing: list[str] = []

    def need(what: str, text: Text) -> None:
        if text and lang not in text:
            missing.append(f"{what} «{_label(text, src)}»")

    need(_("Meeting title"), meeting.title)
    need(_("Venue"), meeting.venue)
    for item in agenda.list_items(ws, mid):
        need(_("Agenda item"), item.title)
        need(_("Session objectives"), item.objectives)
        for question in item.guiding_questions:
            need(_("Guiding question"), question)
    for row in ws.query(
        "SELECT name, guiding_questions FROM breakout_groups WHERE meeting_id = ?", (mid,)
    ):
        need(_("Breakout group"), Text.from_json(row["name"]))
        for question in texts_from_json(row["guiding_questions"]):
            need(_("Guiding question"), question)
    for item in outcomes.list_sets(ws, mid):
        need(_("Set of recommendations"), item.title)
    for item in outcomes.list_outcomes(ws, mid):
        need(_("Recommendation"), item.lead)
        need(_("Recommendation"), item.body)
    for item in outcomes.list_highlights(ws, mid):
        need(_("Highlight"), item.text)
    for survey in surveys.list_surveys(ws, mid):
        need(_("Survey"), survey.title)
        for section in surveys.list_sections(ws, survey.id):
            need(_("Survey section"), section.title)
        for question in surveys.list_questions(ws, survey.id):
            need(_("Survey question"), question.title)
            for option in question.options:
                need(_("Answer option"), Text(option.get("label")))
    return missing


def _count_and_examples(
    ws: Workspace, where: str, params: tuple, *, with_lang: bool = False
) -> tuple[int, list[str]]:
    count = int(ws.scalar(f"SELECT count(*) {where}", params))
    rows = ws.query(
        f"SELECT text, lang {where} ORDER BY captured_at, rowid LIMIT {EXAMPLES}", params
    )
    examples = [
        (f"[{r['lang']}] " if with_lang else "") + _label(Text(r["text"]), "en") for r in rows
    ]
    return count, examples


def check(
    ws: Workspace, meeting_id: str, lang: str, *, messages_in: str | None = None
) -> CheckReport:
    """Everything that would be wrong in ``lang``'s documents, and the figures they print.

    The findings are worded in ``lang`` (the draft's last page lists them), or in
    ``messages_in``: the language of the person reading them in the application.
    """
    from .reports.chatham import ChathamHouse

    meeting = meetings.get_meeting(ws, meeting_id)
    with force_locale(messages_in or lang):
        findings: list[Finding] = []

        def add(
            code: str, blocking: bool, message: str, items: list[str], count: int | None = None
        ) -> None:
            count = len(items) if count is None else count
            if count:
                findings.append(Finding(code, blocking, message, count, items[:EXAMPLES]))

        missing = _missing_translations(ws, meeting, lang)
        add(
            "missing_translations",
            True,
            ngettext(
                "{count} text has no {language} translation",
                "{count} texts have no {language} translation",
                len(missing),
            ).format(count=len(missing), language=language_name(lang)),
            missing,
        )
        open_count, open_examples = _count_and_examples(
            ws, "FROM notes WHERE meeting_id = ? AND status <> 'final'", (meeting_id,)
        )
        add(
            "notes_not_final",
            True,
            ngettext("{count} note is not final", "{count} notes are not final", open_count).format(
                count=format_number(open_count)
            ),
            open_examples,
            open_count,
        )
        no_cluster = [
            _label(o.lead, meeting.source_lang)
            for o in outcomes.list_outcomes(ws, meeting_id)
            if o.kind == "recommendation" and not any(t.startswith("cluster:") for t in o.tags)
        ]
        add(
            "recommendations_without_cluster",
            True,
            ngettext(
                "{count} recommendation has no thematic cluster",
                "{count} recommendations have no thematic cluster",
                len(no_cluster),
            ).format(count=len(no_cluster)),
            no_cluster,
        )
        overlaps = [
            _("{item} starts {minutes} min before the previous item ends").format(
                item=_label(slot.item.title, meeting.source_lang), minutes=slot.overlap_before
            )
            for day in agenda.schedule(ws, meeting_id)
            for slot in day.slots
            if slot.overlap_before
        ]
        add(
            "agenda_overlaps",
            True,
            ngettext(
                "{count} agenda item overlaps the one before it",
                "{count} agenda items overlap the ones before them",
                len(overlaps),
            ).format(count=len(overlaps)),
            overlaps,
        )
        rule = ChathamHouse(ws, meeting)
        if rule.active:
            named = []
            statements = [
                r["text"]
                for r in ws.query(
                    "SELECT text FROM notes WHERE meeting_id = ? AND status = 'final'",
                    (meeting_id,),
                )
            ]
            for o in outcomes.list_outcomes(ws, meeting_id):
                statements += list(o.lead.values()) + list(o.body.values())
            for h in outcomes.list_highlights(ws, meeting_id):
                statements += list(h.text.values())
            for text in statements:
                names = rule.names_in(text)
                if names:
                    named.append(
                        _("{names} in «{text}»").format(
                            names=", ".join(sorted(set(names))), text=_label(Text(text), "en")
                        )
                    )
            add(
                "chatham_house",
                True,
                ngettext(
                    "{count} statement names a participant, which the Chatham House rule forbids",
                    "{count} statements name a participant, which the Chatham House rule forbids",
                    len(named),
                ).format(count=len(named)),
                named,
            )
            attributed = ws.query(
                "SELECT text FROM notes WHERE meeting_id = ? AND status = 'final' AND "
                "(attribution_participant_id IS NOT NULL OR attribution_mechanism_id IS NOT NULL)",
                (meeting_id,),
            )
            add(
                "attribution_withheld",
                False,
                ngettext(
                    "{count} note is attributed to a speaker; the documents leave the attribution out",
                    "{count} notes are attributed to a speaker; the documents leave the attribution out",
                    len(attributed),
                ).format(count=len(attributed)),
                [_label(Text(r["text"]), "en") for r in attributed],
            )
        other_count, other_examples = _count_and_examples(
            ws,
            "FROM notes WHERE meeting_id = ? AND status = 'final' AND lang <> ?",
            (meeting_id, lang),
            with_lang=True,
        )
        add(
            "notes_in_other_languages",
            False,
            ngettext(
                "{count} final note is in another language and is printed as written",
                "{count} final notes are in other languages and are printed as written",
                other_count,
            ).format(count=format_number(other_count)),
            other_examples,
            other_count,
        )
        gaps = [
            _label(slot.item.title, meeting.source_lang)
            for day in agenda.schedule(ws, meeting_id)
            for slot in day.slots
            if slot.gap_before
        ]
        add(
            "agenda_gaps",
            False,
            ngettext(
                "{count} agenda item leaves idle time before it",
                "{count} agenda items leave idle time before them",
                len(gaps),
            ).format(count=len(gaps)),
            gaps,
        )
        return CheckReport(meeting, lang, findings, compute_figures(ws, meeting_id))
