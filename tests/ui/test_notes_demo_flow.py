"""Issue 5's "done when", on the demo, by keyboard only, through the main window.

A new user, in the demo's Africa breakout, captures ten tagged points without the mouse,
finds the "droits humains" and "derechos" notes by search, merges the four groups'
recommendations on data into one outcome that says it came from all four regions, and
drafts a highlight from it in English and French.
"""

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from gcm_dialogue import consolidation, groups, meetings, notes, outcomes
from gcm_dialogue.demo import build_demo
from gcm_dialogue.store import open_workspace
from ui.main_window import MainWindow

POINTS = [
    ("Most African migration is intra-African", "point", "c4 (a) regional"),
    ("Free movement protocols must be recognized in the compact", "recommendation", "c3 (e) 10.7"),
    ("Ratification of the AU free movement protocol is slow", "point", "c3 (e)"),
    ("One-stop border posts cut waiting times", "good_practice", "c3 (j) bilateral"),
    ("Protect women migrant domestic workers", "recommendation", "c2 (q) 8.8"),
    ("Migration data are scattered across ministries", "key_message", "c3 (v) 17.18"),
    ("Who funds the follow-up of the compact?", "question", "c3 (x)"),
    ("Counter xenophobia towards African migrants", "recommendation", "c1 (u)"),
    ("«Nous ne partons pas de zéro»", "quote", "c3 (x)"),
    ("Reduce remittance costs below three per cent", "recommendation", "c4 (h) 10.c"),
]
KIND_KEYS = {
    "point": Qt.Key_P,
    "key_message": Qt.Key_K,
    "recommendation": Qt.Key_R,
    "good_practice": Qt.Key_G,
    "quote": Qt.Key_U,
    "question": Qt.Key_Q,
}


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; QTest's keyClicks only knows ASCII, so other characters
    (é, «) are sent as the key events a French keyboard produces."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key_unknown, Qt.NoModifier, char))


def back_to(qtbot, window: QWidget) -> None:
    """Give the window back its activation once pending events are handled: under the
    offscreen platform, a completion list or a dialog shown and hidden keeps it until the
    next turn of the event loop (a desktop's window manager hands it back at once)."""
    QCoreApplication.processEvents()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _settle() -> None:
    QThreadPool.globalInstance().waitForDone(10000)
    QCoreApplication.processEvents()


