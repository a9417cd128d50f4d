"""Survey results: rates by region and kind, recurrence, priorities, and figures that agree."""

import json

import pytest

from gcm_dialogue import (
    mechanisms,
    meetings,
    participants,
    survey_answers,
    survey_respondents,
    surveys,
)
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.store import open_workspace
from gcm_dialogue.survey_results import survey_results


@pytest.fixture
def demo(demo_path):
    ws = open_workspace(demo_path)
    yield ws
    ws.close()


@pytest.fixture
def demo_results(demo):
    meeting = meetings.resolve_meeting(demo, None)
    (survey,) = surveys.list_surveys(demo, meeting.id)
    return survey_results(demo, survey.id)


def test_demo_rates_by_region_name_the_non_respondents(demo_results):
    r = demo_results
    labels = {x.id: x.label for x in r.respondents}
    got = {
        row.code: (row.answered, row.total, sorted(labels[i] for i in row.missing_ids))
        for row in r.by_region
    }
    assert got["africa"] == (11, 12, ["UNECA"])
    assert got["americas"] == (5, 7, ["CMC", "SACM"])
    assert got["asia_pacific_middle_east"] == (8, 11, ["Bali Process", "GCC", "PIDC"])
    assert got["europe"] == (11, 11, [])
    assert (r.overall.answered, r.overall.total) == (27, 35)
    assert r.region("africa").missing_by_kind == {"unrc": ["UNECA"]}
    # The annex's Africa table: 5 RCPs, 5 IRFs and 1 REO answered.
    assert {k: len(v) for k, v in r.region("africa").answered_by_kind.items()} == {
        "rcp": 5,
        "irf": 5,
        "reo": 1,
    }


def test_figures_agree_with_each_other(demo_results):
    r = demo_results
    by_id = {x.id: x for x in r.respondents}
    # kinds partition the respondents: their rows add up to the overall figures
    assert sum(k.answered for k in r.by_kind) == r.overall.answered
    assert sum(k.total for k in r.by_kind) == r.overall.total
    for row in [r.overall, *r.by_region, *r.by_kind]:
        assert (
            row.answered + row.missing == row.total == len(row.answered_ids) + len(row.missing_ids)
        )
        assert row.percent == pytest.approx(round(100 * row.answered / row.total, 1))
        assert sum(len(v) for v in row.answered_by_kind.values()) == row.answered
        assert sum(len(v) for v in row.missing_by_kind.values()) == row.missing
    # a region counts exactly the respondents having that region, each once
    for row in r.by_region:
        expected = {
            x.id
            for x in r.respondents
            if (row.code in x.regions) or (not x.regions and row.code == "")
        }
        assert set(row.answered_ids) | set(row.missing_ids) == expected
        assert all(by_id[i].answered for i in row.answered_ids)
    # the regions together cover everybody; multi-region entities are in several
    counted = sum(row.total for row in r.by_region)
    assert counted == sum(max(1, len(x.regions)) for x in r.respondents)
    # question figures use the same answering respondents
    for q in r.questions:
        assert q.answered <= q.asked <= r.overall.answered
    yes = next(q for q in r.questions if q.key == "has_recommendations").summary["yes"]
    recs = next(q for q in r.questions if q.key == "recommendations")
    assert recs.asked == yes  # the conditional question was asked to those who said yes
    lst = next(x for x in r.lists if x.key == "recommendations")
    assert lst.overall.contributors == recs.answered
    assert lst.overall.items == recs.summary["items"] == len(recs.texts)
    for code, tally in lst.by_region.items():
        assert tally.respondents == r.region(code).answered
        for element in tally.elements:
            assert (
                element.respondents
                <= lst.overall.elements[ord(element.code) - ord("a")].respondents
            )


def test_json_round_trip_is_plain_data(demo_results):
    data = json.loads(demo_results.to_json())
    assert data["overall"]["answered"] == 27
    assert {r["code"] for r in data["by_region"]} >= {"africa", "americas", "europe"}


def test_filters_by_region_and_kind(demo):
    meeting = meetings.resolve_meeting(demo, None)
    (survey,) = surveys.list_surveys(demo, meeting.id)
    africa = survey_results(demo, survey.id, regions=["africa"])
    assert [row.code for row in africa.by_region] == ["africa"]
    assert (africa.overall.answered, africa.overall.total) == (11, 12)
    irfs = survey_results(demo, survey.id, kinds=["irf"])
    assert {x.kind for x in irfs.respondents} == {"irf"}
    assert irfs.overall.total == 7
    with pytest.raises(ValidationError, match="unknown region"):
        survey_results(demo, survey.id, regions=["mars"])
    with pytest.raises(ValidationError, match="recurrence"):
        survey_results(demo, survey.id, recurrence=1.5)


# -- a small survey built for the edges --------------------------------------------------------


