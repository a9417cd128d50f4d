"""Fonts for the documents: registration with reportlab, and per-run fallback by script.

Noto Sans and Noto Sans Arabic come as variable fonts; reportlab reads only their default
(Regular) instance, so static Regular and Bold instances are cut once with fontTools'
instancer into a per-user cache folder (never into the project). Chinese uses a TrueType
CJK font from the system. Every document's text goes through ``markup``, which wraps runs of
another script in ``<font name=...>`` so no glyph is ever missing, also in mixed-script text
(a Latin acronym in Arabic, Arabic words in an English paragraph, an em dash in Chinese).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, unescape

from ..errors import KnownError
from ..fonts import find_fonts
from .atomic_files import replacing

LATIN, ARABIC, CJK = "GDLatin", "GDArabic", "GDCJK"

_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_CJK_CHARS = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
)
_LATIN_CHARS = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff"
# Runs of one script; neutral characters (spaces, digits, punctuation) inside a run stay
# with it so that words are shaped and reordered together.
_RUNS = {
    ARABIC: re.compile(f"[{_ARABIC_CHARS}]+(?:[\\s\\d.,:;()\\-/]+[{_ARABIC_CHARS}]+)*"),
    CJK: re.compile(f"[{_CJK_CHARS}]+(?:[\\s\\d.,:;\\-]*[{_CJK_CHARS}]+)*"),
    LATIN: re.compile(f"[{_LATIN_CHARS}]+(?:[\\s\\d.,:;'’&/()\\-]*[{_LATIN_CHARS}\\d]+)*"),
}
_HAS_ARABIC = re.compile(f"[{_ARABIC_CHARS}]")
_FOREIGN = {
    # for a document whose base font is the key: the scripts that need another font
    LATIN: re.compile(f"[{_ARABIC_CHARS}{_CJK_CHARS}]"),
    ARABIC: re.compile(f"[{_LATIN_CHARS}{_CJK_CHARS}]"),
    CJK: re.compile(f"[{_LATIN_CHARS}{_ARABIC_CHARS}]"),
}
BASE_FONT = {"ar": ARABIC, "zh": CJK}

_lock = threading.Lock()


class FontsMissingError(KnownError):
    """A font needed for a document's language is not installed."""


