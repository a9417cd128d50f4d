"""Budgets of the survey feature: results of 2,000 respondents and 30 questions; importing
2,000 rows of answers."""

from __future__ import annotations

import csv
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.run import Line, budget


@budget
def survey_results_large(context: dict) -> list[Line]:
    from gcm_dialogue import meetings, surveys
    from gcm_dialogue.store import open_workspace
    from gcm_dialogue.survey_results import survey_results

    with open_workspace(context["large"]) as ws:
        meeting = meetings.resolve_meeting(ws, None)
        survey = surveys.list_surveys(ws, meeting.id)[0]
        respondents = ws.scalar(
            "SELECT count(*) FROM survey_respondents WHERE survey_id = ?", (survey.id,)
        )
        questions = len(surveys.list_questions(ws, survey.id))
        assert (respondents, questions) == (2000, 30), (respondents, questions)
        survey_results(ws, survey.id)  # warm the page cache
        times = []
        for _ in range(5):
            started = time.perf_counter()
            survey_results(ws, survey.id)
            times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        survey_results(ws, survey.id, regions=["africa"], kinds=["participant"])
        filtered = (time.perf_counter() - started) * 1000
    return [
        Line(
            "survey results, 2,000 respondents x 30 questions (median)",
            statistics.median(times),
            200.0,
            "ms",
        ),
        Line("survey results filtered by region and type", filtered, 200.0, "ms"),
    ]


def _answer_cells(question, answer) -> str:  # noqa: ANN001
    if isinstance(answer, bool):
        return "Yes" if answer else "No"
    if isinstance(answer, list):
        return ";".join(answer)
    return str(answer)


@budget
def survey_import_large(context: dict) -> list[Line]:
    from gcm_dialogue import meetings, survey_answers, survey_import, surveys
    from gcm_dialogue.store import open_workspace

    tmp = Path(context["tmp"])
    path = tmp / "survey-import.gcmd"
    shutil.copy(context["large"], path)
    export = tmp / "survey-export.csv"
    with open_workspace(path) as ws:
        meeting = meetings.resolve_meeting(ws, None)
        survey = surveys.list_surveys(ws, meeting.id)[0]
        questions = surveys.list_questions(ws, survey.id)
        # An export as a survey tool writes it: the answers already stored, one row each.
        rows = ws.query(
            "SELECT r.id, p.email FROM survey_respondents r JOIN participants p ON p.id = r.participant_id "
            "WHERE r.survey_id = ? ORDER BY r.rowid",
            (survey.id,),
        )
        answers = {r["id"]: survey_answers.answers_of(ws, r["id"]) for r in rows}
        sample = next(a for a in answers.values() if a)
        answers = {k: a or sample for k, a in answers.items()}  # those who had not answered do now
        with export.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["Email address", *[q.key for q in questions]])
            for r in rows:
                given = answers[r["id"]]
                writer.writerow(
                    [
                        r["email"],
                        *[
                            _answer_cells(q, given[q.key]) if q.key in given else ""
                            for q in questions
                        ],
                    ]
                )
        started = time.perf_counter()
        plan, result = survey_import.import_file(ws, survey.id, export)
        seconds = time.perf_counter() - started
        assert result.written == 2000 and not result.problems, result.problems[:3]
    path.unlink()
    return [Line("import 2,000 rows of survey answers (30 questions)", seconds, 3.0, "s")]
