"""The participants view driven as a person would: filter, sort, edit, import, merge, undo."""


import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QRadioButton

from gcm_dialogue import groups, meetings, participants
from ui.dialogs.duplicates_dialog import DuplicatesDialog
from ui.models.participants_model import ParticipantsModel
from ui.views.participants_view import ParticipantsView


@pytest.fixture
def view(shown_view):
    return shown_view(ParticipantsView, 1100, 600)

def _names(view):
    return [view.model.data(view.model.index(r, 0)) for r in range(view.model.rowCount())]


def test_model_passes_the_model_tester(qtmodeltester, demo_ws):
    model = ParticipantsModel(demo_ws)
    model.load(meetings.resolve_meeting(demo_ws, None).id)
    qtmodeltester.check(model)


def test_filter_as_you_type_and_sort(qtbot, view):
    assert view.model.rowCount() == 92
    qtbot.keyClicks(view.filter, "almaty")
    assert view.model.rowCount() == 4 and view.count.text() == "4 of 92"
    view.filter.clear()
    qtbot.keyClicks(view.filter, "kyrgyz")  # a country's name
    assert view.model.rowCount() == 2
    assert {view.model.person_at(r)["country"] for r in range(2)} == {"KG"}
    view.filter.clear()
    qtbot.keyClicks(view.filter, "zemaityte")  # no accents needed
    assert _names(view) == ["Ms Dana Žemaitytė"]
    view.filter.clear()
    qtbot.keyClicks(view.filter, "ana almaty")  # every word must match
    assert _names(view) == ["Ms Dana Žemaitytė"]
    view.filter.clear()
    qtbot.keyClicks(view.filter, "donor")  # a category
    assert view.model.rowCount() == 1
    view.filter.clear()
    view.table.horizontalHeader().sectionClicked.emit(0)
    view.model.sort(0, Qt.AscendingOrder)
    families = [view.model.person_at(r)["family_name"].casefold() for r in range(5)]
    assert families == sorted(families)


def test_multi_selection_edits_and_undo(qtbot, view, demo_ws):
    stack = view.context.undo_stack
    qtbot.keyClicks(view.filter, "almaty")
    view.table.setFocus()
    view.table.selectAll()
    ids = view.selected_ids()
    assert len(ids) == 4
    view.set_category("other")
    assert {participants.get_participant(demo_ws, i).category for i in ids} == {"other"}
    view.change_role("rapporteur")
    meeting_id = view.meeting.id
    assert all(
        "rapporteur" in participants.get_participant(demo_ws, i, meeting_id=meeting_id).roles
        for i in ids
    )
    africa = groups.list_groups(demo_ws, meeting_id)[0]
    view.move_to_group(africa.id)
    assert all(groups.group_of(demo_ws, meeting_id, i) == africa.id for i in ids)
    assert stack.count() == 3 and stack.undoText().startswith("Move 4 people to")
    for _ in range(3):
        stack.undo()
    assert {participants.get_participant(demo_ws, i).category for i in ids} == {"iscm"}
    assert all(groups.group_of(demo_ws, meeting_id, i) != africa.id for i in ids)


def test_delete_with_undo_by_keyboard(qtbot, view, demo_ws):
    qtbot.keyClicks(view.filter, "osmonaliev")  # finds Осмоналиев, transliterated
    view.table.setFocus()
    view.table.selectRow(0)
    pid = view.selected_ids()[0]
    qtbot.keyClick(view.table, Qt.Key_Delete)
    assert demo_ws.scalar("SELECT count(*) FROM participants WHERE id = ?", (pid,)) == 0
    assert view.model.rowCount() == 0
    view.context.undo_stack.undo()
    assert participants.get_participant(demo_ws, pid, meeting_id=view.meeting.id).roles == (
        "participant",
    )
    assert view.model.rowCount() == 1


def test_add_and_edit_through_the_form(qtbot, view, demo_ws, monkeypatch):
    def fill(dialog):
        dialog.given.clear()
        qtbot.keyClicks(dialog.given, "S")
        dialog.given.insert("ö")  # QTest types ASCII only; letters beyond come as input methods do
        qtbot.keyClicks(dialog.given, "nke")
        dialog.family.clear()
        qtbot.keyClicks(dialog.family, "Mui")
        dialog.family.insert("ño-Žák")
        qtbot.keyClicks(dialog.email, "sonke@example.org")
        dialog.roles["speaker"].setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(view, "exec_dialog", fill)
    view.add_person()
    found = [
        p
        for p in participants.list_participants(demo_ws, view.meeting.id)
        if p.family_name == "Muiño-Žák"
    ]
    assert len(found) == 1 and set(found[0].roles) == {"speaker", "participant"}
    assert view.selected_ids() == [found[0].id]
    monkeypatch.setattr(
        view, "exec_dialog", lambda d: (d.family.setText("Muiño"), d.accept(), d.result())[-1]
    )
    view.edit_current()
    assert participants.get_participant(demo_ws, found[0].id).family_name == "Muiño"
    view.context.undo_stack.undo()
    assert participants.get_participant(demo_ws, found[0].id).family_name == "Muiño-Žák"
    view.context.undo_stack.undo()
    assert demo_ws.scalar("SELECT count(*) FROM participants WHERE id = ?", (found[0].id,)) == 0


