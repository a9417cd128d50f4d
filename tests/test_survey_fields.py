"""Question types: each validates an answer and summarises many."""

import pytest

from gcm_dialogue.errors import ValidationError
from gcm_dialogue.survey_fields import QUESTION_TYPES, question_type

OPTIONS = [
    {"key": "a", "label": {"en": "Policy", "fr": "Politique"}},
    {"key": "b", "label": {"en": "Project", "fr": "Projet"}},
    {"key": "c", "label": {"en": "Fund", "fr": "Fonds"}},
]


def make(name, **config):
    return question_type(name, OPTIONS if QUESTION_TYPES[name].has_options else (), config)


@pytest.mark.parametrize(
    ("name", "config", "answer", "stored"),
    [
        ("yes_no", {}, True, True),
        ("yes_no", {}, "Oui", True),
        ("yes_no", {}, "N", False),
        ("single_choice", {}, "b", "b"),
        ("multiple_choice", {}, ["c", "a"], ["a", "c"]),
        ("multiple_choice", {}, "b", ["b"]),
        ("rating", {"min": 1, "max": 5}, 5, 5),
        ("rating", {"min": 0, "max": 10}, "0", 0),
        ("ranking", {}, ["c", "a", "b"], ["c", "a", "b"]),
        ("ranking", {}, ["b"], ["b"]),
        ("number", {}, "1 250", 1250),
        ("number", {}, "3,5", 3.5),
        ("number", {"min": 0}, 0, 0),
        ("short_text", {}, "  Geneva ", "Geneva"),
        ("long_text", {}, "x" * 5000, "x" * 5000),
        (
            "list",
            {},
            [{"text": "Fair recruitment", "elements": ["Q", "(i)"]}],
            [{"text": "Fair recruitment", "elements": ["q", "i"]}],
        ),
        ("list", {}, ["Just a text"], [{"text": "Just a text"}]),
        (
            "list",
            {},
            [
                {
                    "text": "T",
                    "elements": "h, t",
                    "practice_type": "project",
                    "countries": "Mali",
                    "link": "https://x",
                }
            ],
            [
                {
                    "text": "T",
                    "elements": ["h", "t"],
                    "practice_type": "project",
                    "countries": "Mali",
                    "link": "https://x",
                }
            ],
        ),
    ],
)
def test_valid_answers_are_stored_in_their_shape(name, config, answer, stored):
    assert make(name, **config).validate(answer) == stored


@pytest.mark.parametrize(
    ("name", "config", "answer", "message"),
    [
        ("yes_no", {}, "maybe", "not yes or no"),
        ("yes_no", {}, 1.5, "not yes or no"),
        ("single_choice", {}, "z", "not one of the options"),
        ("single_choice", {}, ["a"], "not one of the options"),
        ("multiple_choice", {}, ["a", "a"], "chosen twice"),
        ("multiple_choice", {}, ["a", "z"], "not one of the options"),
        ("rating", {"min": 1, "max": 5}, 6, "from 1 to 5"),
        ("rating", {"min": 1, "max": 5}, True, "from 1 to 5"),
        ("rating", {"min": 1, "max": 5}, 2.5, "from 1 to 5"),
        ("ranking", {}, [], "order of preference"),
        ("ranking", {}, ["a", "a"], "ranked twice"),
        ("number", {}, "twelve", "not a number"),
        ("number", {"max": 10}, 11, "above the largest number allowed, 10"),
        ("short_text", {}, "x" * 501, "longer than 500"),
        ("short_text", {}, ["x"], "not a text"),
        ("list", {}, "text", "list of items"),
        ("list", {}, [{"text": ""}], "item 1 has no text"),
        ("list", {}, [{"text": "T", "elements": ["z"]}], "not a compact element"),
        ("list", {}, [{"text": "T", "colour": "red"}], "unknown fields"),
    ],
)
def test_invalid_answers_are_refused_with_a_reason(name, config, answer, message):
    with pytest.raises(ValidationError, match=message):
        make(name, **config).validate(answer)


@pytest.mark.parametrize(
    ("name", "config"),
    [("single_choice", {}), ("multiple_choice", {}), ("ranking", {})],
)
def test_choice_questions_need_two_options(name, config):
    with pytest.raises(ValidationError, match="needs two options"):
        question_type(name, OPTIONS[:1], config).check_definition()


def test_a_rating_scale_must_go_up():
    with pytest.raises(ValidationError, match="rating scale"):
        question_type("rating", (), {"min": 5, "max": 5}).check_definition()


