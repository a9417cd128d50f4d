"""Paragraphs with Arabic: shaped by HarfBuzz, ordered by the bidi algorithm, extractable.

reportlab's ``Paragraph`` sets text left to right; its right-to-left support needs rlbidi,
a C extension that is not installed, and without it Arabic lines come out with their words
in the wrong order, numbers reversed and brackets broken. ``BidiParagraph`` lays out such
paragraphs itself:

- the markup (``<font>``, ``<b>``, colours, sizes) is read by reportlab's own parser;
- each character's embedding level comes from ``bidi.resolve_levels``;
- lines are broken at spaces (and between Chinese characters), measured with the shaped
  widths of their words;
- each line's runs are put in visual order (rule L2) and shaped by HarfBuzz in their
  direction (which also mirrors brackets in right-to-left runs);
- a shaped right-to-left run has glyphs that no ToUnicode map can name (a ligature, a
  letter drawn without its dots and the dots as marks): it is drawn inside a
  ``/Span <</ActualText ()>> BDC ... EMC`` sequence, which says it carries no text, and is
  followed by its characters drawn invisibly (text render mode 3) in visual order over the
  same width, as a PDF of visually ordered text has them. Copying, searching and
  ``pdftotext`` then give the Arabic as it was written, not presentation forms.

It answers what the layout code asks of a paragraph: ``wrap``, ``split``, ``drawOn``,
``height`` and ``getActualLineWidths0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from xml.sax.saxutils import unescape

from reportlab.lib.colors import toColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable
from reportlab.platypus.paraparser import ParaParser

from .bidi import line_levels, reorder, resolve_levels
from .paragraph_parts import ParagraphPart
from .pdftext import encode, escape
from .pdftext import num as _num

try:  # a dependency of the project (pyproject.toml); guarded for reportlab's sake only
    import uharfbuzz
except ImportError:  # pragma: no cover
    uharfbuzz = None

_SPACE = " "
_CJK_BREAK = re.compile(r"[\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WHITESPACE = re.compile(r"[ \t\r\n]+")


class Glyph(NamedTuple):
    char: str  # the character reportlab's subset maps to the glyph
    width: float  # the advance the PDF font gives that character, per 1000 em
    advance: float  # the advance HarfBuzz gives the glyph here, per 1000 em
    dx: float
    dy: float
    space: bool  # a space, where a justified line takes its extra width


@dataclass(frozen=True)
class Shaped:
    glyphs: tuple[Glyph, ...]
    width: float  # per 1000 em


@lru_cache(maxsize=16)
def _hb_font(font_name: str) -> object:
    ttf = pdfmetrics.getFont(font_name)
    ttf.hbFont(10)  # sets up reportlab's private-use codes for glyphs without a character
    return uharfbuzz.Font(ttf.hbFace)


_WORD = re.compile(r" +|[^ ]+")


def shape_run(font_name: str, text: str, rtl: bool) -> Shaped:
    """A run of words, shaped word by word (a report repeats its words: each is shaped once)
    and put in visual order. Letters join within words only, so this is what shaping the
    whole run gives."""
    pieces = [shape(font_name, piece, rtl) for piece in _WORD.findall(text)]
    if len(pieces) == 1:
        return pieces[0]
    if rtl:
        pieces.reverse()
    glyphs: list[Glyph] = []
    for piece in pieces:
        glyphs.extend(piece.glyphs)
    return Shaped(tuple(glyphs), sum(piece.width for piece in pieces))


@lru_cache(maxsize=65536)
def shape(font_name: str, text: str, rtl: bool) -> Shaped:
    """``text`` in ``font_name`` as glyphs in visual order (left to right)."""
    ttf = pdfmetrics.getFont(font_name)
    face = ttf.face
    if not getattr(ttf, "shapable", False) or uharfbuzz is None:
        glyphs = []
        for ch in text:
            code = 32 if ch == "\u00a0" else ord(ch)
            width = face.charWidths.get(code, face.defaultWidth)
            glyphs.append(Glyph(chr(code), width, width, 0.0, 0.0, ch in " \u00a0"))
        if rtl:
            glyphs.reverse()
        return Shaped(tuple(glyphs), sum(g.advance for g in glyphs))
    font = _hb_font(font_name)
    scale = 1000.0 / face.unitsPerEm
    buf = uharfbuzz.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    # no ligatures in left-to-right text: "fi" stays two characters for search and copy
    uharfbuzz.shape(font, buf, {} if rtl else {"liga": False, "clig": False})
    glyphs = []
    total = 0.0
    to_char = face.glyphToChar
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = info.codepoint
        chars = to_char.get(gid)
        advance = pos.x_advance * scale
        if chars:
            code = chars[0]
        else:
            code = ttf.hbAddPrivate(font.glyph_to_string(gid), gid, advance)
        char = text[info.cluster] if info.cluster < len(text) else ""
        glyphs.append(
            Glyph(
                chr(code),
                face.charWidths.get(code, advance),
                advance,
                pos.x_offset * scale,
                pos.y_offset * scale,
                char in " \u00a0",
            )
        )
        total += advance
    return Shaped(tuple(glyphs), total)


@dataclass
class Span:
    start: int
    end: int
    font: str
    size: float
    color: object


@dataclass
class Run:
    """One run of a line, in visual order: one font, one direction."""

    span: Span
    shaped: Shaped
    width: float  # points
    spaces: int
    text: str
    rtl: bool


@dataclass
class Line:
    start: int
    end: int
    runs: list[Run]
    width: float
    spaces: int
    last: bool  # the paragraph's last line, or one ended by <br/>


@dataclass
class _Frag:
    text: str
    fontName: str  # noqa: N815 - reportlab's frag attributes
    fontSize: float  # noqa: N815
    textColor: object  # noqa: N815


_TAG = re.compile(r"<(/?)(b|i|font)(\s[^>]*)?>")
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


def _simple_frags(markup: str, style: ParagraphStyle) -> list[_Frag] | None:
    """The fragments of markup made of ``<b>``, ``<i>`` and ``<font name/color/size>``
    only (what the documents write), without reportlab's general parser; None otherwise."""
    if "<" in _TAG.sub("", markup):
        return None
    try:
        family, bold, italic = ps2tt(style.fontName)
    except ValueError:
        return None
    state = (family, bold, italic, style.fontSize, style.textColor)
    stack: list[tuple] = []
    frags: list[_Frag] = []
    position = 0

    def add(text: str) -> None:
        if text:
            name = tt2ps(state[0], state[1], state[2])
            frags.append(_Frag(unescape(text), name, state[3], state[4]))

    for match in _TAG.finditer(markup):
        add(markup[position : match.start()])
        position = match.end()
        closing, tag, attributes = match.groups()
        if closing:
            if not stack:
                return None
            state = stack.pop()
            continue
        stack.append(state)
        family, bold, italic, size, color = state
        if tag == "b":
            bold = 1
        elif tag == "i":
            italic = 1
        else:
            for key, value in _ATTRIBUTE.findall(attributes or ""):
                if key in ("name", "face"):
                    try:
                        family, b, i = ps2tt(value)
                    except ValueError:
                        return None
                    bold, italic = bold | b, italic | i
                elif key == "color":
                    color = toColor(value)
                elif key == "size":
                    size = float(value)
                else:
                    return None
        state = (family, bold, italic, size, color)
    add(markup[position:])
    return frags


