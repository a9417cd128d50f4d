"""Plain-text helpers shared by the core, the CLI and the views."""

from __future__ import annotations


def shorten(text: str, width: int) -> str:
    """``text`` on one line (each run of white space one space), cut to ``width`` characters
    with an ellipsis when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
