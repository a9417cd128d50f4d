"""The documents: summary report, highlights, agenda, participant list, group sheets, survey.

Each builder returns the story (a list of flowables) for a ``DocContext``. The small
documents' sections are reused as the summary report's annexes. Every statement goes
through ``ctx.content(..., statement=True)``, i.e. through the Chatham House rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, get_time_format
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    PageBreakIfNotEmpty,
    Spacer,
)

from .. import (
    agenda,
    consolidation,
    groups,
    mechanisms,
    notes,
    outcomes,
    participants,
    surveys,
    taxonomy,
)
from ..i18n import (
    N_,
    _,
    babel_locale,
    current_language,
    format_date,
    format_number,
    format_percent,
    format_time,
    list_separator,
    ngettext,
)
from ..multilingual import Text
from ..survey_results import PARTICIPANT, SurveyResults, kind_label, survey_results
from .context import DocContext
from .fonts import markup
from .layout import (
    ACCENT,
    FALLBACK,
    RULE,
    TEXT_W,
    BarChart,
    Contents,
    header_cells,
    para,
    table,
)

Story = list[Flowable]

DOCUMENTS: dict[str, object] = {
    "summary": N_("Summary report"),
    "highlights": N_("Highlights"),
    "agenda": N_("Agenda"),
    "participants": N_("List of participants"),
    "groups": N_("Breakout groups"),
    "survey": N_("Survey results"),
}
BULLET = "•"
CHUNK = 45  # rows per table piece: long tables are cut so reportlab never re-splits them


# --------------------------------------------------------------------------- helpers
def tables(
    ctx: DocContext,
    header: list[str],
    rows: list[list[object]],
    widths: list[float],
    numeric: tuple[int, ...] = (),
) -> Story:
    if not rows:
        return [ctx.text_para(_("None."), ctx.styles.small)]
    head = header_cells(ctx.styles, header, numeric)  # one header for every piece
    return [
        table(ctx.styles, header, rows[i : i + CHUNK], widths, numeric=numeric, head=head)
        for i in range(0, len(rows), CHUNK)
    ]


@lru_cache(maxsize=8192)
def _number(value: int, lang: str) -> str:
    return format_number(value, lang=lang)


def number(value: int) -> str:
    """``format_number`` for the counters of long lists (5,000 rows), memoised."""
    return _number(value, current_language())


def separator(ctx: DocContext) -> str:
    return list_separator(ctx.lang)


def clock_text(total_minutes: int) -> str:
    hours, mins = divmod(total_minutes, 60)
    return format_time(time(hours % 24, mins))


def span_text(start: int, end: int) -> str:
    """ "09:00–10:15", "9:00–10:15 ص": a time range as the locale writes one (the day
    period once when both ends share it)."""
    locale = babel_locale()
    pattern = get_time_format("short", locale=locale).pattern
    skeleton = "hm" if "h" in pattern else "Hm"
    first, last = (time((m // 60) % 24, m % 60) for m in (start, end))
    try:
        return format_interval(first, last, skeleton, locale=locale)
    except (KeyError, ValueError):  # pragma: no cover - a locale without interval formats
        return f"{clock_text(start)}–{clock_text(end)}"


def local_clock(ctx: DocContext, stamp: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return format_time(moment.astimezone(ZoneInfo(ctx.meeting.time_zone)).time())


def plain_language(code: str) -> str:
    """A language's name without a region ("English", not "English (United Kingdom)")."""
    try:
        return Locale.parse(code).get_display_name(babel_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def person_name(p: participants.Participant) -> str:
    return " ".join(x for x in (p.honorific, p.given_name, p.family_name) if x)


def mechanism_names(ctx: DocContext) -> dict[str, tuple[str, str]]:
    """Mechanism id -> (acronym, name in the document's language)."""
    return {m.id: (m.acronym, ctx.plain(m.name)) for m in mechanisms.list_mechanisms(ctx.ws)}


def affiliation(p: participants.Participant, mechs: dict[str, tuple[str, str]]) -> str:
    if p.mechanism_id and p.mechanism_id in mechs:
        acronym, name = mechs[p.mechanism_id]
        return (
            name
            if acronym.casefold() == name.casefold() or acronym in name
            else f"{name} ({acronym})"
        )
    return p.organisation


def cluster_names(ctx: DocContext) -> dict[int, str]:
    return {c.number: ctx.plain(c.short) for c in taxonomy.clusters(ctx.ws)}


def title_block(ctx: DocContext, document_title: str) -> Story:
    """The first lines of a short document (the summary report has a cover instead)."""
    s = ctx.styles
    story: Story = []
    if ctx.meeting.organiser:
        story.append(ctx.text_para(ctx.meeting.organiser, s.cover_org))
    story.append(ctx.content(ctx.meeting.title, s.h2))
    story.append(ctx.text_para(ctx.dates(), s.small))
    venue = ctx.content(ctx.meeting.venue, s.small)
    if venue is not None:
        story.append(venue)
    story.append(Spacer(1, 4 * mm))
    story.append(ctx.heading(1, "", document_title))
    story.append(HRFlowable(width="100%", thickness=0.8, color=ACCENT, spaceAfter=8))
    return story


def cover(ctx: DocContext, document_title: str) -> Story:
    s = ctx.styles
    story: Story = [Spacer(1, 30 * mm)]
    if ctx.meeting.organiser:
        story.append(ctx.text_para(ctx.meeting.organiser, s.cover_org))
    story += [
        Spacer(1, 6 * mm),
        HRFlowable(width="100%", thickness=2, color=ACCENT, spaceAfter=14),
        ctx.content(ctx.meeting.title, s.cover_title),
        Spacer(1, 8 * mm),
        ctx.text_para(ctx.dates(), s.cover_sub),
        ctx.content(ctx.meeting.venue, s.cover_sub),
        Spacer(1, 50 * mm),
        HRFlowable(
            width="30%",
            thickness=0.8,
            color=RULE,
            spaceAfter=10,
            hAlign="RIGHT" if s.rtl else "LEFT",
        ),
        ctx.text_para(document_title, s.cover_kind),
    ]
    if ctx.rule.active:
        story += [Spacer(1, 6 * mm), ctx.text_para(_("Held under the Chatham House rule"), s.small)]
    story += [NextPageTemplate("body"), PageBreak()]
    return [f for f in story if f is not None]


class Numbering:
    """Section numbers: 1, 1.1, 1.2, 2 ..."""

    def __init__(self) -> None:
        self.parts: list[int] = []

    def next(self, level: int) -> str:
        del self.parts[level:]
        while len(self.parts) < level:
            self.parts.append(0)
        self.parts[level - 1] += 1
        return ".".join(str(n) for n in self.parts) + "."


# --------------------------------------------------------------------------- sections
_SCRIPTS = {
    "ru": re.compile("[\u0400-\u04ff]"),
    "ar": re.compile("[\u0600-\u06ff]"),
    "zh": re.compile("[\u3400-\u9fff]"),
}


def acronyms_section(ctx: DocContext) -> Story:
    glossary = [
        (_("GCM"), _("global compact for safe, orderly and regular migration")),
        (_("IOM"), _("International Organization for Migration")),
        (_("IRF"), _("inter-regional forum on migration")),
        (_("ISCM"), _("inter-State consultation mechanism on migration")),
        (_("RCP"), _("regional consultative process on migration")),
        (_("REO"), _("regional economic organization")),
        (_("SDG"), _("Sustainable Development Goal")),
        (_("SRSG"), _("Special Representative of the Secretary-General")),
        (_("UN"), _("United Nations")),
        (_("UN RC"), _("United Nations regional commission")),
    ]
    used = {
        r["mechanism_id"]
        for r in ctx.ws.query(
            "SELECT DISTINCT p.mechanism_id FROM meeting_participants mp JOIN participants p "
            "ON p.id = mp.participant_id WHERE mp.meeting_id = ? AND p.mechanism_id IS NOT NULL",
            (ctx.meeting.id,),
        )
    }
    # a catalog may spell an acronym out (some languages use no acronym for a term): such
    # a term is written in full in the text and has no place in the list
    entries = {acr: name for acr, name in glossary if acr.casefold() != name.casefold()}
    for m in mechanisms.list_mechanisms(ctx.ws, ids=used) if used else []:
        name = ctx.plain(m.name)
        if m.acronym.casefold() != name.casefold() and " " not in m.acronym.strip():
            entries.setdefault(m.acronym, name)
    script = _SCRIPTS.get(ctx.lang)

    def order(entry: tuple[str, str]) -> tuple[bool, str]:
        # the document's own script first (Cyrillic in Russian), then the Latin acronyms
        return (not (script and script.match(entry[0])), entry[0].casefold())

    rows = [[acr, name] for acr, name in sorted(entries.items(), key=order)]
    return tables(ctx, [_("Acronym"), _("Meaning")], rows, [0.22, 0.78])


def introduction(ctx: DocContext) -> Story:
    f, s = ctx.figures, ctx.styles
    title = ctx.label(ctx.meeting.title)
    venue = ctx.label(ctx.meeting.venue)
    text = _("The {title} was held at {venue} ({dates}).").format(
        title=title, dates=ctx.dates(), venue=venue
    )
    if ctx.meeting.organiser:
        text += " " + _("It was organized by {organiser}.").format(organiser=ctx.meeting.organiser)
    story = [ctx.text_para(text)]
    people = ngettext(
        "The meeting brought together {count} participant.",
        "The meeting brought together {count} participants.",
        f.participants,
    ).format(count=format_number(f.participants))
    entities = ngettext(
        "They represented {count} inter-State consultation mechanism or partner organization.",
        "They represented {count} inter-State consultation mechanisms and partner organizations.",
        f.entities,
    ).format(count=format_number(f.entities))
    story.append(ctx.text_para(f"{people} {entities}"))
    if f.survey_invited:
        story.append(ctx.text_para(survey_sentence(ctx)))
    if ctx.rule.active:
        story.append(
            ctx.text_para(
                _(
                    "The meeting was held under the Chatham House rule: this report attributes no "
                    "statement to a speaker or to the entity a speaker represents."
                )
            )
        )
    story.append(
        ctx.text_para(
            _(
                "This report summarizes the proceedings session by session, the outcomes of the "
                "breakout groups and the results of the survey, and sets out the recommendations "
                "agreed at the meeting. The annexes contain the thematic clusters and elements, the "
                "Highlights, the agenda, the session objectives and guiding questions, the list of "
                "participants, the questionnaire and a summary of the survey results."
            ),
            s.body,
        )
    )
    return story


def survey_sentence(ctx: DocContext) -> str:
    f = ctx.figures  # the check's figures, from the same survey_results
    return ngettext(
        "Before the meeting, {answered} of the {invited} entity invited answered the survey, a "
        "response rate of {rate}.",
        "Before the meeting, {answered} of the {invited} entities invited answered the survey, "
        "a response rate of {rate}.",
        f.survey_invited,
    ).format(
        answered=format_number(f.survey_answered),
        invited=format_number(f.survey_invited),
        rate=format_percent(f.survey_rate),
    )


def background(ctx: DocContext) -> Story:
    story: Story = []
    items = [i for i in agenda.list_items(ctx.ws, ctx.meeting.id) if i.kind == "opening"]
    for item in items:
        p = ctx.content(item.objectives, statement=True)
        if p is not None:
            story.append(p)
    clusters = taxonomy.clusters(ctx.ws)
    if clusters:
        names = separator(ctx).join(f"{c.number}. {ctx.plain(c.short)}" for c in clusters)
        story.append(
            ctx.text_para(
                ngettext(
                    "The discussions were organized around {count} thematic cluster of the global "
                    "compact: {clusters}. Annex 1 lists the cluster and its elements.",
                    "The discussions were organized around the {count} thematic clusters of the global "
                    "compact: {clusters}. Annex 1 lists the clusters and their elements.",
                    len(clusters),
                ).format(count=format_number(len(clusters)), clusters=names)
            )
        )
    return story


NOTE_ORDER = (
    "key_message",
    "point",
    "good_practice",
    "common_principle",
    "recommendation",
    "quote",
)


@dataclass(frozen=True)
class NoteRow:
    """A final note as the documents print it (no tags: faster than notes.list_notes)."""

    agenda_item_id: str | None
    group_id: str | None
    kind: str
    text: str
    attribution_participant_id: str | None
    attribution_mechanism_id: str | None


def final_notes(ctx: DocContext) -> list[NoteRow]:
    if ctx.cache.get("final_notes") is not None:
        return ctx.cache["final_notes"]
    rows = ctx.ws.query(
        "SELECT agenda_item_id, group_id, kind, text, attribution_participant_id, "
        "attribution_mechanism_id FROM notes WHERE meeting_id = ? AND status = 'final' "
        "ORDER BY captured_at, rowid",
        (ctx.meeting.id,),
    )
    ctx.cache["final_notes"] = [NoteRow(**row) for row in rows]
    return ctx.cache["final_notes"]


def note_paragraphs(ctx: DocContext, found: list[NoteRow]) -> Story:
    story: Story = []
    rank = {k: i for i, k in enumerate(NOTE_ORDER)}
    for note in sorted(found, key=lambda n: rank.get(n.kind, 99)):
        if note.kind not in rank:
            continue
        text = ctx.rule.statement(note.text)
        prefix = ""
        if note.kind in ("good_practice", "common_principle", "recommendation"):
            label = str(notes.KINDS[note.kind])
            prefix = f"<i>{para_escape(ctx, label)}:</i> "
        suffix = ""
        if note.kind == "quote":
            who = ctx.rule.attribution(
                note.attribution_participant_id, note.attribution_mechanism_id
            )
            if who:
                suffix = f" ({para_escape(ctx, who)})"
        story.append(
            ctx.text_para(
                text,
                ctx.styles.bullet,
                bold=note.kind == "key_message",
                bullet=BULLET,
                prefix=prefix,
                suffix=suffix,
            )
        )
    return story


def para_escape(ctx: DocContext, text: str) -> str:
    return markup(text, ctx.lang)


def proceedings(ctx: DocContext, numbering: Numbering) -> Story:
    story: Story = []
    by_item: dict[str, list[NoteRow]] = defaultdict(list)
    for note in final_notes(ctx):
        if note.agenda_item_id and not note.group_id:
            by_item[note.agenda_item_id].append(note)
    for day in agenda.schedule(ctx.ws, ctx.meeting.id):
        day_story: Story = []
        for slot in day.slots:
            item = slot.item
            found = by_item.get(item.id, [])
            if not found and (item.kind != "breakout" or not ctx.figures.groups):
                continue  # the agenda (Annex 3) lists every session; here, what was said
            line = _("Scheduled {times}").format(times=span_text(slot.start, slot.end))
            if item.room:
                line += f" · {item.room}"
            if item.actual_start and item.actual_end:
                line += " · " + _("held {start}–{end}").format(
                    start=local_clock(ctx, item.actual_start), end=local_clock(ctx, item.actual_end)
                )
            day_story.append(ctx.heading(2, numbering.next(2), ctx.label(item.title)))
            day_story.append(ctx.text_para(line, ctx.styles.small))
            day_story += (
                note_paragraphs(ctx, found)
                or [
                    ctx.text_para(
                        _(
                            "The outcomes of the breakout groups are summarized in the next section."
                        ),
                        ctx.styles.body,
                    )
                ]
                if ctx.figures.groups
                else []
            )
        if day_story:
            story.append(ctx.text_para(format_date(day.day.date, format="full"), ctx.styles.h3))
            story += day_story
    return story


# What a group reports to the plenary; its good practices and principles stay in the notes.
GROUP_KINDS = (
    ("key_message", N_("Key messages")),
    ("recommendation", N_("Recommendations")),
)


def group_outcomes(ctx: DocContext, numbering: Numbering) -> Story:
    story: Story = []
    by_group: dict[str, list[NoteRow]] = defaultdict(list)
    wanted = {k for k, _label in GROUP_KINDS}
    for note in final_notes(ctx):
        if note.group_id and note.kind in wanted:
            by_group[note.group_id].append(note)
    for group in groups.list_groups(ctx.ws, ctx.meeting.id):
        story.append(ctx.heading(2, numbering.next(2), ctx.label(group.name)))
        story.append(ctx.text_para(group_line(ctx, group), ctx.styles.small))
        found = by_group.get(group.id, [])
        if not found:
            story.append(
                ctx.text_para(
                    _("No final outcomes were recorded for this group."), ctx.styles.small
                )
            )
        for kind, label in GROUP_KINDS:
            chosen = [n for n in found if n.kind == kind]
            if chosen:
                story.append(ctx.text_para(str(label), ctx.styles.h3))
                story += [
                    ctx.text_para(ctx.rule.statement(n.text), ctx.styles.bullet, bullet=BULLET)
                    for n in chosen
                ]
    return story


def group_line(ctx: DocContext, group: groups.BreakoutGroup) -> str:
    parts = []
    if group.room:
        parts.append(group.room)
    if group.interpretation:
        parts.append(
            _("Interpretation: {languages}").format(
                languages="–".join(plain_language(code) for code in group.interpretation)
            )
        )
    parts.append(
        ngettext("{count} member", "{count} members", len(group.members)).format(
            count=format_number(len(group.members))
        )
    )
    return " · ".join(parts)


def survey_data(ctx: DocContext) -> SurveyResults | None:
    """The meeting's survey results, computed once per document by ``survey_results``
    (the one source the results view and ``survey-results --json`` print too)."""
    if "survey" not in ctx.cache:
        results = ctx.figures.survey
        if results is None:
            found = surveys.list_surveys(ctx.ws, ctx.meeting.id)
            results = survey_results(ctx.ws, found[0].id) if found else None
        ctx.cache["survey"] = results
    return ctx.cache["survey"]


def rate_text(answered: int, total: int) -> str:
    share = answered / total if total else 0.0
    return f"{format_number(answered)}/{format_number(total)} · {format_percent(share)}"


def survey_overview(ctx: DocContext) -> Story:
    results = survey_data(ctx)
    if results is None or not results.overall.total:
        return []
    story: Story = [ctx.text_para(survey_sentence(ctx))]
    regions = [r for r in results.by_region if r.code and r.total]
    if regions:
        story.append(ctx.text_para(_("Response rate by region"), ctx.styles.h3))
        story.append(
            BarChart(
                ctx.styles,
                [
                    (ctx.plain(r.name), r.answered / r.total, rate_text(r.answered, r.total))
                    for r in regions
                ],
                label_width=min(170, TEXT_W * 0.35),
            )
        )
        story.append(
            ctx.text_para(
                _("An inter-regional forum is counted in each region it covers."), ctx.styles.small
            )
        )
        story += tables(
            ctx,
            [_("Region"), _("Invited"), _("Answered"), _("Response rate")],
            [
                [
                    ctx.plain(r.name),
                    format_number(r.total),
                    format_number(r.answered),
                    format_percent(r.answered / r.total),
                ]
                for r in regions
            ],
            [0.52, 0.16, 0.16, 0.16],
            numeric=(1, 2, 3),
        )
    return story


def survey_by_kind(ctx: DocContext) -> Story:
    results = survey_data(ctx)
    if results is None or not results.by_kind:
        return []
    rows = [
        [
            _("Individual participants") if r.code == PARTICIPANT else kind_label(r.code),
            format_number(r.total),
            format_number(r.answered),
            format_percent(r.answered / r.total if r.total else 0),
        ]
        for r in results.by_kind
    ]
    return [ctx.text_para(_("Response rate by type of entity"), ctx.styles.h3)] + tables(
        ctx,
        [_("Type of entity"), _("Invited"), _("Answered"), _("Response rate")],
        rows,
        [0.52, 0.16, 0.16, 0.16],
        numeric=(1, 2, 3),
    )


def survey_lists(ctx: DocContext) -> Story:
    """For each list question (recommendations, practices, principles): how many entities
    gave items, the share of them whose items touch each thematic cluster, overall and by
    region (the recurrent ones in bold), and the elements recurrent in every region."""
    results = survey_data(ctx)
    if results is None:
        return []
    s = ctx.styles
    story: Story = []
    sections = {q.key: q for q in results.questions}
    element_text = {e.letter: ctx.plain(e.text) for e in taxonomy.elements(ctx.ws)}
    region_names = {code: ctx.plain(name) for code, name in results.region_names.items()}
    for found in results.lists:
        overall = found.overall
        if not overall.items:
            continue
        question = sections.get(found.key)
        section = question.section if question and question.section else {}
        # without the questionnaire's own numbering ("2. Concrete recommendations")
        title = ctx.label({k: re.sub(r"^\s*\d+[.)]\s*", "", v) for k, v in section.items()})
        story.append(CondPageBreak(70 * mm))  # the title, its sentence and its chart together
        story.append(ctx.text_para(title or ctx.label(found.title), s.h3))
        story.append(
            ctx.text_para(
                ngettext(
                    "{contributors} of the {respondents} entity that answered gave {items} "
                    "entries.",
                    "{contributors} of the {respondents} entities that answered gave {items} "
                    "entries.",
                    overall.respondents,
                ).format(
                    contributors=format_number(overall.contributors),
                    respondents=format_number(overall.respondents),
                    items=format_number(overall.items),
                )
            )
        )
        clusters = {int(c.code): c for c in overall.clusters}
        story.append(
            BarChart(
                s,
                [
                    (
                        f"{n}. {ctx.plain(results.clusters[n]['short'])}",
                        c.percent / 100,
                        rate_text(c.respondents, overall.respondents),
                    )
                    for n, c in clusters.items()
                ],
                label_width=min(190, TEXT_W * 0.4),
            )
        )
        scopes = [("", _("All"), overall)] + [
            (code, region_names.get(code, code), tally)
            for code, tally in found.by_region.items()
            if tally.respondents
        ]
        rows = []
        for n in clusters:
            row: list[object] = [f"{n}. {ctx.plain(results.clusters[n]['short'])}"]
            for _code, _name, tally in scopes:
                count = next(c for c in tally.clusters if c.code == str(n))
                value = format_percent(count.percent / 100)
                row.append(
                    para(
                        s,
                        f'<font color="#{ACCENT.hexval()[2:]}"><b>{value}</b></font>',
                        s.cell_num,
                        raw=True,
                    )
                    if count.recurrent
                    else value
                )
            rows.append(row)
        share = 1 / (len(scopes) + 1.6)  # the cluster column is 1.6 times as wide
        story += tables(
            ctx,
            [_("Thematic cluster")] + [name for _code, name, _t in scopes],
            rows,
            [share * 1.6] + [share] * len(scopes),
            numeric=tuple(range(1, len(scopes) + 1)),
        )
        story.append(
            ctx.text_para(
                _(
                    "Share of the entities that answered whose entries concern the cluster; "
                    "highlighted where more than {share} of them do (a recurrent cluster)."
                ).format(share=format_percent(results.recurrence)),
                s.small,
            )
        )
        shared = found.priorities.elements_in_all
        if shared and len(found.priorities.regions) > 1:
            story.append(
                ctx.text_para(
                    ngettext(
                        "Recurrent in every region: element {elements}.",
                        "Recurrent in every region: elements {elements}.",
                        len(shared),
                    ).format(
                        elements=separator(ctx).join(
                            f"({letter}) {element_text.get(letter, '').rstrip('.')}".strip()
                            for letter in shared
                        )
                    )
                )
            )
        story.append(Spacer(1, 3 * mm))
    return story


def survey_questions(ctx: DocContext) -> Story:
    results = survey_data(ctx)
    if results is None:
        return []
    rows = []
    for number, q in enumerate(results.questions, 1):
        summary = q.summary
        if q.type == "yes_no":
            text = _("Yes: {yes} · No: {no}").format(
                yes=f"{format_number(summary['yes'])} ({format_percent(summary['yes_percent'] / 100)})",
                no=f"{format_number(summary['no'])} ({format_percent(summary['no_percent'] / 100)})",
            )
        elif q.type == "list":
            text = ngettext("{count} entry", "{count} entries", summary["items"]).format(
                count=format_number(summary["items"])
            )
        elif q.type in ("single_choice", "multiple_choice", "ranking") and summary.get("options"):
            text = separator(ctx).join(
                f"{ctx.plain(o['label']) or o['key']}: {format_number(o['count'])}"
                for o in summary["options"]
                if o.get("count")
            )
        elif q.type in ("rating", "number") and summary.get("mean") is not None:
            text = _("Mean: {mean}").format(mean=format_number(summary["mean"]))
        else:
            continue
        answered = f"{format_number(q.answered)}/{format_number(q.asked)}"
        rows.append([f"{format_number(number)}. {ctx.label(q.title)}", answered, text])
    if not rows:
        return []
    return [ctx.text_para(_("Answers by question"), ctx.styles.h3)] + tables(
        ctx, [_("Question"), _("Answers"), _("Summary")], rows, [0.56, 0.12, 0.32], numeric=(1,)
    )


def survey_missing(ctx: DocContext) -> Story:
    results = survey_data(ctx)
    if results is None:
        return []
    statuses = {"invited": _("Invited"), "reminded": _("Reminded"), "declined": _("Declined")}
    rows = []
    for r in results.respondents:
        if r.answered:
            continue
        name = ctx.plain(r.name) if r.name else ""
        who = name if not name or r.label in name else f"{name} ({r.label})"
        rows.append(
            [who or r.label, statuses.get(r.status, r.status), format_number(len(r.reminders))]
        )
    if not rows:
        return []
    return [ctx.text_para(_("Entities that have not answered"), ctx.styles.h3)] + tables(
        ctx, [_("Entity"), _("Status"), _("Reminders")], rows, [0.64, 0.2, 0.16], numeric=(2,)
    )


def recommendations(ctx: DocContext, numbering: Numbering) -> Story:
    """The consolidated recommendations in their sets, numbered within each set, each
    with where it came from ("made in 4 of 4 groups") and its thematic clusters."""
    story: Story = []
    clusters = cluster_names(ctx)
    all_outcomes = [
        o for o in outcomes.list_outcomes(ctx.ws, ctx.meeting.id) if o.kind == "recommendation"
    ]
    sets = outcomes.list_sets(ctx.ws, ctx.meeting.id)
    groups_of: list[tuple[object, list[outcomes.Outcome]]] = [
        (s, [o for o in all_outcomes if o.set_id == s.id]) for s in sets
    ]
    loose = [o for o in all_outcomes if o.set_id is None or o.set_id not in {s.id for s in sets}]
    if loose:
        groups_of.append((None, loose))
    for outcome_set, members in groups_of:
        if not members:
            continue
        title = ctx.label(outcome_set.title) if outcome_set else _("Other recommendations")
        story.append(ctx.heading(2, numbering.next(2), title))
        for number, outcome in enumerate(members, 1):
            story += outcome_paragraphs(ctx, number, outcome, clusters)
    return story


def provenance_line(ctx: DocContext, outcome: outcomes.Outcome) -> str:
    """ "Made in 3 of 4 groups (Africa; Asia, Pacific and the Middle East; Europe)"."""
    if not outcome.source_note_ids:
        return ""
    found = consolidation.outcome_provenance(ctx.ws, outcome.id)
    if not found.group_count or not found.total_groups:
        return ""
    line = found.made_in()
    line = line[:1].upper() + line[1:]
    regions = separator(ctx).join(ctx.plain(name) for _code, name in found.regions)
    if not regions:
        return line
    return f"{line}（{regions}）" if ctx.lang == "zh" else f"{line} ({regions})"


def outcome_paragraphs(
    ctx: DocContext, number: int, outcome: outcomes.Outcome, clusters: dict[int, str]
) -> Story:
    s = ctx.styles
    lead = Text(outcome.lead).resolve(ctx.lang, ctx.source)
    body = Text(outcome.body).resolve(ctx.lang, ctx.source)
    lead_text = ctx.rule.statement(lead.text)
    body_text = ctx.rule.statement(body.text)
    label = f"{format_number(number)}."
    tags = sorted(int(t.split(":")[1]) for t in outcome.tags if t.startswith("cluster:"))
    notes_line = [provenance_line(ctx, outcome)]
    if tags:
        notes_line.append(
            ngettext(
                "Thematic cluster: {clusters}", "Thematic clusters: {clusters}", len(tags)
            ).format(clusters=separator(ctx).join(f"{n}. {clusters.get(n, '')}" for n in tags))
        )
    mark = ""
    if (lead.is_fallback or body.is_fallback) and not ctx.final:
        fallback = lead.lang if lead.is_fallback else body.lang
        mark = f'<font color="{FALLBACK}" size="7">[{fallback.upper()}]</font> '
        ctx.fallbacks += 1
    text = f"{mark}<b>{markup(lead_text, ctx.lang, bold=True)}</b>"
    if body_text:
        text += f" {markup(body_text, ctx.lang)}"
    story: Story = [
        para(s, text, s.bullet, raw=True, bullet=label, plain=f"{lead_text} {body_text}")
    ]
    line = " · ".join(part for part in notes_line if part)
    if line:
        story.append(ctx.text_para(line, s.note))
    return story


def conclusions(ctx: DocContext) -> Story:
    f = ctx.figures
    story: Story = []
    for outcome in outcomes.list_outcomes(ctx.ws, ctx.meeting.id):
        if outcome.kind == "key_message":
            p = ctx.content(outcome.lead, statement=True, bold=True)
            if p is not None:
                story.append(p)
    closing = [i.id for i in agenda.list_items(ctx.ws, ctx.meeting.id) if i.kind == "closing"]
    for item_id in closing:
        found = notes.list_notes(
            ctx.ws,
            ctx.meeting.id,
            agenda_item_id=item_id,
            statuses=["final"],
            kinds=["key_message"],
        )
        story += [ctx.text_para(ctx.rule.statement(n.text)) for n in found]
    text = ngettext(
        "The meeting agreed on {count} recommendation.",
        "The meeting agreed on {count} recommendations.",
        f.recommendations,
    ).format(count=format_number(f.recommendations))
    text += " " + ngettext(
        "The Highlights in Annex 2 consist of {count} paragraph.",
        "The Highlights in Annex 2 consist of {count} paragraphs.",
        f.highlights,
    ).format(count=format_number(f.highlights))
    text += " " + _(
        "The Highlights and this report are transmitted, with the survey results, to the "
        "co-facilitators of the intergovernmental process and to the Special Representative "
        "of the Secretary-General."
    )
    story.append(ctx.text_para(text))
    return story


def clusters_annex(ctx: DocContext) -> Story:
    story: Story = []
    elements = {e.letter: e for e in taxonomy.elements(ctx.ws)}
    for cluster in taxonomy.clusters(ctx.ws):
        story.append(ctx.text_para(f"{cluster.number}. {ctx.plain(cluster.title)}", ctx.styles.h3))
        for letter in cluster.elements:
            element = elements.get(letter)
            if element:
                story.append(
                    ctx.text_para(ctx.plain(element.text), ctx.styles.bullet, bullet=f"({letter})")
                )
    return story


def highlights_section(ctx: DocContext) -> Story:
    story: Story = []
    for number, item in enumerate(outcomes.list_highlights(ctx.ws, ctx.meeting.id), 1):
        p = ctx.content(
            item.text, ctx.styles.bullet, statement=True, bullet=f"{format_number(number)}."
        )
        if p is not None:
            story.append(p)
    return story or [ctx.text_para(_("No highlights have been written yet."), ctx.styles.small)]


def agenda_section(ctx: DocContext, level: int = 2) -> Story:
    story: Story = []
    for day in agenda.schedule(ctx.ws, ctx.meeting.id):
        story.append(CondPageBreak(30 * mm))
        story.append(ctx.text_para(format_date(day.day.date, format="full"), ctx.styles.h3_plain))
        rows = []
        for slot in day.slots:
            title = ctx.label(slot.item.title)
            rows.append([span_text(slot.start, slot.end), title, slot.item.room])
        story += tables(ctx, [_("Time"), _("Item"), _("Room")], rows, [0.2, 0.57, 0.23])
    return story


def objectives_annex(ctx: DocContext) -> Story:
    story: Story = []
    # in the order of the agenda (items not on a day's schedule last)
    scheduled = [slot.item for day in agenda.schedule(ctx.ws, ctx.meeting.id) for slot in day.slots]
    placed = {item.id for item in scheduled}
    items = scheduled + [i for i in agenda.list_items(ctx.ws, ctx.meeting.id) if i.id not in placed]
    for item in items:
        if not item.objectives and not item.guiding_questions:
            continue
        block: Story = [ctx.text_para(ctx.label(item.title), ctx.styles.h3)]
        p = ctx.content(item.objectives)
        if p is not None:
            block.append(p)
        if item.guiding_questions:
            block.append(ctx.text_para(_("Guiding questions"), ctx.styles.lead))
            for n, q in enumerate(item.guiding_questions, 1):
                qp = ctx.content(q, ctx.styles.bullet, bullet=f"{format_number(n)}.")
                if qp is not None:
                    block.append(qp)
        story += block
    for group in groups.list_groups(ctx.ws, ctx.meeting.id):
        if group.guiding_questions:
            story.append(ctx.text_para(ctx.label(group.name), ctx.styles.h3))
            story.append(ctx.text_para(_("Guiding questions"), ctx.styles.lead))
            for n, q in enumerate(group.guiding_questions, 1):
                qp = ctx.content(q, ctx.styles.bullet, bullet=f"{format_number(n)}.")
                if qp is not None:
                    story.append(qp)
    return story


def participants_section(ctx: DocContext) -> Story:
    story: Story = []
    mechs = mechanism_names(ctx)
    people = participants.list_participants(ctx.ws, ctx.meeting.id)
    by_category: dict[str, list[participants.Participant]] = defaultdict(list)
    for p in people:
        by_category[p.category].append(p)
    for category, label in participants.CATEGORIES.items():
        members = by_category.get(category)
        if not members:
            continue
        members.sort(key=lambda p: (affiliation(p, mechs).casefold(), p.family_name.casefold()))
        story.append(CondPageBreak(30 * mm))
        story.append(ctx.text_para(f"{label} ({format_number(len(members))})", ctx.styles.h3_plain))
        rows = [
            [number(n), affiliation(p, mechs), person_name(p), p.job_title]
            for n, p in enumerate(members, 1)
        ]
        story += tables(
            ctx,
            ["#", _("Mechanism or organization"), _("Name"), _("Position")],
            rows,
            [0.06, 0.34, 0.24, 0.36],
            numeric=(0,),
        )
    return story


def groups_section(ctx: DocContext, page_per_group: bool = True) -> Story:
    story: Story = []
    mechs = mechanism_names(ctx)
    people = {p.id: p for p in participants.list_participants(ctx.ws, ctx.meeting.id)}
    found = groups.list_groups(ctx.ws, ctx.meeting.id)
    for index, group in enumerate(found):
        block: Story = [
            ctx.text_para(ctx.label(group.name), ctx.styles.h2),
            ctx.text_para(group_line(ctx, group), ctx.styles.small),
        ]
        rows = []
        ordered = sorted(group.members, key=lambda m: (not m.is_facilitator, not m.is_rapporteur))
        for n, member in enumerate(ordered, 1):
            p = people.get(member.participant_id)
            if p is None:
                continue
            roles = []
            if member.is_facilitator:
                roles.append(_("Facilitator"))
            if member.is_rapporteur:
                roles.append(_("Rapporteur"))
            rows.append([number(n), person_name(p), affiliation(p, mechs), ", ".join(roles)])
        block += tables(
            ctx,
            ["#", _("Name"), _("Mechanism or organization"), _("Role")],
            rows,
            [0.06, 0.3, 0.44, 0.2],
            numeric=(0,),
        )
        story += block
        if page_per_group and index < len(found) - 1:
            story.append(PageBreak())
        else:
            story.append(Spacer(1, 6 * mm))
    return story


def questionnaire_annex(ctx: DocContext) -> Story:
    story: Story = []
    found = surveys.list_surveys(ctx.ws, ctx.meeting.id)
    if not found:
        return story
    survey = found[0]
    story.append(ctx.content(survey.title, ctx.styles.lead))
    intro = ctx.content(survey.intro)
    if intro is not None:
        story.append(intro)
    questions = surveys.list_questions(ctx.ws, survey.id)
    number = 0
    for section in surveys.list_sections(ctx.ws, survey.id):
        story.append(ctx.content(section.title, ctx.styles.h3))
        for q in (q for q in questions if q.section_id == section.id):
            number += 1
            story.append(
                ctx.content(q.title, ctx.styles.bullet, bullet=f"{format_number(number)}.")
            )
            for option in q.options:
                op = ctx.content(option.get("label"), ctx.styles.small)
                if op is not None:
                    story.append(op)
    return [f for f in story if f is not None]


def findings_page(ctx: DocContext) -> Story:
    """The last page of a draft: what the check found."""
    report = ctx.report
    # bookmarked, but not in the contents: the page belongs to the draft, not to the report
    story: Story = [
        PageBreak(),
        ctx.heading(1, "", _("Findings of the check before export"), in_contents=False),
    ]
    story.append(
        ctx.text_para(
            _(
                "This draft was produced while the findings below remain. A final version can be "
                "exported once the blocking findings are resolved."
            ),
            ctx.styles.body,
        )
    )
    if not report.findings:
        story.append(ctx.text_para(_("No findings."), ctx.styles.body))
        return story
    rows = []
    for f in report.findings:
        # the examples quote statements: they go through the rule like any statement
        cell = [para(ctx.styles, ctx.rule.statement(f.message), ctx.styles.cell)] + [
            para(ctx.styles, f"– {ctx.rule.statement(example)}", ctx.styles.small)
            for example in f.examples
        ]
        rows.append([cell, _("Blocking") if f.blocking else _("Notice")])
    story += tables(ctx, [_("Finding"), _("Severity")], rows, [0.8, 0.2])
    return story


# --------------------------------------------------------------------------- documents
Builder = Callable[[DocContext], Story]


def build_summary(ctx: DocContext) -> Story:
    title = str(DOCUMENTS["summary"])
    story = cover(ctx, title)
    n = Numbering()
    body: Story = []
    body.append(ctx.heading(1, "", _("List of acronyms")))
    body += acronyms_section(ctx)
    body.append(ctx.heading(1, "", _("Introduction")))
    body += introduction(ctx)
    body.append(ctx.heading(1, n.next(1), _("Background")))
    body += background(ctx)
    body.append(ctx.heading(1, n.next(1), _("Summary of proceedings")))
    body += proceedings(ctx, n)
    if ctx.figures.groups:
        body.append(ctx.heading(1, n.next(1), _("Outcomes of the breakout groups")))
        body += group_outcomes(ctx, n)
    if ctx.figures.survey_invited:
        body.append(ctx.heading(1, n.next(1), _("Survey results")))
        body += survey_overview(ctx) + survey_lists(ctx)
    if ctx.figures.recommendations or ctx.figures.outcome_sets:
        body.append(ctx.heading(1, n.next(1), _("Recommendations")))
        body += recommendations(ctx, n)
    body.append(ctx.heading(1, "", _("Conclusions")))
    body += conclusions(ctx)
    body.append(PageBreak())
    body.append(ctx.heading(1, "", _("Annexes")))
    annexes: list[tuple[str, Builder]] = [
        (_("The thematic clusters and their elements"), clusters_annex),
        (_("Highlights"), highlights_section),
        (_("Agenda"), agenda_section),
        (_("Session objectives and guiding questions"), objectives_annex),
        (_("List of participants"), participants_section),
        (_("Questionnaire of the survey"), questionnaire_annex),
        (
            _("Summary of the survey results"),
            lambda c: survey_by_kind(c) + survey_questions(c),
        ),
    ]
    number = 0
    for annex_title, builder in annexes:
        content = builder(ctx)
        if not content:
            continue
        number += 1
        if number > 1:
            body.append(PageBreak())
        body.append(
            ctx.heading(2, _("Annex {number}.").format(number=format_number(number)), annex_title)
        )
        body += content
    if not ctx.final:
        body += findings_page(ctx)
    contents_heading = ctx.heading(1, "", _("Contents"), in_contents=False)
    contents_heading.keepWithNext = False
    # the contents may fill their page exactly: no empty page after them
    contents = [contents_heading, Contents(ctx.styles, ctx.headings), PageBreakIfNotEmpty()]
    return story + contents + body


def build_highlights(ctx: DocContext) -> Story:
    story = title_block(ctx, str(DOCUMENTS["highlights"])) + highlights_section(ctx)
    return story + (findings_page(ctx) if not ctx.final else [])


def agenda_changes_section(ctx: DocContext) -> Story:
    """ "Changes since version N" once the agenda has been published (issue 3's record)."""
    from .. import agenda_changes

    version = agenda_changes.published_version(ctx.ws, ctx.meeting.id)
    if not version:
        return []
    published = agenda_changes.list_versions(ctx.ws, ctx.meeting.id)[-1]
    changes = agenda_changes.changes_since(ctx.ws, ctx.meeting.id, version)
    story: Story = [
        ctx.text_para(
            _("Changes since version {number}").format(number=format_number(version)), ctx.styles.h2
        ),
        ctx.text_para(
            _("Version {number} was published on {date}.").format(
                number=format_number(version),
                date=format_date(published.published_at[:10]),
            ),
            ctx.styles.small,
        ),
    ]
    if not changes:
        story.append(ctx.text_para(_("The agenda has not changed since."), ctx.styles.body))
    for change in changes:
        line = agenda_changes.describe(change, ctx.source)
        if change.reason:
            line += f" ({change.reason})"
        story.append(ctx.text_para(line, ctx.styles.bullet, bullet=BULLET))
    return story


def build_agenda(ctx: DocContext) -> Story:
    story = title_block(ctx, str(DOCUMENTS["agenda"])) + agenda_section(ctx)
    story += agenda_changes_section(ctx)
    return story + (findings_page(ctx) if not ctx.final else [])


def build_participants(ctx: DocContext) -> Story:
    intro = ngettext(
        "{count} participant", "{count} participants", ctx.figures.participants
    ).format(count=format_number(ctx.figures.participants))
    story = title_block(ctx, str(DOCUMENTS["participants"]))
    story.append(ctx.text_para(intro, ctx.styles.small))
    story += participants_section(ctx)
    return story + (findings_page(ctx) if not ctx.final else [])


def build_groups(ctx: DocContext) -> Story:
    story = title_block(ctx, str(DOCUMENTS["groups"])) + groups_section(ctx)
    return story + (findings_page(ctx) if not ctx.final else [])


def build_survey(ctx: DocContext) -> Story:
    story = title_block(ctx, str(DOCUMENTS["survey"]))
    body = (
        survey_overview(ctx)
        + survey_by_kind(ctx)
        + survey_lists(ctx)
        + survey_questions(ctx)
        + survey_missing(ctx)
    )
    story += body or [ctx.text_para(_("This meeting has no survey."), ctx.styles.body)]
    return story + (findings_page(ctx) if not ctx.final else [])


BUILDERS: dict[str, Builder] = {
    "summary": build_summary,
    "highlights": build_highlights,
    "agenda": build_agenda,
    "participants": build_participants,
    "groups": build_groups,
    "survey": build_survey,
}
