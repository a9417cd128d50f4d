"""The shared pieces of the editing dialogs: error line, OK/Cancel, accept-or-show-the-error."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from gcm_dialogue.errors import ValidationError
from ui.dialogs.common import error_label, ok_cancel, show_error, submitted
from ui.dialogs.survey_texts_dialog import SurveyTextsDialog


def test_error_label_is_hidden_until_shown(qtbot):
    label = error_label("participantError")
    qtbot.addWidget(label)
    assert label.objectName() == "participantError" and label.isHidden()
    show_error(label, "Give a name.")
    assert label.text() == "Give a name." and not label.isHidden()


def test_ok_cancel_accepts_and_rejects(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = ok_cancel(dialog)
    buttons.button(QDialogButtonBox.Ok).click()
    assert dialog.result() == QDialog.Accepted
    buttons.button(QDialogButtonBox.Cancel).click()
    assert dialog.result() == QDialog.Rejected


def test_submitted_shows_a_known_error_and_says_no(qtbot):
    label = error_label()
    qtbot.addWidget(label)
    assert submitted(label, lambda: None)

    def refuse():
        raise ValidationError("already taken")

    assert not submitted(label, refuse)
    assert label.text() == "already taken" and not label.isHidden()


def test_a_callback_dialog_stays_open_on_a_refusal(qtbot):
    calls = []

    def on_accept(values):
        calls.append(values)
        if len(calls) == 1:
            raise ValidationError("not yet")

    dialog = SurveyTextsDialog("Title", ["en"], on_accept, {"en": "Hello"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text() == "not yet"
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == QDialog.Accepted
    assert calls[-1]["texts"] == {"en": "Hello"}
