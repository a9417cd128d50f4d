"""Per-run font fallback: every character drawn in a font that has its glyph."""

from __future__ import annotations

import re
from xml.sax.saxutils import unescape

import pytest

from gcm_dialogue.reports.fonts import (
    ARABIC,
    CJK,
    LATIN,
    base_font,
    markup,
    mostly_arabic,
    register_fonts,
)


def runs(text: str, lang: str) -> list[tuple[str, str]]:
    """(font, text) pieces of ``markup``'s output."""
    pieces = re.findall(r'<font name="([^"]+)">(.*?)</font>|([^<]+)', markup(text, lang))
    return [
        (font or base_font(lang), unescape(inner if font else outer))
        for font, inner, outer in pieces
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The GRCP 7 met in Geneva.", "en", [(LATIN, "The GRCP 7 met in Geneva.")]),
        (
            "Le pacte — الاتفاق العالمي — est adopté.",
            "fr",
            [(LATIN, "Le pacte —"), (ARABIC, " الاتفاق العالمي "), (LATIN, "— est adopté.")],
        ),
        (
            "عقدت المنظمة (IOM) الاجتماع",
            "ar",
            [(ARABIC, "عقدت المنظمة"), (LATIN, " (IOM) "), (ARABIC, "الاجتماع")],
        ),
        (
            "第七次会议（GRCP 7）在日内瓦举行。",
            "zh",
            [(CJK, "第七次会议（"), (LATIN, "GRCP 7"), (CJK, "）在日内瓦举行。")],
        ),
        ("Москва & <Женева>", "ru", [(LATIN, "Москва & <Женева>")]),
    ],
)
def test_runs_by_script(text, lang, expected):
    assert runs(text, lang) == expected


@pytest.mark.parametrize("lang", ["ar", "en", "fr", "ru", "zh"])
@pytest.mark.parametrize(
    "text",
    [
        "Inter-State “consultation” — 10–11 October 2017 · 77 %",
        "Межгосударственные механизмы № 5 — «диалог»",
        "آليات التشاور بين الدول (ISCM) ٢٠١٧ ، الهجرة؛",
        "安全、有序和正常移民全球契约（GCM）——2017年",
        "Mixed: GFMD، 中文 and العربية with ‘quotes’ … ok",
    ],
)
def test_no_character_lacks_a_glyph(text, lang):
    cmaps = register_fonts().cmaps
    pieces = list(runs(text, lang))
    assert "".join(piece for _font, piece in pieces) == text  # every character is in a run
    for font, piece in pieces:
        missing = [ch for ch in piece if ord(ch) not in cmaps[font] and not ch.isspace()]
        assert not missing, (font, piece, missing)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("الاتفاق العالمي (GCM)", True), ("The compact (الاتفاق)", False), ("", False)],
)
def test_mostly_arabic(text, expected):
    assert mostly_arabic(text) is expected
