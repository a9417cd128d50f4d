"""Creating or editing a meeting: every field of ``meetings.create_meeting``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from zoneinfo import available_timezones

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting

from ..widgets.person_picker import language_name
from .common import error_label, ok_cancel, show_error, submitted

_ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")) + ["UTC"]


def _qdate(value: str) -> QDate:
    d = date.fromisoformat(value)
    return QDate(d.year, d.month, d.day)


class MeetingDialog(QDialog):
    """``submit(values)`` creates or updates; a ``KnownError`` keeps the dialog open."""

    def __init__(
        self,
        submit: Callable[[dict], object],
        *,
        meeting: Meeting | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingDialog")
        self.submit, self.meeting = submit, meeting
        self.setWindowTitle(_("Edit meeting") if meeting else _("New meeting"))

        self.short_name = QLineEdit()
        self.short_name.setObjectName("shortName")
        self.short_name.setPlaceholderText(_("For example: GRCP 7"))
        today = QDate.currentDate()
        self.start = QDateEdit(today)
        self.start.setObjectName("startDate")
        self.end = QDateEdit(today)
        self.end.setObjectName("endDate")
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setLayoutDirection(Qt.LeftToRight)  # ISO dates read left to right
        self.start.dateChanged.connect(
            lambda d: self.end.setDate(d) if self.end.date() < d else None
        )
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel(i18n.pgettext("between two dates", "to")))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.time_zone = QComboBox()
        self.time_zone.setObjectName("timeZone")
        self.time_zone.setEditable(True)
        self.time_zone.addItems(_ZONES)
        completer = QCompleter(_ZONES, self.time_zone)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.time_zone.setCompleter(completer)
        self.time_zone.setCurrentText("Europe/Zurich")
        self.day_start = QTimeEdit(QTime(9, 0))
        self.day_start.setObjectName("dayStart")
        self.day_start.setDisplayFormat("HH:mm")
        self.source = QComboBox()
        self.source.setObjectName("sourceLanguage")
        for code in i18n.LANGUAGES:
            self.source.addItem(language_name(code), code)
        self.source.setCurrentIndex(self.source.findData("en"))
        self.working: dict[str, QCheckBox] = {}
        working = QHBoxLayout()
        for code in i18n.LANGUAGES:
            box = QCheckBox(language_name(code))
            box.setObjectName(f"working_{code}")
            self.working[code] = box
            working.addWidget(box)
        working.addStretch(1)
        self.working["en"].setChecked(True)
        self.source.currentIndexChanged.connect(
            lambda _i: self.working[self.source.currentData()].setChecked(True)
        )
        self.chatham = QCheckBox(_("Held under the Chatham House rule (no attribution)"))
        self.chatham.setObjectName("chathamHouse")
        self.organiser = QLineEdit()
        self.organiser.setObjectName("organiser")

        form = QFormLayout()
        form.addRow(_("&Short name:"), self.short_name)
        form.addRow(_("Dates:"), dates)
        form.addRow(_("&Time zone:"), self.time_zone)
        if meeting is None:
            form.addRow(_("Each day &starts at:"), self.day_start)
        form.addRow(_("S&ource language:"), self.source)
        form.addRow(_("Working languages:"), working)
        form.addRow("", self.chatham)
        form.addRow(_("O&rganiser:"), self.organiser)

        texts = QGroupBox(_("Title and venue in each language"))
        grid = QGridLayout(texts)
        grid.addWidget(QLabel(_("Title")), 0, 1)
        grid.addWidget(QLabel(_("Venue")), 0, 2)
        self.titles: dict[str, QLineEdit] = {}
        self.venues: dict[str, QLineEdit] = {}
        for row, code in enumerate(i18n.LANGUAGES, start=1):
            grid.addWidget(QLabel(language_name(code)), row, 0)
            title, venue = QLineEdit(), QLineEdit()
            title.setObjectName(f"title_{code}")
            venue.setObjectName(f"venue_{code}")
            title.setMinimumWidth(320)
            if code == "ar":
                for edit in (title, venue):
                    edit.setLayoutDirection(Qt.RightToLeft)
            self.titles[code], self.venues[code] = title, venue
            grid.addWidget(title, row, 1)
            grid.addWidget(venue, row, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 1)

        self.error = error_label()
        buttons = ok_cancel(self)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(texts)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if meeting is not None:
            self._load(meeting)
        self.resize(960, self.sizeHint().height())
        self.short_name.setFocus()

    def _load(self, meeting: Meeting) -> None:
        self.short_name.setText(meeting.short_name)
        self.start.setDate(_qdate(meeting.start_date))
        self.end.setDate(_qdate(meeting.end_date))
        self.time_zone.setCurrentText(meeting.time_zone)
        self.source.setCurrentIndex(self.source.findData(meeting.source_lang))
        for code, box in self.working.items():
            box.setChecked(code in meeting.working_langs)
        self.chatham.setChecked(meeting.chatham_house)
        self.organiser.setText(meeting.organiser)
        for code in i18n.LANGUAGES:
            self.titles[code].setText(meeting.title.get(code, ""))
            self.venues[code].setText(meeting.venue.get(code, ""))
            self.titles[code].setCursorPosition(0)
            self.venues[code].setCursorPosition(0)

    def values(self) -> dict:
        values = {
            "short_name": self.short_name.text().strip(),
            "title": {code: e.text().strip() for code, e in self.titles.items()},
            "start_date": self.start.date().toString("yyyy-MM-dd"),
            "end_date": self.end.date().toString("yyyy-MM-dd"),
            "venue": {code: e.text().strip() for code, e in self.venues.items()},
            "time_zone": self.time_zone.currentText().strip(),
            "source_lang": self.source.currentData(),
            "working_langs": [c for c, box in self.working.items() if box.isChecked()],
            "chatham_house": self.chatham.isChecked(),
            "organiser": self.organiser.text().strip(),
        }
        if self.meeting is None:
            values["day_start"] = self.day_start.time().toString("HH:mm")
        return values

    def accept(self) -> None:
        values = self.values()
        if not values["short_name"]:
            self._fail(_("Give the meeting a short name, such as “GRCP 7”."))
            return
        if not values["title"].get(values["source_lang"]):
            self._fail(
                _("Give the title in the source language ({language}).").format(
                    language=language_name(values["source_lang"])
                )
            )
            return
        if submitted(self.error, lambda: self.submit(values)):
            super().accept()

    def _fail(self, message: str) -> None:
        show_error(self.error, message)
