"""The notes view driven by keyboard: capture, tags, kinds, Chatham House, review, search."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack

from gcm_dialogue import groups, meetings, notes, participants
from ui.context import AppContext
from ui.undo import ChangeBus
from ui.views.notes_view import NotesView
from ui.widgets.notes_model import NotesModel


@pytest.fixture
def africa(ws, meeting):
    return groups.create_group(ws, meeting.id, name="Group 1. Africa", region="africa")


@pytest.fixture
def view(qtbot, ws, meeting, africa):
    context = AppContext(ws, QUndoStack(), ChangeBus())
    widget = NotesView(context)
    qtbot.addWidget(widget)
    widget.show_meeting(meeting)
    widget.show()
    widget.activateWindow()
    qtbot.waitActive(widget)
    return widget


def choose_place(qtbot, view, typed):
    qtbot.keyClick(view, Qt.Key_W, Qt.AltModifier)
    view.place.lineEdit().selectAll()
    assert view.place.lineEdit().hasFocus()
    qtbot.keyClicks(view.place.lineEdit(), typed)
    qtbot.keyClick(view.place.lineEdit(), Qt.Key_Return)


def test_ten_tagged_points_without_the_mouse(qtbot, ws, meeting, africa, view):
    choose_place(qtbot, view, "africa")
    assert view.place.currentData() == f"|{africa.id}"
    assert view.text.hasFocus()  # Enter on the place goes on to the text
    for n in range(10):
        qtbot.keyClicks(view.text, f"Point number {n} on free movement")
        if n % 2:
            qtbot.keyClick(view, Qt.Key_R, Qt.AltModifier)  # recommendation
        qtbot.keyClick(view.text, Qt.Key_Tab)
        qtbot.keyClicks(view.tags, "c2 (q) 10.7")
        qtbot.keyClick(view.tags, Qt.Key_Return)
        assert view.text.hasFocus() or not view.isActiveWindow()
    kept = notes.list_notes(ws, meeting.id)
    assert [n.text for n in kept] == [f"Point number {n} on free movement" for n in range(10)]
    assert all(n.tags == ("cluster:2", "element:q", "sdg:10.7") for n in kept)
    assert all(n.group_id == africa.id and n.lang == "en" for n in kept)
    assert [n.kind for n in kept[:2]] == ["point", "recommendation"]
    assert view.context.undo_stack.count() == 10
    assert view.model.rowCount() == 10


def test_enter_on_the_text_keeps_shift_enter_breaks_the_line(qtbot, ws, meeting, view):
    qtbot.keyClicks(view.text, "First line")
    qtbot.keyClick(view.text, Qt.Key_Return, Qt.ShiftModifier)
    qtbot.keyClicks(view.text, "second line")
    qtbot.keyClick(view.text, Qt.Key_Return)
    assert [n.text for n in notes.list_notes(ws, meeting.id)] == ["First line\nsecond line"]
    assert view.text.toPlainText() == ""


def test_typing_is_saved_before_enter_and_enter_is_one_undoable_action(qtbot, ws, meeting, view):
    qtbot.keyClicks(view.text, "Saved while typing")
    qtbot.waitUntil(lambda: len(notes.list_notes(ws, meeting.id)) == 1, timeout=3000)
    assert notes.list_notes(ws, meeting.id)[0].text == "Saved while typing"
    assert view.context.undo_stack.count() == 0
    qtbot.keyClicks(view.text, ", and kept")
    qtbot.keyClick(view.text, Qt.Key_Return)
    kept = notes.list_notes(ws, meeting.id)
    assert [n.text for n in kept] == ["Saved while typing, and kept"]
    assert view.context.undo_stack.undoText() == "Add note 'Saved while typing, and kept'"
    view.context.undo_stack.undo()
    assert notes.list_notes(ws, meeting.id) == []
    view.context.undo_stack.redo()
    assert [n.text for n in notes.list_notes(ws, meeting.id)] == ["Saved while typing, and kept"]


def test_a_bad_tag_is_refused_with_a_message(qtbot, ws, meeting, view):
    qtbot.keyClicks(view.text, "Tagged badly")
    qtbot.keyClick(view.text, Qt.Key_Tab)
    qtbot.keyClicks(view.tags, "c9")
    qtbot.keyClick(view.tags, Qt.Key_Return)
    assert "unknown tag" in view.error.text()
    assert view.text.toPlainText() == "Tagged badly"
    assert view.context.undo_stack.count() == 0


def test_kind_shortcuts(qtbot, view):
    for key, kind in [
        (Qt.Key_K, "key_message"),
        (Qt.Key_G, "good_practice"),
        (Qt.Key_C, "common_principle"),
        (Qt.Key_Q, "question"),
        (Qt.Key_U, "quote"),
        (Qt.Key_P, "point"),
    ]:
        qtbot.keyClick(view.text, key, Qt.AltModifier)
        assert view.kind.currentData() == kind


def test_chatham_house_hides_and_switches_off_attribution(qtbot, ws, meeting, view):
    person = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Diallo"
    )
    view.refresh()
    assert view.attribution.isVisible() and not view.chatham.isVisible()
    view.attribution.setFocus()  # the people are read when the box is first used
    view.attribution.setCurrentIndex(view.attribution.findData(f"participant:{person.id}"))
    qtbot.keyClicks(view.text, "Said by Ana")
    qtbot.keyClick(view.text, Qt.Key_Return)
    assert notes.list_notes(ws, meeting.id)[0].attribution_participant_id == person.id

    view.context.edit(
        "Chatham House",
        "meetings",
        [meeting.id],
        lambda: meetings.update_meeting(ws, meeting.id, chatham_house=True),
    )
    view.show_meeting(meetings.get_meeting(ws, meeting.id))
    assert not view.attribution.isVisible() and view.chatham.isVisible()
    qtbot.keyClicks(view.text, "Said by someone")
    qtbot.keyClick(view.text, Qt.Key_Return)
    last = notes.list_notes(ws, meeting.id)[-1]
    assert last.text == "Said by someone" and last.attribution_participant_id is None


def test_review_filters_and_history(qtbot, ws, meeting, view):
    for text in ("Alpha", "Beta"):
        qtbot.keyClicks(view.text, text)
        qtbot.keyClick(view.text, Qt.Key_Return)
    view.author.setText("Secretariat")
    view.table.setFocus()
    view.select_note(notes.list_notes(ws, meeting.id)[0].id)
    qtbot.keyClick(view.table, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    alpha = notes.list_notes(ws, meeting.id)[0]
    assert (alpha.status, alpha.status_by) == ("reviewed", "Secretariat")
    # filter by status: the keyboard moves the combo to "Draft"
    view.f_status.setFocus()
    qtbot.keyClick(view.f_status, Qt.Key_Down)
    assert view.f_status.currentData() == "draft"
    assert [view.model.note_at(r).text for r in range(view.model.rowCount())] == ["Beta"]
    qtbot.keyClick(view.f_status, Qt.Key_Up)
    assert view.model.rowCount() == 2

    # edit the text in the dialog (F2), then see the history
    def fill_and_accept():
        dialog = view.note_dialog
        dialog.text.setPlainText("Alpha, corrected")
        dialog.accept()

    view.select_note(alpha.id)
    view.table.setFocus()
    QTimer.singleShot(0, fill_and_accept)
    qtbot.keyClick(view.table, Qt.Key_F2)
    assert notes.get_note(ws, alpha.id).text == "Alpha, corrected"
    history = notes.note_history(ws, alpha.id)
    assert [(h.field, h.changed_by) for h in history] == [
        ("status", "Secretariat"),
        ("text", "Secretariat"),
    ]

    from ui.dialogs.note_dialog import NoteDialog

    dialog = NoteDialog(ws, alpha.id, meeting.working_langs)
    qtbot.addWidget(dialog)
    assert dialog.history.topLevelItemCount() == 2
    assert dialog.history.topLevelItem(1).text(4) == "Alpha, corrected"


def test_search_and_jump(qtbot, ws, meeting, view):
    for text in ("Les droits humains de tous", "Los derechos humanos", "Other"):
        notes.add_note(ws, meeting.id, text, lang="fr")
    view.refresh()
    view.f_text.setText("Other")
    assert view.model.rowCount() == 1
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.keyClicks(view.search.query, "DROITS HUMAINS")
    qtbot.waitUntil(lambda: view.search.results.count() == 1, timeout=3000)
    assert "<b" in view.search.results.itemWidget(view.search.results.item(0)).text()
    qtbot.keyClick(view.search.query, Qt.Key_Return)
    assert view.f_text.text() == ""  # the filters were cleared to show the note
    selected = view.selected_ids()
    assert [notes.get_note(ws, i).text for i in selected] == ["Les droits humains de tous"]


def test_model(qtmodeltester, ws, meeting):
    for n in range(5):
        notes.add_note(
            ws,
            meeting.id,
            f"Note {n}",
            lang="en",
            tags=["cluster:1"],
            captured_at=f"2017-10-10T10:0{n}:00Z",
        )
    model = NotesModel(ws)
    model.set_ids(notes.note_ids(ws, meeting.id))
    qtmodeltester.check(model)
    assert model.data(model.index(2, 3)) == "Note 2"
    assert model.data(model.index(2, 4)) == "c1"


def test_tag_completion_by_keyboard(qtbot, ws, meeting, view):
    qtbot.keyClicks(view.text, "Recruitment costs borne by workers")
    qtbot.keyClick(view.text, Qt.Key_Tab)
    qtbot.keyClicks(view.tags, "c2 (q) 10.")
    popup = view.tags.completer_.popup()
    assert popup.isVisible()
    shown = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert shown[0].startswith("10.7  Facilitate")  # each tag with what it means
    assert not popup.currentIndex().isValid()  # nothing chosen yet
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Down)
    assert view.tags.text() == "c2 (q) 10."  # moving in the list leaves the line alone
    qtbot.keyClick(popup, Qt.Key_Return)  # Enter on a completion completes, keeps nothing
    assert view.tags.text() == "c2 (q) 10.7.1 " and not popup.isVisible()
    assert view.context.undo_stack.count() == 0
    qtbot.keyClicks(view.tags, "reg")
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert view.tags.text() == "c2 (q) 10.7.1 regional "
    qtbot.keyClick(view.tags, Qt.Key_Return)  # Enter with nothing chosen keeps the note
    [kept] = notes.list_notes(ws, meeting.id)
    assert kept.tags == ("cluster:2", "element:q", "level:regional", "sdg:10.7.1")
    assert view.tags.text() == "" and not popup.isVisible()


def test_a_completion_replaces_the_tag_under_the_cursor(qtbot, view):
    view.tags.setText("c2 (x) 10.7")
    view.tags.setFocus()
    view.tags.setCursorPosition(4)  # after "c2 ("
    qtbot.keyClicks(view.tags, "a")
    popup = view.tags.completer_.popup()
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert view.tags.text() == "c2 (a) 10.7"


def test_the_place_is_the_running_item_or_the_group_last_written_in(qtbot, ws, meeting, africa):
    from gcm_dialogue import agenda

    day1 = agenda.list_days(ws, meeting.id)[0]
    breakout = agenda.add_item(ws, day1.id, title="Session 2 in breakout groups", duration_min=90)
    groups.update_group(ws, africa.id, agenda_item_id=breakout.id)
    agenda.record_actual(ws, breakout.id, start=True)  # running now, started live

    def open_view() -> NotesView:
        widget = NotesView(AppContext(ws, QUndoStack(), ChangeBus()))
        qtbot.addWidget(widget)
        widget.show_meeting(meeting)
        return widget

    first = open_view()
    assert first.place.currentData() == f"{breakout.id}|"
    first.place.setCurrentIndex(first.place.findData(f"{breakout.id}|{africa.id}"))
    qtbot.keyClicks(first.text, "In the Africa room")
    qtbot.keyClick(first.text, Qt.Key_Return)
    # the application restarts during the breakout: the rapporteur is back in the group
    assert open_view().place.currentData() == f"{breakout.id}|{africa.id}"
    agenda.record_actual(ws, breakout.id, start=False)
    other = agenda.add_item(ws, day1.id, title="Plenary", duration_min=60)
    agenda.record_actual(ws, other.id, start=True)
    assert open_view().place.currentData() == f"{other.id}|"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("REINTEGRATION", "Réintégration durable des migrants de retour"),
        ("بيانات", "ينبغي جمع بَيَانَات مصنفة عن الهجرة"),
        ("数据", "加强移民数据的收集和分析"),
    ],
)
def test_search_panel_in_any_script(qtbot, ws, meeting, view, query, found):
    for text, lang in (
        ("Réintégration durable des migrants de retour", "fr"),
        ("ينبغي جمع بَيَانَات مصنفة عن الهجرة", "ar"),
        ("加强移民数据的收集和分析", "zh"),
    ):
        notes.add_note(ws, meeting.id, text, lang=lang)
    view.refresh()
    view.focus_search()
    view.search.query.setText(query)  # as an input method commits it
    qtbot.keyClick(view.search.query, Qt.Key_Return)
    assert [h.text for h in view.search.hits] == [found]
    label = view.search.results.itemWidget(view.search.results.item(0)).text()
    assert "<b" in label  # the match is highlighted
    assert view.selected_ids() == [view.search.hits[0].note_id]
