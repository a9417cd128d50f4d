"""The Survey view driven as a person would: results on the demo, a new bilingual survey built,
answers imported through the mapping dialog and typed in the answer form, all undoable."""

import shutil

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPushButton

from gcm_dialogue import mechanisms, meetings, survey_answers, survey_respondents, surveys
from gcm_dialogue.store import open_workspace
from ui.context import AppContext
from ui.dialogs.survey_answer_dialog import SurveyAnswerDialog
from ui.dialogs.survey_question_dialog import SurveyQuestionDialog
from ui.dialogs.survey_texts_dialog import SurveyTextsDialog
from ui.undo import ChangeBus
from ui.views.survey_view import SurveyView


def make_view(qtbot, ws, meeting):
    context = AppContext(ws, QUndoStack(), ChangeBus())
    view = SurveyView(context)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show_meeting(meeting)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


@pytest.fixture
def demo(tmp_path, demo_path):
    path = tmp_path / "demo.gcmd"
    shutil.copy(demo_path, path)
    ws = open_workspace(path)
    yield ws
    ws.close()


def type_text(qtbot, widget, text):
    """Type text key by key; QTest's keyClicks only knows ASCII, people type "é" too."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


def type_cell(qtbot, table, row, column, text):
    """Click a cell, press F2, type into its editor and press Return, as a person would."""
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=rect.center())
    assert (table.currentRow(), table.currentColumn()) == (row, column)
    qtbot.keyClick(table, Qt.Key_F2)
    editor = next(e for e in table.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column).text() == text)  # committed when queued


def ok(qtbot, dialog):
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok), Qt.LeftButton)
    if not dialog.isVisible():  # back in the main window, as after closing a dialog
        dialog.parentWidget().window().activateWindow()
        QApplication.processEvents()


def test_demo_results_show_the_rates_by_region_with_the_non_respondents(qtbot, demo):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    qtbot.mouseClick(view.tabs.tabBar(), Qt.LeftButton, pos=view.tabs.tabBar().tabRect(2).center())
    assert view.tabs.currentWidget() is view.results
    text = view.results.browser.toPlainText()
    for line in (
        "Africa\n11 of 12\n",
        "Americas\n5 of 7\n",
        "Asia, Pacific and the Middle East\n8 of 11\n",
        "Europe\n11 of 11\n",
    ):
        assert line in text.replace("\t", "\n")
    assert "UNECA" in text and "CMC, SACM" in text and "Bali Process, PIDC, GCC" in text
    chart = view.results.chart
    assert chart.categories == ["Africa", "Americas", "Asia, Pacific and the Middle East", "Europe"]
    assert chart.series_values == {"Answered": [11, 5, 8, 11], "Invited": [12, 7, 11, 11]}
    # filter by region: only Americas respondents
    view.results.region.setCurrentIndex(view.results.region.findData("americas"))
    assert view.results.results.overall.total == 7
    assert view.results.chart.categories == ["Americas"]
    # the respondents tab lists those missing by region
    missing = view.respondents.missing
    texts = {
        missing.topLevelItem(i).text(0): [
            missing.topLevelItem(i).child(j).text(0).split(" · ")[0]
            for j in range(missing.topLevelItem(i).childCount())
        ]
        for i in range(missing.topLevelItemCount())
    }
    assert texts["Americas (2)"] == ["CMC", "SACM"]
    assert texts["Europe (0)"] == []


def test_chart_export_as_png(qtbot, demo, tmp_path):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    panel = view.results
    panel.chart_choice.setCurrentIndex(panel.chart_choice.findData("recommendations"))
    assert panel.chart.categories == ["1", "2", "3", "4", "5", "6"]
    path = panel.export_chart(str(tmp_path / "chart"))
    assert path.endswith("chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


QUESTIONS = [
    # key, type index label, en, fr, options (en, fr), condition
    ("has", "Yes or no", "Any recommendations?", "Des recommandations ?", [], None),
    (
        "themes",
        "Multiple choice",
        "Which themes?",
        "Quels thèmes ?",
        [("Rights", "Droits"), ("Labour", "Travail")],
        ("has", "yes"),
    ),
    ("useful", "Rating scale", "How useful was GRCP 6?", "Utilité de la GRCP 6 ?", [], None),
    ("staff", "Number", "Secretariat staff", "Personnel du secrétariat", [], None),
    ("comment", "Long text", "Comments", "Commentaires", [], None),
]


def _type_text(qtbot, dialog, lang_index, title):
    bar = dialog.texts.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(lang_index).center())
    lang = dialog.languages[lang_index]
    type_text(qtbot, dialog.title_edits[lang], title)


def test_a_new_user_builds_a_bilingual_survey_imports_answers_and_sees_results(
    qtbot, ws, meeting, tmp_path
):
    for acronym, regions in (
        ("MIDSA", ["africa"]),
        ("RCM", ["americas"]),
        ("ACP-EU", ["africa", "europe"]),
    ):
        mechanisms.create_mechanism(
            ws, acronym, acronym, "rcp" if acronym != "ACP-EU" else "irf", regions
        )
    view = make_view(qtbot, ws, meeting)
    assert view.survey_id is None

    qtbot.mouseClick(view.new_button, Qt.LeftButton)
    dialog = _last_dialog(view, SurveyTextsDialog)
    qtbot.keyClicks(dialog.edits["en"], "Inputs to GRCP 8")
    type_text(qtbot, dialog.edits["fr"], "Contributions à la GRCP 8")
    ok(qtbot, dialog)
    survey = surveys.list_surveys(ws, meeting.id)[-1]
    assert dict(survey.title) == {"en": "Inputs to GRCP 8", "fr": "Contributions à la GRCP 8"}
    assert view.survey_id == survey.id

    builder = view.builder
    builder.tree.setFocus()
    qtbot.keyClick(builder.tree, Qt.Key_N, Qt.ControlModifier | Qt.ShiftModifier)
    section_dialog = _last_dialog(builder, SurveyTextsDialog)
    qtbot.keyClicks(section_dialog.edits["en"], "General")
    type_text(qtbot, section_dialog.edits["fr"], "Généralités")
    ok(qtbot, section_dialog)

    for key, type_label, en, fr, options, condition in QUESTIONS:
        builder.tree.setCurrentItem(builder.tree.topLevelItem(0))
        qtbot.keyClick(builder.tree, Qt.Key_N, Qt.ControlModifier)
        dialog = _last_dialog(builder, SurveyQuestionDialog)
        qtbot.keyClicks(dialog.key, key)
        dialog.type.setCurrentIndex(dialog.type.findText(type_label))
        _type_text(qtbot, dialog, 0, en)
        _type_text(qtbot, dialog, 1, fr)
        for n, (option_en, option_fr) in enumerate(options):
            qtbot.mouseClick(dialog.add_option_button, Qt.LeftButton)
            type_cell(qtbot, dialog.options, n, 1, option_en)
            type_cell(qtbot, dialog.options, n, 2, option_fr)
        if condition:
            dialog.condition_question.setCurrentIndex(
                dialog.condition_question.findData(condition[0])
            )
            qtbot.keyClicks(dialog.condition_value, condition[1])
        ok(qtbot, dialog)
        assert dialog.result() == QDialog.Accepted, dialog.error.text()

    questions = surveys.list_questions(ws, survey.id)
    assert [q.key for q in questions] == [q[0] for q in QUESTIONS]
    assert [q.type for q in questions] == [
        "yes_no",
        "multiple_choice",
        "rating",
        "number",
        "long_text",
    ]
    themes = questions[1]
    assert dict(themes.title) == {"en": "Which themes?", "fr": "Quels thèmes ?"}
    assert [o["label"] for o in themes.options] == [
        {"en": "Rights", "fr": "Droits"},
        {"en": "Labour", "fr": "Travail"},
    ]
    assert themes.show_if == {"question": "has", "equals": True}
    assert builder.tree.topLevelItem(0).childCount() == 5
    assert builder.tree.topLevelItem(0).child(1).text(4) == "en fr"

    qtbot.mouseClick(view.tabs.tabBar(), Qt.LeftButton, pos=view.tabs.tabBar().tabRect(1).center())
    qtbot.mouseClick(view.respondents.invite_button, Qt.LeftButton)
    assert [i.label for i in survey_respondents.respondent_infos(ws, survey.id)] == [
        "ACP-EU",
        "MIDSA",
        "RCM",
    ]

    csv = tmp_path / "results-survey123.csv"
    csv.write_text(
        "id,submitdate,lastpage,startlanguage,token,Entity,has,themes[o1],themes[o2],useful,staff,comment\n"
        "1,2017-06-20 10:00:00,2,fr,,MIDSA,Y,Y,,4,3,Très utile\n"
        "2,2017-06-21 09:00:00,2,en,,ACP-EU,Y,Y,Y,5,12,\n"
        "3,2017-06-21 09:30:00,2,en,,Atlantis,N,,,2,1,\n",
        encoding="utf-8",
    )
    dialog = view.import_answers(str(csv))
    # the tool names options by code (o1, o2): the mapping guessed them; the respondent column
    # "Entity" was recognised too
    assert dialog.mapping()["Entity"] == "respondent"
    assert dialog.mapping()["themes[o2]"] == "q:themes:o2"
    dialog.set_target("token", "")
    assert "2 respondents' answers will be imported." in dialog.summary.text()
    assert (
        dialog.problems.item(0).text()
        == "Row 4 (Atlantis): no entity or participant called 'Atlantis'"
    )
    ok(qtbot, dialog)
    assert view.tabs.currentWidget() is view.results
    results = view.results.results
    assert (results.overall.answered, results.overall.total) == (2, 3)
    assert [(r.code, r.answered, r.total) for r in results.by_region] == [
        ("africa", 2, 2),
        ("americas", 0, 1),
        ("asia_pacific_middle_east", 0, 0),
        ("europe", 1, 1),
    ]
    useful = next(q for q in results.questions if q.key == "useful")
    assert useful.summary["mean"] == 4.5
    view.results.chart_choice.setCurrentIndex(view.results.chart_choice.findData("themes"))
    assert view.results.chart.series_values == {"Respondents": [2, 1]}
    assert view.results.chart.categories == ["Rights", "Labour"]

    # one undo takes the whole import back
    view.context.undo_stack.undo()
    assert ws.scalar("SELECT count(*) FROM survey_answers") == 0
    assert view.results.results.overall.answered == 0


def _last_dialog(parent, cls):
    dialog = [d for d in parent.findChildren(cls) if d.isVisible()][-1]
    dialog.activateWindow()  # the window a person would now be typing in
    QApplication.processEvents()
    return dialog


def test_the_answer_form_hides_conditional_questions_and_saves(qtbot, demo):
    meeting = meetings.resolve_meeting(demo, None)
    view = make_view(qtbot, demo, meeting)
    qtbot.keyClick(view, Qt.Key_2, Qt.AltModifier)
    panel = view.respondents
    assert view.tabs.currentWidget() is panel
    row = next(n for n, r in enumerate(panel.model.rows) if r.label == "CMC")
    panel.table.setFocus()
    panel.select_row(row)
    qtbot.keyClick(panel.table, Qt.Key_Return)
    dialog = _last_dialog(panel, SurveyAnswerDialog)
    inputs = dialog.inputs
    qtbot.keyClicks(inputs["mechanism_name"].editor, "Caribbean Migration Consultations")
    assert not inputs["recommendations"].isVisible()
    inputs["has_recommendations"].editor.setCurrentIndex(1)  # Yes
    assert inputs["recommendations"].isVisible()
    table = inputs["recommendations"].table
    add_item = next(
        b for b in inputs["recommendations"].findChildren(QPushButton) if b.text() == "Add item"
    )
    qtbot.mouseClick(add_item, Qt.LeftButton)
    type_cell(qtbot, table, 0, 0, "Regional labour mobility")
    type_cell(qtbot, table, 0, 1, "q, w")
    inputs["has_practices"].editor.setCurrentIndex(2)  # No
    inputs["has_principles"].editor.setCurrentIndex(2)
    qtbot.keyClick(dialog, Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()
    cmc = next(
        r for r in survey_respondents.respondent_infos(demo, view.survey_id) if r.label == "CMC"
    )
    assert cmc.status == "answered"
    assert survey_answers.answers_of(demo, cmc.id) == {
        "mechanism_name": "Caribbean Migration Consultations",
        "has_recommendations": True,
        "recommendations": [{"text": "Regional labour mobility", "elements": ["q", "w"]}],
        "has_practices": False,
        "has_principles": False,
    }
    assert view.results.results.region("americas").answered == 6
    assert view.context.undo_stack.undoText() == "Answers of CMC"
    view.context.undo_stack.undo()
    assert survey_answers.answers_of(demo, cmc.id) == {}
    assert view.results.results.region("americas").answered == 5


def test_bad_input_is_shown_in_the_dialog(qtbot, demo):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    builder = view.builder
    builder.tree.setCurrentItem(builder.tree.topLevelItem(0))
    dialog = builder.add_question()
    qtbot.keyClicks(dialog.key, "has_recommendations")  # already used
    qtbot.keyClicks(dialog.title_edits["en"], "Again?")
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "already has a question with the key 'has_recommendations'" in dialog.error.text()
    dialog.reject()


def test_builder_delete_and_move_are_undoable(qtbot, demo):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    builder = view.builder
    section = builder.tree.topLevelItem(4)  # 5. Submission
    builder.tree.setFocus()
    builder.tree.setCurrentItem(section.child(1))
    qtbot.keyClick(builder.tree, Qt.Key_Up, Qt.ControlModifier)
    keys = [q.key for q in surveys.list_questions(demo, view.survey_id)]
    assert keys[-2:] == ["submission_date", "submitted_by"]
    builder.tree.setCurrentItem(builder.tree.topLevelItem(4).child(0))
    qtbot.keyClick(builder.tree, Qt.Key_Delete)
    assert "submission_date" not in [q.key for q in surveys.list_questions(demo, view.survey_id)]
    view.context.undo_stack.undo()
    view.context.undo_stack.undo()
    keys = [q.key for q in surveys.list_questions(demo, view.survey_id)]
    assert keys[-2:] == ["submitted_by", "submission_date"]
    assert builder.tree.topLevelItem(4).child(1).text(2) == "submission_date"


@pytest.mark.parametrize("typed", ["maybe", "yse", ""])
def test_a_yes_no_condition_takes_only_yes_or_no(qtbot, demo, typed):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    survey_id = view.survey_id
    before = [(q.key, q.show_if) for q in surveys.list_questions(demo, survey_id)]
    builder = view.builder
    builder.tree.setCurrentItem(builder.tree.topLevelItem(0))
    dialog = builder.add_question()
    qtbot.keyClicks(dialog.key, "followup")
    qtbot.keyClicks(dialog.title_edits["en"], "Which ones?")
    dialog.condition_question.setCurrentIndex(
        dialog.condition_question.findData("has_recommendations")
    )
    qtbot.keyClicks(dialog.condition_value, typed)
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "type “yes” or “no”" in dialog.error.text()
    assert [(q.key, q.show_if) for q in surveys.list_questions(demo, survey_id)] == before
    dialog.condition_value.clear()
    qtbot.keyClicks(dialog.condition_value, "No")
    ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    added = next(q for q in surveys.list_questions(demo, survey_id) if q.key == "followup")
    assert added.show_if == {"question": "has_recommendations", "equals": False}


def test_a_count_question_keeps_its_smallest_number(qtbot, demo):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    builder = view.builder
    builder.tree.setCurrentItem(builder.tree.topLevelItem(0))
    dialog = builder.add_question()
    qtbot.keyClicks(dialog.key, "staff")
    qtbot.keyClicks(dialog.title_edits["en"], "Secretariat staff")
    dialog.type.setCurrentIndex(dialog.type.findData("number"))
    assert dialog.number_min.isVisible()
    qtbot.keyClicks(dialog.number_min, "0")
    ok(qtbot, dialog)
    assert not dialog.isVisible(), dialog.error.text()
    added = next(q for q in surveys.list_questions(demo, view.survey_id) if q.key == "staff")
    assert added.config == {"min": 0}


def test_chart_export_keeps_a_jpeg_name_and_says_why_it_failed(qtbot, demo, tmp_path):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    panel = view.results
    panel.chart_choice.setCurrentIndex(panel.chart_choice.findData("recommendations"))
    path = panel.export_chart(str(tmp_path / "chart.jpg"))
    assert path == str(tmp_path / "chart.jpg")
    assert (tmp_path / "chart.jpg").read_bytes()[:3] == b"\xff\xd8\xff"
    assert not (tmp_path / "chart.jpg.png").exists()
    assert panel.export_chart(str(tmp_path / "missing" / "chart.png")) is None
    assert not (tmp_path / "missing").exists()
    assert not panel.export_error.isHidden()
    assert "does not exist" in panel.export_error.text()


def test_the_type_filter_shows_whole_kind_names(qtbot, demo):
    view = make_view(qtbot, demo, meetings.resolve_meeting(demo, None))
    kind = view.results.kind
    longest = max(kind.itemText(i) for i in range(kind.count()))
    assert kind.width() >= kind.fontMetrics().horizontalAdvance(longest)
