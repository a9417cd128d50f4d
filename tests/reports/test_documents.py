"""Every document in every language, built from the demo meeting and read back as text."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from gcm_dialogue import i18n, meetings
from gcm_dialogue.checks import check
from gcm_dialogue.i18n import LANGUAGES, force_locale
from gcm_dialogue.reports import KINDS, build_document, export_all
from gcm_dialogue.store import open_workspace
from tests.reports.helpers import fonts_of, norm, outline_titles, pages_of, text_of

# pages a document of the demo may sensibly have, per kind
PAGES = {
    "summary": (20, 45),
    "highlights": (1, 4),
    "agenda": (1, 4),
    "participants": (4, 15),
    "groups": (4, 8),
    "survey": (1, 6),
}
TITLES = {
    "summary": "Summary report",
    "highlights": "Highlights",
    "agenda": "Agenda",
    "participants": "List of participants",
    "groups": "Breakout groups",
    "survey": "Survey results",
}


@pytest.fixture(scope="module")
def demo(demo_path):
    ws = open_workspace(demo_path, create=False)
    yield ws, meetings.resolve_meeting(ws, None)
    ws.close()


@pytest.fixture(scope="module")
def built(demo, tmp_path_factory):
    """Each document in each language, built once for the module."""
    ws, meeting = demo
    folder = tmp_path_factory.mktemp("documents")
    written = export_all(ws, meeting.id, LANGUAGES, folder, combined=True)
    return {(w.kind, w.lang): w for w in written}


def translated(lang, message):
    with force_locale(lang):
        return norm(i18n.gettext(message))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_document_fonts_pages_metadata(built, kind, lang):
    written = built[(kind, lang)]
    low, high = PAGES[kind]
    assert low <= pages_of(written.path) == written.pages <= high
    fonts = fonts_of(written.path)
    assert fonts and all(f["emb"] == "yes" and f["sub"] == "yes" for f in fonts), fonts
    names = " ".join(f["name"] for f in fonts)
    expected = {"ar": "NotoSansArabic", "zh": "WenQuanYi"}.get(lang, "NotoSans-")
    assert expected in names
    info = PdfReader(str(written.path))
    assert info.metadata.title == f"GRCP 7: {translated(lang, TITLES[kind])}"
    assert info.metadata.author == "IOM"
    assert info.trailer["/Root"]["/Lang"] == lang
    assert outline_titles(written.path), "every document has bookmarks"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "ar"])
def test_document_text_is_translated(built, kind, lang):
    """Title, page numbers and the draft mark in the document's language, text extractable."""
    text = text_of(built[(kind, lang)].path)
    assert translated(lang, TITLES[kind]) in text
    watermark = PdfReader(str(built[(kind, lang)].path)).pages[0].extract_text()
    assert translated(lang, "DRAFT") in re.sub(r"\s", "", watermark)
    pages = built[(kind, lang)].pages
    with force_locale(lang):
        last = i18n.gettext("Page {page} of {pages}").format(page=pages, pages=pages)
    assert norm(last) in text


def test_arabic_document_is_right_to_left_and_in_arabic(built):
    """The header is mirrored (the meeting's short name on the right) and the Arabic text is
    extractable in logical order: the translated headings, the figures and the page
    furniture read as written."""
    path = built[("summary", "ar")].path
    reader = PdfReader(str(path))
    page = reader.pages[3]
    positions = []

    def visit(text, cm, tm, *_):
        if text.strip():
            positions.append((text.strip(), cm[0] * tm[4] + cm[2] * tm[5] + cm[4]))

    page.extract_text(visitor_text=visit)
    short_name = [x for t, x in positions if t == "GRCP 7"]
    assert short_name and short_name[0] > 300, "the meeting's short name is on the right"
    text = text_of(path)
    assert "92" in text
    position = 0
    for heading in ("Contents", "List of acronyms", "Introduction", "Conclusions", "Annexes"):
        position = text.find(translated("ar", heading), position)
        assert position >= 0, heading
    assert translated("ar", "Summary report") in text_of(path, first=1, last=1)
    with force_locale("ar"):
        rate = i18n.format_percent(ARABIC_FIGURES_RATE)
    assert rate.strip("%") in text
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text), "no presentation forms"


ARABIC_FIGURES_RATE = 27 / 35


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ru", "zh"])
def test_summary_headings_in_order_with_computed_figures(built, demo, lang):
    ws, meeting = demo
    path = built[("summary", lang)].path
    reader = PdfReader(str(path))
    first = reader.get_destination_page_number(reader.outline[0]) + 1  # after the contents
    text = text_of(path, first=first)
    headings = [
        "List of acronyms",
        "Introduction",
        "1. Background",
        "2. Summary of proceedings",
        "3. Outcomes of the breakout groups",
        "4. Survey results",
        "5. Recommendations",
        "Conclusions",
        "Annexes",
        "Findings of the check before export",
    ]

    def numbered(heading):
        number, _, title = heading.partition(". ") if heading[0].isdigit() else ("", "", heading)
        return f"{number}. {translated(lang, title)}" if number else translated(lang, title)

    position = 0
    for heading in headings:  # each one after the one before it
        position = text.find(numbered(heading), position)
        assert position >= 0, heading
    report = check(ws, meeting.id, lang)
    with force_locale(lang):
        rate = i18n.format_percent(report.figures.survey_rate)
        dates = i18n.format_date_range(meeting.start_date, meeting.end_date)
    assert norm(rate) in text
    assert str(report.figures.participants) in text
    assert norm(dates) in text_of(path, first=1, last=1)