@pytest.fixture
def small(ws, meeting):
    """Four entities in Africa (one also in Europe), two in Europe; a recommendations list."""
    survey = surveys.create_survey(ws, meeting.id, title="Small")
    section = surveys.add_section(ws, survey.id, "Recommendations")
    surveys.add_question(
        ws,
        section.id,
        key="recs",
        type="list",
        title="Recommendations",
        config={"fields": ["text", "elements"]},
    )
    ids = {}
    for acronym, regions in (
        ("A1", ["africa"]),
        ("A2", ["africa"]),
        ("A3", ["africa"]),
        ("AE", ["africa", "europe"]),
        ("E1", ["europe"]),
        ("E2", ["europe"]),
    ):
        m = mechanisms.create_mechanism(ws, acronym, acronym, "rcp", regions)
        ids[acronym] = survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id).id
    return ws, survey, ids


def _answer(ws, rid, *letters):
    survey_answers.set_answers(
        ws, rid, {"recs": [{"text": f"r {letter}", "elements": [letter]} for letter in letters]}
    )


def test_an_entity_in_two_regions_is_counted_in_each(small):
    ws, survey, ids = small
    _answer(ws, ids["AE"], "i")
    r = survey_results(ws, survey.id)
    assert (r.region("africa").answered, r.region("africa").total) == (1, 4)
    assert (r.region("europe").answered, r.region("europe").total) == (1, 3)
    assert (r.overall.answered, r.overall.total) == (1, 6)


@pytest.mark.parametrize(
    ("makers", "share", "recurrent"),
    [
        (2, 0.5, False),  # 2 of 4 is exactly half: not more than half
        (3, 0.5, True),  # 3 of 4
        (1, 0.25, False),  # 1 of 4 is exactly a quarter
        (2, 0.25, True),
        (4, 0.99, True),  # everybody
        (1, 0.0, True),  # any maker at all
        (0, 0.0, False),
    ],
)
def test_recurrence_threshold_at_its_edges(small, makers, share, recurrent):
    ws, survey, ids = small
    africans = ["A1", "A2", "A3", "AE"]
    for n, acronym in enumerate(africans):
        _answer(ws, ids[acronym], *(["q"] if n < makers else ["h"]))
    r = survey_results(ws, survey.id, regions=["africa"], recurrence=share)
    tally = r.lists[0].by_region["africa"]
    assert tally.respondents == 4
    element_q = next(e for e in tally.elements if e.code == "q")
    assert element_q.respondents == makers
    assert element_q.recurrent is recurrent
    assert ("q" in tally.recurrent_elements) is recurrent


def test_priorities_common_to_all_and_to_n_of_m_regions(small, meeting):
    ws, survey, ids = small
    for acronym in ("A1", "A2", "AE"):
        _answer(ws, ids[acronym], "h", "i")
    _answer(ws, ids["A3"], "h")
    _answer(ws, ids["E1"], "h")
    r = survey_results(ws, survey.id, regions=["africa", "europe"])
    lst = r.lists[0]
    # Africa: h 4/4, i 3/4; Europe: h 2/2, i 1/2 (AE only)
    assert lst.by_region["africa"].recurrent_elements == ["h", "i"]
    assert lst.by_region["europe"].recurrent_elements == ["h"]
    assert lst.priorities.elements_in_all == ["h"]
    assert lst.priorities.elements_by_count == {2: ["h"], 1: ["i"]}
    # h is in cluster 4, i in cluster 1: the clusters follow their elements
    assert lst.priorities.clusters_in_all == [4]
    assert lst.priorities.clusters_by_count == {2: [4], 1: [1]}


def test_only_answered_respondents_count(small):
    ws, survey, ids = small
    survey_answers.set_answers(
        ws, ids["A1"], {"recs": [{"text": "draft", "elements": ["q"]}]}, submitted=False
    )
    r = survey_results(ws, survey.id)
    assert r.overall.answered == 0
    assert r.lists[0].overall.items == 0


def test_participants_as_respondents_take_their_mechanism_regions(ws, meeting):
    survey = surveys.create_survey(ws, meeting.id, title="People")
    section = surveys.add_section(ws, survey.id, "S")
    surveys.add_question(ws, section.id, key="n", type="number", title="How many?")
    m = mechanisms.create_mechanism(ws, "RCM", "RCM", "rcp", ["americas"])
    people = [
        participants.create_participant(
            ws, meeting_id=meeting.id, given_name=f"P{n}", mechanism_id=m.id if n else None
        )
        for n in range(3)
    ]
    rids = survey_respondents.invite_participants(ws, survey.id, [p.id for p in people])
    for n, rid in enumerate(rids):
        survey_answers.set_answers(ws, rid, {"n": (n + 1) * 10})
    r = survey_results(ws, survey.id)
    assert [k.code for k in r.by_kind] == ["participant"]
    assert r.region("americas").total == 2
    assert r.region("").total == 1
    q = r.questions[0].summary
    assert (q["mean"], q["median"], q["min"], q["max"]) == (20.0, 20, 10, 30)
