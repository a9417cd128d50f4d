"""Importing registration lists: encodings, delimiters, header languages, re-import, bad files."""

import codecs
import dataclasses
import json
import shutil

import openpyxl
import pytest

from gcm_dialogue import cli, mechanisms, participant_import, participants, tabular
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.participant_import import guess_mapping, import_file, split_full_name

FRENCH = [
    ["Civilité", "Nom", "Prénom", "Organisation", "Pays", "Courriel", "Catégorie", "Langues"],
    [
        "M.",
        "Gómez Camacho",
        "Juan José",
        "RCM",
        "Mexique",
        "jj.gomez@example.org",
        "PCR",
        "espagnol, anglais",
    ],
    ["Mme", "Muiño", "Ana", "SACM", "Uruguay", "ana.muino@example.org", "", "Espagnol"],
    ["M.", "Žák", "Radim", "Prague Process", "Tchéquie", "", "", ""],
    ["Mme", "Sönke", "Jürg", "Société X", "Suisse", "jurg@example.org", "Société civile", ""],
]


@pytest.fixture
def mech(ws):
    mechanisms.create_mechanism(
        ws, "RCM", {"en": "Regional Conference on Migration"}, "rcp", ["americas"]
    )
    mechanisms.create_mechanism(
        ws, "SACM", {"en": "South American Conference on Migration"}, "rcp", ["americas"]
    )
    mechanisms.create_mechanism(ws, "Prague Process", {"en": "Prague Process"}, "rcp", ["europe"])
    return ws


def _csv(path, rows, encoding, delimiter, bom=b""):
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes(bom + text.encode(encoding))
    return path


def _names(ws, meeting_id):
    return sorted(p.display_name for p in participants.list_participants(ws, meeting_id))


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("cp1252", b""),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_every_encoding_and_delimiter_keeps_every_character(
    tmp_path, mech, meeting, encoding, bom, delimiter
):
    rows = FRENCH if encoding != "cp1252" else [[c.replace("Ž", "Z") for c in r] for r in FRENCH]
    rows = [[c.replace(",", " et") if delimiter == "," else c for c in r] for r in rows]
    path = _csv(tmp_path / "inscriptions.csv", rows, encoding, delimiter, bom)
    result = import_file(mech, path, meeting_id=meeting.id)
    assert (len(result.added), len(result.updated), result.rejected) == (4, 0, ())
    people = {p.family_name: p for p in participants.list_participants(mech, meeting.id)}
    gomez = people["Gómez Camacho"]
    assert (gomez.given_name, gomez.honorific, gomez.country, gomez.email) == (
        "Juan José",
        "M.",
        "MX",
        "jj.gomez@example.org",
    )
    assert gomez.category == "iscm" and gomez.languages == ("es", "en")
    assert gomez.mechanism_id == mechanisms.find_mechanism(mech, "RCM").id
    assert people["Sönke"].given_name == "Jürg" and people["Sönke"].organisation == "Société X"
    assert people["Sönke"].category == "civil_society"
    zak = "Žák" if encoding != "cp1252" else "Zák"
    assert people[zak].country == "CZ" and people[zak].category == "iscm"


def test_done_when_semicolon_windows_1252_french_headers(tmp_path, mech, meeting):
    rows = [r[:] for r in FRENCH if "Žák" not in r]
    path = _csv(tmp_path / "export.csv", rows, "cp1252", ";")
    assert tabular.read_table(path).encoding == "windows-1252"
    result = import_file(mech, path, meeting_id=meeting.id)
    assert len(result.added) == 3
    assert _names(mech, meeting.id) == [
        "M. Juan José Gómez Camacho",
        "Mme Ana Muiño",
        "Mme Jürg Sönke",
    ]


