"""UI tests: settings go to a temporary folder, never to the user's real ones."""

import shutil

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QThreadPool
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from gcm_dialogue.store import open_workspace


@pytest.fixture(autouse=True)
def isolated_settings(qapp, tmp_path):
    QCoreApplication.setOrganizationName("GCM Dialogue Tests")
    QCoreApplication.setApplicationName("GCM Dialogue Tests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    yield
    QSettings().clear()


@pytest.fixture
def demo_copy(tmp_path, demo_path):
    """A copy of the demo workspace that a test may change."""
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    return path


@pytest.fixture
def demo_ws(demo_copy):
    ws = open_workspace(demo_copy)
    yield ws
    ws.close()


@pytest.fixture
def shown_window(qtbot):
    """Opens the main window on a workspace file, shown and active as a person sees it."""
    from ui.main_window import MainWindow

    windows = []

    def show(path):
        win = MainWindow(open_workspace(path))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
        windows.append(win)
        return win

    yield show
    assert QThreadPool.globalInstance().waitForDone(10000), "background work still running"
    QApplication.processEvents()
    for win in windows:
        if not win.ws.closed:
            win.ws.close()


@pytest.fixture
def shown_view(qtbot, demo_ws):
    """Shows one view alone on the demo meeting, with its own undo stack."""
    from gcm_dialogue import meetings
    from ui.context import AppContext
    from ui.undo import ChangeBus

    def show(view_class, width=1100, height=800):
        context = AppContext(demo_ws, QUndoStack(), ChangeBus())
        widget = view_class(context)
        qtbot.addWidget(widget)
        widget.resize(width, height)
        widget.show_meeting(meetings.resolve_meeting(demo_ws, None))
        widget.show()
        return widget

    return show
