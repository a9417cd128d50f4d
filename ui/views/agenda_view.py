"""The agenda editor: days and items as a timetable, edited by keyboard or by dragging.

Start times are computed (``agenda.schedule``): each flowing item starts when the one before
ends, fixed items keep their time, and a gap or an overlap before a fixed item is shown on
its row. Each day's heading gives its computed end and total. Every edit is one undoable
command (``AgendaCommand``) and is saved at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QDropEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import agenda, agenda_changes, i18n, participants
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _

from ..context import AppContext
from ..dialogs.agenda_item_dialog import AgendaItemDialog
from ..widgets.agenda_commands import AgendaCommand, push_agenda_edit
from .base import View

ITEM_ID_ROLE = Qt.UserRole + 1
DAY_ID_ROLE = Qt.UserRole + 2
TIME, DURATION, TITLE, KIND, ROOM, MODERATOR, CHECK = range(7)
STEP_MIN = 5
GAP_COLOUR, OVERLAP_COLOUR, FIXED_COLOUR = "#fff3cd", "#f8d7da", "#1f5c99"


class AgendaTree(QTreeWidget):
    """The timetable; a drop moves the item through the core instead of moving tree rows."""

    dropped = Signal(str, str, int)  # item id, day id, position

    # Dropped on an item's upper half or onto it: before it; on its lower edge: after it.

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        source = self.currentItem()
        item_id = source.data(0, ITEM_ID_ROLE) if source else None
        target = self.itemAt(event.position().toPoint())
        event.setDropAction(Qt.IgnoreAction)
        event.accept()
        if not item_id or target is None:
            return
        where = self.dropIndicatorPosition()
        day_id = target.data(0, DAY_ID_ROLE)
        if target.data(0, ITEM_ID_ROLE) is None:  # a day heading: to the end of that day
            position = target.childCount()
            if where == QAbstractItemView.AboveItem:
                previous = self.itemAbove(target)
                if previous is not None and previous.parent() is not None:
                    target = previous.parent()
                    day_id, position = target.data(0, DAY_ID_ROLE), target.childCount()
        else:
            parent = target.parent()
            position = parent.indexOfChild(target)
            if where == QAbstractItemView.BelowItem:
                position += 1
            same_day = source.parent() is parent
            if same_day and parent.indexOfChild(source) < position:
                position -= 1
        self.dropped.emit(item_id, day_id, position)


class DayStartDialog(QDialog):
    def __init__(self, start: str, published: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayStartDialog")
        self.setWindowTitle(_("Start of the day"))
        self.time = QTimeEdit()
        self.time.setObjectName("dayStart")
        self.time.setDisplayFormat("HH:mm")
        hours, minutes = start.split(":")
        self.time.setTime(QTime(int(hours), int(minutes)))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        form = QFormLayout(self)
        form.addRow(_("The first item &starts at:"), self.time)
        if published:
            form.addRow(_("Reason for the &change:"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AgendaView(View):
    """The agenda editor of the chosen meeting."""

    view_id = "agenda"
    tables = ("agenda_items", "agenda_days", "agenda_versions", "participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: QDialog | None = None
        self._schedule: list[agenda.DaySchedule] = []
        self._structure: tuple | None = None
        self.tree = AgendaTree(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setColumnCount(7)
        self.tree.setHeaderLabels(
            [
                _("Time"),
                _("Duration"),
                _("Item"),
                _("Kind"),
                _("Room"),
                _("Moderator"),
                _("Gap or overlap"),
            ]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SingleSelection)
        self.tree.setDragDropMode(QAbstractItemView.InternalMove)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.itemDoubleClicked.connect(lambda *_args: self.edit_item())
        self.tree.currentItemChanged.connect(lambda *_args: self._update_actions())
        self.tree.dropped.connect(self.move_to)
        header = self.tree.header()
        # Columns are sized once after each fill (resizing to contents on every change is
        # slow for 400 rows); the day headings span the row, so the time column is sized
        # for the times alone.
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.Stretch)
        header.setStretchLastSection(False)

        self.toolbar = QToolBar(_("Agenda"))
        self.toolbar.setObjectName("agendaToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.add_action("add", _("&Add Item…"), self.add_item, "Insert", toolbar=self.toolbar)
        self.add_action("edit", _("&Edit…"), self.edit_item, "Return", "F2", toolbar=self.toolbar)
        self.add_action(
            "duplicate", _("D&uplicate"), self.duplicate_item, "Ctrl+D", toolbar=self.toolbar
        )
        self.add_action(
            "delete", _("&Delete"), self.delete_item, QKeySequence.Delete, toolbar=self.toolbar
        )
        self.toolbar.addSeparator()
        self.add_action(
            "up", _("Move &Up"), lambda: self.move_by(-1), "Ctrl+Up", toolbar=self.toolbar
        )
        self.add_action(
            "down", _("Move Do&wn"), lambda: self.move_by(1), "Ctrl+Down", toolbar=self.toolbar
        )
        self.add_action(
            "previous_day",
            _("To &Previous Day"),
            lambda: self.move_day(-1),
            "Ctrl+Shift+Up",
            toolbar=self.toolbar,
        )
        self.add_action(
            "next_day",
            _("To &Next Day"),
            lambda: self.move_day(1),
            "Ctrl+Shift+Down",
            toolbar=self.toolbar,
        )
        self.toolbar.addSeparator()
        self.add_action(
            "longer",
            _("&Longer"),
            lambda: self.change_duration(STEP_MIN),
            "Ctrl+=",
            "+",
            toolbar=self.toolbar,
        )
        self.add_action(
            "shorter",
            _("&Shorter"),
            lambda: self.change_duration(-STEP_MIN),
            "Ctrl+-",
            "-",
            toolbar=self.toolbar,
        )
        self.add_action(
            "day_start", _("Day &Start…"), self.edit_day_start, "Ctrl+T", toolbar=self.toolbar
        )
        self.toolbar.addSeparator()
        self.add_action(
            "publish", _("&Publish Agenda"), self.publish, "Ctrl+Shift+P", toolbar=self.toolbar
        )
        self.add_action(
            "changes", _("&Changes Since…"), self.show_changes, "Ctrl+Shift+H", toolbar=self.toolbar
        )
        self.meeting_menu_actions = [self.actions_by_name[n] for n in ("publish", "changes")]

        self.summary = QLabel()
        self.summary.setObjectName("agendaSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.summary)
        self._update_actions()

    # ---- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.current_item_id()
        current_day = self.current_day_id()
        self.tree.setUpdatesEnabled(False)
        try:
            self._fill(current, current_day)
        finally:
            self.tree.setUpdatesEnabled(True)

    def _fill(self, current: str | None, current_day: str | None) -> None:
        meeting = self.meeting
        self._schedule = []
        if meeting is None:
            self.tree.clear()
            self._structure = None
            self.summary.clear()
            self._update_actions()
            return
        lang, source = i18n.current_language(), meeting.source_lang
        self._schedule = agenda.schedule(self.ws, meeting.id)
        moderators = {s.item.moderator_id for d in self._schedule for s in d.slots}
        names = participants.full_names(self.ws, moderators - {None})
        bold = QFont(self.tree.font())
        bold.setBold(True)
        fixed_brush = QBrush(QColor(FIXED_COLOUR))
        kinds = {code: str(name) for code, name in agenda.KINDS.items()}
        clocks: dict[int, str] = {}
        durations: dict[int, str] = {}

        def clock(minutes: int) -> str:
            if minutes not in clocks:
                clocks[minutes] = self._clock(minutes)
            return clocks[minutes]

        def duration(minutes: int) -> str:
            if minutes not in durations:
                durations[minutes] = i18n.format_duration_minutes(minutes)
            return durations[minutes]

        plain = QBrush()
        normal = QFont(self.tree.font())
        overlap_brush, gap_brush = QBrush(QColor(OVERLAP_COLOUR)), QBrush(QColor(GAP_COLOUR))
        fixed_tip = _("Fixed time: stays when earlier items change")
        times: set[str] = set()

        def style(row: QTreeWidgetItem, slot: agenda.Slot, fresh: bool) -> None:
            item = slot.item
            time_text = f"{clock(slot.start)} – {clock(slot.end)}"
            times.add(time_text)
            title = item.title.get_text(lang, source)
            for column, text in (
                (TIME, time_text),
                (DURATION, duration(item.duration_min)),
                (TITLE, title),
                (KIND, kinds[item.kind]),
                (ROOM, item.room),
                (MODERATOR, names.get(item.moderator_id or "", "")),
            ):
                row.setText(column, text)
            row.setToolTip(TITLE, title)
            if not fresh:  # a row reused from the previous fill: clear its marks
                row.setText(CHECK, "")
                row.setToolTip(CHECK, "")
                row.setToolTip(TIME, "")
                row.setForeground(TIME, plain)
                row.setFont(TIME, normal)
                for column in range(7):
                    row.setBackground(column, plain)
            if item.time_mode == "fixed":
                row.setForeground(TIME, fixed_brush)
                row.setFont(TIME, bold)
                row.setToolTip(TIME, fixed_tip)
            if slot.overlap_before:
                row.setText(
                    CHECK,
                    _("⚠ {duration} overlap").format(duration=duration(slot.overlap_before)),
                )
                row.setToolTip(CHECK, _("The items before run into this fixed item"))
                for column in range(7):
                    row.setBackground(column, overlap_brush)
            elif slot.gap_before:
                row.setText(
                    CHECK, _("{duration} gap before").format(duration=duration(slot.gap_before))
                )
                row.setToolTip(CHECK, _("Nothing is planned before this fixed item"))
                row.setBackground(CHECK, gap_brush)
                row.setBackground(TIME, gap_brush)

        def heading_text(number: int, day: agenda.DaySchedule) -> str:
            return _("Day {number} · {date} · {start} – {end} · {total}").format(
                number=i18n.format_number(number),
                date=i18n.format_date(day.day.date, format="full"),
                start=self._clock(day.start),
                end=self._clock(day.end),
                total=i18n.format_duration_minutes(day.total_minutes),
            )

        structure = tuple(
            (day.day.id, tuple(slot.item.id for slot in day.slots)) for day in self._schedule
        )
        select = None
        if structure == self._structure and self.tree.topLevelItemCount() == len(structure):
            # The same items in the same places (a duration, a time, a field changed):
            # update the rows in place, which is much cheaper than building them again.
            for number, day in enumerate(self._schedule, start=1):
                heading = self.tree.topLevelItem(number - 1)
                heading.setText(0, heading_text(number, day))
                for n, slot in enumerate(day.slots):
                    row = heading.child(n)
                    style(row, slot, fresh=False)
                    if slot.item.id == current:
                        select = row
            headings = [self.tree.topLevelItem(n) for n in range(len(structure))]
        else:
            self.tree.clear()
            headings = []
            for number, day in enumerate(self._schedule, start=1):
                heading = QTreeWidgetItem()
                heading.setData(0, DAY_ID_ROLE, day.day.id)
                heading.setText(0, heading_text(number, day))
                heading.setFont(0, bold)
                heading.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDropEnabled)
                rows = []
                for slot in day.slots:
                    row = QTreeWidgetItem()
                    row.setData(0, ITEM_ID_ROLE, slot.item.id)
                    row.setData(0, DAY_ID_ROLE, day.day.id)
                    style(row, slot, fresh=True)
                    if slot.item.id == current:
                        select = row
                    rows.append(row)
                heading.addChildren(rows)
                headings.append(heading)
            self.tree.addTopLevelItems(headings)
            for heading in headings:
                heading.setFirstColumnSpanned(True)  # only takes effect once in the tree
                heading.setExpanded(True)
            self._structure = structure
        for column in (DURATION, KIND, ROOM, MODERATOR, CHECK):
            self.tree.resizeColumnToContents(column)
        metrics = self.tree.fontMetrics()
        widest = max(
            (metrics.horizontalAdvance(text) for text in times),
            default=metrics.horizontalAdvance("00:00 – 00:00"),
        )
        self.tree.setColumnWidth(TIME, widest + 3 * self.tree.indentation())
        if select is None and current is None and current_day is not None:
            select = next((h for h in headings if h.data(0, DAY_ID_ROLE) == current_day), None)
        if select is None and headings:
            select = headings[0].child(0) or headings[0]
        if select is not None and select is not self.tree.currentItem():
            self.tree.setCurrentItem(select)
        self._show_summary()
        self._update_actions()

    def _show_summary(self) -> None:
        meeting = self.meeting
        assert meeting is not None
        versions = agenda_changes.list_versions(self.ws, meeting.id)
        count = sum(len(day.slots) for day in self._schedule)
        text = i18n.ngettext("{count} item", "{count} items", count).format(
            count=i18n.format_number(count)
        )
        if versions:
            latest = versions[-1]
            changes = agenda_changes.count_changes(self.ws, meeting.id, 1)
            text += " · " + _("Published: version {number}").format(
                number=i18n.format_number(latest.number)
            )
            text += " · " + i18n.ngettext(
                "{count} change since version 1", "{count} changes since version 1", changes
            ).format(count=i18n.format_number(changes))
        else:
            text += " · " + _("Not published yet (Ctrl+Shift+P publishes it as version 1)")
        self.summary.setText(text)

    @staticmethod
    def _clock(total_minutes: int) -> str:
        return i18n.format_time(agenda.clock(total_minutes % (24 * 60)))

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table in self.tables or table == "meetings":
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True  # refreshed when shown again
        elif table == "agenda_changes" and self.meeting is not None:
            self._show_summary()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()
        super().showEvent(event)

    # ---- what is chosen -------------------------------------------------------------------

    def current_item_id(self) -> str | None:
        row = self.tree.currentItem()
        return row.data(0, ITEM_ID_ROLE) if row is not None else None

    def current_day_id(self) -> str | None:
        row = self.tree.currentItem()
        return row.data(0, DAY_ID_ROLE) if row is not None else None

    def select_item(self, item_id: str) -> None:
        for d in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(d)
            for n in range(heading.childCount()):
                if heading.child(n).data(0, ITEM_ID_ROLE) == item_id:
                    self.tree.setCurrentItem(heading.child(n))
                    return

    def _slot(self, item_id: str | None) -> tuple[int, agenda.Slot] | None:
        for number, day in enumerate(self._schedule):
            for slot in day.slots:
                if slot.item.id == item_id:
                    return number, slot
        return None

    def _title(self, item: agenda.AgendaItem) -> str:
        assert self.meeting is not None
        return item.title.get_text(i18n.current_language(), self.meeting.source_lang)

    def _update_actions(self) -> None:
        has_meeting = self.meeting is not None and bool(self._schedule)
        has_item = self.current_item_id() is not None
        for name in ("edit", "duplicate", "delete", "up", "down", "longer", "shorter"):
            self.action(name).setEnabled(has_item)
        found = self._slot(self.current_item_id())
        days = len(self._schedule)
        self.action("previous_day").setEnabled(bool(found and found[0] > 0))
        self.action("next_day").setEnabled(bool(found and found[0] < days - 1))
        for name in ("add", "day_start", "publish", "changes"):
            self.action(name).setEnabled(has_meeting)

    def _published(self) -> bool:
        return bool(self.meeting and agenda_changes.published_version(self.ws, self.meeting.id))

    # ---- editing --------------------------------------------------------------------------

    def _edit(
        self,
        text: str,
        scope: list[str],
        action: Callable[[], object],
        *,
        explain: bool = True,
        full: bool = False,
    ) -> object:
        """One undoable agenda edit; a refused one changes nothing and is explained (in a
        message box, or by the dialog that asked for it when ``explain`` is False)."""
        assert self.meeting is not None
        try:
            result = push_agenda_edit(
                self.context.undo_stack,
                AgendaCommand(
                    self.ws, text, self.meeting.id, scope, action, self.context.bus, full=full
                ),
            )
        except KnownError as exc:
            if not explain:
                raise
            QMessageBox.warning(self, _("Agenda"), str(exc))
            return None
        self.context.show_status(text)
        return result

    def add_item(self) -> None:
        if self.meeting is None or not self._schedule:
            return
        day_id = self.current_day_id() or self._schedule[0].day.id
        found = self._slot(self.current_item_id())
        position = found[1].item.position + 1 if found else None

        def submit(values: dict) -> object:
            title = values["title"].get_text(self.meeting.source_lang)
            result = self._edit(
                _("Add '{title}'").format(title=title),
                [],
                lambda: agenda.add_item(self.ws, day_id, position=position, **values),
                explain=False,
            )
            self.select_item(result.id)
            return result

        self._open_dialog(None, submit)

    def edit_item(self) -> None:
        item_id = self.current_item_id()
        if self.meeting is None or item_id is None:
            return
        item = agenda.get_item(self.ws, item_id)

        def submit(values: dict) -> object:
            speaker_ids = values.pop("speaker_ids")
            changed = {
                k: v
                for k, v in values.items()
                if k == "reason" or getattr(item, k) != (tuple(v) if isinstance(v, list) else v)
            }
            if tuple(speaker_ids) != item.speaker_ids:
                changed["speaker_ids"] = speaker_ids
            if set(changed) <= {"reason"}:
                return item
            return self._apply_update(item, changed, explain=False)

        self._open_dialog(item, submit)

    def _apply_update(
        self, item: agenda.AgendaItem, changed: dict, *, explain: bool = True
    ) -> object:
        title = self._title(item)
        fields = set(changed) - {"reason"}
        if fields == {"duration_min"}:
            text = _("Change duration of '{title}' to {minutes} minutes").format(
                title=title, minutes=i18n.format_number(changed["duration_min"])
            )
        elif fields == {"title"}:
            text = _("Rename '{title}'").format(title=title)
        else:
            text = _("Edit '{title}'").format(title=title)
        result = self._edit(
            text, [item.id], lambda: agenda.update_item(self.ws, item.id, **changed)
        )
        if result is None:
            raise KnownError(_("The change was not saved."))
        return result

    def _open_dialog(self, item: agenda.AgendaItem | None, submit: Callable) -> None:
        assert self.meeting is not None
        dialog = AgendaItemDialog(
            self.meeting,
            agenda.people(self.ws, self.meeting.id),
            submit,
            item=item,
            published=self._published(),
            parent=self,
        )
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
        dialog.activateWindow()

    def duplicate_item(self) -> None:
        item_id = self.current_item_id()
        found = self._slot(item_id)
        if found is None:
            return
        item = found[1].item
        result = self._edit(
            _("Duplicate '{title}'").format(title=self._title(item)),
            [],
            lambda: agenda.duplicate_item(self.ws, item.id),
        )
        if result is not None:
            self.select_item(result.id)

    def delete_item(self) -> None:
        found = self._slot(self.current_item_id())
        if found is None:
            return
        item = found[1].item
        self._edit(
            _("Delete '{title}'").format(title=self._title(item)),
            [item.id],
            lambda: agenda.delete_item(self.ws, item.id),
            full=True,
        )

    def move_to(self, item_id: str, day_id: str, position: int) -> None:
        found = self._slot(item_id)
        if found is None:
            return
        number, slot = found
        item = slot.item
        target = next(n for n, d in enumerate(self._schedule) if d.day.id == day_id)
        if day_id == item.day_id and position == item.position:
            return
        if target != number:
            text = _("Move '{title}' to day {number}").format(
                title=self._title(item), number=i18n.format_number(target + 1)
            )
        else:
            text = _("Move '{title}' to position {position}").format(
                title=self._title(item), position=i18n.format_number(position + 1)
            )
        self._edit(text, [], lambda: agenda.move_item(self.ws, item.id, day_id, position))
        self.select_item(item.id)

    def move_by(self, step: int) -> None:
        found = self._slot(self.current_item_id())
        if found is None:
            return
        number, slot = found
        position = slot.item.position + step
        if 0 <= position < len(self._schedule[number].slots):
            self.move_to(slot.item.id, slot.item.day_id, position)

    def move_day(self, step: int) -> None:
        found = self._slot(self.current_item_id())
        if found is None:
            return
        number, slot = found
        target = number + step
        if not 0 <= target < len(self._schedule):
            return
        day = self._schedule[target]
        # Forward: first item of the next day; back: last item of the previous day.
        self.move_to(slot.item.id, day.day.id, 0 if step > 0 else len(day.slots))

    def change_duration(self, delta: int) -> None:
        found = self._slot(self.current_item_id())
        if found is None:
            return
        item = found[1].item
        minutes = max(0, min(24 * 60, item.duration_min + delta))
        if minutes != item.duration_min:
            self._apply_update(item, {"duration_min": minutes})

    def edit_day_start(self) -> None:
        day_id = self.current_day_id()
        day = next((d.day for d in self._schedule if d.day.id == day_id), None)
        if day is None:
            return
        dialog = DayStartDialog(day.start_time, self._published(), self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog = dialog

        def done(result: int) -> None:
            self.dialog = None
            if result != QDialog.Accepted:
                return
            start = dialog.time.time().toString("HH:mm")
            if start == day.start_time:
                return
            number = next(n for n, d in enumerate(self._schedule) if d.day.id == day.id) + 1
            reason = dialog.reason.text()
            self._edit(
                _("Start day {number} at {time}").format(
                    number=i18n.format_number(number), time=i18n.format_time(start)
                ),
                [],
                lambda: agenda.set_day_start(self.ws, day.id, start, reason=reason),
            )

        dialog.finished.connect(done)
        dialog.open()
        dialog.activateWindow()

    def publish(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        number = agenda_changes.published_version(self.ws, meeting_id) + 1
        text = _("Publish the agenda as version {number}").format(number=i18n.format_number(number))
        try:
            self.context.edit(
                text, "agenda_versions", [], lambda: agenda_changes.publish(self.ws, meeting_id)
            )
        except KnownError as exc:
            QMessageBox.warning(self, _("Agenda"), str(exc))
            return
        self.context.show_status(text)

    def show_changes(self) -> None:
        if self.meeting is None:
            return
        from ..dialogs.agenda_changes_dialog import AgendaChangesDialog

        dialog = AgendaChangesDialog(self.context, self.meeting, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
        dialog.activateWindow()
