"""Importing answers from LimeSurvey, KoboToolbox, Google Forms and Microsoft Forms exports."""

import pytest
from openpyxl import Workbook

from gcm_dialogue import (
    mechanisms,
    survey_answers,
    survey_import,
    survey_respondents,
    surveys,
    tabular,
)
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.survey_results import survey_results


@pytest.fixture
def setup(ws, meeting):
    survey = surveys.create_survey(ws, meeting.id, title={"en": "Inputs", "fr": "Contributions"})
    section = surveys.add_section(ws, survey.id, "General")
    add = lambda **kw: surveys.add_question(ws, section.id, **kw)  # noqa: E731
    add(
        key="has",
        type="yes_no",
        title={"en": "Any recommendations?", "fr": "Des recommandations ?"},
    )
    add(
        key="themes",
        type="multiple_choice",
        title="Which themes?",
        options=[
            {"key": "rights", "label": {"en": "Rights", "fr": "Droits"}},
            {"key": "labour", "label": {"en": "Labour", "fr": "Travail"}},
            {"key": "data", "label": {"en": "Data", "fr": "Données"}},
        ],
        show_if={"question": "has", "equals": True},
    )
    add(key="useful", type="rating", title="How useful was GRCP 6?", config={"min": 1, "max": 5})
    add(key="staff", type="number", title="Secretariat staff")
    add(key="comment", type="long_text", title="Comments")
    for acronym, regions in (
        ("MIDSA", ["africa"]),
        ("RCM", ["americas"]),
        ("Bali Process", ["asia_pacific_middle_east"]),
        ("Budapest Process", ["europe"]),
    ):
        m = mechanisms.create_mechanism(ws, acronym, {"en": f"{acronym} full name"}, "rcp", regions)
        survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id)
    mechanisms.create_mechanism(
        ws, "IGAD-RCP", "IGAD Regional Consultative Process", "rcp", ["africa"]
    )
    return ws, survey


