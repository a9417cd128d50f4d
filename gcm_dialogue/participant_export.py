"""The participant list as CSV or XLSX, for registration desks, badges and name plates.

Every text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``
or ``@``) is neutralised with a leading apostrophe. CSV is written as UTF-8 with a byte order
mark, so that spreadsheet programs show every script correctly. The columns carry the same
names the import recognises, so an exported list can be edited and imported back.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from . import records
from .errors import ValidationError
from .i18n import gettext as _
from .store import Workspace
from .tabular import neutralise_formula

COLUMNS = (
    "honorific",
    "given_name",
    "family_name",
    "organisation",
    "category",
    "country",
    "job_title",
    "email",
    "languages",
    "gender",
    "roles",
    "group",
)
FORMATS = ("csv", "xlsx")


def export_rows(ws: Workspace, meeting_id: str | None = None) -> list[list[str]]:
    """The header and one row per person, in registration order (or by name)."""
    if meeting_id is not None:
        records.require(ws, "meetings", meeting_id)
        rows = ws.query(
            "SELECT p.*, m.acronym, mp.roles, "
            "(SELECT json_extract(g.name, '$.' || mt.source_lang) FROM group_members gm "
            " JOIN breakout_groups g ON g.id = gm.group_id WHERE gm.participant_id = p.id "
            " AND g.meeting_id = mp.meeting_id) AS group_name, "
            "(SELECT g.name FROM group_members gm JOIN breakout_groups g ON g.id = gm.group_id "
            " WHERE gm.participant_id = p.id AND g.meeting_id = mp.meeting_id) AS group_names "
            "FROM meeting_participants mp JOIN participants p ON p.id = mp.participant_id "
            "JOIN meetings mt ON mt.id = mp.meeting_id "
            "LEFT JOIN mechanisms m ON m.id = p.mechanism_id "
            "WHERE mp.meeting_id = ? ORDER BY mp.position",
            (meeting_id,),
        )
    else:
        rows = ws.query(
            "SELECT p.*, m.acronym, NULL AS roles, NULL AS group_name, NULL AS group_names "
            "FROM participants p LEFT JOIN mechanisms m ON m.id = p.mechanism_id "
            "ORDER BY p.family_name, p.given_name"
        )
    out = [list(COLUMNS)]
    for row in rows:
        group = row["group_name"]
        if not group and row["group_names"]:
            names = json.loads(row["group_names"])
            group = next(iter(names.values()), "")
        out.append(
            [
                row["honorific"],
                row["given_name"],
                row["family_name"],
                row["acronym"] or row["organisation"],
                row["category"],
                row["country"],
                row["job_title"],
                row["email"],
                ", ".join(json.loads(row["languages"])),
                row["gender"],
                ", ".join(json.loads(row["roles"])) if row["roles"] else "",
                group or "",
            ]
        )
    return out


def _safe(rows: Iterable[list[str]]) -> list[list[str]]:
    return [[neutralise_formula(str(cell or "")) for cell in row] for row in rows]


def export_participants(
    ws: Workspace, path: str | Path, fmt: str, meeting_id: str | None = None
) -> int:
    """Write the list to ``path``; returns the number of people written. The file appears
    whole or not at all (written beside, then renamed)."""
    if fmt not in FORMATS:
        raise ValidationError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    path = Path(path)
    if not path.parent.exists():
        raise ValidationError(_("{folder}: no such folder").format(folder=path.parent))
    rows = _safe(export_rows(ws, meeting_id))
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        if fmt == "csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as out:
                csv.writer(out).writerows(rows)
        else:
            _write_xlsx(Path(temporary), rows)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ValidationError(
            _("{path}: cannot be written ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(rows) - 1


def _write_xlsx(path: Path, rows: list[list[str]]) -> None:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Participants")
    bold = Font(bold=True)
    header = []
    for name in rows[0]:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows[1:]:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # text, never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
    book.save(path)
