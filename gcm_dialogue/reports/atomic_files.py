"""Writing files so that a failure leaves nothing half-written.

One file is written under a temporary name next to it and renamed onto it once complete: a
rename within a folder is atomic, so a reader (or the previous export) sees the old file or
the new one, never a piece. Many files (``export all``) are written into a temporary folder
and moved into place only once every one of them is complete; if a move fails, the files
already moved are taken out again and the ones they replaced put back. Either way the
temporary files go, and so do the folders made for them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ValidationError
from ..i18n import _

STAGING_SUFFIX = ".part"


def make_dirs(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; returns those it created, outermost first."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where a folder should be, no permission, a full disk
        raise ValidationError(
            _("cannot create the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
    return missing[::-1]


def remove_dirs(created: list[Path]) -> None:
    """Undo ``make_dirs``: remove the folders it created, innermost first, while empty."""
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:  # something else was put there meanwhile: leave it and its parents
            return


def partial_path(path: Path) -> Path:
    """The temporary name ``path`` is written under (hidden, in the same folder so the final
    rename stays on one file system)."""
    return path.with_name(f".{path.name}.{os.getpid()}{STAGING_SUFFIX}")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yields a temporary path to write ``path``'s new content to. When the block ends without
    error it is renamed onto ``path``; otherwise it is removed, with any folder made for it,
    and an older ``path`` stays as it was."""
    created = make_dirs(path.parent)
    partial = partial_path(path)
    try:
        yield partial
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        remove_dirs(created)
        raise


@contextmanager
def staging_folder(folder: Path) -> Iterator[Path]:
    """Yields a temporary folder to write ``folder``'s new files into. When the block ends
    without error, they are all moved into ``folder``; otherwise ``folder`` is left exactly
    as it was (and not created). The temporary folder is removed either way.

    It sits inside ``folder`` when that exists (the one place sure to be writable and on
    the same file system, e.g. the root of a USB stick), next to it otherwise."""
    exists = folder.is_dir()
    base = folder if exists else folder.parent
    created = [] if exists else make_dirs(base)
    try:
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name or 'export'}.", suffix=STAGING_SUFFIX, dir=base)
        )
    except BaseException:
        remove_dirs(created)
        raise
    done = False
    try:
        yield staging
        _move_into(staging, folder)
        done = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not done:
            remove_dirs(created)


def _move_into(staging: Path, folder: Path) -> None:
    """Move every file of ``staging`` into ``folder``, all or none."""
    made = make_dirs(folder)
    aside = Path(tempfile.mkdtemp(prefix=".replaced.", dir=staging))
    moved: list[tuple[Path, Path | None]] = []  # (target, where its older file was put)
    try:
        for new in sorted(p for p in staging.iterdir() if p.is_file()):
            target = folder / new.name
            old = None
            if target.exists():
                old = aside / new.name
                os.replace(target, old)
            moved.append((target, old))
            os.replace(new, target)
    except BaseException:
        for target, old in reversed(moved):
            try:
                if old is not None:
                    os.replace(old, target)
                else:
                    target.unlink(missing_ok=True)
            except OSError:  # put back what can be; the first error is the one to report
                continue
        remove_dirs(made)
        raise
