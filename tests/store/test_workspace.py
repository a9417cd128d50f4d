import hashlib
import os
import sqlite3
import stat

import pytest

from gcm_dialogue.errors import WorkspaceError
from gcm_dialogue.store import APPLICATION_ID, LATEST_VERSION, open_workspace


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _siblings(path):
    return sorted(p.name for p in path.parent.iterdir())


def test_new_workspace_is_versioned_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "new.gcmd"
    with open_workspace(path) as ws:
        assert ws.schema_version == LATEST_VERSION
        assert ws.scalar("PRAGMA journal_mode") == "wal"
        assert ws.scalar("PRAGMA foreign_keys") == 1
        assert ws.scalar("PRAGMA application_id") == APPLICATION_ID
        assert ws.scalar("SELECT count(*) FROM elements") == 24
        assert ws.scalar("SELECT count(*) FROM clusters") == 6
    with open_workspace(path) as again:
        assert again.schema_version == LATEST_VERSION


def test_foreign_keys_are_enforced(ws):
    with pytest.raises(sqlite3.IntegrityError):
        ws.conn.execute(
            "INSERT INTO agenda_days VALUES ('d', 'no-such-meeting', '2017-01-01', '09:00', 'x', 'x')"
        )


def test_transaction_rolls_back_everything(ws):
    with pytest.raises(RuntimeError):
        with ws.transaction():
            ws.conn.execute("INSERT INTO app_meta VALUES ('a', '1')")
            with ws.transaction():
                ws.conn.execute("INSERT INTO app_meta VALUES ('b', '2')")
            raise RuntimeError("boom")
    assert ws.scalar("SELECT count(*) FROM app_meta WHERE key IN ('a', 'b')") == 0


def _make_text(path):
    path.write_text("Name,Email\nAmina,amina@example.org\n", encoding="utf-8")


def _make_truncated(path):
    with open_workspace(path.with_suffix(".src")) as ws:
        ws.conn.execute("CREATE TABLE filler(x)")
        ws.conn.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
        ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.with_suffix(".src").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _make_newer(path):
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.execute("CREATE TABLE future(x)")
    conn.commit()
    conn.close()


def _make_foreign_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def _make_garbage_header(path):
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))


@pytest.mark.parametrize(
    ("maker", "message"),
    [
        (_make_text, "not an SQLite database"),
        (_make_truncated, "truncated or damaged"),
        (_make_newer, "newer version of GCM Dialogue"),
        (_make_foreign_sqlite, "not a GCM Dialogue workspace"),
        (_make_garbage_header, "damaged"),
    ],
)
def test_bad_files_fail_clearly_and_stay_untouched(tmp_path, maker, message):
    path = tmp_path / "bad.gcmd"
    maker(path)
    before, listing = _digest(path), _siblings(path)
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(path)
    text = str(caught.value)
    assert message in text
    assert str(path) in text
    assert "\n" not in text
    assert _digest(path) == before
    assert _siblings(path) == listing


def test_folder_is_refused(tmp_path):
    with pytest.raises(WorkspaceError, match="is a folder"):
        open_workspace(tmp_path)


def test_missing_folder_is_refused(tmp_path):
    with pytest.raises(WorkspaceError, match="does not exist"):
        open_workspace(tmp_path / "nowhere" / "w.gcmd")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_file_is_refused(tmp_path):  # pragma: no cover - runs as a normal user
    path = tmp_path / "ro.gcmd"
    open_workspace(path).close()
    path.chmod(stat.S_IREAD)
    with pytest.raises(WorkspaceError, match="read-only"):
        open_workspace(path)


def test_unwritable_file_is_refused_even_for_root(tmp_path, monkeypatch):
    path = tmp_path / "ro.gcmd"
    open_workspace(path).close()
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda p, mode: False if mode & os.W_OK and str(p) == str(path) else real_access(p, mode),
    )
    before = _digest(path)
    with pytest.raises(WorkspaceError, match="cannot be written"):
        open_workspace(path)
    assert _digest(path) == before


def test_create_false_refuses_a_missing_file(tmp_path):
    with pytest.raises(WorkspaceError, match="no such workspace"):
        open_workspace(tmp_path / "absent.gcmd", create=False)
    assert not (tmp_path / "absent.gcmd").exists()


@pytest.fixture
def next_migration(tmp_path, monkeypatch):
    """Install a workspace of the current version, then offer one more migration with the
    given SQL; returns (workspace path, the new version number)."""
    from gcm_dialogue.store import migrations

    def install(sql):
        path = tmp_path / "old.gcmd"
        open_workspace(path).close()
        folder = tmp_path / "migrations"
        folder.mkdir()
        for source in migrations.SQL_MIGRATIONS.values():
            (folder / source.name).write_text(source.read_text())
        number = LATEST_VERSION + 1
        (folder / f"{number:04d}_next.sql").write_text(sql)
        monkeypatch.setattr(migrations, "MIGRATIONS_DIR", folder)
        monkeypatch.setattr(migrations, "SQL_MIGRATIONS", migrations._discover())
        monkeypatch.setattr(migrations, "LATEST_VERSION", number)
        return path, number

    return install


def test_older_workspace_is_migrated_with_a_backup(tmp_path, next_migration):
    path, number = next_migration("ALTER TABLE meetings ADD COLUMN extra TEXT;\n")
    with open_workspace(path) as ws:
        assert ws.schema_version == number
        assert "extra" in {row["name"] for row in ws.query("PRAGMA table_info(meetings)")}
    assert (tmp_path / f"old.gcmd.v{LATEST_VERSION}.bak").exists()


def test_failed_migration_leaves_previous_version(next_migration):
    path, _number = next_migration("CREATE TABLE half(x);\nINSERT INTO no_such_table VALUES (1);\n")
    with pytest.raises(WorkspaceError, match="could not be upgraded"):
        open_workspace(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()
