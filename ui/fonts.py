"""Registering the project's fonts with Qt, so Arabic and Chinese never show as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from gcm_dialogue.fonts import find_fonts

# Family names of the CJK fonts gcm_dialogue.fonts looks for, as the system lists them.
_CJK_FAMILIES = (
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
    "Microsoft YaHei",
    "Heiti SC",
    "STHeiti",
    "Arial Unicode MS",
    "AR PL UKai CN",
)


def _is_system_font(path: object) -> bool:
    text = str(path).replace("\\", "/")
    return text.startswith(
        ("/usr/share/fonts", "C:/Windows/Fonts", "/System/Library", "/Library/Fonts")
    )


def register_fonts() -> list[str]:
    """Add the found font files to Qt; returns the font families to use, Latin first.

    A CJK font the system already lists (Debian's package, Windows' and macOS' own) is known
    to Qt without registering: only its family name is looked up, which is much cheaper.
    """
    fonts = find_fonts()
    families: list[str] = []
    for path in (fonts.latin, fonts.latin_italic, fonts.arabic, fonts.cjk):
        if path is None:
            continue
        if path == fonts.cjk and _is_system_font(path):
            known = next((f for f in _CJK_FAMILIES if QFontDatabase.hasFamily(f)), None)
            if known:
                families.append(known)
                continue
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
