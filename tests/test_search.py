"""Full-text search of notes: any script, case and accents aside, across meetings."""

import json
import sqlite3

import pytest

from gcm_dialogue import meetings, notes, search, snapshots
from gcm_dialogue.cli import main
from gcm_dialogue.errors import ValidationError
from gcm_dialogue.store import migrations

TEXTS = {
    "fr": "Le pacte devrait garantir la protection des droits humains de tous les migrants.",
    "es": "El pacto debe proteger los DERECHOS humanos de las personas migrantes.",
    "en": "Réintégration and return should be carried out in safety and dignity.",
    "ar": "ينبغي أن يشجع الاتفاق العالمي على جمع بَيَانَات مصنفة عن الهجرة وتبادلها.",
    "zh": "加强移民数据的收集和分析，促进区域合作。",
    "ru": "Обеспечить равные права трудящихся-мигрантов; её роль растёт.",
}


@pytest.fixture
def filled(ws, meeting):
    ids = {lang: notes.add_note(ws, meeting.id, text, lang=lang).id for lang, text in TEXTS.items()}
    return ids


@pytest.mark.parametrize(
    ("query", "lang"),
    [
        ("droits humains", "fr"),
        ("DROITS Humains", "fr"),
        ('"droits humains"', "fr"),
        ("derechos", "es"),
        ("Derechos humanos", "es"),
        ("reintegration", "en"),
        ("RÉINTÉGRATION", "en"),
        ("réintegration", "en"),
        ("بيانات", "ar"),  # the note has short vowels, the query none
        ("بَيانات", "ar"),
        ("الاتفاق العالمي", "ar"),
        ("移民数据", "zh"),  # indexed (three characters or more)
        ("数据", "zh"),  # two characters: found by the scan
        ("区域 合作", "zh"),
        ("мигрантов", "ru"),
        ("МИГРАНТОВ", "ru"),
        ("ее роль", "ru"),  # ё written as е
        ("pacto migrantes", "es"),
    ],
)
def test_finds_in_any_script_case_and_accents_aside(ws, filled, query, lang):
    hits = search.search(ws, query)
    assert [h.note_id for h in hits] == [filled[lang]]
    hit = hits[0]
    pieces = "".join(p for p, matched in hit.snippet() if matched)
    assert pieces, "the match is highlighted"
    assert hit.spans and all(0 <= s < e <= len(hit.text) for s, e in hit.spans)


@pytest.mark.parametrize("query", ["droits inhumains", "xyz", "数字", '"humains droits"'])
def test_every_term_must_occur(ws, filled, query):
    assert search.search(ws, query) == []


@pytest.mark.parametrize("query", ["", "   ", '""', "..."])
def test_an_empty_query_is_refused(ws, query):
    with pytest.raises(ValidationError):
        search.search(ws, query)


def test_highlight_keeps_the_original_accents(ws, filled):
    hit = search.search(ws, "reintegration")[0]
    assert hit.snippet_text("<", ">").startswith("<Réintégration>")


def test_across_meetings_or_one(ws, meeting, filled):
    other = meetings.create_meeting(
        ws, short_name="RCP 8", title="Eighth", start_date="2018-10-10", end_date="2018-10-10"
    )
    note = notes.add_note(ws, other.id, "Los derechos de los migrantes", lang="es")
    found = search.search(ws, "derechos")
    assert {h.meeting for h in found} == {"GRCP 7", "RCP 8"}
    assert found[0].note_id == note.id  # newest first
    assert [h.note_id for h in search.search(ws, "derechos", meeting_id=other.id)] == [note.id]


def test_index_follows_edits_deletes_bulk_inserts_and_undo(ws, meeting, filled):
    notes.update_note(ws, filled["es"], text="Sin palabra clave")
    assert search.search(ws, "derechos") == []
    before = snapshots.capture(ws, "notes", [filled["fr"]])
    notes.delete_note(ws, filled["fr"])
    assert search.search(ws, "humains") == []
    snapshots.restore(ws, before)
    assert [h.note_id for h in search.search(ws, "humains")] == [filled["fr"]]
    # rows written in bulk, as the large-workspace generator does, are indexed too
    with ws.transaction():
        ws.conn.executemany(
            "INSERT INTO notes(id, meeting_id, text, lang, captured_at, created_at, updated_at) "
            "VALUES (?, ?, ?, 'fr', 'now', 'now', 'now')",
            [(f"bulk{n}", meeting.id, f"Coopération régionale numéro {n}") for n in range(50)],
        )
    assert len(search.search(ws, "cooperation regionale", limit=100)) == 50
    assert search.rebuild_index(ws) == 56
    assert len(search.search(ws, "COOPÉRATION", limit=10)) == 10


def test_migration_folds_as_the_code_does(ws):
    script = migrations.SQL_MIGRATIONS[4].read_text(encoding="utf-8")
    for chain in search.sql_fold_chains("body")[1:]:
        assert chain in script
    sample = "Œuvre ÉTÉ ſ Ёлка كِتَابٌ أإآ ة ى Müller ’s ß"
    conn = sqlite3.connect(":memory:")
    value = sample
    for chain in search.sql_fold_chains("?"):
        value = conn.execute(f"SELECT {chain}", (value,)).fetchone()[0]
    assert value == search.fold(sample)


def test_cli_search_text_and_json(tmp_path, capsys):
    from gcm_dialogue.store import open_workspace

    path = tmp_path / "w.gcmd"
    with open_workspace(path) as ws:
        meeting = meetings.create_meeting(
            ws,
            short_name="GRCP 7",
            title="Seventh",
            start_date="2017-10-10",
            end_date="2017-10-11",
            time_zone="Europe/Zurich",
        )
        note = notes.add_note(
            ws,
            meeting.id,
            TEXTS["fr"],
            lang="fr",
            kind="recommendation",
            captured_at="2017-10-10T09:41:00.000Z",
        )
    assert main(["search", "--db", str(path), "droits humains"]) == 0
    out = capsys.readouterr().out
    assert "[droits] [humains]" in out and "1 note(s) found" in out
    assert "2017-10-10 11:41" in out  # as the clock in the Geneva room showed it
    assert main(["search", "--db", str(path), "DROITS", "--meeting", "grcp 7", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["note_id"] for d in data] == [note.id]
    assert data[0]["snippet"].count("[droits]") == 1 and data[0]["matches"]
    assert main(["search", "--db", str(path), "nothing here"]) == 0
    assert "0 note(s) found" in capsys.readouterr().out
    assert main(["search", "--db", str(path), "x", "--meeting", "nope"]) == 1
    assert "no meeting" in capsys.readouterr().err
    assert main(["search", "--db", str(tmp_path / "missing.gcmd"), "x"]) == 1
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "--db", str(path)])
    assert exit_info.value.code == 2
