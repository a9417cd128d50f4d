"""Budgets for the documents (DESIGN.md, "Performance budgets"):

- the demo's summary report within 1.5 s;
- the large workspace's full summary report within 5 s, and within 2x the time plain
  reportlab takes for the same number of pages of plain paragraphs, measured in the same run.

The fonts are registered once before timing, as the application does at its first export.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.run import Line, budget


def _summary_seconds(db: Path, out: Path) -> tuple[float, int]:
    from gcm_dialogue import meetings
    from gcm_dialogue.reports import build_document
    from gcm_dialogue.reports.fonts import register_fonts
    from gcm_dialogue.store import open_workspace

    register_fonts()
    with open_workspace(db, create=False) as ws:
        meeting = meetings.list_meetings(ws)[0]
        started = time.perf_counter()
        written = build_document(ws, meeting.id, "summary", "en", out)
        return time.perf_counter() - started, written.pages


def _plain_reportlab_seconds(pages: int, out: Path) -> float:
    """Plain paragraphs in Noto Sans until the document has ``pages`` pages."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from gcm_dialogue.reports.fonts import LATIN, register_fonts

    register_fonts()
    style = ParagraphStyle("plain", fontName=LATIN, fontSize=10.5, leading=14.2, spaceAfter=6)
    words = (
        "migration compact regional consultative process cooperation States data labour "
        "rights inclusion partnership follow-up review implementation dialogue"
    ).split()
    rng = random.Random(7)
    per_page = 7  # paragraphs of 80 words on an A4 page at this size
    texts = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(pages * per_page)]
    started = time.perf_counter()
    doc = SimpleDocTemplate(str(out))
    doc.build([Paragraph(t, style) for t in texts])
    elapsed = time.perf_counter() - started
    # scale to exactly ``pages`` pages (the paragraph count is an estimate)
    return elapsed * pages / max(doc.page, 1)


@budget
def reports(context: dict) -> list[Line]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _summary_seconds(context["demo"], folder / "warm.pdf")  # imports, font files
        demo = min(_summary_seconds(context["demo"], folder / "demo.pdf")[0] for _ in range(3))
        large, pages = _summary_seconds(context["large"], folder / "large.pdf")
        plain = _plain_reportlab_seconds(pages, folder / "plain.pdf")
    return [
        Line("summary report, demo", demo, 1.5, "s"),
        Line(f"summary report, large ({pages} pages)", large, 5.0, "s"),
        Line(f"plain reportlab, {pages} pages", plain, plain, "s"),
        Line("summary report, large, vs 2x plain reportlab", large, 2 * plain, "s"),
    ]
