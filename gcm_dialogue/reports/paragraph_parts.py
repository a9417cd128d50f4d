"""What our own paragraphs (``plain.PlainParagraph``, ``shaped.BidiParagraph``) share when a
page break cuts them in two.

A split paragraph becomes two flowables. The style's space before belongs to the first part
only and its space after to the final part only: otherwise the part continued on the next
page would start lower than a reportlab ``Paragraph`` does, and the documents would differ
by language. And no line is left alone at the foot or at the head of a page.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable


class ParagraphPart(Flowable):
    """A paragraph laid out in lines of ``style.leading``, or one part of one after a split."""

    style: ParagraphStyle

    def __init__(self) -> None:
        super().__init__()
        self._first = True  # holds the start of the paragraph (and its bullet)
        self._final = True  # holds the end of the paragraph (its last line is not justified)

    def lines_before_break(self, line_count: int, avail_height: float) -> int:
        """How many of ``line_count`` lines go before the page break; 0 not to split here
        (everything fits, or the split would leave a line alone)."""
        count = int((avail_height + 1e-6) // self.style.leading)
        if count <= 0 or count >= line_count:
            return 0
        if line_count >= 4:
            count = min(count, line_count - 2)
        return count if count >= 2 else 0

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceBefore if self._first else 0.0

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.spaceAfter if self._final else 0.0
