"""Page layout of every document: styles, page furniture, headings, contents, tables, charts.

One pass of reportlab builds a document. Numbers that are only known at the end (the page
count in "page X of Y", the page numbers in the contents) are drawn as PDF form objects that
each page references while it is laid out and that are filled in just before the file is
saved, so no second pass is needed and a long report costs little more than its pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import unescape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from ..i18n import _, format_number, text_direction
from .bidi import bidi_class, paragraph_is_rtl
from .fonts import (
    CJK,
    base_font,
    fits_base_font,
    font_runs,
    has_arabic,
    markup,
    mostly_arabic,
)
from .pdftext import encode
from .pdftext import num as pdf_num
from .plain import PlainParagraph, word_width
from .shaped import BidiParagraph

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#0b4a84")  # the headings' blue
MUTED = colors.HexColor("#5f6b76")
RULE = colors.HexColor("#b9c2cc")
HEADER_FILL = colors.HexColor("#e9eef4")
BAR = colors.HexColor("#3f7cbf")
WATERMARK = colors.Color(0.75, 0.1, 0.1, alpha=0.10)
FALLBACK = "#9c2a00"

PAGE_W, PAGE_H = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 22 * mm, 24 * mm, 22 * mm
TEXT_W = PAGE_W - 2 * MARGIN_X


class Styles:
    """The paragraph styles of one document language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.rtl = text_direction(lang) == "rtl"
        self.font = base_font(lang)
        self.bold_font = self.font if self.font == CJK else f"{self.font}-Bold"
        self.italic_font = self.font if lang in ("ar", "zh") else f"{self.font}-Italic"
        start = TA_RIGHT if self.rtl else TA_LEFT
        wrap = "CJK" if lang == "zh" else None
        self.start = start
        leading = 1.45 if lang in ("ar", "zh") else 1.35

        def style(name: str, size: float, **kw: object) -> ParagraphStyle:
            kw.setdefault("fontName", self.font)
            kw.setdefault("bulletFontName", "GDLatin")  # never reportlab's Helvetica default
            kw.setdefault("alignment", start)
            kw.setdefault("textColor", INK)
            return ParagraphStyle(
                name, fontSize=size, leading=round(size * leading, 1), wordWrap=wrap, **kw
            )

        # UN documents are justified, in Arabic as in the other languages
        body_align = TA_JUSTIFY
        self.body = style("body", 10.5, alignment=body_align, spaceAfter=6)
        # the bullet (or number) hangs in the margin on the side where lines start
        self.bullet = style(
            "bullet",
            10.5,
            alignment=body_align,
            spaceAfter=4,
            leftIndent=0 if self.rtl else 16,
            rightIndent=16 if self.rtl else 0,
            bulletIndent=2,
        )
        self.small = style("small", 8.5, textColor=MUTED, spaceAfter=2)
        self.cell = style("cell", 8.8)
        self.cell_num = style("cell_num", 8.8, alignment=TA_RIGHT)
        self.cell_head = style("cell_head", 8.8, fontName=self.bold_font, textColor=ACCENT)
        self.cell_head_num = style(
            "cell_head_num", 8.8, fontName=self.bold_font, textColor=ACCENT, alignment=TA_RIGHT
        )
        self.h1 = style(
            "h1",
            15,
            fontName=self.bold_font,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=8,
            keepWithNext=1,
        )
        self.h2 = style(
            "h2",
            12,
            fontName=self.bold_font,
            textColor=ACCENT,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.h3 = style(
            "h3", 10.5, fontName=self.bold_font, spaceBefore=8, spaceAfter=3, keepWithNext=1
        )
        self.h3_plain = style(
            "h3_plain", 10.5, fontName=self.bold_font, spaceBefore=8, spaceAfter=3
        )
        self.lead = style("lead", 10.5, fontName=self.bold_font, alignment=body_align)
        self.note = style(
            "note",
            8.5,
            textColor=MUTED,
            spaceAfter=4,
            leftIndent=0 if self.rtl else 16,
            rightIndent=16 if self.rtl else 0,
        )
        self.toc1 = style("toc1", 10.5, fontName=self.bold_font, spaceBefore=4)
        self.toc2 = style("toc2", 9.5)
        self.toc_number = style("toc_number", 10, alignment=TA_LEFT if self.rtl else TA_RIGHT)
        self.cover_org = style("cover_org", 11, fontName=self.bold_font, textColor=MUTED)
        self.cover_title = style("cover_title", 20, fontName=self.bold_font, textColor=ACCENT)
        self.cover_sub = style("cover_sub", 13, textColor=INK)
        self.cover_kind = style("cover_kind", 16, fontName=self.bold_font, textColor=INK)
        self.furniture = style("furniture", 8, textColor=MUTED)
        self.furniture_end = style(
            "furniture_end", 8, textColor=MUTED, alignment=TA_LEFT if self.rtl else TA_RIGHT
        )
        self.centre = style("centre", 8, textColor=MUTED, alignment=TA_CENTER)
        self.watermark = style(
            "watermark", 110, fontName=self.bold_font, textColor=WATERMARK, alignment=TA_CENTER
        )


def _mirrored(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` for an Arabic paragraph in a left-to-right document: set from the right."""
    alignment = style.alignment
    if alignment in (TA_LEFT, TA_JUSTIFY):
        alignment = TA_RIGHT if alignment == TA_LEFT else TA_JUSTIFY
    return ParagraphStyle(
        f"{style.name}_rtl",
        parent=style,
        alignment=alignment,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
    )


_TAGS = re.compile(r"<[^>]+>")


def para(
    styles: Styles,
    text: str,
    style: ParagraphStyle | None = None,
    *,
    raw: bool = False,
    bold: bool = False,
    bullet: str | None = None,
    plain: str | None = None,
    cell: bool = False,
) -> Flowable:
    """A paragraph of ``text``; ``raw`` when ``text`` is already markup (``plain`` its text).

    Right-to-left documents and any text with Arabic in it are laid out by
    ``BidiParagraph`` (bidi algorithm, HarfBuzz shaping, extractable text); the rest by
    reportlab's ``Paragraph``. An Arabic paragraph in a left-to-right document is set right
    to left, from the right margin, except in a table cell, which keeps its column's side.
    """
    style = style or styles.body
    if bold and style.fontName == styles.font:
        style = styles.lead
    bold = bold or style.fontName.endswith("-Bold")
    if plain is None:
        plain = unescape(_TAGS.sub("", text)) if raw else text
    content = text if raw else markup(text, styles.lang, bold=bold)
    if not styles.rtl and styles.lang != "zh" and "<" not in content:
        # one font, no markup (``markup`` tags every run the base font lacks, Arabic
        # included): the fast paragraph, for most notes of a long report
        return PlainParagraph(unescape(content), style, bullet=bullet)
    if styles.rtl or has_arabic(plain):
        if styles.rtl:
            # a paragraph with no Arabic but Latin words (a text awaiting its translation)
            # keeps its own direction, set from the right like the rest of the document
            rtl = has_arabic(plain) or not paragraph_has_ltr(plain)
            bullet_right = True
        elif mostly_arabic(plain) and not cell:
            rtl, bullet_right, style = True, True, _mirrored(style)
        else:
            rtl, bullet_right = paragraph_is_rtl(plain) if cell else False, False
        bullet_markup = markup(bullet, styles.lang) if bullet is not None else None
        return BidiParagraph(
            content, style, rtl=rtl, bullet=bullet_markup, bullet_right=bullet_right
        )
    if bullet is not None:
        return Paragraph(content, style, bulletText=bullet)
    return Paragraph(content, style)


def paragraph_has_ltr(text: str) -> bool:
    return any(bidi_class(ch) == "L" for ch in text)


def numbered(styles: Styles, number: str, title: str) -> str:
    """ "2.1.  Title"; right to left, "2.1 Title" (a final point would sit on the wrong
    side of the number)."""
    if not number:
        return title
    if styles.rtl:
        return f"{number.rstrip('.')} {title}"
    return f"{number}\u00a0\u00a0{title}"


@dataclass
class Heading:
    """A numbered heading with its bookmark key and its place in the contents."""

    key: str
    level: int
    number: str
    title: str
    in_contents: bool = True


HeadingFlowable = Flowable  # a paragraph with a ``heading`` attribute


def heading(
    styles: Styles, level: int, number: str, title: str, key: str, *, in_contents: bool = True
) -> Flowable:
    style = {0: styles.h1, 1: styles.h1, 2: styles.h2}.get(level, styles.h3)
    label = numbered(styles, number, title)
    flowable = para(styles, markup(label, styles.lang, bold=True), style, raw=True, plain=label)
    flowable.heading = Heading(key, level, number, title, in_contents)
    flowable.keepWithNext = True
    return flowable


class Contents(Flowable):
    """The table of contents; its page numbers are filled in when the document ends."""

    def __init__(
        self,
        styles: Styles,
        entries: Sequence[Heading],
        rows: list[tuple[Heading, Paragraph, float]] | None = None,
    ) -> None:
        super().__init__()
        self.styles = styles
        if rows is None:
            rows = []
            for entry in entries:
                if not entry.in_contents or entry.level > 2:
                    continue
                style = styles.toc1 if entry.level <= 1 else styles.toc2
                label = numbered(styles, entry.number, entry.title)
                p = para(
                    styles,
                    markup(label, styles.lang, bold=style is styles.toc1),
                    style,
                    raw=True,
                    plain=label,
                )
                rows.append((entry, p, 0.0 if entry.level <= 1 else 18.0))
        self._rows = rows
        self._wrapped_for: float | None = None

    def _step(self, entry: Heading, p: Paragraph) -> float:
        style = self.styles.toc1 if entry.level <= 1 else self.styles.toc2
        return p.height + style.spaceBefore + 3

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if self._wrapped_for != avail_width:
            for _entry, p, indent in self._rows:
                p.wrap(avail_width - indent - 40, 10_000)
            self._wrapped_for = avail_width
        self.height = sum(self._step(entry, p) for entry, p, _i in self._rows)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        used, count = 0.0, 0
        for entry, p, _indent in self._rows:
            step = self._step(entry, p)
            if used + step > avail_height:
                break
            used += step
            count += 1
        if count == 0 or count == len(self._rows):
            return []
        # at least three entries go on to the next page, never one alone
        count = max(1, min(count, len(self._rows) - 3))
        return [
            Contents(self.styles, (), self._rows[:count]),
            Contents(self.styles, (), self._rows[count:]),
        ]

    def draw(self) -> None:
        canvas = self.canv
        y = self.height
        rtl = self.styles.rtl
        for entry, p, indent in self._rows:
            style = self.styles.toc1 if entry.level <= 1 else self.styles.toc2
            y -= style.spaceBefore + p.height
            line_w = (p.getActualLineWidths0() or [0])[-1]
            if rtl:
                p.drawOn(canvas, 40, y)
                dots_from, dots_to = 34, self.width - indent - line_w - 6
                number_x = 0.0
            else:
                p.drawOn(canvas, indent, y)
                dots_from, dots_to = indent + line_w + 6, self.width - 34
                number_x = self.width
            if dots_to > dots_from:
                canvas.saveState()
                canvas.setFillColor(RULE)
                canvas.setFont("GDLatin", 8)
                count = int((dots_to - dots_from) / 4.0)
                start = dots_to - count * 4.0 if rtl else dots_from
                canvas.drawString(start, y + 2, " ".join("." * count).replace(" ", "\u2009"))
                canvas.restoreState()
            canvas.saveState()
            canvas.translate(number_x, y + 2)
            canvas.doForm(f"tocnum_{entry.key}")
            canvas.restoreState()
            y -= 3


class BarChart(Flowable):
    """Horizontal bars with their labels and values, drawn for either text direction."""

    def __init__(
        self, styles: Styles, rows: Sequence[tuple[str, float, str]], label_width: float = 150
    ) -> None:
        super().__init__()
        self.styles, self.rows, self.label_width = styles, list(rows), label_width
        self.row_h = 18.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.row_h * len(self.rows) + 6
        return self.width, self.height

    def draw(self) -> None:
        canvas, rtl = self.canv, self.styles.rtl
        value_w = 70.0
        bar_max = self.width - self.label_width - value_w - 12
        for i, (label, fraction, value) in enumerate(self.rows):
            y = self.height - (i + 1) * self.row_h
            lab = para(self.styles, label, self.styles.cell)
            lab.wrap(self.label_width, self.row_h)
            val = para(self.styles, value, self.styles.cell)
            val.wrap(value_w, self.row_h)
            length = max(0.5, bar_max * max(0.0, min(1.0, fraction)))
            canvas.saveState()
            canvas.setFillColor(HEADER_FILL)
            canvas.setStrokeColor(HEADER_FILL)
            if rtl:
                right = self.width - self.label_width - 6
                canvas.rect(right - bar_max, y + 3, bar_max, self.row_h - 7, fill=1, stroke=0)
                canvas.setFillColor(BAR)
                canvas.rect(right - length, y + 3, length, self.row_h - 7, fill=1, stroke=0)
                canvas.restoreState()
                lab.drawOn(canvas, self.width - self.label_width, y + 4)
                val.drawOn(canvas, right - bar_max - value_w - 4, y + 4)
            else:
                left = self.label_width + 6
                canvas.rect(left, y + 3, bar_max, self.row_h - 7, fill=1, stroke=0)
                canvas.setFillColor(BAR)
                canvas.rect(left, y + 3, length, self.row_h - 7, fill=1, stroke=0)
                canvas.restoreState()
                lab.drawOn(canvas, 0, y + 4)
                val.drawOn(canvas, left + bar_max + 6, y + 4)


Line = list[tuple[str, str]]  # runs of (font, text) drawn one after the other


def plain_cell(styles: Styles, text: str, width: float, size: float) -> list[Line] | None:
    """``text`` as lines of unshaped runs, when it needs no paragraph (no Arabic, no
    right-to-left, fits on one line unless it is all in the base font).

    Table cells drawn this way cost far less than paragraphs (a list of 5,000 people)."""
    if not text:
        return []
    if styles.rtl or styles.lang == "zh" or "\n" in text:
        return None
    font = styles.font
    if fits_base_font(text, font):
        return [[(font, line)] for line in split_lines(font, text, width * 1000 / size)]
    runs = font_runs(text, styles.lang)
    if runs is None or sum(stringWidth(t, f, size) for f, t in runs) > width:
        return None
    return [runs]


@lru_cache(maxsize=16384)
def split_lines(font: str, text: str, width: float) -> tuple[str, ...]:
    """``text`` broken at spaces into lines of at most ``width`` (per 1000 em)."""
    words = text.split(" ")
    space = word_width(font, " ")
    if sum(word_width(font, w) for w in words) + space * (len(words) - 1) <= width:
        return (text,)
    lines: list[str] = []
    start, used = 0, -space
    for i, word in enumerate(words):
        w = word_width(font, word) if word else 0.0
        if i > start and used + space + w > width:
            lines.append(" ".join(words[start:i]))
            start, used = i, w
        else:
            used += space + w
    lines.append(" ".join(words[start:]))
    return tuple(lines)


def header_cells(styles: Styles, header: Sequence[str], numeric: Sequence[int]) -> list[Flowable]:
    """A table's header row (the figures' columns aligned like their figures)."""
    return [
        para(
            styles,
            str(h),
            styles.cell_head_num if c in numeric and not styles.rtl else styles.cell_head,
            cell=True,
        )
        for c, h in enumerate(header)
    ]


def table(
    styles: Styles,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    numeric: Sequence[int] = (),
    head: Sequence[Flowable] | None = None,
) -> Flowable:
    """A table with light rules; columns mirrored and right-aligned for Arabic.

    Cells are plain text (made into paragraphs here) or ready flowables; ``widths`` are
    fractions of the text width; ``numeric`` lists the columns of figures. A table whose
    cells are all plain single-font text is drawn by ``ListTable`` (a long participant list
    costs a fraction of a reportlab ``Table``).
    """
    col_widths = [w * TEXT_W for w in widths]
    size = styles.cell.fontSize
    head = list(head) if head is not None else header_cells(styles, header, numeric)
    if not any(isinstance(v, (Flowable, list)) for row in rows for v in row):
        body: list[list[object]] = []
        texts = [[str(value) for value in row] for row in rows]
        # one look at the whole table: are all its cells in the base font?
        simple = (
            not styles.rtl
            and styles.lang != "zh"
            and fits_base_font("".join("".join(row) for row in texts), styles.font)
        )
        font = styles.font
        for row in texts:
            cells: list[object] = []
            for c, value in enumerate(row):
                if simple and "\n" not in value:
                    width = (col_widths[c] - 2 * PAD_X) * 1000 / size
                    cells.append([[(font, line)] for line in split_lines(font, value, width)])
                    continue
                text = plain_cell(styles, value, col_widths[c] - 2 * PAD_X, size)
                if text is not None:
                    cells.append(text)
                else:
                    style = styles.cell_num if c in numeric and not styles.rtl else styles.cell
                    cells.append(para(styles, value, style, cell=True))
            body.append(cells)
        if styles.rtl:
            head = list(reversed(head))
            body = [list(reversed(r)) for r in body]
            col_widths = list(reversed(col_widths))
            numeric = [len(header) - 1 - c for c in numeric]
        return ListTable(styles, head, body, col_widths, numeric)

    def cell(value: object, col: int) -> object:
        if isinstance(value, (Flowable, list)):
            return value
        style = styles.cell_num if col in numeric and not styles.rtl else styles.cell
        return para(styles, str(value), style, cell=True)

    data = [head] + [[cell(v, c) for c, v in enumerate(row)] for row in rows]
    if styles.rtl:
        data = [list(reversed(row)) for row in data]
        col_widths = list(reversed(col_widths))
    result = Table(
        data, colWidths=col_widths, repeatRows=1, hAlign="RIGHT" if styles.rtl else "LEFT"
    )
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), styles.font, size),  # not reportlab's Helvetica
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
                ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
                ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
            ]
        )
    )
    return result


PAD_TOP, PAD_BOTTOM, PAD_X = 3, 4, 4
_INK_RGB = " ".join(pdf_num(round(v, 3)) for v in INK.rgb())
_RULE_RGB = " ".join(pdf_num(round(v, 3)) for v in RULE.rgb())


class ListTable(Flowable):
    """A table of plain text cells (left-to-right, one font), drawn directly on the canvas.

    It looks like ``table``'s reportlab tables (same rules, padding and header) and splits
    between rows, repeating the header on each page.
    """

    def __init__(
        self,
        styles: Styles,
        head: list[Paragraph],
        rows: list[list[object]],
        col_widths: list[float],
        numeric: Sequence[int],
    ) -> None:
        super().__init__()
        self.styles, self.head, self.rows = styles, head, rows
        self.col_widths, self.numeric = col_widths, set(numeric)
        self.leading = styles.cell.leading
        self.size = styles.cell.fontSize
        self.row_heights = [self._row_height(row) for row in rows]
        self.head_h = 0.0

    def _row_height(self, row: list[object]) -> float:
        height = 0.0
        for cell, width in zip(row, self.col_widths, strict=True):
            if isinstance(cell, Flowable):
                height = max(height, cell.wrap(width - 2 * PAD_X, 10_000)[1])
            else:
                height = max(height, len(cell) * self.leading)
        return height + PAD_TOP + PAD_BOTTOM

    def _wrap_head(self) -> float:
        heights = [
            p.wrap(w - 2 * PAD_X, 1000)[1] for p, w in zip(self.head, self.col_widths, strict=True)
        ]
        self.head_h = max(heights) + PAD_TOP + PAD_BOTTOM
        return self.head_h

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.col_widths)
        self.height = self._wrap_head() + sum(self.row_heights)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        used, count = self._wrap_head(), 0
        for h in self.row_heights:
            if used + h > avail_height:
                break
            used += h
            count += 1
        if count == 0 or count == len(self.rows):
            return []
        return [
            ListTable(self.styles, self.head, self.rows[:count], self.col_widths, self.numeric),
            ListTable(self.styles, self.head, self.rows[count:], self.col_widths, self.numeric),
        ]

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        canvas.saveState()
        canvas.setFillColor(HEADER_FILL)
        canvas.rect(0, top - self.head_h, self.width, self.head_h, fill=1, stroke=0)
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(0, top, self.width, top)
        canvas.setLineWidth(0.6)
        canvas.line(0, top - self.head_h, self.width, top - self.head_h)
        canvas.restoreState()
        x = 0.0
        for p, w in zip(self.head, self.col_widths, strict=True):
            p.drawOn(canvas, x + PAD_X, top - PAD_TOP - p.height)
            x += w
        y = top - self.head_h
        doc = canvas._doc
        size, leading = self.size, self.leading
        size_text = pdf_num(size)
        code: list[str] = ["BT", f"{_INK_RGB} rg"]
        current = None
        rules = []
        paragraphs: list[tuple[Flowable, float, float]] = []
        for row, h in zip(self.rows, self.row_heights, strict=True):
            x = 0.0
            for c, (lines, w) in enumerate(zip(row, self.col_widths, strict=True)):
                if isinstance(lines, Flowable):
                    paragraphs.append((lines, x + PAD_X, y - PAD_TOP - lines.height))
                    x += w
                    continue
                baseline = y - PAD_TOP - size
                for line in lines:
                    if c in self.numeric:
                        width = sum(word_width(f, t) for f, t in line) * size / 1000
                        lx = x + w - PAD_X - width
                    else:
                        lx = x + PAD_X
                    code.append(f"1 0 0 1 {pdf_num(lx)} {pdf_num(baseline)} Tm")
                    for font, run in line:
                        for name, chunk in encode(font, run, doc):
                            if name != current:
                                code.append(f"{name} {size_text} Tf")
                                current = name
                            code.append(f"({chunk}) Tj")
                    baseline -= leading
                x += w
            y -= h
            rules.append(f"0 {pdf_num(y)} m {pdf_num(self.width)} {pdf_num(y)} l")
        code.append("ET")
        # the rules under the rows, in RULE's colour
        code.append(f"{_RULE_RGB} RG 0.25 w {' '.join(rules)} S")
        canvas.saveState()
        canvas._code.extend(code)
        canvas.restoreState()
        for p, px, py in paragraphs:
            p.drawOn(canvas, px, py)


@dataclass
class Furniture:
    """What every page carries: running header, localised page numbers, DRAFT."""

    styles: Styles
    header_start: str  # the meeting's short name
    header_end: str  # the document's title
    draft: bool
    pages: list[int] = field(default_factory=list)


class DocTemplate(BaseDocTemplate):
    """A4 with a cover page and body pages; bookmarks, outline and contents numbers."""

    def __init__(
        self,
        filename: object,
        furniture: Furniture,
        *,
        title: str,
        author: str,
        subject: str,
        lang: str,
        progress: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            filename,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=author,
            subject=subject,
            creator="GCM Dialogue",
            lang=lang,
            initialFontName=furniture.styles.font,
        )
        self.furniture = furniture
        self.progress = progress
        self.heading_pages: dict[str, int] = {}
        self._outline_level = -1
        self._mark: tuple | None = None
        self._header: tuple | None = None
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            TEXT_W,
            PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._cover_page),
                PageTemplate("body", [frame], onPage=self._body_page),
            ]
        )

    # page furniture
    def _watermark(self, canvas: object) -> None:
        if not self.furniture.draft:
            return
        styles = self.furniture.styles
        if self._mark is None:
            mark = para(styles, _("DRAFT"), styles.watermark)
            w, h = mark.wrap(PAGE_W, 200)
            self._mark = (mark, max(mark.getActualLineWidths0() or [w]), h)
        mark, width, h = self._mark
        canvas.saveState()
        canvas.translate(PAGE_W / 2, PAGE_H / 2)
        canvas.rotate(45)
        mark.drawOn(canvas, -PAGE_W / 2, -h / 2)  # centred in a page-wide box
        canvas.restoreState()

    def _cover_page(self, canvas: object, doc: object) -> None:
        self._watermark(canvas)
        self.furniture.pages.append(doc.page)

    def _body_page(self, canvas: object, doc: object) -> None:
        self._watermark(canvas)
        styles = self.furniture.styles
        top = PAGE_H - MARGIN_TOP + 10
        half = TEXT_W / 2 - 4
        if self._header is None:
            start = para(styles, self.furniture.header_start, styles.furniture)
            end = para(styles, self.furniture.header_end, styles.furniture_end)
            start.wrap(half, 20)
            end.wrap(half, 20)
            self._header = (start, end)
        start, end = self._header
        if styles.rtl:
            start.drawOn(canvas, MARGIN_X + half + 8, top)
            end.drawOn(canvas, MARGIN_X, top)
        else:
            start.drawOn(canvas, MARGIN_X, top)
            end.drawOn(canvas, MARGIN_X + half + 8, top)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 3, PAGE_W - MARGIN_X, top - 3)
        canvas.restoreState()
        canvas.doForm(f"pageno_{doc.page}")
        self.furniture.pages.append(doc.page)
        if self.progress:
            self.progress()

    # bookmarks, outline, contents
    def afterFlowable(self, flowable: Flowable) -> None:
        item = getattr(flowable, "heading", None)
        if item is None:
            return
        self.heading_pages[item.key] = self.page
        self.canv.bookmarkPage(item.key)
        level = max(0, item.level - 1)
        level = min(level, self._outline_level + 1)
        self._outline_level = level
        label = f"{item.number} {item.title}" if item.number else item.title
        self.canv.addOutlineEntry(label, item.key, level=level, closed=level >= 1)

    def _endBuild(self) -> None:
        self._doSave = 0
        super()._endBuild()
        self._fill_forms()
        self.canv.showOutline()
        self.canv.save()

    def _fill_forms(self) -> None:
        styles = self.furniture.styles
        total = max(self.furniture.pages or [1])
        canvas = self.canv
        for page in self.furniture.pages:
            canvas.beginForm(f"pageno_{page}")
            label = _("Page {page} of {pages}").format(
                page=format_number(page), pages=format_number(total)
            )
            y = MARGIN_BOTTOM - 14 * mm + 2
            if not styles.rtl and fits_base_font(label, styles.font):
                canvas.setFont(styles.font, styles.centre.fontSize)
                canvas.setFillColor(MUTED)
                canvas.drawCentredString(PAGE_W / 2, y + 2, label)
            else:
                p = para(styles, label, styles.centre)
                p.wrap(TEXT_W, 20)
                p.drawOn(canvas, MARGIN_X, y)
            canvas.endForm()
        for key, page in self.heading_pages.items():
            canvas.beginForm(f"tocnum_{key}", lowerx=-60, lowery=-6, upperx=60, uppery=20)
            p = para(styles, format_number(page), styles.toc_number)
            p.wrap(50, 20)
            p.drawOn(canvas, 0 if styles.rtl else -50, -2)
            canvas.endForm()
