"""Edit one note and see its history: who changed what, and when."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, notes
from gcm_dialogue.i18n import _
from gcm_dialogue.store import Workspace

from ..widgets.note_capture import TagLine, plain_language_name


def field_name(field: str) -> str:
    names = {
        "text": _("Text"),
        "lang": _("Language"),
        "kind": _("Kind"),
        "tags": _("Tags"),
        "status": _("Status"),
        "agenda_item_id": _("Session"),
        "group_id": _("Group"),
    }
    return names.get(field, _("Attribution"))


def value_text(field: str, value: str | None) -> str:
    if value is None or value == "":
        return "–"
    if field == "kind" and value in notes.KINDS:
        return str(notes.KINDS[value])
    if field == "status" and value in notes.STATUSES:
        return str(notes.STATUSES[value])
    if field == "lang":
        return plain_language_name(value)
    if field == "tags":
        return " ".join(notes.short_tag(t) for t in value.split())
    return value


class NoteDialog(QDialog):
    """The note's text, kind, language and tags, editable, above its edit history."""

    def __init__(
        self, ws: Workspace, note_id: str, languages: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.ws, self.note = ws, notes.get_note(ws, note_id)
        self.setWindowTitle(_("Note"))
        self.text = QPlainTextEdit(self.note.text)
        self.text.setObjectName("noteDialogText")
        self.text.setTabChangesFocus(True)
        self.kind = QComboBox()
        for code, label in notes.KINDS.items():
            self.kind.addItem(str(label), code)
        self.kind.setCurrentIndex(self.kind.findData(self.note.kind))
        self.lang = QComboBox()
        for code in dict.fromkeys((*languages, self.note.lang)):
            self.lang.addItem(plain_language_name(code), code)
        self.lang.setCurrentIndex(self.lang.findData(self.note.lang))
        self.tags = TagLine(ws)
        self.tags.setObjectName("noteDialogTags")
        self.tags.setText(" ".join(notes.short_tag(t) for t in self.note.tags))
        status = str(notes.STATUSES[self.note.status])
        if self.note.status_at:
            status = _("{status}, by {who} on {when}").format(
                status=notes.STATUSES[self.note.status],
                who=self.note.status_by or _("unknown"),
                when=_when(self.note.status_at),
            )
        form = QFormLayout()
        form.addRow(_("&Text:"), self.text)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Language:"), self.lang)
        form.addRow(_("T&ags:"), self.tags)
        form.addRow(_("Status:"), QLabel(status))
        form.addRow(_("Captured:"), QLabel(_when(self.note.captured_at)))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a61b1b")
        self.error.setWordWrap(True)
        self.history = QTreeWidget()
        self.history.setObjectName("noteHistory")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        self.history.header().setSectionResizeMode(QHeaderView.ResizeToContents)
        for entry in notes.note_history(ws, note_id):
            row = QTreeWidgetItem(
                [
                    _when(entry.changed_at),
                    entry.changed_by,
                    field_name(entry.field),
                    value_text(entry.field, entry.old_value),
                    value_text(entry.field, entry.new_value),
                ]
            )
            for column in (3, 4):
                row.setToolTip(column, row.text(column))
            self.history.addTopLevelItem(row)
        if not self.history.topLevelItemCount():
            QTreeWidgetItem(self.history, [_("No change since the note was kept.")])
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(QLabel(_("Edit history")))
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def values(self) -> dict:
        return {
            "text": self.text.toPlainText(),
            "kind": self.kind.currentData(),
            "lang": self.lang.currentData(),
            "tags": self.tags.text(),
        }

    def show_error(self, message: str) -> None:
        self.error.setText(message)


def _when(stamp: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return i18n.format_datetime(moment.astimezone(), format="short")
