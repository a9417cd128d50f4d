"""Small pieces of text the document sections share: tables cut into pieces, numbers,
list separators, times, cluster names, section numbers.

``Story`` is what every section returns: a list of reportlab flowables.
"""

from __future__ import annotations

from datetime import datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, get_time_format
from reportlab.platypus import Flowable

from .. import taxonomy
from ..i18n import (
    _,
    babel_locale,
    current_language,
    format_number,
    format_percent,
    format_time,
    list_separator,
)
from .context import DocContext
from .fonts import markup
from .layout import header_cells, table

Story = list[Flowable]

BULLET = "•"
CHUNK = 45  # rows per table piece: long tables are cut so reportlab never re-splits them


def tables(
    ctx: DocContext,
    header: list[str],
    rows: list[list[object]],
    widths: list[float],
    numeric: tuple[int, ...] = (),
) -> Story:
    if not rows:
        return [ctx.text_para(_("None."), ctx.styles.small)]
    head = header_cells(ctx.styles, header, numeric)  # one header for every piece
    return [
        table(ctx.styles, header, rows[i : i + CHUNK], widths, numeric=numeric, head=head)
        for i in range(0, len(rows), CHUNK)
    ]


@lru_cache(maxsize=8192)
def _number(value: int, lang: str) -> str:
    return format_number(value, lang=lang)


def number(value: int) -> str:
    """``format_number`` for the counters of long lists (5,000 rows), memoised."""
    return _number(value, current_language())


def separator(ctx: DocContext) -> str:
    return list_separator(ctx.lang)


def clock_text(total_minutes: int) -> str:
    hours, mins = divmod(total_minutes, 60)
    return format_time(time(hours % 24, mins))


def span_text(start: int, end: int) -> str:
    """ "09:00–10:15", "9:00–10:15 ص": a time range as the locale writes one (the day
    period once when both ends share it)."""
    locale = babel_locale()
    pattern = get_time_format("short", locale=locale).pattern
    skeleton = "hm" if "h" in pattern else "Hm"
    first, last = (time((m // 60) % 24, m % 60) for m in (start, end))
    try:
        return format_interval(first, last, skeleton, locale=locale)
    except (KeyError, ValueError):  # pragma: no cover - a locale without interval formats
        return f"{clock_text(start)}–{clock_text(end)}"


def local_clock(ctx: DocContext, stamp: str) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return format_time(moment.astimezone(ZoneInfo(ctx.meeting.time_zone)).time())


def plain_language(code: str) -> str:
    """A language's name without a region ("English", not "English (United Kingdom)")."""
    try:
        return Locale.parse(code).get_display_name(babel_locale()) or code
    except (ValueError, UnknownLocaleError):
        return code


def cluster_names(ctx: DocContext) -> dict[int, str]:
    return {c.number: ctx.plain(c.short) for c in taxonomy.clusters(ctx.ws)}


def para_escape(ctx: DocContext, text: str) -> str:
    return markup(text, ctx.lang)


def rate_text(answered: int, total: int) -> str:
    share = answered / total if total else 0.0
    return f"{format_number(answered)}/{format_number(total)} · {format_percent(share)}"


class Numbering:
    """Section numbers: 1, 1.1, 1.2, 2 ..."""

    def __init__(self) -> None:
        self.parts: list[int] = []

    def next(self, level: int) -> str:
        del self.parts[level:]
        while len(self.parts) < level:
            self.parts.append(0)
        self.parts[level - 1] += 1
        return ".".join(str(n) for n in self.parts) + "."
