"""The Chatham House rule on every document, the check's findings, and the final export."""

from __future__ import annotations

import pytest

from gcm_dialogue import (
    agenda,
    groups,
    meetings,
    notes,
    outcomes,
    participants,
    survey_answers,
    survey_respondents,
    surveys,
)
from gcm_dialogue.checks import ExportRefused, check
from gcm_dialogue.reports import KINDS, build_document
from gcm_dialogue.reports.chatham import ChathamHouse
from tests.reports.helpers import text_of


@pytest.fixture
def small(ws, meeting):
    """A complete little meeting: translated, final, clustered, no overlaps."""
    meeting = meetings.update_meeting(
        ws,
        meeting.id,
        venue={"en": "Geneva", "fr": "Genève", "es": "Ginebra"},
        title={
            "en": "Seventh Global Meeting",
            "fr": "Septième réunion mondiale",
            "es": "Séptima Reunión Mundial",
        },
    )
    day = agenda.list_days(ws, meeting.id)[0]
    item = agenda.add_item(
        ws,
        day.id,
        title={"en": "Opening", "fr": "Ouverture", "es": "Apertura"},
        kind="opening",
        duration_min=30,
    )
    person = participants.create_participant(
        ws,
        meeting_id=meeting.id,
        given_name="Zed",
        family_name="Testperson",
        honorific="Mr",
        job_title="Director",
        organisation="Ministry of Migration",
    )
    group = groups.create_group(
        ws,
        meeting.id,
        name={"en": "Group A", "fr": "Groupe A", "es": "Grupo A"},
        room="Room 7",
        interpretation=["en", "fr"],
    )
    groups.assign(ws, group.id, person.id, facilitator=True)
    notes.add_note(
        ws,
        meeting.id,
        "States stressed that data must be shared.",
        lang="en",
        kind="key_message",
        agenda_item_id=item.id,
        status="final",
    )
    survey = surveys.create_survey(
        ws, meeting.id, title={"en": "Survey", "fr": "Enquête", "es": "Encuesta"}
    )
    section = surveys.add_section(
        ws, survey.id, {"en": "General", "fr": "Général", "es": "General"}
    )
    surveys.add_question(
        ws,
        section.id,
        key="q",
        type="yes_no",
        title={"en": "Any practice?", "fr": "Une pratique ?", "es": "¿Alguna práctica?"},
    )
    respondent = survey_respondents.add_respondent(ws, survey.id, participant_id=person.id)
    survey_answers.set_answers(ws, respondent.id, {"q": True})
    rec_set = outcomes.create_set(
        ws, meeting.id, "main", {"en": "Priorities", "fr": "Priorités", "es": "Prioridades"}
    )
    outcomes.add_outcome(
        ws,
        meeting.id,
        set_id=rec_set.id,
        status="final",
        tags=["cluster:1"],
        lead={
            "en": "Protect migrants.",
            "fr": "Protéger les migrants.",
            "es": "Proteger a los migrantes.",
        },
        body={
            "en": "In all situations.",
            "fr": "En toutes circonstances.",
            "es": "En toda circunstancia.",
        },
    )
    outcomes.add_highlight(
        ws,
        meeting.id,
        {"en": "The meeting met.", "fr": "La réunion s’est tenue.", "es": "La reunión se celebró."},
    )
    return meeting, item, person


def test_a_complete_meeting_has_no_blocking_finding_and_exports_final(ws, small, tmp_path):
    meeting, _item, _person = small
    report = check(ws, meeting.id, "fr")
    assert report.blocking == []
    written = build_document(ws, meeting.id, "summary", "fr", tmp_path / "s.pdf", final=True)
    text = text_of(written.path)
    assert "PROJET" not in text and "Constats de la vérification" not in text
    assert "Protéger les migrants." in text


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("draft_note", "notes_not_final"),
        ("unclustered", "recommendations_without_cluster"),
        ("overlap", "agenda_overlaps"),
        ("untranslated", "missing_translations"),
    ],
)
def test_each_blocking_finding_refuses_a_final_export(ws, small, tmp_path, change, code):
    meeting, item, _person = small
    if change == "draft_note":
        notes.add_note(ws, meeting.id, "Still a draft.", lang="en", agenda_item_id=item.id)
    elif change == "unclustered":
        outcomes.add_outcome(ws, meeting.id, lead={"en": "X", "fr": "X", "es": "X"})
    elif change == "overlap":
        agenda.add_item(
            ws,
            item.day_id,
            title={"en": "Lunch", "fr": "Déjeuner", "es": "Almuerzo"},
            kind="break",
            duration_min=60,
        )
        lunch = agenda.list_items(ws, meeting.id)[-1]
        agenda.update_item(ws, lunch.id, time_mode="fixed", fixed_start="09:10")
    elif change == "untranslated":
        outcomes.add_highlight(ws, meeting.id, {"en": "Only in English."})
    report = check(ws, meeting.id, "fr")
    assert [f.code for f in report.blocking] == [code]
    with pytest.raises(ExportRefused):
        build_document(ws, meeting.id, "highlights", "fr", tmp_path / "h.pdf", final=True)
    draft = build_document(ws, meeting.id, "highlights", "fr", tmp_path / "h.pdf")
    text = text_of(draft.path)
    assert "Constats de la vérification avant l’exportation" in text
    assert report.blocking[0].message.split(" ")[1] in text  # the finding is listed


