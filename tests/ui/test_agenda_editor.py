"""The agenda editor, driven by keyboard and mouse as a person would, checked in the store."""


import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTime
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gcm_dialogue import agenda, agenda_changes
from ui.views.agenda_view import CHECK, TIME, TITLE


@pytest.fixture
def window(shown_window, demo_copy):
    return shown_window(demo_copy)

@pytest.fixture
def view(window):
    view = window.agenda_view
    view.tree.setFocus()
    return view


def _dialog(qtbot, view):
    """The dialog the view opened, once it is the active window (as a person sees it)."""
    dialog = view.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _item(view, title):
    return next(
        i for i in agenda.list_items(view.ws, view.meeting.id) if i.title["en"].startswith(title)
    )


def _rows(view, day=0):
    heading = view.tree.topLevelItem(day)
    return [heading.child(n) for n in range(heading.childCount())]


def _row(view, title, day=0):
    return next(r for r in _rows(view, day) if r.text(TITLE).startswith(title))


def test_a_late_start_by_keyboard_moves_later_items_and_lunch_stays(qtbot, window, view):
    view.select_item(_item(view, "Registration").id)
    for _ in range(4):
        qtbot.keyClick(view.tree, Qt.Key_Plus)
    assert _item(view, "Registration").duration_min == 80
    assert _row(view, "Opening").text(TIME).startswith("10:20")
    assert _row(view, "Lunch").text(TIME).startswith("13:00")
    assert "20 minutes overlap" in _row(view, "Lunch").text(CHECK)
    assert "09:00 – 20:00" in view.tree.topLevelItem(0).text(0)
    assert window.undo_stack.undoText() == "Change duration of 'Registration' to 80 minutes"
    for _ in range(4):
        qtbot.keyClick(view.tree, Qt.Key_Z, Qt.ControlModifier)
    assert _item(view, "Registration").duration_min == 60
    assert _row(view, "Opening").text(TIME).startswith("10:00")
    assert _row(view, "Lunch").text(CHECK) == ""
    QTest.keySequence(view.tree, window.redo_action.shortcut())
    assert _item(view, "Registration").duration_min == 65


def test_edit_dialog_changes_duration_and_is_undone(qtbot, window, view):
    view.select_item(_item(view, "Registration").id)
    qtbot.keyClick(view.tree, Qt.Key_Return)
    dialog = _dialog(qtbot, view)
    assert dialog is not None and dialog.title.text() == "Registration"
    dialog.duration.selectAll()
    qtbot.keyClicks(dialog.duration, "80")
    qtbot.keyClick(dialog.duration, Qt.Key_Return)
    assert view.dialog is None
    assert _item(view, "Registration").duration_min == 80
    assert window.undo_stack.undoText() == "Change duration of 'Registration' to 80 minutes"
    window.undo_stack.undo()
    assert _item(view, "Registration").duration_min == 60