def write(tmp_path, text, name="export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


LIMESURVEY = (
    "id,submitdate,lastpage,startlanguage,respondent,has,themes[rights],themes[labour],themes[data],useful,staff,comment\n"
    "1,2017-06-20 10:00:00,3,fr,MIDSA,Y,Y,,Y,4,3,Très utile\n"
    "2,2017-06-21 09:00:00,3,en,rcm,N,,,,5,2,\n"
    "3,2017-06-22 09:00:00,3,en,IGAD Regional Consultative Process,Y,,Y,,3,,\n"
)


def test_limesurvey_export_is_mapped_previewed_and_imported(setup, tmp_path):
    ws, survey = setup
    table = survey_import.read_responses(write(tmp_path, LIMESURVEY))
    mapping = survey_import.suggest_mapping(ws, survey.id, table.headers)
    assert mapping["respondent"] == "respondent"
    assert mapping["submitdate"] == "submitted_on"
    assert mapping["themes[labour]"] == "q:themes:labour"
    assert mapping["id"] == "" and mapping["lastpage"] == ""
    plan = survey_import.plan_import(ws, survey.id, table, mapping)
    assert plan.problems == []
    assert [r.label for r in plan.rows] == ["MIDSA", "RCM", "IGAD-RCP"]
    assert plan.rows[2].respondent_id is None  # known entity, not yet on the list
    result = survey_import.apply_import(ws, plan)
    assert (result.written, result.added_to_list) == (3, 1)
    by_label = {i.label: i for i in survey_respondents.respondent_infos(ws, survey.id)}
    assert survey_answers.answers_of(ws, by_label["MIDSA"].id) == {
        "has": True,
        "themes": ["rights", "data"],
        "useful": 4,
        "staff": 3,
        "comment": "Très utile",
    }
    assert by_label["MIDSA"].submitted_on == "2017-06-20"
    assert by_label["IGAD-RCP"].status == "answered"
    r = survey_results(ws, survey.id)
    assert (r.region("africa").answered, r.region("africa").total) == (2, 2)
    assert (r.overall.answered, r.overall.total) == (3, 5)
    # the mapping is remembered for the next file of that shape
    assert survey_import.suggest_mapping(ws, survey.id, table.headers) == mapping


def test_google_forms_titles_and_joined_choices(setup, tmp_path):
    ws, survey = setup
    text = (
        "Horodateur,Adresse e-mail,Des recommandations ?,Which themes?,How useful was GRCP 6?\n"
        '26/06/2017 10:00:00,MIDSA,Oui,"Droits, Données",5\n'
    )
    table = survey_import.read_responses(write(tmp_path, text))
    mapping = survey_import.suggest_mapping(ws, survey.id, table.headers)
    assert mapping == {
        "Horodateur": "submitted_on",
        "Adresse e-mail": "respondent",
        "Des recommandations ?": "q:has",
        "Which themes?": "q:themes",
        "How useful was GRCP 6?": "q:useful",
    }
    plan = survey_import.plan_import(ws, survey.id, table, mapping)
    assert plan.rows[0].answers == {"has": True, "themes": ["rights", "data"], "useful": 5}
    assert plan.rows[0].submitted_on == "2017-06-26"


def test_kobo_group_paths_and_option_columns(setup, tmp_path):
    ws, survey = setup
    text = (
        "_submission_time;entity;general/has;general/themes/rights;general/themes/labour;general/themes/data\n"
        "2017-06-26T10:00:00;RCM;yes;0;1;1\n"
    )
    table = survey_import.read_responses(write(tmp_path, text))
    mapping = survey_import.suggest_mapping(ws, survey.id, table.headers)
    assert mapping["general/themes/data"] == "q:themes:data"
    plan = survey_import.plan_import(ws, survey.id, table, mapping)
    assert plan.rows[0].answers == {"has": True, "themes": ["labour", "data"]}


def test_microsoft_forms_xlsx(setup, tmp_path):
    ws, survey = setup
    book = Workbook()
    sheet = book.active
    sheet.append(["ID", "Start time", "Completion time", "Name", "Secretariat staff", "Comments"])
    sheet.append([1, "2017-06-01", "2017-06-02 11:00", "Bali Process", 7, "Ligne 1\nLigne 2"])
    path = tmp_path / "forms.xlsx"
    book.save(path)
    plan, result = survey_import.import_file(ws, survey.id, path)
    assert result.written == 1
    bali = next(
        i for i in survey_respondents.respondent_infos(ws, survey.id) if i.label == "Bali Process"
    )
    assert survey_answers.answers_of(ws, bali.id) == {"staff": 7, "comment": "Ligne 1\nLigne 2"}
    assert bali.submitted_on == "2017-06-02"


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Nobody,Y,Y,,,4,1,", "no entity or participant called 'Nobody'"),
        (",Y,Y,,,4,1,", "no respondent named"),
        ("RCM,perhaps,,,,4,1,", "'perhaps' is not yes or no"),
        ("RCM,Y,maybe,,,4,1,", "'maybe' is neither ticked nor empty"),
        ("RCM,Y,Y,,,9,1,", "not a whole number from 1 to 5"),
        ("RCM,Y,Y,,,4,many,", "'many' is not a number"),
        ("RCM,N,Y,,,4,1,", "only asked when has"),
    ],
)
def test_rows_that_cannot_be_read_say_why(setup, tmp_path, row, reason):
    ws, survey = setup
    header = "respondent,has,themes[rights],themes[labour],themes[data],useful,staff,comment\n"
    good = "MIDSA,Y,Y,,,4,1,\n"
    table = survey_import.read_responses(write(tmp_path, header + good + row + "\n"))
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert [r.label for r in plan.rows] == ["MIDSA"]
    (problem,) = plan.problems
    assert problem.row == 3
    assert reason in problem.reason


def test_unknown_option_in_a_single_cell(setup, tmp_path):
    ws, survey = setup
    table = survey_import.read_responses(
        write(tmp_path, "respondent,has,themes\nMIDSA,Y,Rights; Climate\n")
    )
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert "'Climate' is not one of the options" in plan.problems[0].reason


def test_duplicate_respondents_keep_the_first_row(setup, tmp_path):
    ws, survey = setup
    text = "respondent,staff\nMIDSA,1\nMIDSA full name,2\nmidsa,3\n"
    table = survey_import.read_responses(write(tmp_path, text))
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert [r.answers for r in plan.rows] == [{"staff": 1}]
    assert [(p.row, p.reason) for p in plan.problems] == [
        (3, "MIDSA already answered on row 2"),
        (4, "MIDSA already answered on row 2"),
    ]


