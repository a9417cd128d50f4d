"""The agenda core: the time cascade with fixed items, moves across days, published versions
and the record of every later change."""

import pytest

from gcm_dialogue import agenda, agenda_changes, participants
from gcm_dialogue.errors import ValidationError


@pytest.fixture
def days(ws, meeting):
    day1, day2 = agenda.list_days(ws, meeting.id)
    agenda.add_item(ws, day1.id, title="Registration", kind="other", duration_min=60)
    agenda.add_item(ws, day1.id, title="Opening", kind="opening", duration_min=15)
    agenda.add_item(ws, day1.id, title="Session 1", kind="panel", duration_min=45)
    agenda.add_item(ws, day1.id, title="Session 2", kind="breakout", duration_min=90)
    agenda.add_item(
        ws,
        day1.id,
        title="Lunch",
        kind="break",
        duration_min=90,
        time_mode="fixed",
        fixed_start="13:00",
    )
    agenda.add_item(ws, day1.id, title="Session 3", duration_min=90)
    agenda.set_day_start(ws, day2.id, "10:00")
    agenda.add_item(ws, day2.id, title="Session 4", duration_min=45)
    agenda.add_item(ws, day2.id, title="Closing", kind="closing", duration_min=55)
    return day1, day2


def _times(ws, meeting, n=0):
    day = agenda.schedule(ws, meeting.id)[n]
    return {s.item.title["en"]: (agenda.clock(s.start), agenda.clock(s.end)) for s in day.slots}


def _item(ws, meeting, title):
    return next(i for i in agenda.list_items(ws, meeting.id) if i.title["en"] == title)


def test_times_flow_from_the_day_start_and_lunch_stays(ws, meeting, days):
    times = _times(ws, meeting)
    assert times["Opening"] == ("10:00", "10:15")
    assert times["Session 2"] == ("11:00", "12:30")
    assert times["Lunch"] == ("13:00", "14:30")
    assert times["Session 3"] == ("14:30", "16:00")
    day = agenda.schedule(ws, meeting.id)[0]
    assert day.conflicts[0].gap_before == 30
    assert (agenda.clock(day.end), day.total_minutes) == ("16:00", 7 * 60)


@pytest.mark.parametrize(
    ("registration", "opening", "lunch_gap", "lunch_overlap", "after_lunch"),
    [
        (60, ("10:00", "10:15"), 30, 0, "14:30"),
        (80, ("10:20", "10:35"), 10, 0, "14:30"),  # a 20-minute late start
        (90, ("10:30", "10:45"), 0, 0, "14:30"),
        (120, ("11:00", "11:15"), 0, 30, "14:30"),  # runs into lunch: overlap shown
    ],
)
def test_lengthening_one_item_moves_every_later_flowing_item(
    ws, meeting, days, registration, opening, lunch_gap, lunch_overlap, after_lunch
):
    agenda.update_item(ws, _item(ws, meeting, "Registration").id, duration_min=registration)
    times = _times(ws, meeting)
    assert times["Opening"] == opening
    assert times["Lunch"] == ("13:00", "14:30")
    lunch = next(s for s in agenda.schedule(ws, meeting.id)[0].slots if s.item.kind == "break")
    assert (lunch.gap_before, lunch.overlap_before) == (lunch_gap, lunch_overlap)
    assert times["Session 3"][0] == after_lunch
    assert _times(ws, meeting, 1)["Session 4"] == ("10:00", "10:45")  # day 2 untouched


def test_day_start_moves_the_flowing_items_of_that_day_only(ws, meeting, days):
    day1, _day2 = days
    agenda.set_day_start(ws, day1.id, "09:20")
    assert _times(ws, meeting)["Opening"] == ("10:20", "10:35")
    assert _times(ws, meeting)["Lunch"][0] == "13:00"
    assert _times(ws, meeting, 1)["Session 4"][0] == "10:00"
    with pytest.raises(ValidationError, match="HH:MM"):
        agenda.set_day_start(ws, day1.id, "25:00")


def test_move_to_another_day_reflows_both_days(ws, meeting, days):
    day1, day2 = days
    agenda.move_item(ws, _item(ws, meeting, "Session 1").id, day2.id, 0)
    assert _times(ws, meeting)["Session 2"] == ("10:15", "11:45")
    assert _times(ws, meeting, 1)["Session 1"] == ("10:00", "10:45")
    assert _times(ws, meeting, 1)["Session 4"] == ("10:45", "11:30")
    positions = [i.position for i in agenda.list_items(ws, meeting.id, day_id=day1.id)]
    assert positions == list(range(len(positions)))


