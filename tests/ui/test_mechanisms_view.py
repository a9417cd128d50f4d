"""The mechanisms view driven by keyboard on a new workspace: filter, add, edit, delete, undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from gcm_dialogue import i18n, mechanisms, meetings, participants
from gcm_dialogue.store import open_workspace
from ui.context import AppContext
from ui.dialogs.mechanism_dialog import MechanismDialog
from ui.undo import ChangeBus
from ui.views import VIEWS
from ui.views.mechanisms_view import MechanismsModel, MechanismsView

REFERENCE = len(mechanisms.load_reference_mechanisms())


@pytest.fixture
def new_ws(tmp_path):
    ws = open_workspace(tmp_path / "new.gcmd")
    yield ws
    ws.close()


@pytest.fixture
def view(qtbot, new_ws):
    meeting = meetings.create_meeting(
        new_ws,
        short_name="M1",
        title={"en": "First meeting"},
        start_date="2026-03-10",
        end_date="2026-03-10",
        venue="Rabat",
        time_zone="Africa/Casablanca",
        working_langs=["en", "fr"],
    )
    widget = MechanismsView(AppContext(new_ws, QUndoStack(), ChangeBus()))
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show_meeting(meeting)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    return dialog.result()


def test_registered_last_and_reached_by_ctrl_0():
    ids = [entry.view_id for entry in VIEWS]
    assert ids[-1] == "mechanisms"  # reference data: after the views of a meeting's cycle
    assert VIEWS[-1].load() is MechanismsView


def test_model_passes_the_model_tester(qtmodeltester, new_ws):
    model = MechanismsModel(new_ws)
    model.load()
    qtmodeltester.check(model)


def test_a_new_workspace_lists_the_reference_mechanisms_filtered_as_one_types(qtbot, view):
    assert view.model.rowCount() == REFERENCE
    assert view.count.text() == f"{REFERENCE} mechanisms"
    qtbot.keyClicks(view.filter, "rabat")
    assert [m.acronym for m in view.model.rows] == ["Rabat Process"]
    assert view.count.text() == f"1 of {REFERENCE}"
    row = [view.model.data(view.model.index(0, c)) for c in range(5)]
    assert row[2] == "Inter-regional forum"
    assert row[3] == "Africa; Asia, Pacific and the Middle East; Europe"
    assert row[4] == "0"
    view.filter.clear()
    qtbot.keyClicks(view.filter, "commission africa")  # every word must match
    assert [m.acronym for m in view.model.rows] == ["UNECA"]


def test_add_edit_delete_by_keyboard_and_undo(qtbot, view, new_ws, monkeypatch):
    stack = view.context.undo_stack

    def add(dialog):
        assert set(dialog.names) == {"en", "fr"}  # the meeting's working languages
        qtbot.keyClicks(dialog.acronym, "MMTF")
        qtbot.keyClicks(dialog.names["en"], "Mixed Migration Task Force")
        qtbot.keyClicks(dialog.names["fr"], "Groupe de travail sur les migrations mixtes")
        assert dialog.filled.text() == "Name given in: English; French"
        dialog.kind.setCurrentIndex(dialog.kind.findData("irf"))
        dialog.regions["africa"].setFocus()
        qtbot.keyClick(dialog.regions["africa"], Qt.Key_Space)
        qtbot.keyClick(dialog.regions["europe"], Qt.Key_Space)
        return _ok(qtbot, dialog)

    monkeypatch.setattr(view, "exec_dialog", add)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key_Insert)
    added = mechanisms.find_mechanism(new_ws, "MMTF")
    assert added is not None and added.kind == "irf"
    assert added.regions == ("africa", "europe")
    assert added.name["fr"] == "Groupe de travail sur les migrations mixtes"
    assert view.current_id() == added.id
    assert view.model.rowCount() == REFERENCE + 1

    def edit(dialog):
        assert dialog.acronym.text() == "MMTF"
        dialog.names["en"].clear()
        qtbot.keyClicks(dialog.names["en"], "Mixed Migration Centre")
        qtbot.keyClick(dialog.regions["europe"], Qt.Key_Space)  # untick
        return _ok(qtbot, dialog)

    monkeypatch.setattr(view, "exec_dialog", edit)
    qtbot.keyClick(view.table, Qt.Key_F2)
    edited = mechanisms.get_mechanism(new_ws, added.id)
    assert edited.name["en"] == "Mixed Migration Centre" and edited.regions == ("africa",)

    monkeypatch.setattr(view, "exec_dialog", lambda dialog: QDialog.Rejected)
    qtbot.keyClick(view.table, Qt.Key_Return)  # opens the form; cancelled, nothing changes
    assert stack.count() == 2

    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert mechanisms.find_mechanism(new_ws, "MMTF") is None
    assert view.model.rowCount() == REFERENCE
    assert stack.undoText() == "Delete mechanism MMTF"

    stack.undo()
    assert mechanisms.get_mechanism(new_ws, added.id).name["en"] == "Mixed Migration Centre"
    assert view.model.row_of(added.id) >= 0
    stack.undo()
    back = mechanisms.get_mechanism(new_ws, added.id)
    assert back.name["en"] == "Mixed Migration Task Force"
    assert back.regions == ("africa", "europe")
    stack.undo()
    assert mechanisms.find_mechanism(new_ws, "MMTF") is None
    stack.redo()
    assert mechanisms.find_mechanism(new_ws, "MMTF").regions == ("africa", "europe")


@pytest.mark.parametrize(
    ("acronym", "name", "message"),
    [
        ("", "A name", "Give the mechanism an acronym."),
        ("rcm", "A name", "There is already a mechanism with the acronym rcm."),
        ("NEW", "", "Give the mechanism a name in at least one language."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    qtbot, view, new_ws, monkeypatch, acronym, name, message
):
    seen = {}

    def fill(dialog):
        qtbot.keyClicks(dialog.acronym, acronym)
        qtbot.keyClicks(dialog.names["en"], name)
        seen["result"] = _ok(qtbot, dialog)
        seen["error"] = dialog.error.text()
        return QDialog.Rejected

    monkeypatch.setattr(view, "exec_dialog", fill)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key_Insert)
    assert seen == {"result": 0, "error": message}
    assert len(mechanisms.list_mechanisms(new_ws)) == REFERENCE
    assert view.context.undo_stack.count() == 0


def test_deleting_a_mechanism_with_participants_asks_first(qtbot, view, new_ws, monkeypatch):
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    person = participants.create_participant(
        new_ws, meeting_id=view.meeting.id, given_name="Awa", mechanism_id=rabat.id
    )
    view.refresh()
    assert view.model.text(rabat, "participants") == "1"
    qtbot.keyClicks(view.filter, "rabat")
    view.table.setFocus()
    view.select_id(rabat.id)
    asked = []
    monkeypatch.setattr(view, "confirm", lambda title, text: asked.append(text) or False)
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert "1 participant is linked to Rabat Process" in asked[0]
    assert mechanisms.find_mechanism(new_ws, "Rabat Process") is not None  # said no
    monkeypatch.setattr(view, "confirm", lambda title, text: True)
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert mechanisms.find_mechanism(new_ws, "Rabat Process") is None
    assert participants.get_participant(new_ws, person.id).organisation == "Rabat Process"
    view.context.undo_stack.undo()
    assert participants.get_participant(new_ws, person.id).mechanism_id == rabat.id
    assert participants.get_participant(new_ws, person.id).organisation == ""


def test_a_name_missing_in_the_interface_language_is_shown_marked(new_ws):
    mechanisms.create_mechanism(new_ws, "LOCAL", {"en": "Local forum"}, "other")
    model = MechanismsModel(new_ws)
    with i18n.force_locale("fr"):
        model.load()
    local = model.rows[model.row_of(mechanisms.find_mechanism(new_ws, "LOCAL").id)]
    assert model.text(local, "name") == "Local forum (EN)"
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    assert model.text(rabat, "name") == rabat.name["fr"]


def test_the_dialog_shows_every_language_a_name_is_in(qapp, new_ws):
    rabat = mechanisms.find_mechanism(new_ws, "Rabat Process")
    dialog = MechanismDialog([], ["en"], lambda acronym: False, rabat)
    assert list(dialog.names) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert dialog.values()["name"] == dict(rabat.name)


def test_an_inter_regional_forum_with_no_region_is_refused_in_the_form(
    qtbot, view, new_ws, monkeypatch
):
    seen = {}

    def add(dialog):
        qtbot.keyClicks(dialog.acronym, "NOREG")
        qtbot.keyClicks(dialog.names["en"], "A forum of no region")
        dialog.kind.setCurrentIndex(dialog.kind.findData("irf"))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
        seen["refused"] = dialog.error.text()
        assert mechanisms.find_mechanism(new_ws, "NOREG") is None
        qtbot.keyClick(dialog.regions["africa"], Qt.Key_Space)
        qtbot.keyClick(dialog.regions["europe"], Qt.Key_Space)
        return _ok(qtbot, dialog)

    monkeypatch.setattr(view, "exec_dialog", add)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key_Insert)
    assert "tick the regions it covers" in seen["refused"]
    added = mechanisms.find_mechanism(new_ws, "NOREG")
    assert added is not None and added.regions == ("africa", "europe")
