from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool

from gcm_dialogue import i18n
from gcm_dialogue.store import open_workspace
from ui.main_window import MainWindow, recent_workspaces
from ui.views import VIEWS
from ui.views.agenda_view import TITLE


def _close(window):
    """Close the workspace once the views' background work (a check, a search) is done."""
    assert QThreadPool.globalInstance().waitForDone(10000), "background work still running"
    QCoreApplication.processEvents()
    window.ws.close()


def _window(qtbot, path):
    window = MainWindow(open_workspace(path, create=False))
    qtbot.addWidget(window)
    return window


def test_window_shows_the_demo_meeting_and_its_agenda(qtbot, demo_copy):
    window = _window(qtbot, demo_copy)
    window.show()
    assert window.meeting_switcher.count() == 1
    assert "GRCP 7" in window.windowTitle()
    tree = window.agenda_view.tree
    assert tree.topLevelItemCount() == 2
    day1 = tree.topLevelItem(0)
    assert "10 October 2017" in day1.text(0)
    assert day1.child(0).text(0).startswith("09:00")
    titles = [day1.child(i).text(TITLE) for i in range(day1.childCount())]
    assert any("Lunch" in t for t in titles)
    _close(window)


def test_views_are_reached_by_keyboard(qtbot, demo_copy):
    window = _window(qtbot, demo_copy)
    window.show()
    first = window.view_menu.actions()[0]
    assert first.shortcut().toString() == "Ctrl+1"
    first.trigger()
    assert window.stack.currentWidget() is window.agenda_view
    _close(window)


def test_window_in_french_and_mirrored_for_arabic(qtbot, demo_copy, qapp):
    try:
        with i18n.force_locale("fr"):
            window = _window(qtbot, demo_copy)
            assert window.agenda_view.tree.headerItem().text(0) == i18n._("Time") != "Time"
            assert "octobre" in window.agenda_view.tree.topLevelItem(0).text(0)
            _close(window)
        with i18n.force_locale("ar"):
            qapp.setLayoutDirection(Qt.RightToLeft)
            window = _window(qtbot, demo_copy)
            assert window.layoutDirection() == Qt.RightToLeft
            assert "أكتوبر" in window.agenda_view.tree.topLevelItem(0).text(0)
            _close(window)
    finally:
        qapp.setLayoutDirection(Qt.LeftToRight)


def test_empty_workspace_says_so(qtbot, tmp_path):
    window = MainWindow(open_workspace(tmp_path / "empty.gcmd"))
    qtbot.addWidget(window)
    assert window.meeting_switcher.count() == 0
    assert window.agenda_view.tree.topLevelItemCount() == 0
    assert window.header.text() == i18n._("This workspace holds no meeting yet.")
    _close(window)


def test_switching_workspace_keeps_the_current_one_on_a_bad_file(
    qtbot, tmp_path, demo_copy, monkeypatch
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
    assert window.open_workspace_file(demo_copy) is True
    assert window.meeting_switcher.count() == 1
    assert str(Path(demo_copy).resolve()) in recent_workspaces()
    _close(window)


def test_meeting_menu_and_live_view_by_keyboard(qtbot, demo_copy):
    window = _window(qtbot, demo_copy)
    window.show()
    # the views are built once the window has painted, and add their commands then
    qtbot.waitUntil(lambda: len(window.views) == len(VIEWS))
    assert "GRCP 7 (10–11 October 2017)" == window.meeting_switcher.currentText()
    texts = [a.text().replace("&", "") for a in window.meeting_menu.actions() if a.text()]
    assert texts[:2] == ["New Meeting…", "Edit Meeting…"]
    assert {"Publish Agenda", "Changes Since…", "Second Screen"} <= set(texts)
    second = window.view_menu.actions()[1]
    assert second.shortcut().toString() == "Ctrl+2"
    assert window.view_menu.actions()[9].shortcut().toString() == "Ctrl+0"
    redo_keys = {key.toString() for key in window.redo_action.shortcuts()}
    assert {"Ctrl+Y", "Ctrl+Shift+Z"} <= redo_keys  # whichever the user's hand knows
    second.trigger()
    assert window.stack.currentWidget() is window.view("live")
    _close(window)


def test_an_edit_is_on_disk_at_once_without_saving(qtbot, demo_path, tmp_path):
    import shutil
    import sqlite3

    path = tmp_path / "copy.gcmd"
    shutil.copy(demo_path, path)
    window = _window(qtbot, path)
    view = window.agenda_view
    first = view.tree.topLevelItem(0).child(0)
    view.tree.setCurrentItem(first)
    view.change_duration(5)
    other = sqlite3.connect(path)  # as if the app had been killed: read the file directly
    durations = [r[0] for r in other.execute("SELECT duration_min FROM agenda_items")]
    other.close()
    assert 65 in durations
    _close(window)


def test_qt_own_buttons_speak_the_language_of_the_app(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator

    from ui.app import install_qt_translations

    before = set(qapp.findChildren(QTranslator))
    install_qt_translations(qapp, "fr")
    added = set(qapp.findChildren(QTranslator)) - before
    try:
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        for translator in added:
            qapp.removeTranslator(translator)
            translator.deleteLater()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
