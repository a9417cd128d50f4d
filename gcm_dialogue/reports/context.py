"""What a document builder works with: the meeting, the language, the styles and the rule."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from ..checks import CheckReport
from ..i18n import format_date_range
from ..meetings import Meeting
from ..multilingual import Text
from ..store import Workspace
from .chatham import ChathamHouse
from .fonts import markup
from .layout import FALLBACK, Heading, HeadingFlowable, Styles, heading, para


class DocContext:
    def __init__(
        self, ws: Workspace, meeting: Meeting, lang: str, *, final: bool, report: CheckReport
    ) -> None:
        self.ws = ws
        self.meeting = meeting
        self.lang = lang
        self.final = final
        self.report = report
        self.figures = report.figures
        self.source = meeting.source_lang
        self.styles = Styles(lang)
        self.rule = ChathamHouse(ws, meeting)
        self.fallbacks = 0
        self.headings: list[Heading] = []
        self.cache: dict[str, object] = {}
        self._keys = itertools.count(1)

    # text
    def plain(self, value: Mapping[str, str] | str | None) -> str:
        """The text in the document's language, else the source's (no marking)."""
        return Text(value).get_text(self.lang, self.source) if not isinstance(value, str) else value

    def label(self, value: Mapping[str, str] | None) -> str:
        """A title or name in the document's language; a fallback marked in drafts ("[EN] ")."""
        resolved = Text(value).resolve(self.lang, self.source)
        if resolved.is_fallback and resolved.text:
            self.fallbacks += 1
            if not self.final:
                return f"[{resolved.lang.upper()}] {resolved.text}"
        return resolved.text

    def dates(self) -> str:
        return format_date_range(self.meeting.start_date, self.meeting.end_date, lang=self.lang)

    def content(
        self,
        value: Mapping[str, str] | None,
        style: ParagraphStyle | None = None,
        *,
        statement: bool = False,
        bold: bool = False,
        bullet: str | None = None,
        prefix: str = "",
        suffix: str = "",
    ) -> Flowable | None:
        """A paragraph of multilingual content; a fallback is marked in drafts.

        ``statement`` passes the text through the Chatham House rule.
        """
        resolved = Text(value).resolve(self.lang, self.source)
        text = resolved.text
        if not text:
            return None
        if statement:
            text = self.rule.statement(text)
        return self.text_para(
            text,
            style,
            bold=bold,
            bullet=bullet,
            prefix=prefix,
            suffix=suffix,
            fallback_lang=resolved.lang if resolved.is_fallback else None,
        )

    def text_para(
        self,
        text: str,
        style: ParagraphStyle | None = None,
        *,
        bold: bool = False,
        bullet: str | None = None,
        prefix: str = "",
        suffix: str = "",
        fallback_lang: str | None = None,
    ) -> Flowable:
        style = style or self.styles.body
        if bold and style is self.styles.body:
            style = self.styles.lead
        is_bold = bold or style.fontName.endswith("-Bold")
        body = markup(text, self.lang, bold=is_bold)
        if is_bold and not style.fontName.endswith("-Bold"):
            body = f"<b>{body}</b>"
        if fallback_lang:
            self.fallbacks += 1
            if not self.final:
                body = f'<font color="{FALLBACK}" size="7">[{fallback_lang.upper()}]</font> ' + body
        return para(self.styles, prefix + body + suffix, style, raw=True, bullet=bullet, plain=text)

    # structure
    def heading(
        self, level: int, number: str, title: str, *, in_contents: bool = True
    ) -> HeadingFlowable:
        flowable = heading(
            self.styles, level, number, title, f"h{next(self._keys)}", in_contents=in_contents
        )
        self.headings.append(flowable.heading)
        return flowable
