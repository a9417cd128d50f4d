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


@budget
def notes_views(context: dict) -> list[Line]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from gcm_dialogue import meetings
    from gcm_dialogue.store import open_workspace
    from ui.context import AppContext
    from ui.undo import ChangeBus
    from ui.views.highlights_view import HighlightsView
    from ui.views.notes_view import NotesView
    from ui.views.outcomes_view import OutcomesView

    app = QApplication.instance() or QApplication([])
    lines = []
    with open_workspace(context["large"]) as ws:
        meeting = meetings.resolve_meeting(ws, None)
        for name, view_class in (
            ("notes", NotesView),
            ("outcomes", OutcomesView),
            ("highlights", HighlightsView),
        ):
            view = view_class(AppContext(ws, QUndoStack(), ChangeBus()))
            started = time.perf_counter()
            view.show_meeting(meeting)
            app.processEvents()
            lines.append(
                Line(
                    f"{name} view shows, large workspace",
                    (time.perf_counter() - started) * 1000,
                    150.0,
                    "ms",
                )
            )
            view.deleteLater()
        from gcm_dialogue import consolidation

        started = time.perf_counter()
        consolidation.propose_groupings(ws, meeting.id)
        lines.append(
            Line(
                "propose groupings, large (in the background)",
                time.perf_counter() - started,
                10.0,
                "s",
            )
        )
    return lines
