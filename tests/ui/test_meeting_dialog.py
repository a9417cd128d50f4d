"""Creating and editing a meeting through the Meeting menu, and undoing it."""

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gcm_dialogue import agenda, meetings


@pytest.fixture
def window(shown_window, tmp_path):
    return shown_window(tmp_path / "work.gcmd")

def _open(qtbot, window, action):
    action.trigger()
    dialog = window.meeting_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_create_a_meeting_with_every_field_then_undo(qtbot, window):
    assert window.new_meeting_action.shortcut().toString() == "Ctrl+Shift+N"
    dialog = _open(qtbot, window, window.new_meeting_action)
    qtbot.keyClicks(dialog.short_name, "GRCP 8")
    qtbot.keyClicks(dialog.titles["en"], "Eighth Global Meeting")
    qtbot.keyClicks(dialog.titles["fr"], "Huitieme reunion mondiale")
    qtbot.keyClicks(dialog.venues["en"], "Geneva")
    dialog.start.setDate(QDate(2018, 10, 9))
    dialog.end.setDate(QDate(2018, 10, 11))
    dialog.time_zone.setCurrentText("")
    qtbot.keyClicks(dialog.time_zone.lineEdit(), "Europe/Zurich")
    dialog.source.setCurrentIndex(dialog.source.findData("en"))
    qtbot.mouseClick(dialog.working["fr"], Qt.LeftButton)
    qtbot.mouseClick(dialog.working["ar"], Qt.LeftButton)
    qtbot.keyClick(dialog.chatham, Qt.Key_Space)
    qtbot.keyClicks(dialog.organiser, "IOM")
    dialog.day_start.setTime(dialog.day_start.time().addSecs(30 * 60))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert window.meeting_dialog is None

    [meeting] = meetings.list_meetings(window.ws)
    assert meeting.short_name == "GRCP 8" and meeting.chatham_house
    assert meeting.title == {"en": "Eighth Global Meeting", "fr": "Huitieme reunion mondiale"}
    assert (meeting.start_date, meeting.end_date) == ("2018-10-09", "2018-10-11")
    assert (meeting.time_zone, meeting.source_lang, meeting.organiser) == (
        "Europe/Zurich",
        "en",
        "IOM",
    )
    assert meeting.working_langs == ("ar", "en", "fr")
    days = agenda.list_days(window.ws, meeting.id)
    assert [d.start_time for d in days] == ["09:30"] * 3
    assert window.current_meeting_id() == meeting.id
    assert window.undo_stack.undoText() == "Create meeting 'GRCP 8'"
    window.undo_stack.undo()
    assert meetings.list_meetings(window.ws) == []
    assert window.meeting_switcher.count() == 0
    window.undo_stack.redo()
    assert window.meeting_switcher.count() == 1


@pytest.mark.parametrize(
    ("short_name", "title", "dates", "zone", "message"),
    [
        ("", "A title", None, "UTC", "short name"),
        ("M1", "", None, "UTC", "title in the source language"),
        ("M1", "A title", None, "Mars/Olympus", "unknown time zone"),
        ("M1", "A title", (QDate(2018, 1, 1), QDate(2018, 3, 1)), "UTC", "at most 31 days"),
    ],
)
def test_bad_meeting_input_is_explained(qtbot, window, short_name, title, dates, zone, message):
    dialog = _open(qtbot, window, window.new_meeting_action)
    dialog.short_name.setText(short_name)
    dialog.titles["en"].setText(title)
    dialog.time_zone.setCurrentText(zone)
    if dates:
        dialog.start.setDate(dates[0])
        dialog.end.setDate(dates[1])
    dialog.accept()
    assert window.meeting_dialog is dialog and message in dialog.error.text()
    assert meetings.list_meetings(window.ws) == []
    dialog.reject()


def test_edit_the_meeting_dates_and_undo(qtbot, window):
    meeting = meetings.create_meeting(
        window.ws,
        short_name="M1",
        title="Meeting",
        start_date="2018-01-10",
        end_date="2018-01-11",
    )
    window.reload()
    day1 = agenda.list_days(window.ws, meeting.id)[0]
    agenda.add_item(window.ws, day1.id, title="Opening")
    dialog = _open(qtbot, window, window.edit_meeting_action)
    assert dialog.short_name.text() == "M1" and dialog.titles["en"].text() == "Meeting"
    dialog.end.setDate(QDate(2018, 1, 12))
    dialog.short_name.setText("M-one")
    qtbot.keyClick(dialog.chatham, Qt.Key_Space)
    dialog.accept()
    edited = meetings.get_meeting(window.ws, meeting.id)
    assert (edited.short_name, edited.end_date, edited.chatham_house) == (
        "M-one",
        "2018-01-12",
        True,
    )
    assert len(agenda.list_days(window.ws, meeting.id)) == 3
    assert "M-one" in window.meeting_switcher.currentText()
    assert window.undo_stack.undoText() == "Edit meeting 'M1'"
    window.undo_stack.undo()
    restored = meetings.get_meeting(window.ws, meeting.id)
    assert (restored.short_name, restored.end_date, restored.chatham_house) == (
        "M1",
        "2018-01-11",
        False,
    )
    assert [d.id for d in agenda.list_days(window.ws, meeting.id)][0] == day1.id
    assert len(agenda.list_days(window.ws, meeting.id)) == 2
    assert [i.title["en"] for i in agenda.list_items(window.ws, meeting.id)] == ["Opening"]
    window.undo_stack.redo()
    assert meetings.get_meeting(window.ws, meeting.id).end_date == "2018-01-12"
