"""Writing text operators for the documents' own flowables, fast.

reportlab's text objects encode every string character by character in Python (subset
codes, then PDF escapes) and format every number with ``fp_str``; a long participant list
or report calls them hundreds of thousands of times. Here a string whose characters the
font's first subset already holds is encoded with one ``str.translate`` and escaped through
a 256-entry table; anything else goes through reportlab's own ``splitString``, so subsets and
embedding stay reportlab's business.
"""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

_ESCAPES = [
    f"\\{c:03o}" if c < 32 or c >= 127 else ("\\" + chr(c) if chr(c) in "\\()" else chr(c))
    for c in range(256)
]


def escape(chunk: bytes) -> str:
    """A PDF literal string's content for ``chunk`` (reportlab's escapes)."""
    return "".join(map(_ESCAPES.__getitem__, chunk))


class _Table:
    __slots__ = ("known", "size", "trans")

    def __init__(self) -> None:
        self.size = -1
        self.known: frozenset[str] = frozenset()
        self.trans: dict[int, str] = {}


def encode(font_name: str, text: str, doc: object) -> list[tuple[str, str]]:
    """``text`` in ``font_name`` as (font resource name, escaped string) pieces."""
    font = pdfmetrics.getFont(font_name)
    state = getattr(font, "state", {}).get(doc)
    if state is not None:
        table = getattr(state, "gcm_table", None)  # kept with the document's subset state
        if table is None:
            table = state.gcm_table = _Table()
        assignments = state.assignments
        if table.size != len(assignments):
            trans = {code: chr(n) for code, n in assignments.items() if n < 256}
            if 32 in trans:
                trans[0xA0] = trans[32]  # reportlab draws a no-break space as a space
            table.trans, table.known = trans, frozenset(map(chr, trans))
            table.size = len(assignments)
        if table.known.issuperset(text):
            name = font.getSubsetInternalName(0, doc)
            return [(name, escape(text.translate(table.trans).encode("latin-1")))]
    return [
        (font.getSubsetInternalName(subset, doc), escape(chunk))
        for subset, chunk in font.splitString(text, doc)
    ]


def num(value: float) -> str:
    """A coordinate as PDF writes it: at most three decimals, no trailing zeros."""
    if value == int(value):
        return str(int(value))
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


_FILLS: dict[tuple[float, float, float], str] = {}


def fill_colour(colour: object) -> str:
    """The fill colour operator for an opaque reportlab colour (cached: a few colours)."""
    key = colour.rgb()
    op = _FILLS.get(key)
    if op is None:
        op = _FILLS[key] = " ".join(num(round(v, 4)) for v in key) + " rg"
    return op