def test_form_refuses_a_nameless_person(qtbot, view, monkeypatch):
    seen = {}

    def fill(dialog):
        dialog.accept()
        seen["error"] = dialog.error.text()
        seen["result"] = dialog.result()
        return QDialog.Rejected

    monkeypatch.setattr(view, "exec_dialog", fill)
    view.add_person()
    assert seen == {"error": "Give a given name or a family name.", "result": 0}


def test_done_when_imports_merge_and_undo(qtbot, view, demo_ws, tmp_path, monkeypatch):
    """French CSV in Windows-1252 with semicolons, then an XLSX in three scripts, no character
    lost; the duplicates the import could not decide merged side by side; all undoable."""
    stack = view.context.undo_stack
    csv_path = tmp_path / "inscriptions.csv"
    csv_path.write_bytes(
        (
            "Civilité;Nom;Prénom;Organisation;Pays;Courriel\r\n"
            "M.;Gómez-Camacho;Juan José;RCM;Mexique;jj@example.org\r\n"
            "Mme;Pereyra-Bentancur;Lucia;SACM;Uruguay;\r\n"
            "M.;Zoubeïdi;Tarek;ARCP;Tunisie;t.zoubeidi@tn-gov.example.org\r\n"
            "M.;Valdés Albornoz;Ignacio José;Gobierno de Chile;Chili;\r\n"
            "M.;Solano-Campos;Rodrigo;Secrétariat de la CRM;Costa Rica;\r\n"
        ).encode("cp1252")
    )
    seen = {}

    def accept_import(dialog):
        seen["mapping"] = dialog.mapping()
        seen["summary"] = dialog.summary.text()
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
        return dialog.result()

    monkeypatch.setattr(view, "exec_dialog", accept_import)
    view.import_file(csv_path)
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert seen["mapping"]["Courriel"] == "email" and seen["mapping"]["Pays"] == "country"
    assert seen["summary"].startswith("3 to add, 2 to update")
    assert "possible duplicate" in view.import_message
    book = openpyxl.Workbook()
    for row in [
        ["Full name", "Organization", "Country"],
        ["محمد العلي", "GCC", "SA"],
        ["王丽", "UNESCAP", "CN"],
        ["Анна Сергеевна Петрова", "EEC", "KZ"],
    ]:
        book.active.append(row)
    xlsx = tmp_path / "names.xlsx"
    book.save(xlsx)
    view.import_file(xlsx)
    qtbot.waitUntil(lambda: stack.count() == 2)
    names = {p.full_name for p in participants.list_participants(demo_ws, view.meeting.id)}
    assert {
        "Juan José Gómez-Camacho",
        "Ignacio José Valdés Albornoz",
        "محمد العلي",
        "王丽",
        "Анна Сергеевна Петрова",
    } <= names
    assert stack.undoText() == "Import names.xlsx"

    def merge_all(dialog):
        seen["pairs"] = dialog.list.rowCount()
        while dialog.current_pair() is not None:
            qtbot.mouseClick(dialog.merge_button, Qt.LeftButton)
        return QDialog.Accepted

    monkeypatch.setattr(view, "exec_dialog", merge_all)
    before = len(participants.list_participants(demo_ws, view.meeting.id))
    view.find_duplicates()
    merged = before - len(participants.list_participants(demo_ws, view.meeting.id))
    assert merged == seen["pairs"] >= 1
    for family in ("Valdés Albornoz", "Solano"):
        same = [
            p
            for p in participants.list_participants(demo_ws, view.meeting.id)
            if family in p.family_name
        ]
        assert len(same) == 1 and same[0].email  # the demo_ws's record, with its email, kept
    while stack.canUndo():
        stack.undo()
    assert len(participants.list_participants(demo_ws, view.meeting.id)) == 92
    assert view.model.rowCount() == 92


def test_export_from_the_view(view, tmp_path):
    assert view.export_to(tmp_path / "list.csv") == 92
    text = (tmp_path / "list.csv").read_text(encoding="utf-8-sig")
    assert "Осмоналиев" in text


def test_duplicates_dialog_shows_the_first_pair_right_to_left(qapp, ws, meeting):
    participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Juan Jose", family_name="Gomez-Camacho"
    )
    participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Juan José", family_name="Gómez Camacho"
    )
    qapp.setLayoutDirection(Qt.RightToLeft)
    try:
        dialog = DuplicatesDialog(ws, meeting.id, lambda *args: True)
        assert dialog.current_pair() is not None
        shown = {dialog.findChild(QRadioButton, f"choice_family_name_{n}").text() for n in (1, 2)}
        assert shown == {"Gomez-Camacho", "Gómez Camacho"}
    finally:
        qapp.setLayoutDirection(Qt.LeftToRight)
