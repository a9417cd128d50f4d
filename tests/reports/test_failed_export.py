"""A failure halfway through an export leaves nothing half-written: no new documents, no
older file replaced, no temporary file (the ``.part`` files and the staging folder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from gcm_dialogue import meetings
from gcm_dialogue.fonts import find_fonts
from gcm_dialogue.reports import ExportCancelled, atomic_files, build_document, export_all, fonts
from gcm_dialogue.reports.documents import BUILDERS
from gcm_dialogue.reports.paragraph_parts import ParagraphPart
from gcm_dialogue.store import open_workspace

KINDS = ("highlights", "agenda", "groups")  # short documents: quick, and several of them


class Boom(RuntimeError):
    pass


def boom(*args, **kwargs):
    raise Boom("the build failed")


class FailingFlowable(Flowable):
    """Fails inside reportlab's build, after the document's file has been opened."""

    def wrap(self, avail_width, avail_height):
        raise Boom("the layout failed")


@pytest.fixture(scope="module")
def demo(demo_path):
    ws = open_workspace(demo_path, create=False)
    yield ws, meetings.resolve_meeting(ws, None)
    ws.close()


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``root``, by relative path."""
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture
def previous_export(demo, tmp_path):
    """A folder holding an earlier export of the same documents and a file of the user's."""
    ws, meeting = demo
    folder = tmp_path / "out"
    export_all(ws, meeting.id, ["en"], folder, kinds=KINDS)
    (folder / "notes.txt").write_text("the user's own file")
    return folder


def test_a_complete_export_replaces_the_older_files_and_leaves_no_temporary_file(
    demo, previous_export
):
    ws, meeting = demo
    before = snapshot(previous_export.parent)
    written = export_all(ws, meeting.id, ["en"], previous_export, kinds=KINDS)
    after = snapshot(previous_export.parent)
    assert set(after) == set(before)
    assert all(w.path.parent == previous_export and w.path.exists() for w in written)
    assert after["out/notes.txt"] == before["out/notes.txt"]


@pytest.mark.parametrize("failing", ["agenda", "groups"])  # the 2nd and the 3rd document
def test_a_document_failing_halfway_leaves_the_folder_as_it_was(
    demo, previous_export, monkeypatch, failing
):
    ws, meeting = demo
    before = snapshot(previous_export.parent)
    monkeypatch.setitem(BUILDERS, failing, boom)
    with pytest.raises(Boom):
        export_all(ws, meeting.id, ["en", "fr"], previous_export, kinds=KINDS)
    assert snapshot(previous_export.parent) == before


def test_a_failing_combined_pdf_leaves_the_folder_as_it_was(demo, previous_export, monkeypatch):
    from pypdf import PdfWriter

    ws, meeting = demo
    before = snapshot(previous_export.parent)

    def write_half(self, stream):
        stream.write(b"%PDF-1.4 half")
        raise Boom("the disk is full")

    monkeypatch.setattr(PdfWriter, "write", write_half)
    with pytest.raises(Boom):
        export_all(ws, meeting.id, ["en"], previous_export, kinds=KINDS)
    assert snapshot(previous_export.parent) == before


def test_a_failed_export_into_a_new_folder_creates_nothing(demo, tmp_path, monkeypatch):
    ws, meeting = demo
    monkeypatch.setitem(BUILDERS, "groups", boom)
    with pytest.raises(Boom):
        export_all(ws, meeting.id, ["en"], tmp_path / "new" / "out", kinds=KINDS)
    assert snapshot(tmp_path) == {}


def test_a_cancelled_export_leaves_the_folder_as_it_was(demo, previous_export):
    ws, meeting = demo
    before = snapshot(previous_export.parent)
    with pytest.raises(ExportCancelled):
        export_all(
            ws, meeting.id, ["en"], previous_export, kinds=KINDS, progress=lambda n, t: n < 2
        )
    assert snapshot(previous_export.parent) == before


