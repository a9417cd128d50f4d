"""Reading produced PDFs the way a reader (or a screen reader) would."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader


def norm(text: str) -> str:
    """Text as ``text_of`` returns it (NFKC, bidi marks dropped, whitespace collapsed)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return re.sub(r"\s+", " ", text)


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    """The PDF's text as poppler's pdftotext extracts it, whitespace collapsed."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return norm(out)


def fonts_of(path: Path) -> list[dict]:
    """pdffonts' table: one dict per font with its name, embedded and subset flags."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts


def pages_of(path: Path) -> int:
    return len(PdfReader(str(path)).pages)


def outline_titles(path: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(PdfReader(str(path)).outline)
    return titles