def test_add_an_item_with_every_field(qtbot, window, view):
    view.select_item(_item(view, "Group photo").id)
    qtbot.keyClick(view.tree, Qt.Key_Insert)
    dialog = _dialog(qtbot, view)
    qtbot.keyClicks(dialog.title, "Side event on labour mobility")
    dialog.kind.setCurrentIndex(dialog.kind.findData("side_event"))
    qtbot.mouseClick(dialog.fixed, Qt.LeftButton)
    dialog.fixed_start.setTime(QTime(17, 45))
    dialog.duration.setValue(45)
    qtbot.keyClicks(dialog.room, "Room 19")
    moderator = _item(view, "Session 1. Global").moderator_id
    name = dialog.moderator.itemText(dialog.moderator.findData(moderator))
    assert name.isascii()  # QTest types ASCII only
    qtbot.keyClicks(dialog.moderator.lineEdit(), name)
    speaker_picker = dialog.speakers.picker
    qtbot.keyClicks(speaker_picker.lineEdit(), name)
    qtbot.keyClick(speaker_picker.lineEdit(), Qt.Key_Return)
    qtbot.mouseClick(dialog.languages["en"], Qt.LeftButton)
    qtbot.mouseClick(dialog.languages["ar"], Qt.LeftButton)
    dialog.limit.setValue(180)
    qtbot.keyClicks(dialog.objectives, "Share practices")
    qtbot.keyClicks(dialog.questions, "What works?")
    qtbot.keyClick(dialog.questions, Qt.Key_Return)
    qtbot.keyClicks(dialog.questions, "What does not?")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert view.dialog is None
    item = _item(view, "Side event")
    assert item.kind == "side_event" and item.time_mode == "fixed" and item.fixed_start == "17:45"
    assert (item.duration_min, item.room, item.statement_limit_sec) == (45, "Room 19", 180)
    assert item.moderator_id == moderator and item.speaker_ids == (moderator,)
    assert item.interpretation == ("ar", "en")
    assert item.objectives == {"en": "Share practices"}
    assert [q["en"] for q in item.guiding_questions] == ["What works?", "What does not?"]
    titles = [r.text(TITLE) for r in _rows(view)]
    assert titles.index("Side event on labour mobility") == titles.index("Group photo") + 1
    assert "30 minutes overlap" in _row(view, "Reception").text(CHECK)
    assert window.undo_stack.undoText() == "Add 'Side event on labour mobility'"
    window.undo_stack.undo()
    assert not any(
        i.title["en"].startswith("Side") for i in agenda.list_items(view.ws, view.meeting.id)
    )


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("title", "", "Give the item a title in English"),
        ("moderator", "Nobody Atall", "No participant of this meeting"),
    ],
)
def test_bad_input_keeps_the_dialog_open_with_the_reason(qtbot, view, field, text, message):
    view.select_item(_item(view, "Registration").id)
    qtbot.keyClick(view.tree, Qt.Key_F2)
    dialog = _dialog(qtbot, view)
    if field == "title":
        dialog.title.clear()
    else:
        qtbot.keyClicks(dialog.moderator.lineEdit(), text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert view.dialog is dialog and dialog.error.isVisible()
    assert message in dialog.error.text()
    assert _item(view, "Registration").title["en"] == "Registration"
    dialog.reject()


def test_duplicate_delete_move_by_keyboard_with_readable_undo(qtbot, window, view):
    stack = window.undo_stack
    photo = _item(view, "Group photo")
    view.select_item(photo.id)
    qtbot.keyClick(view.tree, Qt.Key_D, Qt.ControlModifier)
    assert stack.undoText() == "Duplicate 'Group photo'"
    assert [r.text(TITLE) for r in _rows(view)].count("Group photo") == 2
    qtbot.keyClick(view.tree, Qt.Key_Delete)
    assert stack.undoText() == "Delete 'Group photo'"
    assert [r.text(TITLE) for r in _rows(view)].count("Group photo") == 1
    view.select_item(photo.id)
    qtbot.keyClick(view.tree, Qt.Key_Up, Qt.ControlModifier)
    assert stack.undoText() == "Move 'Group photo' to position 8"
    assert agenda.get_item(view.ws, photo.id).position == 7
    qtbot.keyClick(view.tree, Qt.Key_Down, Qt.ControlModifier | Qt.ShiftModifier)
    assert stack.undoText() == "Move 'Group photo' to day 2"
    moved = agenda.get_item(view.ws, photo.id)
    assert moved.day_id == agenda.list_days(view.ws, view.meeting.id)[1].id
    assert moved.position == 0
    assert _rows(view, 1)[0].text(TIME).startswith("10:00")
    for _ in range(4):
        stack.undo()
    restored = agenda.get_item(view.ws, photo.id)
    assert (restored.day_id, restored.position) == (photo.day_id, photo.position)
    assert [r.text(TITLE) for r in _rows(view)].count("Group photo") == 1
    while stack.canRedo():
        stack.redo()
    assert agenda.get_item(view.ws, photo.id).position == 0


def test_drag_an_item_to_another_day(qtbot, window, view):
    photo = _item(view, "Group photo")
    view.select_item(photo.id)
    target = _rows(view, 1)[1]  # the second item of day 2
    rect = view.tree.visualItemRect(target)
    point = QPoint(rect.center().x(), rect.top() + 2)  # upper edge: drop above it
    mime = view.tree.model().mimeData([view.tree.currentIndex()])
    event = QDropEvent(
        QPointF(point), Qt.MoveAction, mime or QMimeData(), Qt.LeftButton, Qt.NoModifier
    )
    view.tree.setDropIndicatorShown(True)
    # Qt sets the drop indicator while dragging: move over the target, then drop.
    move = QDragMoveEvent(point, Qt.MoveAction, mime, Qt.LeftButton, Qt.NoModifier)
    view.tree.dragMoveEvent(move)
    view.tree.dropEvent(event)
    moved = agenda.get_item(view.ws, photo.id)
    assert moved.day_id == agenda.list_days(view.ws, view.meeting.id)[1].id
    assert moved.position == 1
    assert window.undo_stack.undoText() == "Move 'Group photo' to day 2"
    window.undo_stack.undo()
    assert agenda.get_item(view.ws, photo.id).day_id == photo.day_id


def test_day_start_by_keyboard(qtbot, window, view):
    view.select_item(_item(view, "Registration").id)
    qtbot.keyClick(view.tree, Qt.Key_T, Qt.ControlModifier)
    dialog = _dialog(qtbot, view)
    dialog.time.setTime(QTime(9, 20))
    dialog.accept()
    assert agenda.list_days(view.ws, view.meeting.id)[0].start_time == "09:20"
    assert _row(view, "Opening").text(TIME).startswith("10:20")
    assert _row(view, "Lunch").text(TIME).startswith("13:00")
    assert window.undo_stack.undoText() == "Start day 1 at 09:20"
    window.undo_stack.undo()
    assert agenda.list_days(view.ws, view.meeting.id)[0].start_time == "09:00"


def test_publish_change_list_reason_and_undo(qtbot, window, view):
    ws, meeting_id = view.ws, view.meeting.id
    qtbot.keyClick(view.tree, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
    assert agenda_changes.published_version(ws, meeting_id) == 1
    assert window.undo_stack.undoText() == "Publish the agenda as version 1"
    assert "Published: version 1" in view.summary.text()
    view.select_item(_item(view, "Registration").id)
    qtbot.keyClick(view.tree, Qt.Key_Return)
    dialog = _dialog(qtbot, view)
    dialog.duration.setValue(80)
    qtbot.keyClicks(dialog.reason, "Late start")
    dialog.accept()
    changes = agenda_changes.changes_since(ws, meeting_id, 1)
    assert [(c.action, c.reason) for c in changes] == [("changed", "Late start")]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(view.tree, Qt.Key_H, Qt.ControlModifier | Qt.ShiftModifier)
    listing = _dialog(qtbot, view)
    assert listing.tree.topLevelItemCount() == 1
    assert "duration: 1 hour → 1 hour 20 minutes" in listing.tree.topLevelItem(0).text(2)
    listing.reason.clear()
    qtbot.keyClicks(listing.reason, "Late start of the opening")
    qtbot.keyClick(listing.reason, Qt.Key_Return)
    assert agenda_changes.changes_since(ws, meeting_id, 1)[0].reason == "Late start of the opening"
    assert "Late start of the opening" in listing.as_text()
    window.undo_stack.undo()  # the reason
    window.undo_stack.undo()  # the change: its record goes with it
    assert agenda_changes.changes_since(ws, meeting_id, 1) == []
    assert listing.tree.topLevelItemCount() == 0
    window.undo_stack.redo()
    assert len(agenda_changes.changes_since(ws, meeting_id, 1)) == 1
    listing.reject()


def test_undo_and_redo_keep_what_hangs_on_an_item(qtbot, window, view):
    ws = view.ws
    item_id = ws.scalar(
        "SELECT agenda_item_id FROM notes WHERE agenda_item_id IS NOT NULL "
        "GROUP BY agenda_item_id ORDER BY count(*) DESC LIMIT 1"
    )
    linked = ws.scalar("SELECT count(*) FROM notes WHERE agenda_item_id = ?", (item_id,))
    assert linked
    view.select_item(item_id)
    qtbot.keyClick(view.tree, Qt.Key_Plus)
    qtbot.keyClick(view.tree, Qt.Key_Down, Qt.ControlModifier)
    qtbot.keyClick(view.tree, Qt.Key_Delete)
    assert ws.scalar("SELECT count(*) FROM notes WHERE agenda_item_id = ?", (item_id,)) == 0
    for _ in range(3):
        window.undo_stack.undo()
        assert ws.scalar("SELECT count(*) FROM notes WHERE agenda_item_id = ?", (item_id,)) == (
            linked
        )
    for _ in range(2):
        window.undo_stack.redo()
        assert ws.scalar("SELECT count(*) FROM notes WHERE agenda_item_id = ?", (item_id,)) == (
            linked
        )