def cache_dir() -> Path:
    """The per-user cache folder for font instances."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "GCM Dialogue" / "fonts"


def _static_instance(source: Path, weight: int) -> Path:
    """A static instance of a variable font at ``weight``, cut once and cached."""
    from fontTools.ttLib import TTFont as FTFont

    stat = source.stat()
    key = hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|{weight}".encode()).hexdigest()
    target = cache_dir() / f"{source.stem.split('[')[0]}-{weight}-{key[:12]}.ttf"
    if target.exists():
        return target
    font = FTFont(str(source))
    if "fvar" not in font:
        return source
    from fontTools.varLib import instancer

    axes = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    axes["wght"] = weight
    static = instancer.instantiateVariableFont(font, axes)
    _rename(static, weight)
    with replacing(target) as partial:  # no truncated font left in the cache on an error
        static.save(str(partial))
    return target


def _rename(font: object, weight: int) -> None:
    """Give an instance its own names: reportlab tells embedded fonts apart by them."""
    style = "Bold" if weight >= 600 else "Regular"
    names = font["name"]
    family = names.getDebugName(16) or names.getDebugName(1) or "Font"
    postscript = f"{family.replace(' ', '')}-{style}"
    for record in list(names.names):
        if record.nameID in (16, 17, 25):
            names.removeNames(nameID=record.nameID)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(style, 2, 3, 1, 0x409)
    names.setName(f"{family} {style}", 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName(f"{postscript};instance", 3, 3, 1, 0x409)


@dataclass(frozen=True)
class RegisteredFonts:
    cmaps: dict[str, frozenset[int]]


def _patch_reportlab() -> None:
    """Two settings of reportlab for the documents.

    reportlab 5.1 fails with IndexError when a shaped line starts with a raised glyph (an
    Arabic mark): ``setRise`` looks at the previous text operator when there is none yet."""
    from reportlab import rl_config
    from reportlab.pdfgen import textobject

    # binary (compressed only) streams, as most PDF producers write them: ASCII85 on top of
    # compression makes files a quarter larger and, in pure Python, costs a fifth of the time
    rl_config.useA85 = 0
    original = textobject.PDFTextObject.setRise
    if getattr(original, "gcm_safe", False):
        return

    def set_rise(self: object, rise: float) -> None:
        if not self._code:
            self._code.append("")
        original(self, rise)

    set_rise.gcm_safe = True
    textobject.PDFTextObject.setRise = set_rise


@lru_cache(maxsize=1)
def _register() -> RegisteredFonts:
    from fontTools.ttLib import TTFont as FTFont
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _patch_reportlab()
    files = find_fonts()
    if not files.latin or not files.arabic:
        raise FontsMissingError(
            "the Noto Sans fonts are not installed (pip packages fontpkg-noto-sans and "
            "fontpkg-noto-sans-arabic)"
        )
    if not files.cjk:
        raise FontsMissingError(
            "no TrueType Chinese font found; install fonts-wqy-zenhei or set GCM_DIALOGUE_CJK_FONT"
        )
    cmaps: dict[str, frozenset[int]] = {}
    faces = {
        LATIN: (files.latin, files.latin_italic or files.latin),
        ARABIC: (files.arabic, files.arabic),
    }
    for family, (upright, italic) in faces.items():
        # reportlab draws a variable font's default instance, which is the Regular one
        regular, slanted, bold = upright, italic, _static_instance(upright, 700)
        for name, path in (
            (family, regular),
            (f"{family}-Bold", bold),
            (f"{family}-Italic", slanted),
        ):
            pdfmetrics.registerFont(TTFont(name, str(path), shapable=True))
        for bold_flag, italic_flag, name in (
            (0, 0, family),
            (1, 0, f"{family}-Bold"),
            (0, 1, f"{family}-Italic"),
            (1, 1, f"{family}-Bold"),
        ):
            addMapping(family, bold_flag, italic_flag, name)
        cmaps[family] = frozenset(FTFont(str(regular)).getBestCmap())
    pdfmetrics.registerFont(TTFont(CJK, str(files.cjk), subfontIndex=0, shapable=False))
    for bold_flag in (0, 1):
        for italic_flag in (0, 1):
            addMapping(CJK, bold_flag, italic_flag, CJK)
    cmaps[CJK] = frozenset(FTFont(str(files.cjk), fontNumber=0).getBestCmap())
    return RegisteredFonts(cmaps)


def register_fonts() -> RegisteredFonts:
    """Register the document fonts with reportlab (once per process)."""
    with _lock:
        return _register()


def base_font(lang: str) -> str:
    return BASE_FONT.get(lang, LATIN)


def has_arabic(text: str) -> bool:
    return bool(_HAS_ARABIC.search(text))


_LATIN_LETTER = re.compile(f"[{_LATIN_CHARS}]")


def mostly_arabic(text: str) -> bool:
    """Whether Arabic letters outnumber Latin and Cyrillic ones (an Arabic paragraph)."""
    if not _HAS_ARABIC.search(text):
        return False
    return len(_HAS_ARABIC.findall(text)) > len(_LATIN_LETTER.findall(text))


def markup(text: str, lang: str, bold: bool = False) -> str:
    """``text`` escaped for a reportlab paragraph, other scripts wrapped in their font."""
    base = base_font(lang)
    if not text:
        return ""
    if not _FOREIGN[base].search(text) and _covered(text, base):
        return escape(text)
    out: list[str] = []
    position = 0
    for start, end, font in _script_runs(text, base):
        if start > position:
            out.append(_fallback(text[position:start], base, base))
        out.append(_fallback(text[start:end], font, base))
        position = end
    if position < len(text):
        out.append(_fallback(text[position:], base, base))
    result = "".join(out)
    # reportlab mixes fonts safely only when the base text carries no tag (right-to-left
    # words in a tagged run come out reversed): bold is chosen by the style, so runs in
    # another script name their bold face explicitly
    if bold:
        result = result.replace(f'"{LATIN}">', f'"{LATIN}-Bold">')
        result = result.replace(f'"{ARABIC}">', f'"{ARABIC}-Bold">')
    return result


@lru_cache(maxsize=4096)
def fits_base_font(text: str, base: str) -> bool:
    """Whether ``text`` needs no other font than ``base``."""
    return not _FOREIGN[base].search(text) and _covered(text, base)


def font_runs(text: str, lang: str) -> list[tuple[str, str]] | None:
    """``text`` as (font, text) runs for plain drawing; None when it needs shaping (Arabic)."""
    if has_arabic(text):
        return None
    base = base_font(lang)
    pieces = re.findall(r'<font name="([^"]+)">(.*?)</font>|([^<]+)', markup(text, lang))
    runs = []
    for font, inner, outer in pieces:
        chunk = unescape(inner if font else outer)
        if chunk:
            runs.append((font or base, chunk))
    return runs


def _script_runs(text: str, base: str) -> list[tuple[int, int, str]]:
    runs = []
    for font, pattern in _RUNS.items():
        if font == base:
            continue
        runs += [(m.start(), m.end(), font) for m in pattern.finditer(text)]
    runs.sort()
    merged: list[tuple[int, int, str]] = []
    own = _RUNS[base]
    for start, end, font in runs:
        # a word never changes font half-way: shaping works word by word, so a run takes
        # the punctuation and digits attached to it ("(IOM)," is all in one font)
        while start > 0 and not text[start - 1].isspace() and not own.match(text[start - 1]):
            start -= 1
        while end < len(text) and not text[end].isspace() and not own.match(text[end]):
            end += 1
        # the spaces around it too: at a change of font inside right-to-left text a space
        # outside the run would be lost
        if start > 0 and text[start - 1] == " ":
            start -= 1
        if end < len(text) and text[end] == " ":
            end += 1
        if merged and start < merged[-1][1]:
            # runs that touch (a space between two Latin runs in Chinese) are one run; a run
            # of another font starts where the earlier one ends
            last_start, last_end, last_font = merged[-1]
            if last_font == font:
                merged[-1] = (last_start, max(last_end, end), font)
                continue
            start = last_end
            if start >= end:
                continue
        merged.append((start, end, font))
    return merged


_CONTROLS = frozenset((9, 10))


def _covered(text: str, font: str) -> bool:
    cmap = _register().cmaps[font]
    return not set(map(ord, text)).difference(cmap, _CONTROLS)


def _wrap(text: str, font: str, base: str) -> str:
    return escape(text) if font == base else f'<font name="{font}">{escape(text)}</font>'


def _fallback(text: str, font: str, base: str) -> str:
    """Wrap ``text`` in ``font``, handing characters the font lacks to one that has them."""
    if _covered(text, font):
        return _wrap(text, font, base)
    cmaps = _register().cmaps
    order = [font] + [f for f in (LATIN, ARABIC, CJK) if f != font]
    pieces: list[tuple[str, str]] = []
    for ch in text:
        chosen = next((f for f in order if ord(ch) in cmaps[f]), font)
        if pieces and pieces[-1][1] == chosen:
            pieces[-1] = (pieces[-1][0] + ch, chosen)
        else:
            pieces.append((ch, chosen))
    return "".join(_wrap(piece, f, base) for piece, f in pieces)