def test_done_when_xlsx_with_arabic_chinese_cyrillic(tmp_path, ws, meeting):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["Full name", "Organization", "Country", "E-mail", "Gender"],
        ["السيد محمد العلي", "GCC", "Saudi Arabia", "m.ali@example.org", "ذكر"],
        ["王丽", "UNESCAP", "China", "wang.li@example.org", "女"],
        ["Анна Сергеевна Петрова", "Almaty Process", "Россия", "", "Ж"],
        ["Ms Amina DIALLO", "ECOWAS", "Sénégal", "", "F"],
    ]:
        sheet.append(row)
    path = tmp_path / "names.xlsx"
    book.save(path)
    result = import_file(ws, path, meeting_id=meeting.id)
    assert len(result.added) == 4 and not result.rejected
    got = {
        (p.honorific, p.given_name, p.family_name, p.gender)
        for p in participants.list_participants(ws, meeting.id)
    }
    assert got == {
        ("السيد", "محمد", "العلي", "male"),
        ("", "丽", "王", "female"),
        ("", "Анна Сергеевна", "Петрова", "female"),
        ("Ms", "Amina", "DIALLO", "female"),
    }


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Nom", "Prénom", "Courriel", "Pays"], ["family_name", "given_name", "email", "country"]),
        (
            ["Apellido", "Nombre", "Correo electrónico", "País", "Organización"],
            ["family_name", "given_name", "email", "country", "organisation"],
        ),
        (
            ["Last name", "First name", "E-mail", "Organization", "Job title"],
            ["family_name", "given_name", "email", "organisation", "job_title"],
        ),
        (["Nom", "Organisation", "Pays"], ["full_name", "organisation", "country"]),
        (["Name", "Sexe", "Langue", "Rôle"], ["full_name", "gender", "languages", "roles"]),
        (["given_name", "family_name", "Remarks"], ["given_name", "family_name", ""]),
    ],
)
def test_header_languages(headers, expected):
    assert list(guess_mapping(headers).values()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ms Amina Diallo", ("Ms", "Amina", "Diallo")),
        ("DIALLO, Amina", ("", "Amina", "DIALLO")),
        ("DIALLO Amina", ("", "Amina", "DIALLO")),
        ("H.E. Karl van der Berg", ("H.E.", "Karl", "van der Berg")),
        ("Dr. Juan José Gómez Camacho", ("Dr.", "Juan José", "Gómez Camacho")),
        ("王丽", ("", "丽", "王")),
        ("Sra. Ana Muiño", ("Sra.", "Ana", "Muiño")),
        ("Madonna", ("", "", "Madonna")),
    ],
)
def test_full_names_are_split_with_honorifics(text, expected):
    assert split_full_name(text) == expected


def test_reimport_updates_instead_of_duplicating(tmp_path, mech, meeting):
    path = _csv(tmp_path / "a.csv", FRENCH, "utf-8", ";")
    import_file(mech, path, meeting_id=meeting.id)
    updated = [r[:] for r in FRENCH]
    updated[1][5] = "JJ.Gomez@Example.org"  # same email, other case: matched by email
    updated[1][4] = "Mexico"
    updated[3][0] = "Dr"  # Žák has no email: matched by name and organisation
    updated[3][2] = "radim"
    updated.append(["Mme", "Nouvelle", "Personne", "", "France", "np@example.org", "", ""])
    result = import_file(
        mech, _csv(tmp_path / "b.csv", updated, "utf-8", ";"), meeting_id=meeting.id
    )
    # two people changed, two as they were, one new
    assert (len(result.added), len(result.updated), len(result.unchanged)) == (1, 2, 2)
    assert len(participants.list_participants(mech)) == 5
    zak = next(p for p in participants.list_participants(mech) if p.family_name == "Žák")
    assert zak.honorific == "Dr"