def test_missing_columns_of_a_saved_mapping_are_reported(setup, tmp_path):
    ws, survey = setup
    table = survey_import.read_responses(write(tmp_path, "respondent,staff\nMIDSA,1\n"))
    plan = survey_import.plan_import(
        ws, survey.id, table, {"respondent": "respondent", "Staff count": "q:staff"}
    )
    assert plan.missing_columns == ["Staff count"]
    with pytest.raises(ValidationError, match="has no column 'Staff count'"):
        survey_import.apply_import(ws, plan)


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"staff": "q:staff"}, "map one to the respondent"),
        ({"respondent": "respondent", "staff": "q:nothing"}, "unknown target"),
        ({"respondent": "respondent", "staff": "q:themes:climate"}, "has no option 'climate'"),
        ({"respondent": "respondent", "staff": "q:staff", "x": "q:staff"}, "both map to q:staff"),
    ],
)
def test_bad_mappings_are_refused(setup, tmp_path, mapping, message):
    ws, survey = setup
    table = survey_import.read_responses(write(tmp_path, "respondent,staff,x\nMIDSA,1,2\n"))
    with pytest.raises(ValidationError, match=message):
        survey_import.plan_import(ws, survey.id, table, mapping)


def test_windows_1252_export_is_read(setup, tmp_path):
    ws, survey = setup
    path = write(tmp_path, "respondent;comment\nMIDSA;Réunion très utile\n", encoding="cp1252")
    plan, result = survey_import.import_file(ws, survey.id, path)
    assert plan.rows[0].answers == {"comment": "Réunion très utile"}


def test_undecodable_file_is_refused_with_its_name(setup, tmp_path):
    ws, survey = setup
    path = tmp_path / "garbled.csv"
    path.write_bytes(b"respondent,comment\n" + bytes(range(0x80, 0x100)) * 40)
    with pytest.raises(tabular.TableError, match="garbled.csv"):
        survey_import.import_file(ws, survey.id, path)


def test_a_row_with_replacement_characters_is_not_read(setup, tmp_path):
    ws, survey = setup
    table = survey_import.read_responses(
        write(tmp_path, "respondent,comment\nMIDSA,ok\nRCM,R\ufffdunion\n")
    )
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert [p.reason for p in plan.problems] == [
        "unreadable characters (the file's encoding is wrong)"
    ]


def test_the_import_is_one_transaction(setup, tmp_path, monkeypatch):
    ws, survey = setup
    table = survey_import.read_responses(write(tmp_path, LIMESURVEY))
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    calls = []
    original = survey_answers.write_answers

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise ValidationError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(survey_answers, "write_answers", failing)
    with pytest.raises(ValidationError, match="disk full"):
        survey_import.apply_import(ws, plan)
    assert ws.scalar("SELECT count(*) FROM survey_answers") == 0
    assert ws.scalar("SELECT count(*) FROM survey_respondents WHERE status = 'answered'") == 0
    assert len(survey_respondents.list_respondents(ws, survey.id)) == 4  # IGAD-RCP was not added


def test_reimport_replaces_the_earlier_answers(setup, tmp_path):
    ws, survey = setup
    survey_import.import_file(
        ws, survey.id, write(tmp_path, "respondent,staff,comment\nMIDSA,1,first\n")
    )
    plan, result = survey_import.import_file(
        ws, survey.id, write(tmp_path, "respondent,staff\nMIDSA,2\n", "b.csv")
    )
    assert result.replaced == 1
    midsa = next(
        i for i in survey_respondents.respondent_infos(ws, survey.id) if i.label == "MIDSA"
    )
    assert survey_answers.answers_of(ws, midsa.id) == {"staff": 2}


def test_list_items_from_sub_columns(ws, meeting, tmp_path):
    survey = surveys.create_from_template(ws, meeting.id)
    mechanisms.create_mechanism(ws, "MIDWA", "MIDWA", "rcp", ["africa"])
    text = (
        "respondent,has_recommendations,recommendations[1_text],recommendations[1_elements],"
        "recommendations[2_text],recommendations[2_elements]\n"
        'MIDWA,Y,Free movement,"e, x",Remittances,h\n'
    )
    plan, result = survey_import.import_file(ws, survey.id, write(tmp_path, text))
    assert plan.rows[0].answers["recommendations"] == [
        {"text": "Free movement", "elements": ["e", "x"]},
        {"text": "Remittances", "elements": ["h"]},
    ]


