"""The survey in the documents: response rates overall, by region and by type of entity,
the list questions by thematic cluster, the answers by question, who has not answered, and
the questionnaire itself (an annex of the summary report).

The figures come from ``survey_results``, the same computation the results view and the
``survey-results`` command print.
"""

from __future__ import annotations

import re

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Spacer

from .. import surveys, taxonomy
from ..i18n import _, format_number, format_percent, ngettext
from ..survey_results import PARTICIPANT, SurveyResults, kind_label, survey_results
from .context import DocContext
from .layout import ACCENT, TEXT_W, BarChart, para
from .text import Story, rate_text, separator, tables


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