def test_rows_are_validated_and_rejected_with_reasons(tmp_path, ws, meeting):
    rows = [
        ["Nom", "Prénom", "Courriel", "Pays", "Catégorie", "Sexe", "Langues"],
        ["Diallo", "Amina", "amina@example.org", "Sénégal", "", "F", "français"],
        ["", "", "nobody@example.org", "", "", "", ""],
        ["Smith", "John", "not-an-email", "", "", "", ""],
        ["Doe", "Jane", "", "Atlantis", "", "", ""],
        ["Roe", "Richard", "", "", "Astronaut", "", ""],
        ["Poe", "Edgar", "", "", "", "?", ""],
        ["Low", "Ann", "", "", "", "", "Klingon"],
        ["Diallo", "Amina", "AMINA@example.org", "", "", "", ""],
    ]
    result = import_file(ws, _csv(tmp_path / "r.csv", rows, "utf-8", ","), meeting_id=meeting.id)
    reasons = dict(result.rejected)
    assert len(result.added) == 1
    assert reasons == {
        3: "no name",
        4: "“not-an-email” is not an email address",
        5: "unknown country “Atlantis”",
        6: "unknown category “Astronaut”",
        7: "unknown gender “?”",
        8: "unknown language “Klingon” (expected one of the six UN languages)",
        9: "the same person as row 2",
    }


def test_a_row_is_rejected_with_every_reason_at_once(tmp_path, ws, meeting):
    rows = [["Nom", "Prénom", "Courriel", "Pays", "Sexe"], ["Doe", "Joe", "joe@", "Atlantis", "?"]]
    result = import_file(ws, _csv(tmp_path / "r.csv", rows, "utf-8", ","), meeting_id=meeting.id)
    assert dict(result.rejected) == {
        2: "“joe@” is not an email address; unknown country “Atlantis”; unknown gender “?”"
    }


def test_reasons_are_given_in_the_language_of_the_user(tmp_path, ws, meeting):
    from gcm_dialogue import i18n

    rows = [["Nom", "Prénom", "Pays"], ["Doe", "Jane", "Atlantis"]]
    with i18n.force_locale("fr"):
        result = import_file(ws, _csv(tmp_path / "r.csv", rows, "utf-8", ","), meeting_id=meeting.id)
    (reason,) = dict(result.rejected).values()
    assert "Atlantis" in reason and reason != "unknown country “Atlantis”"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Nom;Prenom\r\n", "only a header"),
        (b"\x00\x01\x02binary\x00\xff" * 100, "binary"),
        (b"PK\x03\x04broken", "not a readable XLSX"),
    ],
)
def test_bad_files_import_nothing(tmp_path, ws, meeting, content, message):
    participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Muiño"
    )
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        import_file(ws, path, meeting_id=meeting.id)
    assert _names(ws, meeting.id) == ["Ana Muiño"]


def test_too_many_rows_is_refused(tmp_path, ws, meeting):
    path = tmp_path / "million.csv"
    rows = tabular.MAX_ROWS + 2
    path.write_text("Name,Email\n" + "P X,p@example.org\n" * rows)
    with pytest.raises(ValidationError, match=f"more than {tabular.MAX_ROWS:,} rows"):
        participant_import.import_file(ws, path, meeting_id=meeting.id)
    assert participants.list_participants(ws) == []


def test_a_failure_midway_leaves_nothing_half_imported(tmp_path, ws, meeting, monkeypatch):
    path = _csv(tmp_path / "a.csv", FRENCH, "utf-8", ";")
    calls = []

    def stop(done, total):
        calls.append(done)
        return False

    table = tabular.read_table(path)
    plan = participant_import.plan_import(ws, table, guess_mapping(table.headers), meeting.id)
    # 400 rows to add: the progress callback is asked at 250, and says stop
    plan.rows = [
        dataclasses.replace(r, participant_id=f"id{n}") for n, r in enumerate(plan.rows * 100)
    ]
    with pytest.raises(ValidationError, match="cancelled"):
        participant_import.apply_import(ws, plan, progress=stop)
    assert calls == [250] and participants.list_participants(ws) == []


