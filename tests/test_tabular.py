"""Reading CSV and XLSX: every encoding and delimiter people send, and each bad file."""

import codecs

import openpyxl
import pytest

from gcm_dialogue.tabular import (
    TableError,
    header_signature,
    load_mapping,
    neutralise_formula,
    read_table,
    save_mapping,
)

ROWS = [["Nom", "Prénom", "Pays"], ["Žák", "Radim", "Tchéquie"], ["Gómez Camacho", "Juan José", "Mexique"]]


def _write(path, encoding, delimiter, bom=b""):
    text = "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-16-le", b"", "utf-16-le"),
        ("cp1252", b"", "windows-1252"),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters_are_detected(tmp_path, encoding, bom, expected, delimiter):
    if encoding == "cp1252":
        rows = [[c.replace("Ž", "Z") for c in r] for r in ROWS]  # Ž is not in Windows-1252
        path = tmp_path / "f.csv"
        path.write_bytes(("\r\n".join(delimiter.join(r) for r in rows) + "\r\n").encode("cp1252"))
    else:
        rows = ROWS
        path = _write(tmp_path / "f.csv", encoding, delimiter, bom)
    table = read_table(path)
    assert table.encoding == expected and table.delimiter == delimiter
    assert table.headers == rows[0] and table.rows == rows[1:]


def test_xlsx_keeps_every_script(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Name", "Organisation"], ["محمد العلي", "ARCP"], ["Анна Петрова", "Almaty Process"], ["王丽", "Bali Process"]]:
        sheet.append(row)
    sheet.append([None, None])
    path = tmp_path / "names.xlsx"
    book.save(path)
    table = read_table(path)
    assert [r[0] for r in table.rows] == ["محمد العلي", "Анна Петрова", "王丽"]
    assert table.records()[0] == {"Name": "محمد العلي", "Organisation": "ARCP"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"Name;Email\r\n", "only a header"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff" * 50, "binary"),
        (b"PK\x03\x04not really a zip", "not a readable XLSX"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message) as caught:
        read_table(path)
    assert str(path) in str(caught.value)


def test_too_many_rows(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("Name,Email\n" + "".join(f"P{n},p{n}@example.org\n" for n in range(60)), encoding="utf-8")
    with pytest.raises(TableError, match="more than 50 rows"):
        read_table(path, max_rows=50)


def test_mappings_are_remembered_by_shape(ws):
    save_mapping(ws, "participants", ["Nom", "Prénom"], {"Nom": "family_name", "Prénom": "given_name"})
    assert load_mapping(ws, "participants", ["prénom", " nom "]) == {"Nom": "family_name", "Prénom": "given_name"}
    assert load_mapping(ws, "participants", ["Nom"]) is None
    assert header_signature(["A", "B"]) == header_signature(["b", "a"])


@pytest.mark.parametrize(("cell", "expected"), [("=1+1", "'=1+1"), ("+33 1", "'+33 1"), ("-x", "'-x"), ("@SUM", "'@SUM"), ("Žák", "Žák")])
def test_formula_cells_are_neutralised(cell, expected):
    assert neutralise_formula(cell) == expected
