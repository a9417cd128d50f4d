"""A title in each working language, and for a survey its invitation date and deadline."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue.i18n import _, language_name

from .common import error_label, ok_cancel, submitted


class SurveyTextsDialog(QDialog):
    def __init__(
        self,
        title: str,
        languages: Sequence[str],
        on_accept: Callable[[dict], object],
        texts: dict | None = None,
        *,
        with_dates: bool = False,
        invited_on: str | None = None,
        deadline: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on_accept = on_accept
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.edits: dict[str, QLineEdit] = {}
        for lang in languages:
            edit = QLineEdit((texts or {}).get(lang, ""))
            edit.setMinimumWidth(420)
            self.edits[lang] = edit
            form.addRow(language_name(lang) + ":", edit)
        self.dates: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        if with_dates:
            for name, label, value in (
                ("invited_on", _("Invited on:"), invited_on),
                ("deadline", _("Deadline:"), deadline),
            ):
                row = QHBoxLayout()
                check, edit = QCheckBox(), QDateEdit()
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("yyyy-MM-dd")
                check.setChecked(bool(value))
                edit.setDate(
                    QDate.fromString(value, "yyyy-MM-dd") if value else QDate.currentDate()
                )
                edit.setEnabled(bool(value))
                check.toggled.connect(edit.setEnabled)
                row.addWidget(check)
                row.addWidget(edit)
                row.addStretch()
                form.addRow(label, row)
                self.dates[name] = (check, edit)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))

    def values(self) -> dict:
        values: dict = {"texts": {lang: e.text().strip() for lang, e in self.edits.items()}}
        for name, (check, edit) in self.dates.items():
            values[name] = edit.date().toString("yyyy-MM-dd") if check.isChecked() else None
        return values

    def accept(self) -> None:
        if submitted(self.error, lambda: self.on_accept(self.values())):
            super().accept()