def test_duplicate_and_delete(ws, meeting, days):
    copy = agenda.duplicate_item(ws, _item(ws, meeting, "Opening").id)
    assert copy.position == 2 and copy.title["en"] == "Opening"
    agenda.delete_item(ws, copy.id)
    assert [i.title["en"] for i in agenda.list_items(ws, meeting.id, day_id=days[0].id)][:3] == [
        "Registration",
        "Opening",
        "Session 1",
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"duration_min": -5}, "duration"),
        ({"duration_min": 2000}, "duration"),
        ({"time_mode": "fixed", "fixed_start": None}, "fixed item needs"),
        ({"statement_limit_sec": 0}, "positive"),
        ({"interpretation": ["xx"]}, "interpretation"),
        ({"kind": "party"}, "item kind"),
        ({"title": ""}, "needs a title"),
    ],
)
def test_bad_item_values_are_refused(ws, meeting, days, fields, message):
    item = _item(ws, meeting, "Opening")
    with pytest.raises(ValidationError, match=message):
        agenda.update_item(ws, item.id, **fields)
    assert agenda.get_item(ws, item.id) == item


def test_nothing_is_recorded_before_publication(ws, meeting, days):
    agenda.update_item(ws, _item(ws, meeting, "Opening").id, duration_min=30)
    assert ws.scalar("SELECT count(*) FROM agenda_changes") == 0
    with pytest.raises(ValidationError, match="not been published"):
        agenda_changes.changes_since(ws, meeting.id, 1)


def test_changes_since_a_published_version(ws, meeting, days):
    day1, day2 = days
    person = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Amina", family_name="Diallo", honorific="Ms"
    )
    v1 = agenda_changes.publish(ws, meeting.id, "sent to participants")
    assert (v1.number, agenda_changes.published_version(ws, meeting.id)) == (1, 1)
    registration = _item(ws, meeting, "Registration")
    agenda.update_item(ws, registration.id, duration_min=80, reason="late start")
    agenda.update_item(ws, _item(ws, meeting, "Opening").id, moderator_id=person.id, room="Room 5")
    agenda.update_item(ws, _item(ws, meeting, "Opening").id, room="Room 5")  # no change
    v2 = agenda_changes.publish(ws, meeting.id)
    agenda.move_item(ws, _item(ws, meeting, "Session 3").id, day2.id, 0)
    agenda.delete_item(ws, _item(ws, meeting, "Closing").id)
    agenda.add_item(ws, day2.id, title="Side event", kind="side_event", duration_min=30)
    agenda.set_day_start(ws, day1.id, "09:30")

    changes = agenda_changes.changes_since(ws, meeting.id, 1)
    assert [c.action for c in changes] == [
        "changed",
        "changed",
        "moved",
        "deleted",
        "added",
        "day_start",
    ]
    first = changes[0]
    assert first.reason == "late start" and first.after_version == 1
    assert [(f.field, f.old, f.new) for f in first.fields] == [("duration_min", 60, 80)]
    shifted = {s.title["en"]: (s.old_start, s.new_start) for s in first.shifts}
    assert shifted["Opening"] == (600, 620)
    assert "Lunch" not in shifted  # fixed items stay
    assert {(f.field, f.new) for f in changes[1].fields} == {
        ("room", "Room 5"),
        ("moderator", "Ms Amina Diallo"),
    }
    assert [(f.field, f.old, f.new) for f in changes[2].fields][0] == (
        "day",
        "2017-10-10",
        "2017-10-11",
    )
    assert changes[3].item_title["en"] == "Closing"
    assert changes[5].day_date == "2017-10-10"
    assert [c.action for c in agenda_changes.changes_since(ws, meeting.id, v2.number)] == [
        "moved",
        "deleted",
        "added",
        "day_start",
    ]
    assert changes[0].to_dict()["fields"][0] == {"field": "duration_min", "old": 60, "new": 80}
    text = agenda_changes.describe(first)
    assert text.startswith("Changed “Registration”: duration: 1 hour → 1 hour 20 minutes")
    assert "(3 later items moved)" in text
    updated = agenda_changes.set_reason(ws, changes[2].id, "speaker delayed")
    assert updated.reason == "speaker delayed"
    with pytest.raises(ValidationError, match="latest published version is 2"):
        agenda_changes.changes_since(ws, meeting.id, 3)


def test_a_refused_change_records_nothing(ws, meeting, days):
    agenda_changes.publish(ws, meeting.id)
    with pytest.raises(ValidationError):
        agenda.update_item(ws, _item(ws, meeting, "Opening").id, duration_min=-1)
    assert agenda_changes.changes_since(ws, meeting.id, 1) == []
