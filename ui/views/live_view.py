"""The live session panel for the head table, and its large-type second screen.

The running item with its scheduled and actual start and the time left; the speakers'
queue (type a name or a delegation, reorder, next, remove); a countdown for each
intervention that turns amber near the limit and red at it; speaking time per speaker and
per delegation with running totals. Every action is undoable and saved at once.

The clock is injectable: ``LiveView.clock`` returns the current UTC time and the ticking
``QTimer`` only calls ``tick()``, so tests set a fake clock and call ``tick()`` themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import agenda, i18n, live
from gcm_dialogue.clock import parse_stamp, to_local
from gcm_dialogue.duplicates import fold
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _

from ..context import AppContext
from ..widgets.person_picker import label
from ..widgets.undo_passthrough import pass_undo_through
from .base import View

ENTRY_ID_ROLE = Qt.UserRole + 1
COLOURS = {
    "idle": ("#e9ecef", "#343a40"),
    "ok": ("#d4edda", "#155724"),
    "near": ("#fff3cd", "#7a5a00"),
    "over": ("#f8d7da", "#842029"),
}


def format_seconds(seconds: int) -> str:
    """A countdown or a speaking time as m:ss (with a minus sign once past the limit)."""
    sign = "-" if seconds < 0 else ""
    minutes, rest = divmod(abs(int(seconds)), 60)
    return f"{sign}{i18n.format_number(minutes)}:{i18n.format_number(rest).rjust(2, '0')}"


def countdown_state(elapsed: int, limit: live.Limit | None) -> str:
    if limit is None:
        return "ok"
    if elapsed >= limit.seconds:
        return "over"
    if elapsed >= limit.warn_at:
        return "near"
    return "ok"


class LiveScreen(QWidget):
    """Large type for a second screen: the item, who has the floor, and the countdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("liveScreen")
        self.setWindowTitle(_("Live session – second screen"))
        self.item = QLabel()
        self.item.setObjectName("screenItem")
        self.item.setWordWrap(True)
        self.item.setAlignment(Qt.AlignCenter)
        self.speaker = QLabel()
        self.speaker.setObjectName("screenSpeaker")
        self.speaker.setWordWrap(True)
        self.speaker.setAlignment(Qt.AlignCenter)
        self.countdown = QLabel()
        self.countdown.setObjectName("screenCountdown")
        self.countdown.setAlignment(Qt.AlignCenter)
        self.next = QLabel()
        self.next.setObjectName("screenNext")
        self.next.setAlignment(Qt.AlignCenter)
        self.next.setWordWrap(True)
        for widget, size, bold in (
            (self.item, 28, False),
            (self.speaker, 44, True),
            (self.countdown, 160, True),
            (self.next, 24, False),
        ):
            font = QFont(self.font())
            font.setPointSize(size)
            font.setBold(bold)
            widget.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.item)
        layout.addStretch(1)
        layout.addWidget(self.speaker)
        layout.addWidget(self.countdown, 2)
        layout.addStretch(1)
        layout.addWidget(self.next)
        self.setAutoFillBackground(True)
        self.resize(1280, 720)

    def show_state(self, item: str, speaker: str, countdown: str, state: str, after: str) -> None:
        self.item.setText(item)
        self.speaker.setText(speaker)
        self.countdown.setText(countdown)
        self.next.setText(after)
        background, foreground = COLOURS[state]
        self.setStyleSheet(
            f"QWidget#liveScreen {{ background: {background}; }} QLabel {{ color: {foreground}; }}"
        )