class _Text:
    """A paragraph's text in logical order: characters, their spans and levels."""

    def __init__(self, markup: str, style: ParagraphStyle, rtl: bool) -> None:
        frags = _simple_frags(markup, style)
        if frags is None:
            parsed = ParaParser().parse(markup, style)
            frags = parsed[1] if parsed else []
        chars: list[str] = []
        spans: list[Span] = []
        self.hard_breaks: set[int] = set()
        for frag in frags:
            if getattr(frag, "lineBreak", False):
                self.hard_breaks.add(len(chars))
                continue
            text = _WHITESPACE.sub(" ", frag.text or "")
            if chars and chars[-1] == " " and text.startswith(" "):
                text = text[1:]
            if not chars and text.startswith(" "):
                text = text[1:]
            if not text:
                continue
            start = len(chars)
            chars.extend(text)
            span = Span(start, len(chars), frag.fontName, frag.fontSize, frag.textColor)
            if (
                spans
                and spans[-1].end == start
                and (spans[-1].font, spans[-1].size, spans[-1].color)
                == (span.font, span.size, span.color)
            ):
                spans[-1].end = span.end
            else:
                spans.append(span)
        while chars and chars[-1] == " ":
            chars.pop()
            if spans:
                spans[-1].end = min(spans[-1].end, len(chars))
                if spans[-1].end <= spans[-1].start:
                    spans.pop()
        self.text = "".join(chars)
        self.spans = spans
        self.rtl = rtl
        self.levels = resolve_levels(self.text, rtl)
        self._span_at = [0] * len(self.text)
        for index, span in enumerate(spans):
            for i in range(span.start, span.end):
                self._span_at[i] = index

    def pieces(self, start: int, end: int, levels: list[int]) -> list[tuple[int, int, int]]:
        """(start, end, level) pieces of one span and one level, in logical order."""
        out: list[tuple[int, int, int]] = []
        i = start
        while i < end:
            span, level = self._span_at[i], levels[i - start]
            j = i + 1
            while j < end and self._span_at[j] == span and levels[j - start] == level:
                j += 1
            out.append((i, j, level))
            i = j
        return out

    def width(self, start: int, end: int) -> float:
        """The shaped width of text[start:end], in points."""
        total = 0.0
        for a, b, level in self.pieces(start, end, self.levels[start:end]):
            span = self.spans[self._span_at[a]]
            total += shape_run(span.font, self.text[a:b], bool(level % 2)).width * span.size / 1000
        return total

    def tokens(self) -> list[tuple[int, int]]:
        """Where a line may break: words between spaces, and each Chinese character."""
        out: list[tuple[int, int]] = []
        for match in re.finditer(r"[^ ]+", self.text):
            start, end = match.span()
            cut = start
            for i in range(start, end):
                if _CJK_BREAK.match(self.text[i]) and i > cut:
                    # break before a Chinese character (not before its punctuation)
                    out.append((cut, i))
                    cut = i
            for hard in sorted(b for b in self.hard_breaks if cut < b < end):
                out.append((cut, hard))
                cut = hard
            out.append((cut, end))
        return out

    def line(self, start: int, end: int, last: bool) -> Line:
        levels = line_levels(self.text[start:end], self.levels[start:end], self.rtl)
        runs = []
        for a, b, level in reorder(self.pieces(start, end, levels)):
            span = self.spans[self._span_at[a]]
            shaped = shape_run(span.font, self.text[a:b], bool(level % 2))
            spaces = sum(1 for g in shaped.glyphs if g.space)
            runs.append(
                Run(
                    span,
                    shaped,
                    shaped.width * span.size / 1000,
                    spaces,
                    self.text[a:b],
                    bool(level % 2),
                )
            )
        return Line(
            start,
            end,
            runs,
            sum(r.width for r in runs),
            sum(r.spaces for r in runs),
            last,
        )


