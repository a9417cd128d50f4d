"""Outcomes: proposals from all groups, merging with sources, provenance, order, highlights."""

import pytest

from gcm_dialogue import consolidation, groups, meetings, notes, outcomes
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.i18n import force_locale

REGIONS = [
    ("Africa", "africa"),
    ("Americas", "americas"),
    ("Asia", "asia_pacific_middle_east"),
    ("Europe", "europe"),
]
DATA = {
    "africa": ("Renforcer la collecte de données sur les migrations.", "fr"),
    "americas": ("Strengthen the exchange of migration data among States.", "en"),
    "asia_pacific_middle_east": ("ينبغي جمع بيانات مصنفة عن الهجرة.", "ar"),
    "europe": ("Agree on common definitions so that migration data are comparable.", "en"),
}


@pytest.fixture
def four_groups(ws, meeting):
    codes = {r["code"] for r in ws.query("SELECT code FROM regions")}
    made = {}
    for name, code in REGIONS:
        assert code in codes
        made[code] = groups.create_group(ws, meeting.id, name=name, region=code)
    data = {}
    for code, (text, lang) in DATA.items():
        data[code] = notes.add_note(
            ws,
            meeting.id,
            text,
            lang=lang,
            kind="recommendation",
            group_id=made[code].id,
            tags=["cluster:3", "element:v", "sdg:17.18", "level:regional"],
        ).id
    other = notes.add_note(
        ws,
        meeting.id,
        "Cut the cost of remittances.",
        lang="en",
        kind="recommendation",
        group_id=made["africa"].id,
        tags=["cluster:4", "element:h"],
    ).id
    point = notes.add_note(
        ws,
        meeting.id,
        "Data matter.",
        lang="en",
        kind="point",
        group_id=made["europe"].id,
        tags=["cluster:3", "element:v"],
    ).id
    return made, data, other, point


def test_proposes_alike_notes_from_several_groups(ws, meeting, four_groups):
    made, data, other, point = four_groups
    proposals = consolidation.propose_groupings(ws, meeting.id)
    assert len(proposals) == 1
    proposal = proposals[0]
    assert set(proposal.note_ids) == set(data.values())
    assert proposal.shared_tags == ("cluster:3", "element:v", "sdg:17.18")
    assert len(proposal.group_ids) == 4
    assert other not in proposal.note_ids and point not in proposal.note_ids


def test_similar_words_with_only_a_cluster_in_common(ws, meeting):
    a, b = (groups.create_group(ws, meeting.id, name=n) for n in ("A", "B"))
    text = "Reduce the cost of remittances and make transfers safer for migrant workers"
    n1 = notes.add_note(
        ws, meeting.id, text, lang="en", kind="recommendation", group_id=a.id, tags=["cluster:4"]
    )
    n2 = notes.add_note(
        ws,
        meeting.id,
        text + ".",
        lang="en",
        kind="key_message",
        group_id=b.id,
        tags=["cluster:4", "element:h"],
    )
    notes.add_note(
        ws,
        meeting.id,
        "Something else entirely about borders",
        lang="en",
        kind="recommendation",
        group_id=b.id,
        tags=["cluster:4"],
    )
    proposals = consolidation.propose_groupings(ws, meeting.id)
    assert [set(p.note_ids) for p in proposals] == [{n1.id, n2.id}]