class LiveView(View):
    view_id = "live"
    tables = ("agenda_items", "agenda_days", "participants", "speaker_queue", "interventions")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)
        self.screen_window: LiveScreen | None = None
        self._items: list[tuple[int, agenda.Slot]] = []
        self._people: dict[str, str] = {}  # label -> participant id
        self._people_of: str | None = None  # the meeting they were read for
        self._delegations: dict[str, str] = {}  # lower-case name -> name
        self._current: live.Intervention | None = None
        self._limit: live.Limit | None = None
        self._totals: tuple[list[live.Total], list[live.Total]] = ([], [])

        self.item_box = QComboBox()
        self.item_box.setObjectName("liveItem")
        self.item_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.item_box.setMinimumContentsLength(40)
        self.item_box.currentIndexChanged.connect(lambda _i: self.show_item())
        self.item_info = QLabel()
        self.item_info.setObjectName("itemInfo")
        self.item_info.setWordWrap(True)

        self.toolbar = QToolBar(_("Live session"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.add_action("start", _("&Start Item"), self.start_item, "F5", toolbar=self.toolbar)
        self.add_action("end", _("&End Item"), self.end_item, "Shift+F5", toolbar=self.toolbar)
        self.toolbar.addSeparator()
        self.add_action(
            "next", _("&Next Speaker"), self.next_speaker, "Ctrl+Return", toolbar=self.toolbar
        )
        self.add_action("stop", _("S&top Speaker"), self.stop_speaker, "F9", toolbar=self.toolbar)
        self.toolbar.addSeparator()
        self.add_action(
            "queue", _("&Add to Queue"), self.focus_queue_input, "Ctrl+L", toolbar=self.toolbar
        )
        self.add_action(
            "up", _("Move &Up"), lambda: self.move_entry(-1), "Ctrl+Up", toolbar=self.toolbar
        )
        self.add_action(
            "down", _("Move &Down"), lambda: self.move_entry(1), "Ctrl+Down", toolbar=self.toolbar
        )
        self.add_action(
            "remove", _("&Remove"), self.remove_entry, QKeySequence.Delete, toolbar=self.toolbar
        )
        self.toolbar.addSeparator()
        self.add_action(
            "screen", _("Second &Screen"), self.toggle_screen, "F11", toolbar=self.toolbar
        )
        self.meeting_menu_actions = [self.actions_by_name["screen"]]

        # the intervention
        self.speaker = QLabel()
        self.speaker.setObjectName("speaker")
        self.speaker.setWordWrap(True)
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 6)
        font.setBold(True)
        self.speaker.setFont(font)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignCenter)
        big = QFont(self.font())
        big.setPointSize(48)
        big.setBold(True)
        self.countdown.setFont(big)
        self.countdown.setAutoFillBackground(True)
        self.countdown.setFrameShape(QFrame.StyledPanel)
        self.countdown.setMinimumHeight(110)
        self.countdown.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.limit_info = QLabel()
        self.limit_info.setObjectName("limitInfo")
        floor = QGroupBox(_("The floor"))
        floor_layout = QVBoxLayout(floor)
        floor_layout.addWidget(self.speaker)
        floor_layout.addWidget(self.countdown)
        floor_layout.addWidget(self.limit_info)

        # the queue
        self.queue_input = QLineEdit()
        self.queue_input.setObjectName("queueInput")
        self.queue_input.setPlaceholderText(_("Type a name or a delegation, then Enter"))
        self.queue_input.returnPressed.connect(self.add_typed)
        pass_undo_through(self.queue_input)
        self.completer_model = QStringListModel(self)
        self.completer = QCompleter(self.completer_model, self.queue_input)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchContains)
        self.queue_input.setCompleter(self.completer)
        self.queue_list = QListWidget()
        self.queue_list.setObjectName("queueList")
        self.queue_list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.queue_list.currentRowChanged.connect(lambda _row: self._update_actions())
        next_button = QPushButton(_("Give the Floor to the Next"))
        next_button.clicked.connect(self.next_speaker)
        queue_box = QGroupBox(_("Speakers' queue"))
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addWidget(self.queue_input)
        queue_layout.addWidget(self.queue_list, 1)
        queue_layout.addWidget(next_button)

        # the totals
        self.speaker_totals = self._totals_tree("speakerTotals", _("Speaker"))
        self.delegation_totals = self._totals_tree("delegationTotals", _("Delegation"))
        totals = QGroupBox(_("Speaking time"))
        totals_layout = QHBoxLayout(totals)
        totals_layout.addWidget(self.speaker_totals)
        totals_layout.addWidget(self.delegation_totals)
        self.scope_box = QComboBox()
        self.scope_box.setObjectName("totalsScope")
        self.scope_box.addItem(_("This item"), "item")
        self.scope_box.addItem(_("Whole meeting"), "meeting")
        self.scope_box.currentIndexChanged.connect(lambda _i: self.refresh_totals())

        top = QHBoxLayout()
        item_label = QLabel(_("&Item:"))
        item_label.setBuddy(self.item_box)
        top.addWidget(item_label)
        top.addWidget(self.item_box, 1)
        grid = QGridLayout()
        grid.addWidget(floor, 0, 0)
        grid.addWidget(queue_box, 0, 1, 2, 1)
        totals_header = QHBoxLayout()
        totals_header.addStretch(1)
        scope_label = QLabel(_("Totals f&or:"))
        scope_label.setBuddy(self.scope_box)
        totals_header.addWidget(scope_label)
        totals_header.addWidget(self.scope_box)
        right = QVBoxLayout()
        right.addLayout(totals_header)
        right.addWidget(totals, 1)
        grid.addLayout(right, 1, 0)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.item_info)
        layout.addWidget(self.toolbar)
        layout.addLayout(grid, 1)

    def _totals_tree(self, name: str, first: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels([first, _("Interventions"), _("Time")])
        tree.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        tree.header().setStretchLastSection(False)
        return tree

    # ---- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        meeting = self.meeting
        chosen = self.item_id()
        self.item_box.blockSignals(True)
        self.item_box.clear()
        self._items = []
        if meeting is None:
            self.item_box.blockSignals(False)
            self.show_item()
            return
        lang = i18n.current_language()
        running = live.running_item_id(self.ws, meeting.id)
        first_open = None
        for number, day in enumerate(agenda.schedule(self.ws, meeting.id), start=1):
            for slot in day.slots:
                self._items.append((number, slot))
                clock = i18n.format_time(agenda.clock(slot.start % (24 * 60)))
                self.item_box.addItem(
                    _("Day {number}, {time}: {title}").format(
                        number=i18n.format_number(number),
                        time=clock,
                        title=slot.item.title.get_text(lang, meeting.source_lang),
                    ),
                    slot.item.id,
                )
                if first_open is None and slot.item.actual_end is None:
                    first_open = slot.item.id
        wanted = chosen if chosen and self.item_box.findData(chosen) >= 0 else None
        wanted = wanted or running or first_open
        self.item_box.setCurrentIndex(max(0, self.item_box.findData(wanted)))
        self.item_box.blockSignals(False)
        if self._people_of != meeting.id:  # read again for another meeting or new people
            people = agenda.people(self.ws, meeting.id)
            self._people = {label(p): p.id for p in people}
            self._delegations = {d.lower(): d for d in live.known_delegations(self.ws, meeting.id)}
            self.completer_model.setStringList(
                sorted(self._people) + sorted(self._delegations.values())
            )
            self._people_of = meeting.id
        self.show_item()

    def item_id(self) -> str | None:
        return self.item_box.currentData()

    def _slot(self) -> tuple[int, agenda.Slot] | None:
        wanted = self.item_id()
        return next(((n, s) for n, s in self._items if s.item.id == wanted), None)

    def show_item(self) -> None:
        item_id = self.item_id()
        found = self._slot()
        self.queue_list.clear()
        if item_id is None or found is None:
            self.item_info.setText(_("This meeting has no agenda item yet."))
            self._current, self._limit = None, None
            self._update()
            return
        for entry in live.queue(self.ws, item_id):
            text = entry.name
            if entry.participant_id and entry.delegation:
                text = f"{entry.name} ({entry.delegation})"
            row = QListWidgetItem(text)
            row.setData(ENTRY_ID_ROLE, entry.id)
            self.queue_list.addItem(row)
        if self.queue_list.count():
            self.queue_list.setCurrentRow(0)
        self._current = live.current_intervention(self.ws, item_id)
        self._limit = (
            live.Limit(self._current.limit_sec, self._warn_for(self._current))
            if self._current and self._current.limit_sec
            else None
        )
        self.refresh_totals()
        self._update()

    def _warn_for(self, intervention: live.Intervention) -> int:
        full = live.limit_for(self.ws, intervention.item_id, intervention.participant_id)
        if full.seconds == intervention.limit_sec:
            return full.warn_at
        seconds = intervention.limit_sec or 0
        return max(0, seconds - min(live.FLOOR_WARN_BEFORE_SEC, seconds // 4))

    def refresh_totals(self) -> None:
        item_id = self.item_id()
        if self.meeting is None or item_id is None:
            self._totals = ([], [])
        elif self.scope_box.currentData() == "meeting":
            self._totals = live.speaking_totals(self.ws, meeting_id=self.meeting.id)
        else:
            self._totals = live.speaking_totals(self.ws, item_id)
        self._fill_totals()

    def _fill_totals(self) -> None:
        """The recorded totals, with the running intervention's time added as it runs."""
        speakers = {t.name: [t.count, t.seconds] for t in self._totals[0]}
        delegations = {t.name: [t.count, t.seconds] for t in self._totals[1]}
        current = self._current
        if current is not None:
            elapsed = current.elapsed(self.clock())
            entry = speakers.setdefault(current.speaker, [0, 0])
            entry[0] += 1
            entry[1] += elapsed
            if current.delegation:
                entry = delegations.setdefault(current.delegation, [0, 0])
                entry[0] += 1
                entry[1] += elapsed
        for tree, values in (
            (self.speaker_totals, speakers),
            (self.delegation_totals, delegations),
        ):
            tree.clear()
            rows = []
            for name, (count, seconds) in sorted(values.items(), key=lambda kv: (-kv[1][1], kv[0])):
                row = QTreeWidgetItem([name, i18n.format_number(count), format_seconds(seconds)])
                row.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
                row.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
                rows.append(row)
            tree.addTopLevelItems(rows)

    # ---- the clock ------------------------------------------------------------------------

    def tick(self) -> None:
        """Move the countdown and the running figures on to ``self.clock()``."""
        self._update()
        if self._current is not None:
            self._fill_totals()

    def _update(self) -> None:
        now = self.clock()
        found = self._slot()
        meeting = self.meeting
        running = bool(found and found[1].item.actual_start and not found[1].item.actual_end)
        title = ""
        if found is not None and meeting is not None:
            number, slot = found
            item = slot.item
            title = item.title.get_text(i18n.current_language(), meeting.source_lang)
            parts = [
                _("Scheduled {start} – {end}").format(
                    start=i18n.format_time(agenda.clock(slot.start % 1440)),
                    end=i18n.format_time(agenda.clock(slot.end % 1440)),
                )
            ]
            if item.actual_start:
                parts.append(_("started {time}").format(time=self._local(item.actual_start)))
                if item.actual_end:
                    parts.append(_("ended {time}").format(time=self._local(item.actual_end)))
                else:
                    spent = int((now - parse_stamp(item.actual_start)).total_seconds())
                    left = item.duration_min * 60 - spent
                    parts.append(
                        _("{time} left").format(time=format_seconds(left))
                        if left >= 0
                        else _("{time} over time").format(time=format_seconds(-left))
                    )
            else:
                parts.append(_("not started"))
            self.item_info.setText(" · ".join(parts))
        current = self._current
        if current is None:
            self.speaker.setText(_("Nobody has the floor"))
            state = "idle"
            shown = format_seconds(self._limit_preview())
            self.limit_info.setText(
                _("Ctrl+Return gives the floor to the first of the queue")
                if self.queue_list.count()
                else _("Type a name or a delegation into the queue (Ctrl+L)")
            )
        else:
            elapsed = current.elapsed(now)
            speaker = current.speaker
            if current.delegation and current.delegation != current.speaker:
                speaker = f"{current.speaker} ({current.delegation})"
            self.speaker.setText(speaker)
            state = countdown_state(elapsed, self._limit)
            limit = self._limit.seconds if self._limit else 0
            shown = format_seconds(limit - elapsed) if limit else format_seconds(elapsed)
            self.limit_info.setText(
                _("Limit {limit} · spoken {spoken}").format(
                    limit=format_seconds(limit), spoken=format_seconds(elapsed)
                )
            )
        self.countdown.setText(shown)
        self.countdown.setProperty("state", state)
        background, foreground = COLOURS[state]
        self.countdown.setStyleSheet(f"background: {background}; color: {foreground};")
        self._update_actions(running)
        if self.screen_window is not None:
            after = self.queue_list.item(0).text() if self.queue_list.count() else ""
            self.screen_window.show_state(
                title,
                self.speaker.text() if current else "",
                shown if current else "",
                state,
                _("Next: {name}").format(name=after) if after else "",
            )
        active = current is not None or running
        if active and not self.timer.isActive():
            self.timer.start()
        elif not active and self.timer.isActive():
            self.timer.stop()

    def _limit_preview(self) -> int:
        item_id = self.item_id()
        if item_id is None:
            return 0
        return live.limit_for(self.ws, item_id, None).seconds

    def _local(self, stamp: str) -> str:
        assert self.meeting is not None
        return i18n.format_time(to_local(stamp, self.meeting.time_zone).time())

    def _update_actions(self, running: bool | None = None) -> None:
        if running is None:
            found = self._slot()
            running = bool(found and found[1].item.actual_start and not found[1].item.actual_end)
        has_item = self.item_id() is not None
        has_entry = self.queue_list.currentRow() >= 0
        self.action("start").setEnabled(has_item and not running)
        self.action("end").setEnabled(has_item and running)
        self.action("next").setEnabled(has_item and (self.queue_list.count() > 0))
        self.action("stop").setEnabled(self._current is not None)
        self.action("up").setEnabled(has_entry and self.queue_list.currentRow() > 0)
        self.action("down").setEnabled(
            has_entry and self.queue_list.currentRow() < self.queue_list.count() - 1
        )
        self.action("remove").setEnabled(has_entry)

    # ---- acting ---------------------------------------------------------------------------

    def _edit(self, text: str, scope: list[str], action: Callable[[], object]) -> object:
        try:
            result = self.context.edit(text, "agenda_items", scope, action)
        except KnownError as exc:
            QMessageBox.warning(self, _("Live session"), str(exc))
            return None
        self.context.show_status(text)
        return result

    def _title(self) -> str:
        found = self._slot()
        assert found is not None and self.meeting is not None
        return found[1].item.title.get_text(i18n.current_language(), self.meeting.source_lang)

    def start_item(self) -> None:
        item_id = self.item_id()
        if item_id is None or self.meeting is None:
            return
        running = live.running_item_id(self.ws, self.meeting.id)
        scope = [item_id] + ([running] if running and running != item_id else [])
        self._edit(
            _("Start '{title}'").format(title=self._title()),
            scope,
            lambda: live.start_item(self.ws, item_id, now=self.clock()),
        )

    def end_item(self) -> None:
        item_id = self.item_id()
        if item_id is None:
            return
        self._edit(
            _("End '{title}'").format(title=self._title()),
            [item_id],
            lambda: live.end_item(self.ws, item_id, now=self.clock()),
        )

    def _scope(self) -> list[str]:
        item_id = self.item_id()
        assert item_id is not None and self.meeting is not None
        running = live.running_item_id(self.ws, self.meeting.id)
        return [item_id] + ([running] if running and running != item_id else [])

    def next_speaker(self) -> None:
        item_id = self.item_id()
        if item_id is None or not self.queue_list.count():
            return
        name = self.queue_list.item(0).text()
        self._edit(
            _("Give the floor to {name}").format(name=name),
            self._scope(),
            lambda: live.next_speaker(self.ws, item_id, now=self.clock()),
        )

    def stop_speaker(self) -> None:
        current = self._current
        if current is None:
            return
        self._edit(
            _("End the intervention of {name}").format(name=current.speaker),
            [current.item_id],
            lambda: live.stop_intervention(self.ws, current.id, now=self.clock()),
        )

    def focus_queue_input(self) -> None:
        self.queue_input.setFocus()
        self.queue_input.selectAll()

    def add_typed(self) -> None:
        item_id = self.item_id()
        text = self.queue_input.text().strip()
        if item_id is None or not text:
            return
        person = self._people.get(text)
        if person is None:
            matches = [pid for name, pid in self._people.items() if name.lower() == text.lower()]
            person = matches[0] if len(matches) == 1 else None
        if person is None:
            starts = [
                pid
                for name, pid in self._people.items()
                if name.lower().startswith(text.lower() + " (")
            ]
            person = starts[0] if len(starts) == 1 else None
        delegation = text
        if person is None and self.meeting is not None and fold(text):
            person, delegation = live.resolve_speaker(self.ws, self.meeting.id, text)
        if person is not None:
            name = next(n for n, pid in self._people.items() if pid == person)
            ok = self._edit(
                _("Add {name} to the speakers' queue").format(name=name),
                [item_id],
                lambda: live.add_to_queue(self.ws, item_id, participant_id=person),
            )
        else:
            ok = self._edit(
                _("Add {name} to the speakers' queue").format(name=delegation),
                [item_id],
                lambda: live.add_to_queue(self.ws, item_id, delegation=delegation),
            )
        if ok is not None:
            # setText, not clear(): the name is in the queue now, so Ctrl+Z in the empty
            # field must undo the addition rather than bring the typed text back
            self.queue_input.setText("")

    def _entry(self) -> tuple[int, str, str] | None:
        row = self.queue_list.currentRow()
        if row < 0:
            return None
        item = self.queue_list.item(row)
        return row, item.data(ENTRY_ID_ROLE), item.text()

    def move_entry(self, step: int) -> None:
        entry = self._entry()
        item_id = self.item_id()
        if entry is None or item_id is None:
            return
        row, entry_id, name = entry
        target = row + step
        if not 0 <= target < self.queue_list.count():
            return
        text = (
            _("Move {name} up the queue") if step < 0 else _("Move {name} down the queue")
        ).format(name=name)
        if self._edit(text, [item_id], lambda: live.move_in_queue(self.ws, entry_id, target)):
            self.queue_list.setCurrentRow(target)

    def remove_entry(self) -> None:
        entry = self._entry()
        item_id = self.item_id()
        if entry is None or item_id is None:
            return
        row, entry_id, name = entry
        if (
            self._edit(
                _("Remove {name} from the queue").format(name=name),
                [item_id],
                lambda: live.remove_from_queue(self.ws, entry_id),
            )
            is not None
        ):
            self.queue_list.setCurrentRow(min(row, self.queue_list.count() - 1))

    def toggle_screen(self) -> None:
        if self.screen_window is not None and self.screen_window.isVisible():
            self.screen_window.close()
            return
        if self.screen_window is None:
            self.screen_window = LiveScreen()
            self.screen_window.setAttribute(Qt.WA_DeleteOnClose)
            self.screen_window.destroyed.connect(lambda *_a: setattr(self, "screen_window", None))
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.screen_window.setGeometry(screens[1].geometry())
            self.screen_window.showFullScreen()
        else:
            self.screen_window.show()
        self._update()

    def show_meeting(self, meeting: object) -> None:
        if self.isVisible():
            super().show_meeting(meeting)  # type: ignore[arg-type]
        else:
            self.meeting = meeting  # type: ignore[assignment]
            self._stale = True

    def _on_changed(self, table: str, ids: tuple) -> None:
        if table in ("participants", "meetings", "mechanisms"):
            self._people_of = None
        if table in self.tables or table == "meetings":
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True  # refreshed when shown again

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        if getattr(self, "_stale", True):
            self._stale = False
            self.refresh()
        super().showEvent(event)
