"""Every figure and table of a survey's results, computed once, as plain data.

``survey_results(ws, survey_id)`` is the one source: the results view, ``survey-results
--json``, the survey results document and the report's annex all print what it returns, so
no two of them can disagree. The figures are built from one pass over the respondents and
their answers, so they cannot disagree with each other either:

- a respondent "answered" when its status is ``answered``; only those answers are counted;
- an entity in several regions is counted in each region, once overall;
- per kind of respondent (RCP, IRF, REO, UN RC, ... or participant) the rows add up to the
  overall figure exactly;
- a recommendation (an element or a cluster of a list question) is "recurrent" in a scope
  when strictly more than ``recurrence`` of that scope's answering respondents make it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from . import survey_answers, survey_respondents, surveys
from .errors import ValidationError
from .i18n import lazy_gettext as N_
from .mechanisms import KINDS
from .multilingual import Text
from .store import Workspace
from .survey_fields import ELEMENT_LETTERS, field_of

PARTICIPANT = "participant"
NO_REGION = ""
KIND_LABELS = {**KINDS, PARTICIPANT: N_("Participant")}
KIND_ORDER = ("rcp", "irf", "global", "reo", "unrc", "other", PARTICIPANT)


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _pct(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


@dataclass
class RespondentRow:
    id: str
    label: str
    name: dict
    kind: str
    regions: list[str]
    status: str
    answered: bool
    reminders: list[str]
    submitted_on: str | None


@dataclass
class RateRow:
    """How many of a group answered: a region, a kind of respondent, or everyone ("")."""

    code: str
    name: dict  # {lang: text} for a region; empty for kinds and overall
    answered: int = 0
    total: int = 0
    percent: float = 0.0
    answered_ids: list[str] = field(default_factory=list)
    missing_ids: list[str] = field(default_factory=list)
    answered_by_kind: dict[str, list[str]] = field(default_factory=dict)  # kind -> labels
    missing_by_kind: dict[str, list[str]] = field(default_factory=dict)

    @property
    def missing(self) -> int:
        return self.total - self.answered


@dataclass
class QuestionResult:
    key: str
    type: str
    section: dict
    title: dict
    options: list[dict]
    asked: int  # answering respondents to whom the question was shown
    answered: int
    percent: float  # answered of asked
    summary: dict  # the question type's summary (counts, percentages, mean, ...)
    texts: list[dict] = field(default_factory=list)  # {"respondent", "text"} for text and lists


@dataclass
class TagCount:
    """An element (letter) or a cluster (number) of a list question within one scope."""

    code: str
    respondents: int
    items: int
    percent: float  # of the scope's answering respondents
    recurrent: bool
    who: list[str] = field(default_factory=list)


@dataclass
class ListTally:
    scope: str  # a region code, or "" for all respondents
    respondents: int  # answering respondents in the scope: the base of the percentages
    contributors: int  # of those, how many gave at least one item
    contributor_labels: list[str]
    items: int
    clusters: list[TagCount]
    elements: list[TagCount]
    practice_types: dict[str, int]
    all_clusters: list[str]  # respondents whose items cover every cluster
    recurrent_clusters: list[int]
    recurrent_elements: list[str]


@dataclass
class Priorities:
    """Recurrent elements and clusters shared by regions."""

    regions: list[str]
    elements_in_all: list[str]
    clusters_in_all: list[int]
    elements_by_count: dict[int, list[str]]  # n -> elements recurrent in exactly n regions
    clusters_by_count: dict[int, list[int]]


@dataclass
class ListResult:
    key: str
    title: dict
    overall: ListTally
    by_region: dict[str, ListTally]
    priorities: Priorities


@dataclass
class SurveyResults:
    survey_id: str
    meeting_id: str
    title: dict
    invited_on: str | None
    deadline: str | None
    regions_filter: list[str] | None
    kinds_filter: list[str] | None
    recurrence: float
    region_names: dict[str, dict]
    clusters: dict[int, dict]  # number -> {"title", "short", "elements"}
    respondents: list[RespondentRow]
    overall: RateRow
    by_region: list[RateRow]
    by_kind: list[RateRow]
    questions: list[QuestionResult]
    lists: list[ListResult]

    def region(self, code: str) -> RateRow:
        return next(r for r in self.by_region if r.code == code)

    def label_of(self, respondent_id: str) -> str:
        return self._labels()[respondent_id]

    def _labels(self) -> dict[str, str]:
        return {r.id: r.label for r in self.respondents}

    def to_dict(self) -> dict:
        data = asdict(self)
        data["clusters"] = {str(k): v for k, v in data["clusters"].items()}
        for lst in data["lists"]:
            for name in ("elements_by_count", "clusters_by_count"):
                lst["priorities"][name] = {str(k): v for k, v in lst["priorities"][name].items()}
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def survey_results(
    ws: Workspace,
    survey_id: str,
    *,
    regions: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    recurrence: float = 0.5,
) -> SurveyResults:
    """All the results of a survey, filtered to some regions and kinds of respondent."""
    if not 0 <= recurrence < 1:
        raise ValidationError("the recurrence threshold is a share from 0 to 1 (0.5 = 50 %)")
    survey = surveys.get_survey(ws, survey_id)
    region_rows = ws.query("SELECT code, name FROM regions ORDER BY position")
    region_names = {r["code"]: json.loads(r["name"]) for r in region_rows}
    regions = None if regions is None else list(regions)
    kinds = None if kinds is None else list(kinds)
    for code in regions or ():
        if code not in region_names:
            raise ValidationError(f"unknown region {code!r}")
    for kind in kinds or ():
        if kind not in KIND_LABELS:
            raise ValidationError(f"unknown kind of respondent {kind!r}")
    element_cluster = {
        r["letter"]: r["cluster"] for r in ws.query("SELECT letter, cluster FROM elements")
    }
    clusters = {
        r["number"]: {
            "title": json.loads(r["title"]),
            "short": json.loads(r["short"]),
            "elements": sorted(k for k, v in element_cluster.items() if v == r["number"]),
        }
        for r in ws.query("SELECT number, title, short FROM clusters ORDER BY number")
    }

    infos = survey_respondents.respondent_infos(ws, survey_id)
    if regions is not None:
        infos = [i for i in infos if set(i.regions) & set(regions)]
    if kinds is not None:
        infos = [i for i in infos if i.kind in kinds]
    shown_regions = [c for c in region_names if regions is None or c in regions]

    respondents = [
        RespondentRow(
            i.id,
            i.label,
            dict(i.name),
            i.kind,
            list(i.regions),
            i.status,
            i.status == "answered",
            list(i.reminders),
            i.submitted_on,
        )
        for i in infos
    ]
    overall = RateRow("", {})
    by_region = {c: RateRow(c, region_names[c]) for c in shown_regions}
    by_kind: dict[str, RateRow] = {}
    for row in respondents:
        groups = [overall, by_kind.setdefault(row.kind, RateRow(row.kind, {}))]
        in_regions = [c for c in row.regions if c in by_region]
        if not row.regions and regions is None:
            groups.append(by_region.setdefault(NO_REGION, RateRow(NO_REGION, {})))
        groups.extend(by_region[c] for c in in_regions)
        for group in groups:
            group.total += 1
            if row.answered:
                group.answered += 1
                group.answered_ids.append(row.id)
                group.answered_by_kind.setdefault(row.kind, []).append(row.label)
            else:
                group.missing_ids.append(row.id)
                group.missing_by_kind.setdefault(row.kind, []).append(row.label)
    for group in [overall, *by_region.values(), *by_kind.values()]:
        group.percent = _pct(group.answered, group.total)
    kind_rows = sorted(
        by_kind.values(), key=lambda r: KIND_ORDER.index(r.code) if r.code in KIND_ORDER else 99
    )

    # The answers of those who answered, one query.
    answered = {r.id: r for r in respondents if r.answered}
    questions = surveys.list_questions(ws, survey_id)
    sections = {s.id: dict(s.title) for s in surveys.list_sections(ws, survey_id)}
    by_question: dict[str, dict[str, object]] = {q.id: {} for q in questions}
    # One JSON array per question, decoded at once: 60,000 answers in a few milliseconds.
    with ws.lock:
        grouped = ws.conn.execute(
            # A sequential scan (NOT INDEXED) reads the answers twice as fast as the index
            # would; those of respondents who have not answered are left out below.
            "SELECT a.question_id, group_concat(a.respondent_id, ','), "
            "'[' || group_concat(a.value, ',') || ']' FROM survey_answers a NOT INDEXED "
            "WHERE a.question_id IN (SELECT id FROM survey_questions WHERE survey_id = ?) "
            "GROUP BY a.question_id",
            (survey_id,),
        ).fetchall()
    for qid, rids, values in grouped:
        if qid in by_question:
            given = by_question[qid]
            for rid, value in zip(rids.split(","), json.loads(values), strict=True):
                if rid in answered:
                    given[rid] = value
    conditions = {q.show_if["question"] for q in questions if q.show_if}
    per_respondent: dict[str, dict[str, object]] = {rid: {} for rid in answered}
    for q in questions:
        if q.key in conditions:
            for rid, value in by_question[q.id].items():
                per_respondent[rid][q.key] = value

    question_results = []
    list_results = []
    for q in questions:
        kind = field_of(q)
        if q.show_if:
            asked_ids = [rid for rid in answered if survey_answers.is_shown(q, per_respondent[rid])]
        else:
            asked_ids = list(answered)
        given = by_question[q.id]
        values = [given[rid] for rid in asked_ids if rid in given]
        summary = kind.summarise(values)
        texts = []
        if q.type in ("short_text", "long_text"):
            texts = [
                {"respondent": answered[rid].label, "text": given[rid]}
                for rid in asked_ids
                if given.get(rid)
            ]
        elif q.type == "list":
            texts = [
                {
                    "respondent": answered[rid].label,
                    "text": item["text"],
                    "elements": item.get("elements", []),
                    "practice_type": item.get("practice_type", ""),
                    "countries": item.get("countries", ""),
                    "link": item.get("link", ""),
                }
                for rid in asked_ids
                for item in given.get(rid) or []
            ]
        question_results.append(
            QuestionResult(
                q.key,
                q.type,
                sections.get(q.section_id, {}),
                dict(q.title),
                [dict(o) for o in q.options],
                len(asked_ids),
                summary["answered"],
                _pct(summary["answered"], len(asked_ids)),
                summary,
                texts,
            )
        )
        if q.type == "list" and "elements" in kind.fields:
            list_results.append(
                _list_result(q, answered, given, by_region, element_cluster, clusters, recurrence)
            )

    return SurveyResults(
        survey_id=survey.id,
        meeting_id=survey.meeting_id,
        title=dict(survey.title),
        invited_on=survey.invited_on,
        deadline=survey.deadline,
        regions_filter=regions,
        kinds_filter=kinds,
        recurrence=recurrence,
        region_names=region_names,
        clusters=clusters,
        respondents=respondents,
        overall=overall,
        by_region=list(by_region.values()),
        by_kind=kind_rows,
        questions=question_results,
        lists=list_results,
    )


def _tally(
    scope: str,
    respondent_ids: list[str],
    labels: dict[str, str],
    given: dict[str, object],
    element_cluster: dict[str, int],
    clusters: dict[int, dict],
    recurrence: float,
) -> ListTally:
    base = len(respondent_ids)
    element_who: dict[str, list[str]] = {}
    cluster_who: dict[int, list[str]] = {}
    element_items: Counter = Counter()
    cluster_items: Counter = Counter()
    practice_types: Counter = Counter()
    contributors, all_clusters, items = [], [], 0
    for rid in respondent_ids:
        answer = given.get(rid) or []
        if not answer:
            continue
        contributors.append(labels[rid])
        seen_elements, seen_clusters = set(), set()
        for item in answer:
            items += 1
            if item.get("practice_type"):
                practice_types[item["practice_type"]] += 1
            letters = item.get("elements", [])
            item_clusters = {element_cluster[e] for e in letters if e in element_cluster}
            for letter in letters:
                element_items[letter] += 1
            for number in item_clusters:
                cluster_items[number] += 1
            seen_elements.update(letters)
            seen_clusters.update(item_clusters)
        for letter in seen_elements:
            element_who.setdefault(letter, []).append(labels[rid])
        for number in seen_clusters:
            cluster_who.setdefault(number, []).append(labels[rid])
        if clusters and seen_clusters >= set(clusters):
            all_clusters.append(labels[rid])

    def recurrent(n: int) -> bool:
        return base > 0 and n > recurrence * base

    elements = [
        TagCount(
            letter,
            len(element_who.get(letter, [])),
            element_items[letter],
            _pct(len(element_who.get(letter, [])), base),
            recurrent(len(element_who.get(letter, []))),
            element_who.get(letter, []),
        )
        for letter in ELEMENT_LETTERS
    ]
    cluster_counts = [
        TagCount(
            str(number),
            len(cluster_who.get(number, [])),
            cluster_items[number],
            _pct(len(cluster_who.get(number, [])), base),
            recurrent(len(cluster_who.get(number, []))),
            cluster_who.get(number, []),
        )
        for number in clusters
    ]
    return ListTally(
        scope=scope,
        respondents=base,
        contributors=len(contributors),
        contributor_labels=contributors,
        items=items,
        clusters=cluster_counts,
        elements=elements,
        practice_types=dict(sorted(practice_types.items())),
        all_clusters=all_clusters,
        recurrent_clusters=[int(c.code) for c in cluster_counts if c.recurrent],
        recurrent_elements=[e.code for e in elements if e.recurrent],
    )


def _list_result(
    q: surveys.Question,
    answered: dict[str, RespondentRow],
    given: dict[str, object],
    by_region: dict[str, RateRow],
    element_cluster: dict[str, int],
    clusters: dict[int, dict],
    recurrence: float,
) -> ListResult:
    labels = {rid: row.label for rid, row in answered.items()}
    overall = _tally("", list(answered), labels, given, element_cluster, clusters, recurrence)
    regional = {
        code: _tally(
            code, list(rate.answered_ids), labels, given, element_cluster, clusters, recurrence
        )
        for code, rate in by_region.items()
        if code != NO_REGION
    }
    element_regions: Counter = Counter()
    cluster_regions: Counter = Counter()
    for tally in regional.values():
        element_regions.update(tally.recurrent_elements)
        cluster_regions.update(tally.recurrent_clusters)
    m = len(regional)
    elements_by_count = {
        n: [e for e in ELEMENT_LETTERS if element_regions[e] == n] for n in range(m, 0, -1)
    }
    clusters_by_count = {
        n: [c for c in clusters if cluster_regions[c] == n] for n in range(m, 0, -1)
    }
    priorities = Priorities(
        regions=list(regional),
        elements_in_all=elements_by_count.get(m, []) if m else [],
        clusters_in_all=clusters_by_count.get(m, []) if m else [],
        elements_by_count=elements_by_count,
        clusters_by_count=clusters_by_count,
    )
    return ListResult(q.key, dict(q.title), overall, regional, priorities)


def text_of(value: dict, lang: str, source: str = "en") -> str:
    """A {lang: text} of the results in a language, falling back to the source language."""
    return Text(value).get_text(lang, source) if value else ""
