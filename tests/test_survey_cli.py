"""The survey commands: ``survey-results`` and ``import responses``; exit status 0/1/2."""

import json
import shutil

import pytest

from gcm_dialogue.cli import main


@pytest.fixture
def db(demo_path, tmp_path):
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    return str(path)


def test_survey_results_text_and_json(db, capsys):
    assert main(["survey-results", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Answered: 27 of 35 (77.1 %)" in out
    assert "Africa: 11 of 12; not answered: UNECA" in out
    assert "Americas: 5 of 7; not answered: CMC, SACM" in out
    assert (
        "Asia, Pacific and the Middle East: 8 of 11; not answered: Bali Process, PIDC, GCC" in out
    )
    assert "Europe: 11 of 11; not answered: -" in out
    assert (
        main(["survey-results", "--db", db, "--meeting", "GRCP 7", "--survey", "1", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    rates = {r["code"]: (r["answered"], r["total"]) for r in data["by_region"]}
    assert rates["africa"] == (11, 12) and rates["europe"] == (11, 11)
    assert data["recurrence"] == 0.5
    assert [lst["key"] for lst in data["lists"]] == ["recommendations", "practices", "principles"]


def test_survey_results_filters_and_errors(db, capsys):
    assert (
        main(["survey-results", "--db", db, "--region", "europe", "--kind", "irf", "--json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in data["respondents"]} == {"irf"}
    assert main(["survey-results", "--db", db, "--region", "mars"]) == 1
    assert capsys.readouterr().err.strip() == "error: unknown region 'mars'"
    assert main(["survey-results", "--db", db, "--survey", "9"]) == 1
    assert "no survey '9'" in capsys.readouterr().err


def test_import_responses(db, tmp_path, capsys):
    csv = tmp_path / "lime.csv"
    csv.write_text(
        "id,submitdate,respondent,has_recommendations,recommendations[1_text],recommendations[1_elements]\n"
        '1,2017-07-01 10:00:00,UNECA,Y,Free movement in Africa,"e, x"\n'
        "2,2017-07-01 11:00:00,Nobody,N,,\n",
        encoding="utf-8",
    )
    assert main(["import", "responses", "--db", db, str(csv)]) == 0
    out = capsys.readouterr().out
    assert "Imported the answers of 1 respondent (0 added to the list, 0 replaced)" in out
    assert "row 3 (Nobody): no entity or participant called 'Nobody'" in out
    assert main(["survey-results", "--db", db]) == 0
    assert "Africa: 12 of 12; not answered: -" in capsys.readouterr().out


def test_import_responses_with_a_mapping_file(db, tmp_path, capsys):
    csv = tmp_path / "forms.csv"
    csv.write_text("Who,Recs?\nCMC,No\n", encoding="utf-8")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"Who": "respondent", "Recs?": "q:has_recommendations"}))
    assert (
        main(
            [
                "import",
                "responses",
                "--db",
                db,
                "--survey",
                "1",
                str(csv),
                "--mapping",
                str(mapping),
            ]
        )
        == 0
    )
    assert "Imported the answers of 1 respondent " in capsys.readouterr().out
    mapping.write_text("[1, 2]")
    assert main(["import", "responses", "--db", db, str(csv), "--mapping", str(mapping)]) == 1
    assert "a mapping is a JSON object" in capsys.readouterr().err
    csv.write_text("Who,Recs?\nNobody,No\n", encoding="utf-8")
    mapping.write_text(json.dumps({"Who": "respondent"}))
    assert main(["import", "responses", "--db", db, str(csv), "--mapping", str(mapping)]) == 1
    assert "no row of the file could be read" in capsys.readouterr().err


def test_usage_errors_exit_2(db):
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "responses", "--db", db])
    assert exit_info.value.code == 2