def test_french_dates_are_written_out(built):
    assert "10–11 octobre 2017" in text_of(built[("summary", "fr")].path, first=1, last=1)
    assert "mardi 10 octobre 2017" in text_of(built[("agenda", "fr")].path)


def test_participant_list_columns_and_categories(built, demo):
    ws, meeting = demo
    text = text_of(built[("participants", "en")].path)
    for header in ("#", "Mechanism or organization", "Name", "Position"):
        assert header in text
    assert "Inter-State consultation mechanism (52)" in text
    assert "Regional economic organization (8)" in text


def test_group_sheets_show_rooms_and_interpretation(built):
    text = text_of(built[("groups", "fr")].path)
    assert "Room 18" in text and "Interprétation : anglais–français" in text


def test_combined_pdf_has_a_bookmark_per_language_and_document(built):
    combined = built[("all", "ar,en,es,fr,ru,zh")]
    titles = outline_titles(combined.path)
    assert "français" in titles and "中文" in titles
    assert "Rapport de synthèse" in titles and "简要报告" in titles
    assert combined.pages == sum(w.pages for k, w in built.items() if k[0] != "all")


def test_a_missing_translation_is_marked_in_a_draft(built, tmp_path):
    from gcm_dialogue import outcomes
    from gcm_dialogue.demo import build_demo

    # the demo's highlights are translated into every language: no fallback is printed
    assert "[EN]" not in text_of(built[("highlights", "ru")].path)
    # take the Russian text out of one highlight: its English fallback is marked [EN]
    build_demo(tmp_path / "demo.gcmd")
    ws = open_workspace(tmp_path / "demo.gcmd", create=False)
    meeting = meetings.resolve_meeting(ws, None)
    first = outcomes.list_highlights(ws, meeting.id)[0]
    outcomes.update_highlight(ws, first.id, first.text.with_text("ru", ""))
    build_document(ws, meeting.id, "highlights", "ru", tmp_path / "h.pdf")
    ws.close()
    text = text_of(tmp_path / "h.pdf")
    assert text.count("[EN]") == 1
    assert norm(first.text["en"])[:25] in text


def test_final_export_refused_while_blocking_findings_remain(demo, tmp_path):
    ws, meeting = demo
    from gcm_dialogue.checks import ExportRefused

    with pytest.raises(ExportRefused, match="final export is refused"):
        build_document(ws, meeting.id, "highlights", "en", tmp_path / "h.pdf", final=True)
    assert not list(tmp_path.iterdir()), "nothing is written"


def test_recommendations_say_where_they_came_from(built, demo):
    """Each consolidated recommendation carries its provenance, from consolidation."""
    from gcm_dialogue import consolidation, outcomes

    ws, meeting = demo
    text = text_of(built[("summary", "en")].path)
    for outcome in outcomes.list_outcomes(ws, meeting.id):
        found = consolidation.outcome_provenance(ws, outcome.id)
        if found.group_count:
            made_in = found.made_in()
            assert norm(made_in[:1].upper() + made_in[1:]) in text
    assert (
        "Made in 4 of 4 groups (Africa; Americas; Asia, Pacific and the Middle East; Europe)"
        in text
    )


def test_survey_sections_print_survey_results(built, demo):
    """The survey section and document print what survey_results computes."""
    from gcm_dialogue import surveys
    from gcm_dialogue.survey_results import kind_label, survey_results

    ws, meeting = demo
    results = survey_results(ws, surveys.list_surveys(ws, meeting.id)[0].id)
    assert any(found.overall.items for found in results.lists)  # the demo has entries to print
    for kind in ("summary", "survey"):
        text = text_of(built[(kind, "en")].path)
        for found in results.lists:
            tally = found.overall
            if tally.items:
                assert (
                    f"{tally.contributors} of the {tally.respondents} entities that answered "
                    f"gave {tally.items} entries."
                ) in text
        assert "Thematic cluster" in text and "Concrete recommendations" in text
    text = text_of(built[("survey", "en")].path)
    for row in results.by_kind:
        assert f"{kind_label(row.code)} {row.total} {row.answered}" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_is_left_empty(built, lang):
    """Every page carries more than its furniture (no empty page after the contents, no
    contents line alone on a page)."""
    path = built[("summary", lang)].path
    # a Chinese character carries about as much as two Latin, Cyrillic or Arabic ones: the
    # cover page, with the title in Chinese, has about half as many characters
    least = 60 if lang == "zh" else 120
    for page in range(1, pages_of(path) + 1):
        assert len(text_of(path, first=page, last=page)) > least, page


def test_latin_runs_in_chinese_keep_the_latin_font():
    from gcm_dialogue.reports.fonts import markup

    text = "主题为“Inter-State Consultation”，由 IOM 主办。"
    assert markup(text, "zh").count('<font name="GDLatin">') == 2
