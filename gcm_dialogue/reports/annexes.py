"""The reference sections: the clusters and their elements, the agenda and its changes,
the session objectives, the participants and the breakout groups (documents of their own
and the summary report's annexes), and the findings page that ends a draft."""

from __future__ import annotations

from collections import defaultdict

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from .. import agenda, groups, mechanisms, participants, taxonomy
from ..i18n import _, format_date, format_number
from .context import DocContext
from .layout import para
from .proceedings import group_line
from .text import BULLET, Story, number, span_text, tables


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
            [number(n), affiliation(p, mechs), p.display_name, p.job_title]
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
            rows.append([number(n), p.display_name, affiliation(p, mechs), ", ".join(roles)])
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
