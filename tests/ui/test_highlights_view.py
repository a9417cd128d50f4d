"""The highlights editor: drafted from an outcome, written in English and French."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

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


def test_draft_from_an_outcome_then_write_french(qtbot, ws, meeting, view):
    outcome = outcomes.add_outcome(ws, meeting.id, lead="Migration data should be shared.")
    outcomes.add_highlight(
        ws, meeting.id, {"en": "Opening.", "fr": "Ouverture.", "es": "Apertura."}
    )
    view.refresh()

    seen = {}

    def choose() -> None:  # the outcome without a highlight is offered first: Enter takes it
        chooser = view.chooser
        seen.update(focus=chooser.focusWidget() is chooser.filter, chosen=chooser.chosen_id())
        qtbot.keyClick(chooser.filter, Qt.Key_Return)

    view.list.setFocus()
    QTimer.singleShot(0, choose)
    qtbot.keyClick(view.list, Qt.Key_D, Qt.ControlModifier)
    assert seen == {"focus": True, "chosen": outcome.id}
    view.activateWindow()  # offscreen, the closed dialog keeps the activation until asked
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
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


def test_the_outcome_chooser_narrows_as_one_types(qtbot):
    from ui.dialogs.outcome_chooser import OutcomeChooser

    entries = [
        ("a", "Priorities · 1. Uphold the human rights of all migrants", ""),
        ("b", "Priorities · 2. Share migration data", "already drafted as highlight 3"),
        ("c", "Follow-up · 1. Données sur les migrations et partenariats", ""),
    ]
    dialog = OutcomeChooser(entries, "c")
    qtbot.addWidget(dialog)
    assert dialog.chosen_id() == "c"
    assert dialog.list.item(1).text().endswith("(already drafted as highlight 3)")
    qtbot.keyClicks(dialog.filter, "donnees")  # accents aside
    assert [dialog.list.item(r).isHidden() for r in range(3)] == [True, True, False]
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "MIGRA")
    assert dialog.chosen_id() == "c"  # still shown, still chosen
    qtbot.keyClick(dialog.filter, Qt.Key_Up)
    qtbot.keyClick(dialog.filter, Qt.Key_Up)
    assert dialog.chosen_id() == "a"
    qtbot.keyClicks(dialog.filter, " data")
    assert dialog.chosen_id() == "b"
    qtbot.keyClicks(dialog.filter, " nothing")
    assert dialog.chosen_id() is None and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.filter, Qt.Key_Return)
    assert dialog.result() != dialog.DialogCode.Accepted


def test_text_typed_in_a_language_tab_is_saved_on_leaving_the_paragraph(qtbot, ws, meeting, view):
    first = outcomes.add_highlight(ws, meeting.id, "Opening.")
    second = outcomes.add_highlight(ws, meeting.id, "Closing.")
    view.refresh()
    view.list.setFocus()
    view.list.setCurrentRow(0)
    stack = view.context.undo_stack

    # French typed, then the next paragraph chosen by keyboard: the French is kept
    qtbot.keyClick(view.list, Qt.Key_PageDown, Qt.ControlModifier)  # the French tab
    editor = view.editors["fr"]
    assert view.tabs.currentWidget() is editor and editor.hasFocus()
    qtbot.keyClicks(editor, "Ouverture.")
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key_Down)
    assert view.current_id() == second.id
    texts = {h.id: h.text for h in outcomes.list_highlights(ws, meeting.id)}
    assert texts[first.id] == {"en": "Opening.", "fr": "Ouverture."}
    assert stack.count() == 1  # its own undoable step
    qtbot.keyClick(view.list, Qt.Key_Up)
    assert view.editors["fr"].toPlainText() == "Ouverture."

    # typed, then the view hidden (another view, the window closed): kept
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_End)
    qtbot.keyClicks(editor, " Bienvenue.")
    view.hide()
    assert outcomes.list_highlights(ws, meeting.id)[0].text["fr"] == "Ouverture. Bienvenue."
    stack.undo()
    assert outcomes.list_highlights(ws, meeting.id)[0].text["fr"] == "Ouverture."


def test_text_typed_is_saved_when_another_meeting_is_chosen(qtbot, ws, meeting, view):
    from gcm_dialogue import meetings

    outcomes.add_highlight(ws, meeting.id, "Opening.")
    other = meetings.create_meeting(
        ws, short_name="RCP X", title="Another", start_date="2018-01-01", end_date="2018-01-02"
    )
    view.refresh()
    view.list.setCurrentRow(0)
    editor = view.editors["en"]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key_End)
    qtbot.keyClicks(editor, " Welcome.")
    view.show_meeting(other)  # the meeting switcher
    assert outcomes.list_highlights(ws, meeting.id)[0].text["en"] == "Opening. Welcome."
    assert view.context.undo_stack.count() == 1
