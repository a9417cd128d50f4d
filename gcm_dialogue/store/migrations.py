"""Forward-only schema migrations, numbered by ``PRAGMA user_version``.

A migration is an SQL file ``NNNN_name.sql`` in ``migrations/``, optionally followed by a
Python step registered in ``PYTHON_STEPS`` under the same number. Each runs in its own
transaction together with the bump of ``user_version``, so a failed migration leaves the
workspace at the previous version.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def _discover() -> dict[int, Path]:
    found = {}
    for path in MIGRATIONS_DIR.iterdir():
        match = _NAME.match(path.name)
        if match:
            found[int(match.group(1))] = path
    numbers = sorted(found)
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {numbers}")
    return found


SQL_MIGRATIONS = _discover()
LATEST_VERSION = max(SQL_MIGRATIONS)


def _install_taxonomy(conn: sqlite3.Connection) -> None:
    from ..taxonomy import install_taxonomy  # the taxonomy module reads resources/

    install_taxonomy(conn)


def _install_reference_mechanisms(conn: sqlite3.Connection) -> None:
    from ..mechanisms import install_reference_mechanisms  # reads resources/mechanisms.json

    install_reference_mechanisms(conn)


# Steps that need Python after a migration's SQL (data installs); number -> step.
PYTHON_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    1: _install_taxonomy,
    5: _install_reference_mechanisms,
}


def pending(current: int) -> list[int]:
    return [n for n in sorted(SQL_MIGRATIONS) if n > current]


def apply(conn: sqlite3.Connection, number: int) -> None:
    """Run one migration in a transaction of its own (the connection is in autocommit)."""
    script = SQL_MIGRATIONS[number].read_text(encoding="utf-8")
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _split(script):
            conn.execute(statement)
        step = PYTHON_STEPS.get(number)
        if step is not None:
            step(conn)
        conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _split(script: str) -> list[str]:
    """Split a script into complete statements (executescript would commit on its own)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer)
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        raise RuntimeError("migration script ends in an incomplete statement")
    return statements
