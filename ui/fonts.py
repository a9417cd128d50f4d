"""Registering the project's fonts with Qt, so Arabic and Chinese never show as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from gcm_dialogue.fonts import find_fonts


def register_fonts() -> list[str]:
    """Add the found font files to Qt; returns the families Qt now knows from them."""
    families: list[str] = []
    for path in find_fonts().all():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(dict.fromkeys(families))


def application_font(families: list[str], point_size: float) -> QFont:
    """A font that falls back through ``families`` per character, for mixed-script text."""
    font = QFont()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    return font
