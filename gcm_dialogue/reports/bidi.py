"""The Unicode bidirectional algorithm (UAX #9), as much of it as the documents need.

reportlab draws text left to right; its own right-to-left support needs a C extension
(rlbidi) that is not installed. The documents' paragraphs have no explicit embeddings, so
one paragraph is one isolating run sequence and the algorithm is short: resolve each
character's embedding level (rules W1-W7, N0-N2, I1-I2), then, line by line, put the
trailing whitespace back at the paragraph level (L1) and reverse the runs (L2). Mirroring
(L4) is HarfBuzz's job when it shapes a right-to-left run.

    levels = resolve_levels("قائمة المختصرات (GRCP 7)", rtl=True)
    runs = reorder([(0, 5, 1), (5, 6, 1), (6, 15, 1), ...])  # segments, left to right
"""

from __future__ import annotations

import unicodedata

STRONG_R = frozenset({"R", "AL"})
NEUTRAL = frozenset({"B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI"})
# explicit formatting characters are left out of the resolution (X9): they act as BN
EXPLICIT = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF"})
BRACKETS = {"(": ")", "[": "]", "{": "}", "«": "»", "‹": "›", "⁅": "⁆", "〈": "〉", "【": "】"}
CLOSING = {v: k for k, v in BRACKETS.items()}


_CLASSES: dict[str, str] = {}
# the types that give a right-to-left (left-to-right) paragraph another level somewhere
_OTHER_RTL = frozenset({"L", "EN", "AN", "LRI", "RLI", "FSI", "PDI"})
_OTHER_LTR = frozenset({"R", "AL", "AN", "LRI", "RLI", "FSI", "PDI"})


def bidi_class(ch: str) -> str:
    kind = _CLASSES.get(ch)
    if kind is None:
        kind = unicodedata.bidirectional(ch) or "L"
        kind = _CLASSES[ch] = "BN" if kind in EXPLICIT else kind
    return kind


def paragraph_is_rtl(text: str) -> bool:
    """Rules P2-P3: the direction of the first strong character (left to right if none)."""
    for ch in text:
        kind = bidi_class(ch)
        if kind == "L":
            return False
        if kind in STRONG_R:
            return True
    return False


def resolve_levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of a paragraph whose direction is given."""
    n = len(text)
    if not n:
        return []
    base = 1 if rtl else 0
    e = "R" if rtl else "L"
    get = _CLASSES.get
    kinds = {get(ch) or bidi_class(ch) for ch in set(text)}
    # text of one direction (no letters or digits of the other) resolves to the paragraph's
    # level throughout: most paragraphs, in one script
    if not kinds & (_OTHER_RTL if rtl else _OTHER_LTR):
        return [base] * n
    types = [get(ch) or bidi_class(ch) for ch in text]
    # W1: a non-spacing mark takes the type of the character before it
    previous = e
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = previous
        elif t != "BN":
            previous = t
    # W2: European digits after Arabic letters are Arabic digits; W3: AL is R
    last_strong = e
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last_strong = t
        elif t == "EN" and last_strong == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: one separator between two numbers of the same kind joins them
    for i in range(1, n - 1):
        t, before, after = types[i], types[i - 1], types[i + 1]
        if t == "ES" and before == after == "EN":
            types[i] = "EN"
        elif t == "CS" and before == after and before in ("EN", "AN"):
            types[i] = before
    # W5: terminators (%, currency, degrees) next to European digits are European digits
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] in ("ET", "BN"):
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                for k in range(i, j):
                    types[k] = "EN"
            i = j
        else:
            i += 1
    # W6: the remaining separators and terminators are neutral
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: European digits after left-to-right text are left to right
    last_strong = e
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last_strong = t
        elif t == "EN" and last_strong == "L":
            types[i] = "L"
    _brackets(text, types, e)
    # N1, N2: a run of neutrals between two of the same direction takes it; otherwise the
    # paragraph's (digits count as right to left here)
    i = 0
    while i < n:
        if types[i] in NEUTRAL:
            j = i
            while j < n and types[j] in NEUTRAL:
                j += 1
            before = _strong(types[i - 1]) if i > 0 else e
            after = _strong(types[j]) if j < n else e
            side = before if before == after else e
            for k in range(i, j):
                types[k] = side
            i = j
        else:
            i += 1
    # I1, I2
    levels = []
    for t in types:
        if base == 0:
            levels.append(1 if t == "R" else 2 if t in ("AN", "EN") else 0)
        else:
            levels.append(2 if t in ("L", "EN", "AN") else 1)
    return levels


def _strong(kind: str) -> str:
    return "R" if kind in ("R", "EN", "AN") else kind


def _brackets(text: str, types: list[str], e: str) -> None:
    """N0: a pair of brackets takes the direction of what it encloses."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if types[i] != "ON":
            continue
        if ch in BRACKETS:
            stack.append(i)
        elif ch in CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if text[stack[depth]] == CLOSING[ch]:
                    pairs.append((stack[depth], i))
                    del stack[depth:]
                    break
    for start, end in sorted(pairs):
        inside = {_strong(t) for t in types[start + 1 : end]} & {"L", "R"}
        if not inside:
            continue
        if e in inside:
            side = e
        else:
            opposite = inside.pop()
            before = e
            for k in range(start - 1, -1, -1):
                if _strong(types[k]) in ("L", "R"):
                    before = _strong(types[k])
                    break
            side = opposite if before == opposite else e
        types[start] = types[end] = side


def line_levels(text: str, levels: list[int], rtl: bool) -> list[int]:
    """L1: whitespace at the end of a line goes back to the paragraph's level."""
    base = 1 if rtl else 0
    out = list(levels)
    for i in range(len(text) - 1, -1, -1):
        if bidi_class(text[i]) in ("WS", "BN", "S", "B") or text[i] in "\u2066\u2067\u2068\u2069":
            out[i] = base
        else:
            break
    return out


def reorder(segments: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """L2: ``(start, end, level)`` segments of a line in logical order, put in visual order
    (left to right). A segment has one level; its own characters are ordered by the shaper
    (right to left when its level is odd)."""
    runs = list(segments)
    if not runs:
        return runs
    highest = max(r[2] for r in runs)
    lowest_odd = min((r[2] for r in runs if r[2] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return runs
