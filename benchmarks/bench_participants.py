"""Budgets of the participants feature: import, filter-as-you-type, automatic assignment."""

from __future__ import annotations

import random
import shutil
import statistics
import time
from pathlib import Path

from benchmarks.run import Line, budget

FAMILY = [
    "Gómez Camacho",
    "Diallo",
    "Осмоналиев",
    "Žák",
    "Muiño",
    "Lindqvist-Moretti",
    "Ibáñez Sotomayor",
    "Wekesa Otieno",
    "王",
    "العلي",
    "Nguyen",
    "Karadağ",
]
GIVEN = [
    "Juan José",
    "Amina",
    "Талант",
    "Radim",
    "Ana María",
    "Åsa",
    "Martín",
    "Omondi",
    "丽",
    "محمد",
    "Linh",
    "Oğuzhan",
]
ORGS = ["RCM", "SACM", "Almaty Process", "Prague Process", "ECOWAS", "IOM", "Bali Process"]
COUNTRIES = ["Mexique", "Sénégal", "Kirghizistan", "Tchéquie", "Uruguay", "Suède", "Chili"]


def _copy(context: dict, name: str) -> Path:
    target = Path(context["tmp"]) / name
    shutil.copy(context["large"], target)
    return target


@budget
def participants_import(context: dict) -> list[Line]:
    from gcm_dialogue import meetings, participant_import
    from gcm_dialogue.store import open_workspace

    rnd = random.Random(4)
    path = Path(context["tmp"]) / "registrations.csv"
    lines = ["Civilité;Nom;Prénom;Organisation;Pays;Courriel;Langues"]
    for n in range(5000):
        lines.append(
            f"{rnd.choice(['M.', 'Mme'])};{rnd.choice(FAMILY)} {n};{rnd.choice(GIVEN)};"
            f"{rnd.choice(ORGS)};{rnd.choice(COUNTRIES)};p{n}@example.org;français, anglais"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    ws = open_workspace(_copy(context, "import.gcmd"))
    meeting = meetings.list_meetings(ws)[0]
    started = time.perf_counter()
    result = participant_import.import_file(ws, path, meeting_id=meeting.id)
    seconds = time.perf_counter() - started
    ws.close()
    assert len(result.added) == 5000, result.rejected[:3]
    return [Line("import 5,000 participants (CSV, large workspace)", seconds, 3.0, "s")]


@budget
def participants_filter(context: dict) -> list[Line]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gcm_dialogue import meetings
    from gcm_dialogue.store import open_workspace
    from ui.models.participants_model import ParticipantsModel

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the views need one
    ws = open_workspace(context["large"])
    meeting = meetings.list_meetings(ws)[0]
    model = ParticipantsModel(ws)
    started = time.perf_counter()
    model.load(meeting.id)
    load = time.perf_counter() - started
    times = []
    for typed in ("gomez camacho", "almaty", "mexico", "osmonaliev"):
        for end in range(1, len(typed) + 1):
            started = time.perf_counter()
            model.set_filter(typed[:end])
            for row in range(min(30, model.rowCount())):  # the rows a screen paints
                model.data(model.index(row, 0))
            times.append((time.perf_counter() - started) * 1000)
        model.set_filter("")
    ws.close()
    return [
        Line("participants view: load 5,000 for the table", load * 1000, 150.0, "ms"),
        Line(
            "filter 5,000 participants, median per keystroke", statistics.median(times), 30.0, "ms"
        ),
        Line("filter 5,000 participants, slowest keystroke", max(times), 30.0, "ms"),
    ]


@budget
def participants_assignment(context: dict) -> list[Line]:
    from gcm_dialogue import assignment, meetings
    from gcm_dialogue.store import open_workspace

    ws = open_workspace(_copy(context, "assign.gcmd"))
    meeting = meetings.list_meetings(ws)[0]
    out = []
    for mode in ("mixed", "region"):
        started = time.perf_counter()
        result = assignment.assign_automatically(ws, meeting.id, mode)
        seconds = time.perf_counter() - started
        assert len(result.placements) == 5000
        out.append(Line(f"assign 5,000 people to 120 groups ({mode})", seconds, 2.0, "s"))
    ws.close()
    return out


@budget
def participants_views(context: dict) -> list[Line]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from gcm_dialogue import meetings
    from gcm_dialogue.store import open_workspace
    from ui.context import AppContext
    from ui.undo import ChangeBus
    from ui.views.groups_view import GroupsView
    from ui.views.participants_view import ParticipantsView

    app = QApplication.instance() or QApplication([])
    ws = open_workspace(context["large"])
    meeting = meetings.list_meetings(ws)[0]
    context_ = AppContext(ws, QUndoStack(), ChangeBus())
    out = []
    for view_class, name in (
        (ParticipantsView, "participants view ready, large workspace (median)"),
        (GroupsView, "breakout groups board ready, 120 groups (median)"),
    ):
        view = view_class(context_)
        view.resize(1200, 800)
        view.show()
        app.processEvents()
        times = []
        for _ in range(5):
            started = time.perf_counter()
            view.show_meeting(meeting)
            view.repaint()
            times.append((time.perf_counter() - started) * 1000)
            app.processEvents()
        out.append(Line(name, statistics.median(times), 150.0, "ms"))
        view.close()
    ws.close()
    return out
