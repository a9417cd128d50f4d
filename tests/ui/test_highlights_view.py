"""The highlights editor: drafted from an outcome, written in English and French."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QInputDialog

from gcm_dialogue import outcomes
from ui.context import AppContext
from ui.undo import ChangeBus
from ui.views.highlights_view import HighlightsView


@pytest.fixture
def view(qtbot, ws, meeting):
    widget = HighlightsView(AppContext(ws, QUndoStack(), ChangeBus()))
    qtbot.addWidget(widget)
    widget.show_meeting(meeting)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def test_draft_from_an_outcome_then_write_french(qtbot, ws, meeting, view, monkeypatch):
    outcome = outcomes.add_outcome(ws, meeting.id, lead="Migration data should be shared.")
    outcomes.add_highlight(
        ws, meeting.id, {"en": "Opening.", "fr": "Ouverture.", "es": "Apertura."}
    )
    view.refresh()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: (args[3][0], True))
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key_D, Qt.ControlModifier)
    drafted = outcomes.list_highlights(ws, meeting.id)[1]
    assert drafted.outcome_id == outcome.id and drafted.text == {
        "en": "Migration data should be shared."
    }
    assert view.list.currentRow() == 1
    rows = {
        view.completeness.item(r, 0).text(): view.completeness.item(r, 2).text()
        for r in range(view.completeness.rowCount())
    }
    assert rows == {"English": "complete", "French": "2", "Spanish": "2"}

    view.tabs.setCurrentIndex(1)  # French
    editor = view.editors["fr"]
    editor.setFocus()
    qtbot.keyClicks(editor, "Les donnees sur les migrations devraient etre partagees.")
    qtbot.keyClick(editor, Qt.Key_S, Qt.ControlModifier)
    saved = outcomes.list_highlights(ws, meeting.id)[1]
    assert saved.text == {
        "en": "Migration data should be shared.",
        "fr": "Les donnees sur les migrations devraient etre partagees.",
    }
    rows = {
        view.completeness.item(r, 0).text(): view.completeness.item(r, 1).text()
        for r in range(view.completeness.rowCount())
    }
    assert rows["French"] == "2 of 2" and rows["Spanish"] == "1 of 2"
    assert view.tabs.tabText(1).endswith("✓") and view.tabs.tabText(2).endswith("–")

    qtbot.keyClick(view.list, Qt.Key_Up, Qt.ControlModifier)
    assert [h.outcome_id for h in outcomes.list_highlights(ws, meeting.id)] == [outcome.id, None]
    view.context.undo_stack.undo()
    assert [h.outcome_id for h in outcomes.list_highlights(ws, meeting.id)] == [None, outcome.id]
