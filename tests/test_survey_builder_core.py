"""The questionnaire's core: questions per language, conditions, respondents, the template."""

import pytest

from gcm_dialogue import mechanisms, survey_answers, survey_respondents, surveys
from gcm_dialogue.errors import ValidationError


@pytest.fixture
def survey(ws, meeting):
    s = surveys.create_survey(ws, meeting.id, title={"en": "Survey", "fr": "Enquête"})
    section = surveys.add_section(ws, s.id, {"en": "General", "fr": "Général"})
    surveys.add_question(ws, section.id, key="has", type="yes_no", title="Any?")
    surveys.add_question(
        ws,
        section.id,
        key="what",
        type="multiple_choice",
        title="Which?",
        options=[{"key": "a", "label": {"en": "A"}}, {"key": "b", "label": "B"}],
        show_if={"question": "has", "equals": True},
    )
    return s


def test_texts_per_language_merge_and_can_be_removed(ws, survey):
    q = surveys.list_questions(ws, survey.id)[0]
    q = surveys.update_question(ws, q.id, title={"fr": "Des recommandations ?"})
    assert dict(q.title) == {"en": "Any?", "fr": "Des recommandations ?"}
    q = surveys.update_question(ws, q.id, title={"fr": ""})
    assert dict(q.title) == {"en": "Any?"}
    with pytest.raises(ValidationError, match="needs a text"):
        surveys.update_question(ws, q.id, title={"en": ""})


def test_option_labels_per_language(ws, survey):
    q = surveys.list_questions(ws, survey.id)[1]
    q = surveys.update_question(
        ws,
        q.id,
        options=[
            {"key": "a", "label": {"en": "A", "fr": "A fr"}},
            {"key": "b", "label": {"en": "B", "fr": "B fr"}},
        ],
    )
    assert q.options[0]["label"] == {"en": "A", "fr": "A fr"}


@pytest.mark.parametrize(
    ("show_if", "message"),
    [
        ({"question": "nope", "equals": True}, "unknown earlier question"),
        ({"question": "has", "equals": "perhaps"}, "does not fit has"),
        ({"question": "has"}, "condition reads"),
    ],
)
def test_bad_conditions_are_refused(ws, survey, show_if, message):
    section = surveys.list_sections(ws, survey.id)[0]
    with pytest.raises(ValidationError, match=message):
        surveys.add_question(ws, section.id, key="x", type="short_text", title="X", show_if=show_if)


def test_a_condition_must_name_an_earlier_question(ws, survey):
    first = surveys.list_questions(ws, survey.id)[0]
    with pytest.raises(ValidationError, match="unknown earlier question"):
        surveys.update_question(ws, first.id, show_if={"question": "what", "equals": "a"})
    with pytest.raises(ValidationError, match="must come before"):
        surveys.move_question(ws, surveys.list_questions(ws, survey.id)[1].id, -1)
    with pytest.raises(ValidationError, match="shown depending on has"):
        surveys.delete_question(ws, first.id)


def test_hidden_questions_cannot_be_answered_and_required_ones_must_be(ws, survey):
    m = mechanisms.create_mechanism(ws, "RCM", "RCM", "rcp", ["americas"])
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id).id
    with pytest.raises(ValidationError, match="only asked when has"):
        survey_answers.set_answers(ws, rid, {"has": False, "what": ["a"]})
    survey_answers.set_answers(ws, rid, {"has": True, "what": ["b", "a"]})
    assert survey_answers.answers_of(ws, rid) == {"has": True, "what": ["a", "b"]}
    q = surveys.list_questions(ws, survey.id)[0]
    surveys.update_question(ws, q.id, required=True)
    with pytest.raises(ValidationError, match="has: an answer is required"):
        survey_answers.set_answers(ws, rid, {"what": ["a"]}, replace=True)
    assert survey_answers.answers_of(ws, rid) == {"has": True, "what": ["a", "b"]}  # unchanged


def test_answered_questions_keep_their_type(ws, survey):
    m = mechanisms.create_mechanism(ws, "RCM", "RCM", "rcp", ["americas"])
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id).id
    survey_answers.set_answers(ws, rid, {"has": True})
    q = surveys.list_questions(ws, survey.id)[0]
    with pytest.raises(ValidationError, match="type cannot change"):
        surveys.update_question(ws, q.id, type="short_text")


def test_respondents_invitation_reminders_and_non_respondents(ws, survey):
    for acronym, kind, regions in (
        ("RCM", "rcp", ["americas"]),
        ("ACP-EU", "irf", ["africa", "europe"]),
        ("UNECA", "unrc", ["africa"]),
        ("NGO", "other", []),
    ):
        mechanisms.create_mechanism(ws, acronym, acronym, kind, regions)
    invited = survey_respondents.invite_entities(ws, survey.id)
    assert len(invited) == 3  # "other" organisations are not entities
    assert survey_respondents.invite_entities(ws, survey.id) == []
    surveys.update_survey(ws, survey.id, deadline="2017-06-26")
    by_label = {i.label: i for i in survey_respondents.respondent_infos(ws, survey.id)}
    survey_answers.set_answers(ws, by_label["ACP-EU"].id, {"has": False}, submitted_on="2017-06-20")
    waiting = survey_respondents.remind_all(ws, survey.id, "2017-06-19")
    assert set(waiting) == {by_label["RCM"].id, by_label["UNECA"].id}
    r = survey_respondents.get_respondent(ws, by_label["RCM"].id)
    assert (r.status, r.reminders) == ("reminded", ("2017-06-19",))
    with pytest.raises(ValidationError, match="already noted"):
        survey_respondents.add_reminder(ws, r.id, "2017-06-19")
    missing = {
        k: [i.label for i in v]
        for k, v in survey_respondents.non_respondents_by_region(ws, survey.id).items()
    }
    assert missing == {
        "africa": ["UNECA"],
        "americas": ["RCM"],
        "asia_pacific_middle_east": [],
        "europe": [],
    }
    survey_respondents.update_respondent(ws, by_label["UNECA"].id, status="declined")
    assert survey_respondents.get_respondent(ws, by_label["UNECA"].id).status == "declined"
    with pytest.raises(ValidationError, match="respondent status"):
        survey_respondents.update_respondent(ws, r.id, status="lost")


