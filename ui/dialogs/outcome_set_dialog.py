"""A set of outcomes' title in each working language: new, renamed or translated."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from gcm_dialogue import i18n
from gcm_dialogue.i18n import _

from ..widgets.note_capture import plain_language_name
from .common import error_label, ok_cancel, submitted


class OutcomeSetDialog(QDialog):
    """One line per working language, the source one first. ``save`` gets the titles (a blank
    one removes that language's) and runs the core call; the dialog stays open on a refusal."""

    def __init__(
        self,
        langs: tuple[str, ...] | list[str],
        source: str,
        titles: Mapping[str, str],
        save: Callable[[dict[str, str]], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeSetDialog")
        self.setWindowTitle(_("Set of outcomes"))
        self._save = save
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        ordered = [source, *[code for code in langs if code != source]]
        for code in ordered:
            edit = QLineEdit(titles.get(code, ""))
            edit.setObjectName(f"setTitle_{code}")
            edit.setCursorPosition(0)  # a long title shows its beginning
            edit.setLayoutDirection(
                Qt.RightToLeft if i18n.text_direction(code) == "rtl" else Qt.LeftToRight
            )
            if code != source:
                edit.setPlaceholderText(titles.get(source, ""))
            self.edits[code] = edit
            label = QLabel(plain_language_name(code) + ":")
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.error = error_label("setTitleError")
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(_("The title in each working language; the source language's is required."))
        )
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)

    def titles(self) -> dict[str, str]:
        return {code: edit.text().strip() for code, edit in self.edits.items()}

    def accept(self) -> None:
        if submitted(self.error, lambda: self._save(self.titles())):
            super().accept()
