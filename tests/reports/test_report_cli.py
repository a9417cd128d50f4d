"""The commands ``report``, ``export all`` and ``check``, as a script would run them."""

from __future__ import annotations

import shutil

import pytest

from gcm_dialogue import cli
from tests.reports.helpers import outline_titles, pages_of, text_of


@pytest.fixture
def demo(demo_path, tmp_path):
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    return path


def run(*argv):
    return cli.run(cli.parse([str(a) for a in argv]))


@pytest.mark.parametrize(
    ("kind", "lang", "expected"),
    [
        ("highlights", "fr", "Points saillants"),
        ("agenda", "es", "Programa"),
        ("participants", "ru", "Список участников"),
        ("groups", "zh", "分组讨论"),
        ("survey", "en", "Survey results"),
    ],
)
def test_report_writes_one_document(demo, tmp_path, capsys, kind, lang, expected):
    out = tmp_path / f"{kind}.pdf"
    assert run("report", kind, "--db", demo, "--meeting", "GRCP 7", "--lang", lang, "-o", out) == 0
    assert expected in text_of(out)
    assert f"{kind}, {lang}, draft" in capsys.readouterr().out


def test_report_final_is_refused_with_one_line(demo, tmp_path, capsys):
    out = tmp_path / "summary.pdf"
    assert run("report", "summary", "--db", demo, "--lang", "en", "-o", out, "--final") == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: a final export is refused") and "\n" not in err
    assert not out.exists()


def test_check_lists_findings_and_figures(demo, capsys):
    assert run("check", "--db", demo, "--lang", "fr") == 1  # blocking findings remain
    out = capsys.readouterr().out
    # all in the language checked, as the Documents view shows it
    assert "[bloquant] 23 notes ne sont pas définitives" in out
    assert "27 réponses sur 35 (77" in out
    assert "Afrique  11/12" in out
    assert "Figures" not in out and "blocking" not in out


def test_export_all_writes_every_document_and_a_combined_pdf(demo, tmp_path, capsys):
    folder = tmp_path / "out"
    assert run("export", "all", "--db", demo, "--lang", "ar,en", "-o", folder) == 0
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 13
    combined = folder / "GRCP-7_all_ar-en.pdf"
    assert combined.name in files
    titles = outline_titles(combined)
    assert titles[0] == "العربية" and "English" in titles
    assert pages_of(combined) == sum(pages_of(folder / f) for f in files if f != combined.name)


@pytest.mark.parametrize(
    "argv",
    [
        ("report", "minutes", "--db", "x.gcmd", "--lang", "en", "-o", "x.pdf"),
        ("report", "summary", "--db", "x.gcmd", "--lang", "de", "-o", "x.pdf"),
        ("check", "--db", "x.gcmd"),
    ],
)
def test_wrong_usage_exits_2(argv):
    with pytest.raises(SystemExit) as exc:
        cli.parse(list(argv))
    assert exc.value.code == 2


def test_export_all_rejects_an_unknown_language(demo, tmp_path, capsys):
    assert run("export", "all", "--db", demo, "--lang", "en,de", "-o", tmp_path / "o") == 1
    assert "unknown language de" in capsys.readouterr().err
