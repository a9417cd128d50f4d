"""Content that holds one text per language (titles, questions, outcomes, highlights).

Stored as a JSON object ``{lang: text}``. In drafts a missing translation falls back to the
meeting's source language and says so; final documents check ``missing`` first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Resolved:
    """A text chosen for a language, and whether it had to fall back to another."""

    text: str
    lang: str
    is_fallback: bool


class Text(dict[str, str]):
    """A mapping of language code to text; empty texts are dropped."""

    def __init__(self, value: Mapping[str, str] | str | None = None, lang: str = "en") -> None:
        super().__init__()
        if isinstance(value, str):
            value = {lang: value}
        for code, text in (value or {}).items():
            if text is not None and str(text).strip():
                self[str(code)] = str(text)

    @classmethod
    def from_json(cls, raw: str | None) -> Text:
        return cls(json.loads(raw) if raw else None)

    def to_json(self) -> str:
        return json.dumps(dict(sorted(self.items())), ensure_ascii=False)

    def resolve(self, lang: str, source: str) -> Resolved:
        """The text in ``lang``, else in ``source``, else in any language there is."""
        if lang in self:
            return Resolved(self[lang], lang, False)
        if source in self:
            return Resolved(self[source], source, True)
        for code in sorted(self):
            return Resolved(self[code], code, True)
        return Resolved("", lang, lang != source)

    def get_text(self, lang: str, source: str = "en") -> str:
        return self.resolve(lang, source).text

    def missing(self, langs: Iterable[str]) -> list[str]:
        return [code for code in langs if code not in self]

    def with_text(self, lang: str, text: str) -> Text:
        """A copy with one language set (or removed, when ``text`` is blank)."""
        updated = Text(self)
        if text.strip():
            updated[lang] = text
        else:
            updated.pop(lang, None)
        return updated


def texts_json(items: Iterable[Mapping[str, str]]) -> str:
    """A list of multilingual texts (guiding questions) as stored JSON."""
    return json.dumps([dict(Text(item)) for item in items], ensure_ascii=False)


def texts_from_json(raw: str | None) -> list[Text]:
    return [Text(item) for item in json.loads(raw or "[]")]
