"""The breakout groups board driven as a person would: form groups, drag people, undo."""


import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from gcm_dialogue import groups
from ui.views.groups_view import ID_ROLE, GroupsView


@pytest.fixture
def view(shown_view):
    return shown_view(GroupsView, 1100, 800)

def _memberships(ws, meeting_id):
    return {
        g.id: sorted(
            (m.participant_id, m.is_facilitator, m.is_rapporteur, m.pinned) for m in g.members
        )
        for g in groups.list_groups(ws, meeting_id)
    }


def _drag(qtbot, view, from_group, to_group, row=0):
    """Select a person in one card and drop them on another, through the lists' own handlers."""
    source, target = view.lists[from_group], view.lists[to_group]
    item = source.item(row)
    source.clearSelection()
    item.setSelected(True)
    pid = item.data(ID_ROLE)
    mime = source.mimeData([item])
    event = QDropEvent(QPointF(10, 10), Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier)
    target.dragEnterEvent(event)
    assert event.isAccepted()
    target.dropEvent(event)
    return pid


def test_cards_show_room_pair_people_questions_and_counts(view, demo_ws):
    board = groups.list_groups(demo_ws, view.meeting.id)
    assert len(board) == 4 and set(view.cards) == {g.id for g in board} | {None}
    africa = board[0]
    texts = " ".join(label.text() for label in view.cards[africa.id].findChildren(QLabel))
    assert "Room 18" in texts and "English – French" in texts
    assert "Facilitators:" in texts and "Rapporteur: Chanda Mwale Kabwe" in texts
    assert "five recommendations" in texts
    counts = view.cards[africa.id].findChild(QLabel, f"counts_{africa.id}").text()
    for dimension in ("Category", "Region", "Language", "Gender"):
        assert dimension in counts
    assert view.lists[africa.id].count() == len(africa.members)