def test_mapping_is_remembered_for_the_same_shape(tmp_path, ws, meeting):
    rows = [["Col A", "Col B", "Col C"], ["Amina", "Diallo", "amina@example.org"]]
    path = _csv(tmp_path / "odd.csv", rows, "utf-8", ",")
    table = tabular.read_table(path)
    mapping, remembered = participant_import.mapping_for(ws, table.headers)
    assert not remembered and set(mapping.values()) == {""}
    with pytest.raises(ValidationError, match="no column holds names"):
        participant_import.plan_import(ws, table, mapping, meeting.id)
    chosen = {"Col A": "given_name", "Col B": "family_name", "Col C": "email"}
    participant_import.apply_import(
        ws, participant_import.plan_import(ws, table, chosen, meeting.id)
    )
    again, remembered = participant_import.mapping_for(ws, ["Col C", "Col A", "Col B"])
    assert remembered and again == chosen


def test_duplicates_the_import_cannot_decide_are_listed(tmp_path, ws, meeting):
    participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="Juan José",
        family_name="Gómez Camacho",
        organisation="Mexico",
        email="jj@example.org",
    )
    rows = [["Prénom", "Nom", "Organisation"], ["Juan Jose", "Gomez-Camacho", "RCM Secretariat"]]
    result = import_file(ws, _csv(tmp_path / "d.csv", rows, "utf-8", ";"), meeting_id=meeting.id)
    assert len(result.added) == 1
    assert [p.reasons for p in result.undecided] == [("same_name",)]


def test_cli_import_and_export(tmp_path, demo_path, capsys):
    db = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, db)
    path = _csv(
        tmp_path / "f.csv",
        [r for r in FRENCH if "Žák" not in r] + [["M.", "", "", "", "", "x", "", ""]],
        "cp1252",
        ";",
    )
    assert cli.main(["import", "participants", "--db", str(db), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "3 added, 0 updated, 0 unchanged, 1 rejected"
    assert "row 5: rejected: no name" in out
    assert cli.main(["import", "participants", "--db", str(db), str(path)]) == 0
    # the same file again: nothing new to say about anyone
    assert capsys.readouterr().out.startswith("0 added, 0 updated, 3 unchanged, 1 rejected")
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"Nom": "family_name", "Organisation": "organisation"}))
    assert (
        cli.main(
            [
                "import",
                "participants",
                "--db",
                str(db),
                "--meeting",
                "GRCP 7",
                str(path),
                "--mapping",
                str(mapping),
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.startswith("3 added")  # family names alone match nobody
    assert cli.main(["import", "participants", "--db", str(db), str(tmp_path / "none.csv")]) == 1
    assert "no such file" in capsys.readouterr().err
    out_csv = tmp_path / "list.csv"
    assert (
        cli.main(["export", "participants", "--db", str(db), "--format", "csv", "-o", str(out_csv)])
        == 0
    )
    assert "Wrote 98 participants" in capsys.readouterr().out
    header = out_csv.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"given_name", "family_name", "organisation", "category", "country", "email"} <= set(
        header
    )
    with pytest.raises(SystemExit) as usage:
        cli.main(["export", "participants", "--db", str(db), "--format", "pdf", "-o", "x"])
    assert usage.value.code == 2


@pytest.mark.parametrize(
    ("given", "family", "honorific", "shown"),
    [
        ("Amina", "Diallo", "Ms", "Ms Amina Diallo"),
        ("丽", "王", "", "王丽"),
        ("丽", "王", "Ms", "Ms 王丽"),
        ("Анна Сергеевна", "Петрова", "", "Анна Сергеевна Петрова"),
        ("", "Diallo", "", "Diallo"),
    ],
)
def test_names_are_joined_as_written(given, family, honorific, shown):
    from gcm_dialogue.participants import join_name

    assert join_name(given, family, honorific) == shown
