"""The notes and outcomes actions the views call as one step: where a note is taken, keeping
a typed draft, and the actions on several rows at once, each one transaction."""

import pytest

from gcm_dialogue import agenda, groups, notes, outcomes
from gcm_dialogue.errors import KnownError, NotFoundError, ValidationError
from gcm_dialogue.texts import shorten


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Short", 10, "Short"),
        ("  two\n lines  ", 20, "two lines"),
        ("exactly ten", 11, "exactly ten"),
        ("a longer sentence", 10, "a longer…"),
        ("word boundary gone", 6, "word…"),
    ],
)
def test_shorten(text, width, expected):
    assert shorten(text, width) == expected
    assert len(shorten(text, width)) <= width


def test_places_in_timetable_order_with_their_groups(ws, meeting):
    day = agenda.list_days(ws, meeting.id)[0]
    opening = agenda.add_item(ws, day.id, title="Opening", duration_min=30)
    agenda.add_item(ws, day.id, title="Coffee", kind="break", duration_min=15)
    long_title = "Session 1: " + "regional cooperation on data " * 3
    session = agenda.add_item(ws, day.id, title={"en": long_title, "fr": "Séance 1"})
    africa = groups.create_group(ws, meeting.id, name="Africa", agenda_item_id=session.id)
    loose = groups.create_group(ws, meeting.id, name={"en": "Drafting", "fr": "Rédaction"})

    found = notes.places(ws, meeting.id, "en")
    assert [(p.agenda_item_id, p.group_id) for p in found] == [
        (opening.id, None),
        (session.id, None),
        (session.id, africa.id),
        (None, loose.id),
    ]
    title = shorten(long_title, 60)
    assert [p.label for p in found] == [
        "Opening",
        title,
        f"Africa · {shorten(title, 30)}",
        "Drafting",
    ]
    # in French where there is French, else in the source language
    assert [p.label for p in notes.places(ws, meeting.id, "fr")] == [
        "Opening",
        "Séance 1",
        "Africa · Séance 1",
        "Rédaction",
    ]
    assert [notes.parse_place(p.key) for p in found] == [
        (p.agenda_item_id, p.group_id) for p in found
    ]
    assert notes.parse_place(notes.place_key(None, None)) == (None, None)


def test_keep_draft_updates_the_draft_or_adds_the_note(ws, meeting):
    draft = notes.add_note(ws, meeting.id, "Half typ", lang="en", author="Ana")
    kept = notes.keep_draft(
        ws, meeting.id, draft.id, "Half typed, now whole", lang="en", tags=["cluster:2"],
        kind="key_message", author="Bo", captured_at="2017-10-10T08:00:00Z",
    )  # fmt: skip
    assert kept.id == draft.id and kept.text == "Half typed, now whole"
    assert kept.kind == "key_message" and kept.tags == ("cluster:2",)
    assert kept.author == "Ana"  # the draft's: a draft keeps who began it
    assert notes.note_history(ws, draft.id) == []  # no history while a note is typed

    # the draft gone meanwhile (deleted, undone): the note is added
    notes.delete_note(ws, draft.id)
    again = notes.keep_draft(
        ws, meeting.id, draft.id, "Typed again", lang="fr", author="Bo",
        captured_at="2017-10-10T09:00:00Z",
    )  # fmt: skip
    assert again.id != draft.id
    assert (again.text, again.lang, again.author, again.captured_at) == (
        "Typed again",
        "fr",
        "Bo",
        "2017-10-10T09:00:00Z",
    )
    fresh = notes.keep_draft(ws, meeting.id, None, "No draft yet", lang="en")
    assert [n.text for n in notes.list_notes(ws, meeting.id)] == ["Typed again", "No draft yet"]
    assert fresh.status == "draft"


