"""The Documents view, driven by keyboard and mouse: check, export, preview, final refused."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from gcm_dialogue.store import open_workspace
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_path, tmp_path):
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    win = MainWindow(open_workspace(path, create=False))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QApplication.processEvents()
    win.ws.close()


@pytest.fixture
def view(qtbot, window):
    nav = window.navigation
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "Documents")
    qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    view = window.view("documents")
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.report is not None, timeout=20_000)
    return view


def _toggle_rows(qtbot, widget, keep):
    """Leave checked exactly the rows whose data is in ``keep``, by keyboard."""
    widget.setFocus()
    for row in range(widget.count()):
        item = widget.item(row)
        widget.setCurrentRow(row)
        wanted = item.data(Qt.UserRole) in keep
        if (item.checkState() == Qt.Checked) != wanted:
            qtbot.keyClick(widget, Qt.Key_Space)
        assert (item.checkState() == Qt.Checked) == wanted


def test_the_check_shows_blocking_findings_and_figures(qtbot, view):
    blocking = [
        view.findings.topLevelItem(i).text(0)
        for i in range(view.findings.topLevelItemCount())
        if view.findings.topLevelItem(i).text(1) == "Blocking"
    ]
    assert "23 notes are not final" in blocking
    assert "Participants: 92" in view.figures.text()
    assert "final export is refused" in view.verdict.text()
    view.report = None
    view.check_lang.setFocus()
    view.check_lang.setCurrentIndex(view.check_lang.findData("fr"))
    qtbot.waitUntil(lambda: view.report is not None and view.report.lang == "fr", timeout=20_000)
    # the French documents are checked, the findings told in the user's language
    texts = [view.findings.topLevelItem(i).text(0) for i in range(view.findings.topLevelItemCount())]
    assert "23 notes are not final" in texts


def test_export_two_documents_in_two_languages_and_preview(qtbot, view, tmp_path):
    _toggle_rows(qtbot, view.documents, {"highlights", "agenda"})
    _toggle_rows(qtbot, view.languages, {"en", "fr"})
    view.folder_edit.clear()
    qtbot.keyClicks(view.folder_edit, str(tmp_path / "out"))
    qtbot.keyClick(view.folder_edit, Qt.Key_E, Qt.ControlModifier)
    qtbot.waitUntil(lambda: len(view.written) == 5, timeout=60_000)
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "GRCP-7_agenda_en.pdf",
        "GRCP-7_agenda_fr.pdf",
        "GRCP-7_all_en-fr.pdf",
        "GRCP-7_highlights_en.pdf",
        "GRCP-7_highlights_fr.pdf",
    ]
    assert view.files.count() == 5
    qtbot.waitUntil(lambda: view.pdf.status() == QPdfDocument.Status.Ready)
    assert view.pdf.pageCount() == view.written[0].pages
    view.files.setFocus()
    qtbot.keyClick(view.files, Qt.Key_Down)
    qtbot.waitUntil(lambda: view.pdf.pageCount() == view.written[1].pages)


def test_a_final_export_is_refused_with_a_message(qtbot, view, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    _toggle_rows(qtbot, view.documents, {"highlights"})
    view.folder_edit.clear()
    qtbot.keyClicks(view.folder_edit, str(tmp_path / "final"))
    qtbot.keyClick(view.folder_edit, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    assert view.final_box.isChecked()
    qtbot.keyClick(view.folder_edit, Qt.Key_E, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "final export is refused" in shown[0]
    assert not (tmp_path / "final").exists() or not any((tmp_path / "final").iterdir())
    assert view.export_button.isEnabled()


def test_nothing_chosen_says_so(qtbot, view):
    _toggle_rows(qtbot, view.languages, set())
    qtbot.mouseClick(view.export_button, Qt.LeftButton)
    assert view.verdict.text() == "Choose at least one document and one language."