def test_done_when_on_the_demo_by_keyboard(qtbot, tmp_path):
    path = tmp_path / "demo.gcmd"
    build_demo(path)
    ws = open_workspace(path, create=False)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    meeting = meetings.resolve_meeting(ws, None)
    africa = next(g for g in groups.list_groups(ws, meeting.id) if g.region == "africa")
    before = {n.id for n in notes.list_notes(ws, meeting.id)}

    # ---- capture: View > Notes (Ctrl+6), Alt+W "africa" Enter, then ten tagged points ----
    qtbot.keyClick(window, Qt.Key_6, Qt.ControlModifier)
    view = window.view("notes")
    assert window.stack.currentWidget() is view
    qtbot.waitUntil(view.text.hasFocus)  # ready to type at once
    qtbot.keyClick(view, Qt.Key_W, Qt.AltModifier)
    assert view.place.lineEdit().hasFocus()
    view.place.lineEdit().selectAll()
    qtbot.keyClicks(view.place.lineEdit(), "africa")
    qtbot.keyClick(view.place.lineEdit(), Qt.Key_Return)
    assert view.place.currentData().endswith(f"|{africa.id}")
    assert view.text.hasFocus()
    for text, kind, tags in POINTS:
        type_text(qtbot, view.text, text)
        qtbot.keyClick(view.text, KIND_KEYS[kind], Qt.AltModifier)
        qtbot.keyClick(view.text, Qt.Key_Tab)
        assert view.tags.hasFocus()
        qtbot.keyClicks(view.tags, tags)
        qtbot.keyClick(view.tags, Qt.Key_Return)
        assert view.error.text() == ""
        assert view.text.hasFocus() and view.text.toPlainText() == ""
    kept = [n for n in notes.list_notes(ws, meeting.id) if n.id not in before]
    assert [(n.text, n.kind) for n in kept] == [(text, kind) for text, kind, _tags in POINTS]
    assert all(n.group_id == africa.id and n.lang == "en" for n in kept)
    assert [" ".join(notes.short_tag(t) for t in n.tags) for n in kept][:2] == [
        "c4 (a) regional",
        "c3 (e) 10.7",
    ]
    assert all(n.captured_at and n.status == "draft" for n in kept)

    # ---- search: Ctrl+Shift+F, type, Enter jumps to the note ------------------------------
    for query, expected in (("droits humains", "droits humains"), ("derechos", "derechos")):
        qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier | Qt.ShiftModifier)
        assert view.search.query.hasFocus()
        qtbot.keyClicks(view.search.query, query)
        qtbot.keyClick(view.search.query, Qt.Key_Return)
        hits = view.search.hits
        assert hits and all(expected in h.text.casefold() for h in hits)
        [selected] = view.selected_ids()
        assert selected == hits[0].note_id
        assert view.table.hasFocus()

    back_to(qtbot, window)

    # ---- outcomes: Ctrl+7, the data grouping first, Ctrl+M merges it ----------------------
    qtbot.keyClick(window, Qt.Key_7, Qt.ControlModifier)
    board = window.view("outcomes")
    assert window.stack.currentWidget() is board
    qtbot.waitUntil(lambda: board.proposal_tree.topLevelItemCount() > 0, timeout=10000)
    tree = board.proposal_tree
    qtbot.waitUntil(tree.hasFocus)  # the keyboard starts on the widest grouping
    first = tree.currentItem()
    assert first is tree.topLevelItem(0)
    assert "made in 4 of 4 groups" in first.text(0)
    assert "(v)" in first.text(0)  # element (v): migration data
    qtbot.keyClick(tree, Qt.Key_M, Qt.ControlModifier)
    merged = outcomes.get_outcome(ws, board.current_outcome_id())
    provenance = consolidation.outcome_provenance(ws, merged.id)
    assert (provenance.group_count, provenance.total_groups) == (4, 4)
    assert board.provenance.text() == (
        "made in 4 of 4 groups: Africa; Americas; Asia, Pacific and the Middle East; Europe"
    )
    # the lead in English, then (Alt+L, Down) in French, each saved with Ctrl+S
    board.lead.selectAll()
    qtbot.keyClicks(board.lead, "Migration data should be collected and shared.")
    qtbot.keyClick(board.lead, Qt.Key_S, Qt.ControlModifier)
    qtbot.keyClick(board, Qt.Key_L, Qt.AltModifier)
    assert board.lang.hasFocus()
    qtbot.keyClick(board.lang, Qt.Key_Down)
    assert board.lang.currentData() == "fr"
    qtbot.keyClick(board.lang, Qt.Key_Tab)
    type_text(qtbot, board.lead, "Les données sur les migrations devraient être partagées.")
    qtbot.keyClick(board.lead, Qt.Key_S, Qt.ControlModifier)
    merged = outcomes.get_outcome(ws, merged.id)
    assert merged.lead["en"] == "Migration data should be collected and shared."
    assert merged.lead["fr"] == "Les données sur les migrations devraient être partagées."

    # ---- highlights: Ctrl+8, Ctrl+D drafts from the outcome, written in English and French -
    qtbot.keyClick(window, Qt.Key_8, Qt.ControlModifier)
    editor = window.view("highlights")
    assert window.stack.currentWidget() is editor
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key_End)  # the new paragraph goes after the last one

    seen = []

    def choose_the_new_outcome() -> None:
        chooser = editor.chooser
        seen.append(chooser.chosen_id())  # the outcome just merged is offered first
        qtbot.keyClicks(chooser.filter, "migration data")  # narrows the list as one types
        seen.append(chooser.chosen_id())
        qtbot.keyClick(chooser.filter, Qt.Key_Return)

    QTimer.singleShot(0, choose_the_new_outcome)
    qtbot.keyClick(editor.list, Qt.Key_D, Qt.ControlModifier)
    assert seen == [merged.id, merged.id]
    back_to(qtbot, window)  # the dialog closed: the window is active again
    highlights = outcomes.list_highlights(ws, meeting.id)
    drafted = highlights[-1]
    assert drafted.outcome_id == merged.id
    assert drafted.text["en"] == "Migration data should be collected and shared."
    assert editor.list.currentRow() == len(highlights) - 1
    english, french = editor.editors["en"], editor.editors["fr"]
    assert english.hasFocus()  # the source language's text, the cursor at its end
    qtbot.keyClicks(english, " All four regions made this recommendation.")
    qtbot.keyClick(english, Qt.Key_S, Qt.ControlModifier)
    qtbot.keyClick(english, Qt.Key_PageDown, Qt.ControlModifier)  # the next language: French
    assert french.hasFocus()
    qtbot.keyClick(french, Qt.Key_End, Qt.ControlModifier)
    type_text(qtbot, french, " Les quatre régions l’ont recommandé.")
    qtbot.keyClick(french, Qt.Key_S, Qt.ControlModifier)
    final = outcomes.list_highlights(ws, meeting.id)[-1]
    assert final.text["en"].endswith("All four regions made this recommendation.")
    assert final.text["fr"] == (
        "Les données sur les migrations devraient être partagées. "
        "Les quatre régions l’ont recommandé."
    )
    complete = {c.lang: c for c in outcomes.highlights_completeness(ws, meeting.id)}
    assert len(highlights) not in complete["en"].missing_numbers
    assert len(highlights) not in complete["fr"].missing_numbers
    _settle()
    ws.close()
