"""The bidi algorithm of the documents, against the reference implementation's results
(GNU FriBidi's visual order for the same strings), and the Arabic layout it drives."""

from __future__ import annotations

import pytest
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from gcm_dialogue.reports.bidi import line_levels, paragraph_is_rtl, reorder, resolve_levels
from gcm_dialogue.reports.fonts import ARABIC, markup, register_fonts
from gcm_dialogue.reports.shaped import BidiParagraph

MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "«": "»", "»": "«"}


def visual(text: str, rtl: bool) -> str:
    """``text`` in visual order, left to right, brackets mirrored where right to left."""
    levels = resolve_levels(text, rtl)
    runs = reorder([(i, i + 1, level) for i, level in enumerate(levels)])
    return "".join(MIRROR.get(text[a], text[a]) if level % 2 else text[a] for a, _b, level in runs)


@pytest.mark.parametrize(
    ("text", "rtl", "expected"),
    [
        (
            "قائمة المختصرات (GRCP 7): آليات 10:15–10:30 ص، 77% من 35.",
            True,
            ".35 نم %77 ،ص 10:30–10:15 تايلآ :(GRCP 7) تارصتخملا ةمئاق",
        ),
        (
            "Mrs هالة المنياوي (ARCP) said: «الهجرة» matters.",
            False,
            "Mrs يواينملا ةلاه (ARCP) said: «ةرجهلا» matters.",
        ),
        (
            "The text (with العربية [in] brackets) ends.",
            False,
            "The text (with ةيبرعلا [in] brackets) ends.",
        ),
        ("أ (ب [ج] د) هـ", True, "ـه (د [ج] ب) أ"),
    ],
)
def test_visual_order_is_fribidis(text, rtl, expected):
    assert visual(text, rtl) == expected


def test_numbers_and_dates_stay_left_to_right_in_arabic():
    text = "مركز جنيف (10–11 أكتوبر 2017)"
    levels = resolve_levels(text, True)
    for number in ("10", "11", "2017"):
        start = text.index(number)
        assert set(levels[start : start + len(number)]) == {2}
    heading = "2.1 الجلسة الافتتاحية"
    assert visual(heading, True).endswith("2.1"), "the number starts the line, on the right"


def test_trailing_spaces_take_the_paragraphs_level():
    text = "IOM "
    assert line_levels(text, resolve_levels(text, True), True)[-1] == 1


def test_paragraph_direction_from_its_first_strong_character():
    assert paragraph_is_rtl("(2017) الهجرة IOM")
    assert not paragraph_is_rtl("IOM الهجرة")
    assert not paragraph_is_rtl("2017")


def test_arabic_paragraph_wraps_right_aligned_and_keeps_every_character():
    register_fonts()
    style = ParagraphStyle("t", fontName=ARABIC, fontSize=10, leading=14, alignment=TA_RIGHT)
    text = "عُقد الاجتماع العالمي السابع (GRCP 7) في جنيف يومي 10 و11 أكتوبر 2017. " * 4
    paragraph = BidiParagraph(markup(text, "ar"), style, rtl=True)
    width, height = paragraph.wrap(200, 1000)
    lines = paragraph._lines
    assert len(lines) > 3 and height == len(lines) * 14
    assert all(line.width <= 200 + 1e-6 for line in lines)
    # the lines together hold the text, in order, only the breaking spaces left out
    joined = " ".join(paragraph._text.text[line.start : line.end] for line in lines)
    assert joined == " ".join(text.split())
    top, rest = paragraph.split(200, 14 * 2.5)
    assert len(top._lines) == 2 and len(top._lines) + len(rest._lines) == len(lines)
