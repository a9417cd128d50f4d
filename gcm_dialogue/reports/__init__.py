"""The meeting's documents as PDF, in any of the six UN languages.

    build_document(ws, meeting_id, "summary", "fr", "report.fr.pdf", final=False)
    export_all(ws, meeting_id, ["ar", "en"], "out/", final=False)

Each document is checked first (``gcm_dialogue.checks``): a final export refuses while a
blocking finding remains; a draft carries a DRAFT watermark and lists the findings on its
last page. A document is written under a temporary name and renamed, and ``export_all``
builds every file in a temporary folder before moving them into place
(``atomic_files``), so a failed or cancelled export leaves nothing half-written and no older
file replaced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KnownError, ValidationError
from ..i18n import LANGUAGES, _, current_language, force_locale
from ..meetings import get_meeting
from ..store import Workspace
from .atomic_files import replacing, staging_folder

if TYPE_CHECKING:  # the checks read the whole meeting: loaded when a document is built
    from ..checks import CheckReport

KINDS = ("summary", "highlights", "agenda", "participants", "groups", "survey")
Progress = Callable[[int, int], bool]


class ExportCancelled(KnownError):
    """The user cancelled an export; nothing was written."""


@dataclass
class Written:
    kind: str
    lang: str
    path: Path
    pages: int


def document_title(kind: str) -> str:
    from .documents import DOCUMENTS

    return str(DOCUMENTS[kind])


def file_name(short_name: str, kind: str, lang: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in short_name).strip("-") or "meeting"
    return f"{safe}_{kind}_{lang}.pdf"


def _check_args(kind: str, lang: str) -> None:
    if kind not in KINDS:
        raise ValidationError(f"unknown document {kind!r}; expected one of {', '.join(KINDS)}")
    if lang not in LANGUAGES:
        raise ValidationError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")


def build_document(
    ws: Workspace,
    meeting_id: str,
    kind: str,
    lang: str,
    path: str | Path,
    *,
    final: bool = False,
    report: CheckReport | None = None,
    on_page: Callable[[], None] | None = None,
) -> Written:
    """Write one document; returns where, and how many pages it has."""
    from ..checks import check
    from .context import DocContext
    from .documents import BUILDERS
    from .fonts import register_fonts
    from .layout import DocTemplate, Furniture

    _check_args(kind, lang)
    path = Path(path)
    if path.is_dir():
        raise ValidationError(
            _("{path} is a folder: give the name of the PDF file to write").format(path=path)
        )
    register_fonts()
    meeting = get_meeting(ws, meeting_id)
    report = report or check(ws, meeting_id, lang)
    if final and report.blocking:
        check(ws, meeting_id, lang, messages_in=current_language()).refuse_final()
    with replacing(path) as partial, force_locale(lang):
        ctx = DocContext(ws, meeting, lang, final=final, report=report)
        title = document_title(kind)
        story = BUILDERS[kind](ctx)
        furniture = Furniture(ctx.styles, meeting.short_name, title, draft=not final)
        doc = DocTemplate(
            str(partial),
            furniture,
            title=f"{meeting.short_name}: {title}",
            author=meeting.organiser or "GCM Dialogue",
            subject=meeting.title_in(lang),
            lang=lang,
            progress=on_page,
        )
        if kind != "summary":
            doc.pageTemplates.reverse()  # short documents start on a body page
        doc.build(story)
    return Written(kind, lang, path, max(furniture.pages or [0]))


def export_all(
    ws: Workspace,
    meeting_id: str,
    langs: Iterable[str],
    folder: str | Path,
    *,
    final: bool = False,
    kinds: Iterable[str] = KINDS,
    combined: bool = True,
    progress: Progress | None = None,
) -> list[Written]:
    """Every chosen document in every chosen language into ``folder``, plus one combined PDF.

    A final export checks every language first and refuses before writing anything. The
    files are built in a temporary folder and moved into ``folder`` only when all of them
    are complete: an error or a cancellation leaves ``folder`` exactly as it was.
    """
    from ..checks import check

    langs, kinds = list(dict.fromkeys(langs)), list(dict.fromkeys(kinds))
    if not langs:
        raise ValidationError("choose at least one language")
    for kind in kinds:
        for lang in langs:
            _check_args(kind, lang)
    meeting = get_meeting(ws, meeting_id)
    reports = {lang: check(ws, meeting_id, lang) for lang in langs}
    if final:  # refused in the language of whoever asked, whatever the documents' language
        for lang in langs:
            if reports[lang].blocking:
                check(ws, meeting_id, lang, messages_in=current_language()).refuse_final()
    folder = Path(folder)
    total = len(langs) * len(kinds) + (1 if combined else 0)
    written: list[Written] = []
    with staging_folder(folder) as staging:
        for lang in langs:
            for kind in kinds:
                if progress and not progress(len(written), total):
                    raise ExportCancelled(_("the export was cancelled; nothing was kept"))
                path = staging / file_name(meeting.short_name, kind, lang)
                written.append(
                    build_document(
                        ws, meeting_id, kind, lang, path, final=final, report=reports[lang]
                    )
                )
        if combined:
            name = file_name(meeting.short_name, "all", "-".join(langs))
            written.append(combine(written, staging / name))
    written = [replace(w, path=folder / w.path.name) for w in written]
    if progress:
        progress(total, total)
    return written


def combine(parts: list[Written], path: Path) -> Written:
    """One PDF of ``parts`` with a bookmark per language and per document (their own
    bookmarks nested below)."""
    from babel import Locale
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    language_marks: dict[str, object] = {}
    for part in parts:
        reader = PdfReader(str(part.path))
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        with force_locale(part.lang):
            if part.lang not in language_marks:
                native = Locale.parse(part.lang).get_display_name(Locale.parse(part.lang))
                language_marks[part.lang] = writer.add_outline_item(
                    title=native or part.lang, page_number=start
                )
            mark = writer.add_outline_item(
                title=document_title(part.kind), page_number=start, parent=language_marks[part.lang]
            )
        _copy_outline(writer, reader, reader.outline, mark, start)
    writer.add_metadata({"/Title": path.stem, "/Creator": "GCM Dialogue"})
    with replacing(path) as partial, open(partial, "wb") as handle:
        writer.write(handle)
    return Written("all", ",".join(sorted({p.lang for p in parts})), path, len(writer.pages))


def _copy_outline(writer: object, reader: object, items: list, parent: object, offset: int) -> None:
    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, last, offset)
            continue
        page = reader.get_destination_page_number(item)
        last = writer.add_outline_item(title=item.title, page_number=offset + page, parent=parent)