def test_done_when_regional_groups_in_one_step_then_two_moved_by_hand(qtbot, view, demo_ws):
    meeting_id = view.meeting.id
    stack = view.context.undo_stack
    original = _memberships(demo_ws, meeting_id)
    # Start from empty rooms, as before a meeting: everyone out, then form groups in one step.
    everyone = [view.lists[None].item(i).data(ID_ROLE) for i in range(view.lists[None].count())]
    everyone += [
        m.participant_id
        for g in groups.list_groups(demo_ws, meeting_id)
        for m in g.members
        if not (m.is_facilitator or m.is_rapporteur)
    ]
    view.move_people(everyone, None)
    assert stack.count() == 1
    seen = {}

    def form(dialog):
        qtbot.mouseClick(dialog.findChild(QPushButton, "formGroupsButton"), Qt.LeftButton)
        seen["explanation"] = dialog.explanation.text()
        seen["rows"] = dialog.table.rowCount()
        return dialog.result()

    view.exec_dialog = form
    qtbot.keyClick(view, Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
    assert stack.count() == 2 and stack.undoText() == "Form groups by region"
    assert seen["rows"] == 4 and "the region of their mechanism" in seen["explanation"]
    board = groups.list_groups(demo_ws, meeting_id)
    regions = {g.id: g.region for g in board}
    result = view.last_assignment
    placed = [p for p in result.placements if p.group_id]
    assert len(placed) > 70
    for p in placed:
        assert groups.group_of(demo_ws, meeting_id, p.participant_id) == p.group_id
    # two people moved by hand: one between groups, one from "in no group"
    europe = next(g.id for g in board if regions[g.id] == "europe")
    africa = next(g.id for g in board if regions[g.id] == "africa")
    americas = next(g.id for g in board if regions[g.id] == "americas")
    last = view.lists[europe].count() - 1
    moved = _drag(qtbot, view, europe, africa, row=last)
    assert groups.group_of(demo_ws, meeting_id, moved) == africa
    assert stack.undoText().startswith("Move '") and stack.undoText().endswith("Group 1. Africa")
    second = _drag(qtbot, view, None, americas)
    assert groups.group_of(demo_ws, meeting_id, second) == americas
    assert stack.count() == 4
    stack.undo()
    stack.undo()
    assert groups.group_of(demo_ws, meeting_id, moved) == europe
    assert groups.group_of(demo_ws, meeting_id, second) is None
    stack.undo()
    stack.undo()
    assert _memberships(demo_ws, meeting_id) == original
    assert view.lists[africa].count() == len(original[africa])


def test_mixed_groups_and_member_roles(qtbot, view, demo_ws):
    meeting_id = view.meeting.id

    def form(dialog):
        dialog.set_mode("mixed")
        dialog.accept()
        return dialog.result()

    view.exec_dialog = form
    view.form_groups()
    sizes = [len(g.members) for g in groups.list_groups(demo_ws, meeting_id)]
    assert max(sizes) - min(sizes) <= 2 and sum(sizes) == 92
    group = groups.list_groups(demo_ws, meeting_id)[1]
    plain = next(m for m in group.members if not m.is_rapporteur)
    menu = view.member_menu(group.id, plain.participant_id)
    rapporteur = next(a for a in menu.actions() if a.text() == "Rapporteur")
    rapporteur.trigger()
    assert groups.get_group(demo_ws, group.id).rapporteur_id == plain.participant_id
    view.context.undo_stack.undo()
    assert groups.get_group(demo_ws, group.id).rapporteur_id == group.rapporteur_id


def test_add_and_edit_a_group(qtbot, view, demo_ws):
    meeting_id = view.meeting.id

    def add(dialog):
        qtbot.keyClicks(dialog.name, "Group 5. Global processes")
        qtbot.keyClicks(dialog.room, "Room 7")
        dialog.interpretation[0].setCurrentIndex(dialog.interpretation[0].findData("en"))
        dialog.interpretation[1].setCurrentIndex(dialog.interpretation[1].findData("zh"))
        dialog.capacity.setValue(12)
        dialog.questions.setPlainText("What should the review look like?\nWho follows up?")
        dialog.accept()
        return dialog.result()

    view.exec_dialog = add
    qtbot.keyClick(view, Qt.Key_G, Qt.ControlModifier | Qt.ShiftModifier)
    added = groups.list_groups(demo_ws, meeting_id)[-1]
    assert (added.name["en"], added.room, added.interpretation, added.capacity) == (
        "Group 5. Global processes",
        "Room 7",
        ("en", "zh"),
        12,
    )
    assert [q["en"] for q in added.guiding_questions] == [
        "What should the review look like?",
        "Who follows up?",
    ]

    def edit(dialog):
        dialog.room.setText("Room 8")
        dialog.accept()
        return dialog.result()

    view.exec_dialog = edit
    qtbot.waitUntil(lambda: added.id in view.cards)  # cards after the first rows come soon after
    qtbot.mouseClick(view.findChild(QPushButton, f"edit_{added.id}"), Qt.LeftButton)
    assert groups.get_group(demo_ws, added.id).room == "Room 8"
    view.context.undo_stack.undo()
    assert groups.get_group(demo_ws, added.id).room == "Room 7"
    view.context.undo_stack.undo()
    assert len(groups.list_groups(demo_ws, meeting_id)) == 4


def test_a_plan_that_cannot_be_made_says_why(qtbot, view, demo_ws):
    for g in groups.list_groups(demo_ws, view.meeting.id):
        groups.update_group(demo_ws, g.id, region=None)
    view.refresh()
    seen = {}

    def form(dialog):
        seen["text"] = dialog.explanation.text()
        seen["enabled"] = dialog.apply_button.isEnabled()
        dialog.set_mode("mixed")
        seen["mixed"] = dialog.apply_button.isEnabled()
        return QDialog.Rejected

    view.exec_dialog = form
    view.form_groups()
    assert seen == {
        "text": "no breakout group has a region; give each group its region, or form mixed groups",
        "enabled": False,
        "mixed": True,
    }
    assert view.context.undo_stack.count() == 0
