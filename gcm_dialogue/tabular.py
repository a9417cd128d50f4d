"""Reading the spreadsheets people are sent: CSV and XLSX, as registration and survey tools
export them.

``read_table`` returns the header row and the data rows as text, whatever the file's
encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) or delimiter (comma, semicolon,
tab). Files that cannot be a table (empty, a header alone, binary, far too large) are refused
with a one-line message naming the file. Every character of every cell is kept.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .clock import utc_now
from .errors import ValidationError
from .i18n import format_number, ngettext
from .i18n import gettext as _
from .store import Workspace

MAX_ROWS = 100_000
MAX_BYTES = 200 * 1024 * 1024
DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    path: Path
    headers: list[str]
    rows: list[list[str]]
    encoding: str = ""
    delimiter: str = ""
    first_row_number: int = 2  # the spreadsheet row number of rows[0], for messages
    notes: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, str]]:
        """Each row as {header: cell}, padded or cut to the header's width."""
        width = len(self.headers)
        return [
            dict(zip(self.headers, (row + [""] * width)[:width], strict=True)) for row in self.rows
        ]


class TableError(ValidationError):
    """The file cannot be read as a table; the message names the file."""


def _too_many_rows(path: Path, max_rows: int) -> str:
    return ngettext(
        "{path}: has more than {count} row; split it into smaller files",
        "{path}: has more than {count} rows; split it into smaller files",
        max_rows,
    ).format(path=path, count=format_number(max_rows))


def read_table(path: str | Path, *, max_rows: int = MAX_ROWS) -> Table:
    path = Path(path)
    if path.is_dir():
        raise TableError(_("{path}: is a folder, not a spreadsheet").format(path=path))
    if not path.exists():
        raise TableError(_("{path}: no such file").format(path=path))
    size = path.stat().st_size
    if size == 0:
        raise TableError(_("{path}: the file is empty").format(path=path))
    if size > MAX_BYTES:
        raise TableError(
            _("{path}: the file is too large ({size} MiB; at most {limit} MiB)").format(
                path=path,
                size=format_number(size // (1024 * 1024)),
                limit=format_number(MAX_BYTES // (1024 * 1024)),
            )
        )
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, max_rows)
    else:
        table = _read_text(path, max_rows)
    table.headers = [_clean_header(h) for h in table.headers]
    if not any(table.headers):
        raise TableError(_("{path}: the first row holds no column names").format(path=path))
    if not table.rows:
        raise TableError(_("{path}: the file has only a header row and no data").format(path=path))
    return table


def _clean_header(value: str) -> str:
    return " ".join(str(value or "").split())


def _read_xlsx(path: Path, max_rows: int) -> Table:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise TableError(
            _("{path}: is not a readable XLSX workbook ({reason})").format(
                path=path, reason=exc.__class__.__name__
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header_row = next(rows_iter, None)
        if header_row is None:
            raise TableError(_("{path}: the first sheet is empty").format(path=path))
        rows = []
        for values in rows_iter:
            cells = ["" if v is None else _cell_text(v) for v in values]
            if not any(c.strip() for c in cells):
                continue
            rows.append(cells)
            if len(rows) > max_rows:
                raise TableError(_too_many_rows(path, max_rows))
        return Table(path, ["" if v is None else str(v) for v in header_row], rows, "xlsx", "")
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(name), name
    sample = data[:4096]
    # UTF-16 without a BOM: every other byte of ASCII text is NUL.
    if sample and sample.count(b"\x00") > len(sample) // 4:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        name = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass
    if b"\x00" in sample:
        raise TableError(
            _("{path}: looks like a binary file, not a CSV or XLSX table").format(path=path)
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > max(3, len(text) // 1000):
        raise TableError(
            _("{path}: the text encoding could not be recognised (try saving it as UTF-8)").format(
                path=path
            )
        )
    return text, "windows-1252"


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    best, best_score = ",", -1.0
    for delimiter in DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=delimiter))) for line in lines]
        if not counts or counts[0] < 2:
            continue
        consistent = sum(1 for c in counts if c == counts[0]) / len(counts)
        score = consistent * 10 + min(counts[0], 50) / 50
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_text(path: Path, max_rows: int) -> Table:
    data = path.read_bytes()
    text, encoding = _decode(path, data)
    text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise TableError(_("{path}: the file is empty").format(path=path))
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
        rows = []
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append(row)
            if len(rows) > max_rows:
                raise TableError(_too_many_rows(path, max_rows))
    except csv.Error as exc:
        raise TableError(
            _("{path}: is not a well-formed CSV file ({reason})").format(path=path, reason=exc)
        ) from None
    return Table(path, headers, rows, encoding, delimiter)


def header_signature(headers: Iterable[str]) -> str:
    """The same for every file with the same columns, in any order and letter case."""
    names = sorted(" ".join(h.casefold().split()) for h in headers if h.strip())
    return hashlib.sha256("\x1f".join(names).encode("utf-8")).hexdigest()[:32]


def save_mapping(
    ws: Workspace, kind: str, headers: Iterable[str], mapping: Mapping[str, str]
) -> None:
    """Remember how the columns of this shape of file map to fields, for the next import."""
    with ws.transaction():
        ws.conn.execute(
            "INSERT INTO import_mappings(kind, signature, mapping, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, signature) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
            (
                kind,
                header_signature(headers),
                json.dumps(dict(mapping), ensure_ascii=False),
                utc_now(),
            ),
        )


def load_mapping(ws: Workspace, kind: str, headers: Iterable[str]) -> dict[str, str] | None:
    raw = ws.scalar(
        "SELECT mapping FROM import_mappings WHERE kind = ? AND signature = ?",
        (kind, header_signature(headers)),
    )
    return None if raw is None else json.loads(str(raw))


def neutralise_formula(value: str) -> str:
    """A cell that a spreadsheet would run as a formula, made plain text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
