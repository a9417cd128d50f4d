"""Finding the font files that cover the six UN languages' scripts.

Latin, Cyrillic and Arabic come from pip packages (Noto Sans, Noto Sans Arabic). A CJK font
with TrueType outlines comes from the system: Debian's fonts-wqy-zenhei or
fonts-droid-fallback, or the fonts Windows and macOS ship. Nothing is bundled here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_CJK_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


@dataclass(frozen=True)
class FontFiles:
    latin: Path | None
    latin_italic: Path | None
    arabic: Path | None
    cjk: Path | None

    def all(self) -> list[Path]:
        return [p for p in (self.latin, self.latin_italic, self.arabic, self.cjk) if p]


def _package_font(module: str, pattern: str) -> Path | None:
    try:
        package = __import__(module)
    except ImportError:
        return None
    matches = sorted(Path(package.ROOT, "files").glob(pattern))
    return matches[0] if matches else None


@lru_cache(maxsize=1)
def find_fonts() -> FontFiles:
    extra = os.environ.get("GCM_DIALOGUE_CJK_FONT")
    candidates = ([extra] if extra else []) + list(_CJK_CANDIDATES)
    cjk = next((Path(p) for p in candidates if Path(p).is_file()), None)
    return FontFiles(
        latin=_package_font("fontpkg_noto_sans", "NotoSans[[]*.ttf"),
        latin_italic=_package_font("fontpkg_noto_sans", "NotoSans-Italic*.ttf"),
        arabic=_package_font("fontpkg_noto_sans_arabic", "NotoSansArabic[[]*.ttf"),
        cjk=cjk,
    )
