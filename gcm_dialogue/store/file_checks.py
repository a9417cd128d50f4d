"""Checks a workspace path before anything opens it for writing.

Every check here only reads, so a file that fails is left exactly as it was.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from ..errors import WorkspaceError
from ..i18n import gettext as _
from ..i18n import ngettext

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x47434D44  # "GCMD" in the header, so other SQLite files are told apart


@dataclass(frozen=True)
class FileState:
    """What the checks learned about an existing workspace file."""

    exists: bool
    schema_version: int = 0


def check_path(path: Path, supported_version: int) -> FileState:
    """Refuse, with a one-line message naming the file, anything we must not open or write."""
    if path.is_dir():
        raise WorkspaceError(_("{path}: is a folder, not a workspace file").format(path=path))
    if not path.exists():
        _check_new_file_location(path)
        return FileState(exists=False)
    if not os.access(path, os.R_OK):
        raise WorkspaceError(_("{path}: cannot be read (permission denied)").format(path=path))
    size = path.stat().st_size
    if size == 0:
        _check_writable(path)
        return FileState(exists=True)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_MAGIC[:15]) or header[:16] != SQLITE_MAGIC:
        raise WorkspaceError(
            _("{path}: is not a GCM Dialogue workspace (not an SQLite database)").format(path=path)
        )
    _check_not_truncated(path, header, size)
    version = _check_contents(path, supported_version)
    _check_writable(path)
    return FileState(exists=True, schema_version=version)


def _check_new_file_location(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise WorkspaceError(
            _("{path}: the folder {folder} does not exist").format(path=path, folder=folder)
        )
    if not folder.is_dir():
        raise WorkspaceError(_("{path}: {folder} is not a folder").format(path=path, folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise WorkspaceError(
            _("{path}: cannot create the file (folder {folder} is not writable)").format(
                path=path, folder=folder
            )
        )


def _check_writable(path: Path) -> None:
    if not os.access(path, os.W_OK):
        raise WorkspaceError(
            _("{path}: cannot be written (the file is read-only)").format(path=path)
        )
    # WAL mode keeps two files beside the workspace, so the folder must be writable too.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise WorkspaceError(
            _("{path}: cannot be written (folder {folder} is not writable)").format(
                path=path, folder=path.parent
            )
        )


def _check_not_truncated(path: Path, header: bytes, size: int) -> None:
    if len(header) < 100:
        raise WorkspaceError(
            ngettext(
                "{path}: is truncated or damaged (only {size} byte)",
                "{path}: is truncated or damaged (only {size} bytes)",
                size,
            ).format(path=path, size=size)
        )
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    valid_page_size = page_size >= 512 and page_size & (page_size - 1) == 0
    (page_count,) = struct.unpack(">I", header[28:32])
    change_counter, valid_for = header[24:28], header[92:96]
    if not valid_page_size or size % page_size:
        raise WorkspaceError(
            _("{path}: is truncated or damaged (size is not whole pages)").format(path=path)
        )
    # The in-header size is only trustworthy when it was written with the change counter.
    if change_counter == valid_for and page_count and size < page_count * page_size:
        raise WorkspaceError(
            ngettext(
                "{path}: is truncated or damaged ({size} of {total} byte)",
                "{path}: is truncated or damaged ({size} of {total} bytes)",
                page_count * page_size,
            ).format(path=path, size=size, total=page_count * page_size)
        )


def _check_contents(path: Path, supported_version: int) -> int:
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise WorkspaceError(
            _("{path}: cannot be opened ({reason})").format(path=path, reason=exc)
        ) from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or version):
            raise WorkspaceError(
                _("{path}: is an SQLite database but not a GCM Dialogue workspace").format(
                    path=path
                )
            )
        if version > supported_version:
            raise WorkspaceError(
                _(
                    "{path}: was written by a newer version of GCM Dialogue "
                    "(workspace format {version}; this version reads up to {supported})"
                ).format(path=path, version=version, supported=supported_version)
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise WorkspaceError(
                _("{path}: is damaged (integrity check: {problem})").format(
                    path=path, problem=problems[0]
                )
            )
        return version
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(
            _("{path}: is truncated or damaged ({reason})").format(path=path, reason=exc)
        ) from exc
    finally:
        conn.close()
