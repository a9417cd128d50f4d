"""The workspace: one SQLite file holding a secretariat's meetings.

``open_workspace`` is the one place a connection is opened, so that an encrypted workspace
(SQLCipher, its key in the system keychain) can later be added here without touching the
rest of the code.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..clock import utc_now
from ..errors import WorkspaceError
from ..i18n import gettext as _
from . import migrations
from .file_checks import APPLICATION_ID, check_path

if TYPE_CHECKING:
    import sqlite_utils


class Workspace:
    """An open workspace file. Services take it as their first argument."""

    def __init__(self, path: Path | None, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        # One connection serves the UI thread and the worker threads; a user action's
        # transaction must not interleave with another's.
        self.lock = threading.RLock()
        self._db = None
        self._depth = 0
        self.closed = False

    @property
    def db(self) -> sqlite_utils.Database:
        """The same connection seen through sqlite-utils (imported on first use: it costs
        a tenth of a second, which start-up does not need to pay)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Workspace]:
        """One user action: everything inside lands together or not at all.

        Nested calls become savepoints of the outer transaction, so a service that is one
        transaction on its own joins a larger action (an import, the demo) when called in one.
        """
        with self.lock:
            if self._depth == 0 and not self.conn.in_transaction:
                begin, commit, rollback = "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"
            else:
                name = f"sp{self._depth}"
                begin, commit = f"SAVEPOINT {name}", f"RELEASE {name}"
                rollback = f"ROLLBACK TO {name}; RELEASE {name}"
            self.conn.execute(begin)
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if self.conn.in_transaction:
                    for statement in rollback.split("; "):
                        self.conn.execute(statement)
                raise
            else:
                self._depth -= 1
                self.conn.execute(commit)

    def query(self, sql: str, params: tuple | dict = ()) -> list[dict]:
        """Rows as dicts; the one read helper services use."""
        with self.lock:
            cursor = self.conn.execute(sql, params)
            names = [c[0] for c in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: tuple | dict = ()) -> object:
        with self.lock:
            row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    @property
    def schema_version(self) -> int:
        return int(self.scalar("PRAGMA user_version"))

    def close(self) -> None:
        with self.lock:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("PRAGMA optimize")
            self.conn.close()
            self.closed = True

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(path: str | Path, *, create: bool = True) -> Workspace:
    """Open the workspace at ``path``, creating it (when allowed) and migrating it forward.

    Any problem is a ``WorkspaceError`` whose message names the file; the file is then left
    exactly as it was (a file created by this call is removed again).
    """
    path = Path(path).expanduser()
    state = check_path(path, migrations.LATEST_VERSION)
    if not state.exists and not create:
        raise WorkspaceError(_("{path}: no such workspace file").format(path=path))
    created = not state.exists
    try:
        conn = _connect(path)
    except sqlite3.Error as exc:
        _remove_if_created(path, created)
        raise WorkspaceError(
            _("{path}: cannot be opened ({reason})").format(path=path, reason=exc)
        ) from exc
    try:
        _migrate(conn, path, state.schema_version)
    except BaseException as exc:
        conn.close()
        _remove_if_created(path, created)
        if isinstance(exc, sqlite3.Error):
            raise WorkspaceError(
                _("{path}: could not be upgraded ({reason})").format(path=path, reason=exc)
            ) from exc
        raise
    return Workspace(path, conn)


def open_memory_workspace() -> Workspace:
    """A fresh workspace that lives in memory: for tests and benchmarks."""
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _configure(conn)
    _migrate(conn, None, 0)
    return Workspace(None, conn)


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit at the driver level: transactions are begun explicitly, one per action.
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    # FULL: a note typed before a power cut is on disk, not only in the OS cache.
    conn.execute("PRAGMA synchronous = FULL")
    _configure(conn)
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")


def _migrate(conn: sqlite3.Connection, path: Path | None, current: int) -> None:
    todo = migrations.pending(current)
    if not todo:
        return
    if current and path is not None:
        _backup(conn, path, current)
    if current == 0:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for number in todo:
        migrations.apply(conn, number)
    now = utc_now()
    with contextlib.closing(conn.cursor()) as cur:
        cur.execute("BEGIN")
        cur.execute(
            "INSERT INTO app_meta(key, value) VALUES ('created_at', ?) ON CONFLICT DO NOTHING",
            (now,),
        )
        cur.execute(
            "INSERT INTO app_meta(key, value) VALUES ('written_by', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (f"GCM Dialogue {__version__}",),
        )
        cur.execute("COMMIT")


def _backup(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Keep a copy of the workspace as it was before an upgrade."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    with contextlib.closing(sqlite3.connect(str(target))) as copy:
        conn.backup(copy)


def _remove_if_created(path: Path, created: bool) -> None:
    if not created:
        return
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


__all__ = ["Workspace", "open_memory_workspace", "open_workspace"]
