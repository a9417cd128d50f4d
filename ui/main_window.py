"""The main window: a meeting switcher, the views of the chosen meeting, menus and undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import __version__, i18n, meetings
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting
from gcm_dialogue.store import Workspace, open_workspace

from .context import AppContext
from .undo import ChangeBus
from .views import VIEWS
from .views.base import View

RECENT_KEY, RECENT_MAX = "workspace/recent", 8
WORKSPACE_FILTER = "GCM Dialogue workspace (*.gcmd *.sqlite *.db);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.undo_stack = QUndoStack(self)
        self.bus = ChangeBus(self)
        self.context = AppContext(ws, self.undo_stack, self.bus, self._status)
        self._meetings: dict[str, Meeting] = {}
        self._built: dict[str, View] = {}
        self._painted = False
        self._shown: Meeting | None = None
        self.meeting_dialog = None  # the meeting dialog, while it is open

        self.meeting_switcher = QComboBox()
        self.meeting_switcher.setObjectName("meetingSwitcher")
        self.meeting_switcher.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.meeting_switcher.setToolTip(_("The meeting shown in every view"))
        self.meeting_switcher.currentIndexChanged.connect(self._on_meeting_chosen)
        toolbar = QToolBar(_("Meeting"))
        toolbar.setObjectName("meetingToolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(QLabel(_("Meeting:") + " "))
        toolbar.addWidget(self.meeting_switcher)
        self.addToolBar(toolbar)

        self.header = QLabel()
        self.header.setObjectName("meetingHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.RichText)
        self.navigation = QListWidget()
        self.navigation.setObjectName("viewList")
        self.navigation.setIconSize(QSize(0, 0))
        self.stack = QStackedWidget()
        self.navigation.currentRowChanged.connect(self._go_to_row)

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        splitter = QSplitter()
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.navigation)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 920])
        self.splitter = splitter
        self.setCentralWidget(splitter)

        # The window hears of a meeting change first, so that the views are given the
        # meetings as they now are before they refresh themselves.
        self.bus.changed.connect(self._on_changed)
        self._build_views()
        self._build_menus()
        self.resize(1180, 760)
        self._restore_layout()
        self.reload()

    # ---- building -------------------------------------------------------------------------

    @property
    def ws(self) -> Workspace:
        return self.context.ws

    @property
    def agenda_view(self) -> View:
        return self.view("agenda")

    @property
    def views(self) -> list[View]:
        """The views built so far, in navigation order."""
        return [self._built[e.view_id] for e in VIEWS if e.view_id in self._built]

    def view(self, view_id: str) -> View:
        """The view, built now if it was not yet."""
        if view_id not in self._built:
            self._build_view(next(i for i, e in enumerate(VIEWS) if e.view_id == view_id))
        return self._built[view_id]

    def _build_views(self) -> None:
        # Each page starts empty; a view is built when first shown, or once the window has
        # painted (one per turn of the event loop, so the window stays responsive).
        for entry in VIEWS:
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(str(entry.title))
            item.setData(Qt.UserRole, entry.view_id)
            self.navigation.addItem(item)
        # wide enough for the longest title in the language shown, never cut
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.navigation.setMinimumWidth(
            self.navigation.sizeHintForColumn(0) + 2 * self.navigation.frameWidth() + 16
        )
        self.navigation.blockSignals(True)  # the first view too waits for the first paint
        self.navigation.setCurrentRow(0)
        self.navigation.blockSignals(False)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().event(event)

    def _after_first_paint(self) -> None:
        # What waited so the window could paint sooner: the meetings' dates (Babel's locale
        # data), then the views, one per turn of the event loop.
        if self.ws.closed:
            return
        self.reload()
        self._build_next_view()

    def _build_next_view(self) -> None:
        if self.ws.closed or not self.isVisible():
            return  # closed meanwhile; a view shown again is built when asked for
        current = self.navigation.currentRow()
        waiting = [i for i, e in enumerate(VIEWS) if e.view_id not in self._built]
        if waiting:
            self._build_view(current if current in waiting else waiting[0])
            QTimer.singleShot(0, self._build_next_view)

    def _build_view(self, index: int) -> None:
        entry = VIEWS[index]
        view = entry.load()(self.context)
        self._built[entry.view_id] = view
        placeholder = self.stack.widget(index)
        current = self.stack.currentIndex()
        self.stack.insertWidget(index, view)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        if hasattr(self, "meeting_menu"):
            self._add_meeting_actions(view)
        view.show_meeting(self._shown)

    def _add_meeting_actions(self, view: View) -> None:
        actions = getattr(view, "meeting_menu_actions", ())
        if actions:
            self.meeting_menu.addSeparator()
            self.meeting_menu.addActions(actions)

    def show_row(self, row: int) -> None:
        """Show the view at ``row`` of the navigation."""
        self.navigation.setCurrentRow(row)
        self._go_to_row(row)  # the row may already be current, its view not yet built

    def _go_to_row(self, row: int) -> None:
        if 0 <= row < len(VIEWS):
            self.view(VIEWS[row].view_id)
            self.stack.setCurrentIndex(row)

    def _action(self, text: str, slot: object, shortcut: object = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(
            self._action(_("&New Workspace…"), self.new_workspace, QKeySequence.New)
        )
        file_menu.addAction(
            self._action(_("&Open Workspace…"), self.choose_workspace, QKeySequence.Open)
        )
        self.recent_menu = file_menu.addMenu(_("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action(_("&Quit"), self.close, QKeySequence.Quit))

        edit_menu = bar.addMenu(_("&Edit"))
        undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.Undo))
        redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        # every key the platform lists: Ctrl+Y and Ctrl+Shift+Z both redo on Linux
        redo.setShortcuts(QKeySequence.keyBindings(QKeySequence.Redo))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo

        self.view_menu = bar.addMenu(_("&View"))
        for number, entry in enumerate(VIEWS, start=1):
            action = self._action(
                str(entry.title),
                lambda _checked=False, n=number - 1: self.show_row(n),
            )
            if number <= 10:
                action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))  # the tenth: Ctrl+0
            self.view_menu.addAction(action)

        self.meeting_menu = bar.addMenu(_("&Meeting"))
        self.new_meeting_action = self._action(
            _("&New Meeting…"), self.new_meeting, QKeySequence("Ctrl+Shift+N")
        )
        self.edit_meeting_action = self._action(
            _("&Edit Meeting…"), self.edit_meeting, QKeySequence("Ctrl+Shift+E")
        )
        self.meeting_menu.addAction(self.new_meeting_action)
        self.meeting_menu.addAction(self.edit_meeting_action)
        for view in self.views:  # views built later add theirs when built
            self._add_meeting_actions(view)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&About GCM Dialogue"), self.show_about))

    # ---- workspaces -----------------------------------------------------------------------

    def new_workspace(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New Workspace"), str(Path.home()), WORKSPACE_FILTER
        )
        if path:
            if not Path(path).suffix:
                path += ".gcmd"
            self.open_workspace_file(Path(path))

    def choose_workspace(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open Workspace"), str(Path.home()), WORKSPACE_FILTER
        )
        if path:
            self.open_workspace_file(Path(path))

    def open_workspace_file(self, path: Path) -> bool:
        """Switch to another workspace; on a bad file, say why and keep the current one."""
        try:
            ws = open_workspace(path)
        except KnownError as exc:
            QMessageBox.warning(self, _("Cannot open the workspace"), str(exc))
            return False
        old = self.context.ws
        QThreadPool.globalInstance().waitForDone()  # work still running on the old file
        self.context.ws = ws
        self.undo_stack.clear()
        old.close()
        remember_workspace(path)
        self.reload()
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in recent_workspaces():
            self.recent_menu.addAction(
                self._action(
                    entry, lambda _checked=False, p=entry: self.open_workspace_file(Path(p))
                )
            )
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    # ---- meetings -------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read the meetings and show the one chosen before, or the first."""
        chosen = self.current_meeting_id()
        self._meetings = {m.id: m for m in meetings.list_meetings(self.ws)}
        self.meeting_switcher.blockSignals(True)
        self.meeting_switcher.clear()
        for meeting in self._meetings.values():
            label = meeting.short_name
            if self._painted:
                when = i18n.format_date_range(meeting.start_date, meeting.end_date)
                label = f"{label} ({when})"
            self.meeting_switcher.addItem(label, meeting.id)
        ids = list(self._meetings)
        if ids:
            self.meeting_switcher.setCurrentIndex(ids.index(chosen) if chosen in ids else 0)
        self.meeting_switcher.blockSignals(False)
        self._show(self._meetings.get(self.current_meeting_id() or ""))
        self.edit_meeting_action.setEnabled(bool(self._meetings))
        name = self.ws.path.name if self.ws.path else ""
        count = len(self._meetings)
        self._status(
            i18n.ngettext("{count} meeting in {file}", "{count} meetings in {file}", count).format(
                count=count, file=name
            )
        )

    def new_meeting(self) -> None:
        """Open the meeting dialog; the meeting created becomes the current one."""

        def submit(values: dict) -> object:
            text = _("Create meeting '{name}'").format(name=values["short_name"])
            meeting = self.context.edit(
                text, "meetings", [], lambda: meetings.create_meeting(self.ws, **values)
            )
            self._status(text)
            self.select_meeting(meeting.id)  # type: ignore[attr-defined]
            return meeting

        from .dialogs.meeting_dialog import MeetingDialog  # loaded when first needed

        self._open_meeting_dialog(MeetingDialog(submit, parent=self))

    def edit_meeting(self) -> None:
        meeting = self.current_meeting()
        if meeting is None:
            self.new_meeting()
            return

        from .dialogs.meeting_dialog import MeetingDialog
        from .widgets.meeting_commands import MeetingEditCommand

        def submit(values: dict) -> object:
            text = _("Edit meeting '{name}'").format(name=meeting.short_name)
            command = MeetingEditCommand(
                self.ws,
                text,
                meeting.id,
                lambda: meetings.update_meeting(self.ws, meeting.id, **values),
                self.bus,
            )
            result = command.perform()
            self.undo_stack.push(command)
            self._status(text)
            return result

        self._open_meeting_dialog(MeetingDialog(submit, meeting=meeting, parent=self))

    def _open_meeting_dialog(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.meeting_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "meeting_dialog", None))
        dialog.open()
        dialog.activateWindow()

    def select_meeting(self, meeting_id: str) -> None:
        if meeting_id not in self._meetings:
            self.reload()
        index = self.meeting_switcher.findData(meeting_id)
        if index >= 0:
            self.meeting_switcher.setCurrentIndex(index)

    def current_meeting_id(self) -> str | None:
        return self.meeting_switcher.currentData()

    def current_meeting(self) -> Meeting | None:
        return self._meetings.get(self.current_meeting_id() or "")

    def _on_meeting_chosen(self, _index: int) -> None:
        self._show(self.current_meeting())

    def _on_changed(self, table: str, _ids: tuple) -> None:
        if table == "meetings":
            self.reload()

    def _show(self, meeting: Meeting | None) -> None:
        if meeting is None:
            self.header.setText(_("This workspace holds no meeting yet."))
            self.setWindowTitle(_("GCM Dialogue"))
        else:
            lang = i18n.current_language()
            title = meeting.title.get_text(lang, meeting.source_lang)
            venue = meeting.venue.get_text(lang, meeting.source_lang)
            place = _escape(venue)
            if self._painted:
                when = i18n.format_date_range(meeting.start_date, meeting.end_date)
                place = f"{_escape(when)} · {place}"
            self.header.setText(f"<h3>{_escape(title)}</h3><p>{place}</p>")
            self.setWindowTitle(meeting.short_name + " – " + _("GCM Dialogue"))
        self._shown = meeting
        for view in self.views:
            view.show_meeting(meeting)

    # ---- the rest -------------------------------------------------------------------------

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About GCM Dialogue"),
            _("GCM Dialogue {version}\n\nConsultation meetings on migration, offline.").format(
                version=__version__
            ),
        )

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        if self.ws.path is not None:
            remember_workspace(self.ws.path)
        super().closeEvent(event)


def recent_workspaces() -> list[str]:
    values = QSettings().value(RECENT_KEY, [], type=list) or []
    return [v for v in values if Path(v).exists()]


def remember_workspace(path: Path) -> None:
    settings = QSettings()
    entry = str(Path(path).resolve())
    recent = [entry] + [v for v in recent_workspaces() if v != entry]
    settings.setValue(RECENT_KEY, recent[:RECENT_MAX])
    settings.setValue("workspace/last", entry)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
