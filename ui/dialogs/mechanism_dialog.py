"""Adding or editing one mechanism: acronym, name per language, kind, regions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n, mechanisms
from gcm_dialogue.errors import KnownError
from gcm_dialogue.i18n import _
from gcm_dialogue.mechanisms import Mechanism
from gcm_dialogue.multilingual import Text
from gcm_dialogue.taxonomy import Region


def language_label(code: str) -> str:
    """A language's name in the interface language ("French", "français")."""
    return i18n.babel_locale(i18n.current_language()).languages.get(code, code)


class MechanismDialog(QDialog):
    """Read ``values()`` once accepted; ``accept`` refuses bad input with a message.

    ``languages`` are the languages to offer a name field for (the meeting's working
    languages); the interface language and every language the mechanism already has a name
    in are offered too, so no name is hidden. ``acronym_taken(acronym)`` tells whether
    another mechanism already uses an acronym.
    """

    def __init__(
        self,
        regions: list[Region],
        languages: Iterable[str],
        acronym_taken: Callable[[str], bool],
        mechanism: Mechanism | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mechanismDialog")
        self.setWindowTitle(_("Edit mechanism") if mechanism else _("Add mechanism"))
        self.mechanism = mechanism
        self.acronym_taken = acronym_taken
        ui_lang = i18n.current_language()
        existing = Text(mechanism.name) if mechanism else Text()
        wanted = {*languages, ui_lang, *existing}
        shown = [code for code in i18n.LANGUAGES if code in wanted]

        self.acronym = QLineEdit()
        self.acronym.setObjectName("mechanismAcronym")
        self.names: dict[str, QLineEdit] = {}
        for code in shown:
            edit = QLineEdit()
            edit.setObjectName(f"mechanismName_{code}")
            edit.setText(existing.get(code, ""))
            # wide enough for a full name; each in its own script's direction
            edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 60)
            rtl = i18n.text_direction(code) == "rtl"
            edit.setLayoutDirection(Qt.RightToLeft if rtl else Qt.LeftToRight)
            edit.textChanged.connect(self._update_filled)
            self.names[code] = edit
        self.filled = QLabel()
        self.filled.setObjectName("mechanismFilled")
        self.filled.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.setObjectName("mechanismKind")
        for code, label in mechanisms.KINDS.items():
            self.kind.addItem(str(label), code)
        self.regions: dict[str, QCheckBox] = {}
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, region in enumerate(regions):
            check = QCheckBox(region.name.get_text(ui_lang))
            check.setObjectName(f"mechanismRegion_{region.code}")
            self.regions[region.code] = check
            grid.addWidget(check, n // 2, n % 2)

        form = QFormLayout()
        form.addRow(_("Acronym:"), self.acronym)
        for code, edit in self.names.items():
            form.addRow(_("Name in {language}:").format(language=language_label(code)), edit)
        form.addRow("", self.filled)
        form.addRow(_("Kind:"), self.kind)
        form.addRow(_("Regions:"), box)
        hint = QLabel(_("An inter-regional forum belongs to every region it covers."))
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.error = QLabel()
        self.error.setObjectName("mechanismError")
        self.error.setStyleSheet("color: #a4262c")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.buttons = buttons
        self._other_names = Text({c: t for c, t in existing.items() if c not in self.names})

        if mechanism is None:
            self.kind.setCurrentIndex(self.kind.findData("rcp"))
        else:
            self.acronym.setText(mechanism.acronym)
            self.kind.setCurrentIndex(max(0, self.kind.findData(mechanism.kind)))
            for code in mechanism.regions:
                if code in self.regions:
                    self.regions[code].setChecked(True)
        self._update_filled()

    def _update_filled(self) -> None:
        filled = [code for code in i18n.LANGUAGES if code in self.name()]
        if filled:
            names = i18n.list_separator().join(language_label(code) for code in filled)
            self.filled.setText(_("Name given in: {languages}").format(languages=names))
        else:
            self.filled.setText(_("No name given yet."))

    def name(self) -> Text:
        texts = dict(self._other_names)
        texts.update({code: edit.text().strip() for code, edit in self.names.items()})
        return Text(texts)

    def values(self) -> dict[str, object]:
        """The fields for ``create_mechanism``/``update_mechanism``."""
        return {
            "acronym": self.acronym.text().strip(),
            "name": dict(self.name()),
            "kind": self.kind.currentData(),
            "regions": [code for code, box in self.regions.items() if box.isChecked()],
        }

    def accept(self) -> None:
        acronym = self.acronym.text().strip()
        if not acronym:
            self.show_error(_("Give the mechanism an acronym."), self.acronym)
            return
        unchanged = self.mechanism is not None and (
            acronym.casefold() == self.mechanism.acronym.casefold()
        )
        if not unchanged and self.acronym_taken(acronym):
            self.show_error(
                _("There is already a mechanism with the acronym {acronym}.").format(
                    acronym=acronym
                ),
                self.acronym,
            )
            return
        if not self.name():
            first = next(iter(self.names.values()), None)
            self.show_error(_("Give the mechanism a name in at least one language."), first)
            return
        ticked = [code for code, box in self.regions.items() if box.isChecked()]
        try:
            mechanisms.check_kind_regions(str(self.kind.currentData()), ticked)
        except KnownError as exc:
            self.show_error(str(exc), next(iter(self.regions.values()), None))
            return
        super().accept()

    def show_error(self, message: str, field: QWidget | None = None) -> None:
        self.error.setText(message)
        self.error.show()
        if field is not None:
            field.setFocus()


__all__ = ["MechanismDialog"]
