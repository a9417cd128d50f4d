"""The opening of the documents: a short document's title block, the summary report's
cover, and its first sections (acronyms, introduction, background)."""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, NextPageTemplate, PageBreak, Spacer

from .. import agenda, mechanisms, taxonomy
from ..i18n import _, format_number, ngettext
from .context import DocContext
from .layout import ACCENT, RULE
from .survey_sections import survey_sentence
from .text import Story, separator, tables


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
