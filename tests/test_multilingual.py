import pytest

from gcm_dialogue.multilingual import Text


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ({"en": "Agenda", "fr": "Ordre du jour"}, "fr", ("Ordre du jour", "fr", False)),
        ({"en": "Agenda"}, "ar", ("Agenda", "en", True)),
        ({"fr": "Ordre du jour"}, "es", ("Ordre du jour", "fr", True)),
        ({}, "en", ("", "en", False)),
    ],
)
def test_resolve_falls_back_visibly(value, lang, expected):
    resolved = Text(value).resolve(lang, "en")
    assert (resolved.text, resolved.lang, resolved.is_fallback) == expected


def test_blank_texts_are_dropped_and_json_round_trips():
    text = Text({"en": "Highlights", "ar": "أبرز النقاط", "fr": "  "})
    assert set(text) == {"en", "ar"}
    assert Text.from_json(text.to_json()) == text
    assert text.with_text("fr", "Faits saillants")["fr"] == "Faits saillants"
    assert "en" not in text.with_text("en", "")