def test_merge_keeps_sources_and_says_where_it_came_from(ws, meeting, four_groups):
    made, data, other, point = four_groups
    outcome = consolidation.merge(ws, meeting.id, note_ids=list(data.values()))
    assert set(outcome.source_note_ids) == set(data.values())
    assert outcome.lead == {"en": DATA["americas"][0]}  # drafted from a note in the source language
    assert {"cluster:3", "element:v", "sdg:17.18"} <= set(outcome.tags)
    provenance = consolidation.outcome_provenance(ws, outcome.id)
    assert (provenance.group_count, provenance.total_groups) == (4, 4)
    assert [code for code, _name in provenance.regions] == [
        "africa",
        "americas",
        "asia_pacific_middle_east",
        "europe",
    ]
    assert provenance.made_in() == "made in 4 of 4 groups"
    with force_locale("fr"):
        assert "Afrique" in provenance.region_names("fr")
    # merging outcomes keeps every source and removes the merged ones
    second = consolidation.merge(ws, meeting.id, note_ids=[other], lead="Remittances")
    both = consolidation.merge(ws, meeting.id, outcome_ids=[outcome.id, second.id])
    assert set(both.source_note_ids) == {*data.values(), other}
    assert [o.id for o in outcomes.list_outcomes(ws, meeting.id)] == [both.id]
    assert consolidation.outcome_provenance(ws, both.id).group_count == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({}, "choose the notes"), ({"note_ids": ["nope"]}, "no such note")],
)
def test_merge_refuses(ws, meeting, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        consolidation.merge(ws, meeting.id, **kwargs)


def test_merge_refuses_another_meetings_notes(ws, meeting):
    other = meetings.create_meeting(
        ws, short_name="X", title="X", start_date="2018-01-01", end_date="2018-01-01"
    )
    note = notes.add_note(ws, other.id, "Elsewhere", lang="en", kind="recommendation")
    with pytest.raises(ValidationError, match="not a note of this meeting"):
        consolidation.merge(ws, meeting.id, note_ids=[note.id])
    assert outcomes.list_outcomes(ws, meeting.id) == []


def test_order_numbering_sets_and_register(ws, meeting):
    priorities = outcomes.create_set(ws, meeting.id, "priorities", "Five cross-regional priorities")
    follow = outcomes.create_set(ws, meeting.id, "follow_up", "Five recommendations on follow-up")
    a, b, c = (outcomes.add_outcome(ws, meeting.id, lead=t, set_id=priorities.id) for t in "ABC")
    d = outcomes.add_outcome(ws, meeting.id, lead="D", set_id=follow.id)
    outcomes.move_outcome(ws, c.id, set_id=priorities.id, position=0)
    assert [(n, o.lead["en"]) for n, o in outcomes.numbered(ws, meeting.id)] == [
        ("1", "C"),
        ("2", "A"),
        ("3", "B"),
        ("1", "D"),
    ]
    outcomes.move_outcome(ws, a.id, set_id=follow.id, position=0)
    assert [(n, o.lead["en"]) for n, o in outcomes.numbered(ws, meeting.id)] == [
        ("1", "C"),
        ("2", "B"),
        ("1", "A"),
        ("2", "D"),
    ]
    changed = outcomes.set_outcome_text(ws, b.id, "fr", lead="B fr", body="Paragraphe")
    assert changed.lead == {"en": "B", "fr": "B fr"} and changed.body == {"fr": "Paragraphe"}
    assert outcomes.update_outcome(ws, b.id, register="cautious").register == "cautious"
    with pytest.raises(ValidationError):
        outcomes.set_outcome_text(ws, d.id, "en", lead="", body="")
    completeness = {
        c.lang: c.missing_numbers for c in outcomes.outcomes_completeness(ws, meeting.id)
    }
    assert completeness["fr"] == (1, 3, 4) and completeness["en"] == ()
    outcomes.delete_set(ws, follow.id)
    assert {o.set_id for o in outcomes.list_outcomes(ws, meeting.id)} == {priorities.id, None}


def test_highlight_drafted_from_an_outcome_in_two_languages(ws, meeting):
    outcome = outcomes.add_outcome(
        ws,
        meeting.id,
        lead={"en": "Data should be shared.", "fr": "Les données devraient être partagées."},
    )
    first = outcomes.add_highlight(ws, meeting.id, "Opening paragraph")
    drafted = outcomes.draft_highlight(ws, outcome.id, position=0)
    assert [h.id for h in outcomes.list_highlights(ws, meeting.id)] == [drafted.id, first.id]
    assert drafted.text == outcome.lead and drafted.outcome_id == outcome.id
    outcomes.set_highlight_text(ws, drafted.id, "es", "Los datos deberían compartirse.")
    outcomes.move_highlight(ws, drafted.id, 1)
    rows = {c.lang: c for c in outcomes.highlights_completeness(ws, meeting.id)}
    assert (rows["en"].done, rows["en"].total, rows["en"].complete) == (2, 2, True)
    assert rows["fr"].missing_numbers == (1,) and rows["es"].missing_numbers == (1,)
    with pytest.raises(ValidationError):
        outcomes.set_highlight_text(ws, first.id, "en", " ")


def test_the_source_language_text_is_required(ws, meeting):
    outcome = outcomes.add_outcome(ws, meeting.id, lead={"en": "Share data.", "fr": "Partager."})
    with pytest.raises(ValidationError, match="English, the meeting's source language"):
        outcomes.edit_outcome(
            ws,
            outcome.id,
            "en",
            lead=" ",
            body="",
            register="directive",
            kind="recommendation",
            set_id=None,
        )
    assert outcomes.get_outcome(ws, outcome.id).lead == {"en": "Share data.", "fr": "Partager."}
    # another language's lead may be removed
    outcomes.edit_outcome(
        ws,
        outcome.id,
        "fr",
        lead="",
        body="",
        register="directive",
        kind="recommendation",
        set_id=None,
    )
    assert outcomes.get_outcome(ws, outcome.id).lead == {"en": "Share data."}
    with pytest.raises(ValidationError):
        outcomes.create_set(ws, meeting.id, "s", {"fr": "Priorités"})


def test_a_set_is_renamed_translated_and_deleted(ws, meeting):
    loose = outcomes.add_outcome(ws, meeting.id, lead="Loose")
    made = outcomes.create_set(ws, meeting.id, "p", {"en": "Priorities", "es": " "})
    assert made.title == {"en": "Priorities"}
    held = outcomes.add_outcome(ws, meeting.id, lead="Held", set_id=made.id)
    renamed = outcomes.set_titles(ws, made.id, {"en": "Five priorities", "fr": "Priorités"})
    assert renamed.title == {"en": "Five priorities", "fr": "Priorités"}
    assert outcomes.rename_set(ws, made.id, "fr", "").title == {"en": "Five priorities"}
    with pytest.raises(ValidationError, match="title in English"):
        outcomes.set_titles(ws, made.id, {"en": "", "fr": "Priorités"})
    assert outcomes.list_sets(ws, meeting.id)[0].title == {"en": "Five priorities"}
    outcomes.delete_set(ws, made.id)
    assert outcomes.list_sets(ws, meeting.id) == []
    # the outcomes it held stay, after those in no set
    assert [(n, o.id, o.set_id) for n, o in outcomes.numbered(ws, meeting.id)] == [
        ("1", loose.id, None),
        ("2", held.id, None),
    ]


def test_two_sets_of_a_meeting_never_share_a_title(ws, meeting):
    from gcm_dialogue.errors import ValidationError

    first = outcomes.create_set(ws, meeting.id, "priorities", "Five priorities")
    outcomes.create_set(ws, meeting.id, "follow-up", "Follow-up")
    with pytest.raises(ValidationError, match="already called"):
        outcomes.create_set(ws, meeting.id, "again", "five priorities")
    with pytest.raises(ValidationError, match="already called"):
        outcomes.set_titles(ws, first.id, {"en": "Follow-up"})
