"""The live session core: running item, speakers' queue, interventions and speaking time."""

from datetime import UTC, datetime, timedelta

import pytest

from gcm_dialogue import agenda, live, mechanisms, participants
from gcm_dialogue.errors import ValidationError

T0 = datetime(2017, 10, 10, 9, 0, tzinfo=UTC)


def at(seconds):
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def setup(ws, meeting):
    day = agenda.list_days(ws, meeting.id)[0]
    midcom = mechanisms.create_mechanism(ws, acronym="MIDCOM", name="MIDCOM", kind="rcp")
    ana = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Muiño", mechanism_id=midcom.id
    )
    ben = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ben", family_name="Okafor", mechanism_id=midcom.id
    )
    panelist = participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Lin", family_name="Wei", organisation="UNESCAP"
    )
    panel = agenda.add_item(ws, day.id, title="Panel", kind="panel", speaker_ids=[panelist.id])
    floor = agenda.add_item(ws, day.id, title="Q&A", statement_limit_sec=180)
    return panel, floor, ana, ben, panelist


def test_limits_floor_and_panelists(ws, setup):
    panel, floor, ana, _ben, panelist = setup
    assert live.limit_for(ws, panel.id, panelist.id) == live.Limit(420, 300)
    assert live.limit_for(ws, panel.id, ana.id) == live.Limit(180, 150)
    assert live.limit_for(ws, floor.id, panelist.id) == live.Limit(180, 150)


def test_a_three_minute_intervention_and_the_totals(ws, meeting, setup):
    _panel, floor, ana, ben, _p = setup
    live.add_to_queue(ws, floor.id, participant_id=ana.id)
    live.add_to_queue(ws, floor.id, delegation="Switzerland")
    live.add_to_queue(ws, floor.id, participant_id=ben.id)
    assert [e.name for e in live.queue(ws, floor.id)] == ["Ana Muiño", "Switzerland", "Ben Okafor"]
    with pytest.raises(ValidationError, match="already in the queue"):
        live.add_to_queue(ws, floor.id, participant_id=ana.id)

    first = live.next_speaker(ws, floor.id, now=at(0))
    assert (first.speaker, first.delegation, first.limit_sec) == ("Ana Muiño", "MIDCOM", 180)
    assert live.running_item_id(ws, meeting.id) == floor.id
    assert agenda.get_item(ws, floor.id).actual_start == "2017-10-10T09:00:00.000Z"
    assert live.current_intervention(ws, floor.id).elapsed(at(95)) == 95
    second = live.next_speaker(ws, floor.id, now=at(170))
    assert second.speaker == "Switzerland"
    third = live.next_speaker(ws, floor.id, now=at(170 + 200))
    assert third.speaker == "Ben Okafor"
    assert live.next_speaker(ws, floor.id, now=at(370 + 60)) is None
    assert live.current_intervention(ws, floor.id) is None

    speakers, delegations = live.speaking_totals(ws, floor.id)
    assert [(t.name, t.seconds) for t in speakers] == [
        ("Switzerland", 200),
        ("Ana Muiño", 170),
        ("Ben Okafor", 60),
    ]
    assert [(t.name, t.seconds, t.count) for t in delegations] == [
        ("MIDCOM", 230, 2),
        ("Switzerland", 200, 1),
    ]
    assert live.speaking_totals(ws, meeting_id=meeting.id) == (speakers, delegations)
    live.end_item(ws, floor.id, now=at(500))
    assert agenda.get_item(ws, floor.id).actual_end == "2017-10-10T09:08:20.000Z"
    assert live.running_item_id(ws, meeting.id) is None


def test_starting_an_item_ends_the_running_one(ws, meeting, setup):
    panel, floor, ana, _ben, _p = setup
    live.start_item(ws, panel.id, now=at(0))
    live.start_intervention(ws, panel.id, participant_id=ana.id, now=at(10))
    live.start_item(ws, floor.id, now=at(600))
    ended = agenda.get_item(ws, panel.id)
    assert ended.actual_end == "2017-10-10T09:10:00.000Z"
    assert live.interventions(ws, panel.id)[0].seconds == 590
    assert live.running_item_id(ws, meeting.id) == floor.id


def test_queue_reorder_and_remove(ws, setup):
    _panel, floor, ana, ben, _p = setup
    a = live.add_to_queue(ws, floor.id, participant_id=ana.id)
    b = live.add_to_queue(ws, floor.id, participant_id=ben.id)
    c = live.add_to_queue(ws, floor.id, delegation="Mexico", position=0)
    assert [e.id for e in live.queue(ws, floor.id)] == [c.id, a.id, b.id]
    live.move_in_queue(ws, b.id, 0)
    assert [e.id for e in live.queue(ws, floor.id)] == [b.id, c.id, a.id]
    live.remove_from_queue(ws, c.id)
    assert [(e.id, e.position) for e in live.queue(ws, floor.id)] == [(b.id, 0), (a.id, 1)]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda ws, item: live.add_to_queue(ws, item), "name a person or a delegation"),
        (lambda ws, item: live.add_to_queue(ws, item, delegation="  "), "name a person"),
        (lambda ws, item: live.end_item(ws, item), "not been started"),
        (
            lambda ws, item: live.start_intervention(ws, item, delegation="X", limit_sec=-3),
            "must be positive",
        ),
    ],
)
def test_bad_live_input_is_refused(ws, setup, call, message):
    floor = setup[1]
    with pytest.raises(ValidationError, match=message):
        call(ws, floor.id)
    assert ws.scalar("SELECT count(*) FROM interventions") == 0


def test_a_typed_name_picks_the_one_participant_or_a_known_delegation(ws, meeting, setup):
    panel_item, floor, ana, ben, panelist = setup
    # a surname alone, without its accent or capital: the one participant who has it
    assert live.resolve_speaker(ws, meeting.id, "muino") == (ana.id, "")
    assert live.resolve_speaker(ws, meeting.id, "Ana Muiño") == (ana.id, "")
    # a delegation known under another case and accents
    assert live.resolve_speaker(ws, meeting.id, "midcom") == (None, "MIDCOM")
    # matching no one: a new delegation, as typed
    assert live.resolve_speaker(ws, meeting.id, "Switzerland") == (None, "Switzerland")
    live.add_to_queue(ws, floor.id, delegation="Switzerland")
    with pytest.raises(ValidationError, match="already in the queue"):
        live.add_to_queue(ws, floor.id, delegation="switzerland")  # waiting already
    assert [e.delegation for e in live.queue(ws, floor.id)] == ["Switzerland"]
    assert live.resolve_speaker(ws, meeting.id, "SWITZERLAND") == (None, "Switzerland")
    live.start_intervention(ws, floor.id, delegation="switzerland ", now=at(0))
    assert live.current_intervention(ws, floor.id).delegation == "Switzerland"
    # a part of a name two people share is not a person
    participants.create_participant(
        ws, meeting_id=meeting.id, given_name="Ana", family_name="Lopez", organisation="IOM"
    )
    assert live.resolve_speaker(ws, meeting.id, "Ana") == (None, "Ana")


def test_a_delegation_waits_in_the_queue_once_at_a_time(ws, meeting):
    from gcm_dialogue import agenda, live
    from gcm_dialogue.errors import ValidationError

    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(ws, day.id, title="Plenary", kind="plenary", duration_min=60)
    live.add_to_queue(ws, item.id, delegation="Switzerland")
    with pytest.raises(ValidationError, match="already in the queue"):
        live.add_to_queue(ws, item.id, delegation="SWITZERLAND")
    assert [e.delegation for e in live.queue(ws, item.id)] == ["Switzerland"]
