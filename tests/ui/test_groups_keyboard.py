"""The breakout groups board by keyboard, its group dialog's refusals and translations,
and what forming groups says about the people it cannot place."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox, QPushButton

from gcm_dialogue import assignment, groups
from gcm_dialogue.multilingual import Text
from ui.views.groups_view import GroupsView


@pytest.fixture
def view(shown_view):
    return shown_view(GroupsView, 1100, 800)


def _board(ws, view):
    return groups.list_groups(ws, view.meeting.id)


def _select(qtbot, members, row):
    members.setFocus()
    members.clearSelection()
    members.setCurrentRow(row)
    qtbot.waitUntil(members.hasFocus)


def test_deleting_a_question_keeps_each_questions_translations(qtbot, view, demo_ws):
    group = _board(demo_ws, view)[0]
    questions = [
        Text({"en": f"Question {n}?", "fr": f"Question {n} (fr) ?", "ar": f"سؤال {n}؟"})
        for n in (1, 2, 3)
    ]
    groups.update_group(demo_ws, group.id, guiding_questions=questions)
    view.refresh()

    def delete_first_line(dialog):
        dialog.questions.setFocus()
        qtbot.keyClick(dialog.questions, Qt.Key_Home, Qt.ControlModifier)
        qtbot.keyClick(dialog.questions, Qt.Key_Down, Qt.ShiftModifier)
        qtbot.keyClick(dialog.questions, Qt.Key_Delete)
        qtbot.keyClicks(dialog.questions, "Question 4?")  # an edited line loses its fr/ar
        qtbot.keyClick(dialog.questions, Qt.Key_Return)
        dialog.accept()
        return dialog.result()

    view.exec_dialog = delete_first_line
    qtbot.mouseClick(view.findChild(QPushButton, f"edit_{group.id}"), Qt.LeftButton)
    assert list(groups.get_group(demo_ws, group.id).guiding_questions) == [
        {"en": "Question 4?"},
        questions[1],
        questions[2],
    ]


def test_move_take_out_and_delete_a_group_by_keyboard(qtbot, view, demo_ws):
    meeting_id, stack = view.meeting.id, view.context.undo_stack
    africa, americas = _board(demo_ws, view)[:2]
    before = _board(demo_ws, view)
    rapporteur = africa.rapporteur_id
    members = view.lists[africa.id]
    row = next(
        n for n in range(members.count()) if members.item(n).data(Qt.UserRole + 1) == rapporteur
    )
    _select(qtbot, members, row)

    def choose_americas(dialog):
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findText("Group 2. The Americas"))
        dialog.accept()
        return dialog.result()

    view.exec_dialog = choose_americas
    qtbot.keyClick(members, Qt.Key_G, Qt.ControlModifier)
    assert groups.group_of(demo_ws, meeting_id, rapporteur) == americas.id
    assert groups.get_group(demo_ws, americas.id).rapporteur_id == americas.rapporteur_id
    assert stack.undoText().endswith("(roles in the old group removed)")
    assert view.lists[africa.id].hasFocus()  # the keyboard stays in the list it was in
    # Delete takes the selected member out of their group.
    members = view.lists[americas.id]
    _select(qtbot, members, members.count() - 1)
    plain = members.currentItem().data(Qt.UserRole + 1)
    members.currentItem().setSelected(True)
    qtbot.keyClick(members, Qt.Key_Delete)
    assert groups.group_of(demo_ws, meeting_id, plain) is None
    # Delete a group once confirmed: its members are then in no group.
    seen = {}

    def confirm(box):
        seen["text"] = box.text()
        box.button(QMessageBox.Yes).click()
        return QMessageBox.Yes

    view.exec_dialog = confirm
    qtbot.mouseClick(view.findChild(QPushButton, f"delete_{africa.id}"), Qt.LeftButton)
    assert "go back to “In no group”" in seen["text"]
    assert [g.id for g in _board(demo_ws, view)] == [g.id for g in before[1:]]
    assert all(
        groups.group_of(demo_ws, meeting_id, m.participant_id) is None
        for m in africa.members
        if m.participant_id != rapporteur
    )
    assert stack.undoText() == "Delete 'Group 1. Africa'"
    for _n in range(3):
        stack.undo()
    assert _board(demo_ws, view) == before


def test_cancelled_delete_and_moves_from_no_group(qtbot, view, demo_ws):
    view.exec_dialog = lambda box: box.button(QMessageBox.Cancel).click() or QMessageBox.Cancel
    africa = _board(demo_ws, view)[0]
    _select(qtbot, view.lists[africa.id], 0)
    qtbot.keyClick(view.lists[africa.id], Qt.Key_Delete, Qt.ControlModifier | Qt.ShiftModifier)
    assert len(_board(demo_ws, view)) == 4 and view.context.undo_stack.count() == 0
    unplaced = view.lists[None]
    _select(qtbot, unplaced, 0)
    person = unplaced.currentItem().data(Qt.UserRole + 1)
    unplaced.currentItem().setSelected(True)
    view.exec_dialog = lambda dialog: dialog.accept() or dialog.result()  # the proposed group
    qtbot.keyClick(unplaced, Qt.Key_G, Qt.ControlModifier)
    assert groups.group_of(demo_ws, view.meeting.id, person) == africa.id
    assert view.context.undo_stack.undoText().startswith("Move '")


def test_group_dialog_refuses_impossible_values_and_shows_the_room_as_typed(qtbot, view, demo_ws):
    africa = _board(demo_ws, view)[0]
    assert len(africa.members) > 2
    seen = []

    def edit(dialog):
        dialog.capacity.setValue(2)
        dialog.accept()
        seen.append((dialog.result(), dialog.error.text()))
        dialog.capacity.setValue(0)
        dialog.interpretation[1].setCurrentIndex(dialog.interpretation[1].findData("en"))
        dialog.accept()
        seen.append((dialog.result(), dialog.error.text()))
        dialog.interpretation[1].setCurrentIndex(dialog.interpretation[1].findData("fr"))
        dialog.room.setText("<i>Room</i> 18")
        dialog.accept()
        return dialog.result()

    view.exec_dialog = edit
    qtbot.mouseClick(view.findChild(QPushButton, f"edit_{africa.id}"), Qt.LeftButton)
    assert seen[0][0] == QDialog.Rejected and "more than the 2 seats" in seen[0][1]
    assert seen[1][0] == QDialog.Rejected and "two different languages" in seen[1][1]
    saved = groups.get_group(demo_ws, africa.id)
    assert (saved.room, saved.capacity, saved.interpretation) == (
        "<i>Room</i> 18",
        None,
        ("en", "fr"),
    )
    info = view.cards[africa.id].findChild(QLabel, f"info_{africa.id}")
    assert info.textFormat() == Qt.PlainText and "<i>Room</i> 18" in info.text()


def test_forming_groups_names_who_is_left_out_and_the_empty_card_collapses(qtbot, view, demo_ws):
    assignment.assign_automatically(demo_ws, view.meeting.id, "mixed")
    view.refresh()
    assert view.lists[None].count() == 0
    assert view.cards[None].sizeHint().height() < 60
    seen = {}

    def form(dialog):
        seen["text"] = dialog.explanation.text()
        dialog.accept()
        return dialog.result()

    view.exec_dialog = form
    view.form_groups()
    left_out = view.last_assignment.unplaced
    assert 0 < len(left_out) <= 2
    for placement in left_out:
        name = view.last_assignment.names[placement.participant_id]
        assert f"{name} (leaves Group 3. Europe)" in seen["text"]
    assert "Not placed: " in seen["text"]
    assert view.lists[None].count() == len(left_out)
    assert view.cards[None].sizeHint().height() > 120
