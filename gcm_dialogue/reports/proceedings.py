"""What was said: the final notes session by session, the breakout groups' outcomes, the
consolidated recommendations, the conclusions and the Highlights.

Every statement goes through the Chatham House rule (``ctx.rule.statement``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import agenda, consolidation, groups, notes, outcomes
from ..i18n import N_, _, format_date, format_number, ngettext
from ..multilingual import Text
from .context import DocContext
from .fonts import markup
from .layout import FALLBACK, para
from .text import (
    BULLET,
    Numbering,
    Story,
    cluster_names,
    local_clock,
    para_escape,
    plain_language,
    separator,
    span_text,
)

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


def highlights_section(ctx: DocContext) -> Story:
    story: Story = []
    for number, item in enumerate(outcomes.list_highlights(ctx.ws, ctx.meeting.id), 1):
        p = ctx.content(
            item.text, ctx.styles.bullet, statement=True, bullet=f"{format_number(number)}."
        )
        if p is not None:
            story.append(p)
    return story or [ctx.text_para(_("No highlights have been written yet."), ctx.styles.small)]
