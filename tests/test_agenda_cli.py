"""The ``agenda`` commands: show, publish, changes, speaking-time; exit status 0/1/2."""

import json
import shutil
from datetime import UTC, datetime

import pytest

from gcm_dialogue import agenda, live
from gcm_dialogue.cli import main
from gcm_dialogue.store import open_workspace


@pytest.fixture
def db(demo_path, tmp_path):
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    return str(path)


def test_show_publish_change_and_list(db, capsys):
    assert main(["agenda", "show", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "GRCP 7: not published" in out and "13:00–14:30 fixed Lunch break" in out
    assert main(["agenda", "changes", "--db", db]) == 1
    assert "not been published" in capsys.readouterr().err
    assert main(["agenda", "publish", "--db", db, "--meeting", "GRCP 7"]) == 0
    assert capsys.readouterr().out.strip() == "Published the agenda of GRCP 7 as version 1"
    with open_workspace(db) as ws:
        meeting_id = ws.scalar("SELECT id FROM meetings")
        first = agenda.list_items(ws, meeting_id)[0]
        agenda.update_item(ws, first.id, duration_min=80, reason="late start")
    assert main(["agenda", "changes", "--db", db, "--since", "1"]) == 0
    line = capsys.readouterr().out.strip()
    assert "Changed “Registration”: duration: 1 hour → 1 hour 20 minutes" in line
    assert line.endswith("(reason: late start)")
    assert main(["agenda", "changes", "--db", db, "--json"]) == 0
    [change] = json.loads(capsys.readouterr().out)
    assert change["fields"] == [{"field": "duration_min", "old": 60, "new": 80}]
    assert main(["agenda", "show", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    lunch = next(i for i in data["days"][0]["items"] if i["kind"] == "break")
    assert (lunch["start"], lunch["overlap_before"], data["published_version"]) == ("13:00", 20, 1)
    assert main(["agenda", "changes", "--db", db, "--since", "2"]) == 1


def test_speaking_time(db, capsys):
    with open_workspace(db) as ws:
        meeting_id = ws.scalar("SELECT id FROM meetings")
        item = agenda.list_items(ws, meeting_id)[3]
        t0 = datetime(2017, 10, 10, 9, 0, tzinfo=UTC)
        live.start_intervention(ws, item.id, delegation="Switzerland", now=t0)
        live.next_speaker(ws, item.id, now=t0.replace(minute=3))
    assert main(["agenda", "speaking-time", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Switzerland" in out and "3:00" in out
    assert main(["agenda", "speaking-time", "--db", db, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["delegations"] == [{"name": "Switzerland", "seconds": 180, "count": 1}]


def test_usage_errors_exit_2(db):
    with pytest.raises(SystemExit) as exc:
        main(["agenda", "show"])
    assert exc.value.code == 2
