"""The outcomes board: merge the four groups' recommendations on data, edit, order, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from gcm_dialogue import consolidation, groups, notes, outcomes
from ui.context import AppContext
from ui.undo import ChangeBus
from ui.views.outcomes_view import OutcomesView

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