def test_a_failed_move_puts_the_older_files_back(demo, previous_export, monkeypatch):
    """Even the last step, moving the new files into place, is all or nothing."""
    ws, meeting = demo
    before = snapshot(previous_export.parent)
    real_replace = atomic_files.os.replace

    def replace(src, dst):
        moving_in = Path(src).parent.name.endswith(".part") and Path(dst).parent == previous_export
        if moving_in and Path(src).name.endswith("_groups_en.pdf"):  # the 3rd of 4 files
            raise OSError("the disk is full")
        real_replace(src, dst)

    monkeypatch.setattr(atomic_files.os, "replace", replace)
    with pytest.raises(OSError, match="disk is full"):
        export_all(ws, meeting.id, ["en"], previous_export, kinds=KINDS)
    assert snapshot(previous_export.parent) == before


@pytest.mark.parametrize(
    "builder",
    [boom, lambda ctx: [FailingFlowable()]],
    ids=["before-layout", "during-layout"],
)
def test_a_failed_report_keeps_the_older_file(demo, tmp_path, monkeypatch, builder):
    ws, meeting = demo
    target = tmp_path / "agenda.pdf"
    build_document(ws, meeting.id, "agenda", "en", target)
    before = snapshot(tmp_path)
    monkeypatch.setitem(BUILDERS, "agenda", builder)
    with pytest.raises(Boom):
        build_document(ws, meeting.id, "agenda", "en", target)
    assert snapshot(tmp_path) == before


def test_a_failed_report_into_a_new_folder_creates_nothing(demo, tmp_path, monkeypatch):
    ws, meeting = demo
    monkeypatch.setitem(BUILDERS, "agenda", boom)
    with pytest.raises(Boom):
        build_document(ws, meeting.id, "agenda", "en", tmp_path / "a" / "b" / "agenda.pdf")
    assert snapshot(tmp_path) == {}


def test_a_font_instance_failing_to_save_leaves_no_part_file(tmp_path, monkeypatch):
    from fontTools.ttLib import TTFont

    def save_half(self, file, *args, **kwargs):
        Path(file).write_bytes(b"\0\1\0\0 half a font")
        raise Boom("the disk is full")

    monkeypatch.setattr(fonts, "cache_dir", lambda: tmp_path / "cache" / "fonts")
    monkeypatch.setattr(TTFont, "save", save_half)
    with pytest.raises(Boom):
        fonts._static_instance(find_fonts().latin, 700)
    assert snapshot(tmp_path) == {}


class Lines(ParagraphPart):
    def __init__(self, leading):
        super().__init__()
        self.style = type("Style", (), {"leading": leading})()


@pytest.mark.parametrize(
    ("lines", "room", "expected"),
    [
        (5, 10, 0),  # everything fits: no split
        (5, 0.5, 0),  # not even one line: the whole paragraph moves on
        (3, 1, 0),  # one line alone at the foot of the page
        (3, 2, 2),
        (5, 4, 3),  # one line alone at the head of the next page: two go over
        (6, 2, 2),
        (2, 1, 0),
    ],
)
def test_a_split_paragraph_leaves_no_line_alone(lines, room, expected):
    assert Lines(10).lines_before_break(lines, room * 10) == expected


def test_a_folder_given_as_the_file_is_refused_with_a_reason(tmp_path):
    from gcm_dialogue.cli import main

    db = tmp_path / "d.gcmd"
    assert main(["demo", "--db", str(db)]) == 0
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["report", "summary", "--db", str(db), "--lang", "en", "-o", str(folder)]) == 1
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == [
        "d.gcmd",
        "out",
    ]


def test_a_folder_that_cannot_be_made_is_refused_with_a_reason(tmp_path):
    from gcm_dialogue.cli import main

    db = tmp_path / "d.gcmd"
    assert main(["demo", "--db", str(db)]) == 0
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / "out"
    assert main(["export", "all", "--db", str(db), "--lang", "en", "-o", str(target)]) == 1
    assert (tmp_path / "a-file").read_text() == "not a folder"


def test_a_refused_final_export_speaks_the_language_of_the_user(demo, tmp_path):
    from gcm_dialogue.errors import KnownError

    ws, meeting = demo
    with pytest.raises(KnownError) as refused:
        export_all(ws, meeting.id, ["ar"], tmp_path / "out", final=True)
    assert "final export is refused" in str(refused.value)  # English, not Arabic
