"""Budgets of the notes feature: full-text search and the notes list on the large workspace."""

from __future__ import annotations

import statistics
import time

from benchmarks.run import Line, budget

QUERIES = [
    "migration",
    "droits humains",
    "DERECHOS",
    "réintégration",
    "reintegration diaspora",
    '"labour mobility"',
    "миграция",
    "الهجرة",
    "移民",  # two characters: matched by a scan, not the trigram index
    "区域合作",
    "xyzzy",
    "cooperation regionale donnees",
]


def _median_ms(func, rounds: int = 5) -> float:  # noqa: ANN001
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


@budget
def notes_search(context: dict) -> list[Line]:
    from gcm_dialogue import meetings, notes, search
    from gcm_dialogue.store import open_workspace

    with open_workspace(context["large"]) as ws:
        search.search(ws, "warm up")
        per_query = [_median_ms(lambda q=q: search.search(ws, q)) for q in QUERIES]
        meeting = meetings.resolve_meeting(ws, None)
        typed = "cooperation regionale"
        ids = notes.note_ids(ws, meeting.id)
        started = time.perf_counter()
        texts = notes.NoteTexts(ws, meeting.id)  # read once, when the filter is first used
        load_ms = (time.perf_counter() - started) * 1000
        per_key = [
            _median_ms(lambda p=typed[:n]: texts.matching(ids, p)) for n in range(1, len(typed) + 1)
        ]
    return [
        Line(
            "search 20,000 notes (median of 12 queries)", statistics.median(per_query), 20.0, "ms"
        ),
        Line("search 20,000 notes (slowest query)", max(per_query), 100.0, "ms"),
        Line(
            "filter the notes list (median per keystroke)", statistics.median(per_key), 30.0, "ms"
        ),
        Line("filter the notes list (first keystroke)", load_ms + per_key[0], 150.0, "ms"),
    ]


def _with_outcomes(context: dict) -> tuple[object, list[Line]]:
    """A copy of the large workspace with a secretariat's evening done: the ten widest
    groupings merged into two sets of five outcomes, and a highlight drafted from each."""
    import sqlite3
    from pathlib import Path

    from gcm_dialogue import consolidation, meetings, outcomes
    from gcm_dialogue.store import open_workspace

    path = Path(context["tmp"]) / "large-outcomes.gcmd"
    source, copy = sqlite3.connect(context["large"]), sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    ws = open_workspace(path)
    meeting = meetings.resolve_meeting(ws, None)
    started = time.perf_counter()
    proposals = consolidation.propose_groupings(ws, meeting.id)
    propose_s = time.perf_counter() - started
    sets = [
        outcomes.create_set(ws, meeting.id, key, title)
        for key, title in (("priorities", "Five priorities"), ("follow_up", "Five on follow-up"))
    ]
    merge_ms = []
    for index, proposal in enumerate(proposals[:10]):
        started = time.perf_counter()
        outcome = consolidation.merge(
            ws, meeting.id, note_ids=proposal.note_ids, set_id=sets[index // 5].id
        )
        merge_ms.append((time.perf_counter() - started) * 1000)
        outcomes.draft_highlight(ws, outcome.id)
    lines = [
        Line("propose groupings, large (in the background)", propose_s, 10.0, "s"),
        Line(
            "merge a grouping into an outcome (median of 10)",
            statistics.median(merge_ms),
            150.0,
            "ms",
        ),
    ]
    return ws, lines


@budget
def notes_views(context: dict) -> list[Line]:
    """Each view built, given the meeting, shown and painted; the outcomes board also until
    its proposals (looked for in the background) are on screen."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QThreadPool
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from gcm_dialogue import meetings
    from ui.context import AppContext
    from ui.undo import ChangeBus
    from ui.views.highlights_view import HighlightsView
    from ui.views.notes_view import NotesView
    from ui.views.outcomes_view import OutcomesView

    app = QApplication.instance() or QApplication([])
    ws, lines = _with_outcomes(context)
    try:
        meeting = meetings.resolve_meeting(ws, None)
        for name, view_class in (
            ("notes", NotesView),
            ("outcomes", OutcomesView),
            ("highlights", HighlightsView),
        ):
            view = view_class(AppContext(ws, QUndoStack(), ChangeBus()))
            view.resize(1200, 760)
            started = time.perf_counter()
            view.show_meeting(meeting)
            view.show()
            app.processEvents()
            view.repaint()
            shown_ms = (time.perf_counter() - started) * 1000
            lines.append(Line(f"{name} view shows, large workspace", shown_ms, 150.0, "ms"))
            if name == "outcomes":
                QThreadPool.globalInstance().waitForDone()
                started = time.perf_counter()
                app.processEvents()  # the proposals arrive: the UI thread's share of the work
                lines.append(
                    Line(
                        "outcomes: proposals put on screen, large",
                        (time.perf_counter() - started) * 1000,
                        150.0,
                        "ms",
                    )
                )
            view.hide()
            view.deleteLater()
            app.processEvents()
    finally:
        QThreadPool.globalInstance().waitForDone()
        ws.close()
    return lines
