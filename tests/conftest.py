"""Shared fixtures: a fresh workspace per test, offscreen Qt, and no unexpected warnings."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from gcm_dialogue import meetings  # noqa: E402
from gcm_dialogue.store import open_memory_workspace, open_workspace  # noqa: E402


@pytest.fixture
def ws():
    workspace = open_memory_workspace()
    yield workspace
    workspace.close()


@pytest.fixture
def file_ws(tmp_path):
    workspace = open_workspace(tmp_path / "work.gcmd")
    yield workspace
    workspace.close()


@pytest.fixture
def meeting(ws):
    return meetings.create_meeting(
        ws,
        short_name="GRCP 7",
        title={"en": "Seventh Global Meeting", "fr": "Septième réunion mondiale"},
        start_date="2017-10-10",
        end_date="2017-10-11",
        venue="Geneva",
        time_zone="Europe/Zurich",
        working_langs=["en", "fr", "es"],
    )


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """Font instances cut for the documents go to a cache of the run, not the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def demo_path(tmp_path_factory):
    """The demo workspace, built once for the tests that only read it."""
    from gcm_dialogue.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.gcmd"
    build_demo(path)
    return path


@pytest.fixture(autouse=True)
def fail_on_logged_warnings(caplog):
    """A warning logged during a test is a failure, as in qutebrowser's logfail."""
    caplog.set_level(logging.WARNING)
    yield
    unexpected = [r for r in caplog.get_records("call") if r.levelno >= logging.WARNING]
    if unexpected:
        pytest.fail("unexpected warnings logged: " + "; ".join(r.getMessage() for r in unexpected))
