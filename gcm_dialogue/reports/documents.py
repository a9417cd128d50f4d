"""The documents: summary report, highlights, agenda, participant list, group sheets, survey.

Each builder returns the story (a list of flowables) for a ``DocContext``, put together
from the sections of ``front_matter``, ``proceedings``, ``survey_sections`` and
``annexes`` (small helpers in ``text``). The small documents' sections are reused as the
summary report's annexes. Every statement goes through ``ctx.content(..., statement=True)``,
i.e. through the Chatham House rule.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import PageBreak, PageBreakIfNotEmpty

from ..i18n import N_, _, format_number, ngettext
from .annexes import (
    agenda_changes_section,
    agenda_section,
    clusters_annex,
    findings_page,
    groups_section,
    objectives_annex,
    participants_section,
)
from .context import DocContext
from .front_matter import acronyms_section, background, cover, introduction, title_block
from .layout import Contents
from .proceedings import (
    conclusions,
    group_outcomes,
    highlights_section,
    proceedings,
    recommendations,
)
from .survey_sections import (
    questionnaire_annex,
    survey_by_kind,
    survey_lists,
    survey_missing,
    survey_overview,
    survey_questions,
)
from .text import Numbering, Story

DOCUMENTS: dict[str, object] = {
    "summary": N_("Summary report"),
    "highlights": N_("Highlights"),
    "agenda": N_("Agenda"),
    "participants": N_("List of participants"),
    "groups": N_("Breakout groups"),
    "survey": N_("Survey results"),
}
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
