"""A check that decides whether a survey write is allowed runs inside the write's transaction.

The transaction holds the workspace's lock until it commits, so another thread (an import
running in the background) can write only before the transaction begins or after it ends.
``write_first`` makes such a write land at the last possible moment, just before the call's
transaction begins: the call's checks must see it. Were a check made before the
transaction, the write would slip in between the check and the write it allowed.
"""

import contextlib

import pytest

from gcm_dialogue import mechanisms, survey_answers, survey_import, survey_respondents, surveys
from gcm_dialogue.errors import ValidationError


@pytest.fixture
def write_first(ws, monkeypatch):
    """Run a write just before the next outermost transaction begins, as a worker could."""

    def arm(write):
        real = ws.transaction
        pending = [write]

        @contextlib.contextmanager
        def transaction():
            if pending and not ws.conn.in_transaction:
                pending.pop()()
            with real():
                yield ws

        monkeypatch.setattr(ws, "transaction", transaction)

    return arm


@pytest.fixture
def survey(ws, meeting):
    s = surveys.create_survey(ws, meeting.id, title="Survey")
    section = surveys.add_section(ws, s.id, "General")
    surveys.add_question(ws, section.id, key="has", type="yes_no", title="Any?")
    surveys.add_question(
        ws,
        section.id,
        key="what",
        type="single_choice",
        title="Which?",
        options=[{"key": "a"}, {"key": "b"}, {"key": "c"}],
        show_if={"question": "has", "equals": True},
    )
    return s


@pytest.fixture
def entity(ws):
    return mechanisms.create_mechanism(ws, "TCP", "Test Consultative Process", "rcp", ["americas"])


def question(ws, survey, key):
    return next(q for q in surveys.list_questions(ws, survey.id) if q.key == key)


def test_a_question_answered_meanwhile_keeps_its_type(ws, survey, entity, write_first):
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id).id
    write_first(lambda: survey_answers.set_answers(ws, rid, {"has": True}))
    with pytest.raises(ValidationError, match="the question has answers"):
        surveys.update_question(ws, question(ws, survey, "has").id, type="short_text")
    assert question(ws, survey, "has").type == "yes_no"


def test_an_option_answered_meanwhile_cannot_be_removed(ws, survey, entity, write_first):
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id).id
    write_first(lambda: survey_answers.set_answers(ws, rid, {"has": True, "what": "b"}))
    with pytest.raises(ValidationError, match="the question has answers"):
        surveys.update_question(
            ws, question(ws, survey, "what").id, options=[{"key": "a"}, {"key": "c"}]
        )
    assert [o["key"] for o in question(ws, survey, "what").options] == ["a", "b", "c"]


def test_a_respondent_added_meanwhile_is_not_added_twice(ws, survey, entity, write_first):
    write_first(lambda: survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id))
    with pytest.raises(ValidationError, match="already on the survey's list"):
        survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id)
    assert len(survey_respondents.list_respondents(ws, survey.id)) == 1


def test_a_key_taken_meanwhile_is_refused(ws, survey, write_first):
    section = surveys.list_sections(ws, survey.id)[0]
    write_first(lambda: surveys.add_question(ws, section.id, key="x", type="number", title="X"))
    with pytest.raises(ValidationError, match="already has a question with the key 'x'"):
        surveys.add_question(ws, section.id, key="x", type="short_text", title="Another X")
    assert [q.key for q in surveys.list_questions(ws, survey.id)] == ["has", "what", "x"]


def test_a_question_depended_on_meanwhile_is_not_deleted(ws, survey, write_first):
    target = question(ws, survey, "what")
    write_first(
        lambda: surveys.add_question(
            ws,
            target.section_id,
            key="why",
            type="short_text",
            title="Why?",
            show_if={"question": "what", "equals": "a"},
        )
    )
    with pytest.raises(ValidationError, match="why is shown depending on what"):
        surveys.delete_question(ws, target.id)
    assert surveys.get_question(ws, target.id).key == "what"


def test_answers_are_checked_against_those_stored_meanwhile(ws, survey, entity, write_first):
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id).id
    survey_answers.set_answers(ws, rid, {"has": True}, submitted=False)
    write_first(lambda: survey_answers.set_answers(ws, rid, {"has": False}, submitted=False))
    with pytest.raises(ValidationError, match="what: only asked when has is true"):
        survey_answers.set_answers(ws, rid, {"what": "a"}, submitted=False)
    assert survey_answers.answers_of(ws, rid) == {"has": False}


def test_a_reminder_noted_meanwhile_is_not_noted_twice(ws, survey, entity, write_first):
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=entity.id).id
    write_first(lambda: survey_respondents.add_reminder(ws, rid, "2017-06-19"))
    with pytest.raises(ValidationError, match="already noted"):
        survey_respondents.add_reminder(ws, rid, "2017-06-19")
    assert survey_respondents.get_respondent(ws, rid).reminders == ("2017-06-19",)


def test_an_import_reads_the_questions_in_its_own_transaction(
    ws, survey, entity, write_first, tmp_path
):
    section = surveys.list_sections(ws, survey.id)[0]
    staff = surveys.add_question(ws, section.id, key="staff", type="number", title="Staff")
    path = tmp_path / "export.csv"
    path.write_text("respondent,staff\nTCP,2\n", encoding="utf-8")
    table = survey_import.read_responses(path)
    plan = survey_import.plan_import(
        ws, survey.id, table, {"respondent": "respondent", "staff": "q:staff"}
    )
    assert len(plan.rows) == 1
    write_first(lambda: surveys.delete_question(ws, staff.id))
    with pytest.raises(ValidationError, match="unknown question key"):
        survey_import.apply_import(ws, plan)
    assert survey_respondents.list_respondents(ws, survey.id) == []  # nothing was written