def test_a_row_without_answers_is_not_an_answer(setup, tmp_path):
    ws, survey = setup
    table = survey_import.read_responses(write(tmp_path, "respondent,staff\nMIDSA,\nRCM,4\n"))
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert [p.reason for p in plan.problems] == ["no answer in this row"]
    assert [r.label for r in plan.rows] == ["RCM"]


def test_a_column_naming_known_entities_is_guessed_as_the_respondent(setup, tmp_path):
    """A LimeSurvey export of a questionnaire whose first question asks the mechanism's name
    (as GRCP 7's does): no header says "respondent", the cells do."""
    ws, survey = setup
    text = (
        "id,submitdate,token,seed,Q00,has,useful\n"
        "1,2017-06-20 10:00:00,,17,MIDSA,Y,4\n"
        "2,2017-06-21 09:00:00,,18,RCM,N,5\n"
        "3,2017-06-22 09:00:00,,19,Atlantis,N,2\n"
    )
    table = survey_import.read_responses(write(tmp_path, text))
    assert "respondent" not in survey_import.suggest_mapping(ws, survey.id, table.headers).values()
    mapping = survey_import.suggest_mapping(ws, survey.id, table.headers, table.rows)
    assert mapping["Q00"] == "respondent"
    assert mapping["id"] == mapping["seed"] == mapping["token"] == ""
    plan = survey_import.plan_import(ws, survey.id, table, mapping)
    assert [r.label for r in plan.rows] == ["MIDSA", "RCM"]
    assert "Atlantis" in plan.problems[0].reason


def test_a_row_lists_every_reason_at_once(setup, tmp_path):
    ws, survey = setup
    header = "respondent,submitdate,has,useful,staff\n"
    table = survey_import.read_responses(
        write(tmp_path, header + "Nobody,03/04/2026,perhaps,9,many\n")
    )
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    (problem,) = plan.problems
    assert problem.reason.split("; ") == [
        "no entity or participant called 'Nobody'",
        "column 'has': 'perhaps' is not yes or no",
        "column 'useful': 9 is not a whole number from 1 to 5",
        "column 'staff': 'many' is not a number",
        "“03/04/2026” may be 3 April 2026 or 4 March 2026: write dates as YYYY-MM-DD",
    ]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2026-04-03", "2026-04-03"),
        ("2026-04-03 10:15:00", "2026-04-03"),
        ("2026/04/03", "2026-04-03"),
        ("25/04/2026", "2026-04-25"),  # only one order makes a date
        ("4/25/2026 10:00:00", "2026-04-25"),  # Google Forms in the United States
        ("03.03.2026", "2026-03-03"),
    ],
)
def test_submission_dates_that_are_not_ambiguous(cell, expected):
    assert survey_import._date_of(cell) == expected


@pytest.mark.parametrize("cell", ["03/04/2026", "4.3.2026", "31/02/2026", "April 3rd"])
def test_ambiguous_or_impossible_submission_dates_are_refused(cell):
    with pytest.raises(ValidationError):
        survey_import._date_of(cell)


def test_a_count_refuses_a_negative_number(ws, meeting, tmp_path):
    survey = surveys.create_survey(ws, meeting.id, title="Counts")
    section = surveys.add_section(ws, survey.id, "General")
    surveys.add_question(
        ws, section.id, key="staff", type="number", title="Staff", config={"min": 0}
    )
    m = mechanisms.create_mechanism(ws, "MIDSA", "MIDSA", "rcp", ["africa"])
    survey_respondents.add_respondent(ws, survey.id, mechanism_id=m.id)
    table = survey_import.read_responses(write(tmp_path, "respondent,staff\nMIDSA,-3\n"))
    plan = survey_import.plan_import(
        ws, survey.id, table, survey_import.suggest_mapping(ws, survey.id, table.headers)
    )
    assert not plan.rows
    assert "-3 is below the smallest number allowed, 0" in plan.problems[0].reason
