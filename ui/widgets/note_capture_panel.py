"""The capture box of the notes view: where, kind, language, attribution, text and tags.

Type a point, Enter keeps it and starts the next. Tags are typed (``c2 (q) 10.7``) with
completion. What is typed is written to the workspace within a moment of the last
keystroke, before Enter, so closing or killing the application loses nothing.
"""

from __future__ import annotations

import getpass
from datetime import datetime, time

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from gcm_dialogue import i18n, mechanisms, notes, participants
from gcm_dialogue.clock import utc_now
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.meetings import Meeting
from gcm_dialogue.texts import shorten

from ..context import AppContext
from .note_capture import CaptureEdit, TagLine, plain_language_name

AUTOSAVE_MS = 400  # what is typed reaches the workspace this long after the last keystroke
KIND_KEYS = {
    "point": "P",
    "key_message": "K",
    "recommendation": "R",
    "good_practice": "G",
    "common_principle": "C",
    "question": "Q",
    "quote": "U",
}


class NoteCapturePanel(QGroupBox):
    """Captures one note at a time; ``kept`` gives the id of each note kept with Enter."""

    kept = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(_("Capture"), parent)
        self.context = context
        self.meeting: Meeting | None = None
        self.note_id: str | None = None  # the note being typed, once first saved
        self.started_at: str | None = None
        self._loading = False
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self._build()
        self.place.lineEdit().returnPressed.connect(self._pick_place)
        self.text.submitted.connect(self.keep)
        self.tags.returnPressed.connect(self.keep)
        self.text.textChanged.connect(self._typed)
        self.tags.textChanged.connect(lambda _t: self._typed())

    @property
    def ws(self):  # noqa: ANN201 - the Workspace
        return self.context.ws

    def _build(self) -> None:
        self.place = QComboBox()
        self.place.setObjectName("capturePlace")
        self.place.setEditable(True)
        self.place.setInsertPolicy(QComboBox.NoInsert)
        self.place.setMinimumContentsLength(28)
        self.place.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.lang = QComboBox()
        self.lang.setObjectName("captureLang")
        self.kind = QComboBox()
        self.kind.setObjectName("captureKind")
        for code, label in notes.KINDS.items():
            self.kind.addItem(f"{label} (Alt+{KIND_KEYS[code]})", code)
        self.attribution = QComboBox()
        self.attribution.setObjectName("captureAttribution")
        self.attribution.setEditable(True)
        self.attribution.setInsertPolicy(QComboBox.NoInsert)
        self.attribution.setMinimumContentsLength(20)
        self.attribution.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.attribution.lineEdit().setPlaceholderText(_("optional: a person or a delegation"))
        self.attribution.installEventFilter(self)
        self.attribution.lineEdit().installEventFilter(self)
        self._attribution_filled = False
        self.attribution_label = QLabel(_("&Attribution:"))
        self.attribution_label.setBuddy(self.attribution)
        self.chatham = QLabel(_("Chatham House rule: no attribution is recorded."))
        self.chatham.setObjectName("chathamHouseNotice")
        self.author = QLineEdit(QSettings().value("notes/author", "", type=str) or current_user())
        self.author.setObjectName("captureAuthor")
        self.author.editingFinished.connect(
            lambda: QSettings().setValue("notes/author", self.author.text().strip())
        )
        self.text = CaptureEdit()
        self.text.setPlaceholderText(
            _("Type a point and press Enter to keep it (Shift+Enter: new line)")
        )
        self.tags = TagLine(self.ws)
        self.tags.setPlaceholderText(_("Tags: c2 (q) 10.7 regional, then Enter"))
        self.saved = QLabel()
        self.saved.setObjectName("captureSaved")
        self.error = _MessageLabel()
        self.error.setObjectName("captureError")
        self.error.setStyleSheet("color: #a61b1b")
        self.error.setWordWrap(True)

        grid = QGridLayout()
        for row, column, text, buddy in (
            (0, 0, _("&Where:"), self.place),
            (0, 2, _("Kind:"), self.kind),
            (0, 4, _("&Language:"), self.lang),
            (1, 2, _("Rapporteur:"), self.author),
            (3, 0, _("&Tags:"), self.tags),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)
            grid.addWidget(label, row, column)
        grid.addWidget(self.place, 0, 1)
        grid.addWidget(self.kind, 0, 3)
        grid.addWidget(self.lang, 0, 5)
        grid.addWidget(self.attribution_label, 1, 0)
        grid.addWidget(self.attribution, 1, 1)
        grid.addWidget(self.chatham, 1, 1)
        grid.addWidget(self.author, 1, 3, 1, 3)
        grid.addWidget(self.text, 2, 0, 1, 6)
        grid.addWidget(self.tags, 3, 1, 1, 3)
        grid.addWidget(self.saved, 3, 4, 1, 2)
        grid.addWidget(self.error, 4, 0, 1, 6)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 1)
        self.setLayout(grid)

    # ---- choices -----------------------------------------------------------------------------

    def fill(self, places: list[notes.Place], default_place: bool) -> None:
        """Show the meeting's sessions and groups, languages and attribution choices."""
        self._loading = True
        try:
            self._fill_places(places, default_place)
            self._fill_capture_choices()
        finally:
            self._loading = False

    def _fill_places(self, places: list[notes.Place], default_place: bool) -> None:
        current = self.place.currentData()
        self.place.blockSignals(True)
        self.place.clear()
        for place in places:
            self.place.addItem(place.label, place.key)
        completer = QCompleter(self.place.model(), self.place)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.place.setCompleter(completer)
        index = -1
        if default_place and self.meeting is not None:
            index = self.place.findData(self._default_place())
        elif current is not None:
            index = self.place.findData(current)
        self.place.setCurrentIndex(max(0, index))
        self.place.lineEdit().setCursorPosition(0)
        self.place.blockSignals(False)

    def _default_place(self) -> str:
        """The agenda item running now; the group last written in when it belongs to that
        item (a rapporteur back after a restart is in the same breakout room); with nothing
        running, the place last written in."""
        if self.meeting is None:
            return notes.place_key(None, None)
        running = notes.running_item(self.ws, self.meeting.id)
        last = QSettings().value(f"notes/place/{self.meeting.id}", "", type=str)
        if last and self.place.findData(last) < 0:
            last = ""
        if running is None:
            return last or notes.place_key(None, None)
        if last and notes.parse_place(last)[0] == running:
            return last
        return notes.place_key(running, None)

    def _remember_place(self) -> None:
        if self.meeting is not None and self.place.currentData():
            QSettings().setValue(f"notes/place/{self.meeting.id}", self.place.currentData())

    def _pick_place(self) -> None:
        """Enter in the place box: the first session or group whose name holds what is typed."""
        typed = self.place.lineEdit().text().strip().casefold()
        labels = [self.place.itemText(i).casefold() for i in range(self.place.count())]
        index = labels.index(typed) if typed in labels else -1
        if index < 0:
            index = next((i for i, label in enumerate(labels) if typed and typed in label), -1)
        completer = self.place.completer()
        if completer is not None:
            completer.popup().hide()
        if index >= 0:
            self.place.setCurrentIndex(index)
            self.place.lineEdit().setCursorPosition(0)
            self.text.setFocus()
            self._typed()

    def _fill_capture_choices(self) -> None:
        meeting = self.meeting
        current_lang = self.lang.currentData()
        self.lang.clear()
        self.attribution.clear()
        if meeting is None:
            return
        for code in meeting.working_langs:
            self.lang.addItem(plain_language_name(code), code)
        chosen = current_lang or QSettings().value("notes/lang", meeting.source_lang, type=str)
        self.lang.setCurrentIndex(max(0, self.lang.findData(chosen)))
        chatham = meeting.chatham_house
        self.chatham.setVisible(chatham)
        self.attribution.setVisible(not chatham)
        self.attribution.setEnabled(not chatham)
        self.attribution_label.setVisible(not chatham)
        self._attribution_filled = False
        if chatham:
            return
        self.attribution.addItem("", None)

    def _fill_attribution(self) -> None:
        """The people and delegations to attribute a note to, read when first needed."""
        if self._attribution_filled or self.meeting is None or self.meeting.chatham_house:
            return
        self._attribution_filled = True
        self.attribution.blockSignals(True)
        for person in participants.list_participants(self.ws, self.meeting.id):
            self.attribution.addItem(person.display_name, f"participant:{person.id}")
        for mechanism in mechanisms.list_mechanisms(self.ws):
            self.attribution.addItem(mechanism.acronym, f"mechanism:{mechanism.id}")
        self.attribution.blockSignals(False)
        completer = QCompleter(self.attribution.model(), self.attribution)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.attribution.setCompleter(completer)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.FocusIn and watched in (
            self.attribution,
            self.attribution.lineEdit(),
        ):
            self._fill_attribution()
        return super().eventFilter(watched, event)

    # ---- capture -----------------------------------------------------------------------------

    def set_kind(self, code: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(code))
        self._typed()

    def _typed(self) -> None:
        if self._loading or self.meeting is None:
            return
        if self.started_at is None and self.text.toPlainText().strip():
            self.started_at = utc_now()
        self.autosave.start()

    def _values(self, strict: bool) -> dict:
        item, group = notes.parse_place(self.place.currentData() or "|")
        if strict:
            tags = notes.expand_tags(self.ws, self.tags.text())
        else:
            tags = []
            for token in self.tags.text().replace(",", " ").split():
                try:
                    tags.append(notes.expand_tag(self.ws, token))
                except KnownError:
                    continue  # still being typed: checked on Enter
        values = {
            "text": self.text.toPlainText().strip(),
            "lang": self.lang.currentData() or (self.meeting.source_lang if self.meeting else "en"),
            "kind": self.kind.currentData() or "point",
            "agenda_item_id": item,
            "group_id": group,
            "attribution_participant_id": None,
            "attribution_mechanism_id": None,
            "tags": tags,
        }
        attributed = self.attribution.currentData()
        if attributed and self.meeting is not None and not self.meeting.chatham_house:
            kind, _sep, target = attributed.partition(":")
            values[f"attribution_{kind}_id"] = target
        return values

    def save_draft(self) -> None:
        """Write what is typed so far (no undo entry: Enter makes the note one action)."""
        self.autosave.stop()
        if self.meeting is None:
            return
        values = self._values(strict=False)
        try:
            if not values["text"]:
                if self.note_id is not None:
                    notes.delete_note(self.ws, self.note_id)
                    self.note_id, self.started_at = None, None
                return
            tags = values.pop("tags")
            if self.note_id is None:
                note = notes.add_note(
                    self.ws,
                    self.meeting.id,
                    values.pop("text"),
                    tags=tags,
                    author=self.author.text().strip(),
                    captured_at=self.started_at,
                    **values,
                )
                self.note_id = note.id
            else:
                notes.update_note(self.ws, self.note_id, tags=tags, history=False, **values)
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.saved.setText(
            _("Saved at {time}").format(time=i18n.format_time(_now_local(), format="medium"))
        )

    def flush(self) -> None:
        """Save at once what the timer would save (leaving the view, closing the window)."""
        if self.autosave.isActive():
            self.save_draft()

    def keep(self) -> None:
        """Enter: keep the note as one undoable action and start the next one."""
        if self.meeting is None:
            return
        self.autosave.stop()
        try:
            values = self._values(strict=True)
        except KnownError as exc:
            self.error.setText(str(exc))
            self.tags.setFocus()
            return
        if not values["text"]:
            self.error.setText(_("Type the note first."))
            self.text.setFocus()
            return
        meeting_id, draft_id = self.meeting.id, self.note_id
        author, started = self.author.text().strip(), self.started_at
        fields = dict(values)
        tags, text = fields.pop("tags"), fields.pop("text")
        try:
            note = self.context.edit(
                _("Add note '{text}'").format(text=shorten(text, 40)),
                "notes",
                [],
                lambda: notes.keep_draft(
                    self.ws,
                    meeting_id,
                    draft_id,
                    text,
                    tags=tags,
                    author=author,
                    captured_at=started,
                    **fields,
                ),
            )
        except KnownError as exc:
            self.error.setText(str(exc))
            return
        QSettings().setValue("notes/lang", values["lang"])
        self._remember_place()
        self.reset()
        self.context.show_status(_("Note kept."))
        self.kept.emit(note.id)

    def reset(self, focus: bool = True) -> None:
        """An empty box for the next note (the place, language and rapporteur stay)."""
        self._loading = True
        self.note_id, self.started_at = None, None
        self.text.clear()
        self.tags.clear()
        self.tags.close_completions()
        self.kind.setCurrentIndex(0)
        self.attribution.setCurrentIndex(0)
        self.error.clear()
        self._loading = False
        if focus:
            self.text.setFocus()

    def reviewer(self) -> str:
        """Who reviews notes here: the rapporteur named in the box, else the system user."""
        return self.author.text().strip() or current_user()


class _MessageLabel(QLabel):
    """A message line that takes no room while it has nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVisible(False)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)


def current_user() -> str:
    """The system's name for the person at the keyboard ("" when it has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _now_local() -> time:
    return datetime.now().time()