def test_missing_translation_blocks_only_the_language_missing(ws, small):
    meeting, *_ = small
    outcomes.add_highlight(ws, meeting.id, {"en": "Only in English."})
    assert check(ws, meeting.id, "en").blocking == []
    assert [f.code for f in check(ws, meeting.id, "es").blocking] == ["missing_translations"]


@pytest.fixture
def under_rule(ws, small):
    meeting, item, person = small
    # notes attributed before the meeting was put under the rule
    notes.add_note(
        ws,
        meeting.id,
        "Zed Testperson said that borders must stay open.",
        lang="en",
        kind="quote",
        agenda_item_id=item.id,
        status="final",
        attribution_participant_id=person.id,
    )
    notes.add_note(
        ws,
        meeting.id,
        "Mr Testperson said that visas are too slow.",
        lang="en",
        kind="point",
        agenda_item_id=item.id,
        status="final",
        attribution_participant_id=person.id,
    )
    outcomes.add_highlight(
        ws,
        meeting.id,
        {
            "en": "Zed Testperson said the compact matters.",
            "fr": "Zed Testperson a dit que le pacte compte.",
            "es": "Zed Testperson dijo que el pacto importa.",
        },
    )
    return meetings.update_meeting(ws, meeting.id, chatham_house=True)


@pytest.mark.parametrize("kind", KINDS)
def test_no_document_says_who_said_what_under_the_rule(ws, under_rule, tmp_path, kind):
    written = build_document(ws, under_rule.id, kind, "en", tmp_path / f"{kind}.pdf")
    text = text_of(written.path)
    assert "Testperson said" not in text
    assert "(Zed Testperson" not in text
    assert "Zed Testperson said" not in text
    if kind == "summary":
        assert "a participant said that borders must stay open." in text
        assert "Chatham House rule" in text


def test_the_check_blocks_statements_naming_a_participant(ws, under_rule, tmp_path):
    report = check(ws, under_rule.id, "en")
    codes = [f.code for f in report.findings]
    assert "chatham_house" in [f.code for f in report.blocking]
    assert "attribution_withheld" in codes
    with pytest.raises(ExportRefused):
        build_document(ws, under_rule.id, "summary", "en", tmp_path / "s.pdf", final=True)


def test_attributions_print_when_the_rule_is_off(ws, small):
    meeting, _item, person = small
    rule = ChathamHouse(ws, meetings.get_meeting(ws, meeting.id))
    assert rule.attribution(person.id, None) == "Zed Testperson, Ministry of Migration"
    assert rule.statement("Zed Testperson spoke.") == "Zed Testperson spoke."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zed Testperson spoke.", "a participant spoke."),
        ("Mr Testperson spoke.", "a participant spoke."),
        ("ZED TESTPERSON spoke.", "a participant spoke."),
        ("Zed Testpersonal spoke.", "Zed Testpersonal spoke."),
        ("Nobody spoke.", "Nobody spoke."),
    ],
)
def test_names_are_withheld_from_statements(ws, under_rule, text, expected):
    assert ChathamHouse(ws, under_rule).statement(text) == expected


def test_agenda_lists_changes_since_the_published_version(ws, small, tmp_path):
    from gcm_dialogue import agenda_changes

    meeting, item, _person = small
    path = tmp_path / "agenda.pdf"
    build_document(ws, meeting.id, "agenda", "en", path)
    assert "Changes since version" not in text_of(path)  # never published
    agenda_changes.publish(ws, meeting.id)
    agenda.update_item(ws, item.id, duration_min=45)
    build_document(ws, meeting.id, "agenda", "en", path)
    text = text_of(path)
    assert "Changes since version 1" in text
    assert "Changed “Opening”" in text and "30 minutes → 45 minutes" in text
