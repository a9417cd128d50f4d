"""The outcomes board: merge the four groups' recommendations on data, edit, order, undo."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox

from gcm_dialogue import consolidation, groups, notes, outcomes
from ui.context import AppContext
from ui.undo import ChangeBus
from ui.views.outcomes_view import OUTCOME_ROLE, SET_ROLE, OutcomesView

DATA = [
    ("Africa", "africa", "Renforcer la collecte de données sur les migrations.", "fr"),
    ("Americas", "americas", "Strengthen the exchange of migration data.", "en"),
    ("Asia", "asia_pacific_middle_east", "ينبغي جمع بيانات مصنفة عن الهجرة.", "ar"),
    ("Europe", "europe", "Agree on common definitions of migration data.", "en"),
]


@pytest.fixture
def data_notes(ws, meeting):
    ids = []
    for name, region, text, lang in DATA:
        group = groups.create_group(ws, meeting.id, name=name, region=region)
        ids.append(
            notes.add_note(
                ws,
                meeting.id,
                text,
                lang=lang,
                kind="recommendation",
                group_id=group.id,
                tags=["cluster:3", "element:v", "sdg:17.18"],
            ).id
        )
    return ids


@pytest.fixture
def view(qtbot, ws, meeting, data_notes):
    widget = OutcomesView(AppContext(ws, QUndoStack(), ChangeBus()))
    qtbot.addWidget(widget)
    widget.show_meeting(meeting)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    qtbot.waitUntil(lambda: widget.proposal_tree.topLevelItemCount() == 1, timeout=5000)
    return widget


def test_merge_the_four_groups_recommendations(qtbot, ws, meeting, data_notes, view):
    tree = view.proposal_tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    assert "made in 4 of 4 groups" in tree.topLevelItem(0).text(0)
    qtbot.keyClick(tree, Qt.Key_M, Qt.ControlModifier)
    [outcome] = outcomes.list_outcomes(ws, meeting.id)
    assert set(outcome.source_note_ids) == set(data_notes)
    assert view.provenance.text() == (
        "made in 4 of 4 groups: Africa; Americas; Asia, Pacific and the Middle East; Europe"
    )
    assert view.sources.count() == 4

    # write the lead in French, by keyboard, and save
    view.lang.setFocus()
    view.lang.setCurrentIndex(view.lang.findData("fr"))
    view.lead.setFocus()
    view.lead.selectAll()
    qtbot.keyClicks(view.lead, "Les donnees sur les migrations devraient etre partagees.")
    qtbot.keyClick(view.lead, Qt.Key_S, Qt.ControlModifier)
    saved = outcomes.get_outcome(ws, outcome.id)
    assert saved.lead["fr"] == "Les donnees sur les migrations devraient etre partagees."
    assert saved.lead["en"] == "Strengthen the exchange of migration data."
    view.context.undo_stack.undo()
    assert "fr" not in outcomes.get_outcome(ws, outcome.id).lead
    view.context.undo_stack.undo()
    assert outcomes.list_outcomes(ws, meeting.id) == []
    view.context.undo_stack.redo()
    assert set(outcomes.list_outcomes(ws, meeting.id)[0].source_note_ids) == set(data_notes)


def test_order_by_keyboard_and_merge_outcomes(qtbot, ws, meeting, data_notes, view):
    priorities = outcomes.create_set(ws, meeting.id, "priorities", "Priorities")
    outcomes.add_outcome(
        ws, meeting.id, lead="First", set_id=priorities.id, source_note_ids=data_notes[:2]
    )
    second = outcomes.add_outcome(
        ws, meeting.id, lead="Second", set_id=priorities.id, source_note_ids=data_notes[2:]
    )
    view.refresh()
    view.select_outcome(second.id)
    view.board.setFocus()
    qtbot.keyClick(view.board, Qt.Key_Up, Qt.ControlModifier)
    assert [o.lead["en"] for o in outcomes.list_outcomes(ws, meeting.id)] == ["Second", "First"]
    assert view.current_outcome_id() == second.id
    # register by keyboard
    view.register.setCurrentIndex(view.register.findData("cautious"))
    qtbot.keyClick(view.board, Qt.Key_S, Qt.ControlModifier)
    assert outcomes.get_outcome(ws, second.id).register == "cautious"
    # select both outcomes and merge them: one outcome, every source kept
    view.board.clearSelection()
    parent = view.board.topLevelItem(0)
    for index in range(parent.childCount()):
        parent.child(index).setSelected(True)
    view.proposal_tree.clearSelection()
    qtbot.keyClick(view.board, Qt.Key_M, Qt.ControlModifier)
    [merged] = outcomes.list_outcomes(ws, meeting.id)
    assert set(merged.source_note_ids) == set(data_notes)
    assert merged.set_id == priorities.id
    assert consolidation.outcome_provenance(ws, merged.id).group_count == 4


def _click(qtbot, tree, item) -> None:
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.LeftButton, pos=rect.center())


def _outcome_item(view, outcome_id):
    board = view.board
    for top in range(board.topLevelItemCount()):
        parent = board.topLevelItem(top)
        for index in range(parent.childCount()):
            if parent.child(index).data(0, OUTCOME_ROLE) == outcome_id:
                return parent.child(index)
    raise AssertionError(outcome_id)


def test_typed_text_is_saved_when_the_user_leaves_it(qtbot, ws, meeting, data_notes, view):
    first = outcomes.add_outcome(ws, meeting.id, lead="First", source_note_ids=data_notes[:1])
    second = outcomes.add_outcome(ws, meeting.id, lead="Second")
    view.refresh()
    _click(qtbot, view.board, _outcome_item(view, first.id))
    assert view.current_outcome_id() == first.id
    stack = view.context.undo_stack

    # a French lead, then another language chosen in the list (by keyboard): kept
    view.lang.setFocus()
    view.lang.setCurrentIndex(view.lang.findData("fr"))
    view.lead.setFocus()
    qtbot.keyClicks(view.lead, "Premier")
    view.lang.setFocus()
    qtbot.keyClick(view.lang, Qt.Key_Down)
    assert view.lang.currentData() != "fr"
    assert outcomes.get_outcome(ws, first.id).lead == {"en": "First", "fr": "Premier"}
    assert stack.count() == 1  # its own undoable step

    # English lead typed, another outcome clicked, then back: kept, and shown again
    view.lang.setCurrentIndex(view.lang.findData("en"))
    view.lead.setFocus()
    qtbot.keyClick(view.lead, Qt.Key_End)
    qtbot.keyClicks(view.lead, " of all")
    _click(qtbot, view.board, _outcome_item(view, second.id))
    assert outcomes.get_outcome(ws, first.id).lead["en"] == "First of all"
    qtbot.waitUntil(lambda: "First of all" in _outcome_item(view, first.id).text(0))
    _click(qtbot, view.board, _outcome_item(view, first.id))
    assert view.lead.toPlainText() == "First of all"
    assert stack.count() == 2

    # the view hidden (another view chosen, the window closed): kept
    view.lead.setFocus()
    qtbot.keyClick(view.lead, Qt.Key_End)
    qtbot.keyClicks(view.lead, "!")
    view.hide()
    assert outcomes.get_outcome(ws, first.id).lead["en"] == "First of all!"
    stack.undo()
    assert outcomes.get_outcome(ws, first.id).lead["en"] == "First of all"
    # nothing typed: leaving saves nothing
    view.show()
    _click(qtbot, view.board, _outcome_item(view, second.id))
    assert stack.count() == 3 and stack.index() == 2


def test_an_empty_source_lead_is_refused(qtbot, ws, meeting, data_notes, view, monkeypatch):
    outcome = outcomes.add_outcome(ws, meeting.id, lead={"en": "Share data.", "fr": "Partager."})
    view.refresh()
    _click(qtbot, view.board, _outcome_item(view, outcome.id))
    warnings = []
    monkeypatch.setattr(
        "ui.views.outcomes_view.QMessageBox.warning",
        lambda _parent, _title, text: warnings.append(text),
    )
    view.lead.setFocus()
    view.lead.selectAll()
    qtbot.keyClick(view.lead, Qt.Key_Delete)
    qtbot.keyClick(view.lead, Qt.Key_S, Qt.ControlModifier)
    assert warnings == ["The lead sentence in English, the meeting's source language, is required."]
    assert outcomes.get_outcome(ws, outcome.id).lead == {"en": "Share data.", "fr": "Partager."}
    assert view.context.undo_stack.count() == 0


def test_sets_are_made_translated_renamed_and_deleted(
    qtbot, ws, meeting, data_notes, view, monkeypatch
):
    outcome = outcomes.add_outcome(ws, meeting.id, lead="Share data.")
    view.refresh()
    stack = view.context.undo_stack

    def fill(titles: dict[str, str]) -> None:
        dialog = view.set_dialog
        for code, title in titles.items():
            edit = dialog.edits[code]
            edit.setFocus()
            edit.selectAll()
            if title:
                qtbot.keyClicks(edit, title)
            else:
                qtbot.keyClick(edit, Qt.Key_Delete)
        qtbot.keyClick(dialog.edits[meeting.source_lang], Qt.Key_Return)

    def back_to_view() -> None:  # offscreen, the closed dialog keeps the activation until asked
        view.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is view)

    # a new set, titled in English and French at once
    QTimer.singleShot(0, lambda: fill({"en": "Priorities", "fr": "Les priorites"}))
    qtbot.mouseClick(view.new_set_button, Qt.LeftButton)
    back_to_view()
    [made] = outcomes.list_sets(ws, meeting.id)
    assert made.title == {"en": "Priorities", "fr": "Les priorites"}

    # F2 on the set: translated into Spanish, renamed in English
    header = view.board.topLevelItem(0)
    assert header.data(0, SET_ROLE) == made.id
    view.board.setFocus()
    view.board.setCurrentItem(header)
    QTimer.singleShot(0, lambda: fill({"en": "Five priorities", "es": "Prioridades"}))
    qtbot.keyClick(view.board, Qt.Key_F2)
    back_to_view()
    assert outcomes.list_sets(ws, meeting.id)[0].title == {
        "en": "Five priorities",
        "fr": "Les priorites",
        "es": "Prioridades",
    }
    # the source language's title cannot be blanked: the dialog says so and stays open
    errors = []

    def blank_source() -> None:
        fill({"en": ""})
        errors.append(view.set_dialog.error.text())
        view.set_dialog.reject()

    QTimer.singleShot(0, blank_source)
    qtbot.keyClick(view.board, Qt.Key_F2)
    back_to_view()
    assert errors == ["The title in English, the meeting's source language, is required."]
    assert outcomes.list_sets(ws, meeting.id)[0].title["en"] == "Five priorities"

    # an outcome put in the set; deleting the set asks first, the outcome stays
    outcomes.move_outcome(ws, outcome.id, set_id=made.id, position=0)
    view.refresh()
    asked = []

    def answer(_parent, _title, text, *args):
        asked.append(text)
        return QMessageBox.Yes

    monkeypatch.setattr("ui.views.outcomes_view.QMessageBox.question", answer)
    view.board.setFocus()
    view.board.setCurrentItem(view.board.topLevelItem(0))
    qtbot.keyClick(view.board, Qt.Key_Delete)
    assert asked == ["Delete the set 'Five priorities'? Its 1 outcome stays, in no set."]
    assert outcomes.list_sets(ws, meeting.id) == []
    assert outcomes.get_outcome(ws, outcome.id).set_id is None
    stack.undo()
    assert outcomes.get_outcome(ws, outcome.id).set_id == made.id
    stack.undo()
    assert outcomes.list_sets(ws, meeting.id)[0].title["en"] == "Priorities"
