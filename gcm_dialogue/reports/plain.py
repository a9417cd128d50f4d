"""A fast paragraph for the commonest case: one font, no markup, left to right.

Most of a long report's paragraphs are notes in one Latin or Cyrillic font with no markup.
reportlab's ``Paragraph`` parses each one as markup and measures every word character by
character in Python; ``PlainParagraph`` measures each distinct word once per font (a
report repeats its words thousands of times) and draws each line with one text operator,
justified with word spacing as reportlab does. It looks the same as a ``Paragraph`` of the
same style: same line breaks at spaces, same baselines, same bullet position.
"""

from __future__ import annotations

import re

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from .paragraph_parts import ParagraphPart
from .pdftext import encode, fill_colour
from .pdftext import num as _num

_SPACES = re.compile(r"[ \t\r\n]+")
_WIDTHS: dict[str, dict[str, float]] = {}  # font -> word -> width per 1000 em


def word_width(font: str, word: str) -> float:
    """The width of ``word`` in ``font`` per 1000 em, measured once."""
    cache = _WIDTHS.get(font)
    if cache is None or len(cache) > 200_000:  # a vocabulary, not every text ever measured
        cache = _WIDTHS[font] = {}
    width = cache.get(word)
    if width is None:
        face = pdfmetrics.getFont(font).face
        widths, default = face.charWidths, face.defaultWidth
        width = cache[word] = sum(widths.get(ord(ch), default) for ch in word)
    return width


class PlainParagraph(ParagraphPart):
    """A paragraph of plain text in one font (see the module)."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        bullet: str | None = None,
        _lines: list[tuple[int, int, float]] | None = None,
        _words: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        # broken at ASCII white space only: a no-break space holds its words together
        self.words = _words if _words is not None else [w for w in _SPACES.split(text) if w]
        self.bullet = bullet
        self._lines = _lines
        self._wrapped: float | None = None if _lines is None else -1.0
        self.width = self.height = 0.0

    def _layout(self, avail: float) -> list[tuple[int, int, float]]:
        style = self.style
        size = style.fontSize
        font = style.fontName
        width = (avail - style.leftIndent - style.rightIndent) * 1000 / size
        space = word_width(font, " ")
        lines: list[tuple[int, int, float]] = []
        start, used = 0, 0.0
        for i, word in enumerate(self.words):
            w = word_width(font, word)
            if i == start:
                used = w
            elif used + space + w > width + 1e-6:
                lines.append((start, i, used * size / 1000))
                start, used = i, w
            else:
                used += space + w
        if self.words:
            lines.append((start, len(self.words), used * size / 1000))
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None or (self._wrapped not in (-1.0, avail_width)):
            self._lines = self._layout(avail_width)
            self._wrapped = avail_width
        self.width = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def getActualLineWidths0(self) -> list[float]:  # noqa: N802 - reportlab's name
        return [line[2] for line in self._lines or []]

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self._lines or []
        count = self.lines_before_break(len(lines), avail_height)
        if not count:
            return []
        first = PlainParagraph(
            "", self.style, bullet=self.bullet, _lines=lines[:count], _words=self.words
        )
        rest = PlainParagraph("", self.style, _lines=lines[count:], _words=self.words)
        first._first, first._final = self._first, False
        rest._first, rest._final = False, self._final
        for part in (first, rest):
            part.width = self.width
            part.height = len(part._lines) * self.style.leading
        return [first, rest]

    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        lines = self._lines or []
        if not lines:
            return
        doc = canvas._doc
        size = style.fontSize
        code = canvas._code
        canvas.saveState()
        code.append("BT")
        colour = style.textColor
        if getattr(colour, "alpha", 1) == 1:
            code.append(fill_colour(colour))
        else:
            canvas.setFillColor(colour)  # a transparent colour needs reportlab's graphics state
        avail = self.width - style.leftIndent - style.rightIndent
        y = self.height - size
        current = None
        last_index = len(lines) - 1
        for index, (start, end, width) in enumerate(lines):
            gap = avail - width
            x = style.leftIndent
            spacing = 0.0
            if style.alignment == TA_JUSTIFY:
                if (index < last_index or not self._final) and end - start > 1 and gap > 0:
                    spacing = gap / (end - start - 1)
            elif style.alignment == TA_RIGHT:
                x += gap
            elif style.alignment == TA_CENTER:
                x += gap / 2
            code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
            if spacing:
                code.append(f"{_num(spacing)} Tw")
            for name, chunk in encode(style.fontName, " ".join(self.words[start:end]), doc):
                if current != name:
                    code.append(f"{name} {_num(size)} Tf")
                    current = name
                code.append(f"({chunk}) Tj")
            if spacing:
                code.append("0 Tw")
            y -= style.leading
        if self.bullet is not None and self._first:
            bullet_size = style.bulletFontSize or size
            top = self.height - size
            code.append(f"1 0 0 1 {_num(style.bulletIndent)} {_num(top)} Tm")
            for name, chunk in encode(style.bulletFontName, self.bullet, doc):
                code.append(f"{name} {_num(bullet_size)} Tf ({chunk}) Tj")
        code.append("ET")
        canvas.restoreState()
