import subprocess
import sys

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from gcm_dialogue import i18n
from gcm_dialogue.paths import LOCALES

# A string every catalog translates, and what each language must show for it.
EXPECTED_QUIT = {"ar": "خروج", "es": "Salir", "fr": "Quitter", "ru": "Выход", "zh": "退出"}


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_translated_string_reaches_the_user(lang):
    with i18n.force_locale(lang):
        shown = i18n._("&Quit").replace("&", "")
    if lang == "en":
        assert shown == "Quit"
    else:
        assert EXPECTED_QUIT[lang] in shown


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru", "zh"])
def test_catalogs_are_complete_and_compiled(lang):
    po_path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    assert untranslated == []
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("rb") as handle:
        compiled = read_mo(handle)
    assert {_key(m.id) for m in compiled if m.id} == {
        _key(m.id) for m in catalog if m.id and not m.fuzzy
    }, "run: pybabel compile -d locales -D messages"


def _key(message_id):
    return tuple(message_id) if isinstance(message_id, (list, tuple)) else message_id


def test_template_lists_every_string_in_the_code(tmp_path):
    out = tmp_path / "check.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(LOCALES / "babel.cfg"),
            "-k",
            "lazy_gettext",
            "-o",
            str(out),
            "--no-location",
            "--sort-output",
            ".",
        ],
        cwd=LOCALES.parent,
        check=True,
        capture_output=True,
    )
    with out.open("rb") as fresh, (LOCALES / "messages.pot").open("rb") as kept:
        assert {_key(m.id) for m in read_po(fresh)} == {_key(m.id) for m in read_po(kept)}, (
            "run the extract and update commands in the README"
        )


def test_plurals_use_named_placeholders():
    with i18n.force_locale("ru"):
        text = i18n.ngettext("{count} meeting in {file}", "{count} meetings in {file}", 5)
    assert "{count}" in text and "{file}" in text


@pytest.mark.parametrize(
    ("lang", "date_text", "range_text", "percent"),
    [
        ("en", "10 October 2017", "10–11 October 2017", "77%"),
        ("fr", "10 octobre 2017", "10–11 octobre 2017", "77\u00a0%"),
        ("es", "10 de octubre de 2017", "10–11 de octubre de 2017", "77\u00a0%"),
        ("ru", "10 октября 2017\u202fг.", "10–11 октября 2017\u202fг.", "77\u00a0%"),
        ("zh", "2017年10月10日", "2017年10月10日至11日", "77%"),
        ("ar", "10 أكتوبر 2017", "10–11 أكتوبر 2017", None),
    ],
)
def test_dates_and_percentages_follow_the_locale(lang, date_text, range_text, percent):
    with i18n.force_locale(lang):
        assert i18n.format_date("2017-10-10") == date_text
        assert i18n.format_date_range("2017-10-10", "2017-10-11") == range_text
        if percent:
            assert i18n.format_percent(27 / 35) == percent


def test_text_direction():
    assert i18n.text_direction("ar") == "rtl"
    for lang in i18n.LANGUAGES:  # the short list agrees with the CLDR data
        rtl = i18n.babel_locale(lang).character_order == "right-to-left"
        assert (i18n.text_direction(lang) == "rtl") == rtl
    assert {i18n.text_direction(lang) for lang in ("en", "fr", "es", "ru", "zh")} == {"ltr"}


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        with i18n.force_locale("de"):
            pass


def test_lazy_labels_translate_when_shown():
    from gcm_dialogue.notes import KINDS

    with i18n.force_locale("fr"):
        french = str(KINDS["recommendation"])
    assert str(KINDS["recommendation"]) == "Recommendation"
    assert french != "Recommendation"


def test_lists_of_names_are_separated_the_way_each_script_writes():
    assert i18n.list_separator("en") == "; "
    assert i18n.list_separator("ar") == "؛ "
    assert i18n.list_separator("zh") == "；"
    with i18n.force_locale("fr"):
        assert i18n.list_separator() == "; "


def test_work_in_another_thread_speaks_the_application_language():
    import threading

    seen = []
    before = i18n.current_language()
    i18n.set_language("fr")
    try:
        worker = threading.Thread(target=lambda: seen.append(i18n.current_language()))
        worker.start()
        worker.join()
    finally:
        i18n.set_language(before)
    assert seen == ["fr"]


def test_no_message_hides_inside_an_f_string():
    """Babel reads an f-string as one token: a ``_()`` inside it never reaches the catalogs."""
    import ast

    hidden = []
    for path in [
        *(LOCALES.parent / "gcm_dialogue").rglob("*.py"),
        *(LOCALES.parent / "ui").rglob("*.py"),
    ]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [
                    f"{path.name}:{call.lineno}"
                    for call in ast.walk(node)
                    if isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Name)
                    and call.func.id in {"_", "N_", "ngettext", "pgettext", "gettext"}
                ]
    assert hidden == []