class BidiParagraph(ParagraphPart):
    """A paragraph laid out with the bidi algorithm and HarfBuzz (see the module)."""

    def __init__(
        self,
        markup: str,
        style: ParagraphStyle,
        *,
        rtl: bool,
        bullet: str | None = None,
        bullet_right: bool | None = None,
    ) -> None:
        super().__init__()
        self.style = style
        self.rtl = rtl
        self.bullet_right = rtl if bullet_right is None else bullet_right
        self._text = _Text(markup, style, rtl)
        bullet_style = ParagraphStyle("bullet", parent=style, fontName=style.fontName)
        self._bullet = _Text(bullet, bullet_style, self.bullet_right) if bullet else None
        self._lines: list[Line] | None = None
        self._wrapped: tuple[float, ...] | None = None
        self.width = self.height = 0.0

    # layout
    def _line_width(self, avail: float) -> float:
        return avail - self.style.leftIndent - self.style.rightIndent

    def _layout(self, avail: float) -> list[Line]:
        text = self._text
        width = self._line_width(avail)
        tokens = text.tokens()
        space = {}
        lines: list[Line] = []
        start = end = None
        used = 0.0
        for a, b in tokens:
            w = text.width(a, b)
            if start is None:
                start, end, used = a, b, w
                continue
            gap = 0.0
            if a > end:  # spaces between
                span = text.spans[text._span_at[end]]
                key = (span.font, span.size)
                if key not in space:
                    space[key] = shape(span.font, " ", False).width * span.size / 1000
                gap = space[key] * (a - end)
            broken = any(end <= h <= a for h in text.hard_breaks)
            if broken or used + gap + w > width + 1e-6:
                lines.append(text.line(start, end, broken))
                start, end, used = a, b, w
            else:
                end, used = b, used + gap + w
        if start is not None:
            lines.append(text.line(start, end, True))
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        key = (avail_width,)
        if self._lines is None or self._wrapped != key:
            self._lines = self._layout(avail_width)
            self._wrapped = key
        self.width = avail_width
        self.height = len(self._lines) * self.style.leading
        return avail_width, self.height

    def getActualLineWidths0(self) -> list[float]:  # noqa: N802 - reportlab's name
        return [line.width for line in self._lines or []]

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        lines = self._lines or []
        count = self.lines_before_break(len(lines), avail_height)
        if not count:
            return []
        return [
            self._part(lines[:count], first=self._first, final=False),
            self._part(lines[count:], first=False, final=self._final),
        ]

    def _part(self, lines: list[Line], *, first: bool, final: bool) -> BidiParagraph:
        part = BidiParagraph.__new__(BidiParagraph)
        ParagraphPart.__init__(part)
        part.style, part.rtl, part.bullet_right = self.style, self.rtl, self.bullet_right
        part._text = self._text
        part._bullet = self._bullet if first else None
        part._lines, part._wrapped = lines, self._wrapped
        part._first, part._final = first, final
        part.width, part.height = self.width, len(lines) * self.style.leading
        return part

    # drawing
    def draw(self) -> None:
        canvas = self.canv
        style = self.style
        lines = self._lines or []
        if not lines and not self._bullet:
            return
        canvas.saveState()
        code = canvas._code
        code.append("BT")
        state = _DrawState(canvas)
        avail = self._line_width(self.width)
        y = self.height - style.fontSize
        for line in lines:
            gap = avail - line.width
            extra = 0.0
            x = style.leftIndent
            if style.alignment == TA_JUSTIFY and not line.last and line.spaces and gap > 0:
                extra = gap / line.spaces
            elif style.alignment == TA_RIGHT or (style.alignment == TA_JUSTIFY and self.rtl):
                x += gap
            elif style.alignment == TA_CENTER:
                x += gap / 2
            state.line(line.runs, x, y, extra)
            y -= style.leading
        if self._bullet is not None:
            bullet = self._bullet
            text_line = bullet.line(0, len(bullet.text), True)
            top = self.height - style.fontSize
            indent = style.bulletIndent
            if self.bullet_right:
                x = self.width - indent - text_line.width
            else:
                x = indent
            state.line(text_line.runs, x, top, 0.0)
        code.append("ET")
        canvas.restoreState()


