"""Pieces every editing dialog repeats: the error line, OK/Cancel, accept-or-show-the-error."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from gcm_dialogue.errors import KnownError

ERROR_COLOUR = "#a4262c"


def error_label(object_name: str = "error") -> QLabel:
    """A hidden, word-wrapped red line for what stops the dialog from being accepted."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOUR}")
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.show()


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel buttons wired to the dialog's accept and reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def submitted(error: QLabel, action: Callable[[], object]) -> bool:
    """Run ``action`` (the dialog's callback); when the core refuses, show why and say no.

    A dialog's ``accept`` calls ``super().accept()`` only when this returns True, so the
    dialog stays open on a refusal.
    """
    try:
        action()
    except KnownError as exc:
        show_error(error, str(exc))
        return False
    return True