def test_unknown_type_is_refused():
    with pytest.raises(ValidationError, match="unknown question type"):
        question_type("slider")


def test_every_type_has_a_stable_name_and_a_label():
    assert list(QUESTION_TYPES) == [
        "yes_no",
        "single_choice",
        "multiple_choice",
        "rating",
        "ranking",
        "number",
        "short_text",
        "long_text",
        "list",
    ]
    for cls in QUESTION_TYPES.values():
        assert str(cls.label)


def test_yes_no_summary():
    s = make("yes_no").summarise([True, True, False, None])
    assert s == {"answered": 3, "yes": 2, "no": 1, "yes_percent": 66.7, "no_percent": 33.3}


def test_single_choice_summary_counts_and_percentages():
    s = make("single_choice").summarise(["a", "a", "b", "a"])
    assert [(o["key"], o["count"], o["percent"]) for o in s["options"]] == [
        ("a", 3, 75.0),
        ("b", 1, 25.0),
        ("c", 0, 0.0),
    ]


def test_multiple_choice_percentages_are_of_respondents():
    s = make("multiple_choice").summarise([["a", "b"], ["a"]])
    assert s["answered"] == 2
    assert [(o["count"], o["percent"]) for o in s["options"]] == [(2, 100.0), (1, 50.0), (0, 0.0)]


def test_rating_distribution_and_mean():
    s = make("rating", min=1, max=4).summarise([1, 4, 4, 3])
    assert [d["count"] for d in s["distribution"]] == [1, 0, 1, 2]
    assert s["mean"] == 3.0
    assert make("rating").summarise([])["mean"] is None


def test_ranking_scores_are_borda_counts():
    s = make("ranking").summarise([["a", "b", "c"], ["b", "a"], ["b"]])
    # first of three scores 3, second 2, third 1
    assert [(o["key"], o["score"], o["first"]) for o in s["options"]] == [
        ("b", 2 + 3 + 3, 2),
        ("a", 3 + 2, 1),
        ("c", 1, 0),
    ]
    assert s["options"][0]["mean_rank"] == pytest.approx(4 / 3, abs=0.01)


def test_number_mean_median_range():
    s = make("number").summarise([3, 1, 10, 2])
    assert (s["mean"], s["median"], s["min"], s["max"], s["total"]) == (4.0, 2.5, 1, 10, 16)
    assert make("number").summarise([])["mean"] is None


def test_texts_are_listed():
    assert make("long_text").summarise(["a", "", "b"]) == {"answered": 2, "texts": ["a", "b"]}


def test_list_summary_counts_elements_items_and_respondents():
    s = make("list", fields=["text", "elements", "practice_type"]).summarise(
        [
            [
                {"text": "x", "elements": ["i", "q"], "practice_type": "project"},
                {"text": "y", "elements": ["i"]},
            ],
            [{"text": "z", "elements": ["q"]}],
        ]
    )
    assert s["answered"] == 2 and s["items"] == 3
    assert s["elements"] == {"i": 2, "q": 2}
    assert s["element_respondents"] == {"i": 1, "q": 2}
    assert s["practice_types"] == {"project": 1}


@pytest.mark.parametrize(
    ("name", "cell", "answer"),
    [
        ("yes_no", "Yes", True),
        ("yes_no", "", None),
        ("single_choice", "Projet", "b"),
        ("single_choice", "b", "b"),
        ("multiple_choice", "Policy, Fund", ["a", "c"]),
        ("multiple_choice", "Policy;Project", ["a", "b"]),
        ("multiple_choice", "a c", ["a", "c"]),  # KoboToolbox: names separated by spaces
        ("rating", "4 - Agree", 4),
        ("ranking", "Fund > Policy", ["c", "a"]),
        ("number", "12", 12),
        (
            "list",
            "Fair recruitment [q, i]\n- Remittances [h]",
            [
                {"text": "Fair recruitment", "elements": ["q", "i"]},
                {"text": "Remittances", "elements": ["h"]},
            ],
        ),
    ],
)
def test_cells_of_exports_are_read(name, cell, answer):
    config = {"min": 1, "max": 5} if name == "rating" else {}
    assert make(name, **config).from_cell(cell) == answer


def test_a_cell_naming_an_unknown_option_is_refused():
    with pytest.raises(ValidationError, match="'Loan' is not one of the options"):
        make("single_choice").from_cell("Loan")
