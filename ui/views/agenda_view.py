"""The agenda of a meeting as a timetable: days, and each item's time, title, room and people."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from gcm_dialogue import agenda, i18n, participants
from gcm_dialogue.i18n import N_, _

from ..context import AppContext
from .base import View

ITEM_ID_ROLE = Qt.UserRole + 1


class AgendaView(View):
    """The timetable, read-only for now: the agenda editor builds on this view."""

    view_id = "agenda"
    title = N_("Agenda")
    tables = ("agenda_items", "agenda_days", "participants")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("agendaTree")
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([_("Time"), _("Item"), _("Kind"), _("Room"), _("Moderator")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def refresh(self) -> None:
        self.tree.clear()
        meeting = self.meeting
        if meeting is None:
            return
        lang = i18n.current_language()
        names = {p.id: p.display_name for p in participants.list_participants(self.ws, meeting.id)}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for number, day in enumerate(agenda.schedule(self.ws, meeting.id), start=1):
            heading = QTreeWidgetItem(self.tree)
            heading.setFirstColumnSpanned(True)
            heading.setText(
                0,
                _("Day {number}, {date}: {start} to {end}").format(
                    number=i18n.format_number(number),
                    date=i18n.format_date(day.day.date, format="full"),
                    start=self._clock(day.start),
                    end=self._clock(day.end),
                ),
            )
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemIsEnabled)
            for slot in day.slots:
                item = slot.item
                row = QTreeWidgetItem(heading)
                row.setData(0, ITEM_ID_ROLE, item.id)
                row.setText(0, f"{self._clock(slot.start)} – {self._clock(slot.end)}")
                row.setText(1, item.title.get_text(lang, meeting.source_lang))
                row.setText(2, str(agenda.KINDS[item.kind]))
                row.setText(3, item.room)
                row.setText(4, names.get(item.moderator_id or "", ""))
                if item.time_mode == "fixed":
                    row.setToolTip(0, _("Fixed time"))
                    row.setForeground(0, QBrush(QColor("#1f5c99")))
                if slot.overlap_before or slot.gap_before:
                    row.setBackground(0, QBrush(QColor("#fbe3c2")))
            heading.setExpanded(True)

    @staticmethod
    def _clock(total_minutes: int) -> str:
        return i18n.format_time(agenda.clock(total_minutes % (24 * 60)))