def test_keep_draft_is_one_transaction(ws, meeting, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValidationError("the disk is full")

    monkeypatch.setattr(notes, "_write_tags", broken)  # fails after the note is written
    with pytest.raises(ValidationError):
        notes.keep_draft(ws, meeting.id, None, "Lost whole", lang="en", tags=["cluster:2"])
    assert notes.list_notes(ws, meeting.id) == []


def test_set_statuses_and_delete_notes_all_or_nothing(ws, meeting):
    a, b, c = (notes.add_note(ws, meeting.id, t, lang="en") for t in "ABC")
    changes = notes.set_statuses(ws, [a.id, b.id], "final", by="Ana")
    assert changes.table == "notes" and changes.ids == (a.id, b.id)
    assert [n.status for n in notes.list_notes(ws, meeting.id)] == ["final", "final", "draft"]
    assert notes.get_note(ws, a.id).status_by == "Ana"
    assert [e.new_value for e in notes.note_history(ws, a.id)] == ["final"]

    # the second id is gone: the first keeps its status
    with pytest.raises(NotFoundError):
        notes.set_statuses(ws, [c.id, "gone", a.id], "reviewed", by="Bo")
    assert [n.status for n in notes.list_notes(ws, meeting.id)] == ["final", "final", "draft"]
    with pytest.raises(ValidationError):
        notes.set_statuses(ws, [c.id], "lost")

    with pytest.raises(NotFoundError):
        notes.delete_notes(ws, [a.id, "gone"])
    assert len(notes.list_notes(ws, meeting.id)) == 3
    assert notes.delete_notes(ws, [a.id, c.id]).ids == (a.id, c.id)
    assert [n.id for n in notes.list_notes(ws, meeting.id)] == [b.id]
    assert notes.note_exists(ws, b.id) and not notes.note_exists(ws, a.id)


def test_delete_outcomes_all_or_nothing(ws, meeting):
    a, b = (outcomes.add_outcome(ws, meeting.id, lead=t) for t in "AB")
    with pytest.raises(NotFoundError):
        outcomes.delete_outcomes(ws, [a.id, "gone"])
    assert len(outcomes.list_outcomes(ws, meeting.id)) == 2
    assert outcomes.delete_outcomes(ws, [a.id, b.id]).ids == (a.id, b.id)
    assert outcomes.list_outcomes(ws, meeting.id) == []


def test_edit_outcome_text_fields_and_set_at_once(ws, meeting):
    first = outcomes.create_set(ws, meeting.id, "first", "First")
    second = outcomes.create_set(ws, meeting.id, "second", "Second")
    a = outcomes.add_outcome(ws, meeting.id, lead="A", body="Why", set_id=first.id)
    outcomes.add_outcome(ws, meeting.id, lead="B", set_id=second.id)
    edited = outcomes.edit_outcome(
        ws, a.id, "fr", lead="A fr", body="", register="cautious", kind="key_message",
        set_id=second.id,
    )  # fmt: skip
    assert edited.lead == {"en": "A", "fr": "A fr"} and edited.body == {"en": "Why"}
    assert (edited.register, edited.kind, edited.set_id) == ("cautious", "key_message", second.id)
    assert [(n, o.lead["en"]) for n, o in outcomes.numbered(ws, meeting.id)] == [
        ("1", "B"),
        ("2", "A"),  # moved to the end of its new set
    ]
    same_set = outcomes.edit_outcome(
        ws, a.id, "en", lead="A new", body="Why", register="cautious", kind="key_message",
        set_id=second.id,
    )  # fmt: skip
    assert same_set.position == edited.position and same_set.lead["en"] == "A new"
    assert outcomes.edit_outcome(
        ws, a.id, "en", lead="A new", body="Why", register="cautious", kind="key_message",
        set_id=None,
    ).set_id is None  # fmt: skip


def test_edit_outcome_is_one_transaction(ws, meeting):
    from gcm_dialogue import meetings

    other = meetings.create_meeting(
        ws, short_name="GRCP 8", title="Eighth", start_date="2018-10-10", end_date="2018-10-11"
    )
    elsewhere = outcomes.create_set(ws, other.id, "theirs", "Theirs")
    a = outcomes.add_outcome(ws, meeting.id, lead="A")
    # the text and register are written, then the move is refused: nothing stays
    with pytest.raises(ValidationError, match="not a set of this meeting"):
        outcomes.edit_outcome(
            ws, a.id, "en", lead="Changed", body="Body", register="cautious",
            kind="recommendation", set_id=elsewhere.id,
        )  # fmt: skip
    assert outcomes.get_outcome(ws, a.id) == a
    with pytest.raises(KnownError):
        outcomes.edit_outcome(
            ws, a.id, "en", lead=" ", body="", register="directive", kind="recommendation",
            set_id=None,
        )  # fmt: skip
    assert outcomes.get_outcome(ws, a.id) == a


def test_update_highlight_replaces_or_merges_languages(ws, meeting):
    highlight = outcomes.add_highlight(ws, meeting.id, {"en": "Data", "fr": "Données"})
    merged = outcomes.update_highlight(
        ws, highlight.id, {"en": "Data first", "fr": "", "es": "Datos"}, merge=True
    )
    assert merged.text == {"en": "Data first", "es": "Datos"}  # a blank text removes French
    kept = outcomes.update_highlight(ws, highlight.id, {"ar": "بيانات"}, merge=True)
    assert kept.text == {"en": "Data first", "es": "Datos", "ar": "بيانات"}
    replaced = outcomes.update_highlight(ws, highlight.id, {"en": "Only English"})
    assert replaced.text == {"en": "Only English"}
    with pytest.raises(ValidationError, match="needs a text"):
        outcomes.update_highlight(ws, highlight.id, {"en": " "}, merge=True)
    assert outcomes.list_highlights(ws, meeting.id)[0].text == {"en": "Only English"}
    with pytest.raises(NotFoundError):
        outcomes.update_highlight(ws, "gone", {"en": "x"}, merge=True)
