"""Adding or editing one participant: name, organisation, category, country, roles, ..."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, participants
from gcm_dialogue.i18n import _
from gcm_dialogue.mechanisms import Mechanism
from gcm_dialogue.participants import Participant

from .common import error_label, ok_cancel, show_error

GENDERS = (("", ""), ("female", "Female"), ("male", "Male"), ("other", "Other"))


def _gender_label(code: str) -> str:
    return {"": "", "female": _("Female"), "male": _("Male"), "other": _("Other")}[code]


class ParticipantDialog(QDialog):
    """The values are read with ``values()`` and ``roles()`` once accepted."""

    def __init__(
        self,
        mechanisms: list[Mechanism],
        person: Participant | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("participantDialog")
        self.setWindowTitle(_("Edit participant") if person else _("Add participant"))
        lang = i18n.current_language()
        self.honorific = QLineEdit()
        self.given = QLineEdit()
        self.family = QLineEdit()
        self.organisation = QComboBox()
        self.organisation.setEditable(True)
        self.organisation.setInsertPolicy(QComboBox.NoInsert)
        self.organisation.addItem("", None)
        for mechanism in mechanisms:
            self.organisation.addItem(mechanism.acronym, mechanism.id)
        self.category = QComboBox()
        for code, label in participants.CATEGORIES.items():
            self.category.addItem(str(label), code)
        self.country = QComboBox()
        self.country.addItem("", "")
        territories = i18n.babel_locale(lang).territories
        for code, name in sorted(
            ((c, n) for c, n in territories.items() if len(c) == 2 and c.isalpha()),
            key=lambda item: item[1],
        ):
            self.country.addItem(name, code)
        self.job_title = QLineEdit()
        self.email = QLineEdit()
        self.gender = QComboBox()
        for code, _english in GENDERS:
            self.gender.addItem(_gender_label(code), code)
        self.languages: dict[str, QCheckBox] = {}
        languages = QWidget()
        grid = QGridLayout(languages)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, code in enumerate(i18n.LANGUAGES):
            box = QCheckBox(i18n.babel_locale(lang).languages.get(code, code))
            self.languages[code] = box
            grid.addWidget(box, n // 3, n % 3)
        self.roles: dict[str, QCheckBox] = {}
        roles = QWidget()
        grid = QGridLayout(roles)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, (code, label) in enumerate(participants.ROLES.items()):
            box = QCheckBox(str(label))
            self.roles[code] = box
            grid.addWidget(box, n // 3, n % 3)

        form = QFormLayout()
        form.addRow(_("Honorific:"), self.honorific)
        form.addRow(_("Given name:"), self.given)
        form.addRow(_("Family name:"), self.family)
        form.addRow(_("Organisation or mechanism:"), self.organisation)
        form.addRow(_("Category:"), self.category)
        form.addRow(_("Country:"), self.country)
        form.addRow(_("Position:"), self.job_title)
        form.addRow(_("Email:"), self.email)
        form.addRow(_("Gender:"), self.gender)
        form.addRow(_("Languages:"), languages)
        form.addRow(_("Roles in this meeting:"), roles)
        self.error = error_label("participantError")
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.buttons = buttons
        self._fill(person)

    def _fill(self, person: Participant | None) -> None:
        if person is None:
            self.category.setCurrentIndex(self.category.findData("other"))
            self.roles["participant"].setChecked(True)
            return
        self.honorific.setText(person.honorific)
        self.given.setText(person.given_name)
        self.family.setText(person.family_name)
        index = self.organisation.findData(person.mechanism_id) if person.mechanism_id else -1
        if index >= 0:
            self.organisation.setCurrentIndex(index)
        else:
            self.organisation.setEditText(person.organisation)
        self.category.setCurrentIndex(max(0, self.category.findData(person.category)))
        self.country.setCurrentIndex(max(0, self.country.findData(person.country)))
        self.job_title.setText(person.job_title)
        self.email.setText(person.email)
        self.gender.setCurrentIndex(max(0, self.gender.findData(person.gender)))
        for code in person.languages:
            if code in self.languages:
                self.languages[code].setChecked(True)
        for code in person.roles or ("participant",):
            if code in self.roles:
                self.roles[code].setChecked(True)

    def values(self) -> dict[str, object]:
        text = self.organisation.currentText().strip()
        index = self.organisation.findText(text, Qt.MatchFixedString) if text else 0
        mechanism_id = self.organisation.itemData(index) if index > 0 else None
        return {
            "honorific": self.honorific.text(),
            "given_name": self.given.text(),
            "family_name": self.family.text(),
            "mechanism_id": mechanism_id,
            "organisation": "" if mechanism_id else text,
            "category": self.category.currentData(),
            "country": self.country.currentData() or "",
            "job_title": self.job_title.text(),
            "email": self.email.text(),
            "gender": self.gender.currentData() or "",
            "languages": [c for c, box in self.languages.items() if box.isChecked()],
        }

    def chosen_roles(self) -> list[str]:
        return [c for c, box in self.roles.items() if box.isChecked()] or ["participant"]

    def accept(self) -> None:
        values = self.values()
        if not (str(values["given_name"]).strip() or str(values["family_name"]).strip()):
            self.show_error(_("Give a given name or a family name."))
            return
        email = str(values["email"]).strip()
        if email and ("@" not in email or " " in email):
            self.show_error(_("{email} is not an email address.").format(email=email))
            return
        super().accept()

    def show_error(self, message: str) -> None:
        show_error(self.error, message)


__all__ = ["ParticipantDialog"]
