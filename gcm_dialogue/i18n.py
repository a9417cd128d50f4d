"""Translation and locale-aware formatting, for the UI and the documents alike.

Strings a user sees go through ``_`` (or ``ngettext`` for plurals, with named placeholders);
labels defined at module level use ``lazy_gettext`` so they are translated when shown, not
when imported. Documents are produced inside ``force_locale(lang)``. Dates, times, numbers
and percentages are formatted by Babel for the current locale, never by hand.
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from functools import cache
from typing import TYPE_CHECKING

from .paths import LOCALES

if TYPE_CHECKING:
    from babel import Locale

LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")
DOMAIN = "messages"
DEFAULT_LANGUAGE = "en"

# Babel locale names: UN English is British ("10 October 2017"); Chinese is Simplified.
_BABEL_LOCALES = {"en": "en_GB", "zh": "zh_Hans_CN"}

# The application's language holds in every thread (work handed to a worker thread speaks
# it too); force_locale overrides it for one block of one thread (a document export).
_application_language = DEFAULT_LANGUAGE
_current: contextvars.ContextVar[str] = contextvars.ContextVar("locale")


# Babel is imported on first use: the window paints before any date needs formatting.
def babel_locale(lang: str | None = None) -> Locale:
    from babel import Locale

    code = lang or current_language()
    return Locale.parse(_BABEL_LOCALES.get(code, code))


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, localedir=str(LOCALES), languages=[lang], fallback=True)


def current_language() -> str:
    return _current.get(_application_language)


def set_language(lang: str) -> None:
    """Set the language of the running application (the UI)."""
    global _application_language
    _check(lang)
    _application_language = lang


@contextlib.contextmanager
def force_locale(lang: str) -> Iterator[None]:
    """Translate and format as ``lang`` inside the block (a document export)."""
    _check(lang)
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _check(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def gettext(message: str) -> str:
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``; format the result with named placeholders."""
    return _translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations(current_language()).pgettext(context, message)


class LazyText:
    """A message translated each time it is used, into the language current then."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        return gettext(self.message)

    def __repr__(self) -> str:
        return f"LazyText({self.message!r})"

    def __getattr__(self, name: str) -> object:  # format, replace, upper…: the str's own
        return getattr(str(self), name)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __mod__(self, other: object) -> str:
        return str(self) % other

    def __eq__(self, other: object) -> bool:
        return str(self) == (str(other) if isinstance(other, LazyText) else other)

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __len__(self) -> int:
        return len(str(self))

    def __bool__(self) -> bool:
        return bool(self.message)

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __iter__(self) -> Iterator[str]:
        return iter(str(self))

    def __getitem__(self, key: int | slice) -> str:
        return str(self)[key]


def lazy_gettext(message: str) -> LazyText:
    return LazyText(message)


_ = gettext
N_ = lazy_gettext


def text_direction(lang: str | None = None) -> str:
    """``"rtl"`` for right-to-left languages (Arabic), else ``"ltr"``."""
    return "rtl" if (lang or current_language()) in _RIGHT_TO_LEFT else "ltr"


_RIGHT_TO_LEFT = {"ar"}  # of the six; a test checks Babel's CLDR data agrees


def language_name(lang: str, in_lang: str | None = None) -> str:
    """A language's name, by default in the current language."""
    return babel_locale(lang).get_display_name(babel_locale(in_lang)) or lang


def format_date(value: date | str, format: str = "long", lang: str | None = None) -> str:
    from babel import dates

    if isinstance(value, str):
        value = date.fromisoformat(value)
    return dates.format_date(value, format=format, locale=babel_locale(lang))


def format_time(value: time | str, format: str = "short", lang: str | None = None) -> str:
    from babel import dates

    if isinstance(value, str):
        value = time.fromisoformat(value)
    return dates.format_time(value, format=format, locale=babel_locale(lang))


def format_datetime(value: datetime, format: str = "medium", lang: str | None = None) -> str:
    from babel import dates

    return dates.format_datetime(value, format=format, locale=babel_locale(lang))


def format_date_range(start: date | str, end: date | str, lang: str | None = None) -> str:
    """ "10–11 October 2017" in the locale's own way, with the month written out."""
    from babel import dates

    start = date.fromisoformat(start) if isinstance(start, str) else start
    end = date.fromisoformat(end) if isinstance(end, str) else end
    if start == end:
        return format_date(start, lang=lang)
    locale = babel_locale(lang)
    formats = locale.interval_formats
    if "yMMMMd" in formats or "yMMMd" not in formats:
        return dates.format_interval(start, end, skeleton="yMMMMd", locale=locale)
    # Many locales only define the abbreviated-month interval; widen its month field.
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    pieces = formats["yMMMd"][field]
    return "".join(
        dates.parse_pattern(_widen_month(piece)).apply(instant, locale)
        for instant, piece in zip((start, end), pieces, strict=False)
    )


def _widen_month(pattern: str) -> str:
    return re.sub(r"(?<![ML])(M{3}|L{3})(?![ML])", lambda m: m.group(1) + m.group(1)[0], pattern)


def list_separator(lang: str | None = None) -> str:
    """Between the items of a list whose items may hold commas: "; ", "；" in Chinese, "؛ "
    in Arabic."""
    return _LIST_SEPARATORS.get(lang or current_language(), "; ")


_LIST_SEPARATORS = {"zh": "；", "ar": "؛ "}


def format_number(value: float, lang: str | None = None) -> str:
    from babel import numbers

    return numbers.format_decimal(value, locale=babel_locale(lang))


def format_percent(fraction: float, lang: str | None = None, decimals: int = 0) -> str:
    from babel import numbers

    pattern = None if decimals == 0 else "#,##0." + "0" * decimals + "%"
    return numbers.format_percent(fraction, format=pattern, locale=babel_locale(lang))


def format_duration_minutes(minutes: int, lang: str | None = None) -> str:
    """A duration such as "1 hour 15 minutes", localised."""
    from babel import dates

    hours, rest = divmod(int(minutes), 60)
    locale = babel_locale(lang)
    parts = [
        dates.format_timedelta(seconds, threshold=1, locale=locale, format="long")
        for seconds in (hours * 3600, rest * 60)
        if seconds
    ]
    zero = dates.format_timedelta(0, granularity="minute", locale=locale, format="long")
    return " ".join(parts) or zero
