"""Adding or editing a breakout group: name, region, room, interpretation pair, capacity,
guiding questions."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gcm_dialogue import i18n
from gcm_dialogue.groups import BreakoutGroup, carry_translations, too_small
from gcm_dialogue.i18n import _
from gcm_dialogue.multilingual import Text

from .common import error_label, ok_cancel, show_error


class GroupDialog(QDialog):
    def __init__(
        self,
        regions: list[tuple[str, str]],
        source_lang: str,
        group: BreakoutGroup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("groupDialog")
        self.setWindowTitle(_("Edit group") if group else _("Add group"))
        self.source_lang, self.group = source_lang, group
        lang = i18n.current_language()
        self.name = QLineEdit()
        self.region = QComboBox()
        self.region.addItem(_("(none: a mixed group)"), None)
        for code, name in regions:
            self.region.addItem(name, code)
        self.room = QLineEdit()
        self.interpretation = [QComboBox(), QComboBox()]
        pair = QWidget()
        pair_layout = QHBoxLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        for combo in self.interpretation:
            combo.addItem("—", None)
            for code in i18n.LANGUAGES:
                combo.addItem(i18n.babel_locale(lang).languages.get(code, code), code)
            pair_layout.addWidget(combo)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 10000)
        self.capacity.setSpecialValueText(_("no limit"))
        self.questions = QPlainTextEdit()
        self.questions.setPlaceholderText(_("One guiding question per line"))
        form = QFormLayout()
        form.addRow(_("Name:"), self.name)
        form.addRow(_("Region:"), self.region)
        form.addRow(_("Room:"), self.room)
        form.addRow(_("Interpretation pair:"), pair)
        form.addRow(_("Capacity:"), self.capacity)
        form.addRow(_("Guiding questions:"), self.questions)
        self.error = error_label()
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if group is not None:
            self.name.setText(group.name.get_text(lang, source_lang))
            self.region.setCurrentIndex(max(0, self.region.findData(group.region)))
            self.room.setText(group.room)
            for combo, code in zip(self.interpretation, group.interpretation, strict=False):
                combo.setCurrentIndex(max(0, combo.findData(code)))
            self.capacity.setValue(group.capacity or 0)
            self.questions.setPlainText(
                "\n".join(q.get_text(lang, source_lang) for q in group.guiding_questions)
            )
        self.lang = lang

    def values(self) -> dict[str, object]:
        """The fields for create_group/update_group; texts in the language being edited,
        the group's other translations kept."""
        text = self.name.text().strip()
        old_name = Text(self.group.name if self.group else {})
        if old_name and old_name.get_text(self.lang, self.source_lang) == text:
            name = old_name  # unchanged: not copied into the language being edited
        else:
            name = old_name.with_text(self.lang, text) or Text(text, self.lang)
        old = list(self.group.guiding_questions) if self.group else []
        lines = self.questions.toPlainText().splitlines()
        questions = [dict(q) for q in carry_translations(old, lines, self.lang, self.source_lang)]
        pair = [c.currentData() for c in self.interpretation if c.currentData()]
        return {
            "name": dict(name),
            "region": self.region.currentData(),
            "room": self.room.text().strip(),
            "interpretation": pair,
            "capacity": self.capacity.value() or None,
            "guiding_questions": questions,
        }

    def accept(self) -> None:
        if not self.name.text().strip():
            show_error(self.error, _("Give the group a name."))
            return
        pair = [c.currentData() for c in self.interpretation if c.currentData()]
        if len(set(pair)) != len(pair):
            show_error(self.error, _("an interpretation pair needs two different languages"))
            self.interpretation[1].setFocus()
            return
        members = len(self.group.members) if self.group else 0
        if self.capacity.value() and self.capacity.value() < members:
            show_error(self.error, too_small(self.capacity.value(), members))
            self.capacity.setFocus()
            return
        super().accept()
