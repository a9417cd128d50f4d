"""Exporting the participant list: CSV and XLSX, every script kept, formulas neutralised."""

import csv

import openpyxl
import pytest

from gcm_dialogue import participant_export, participant_import, participants
from gcm_dialogue.errors import ValidationError


@pytest.fixture
def people(ws, meeting):
    participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="=cmd|' /C calc'!A0",
        family_name="Evil",
        organisation="+SUM(1)",
    )
    participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="محمد",
        family_name="العلي",
        email="m@example.org",
        job_title="-Director",
    )
    participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="丽",
        family_name="王",
        organisation="@UNESCAP",
        roles=["rapporteur"],
    )
    return ws


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_neutralises_formulas_and_keeps_scripts(tmp_path, people, meeting, fmt):
    path = tmp_path / f"list.{fmt}"
    assert participant_export.export_participants(people, path, fmt, meeting.id) == 3
    if fmt == "csv":
        rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    else:
        sheet = openpyxl.load_workbook(path).active
        rows = [["" if v is None else v for v in r] for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:8] == [
        "honorific",
        "given_name",
        "family_name",
        "organisation",
        "category",
        "country",
        "job_title",
        "email",
    ]
    col = {name: n for n, name in enumerate(header)}
    assert rows[1][col["given_name"]] == "'=cmd|' /C calc'!A0"
    assert rows[1][col["organisation"]] == "'+SUM(1)"
    assert rows[2][col["family_name"]] == "العلي" and rows[2][col["job_title"]] == "'-Director"
    assert rows[3][col["organisation"]] == "'@UNESCAP" and rows[3][col["roles"]] == "rapporteur"
    for row in rows[1:]:
        assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in row)


def test_export_then_import_round_trip(tmp_path, ws, meeting):
    participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="Anna",
        family_name="Петрова",
        country="RU",
        email="a@example.org",
        languages=["ru", "en"],
        gender="female",
    )
    path = tmp_path / "list.xlsx"
    participant_export.export_participants(ws, path, "xlsx", meeting.id)
    result = participant_import.import_file(ws, path, meeting_id=meeting.id)
    # what the export wrote reads back as the same person, with nothing to change
    counts = (len(result.added), len(result.updated), len(result.unchanged), result.rejected)
    assert counts == (0, 0, 1, ())


def test_export_refusals(tmp_path, ws, meeting):
    with pytest.raises(ValidationError, match="format must be"):
        participant_export.export_participants(ws, tmp_path / "x.pdf", "pdf", meeting.id)
    with pytest.raises(ValidationError, match="no such folder"):
        participant_export.export_participants(ws, tmp_path / "nope" / "x.csv", "csv", meeting.id)
    assert list(tmp_path.iterdir()) == []