class _DrawState:
    """Writes a paragraph's lines as PDF text operators."""

    def __init__(self, canvas: object) -> None:
        self.canvas = canvas
        self.doc = canvas._doc
        self.code = canvas._code
        self.font: tuple[str, float] | None = None
        self.color: object = None
        self.rise = 0.0

    def line(self, runs: list[Run], x: float, y: float, extra: float) -> None:
        code = self.code
        for run in runs:
            if run.rtl:
                # shaped right-to-left glyphs (joined forms, ligatures, letters drawn without
                # their dots) have no character a ToUnicode map could give them: they are
                # marked as carrying no text, and the run's characters follow, invisible,
                # one after the other in visual order as a reader of the page meets them
                code.append("/Span <</ActualText ()>> BDC")
                self._run(run, x, y, extra)
                code.append("EMC 3 Tr")
                self._hidden(run, x, y, extra)
                code.append("0 Tr 100 Tz")
            else:
                self._run(run, x, y, extra)
            x += run.width + extra * run.spaces

    def _hidden(self, run: Run, x: float, y: float, extra: float) -> None:
        span = run.span
        text = run.text[::-1] if run.rtl else run.text
        ttf = pdfmetrics.getFont(span.font)
        natural = ttf.stringWidth(text, span.size)
        if not natural:
            return
        width = run.width + extra * run.spaces
        code = self.code
        code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm {_num(100 * width / natural)} Tz")
        for name, chunk in encode(span.font, text, self.doc):
            if self.font != (name, span.size):
                code.append(f"{name} {_num(span.size)} Tf")
                self.font = (name, span.size)
            code.append(f"({chunk}) Tj")

    def _run(self, run: Run, x: float, y: float, extra: float) -> None:
        span = run.span
        if span.color is not None and span.color != self.color:
            self.canvas.setFillColor(span.color)
            self.color = span.color
        ttf = pdfmetrics.getFont(span.font)
        size = span.size
        code = self.code
        code.append(f"1 0 0 1 {_num(x)} {_num(y)} Tm")
        glyphs = run.shaped.glyphs
        chars = "".join(g.char for g in glyphs)
        stretch = extra * 1000 / size if extra else 0.0
        index = 0
        for subset, chunk in ttf.splitString(chars, self.doc):
            name = ttf.getSubsetInternalName(subset, self.doc)
            if self.font != (name, size):
                code.append(f"{name} {_num(size)} Tf")
                self.font = (name, size)
            parts: list[str] = []
            pending = 0.0
            start = 0  # of the bytes not yet written
            for at in range(len(chunk)):
                glyph = glyphs[index]
                index += 1
                rise = glyph.dy * size / 1000
                shift = pending - glyph.dx
                if rise != self.rise or shift:
                    if at > start:
                        parts.append(f"({escape(chunk[start:at])})")
                    start = at
                    if rise != self.rise:
                        if parts:
                            code.append(f"[{' '.join(parts)}] TJ")
                            parts = []
                        code.append(f"{_num(rise)} Ts")
                        self.rise = rise
                    if shift:
                        parts.append(_num(shift))
                pending = glyph.width - glyph.advance + glyph.dx
                if glyph.space and stretch:
                    pending -= stretch
            parts.append(f"({escape(chunk[start:])})")
            code.append(f"[{' '.join(parts)}] TJ")
        if self.rise:
            code.append("0 Ts")
            self.rise = 0.0
