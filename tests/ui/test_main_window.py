from pathlib import Path

from PySide6.QtCore import Qt

from gcm_dialogue import i18n
from gcm_dialogue.store import open_workspace
from ui.main_window import MainWindow, recent_workspaces


def _window(qtbot, path):
    window = MainWindow(open_workspace(path, create=False))
    qtbot.addWidget(window)
    return window


def test_window_shows_the_demo_meeting_and_its_agenda(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    window.show()
    assert window.meeting_switcher.count() == 1
    assert "GRCP 7" in window.windowTitle()
    tree = window.agenda_view.tree
    assert tree.topLevelItemCount() == 2
    day1 = tree.topLevelItem(0)
    assert "10 October 2017" in day1.text(0)
    assert day1.child(0).text(0).startswith("09:00")
    titles = [day1.child(i).text(1) for i in range(day1.childCount())]
    assert any("Lunch" in t for t in titles)
    window.ws.close()


def test_views_are_reached_by_keyboard(qtbot, demo_path):
    window = _window(qtbot, demo_path)
    window.show()
    first = window.view_menu.actions()[0]
    assert first.shortcut().toString() == "Ctrl+1"
    first.trigger()
    assert window.stack.currentWidget() is window.agenda_view
    window.ws.close()


def test_window_in_french_and_mirrored_for_arabic(qtbot, demo_path, qapp):
    try:
        with i18n.force_locale("fr"):
            window = _window(qtbot, demo_path)
            assert window.agenda_view.tree.headerItem().text(0) == i18n._("Time") != "Time"
            assert "octobre" in window.agenda_view.tree.topLevelItem(0).text(0)
            window.ws.close()
        with i18n.force_locale("ar"):
            qapp.setLayoutDirection(Qt.RightToLeft)
            window = _window(qtbot, demo_path)
            assert window.layoutDirection() == Qt.RightToLeft
            assert "أكتوبر" in window.agenda_view.tree.topLevelItem(0).text(0)
            window.ws.close()
    finally:
        qapp.setLayoutDirection(Qt.LeftToRight)


def test_empty_workspace_says_so(qtbot, tmp_path):
    window = MainWindow(open_workspace(tmp_path / "empty.gcmd"))
    qtbot.addWidget(window)
    assert window.meeting_switcher.count() == 0
    assert window.agenda_view.tree.topLevelItemCount() == 0
    assert window.header.text() == i18n._("This workspace holds no meeting yet.")
    window.ws.close()


def test_switching_workspace_keeps_the_current_one_on_a_bad_file(
    qtbot, tmp_path, demo_path, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: shown.append(args[2]))
    window = MainWindow(open_workspace(tmp_path / "empty.gcmd"))
    qtbot.addWidget(window)
    bad = tmp_path / "bad.gcmd"
    bad.write_text("hello")
    assert window.open_workspace_file(bad) is False
    assert shown and "not an SQLite database" in shown[0]
    assert window.ws.path == tmp_path / "empty.gcmd"
    assert window.open_workspace_file(demo_path) is True
    assert window.meeting_switcher.count() == 1
    assert str(Path(demo_path).resolve()) in recent_workspaces()
    window.ws.close()
