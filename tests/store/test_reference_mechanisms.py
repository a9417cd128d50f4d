"""Migration 5: the reference mechanisms in every workspace file, never duplicated."""

import sqlite3

import pytest

from gcm_dialogue import mechanisms
from gcm_dialogue.store import migrations, open_memory_workspace, open_workspace
from gcm_dialogue.store.file_checks import APPLICATION_ID

REFERENCE = mechanisms.load_reference_mechanisms()


def _acronyms(ws):
    return [m.acronym for m in mechanisms.list_mechanisms(ws)]


def test_the_reference_file_is_public_data_in_six_languages():
    acronyms = [entry["acronym"] for entry in REFERENCE]
    assert len(acronyms) == 44 and len(set(acronyms)) == 44
    assert "GCM Co-facilitators" not in acronyms and "US PRM" not in acronyms
    for entry in REFERENCE:
        assert set(entry["name"]) == {"ar", "en", "es", "fr", "ru", "zh"}, entry["acronym"]
        assert entry["kind"] in mechanisms.KINDS


def test_a_new_workspace_file_holds_every_reference_mechanism(tmp_path):
    with open_workspace(tmp_path / "new.gcmd") as ws:
        assert ws.schema_version == migrations.LATEST_VERSION >= 5
        assert sorted(_acronyms(ws), key=str.casefold) == sorted(
            (e["acronym"] for e in REFERENCE), key=str.casefold
        )
        rabat = mechanisms.find_mechanism(ws, "Rabat Process")
        assert rabat.kind == "irf"
        assert rabat.regions == ("africa", "asia_pacific_middle_east", "europe")
        assert set(rabat.name) == {"ar", "en", "es", "fr", "ru", "zh"}
        assert mechanisms.find_mechanism(ws, "UNECA").regions == ("africa",)
        assert mechanisms.find_mechanism(ws, "GFMD").regions == ()
        index = ws.scalar(
            "SELECT name FROM sqlite_master WHERE name = 'notes_attribution_mechanism'"
        )
        assert index == "notes_attribution_mechanism"


def _make_v4(path, rows):
    """A workspace file as version 4 left it, holding ``rows`` (acronym, name, kind, regions)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number in range(1, 5):
        migrations.apply(conn, number)
    conn.execute("BEGIN")
    for n, (acronym, name, kind, regions) in enumerate(rows):
        conn.execute(
            "INSERT INTO mechanisms(id, acronym, name, kind, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, '2017-01-01T00:00:00Z', '2017-01-01T00:00:00Z')",
            (f"own-{n}", acronym, name, kind),
        )
        conn.executemany(
            "INSERT INTO mechanism_regions(mechanism_id, region) VALUES (?, ?)",
            [(f"own-{n}", region) for region in regions],
        )
    conn.execute("INSERT INTO app_meta(key, value) VALUES ('created_at', '2017-01-01T00:00:00Z')")
    conn.execute("COMMIT")
    conn.close()


def test_an_existing_v4_workspace_keeps_its_rows_and_gains_the_missing_ones(tmp_path):
    path = tmp_path / "old.gcmd"
    own = [
        ("RCM", '{"en": "Our own name for the Puebla Process"}', "rcp", ["americas"]),
        ("rabat process", '{"en": "Rabat, as we typed it"}', "irf", ["africa"]),
        ("MIGRANT-NET", '{"en": "A network of our own"}', "other", []),
    ]
    _make_v4(path, own)
    with open_workspace(path) as ws:
        assert ws.schema_version == migrations.LATEST_VERSION
        acronyms = _acronyms(ws)
        assert len(acronyms) == len({a.casefold() for a in acronyms})  # nothing duplicated
        assert len(acronyms) == len(REFERENCE) + 1  # the two known ones kept, one of its own
        rcm = mechanisms.get_mechanism(ws, "own-0")
        assert rcm.name == {"en": "Our own name for the Puebla Process"}
        rabat = mechanisms.find_mechanism(ws, "Rabat Process")
        assert rabat.id == "own-1" and rabat.regions == ("africa",)  # its own edit stays
        assert mechanisms.find_mechanism(ws, "MIGRANT-NET").id == "own-2"
        assert mechanisms.find_mechanism(ws, "SACM").regions == ("americas",)
    assert (tmp_path / "old.gcmd.v4.bak").exists()
    with open_workspace(path) as ws:  # opening again adds nothing
        assert len(_acronyms(ws)) == len(REFERENCE) + 1


def test_installing_twice_adds_nothing_the_second_time(tmp_path):
    with open_workspace(tmp_path / "w.gcmd") as ws:
        with ws.transaction():
            assert mechanisms.install_reference_mechanisms(ws.conn) == []
        assert len(_acronyms(ws)) == len(REFERENCE)


def test_a_deleted_reference_mechanism_stays_deleted(tmp_path):
    path = tmp_path / "w.gcmd"
    with open_workspace(path) as ws:
        mechanisms.delete_mechanism(ws, mechanisms.find_mechanism(ws, "PIDC").id)
    with open_workspace(path) as ws:  # the migration ran once; reopening does not restore it
        assert mechanisms.find_mechanism(ws, "PIDC") is None


@pytest.mark.parametrize("in_memory_too", [False, True])
def test_a_workspace_in_memory_starts_empty_unless_asked(in_memory_too):
    ws = open_memory_workspace()
    try:
        assert _acronyms(ws) == []
        with ws.transaction():
            added = mechanisms.install_reference_mechanisms(ws.conn, in_memory_too=in_memory_too)
        assert len(added) == (len(REFERENCE) if in_memory_too else 0)
    finally:
        ws.close()
