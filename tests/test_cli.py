"""The command line contract: exit 0 on success, 1 with one line on bad input, 2 on wrong usage."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gcm_dialogue import cli

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_demo_then_meetings_json(demo_path):
    result = run_cli("meetings", "--db", demo_path, "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [m["short_name"] for m in listed] == ["GRCP 7"]
    assert listed[0]["start_date"] == "2017-10-10" and listed[0]["end_date"] == "2017-10-11"
    assert {"id", "title"} <= set(listed[0])


def test_meetings_table(demo_path, capsys):
    assert cli.main(["meetings", "--db", str(demo_path)]) == 0
    assert "GRCP 7" in capsys.readouterr().out


def test_demo_refuses_to_overwrite(demo_path, capsys):
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    assert cli.main(["demo", "--db", str(demo_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("kind", ["text", "truncated", "folder"])
def test_bad_db_fails_with_one_line_and_leaves_it_untouched(tmp_path, demo_path, kind):
    if kind == "text":
        target = tmp_path / "notes.txt"
        target.write_text("not a workspace\n")
    elif kind == "truncated":
        target = tmp_path / "cut.gcmd"
        data = demo_path.read_bytes()
        target.write_bytes(data[: len(data) // 3])
    else:
        target = tmp_path / "folder"
        target.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    digest = None if target.is_dir() else hashlib.sha256(target.read_bytes()).hexdigest()
    result = run_cli("meetings", "--db", target)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    if digest:
        assert hashlib.sha256(target.read_bytes()).hexdigest() == digest


def test_missing_db_is_a_failure_not_a_new_file(tmp_path):
    result = run_cli("meetings", "--db", tmp_path / "absent.gcmd")
    assert result.returncode == 1
    assert not (tmp_path / "absent.gcmd").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["meetings"],
        ["no-such-command"],
        ["generate", "--db", "x", "--scale", "huge"],
        ["--lang", "de"],
    ],
)
def test_wrong_usage_exits_2(args):
    with pytest.raises(SystemExit) as caught:
        cli.parse(args)
    assert caught.value.code == 2


def test_commands_alone_require_a_command(capsys):
    assert cli.main([]) == 2


def test_generate_small_is_deterministic(tmp_path):
    first, second = tmp_path / "a.gcmd", tmp_path / "b.gcmd"
    assert cli.main(["generate", "--db", str(first), "--scale", "small"]) == 0
    assert cli.main(["generate", "--db", str(second), "--scale", "small"]) == 0
    from gcm_dialogue.store import open_workspace

    def snapshot(path):
        with open_workspace(path, create=False) as ws:
            return ws.query("SELECT id, text, lang, kind FROM notes ORDER BY id")

    assert snapshot(first) == snapshot(second)
    assert len(snapshot(first)) == 600


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    missing = [name for name in commands if f"`{name}" not in readme and f" {name} " not in readme]
    assert missing == []


def test_output_cut_short_by_the_reader_is_not_an_error(tmp_path):
    db = tmp_path / "d.gcmd"
    assert cli.main(["demo", "--db", str(db)]) == 0
    # the reader goes away before the command writes, as `| head` does once it has enough
    child = subprocess.Popen(
        [sys.executable, "main.py", "agenda", "show", "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    child.stdout.close()
    err = child.stderr.read()
    assert child.wait(timeout=60) == 0
    assert b"Traceback" not in err and b"internal error" not in err


def test_the_application_start_does_not_load_the_commands():
    probe = (
        "import sys; from gcm_dialogue import cli; "
        "args = cli.parse(['--db', 'w.gcmd', '--lang', 'fr']); "
        "print(args.command, args.lang, any(m.endswith('_commands') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["None", "fr", "False"]