def test_grcp7_template(ws, meeting):
    mechanisms.create_mechanism(ws, "MIDSA", "MIDSA", "rcp", ["africa"])
    survey = surveys.create_from_template(ws, meeting.id)
    questions = surveys.list_questions(ws, survey.id)
    assert [q.key for q in questions][:3] == [
        "mechanism_name",
        "has_recommendations",
        "recommendations",
    ]
    assert {q.type for q in questions} == {"short_text", "yes_no", "list"}
    assert questions[2].show_if == {"question": "has_recommendations", "equals": True}
    assert set(questions[2].title) >= {"en", "fr", "es"}
    assert [i.label for i in survey_respondents.respondent_infos(ws, survey.id)] == ["MIDSA"]
    with pytest.raises(ValidationError, match="unknown survey template"):
        surveys.create_from_template(ws, meeting.id, "grcp99")


def test_resolve_survey(ws, meeting, survey):
    assert surveys.resolve_survey(ws, meeting.id, None).id == survey.id
    assert surveys.resolve_survey(ws, meeting.id, "1").id == survey.id
    assert surveys.resolve_survey(ws, meeting.id, "enquête").id == survey.id
    surveys.create_survey(ws, meeting.id, title="Second")
    with pytest.raises(ValidationError, match="has 2 surveys"):
        surveys.resolve_survey(ws, meeting.id, None)
    assert surveys.resolve_survey(ws, meeting.id, "Sec").title["en"] == "Second"


def test_options_can_be_added_but_not_removed_once_answered(ws, survey):
    m = mechanisms.create_mechanism(ws, "RCM", "RCM", "rcp", ["americas"])
    rid = survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id).id
    survey_answers.set_answers(ws, rid, {"has": True, "what": ["a"]})
    q = surveys.list_questions(ws, survey.id)[1]
    options = [*q.options, {"key": "c", "label": {"en": "C"}}]
    assert [o["key"] for o in surveys.update_question(ws, q.id, options=options).options] == [
        "a",
        "b",
        "c",
    ]
    with pytest.raises(ValidationError, match="answered options be removed"):
        surveys.update_question(ws, q.id, options=options[1:])


def test_the_deadline_comes_after_the_invitation(ws, meeting, survey):
    with pytest.raises(ValidationError, match="deadline .2026-03-01. comes before"):
        surveys.create_survey(
            ws, meeting.id, title="Late", invited_on="2026-03-10", deadline="2026-03-01"
        )
    surveys.update_survey(ws, survey.id, invited_on="2026-03-10", deadline="2026-03-31")
    with pytest.raises(ValidationError, match="comes before the invitation date"):
        surveys.update_survey(ws, survey.id, deadline="2026-03-09")
    with pytest.raises(ValidationError, match="comes before the invitation date"):
        surveys.update_survey(ws, survey.id, invited_on="2026-04-01")
    assert surveys.get_survey(ws, survey.id).deadline == "2026-03-31"


@pytest.mark.parametrize("key", ["bad key!", "1st", "q-1", "é", "x" * 41, ""])
def test_question_keys_are_short_identifiers(ws, survey, key):
    section = surveys.list_sections(ws, survey.id)[0]
    with pytest.raises(ValidationError, match="letter, then letters, digits or _"):
        surveys.add_question(ws, section.id, key=key, type="short_text", title="T")
    question = surveys.list_questions(ws, survey.id)[0]
    with pytest.raises(ValidationError, match="cannot be a question key"):
        surveys.update_question(ws, question.id, key=key)


def test_a_number_question_may_declare_its_smallest_number(ws, survey):
    section = surveys.list_sections(ws, survey.id)[0]
    count = surveys.add_question(
        ws, section.id, key="staff", type="number", title="Staff", config={"min": 0}
    )
    respondent = survey_respondents.add_respondent(
        ws, survey.id, mechanism_id=mechanisms.create_mechanism(ws, "X", "X", "rcp").id
    )
    with pytest.raises(ValidationError, match="-1 is below the smallest number allowed, 0"):
        survey_answers.set_answers(ws, respondent.id, {"staff": -1})
    assert survey_answers.set_answers(ws, respondent.id, {"staff": 0}) == 1
    with pytest.raises(ValidationError, match="below the smallest"):
        surveys.update_question(ws, count.id, config={"min": 5, "max": 1})
    with pytest.raises(ValidationError, match="must be a number"):
        surveys.update_question(ws, count.id, config={"min": "zero"})
