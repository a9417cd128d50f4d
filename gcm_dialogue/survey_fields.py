"""Question types of a survey, one class each (Indico's survey fields are the model).

A question type has a stable ``name`` (stored in ``survey_questions.type``), a lazily
translated ``label``, and, bound to one question's options and configuration:

- ``validate(answer)`` returns the answer in its stored shape or raises ValidationError;
- ``summarise(answers)`` turns many stored answers into plain data (counts, percentages,
  mean, ...), the same figures the results view, the CLI and the documents print;
- ``from_cell(text)`` reads one spreadsheet cell as an online survey tool exports it.

The stored shapes: yes/no ``true``/``false``; single choice an option key; multiple choice
a list of option keys; rating an integer within [min, max]; ranking the option keys in order
of preference; number a number; short and long text a string; list a list of items
``{"text", "elements": [letters], "practice_type", "countries", "link"}``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from .errors import ValidationError
from .i18n import gettext as _
from .i18n import lazy_gettext as N_

ELEMENT_LETTERS = tuple("abcdefghijklmnopqrstuvwx")
LIST_FIELDS = ("text", "elements", "practice_type", "countries", "link")
YES = {"y", "yes", "true", "1", "x", "oui", "sí", "si", "да", "نعم", "是", "checked", "selected"}
NO = {"n", "no", "false", "0", "non", "нет", "لا", "否", ""}


def _pct(count: int, total: int) -> float:
    return round(100.0 * count / total, 1) if total else 0.0


class QuestionType:
    name = ""
    label: object = ""
    has_options = False  # the builder shows the options table for these types
    sub_columns = False  # an import may give one column per option (LimeSurvey, Kobo)

    def __init__(self, options: Sequence[Mapping] = (), config: Mapping | None = None) -> None:
        self.options = [dict(o) for o in options]
        self.config = dict(config or {})
        self.option_keys = [str(o["key"]) for o in self.options]

    # -- checks ----------------------------------------------------------------------------
    def check_definition(self) -> None:
        """Raise when the question itself cannot be answered (no options for a choice...)."""
        if self.has_options and len(self.options) < 2:
            raise ValidationError(f"a {self.name.replace('_', ' ')} question needs two options")

    def validate(self, answer: object) -> object:
        raise NotImplementedError

    def is_empty(self, answer: object) -> bool:
        return answer is None or answer == "" or answer == []

    def summarise(self, answers: Sequence[object]) -> dict:
        raise NotImplementedError

    def from_cell(self, text: str) -> object:
        """One cell of an export as an answer (None when empty); raises on bad content."""
        text = text.strip()
        return self.validate(text) if text else None

    # -- options ---------------------------------------------------------------------------
    def option_for(self, text: str) -> str:
        """The option key a cell names: its key, or its label in any language."""
        wanted = " ".join(text.split()).casefold()
        for option in self.options:
            if str(option["key"]).casefold() == wanted:
                return str(option["key"])
        for option in self.options:
            labels = option.get("label") or {}
            if any(" ".join(str(v).split()).casefold() == wanted for v in labels.values()):
                return str(option["key"])
        raise ValidationError(f"{text.strip()!r} is not one of the options")

    def _check_option(self, value: object) -> str:
        if not isinstance(value, str) or value not in self.option_keys:
            raise ValidationError(f"{value!r} is not one of the options")
        return value

    def _option_rows(self, counts: Counter, total: int) -> list[dict]:
        return [
            {
                "key": k,
                "label": dict(o.get("label") or {}),
                "count": counts[k],
                "percent": _pct(counts[k], total),
            }
            for k, o in zip(self.option_keys, self.options, strict=True)
        ]


class YesNo(QuestionType):
    name = "yes_no"
    label = N_("Yes or no")

    def validate(self, answer: object) -> object:
        if isinstance(answer, bool):
            return answer
        if isinstance(answer, str):
            word = answer.strip().casefold()
            if word and word in YES:
                return True
            if word in NO and word:
                return False
        raise ValidationError(f"{answer!r} is not yes or no")

    def summarise(self, answers: Sequence[object]) -> dict:
        given = [a for a in answers if isinstance(a, bool)]
        yes = sum(1 for a in given if a)
        n = len(given)
        return {
            "answered": n,
            "yes": yes,
            "no": n - yes,
            "yes_percent": _pct(yes, n),
            "no_percent": _pct(n - yes, n),
        }


class SingleChoice(QuestionType):
    name = "single_choice"
    label = N_("Single choice")
    has_options = True

    def validate(self, answer: object) -> object:
        return self._check_option(answer)

    def from_cell(self, text: str) -> object:
        text = text.strip()
        return self.option_for(text) if text else None

    def summarise(self, answers: Sequence[object]) -> dict:
        given = [a for a in answers if a in self.option_keys]
        counts = Counter(given)
        return {"answered": len(given), "options": self._option_rows(counts, len(given))}


class MultipleChoice(QuestionType):
    name = "multiple_choice"
    label = N_("Multiple choice")
    has_options = True
    sub_columns = True

    def validate(self, answer: object) -> object:
        if isinstance(answer, str):
            answer = [answer]
        if not isinstance(answer, list | tuple):
            raise ValidationError(f"{answer!r} is not a list of options")
        keys = [self._check_option(a) for a in answer]
        if len(set(keys)) != len(keys):
            raise ValidationError("an option is chosen twice")
        # Stored in the options' order, so equal answers compare equal.
        return [k for k in self.option_keys if k in keys]

    def from_cell(self, text: str) -> object:
        text = text.strip()
        if not text:
            return None
        try:  # a label that itself contains a separator
            return [self.option_for(text)]
        except ValidationError:
            pass
        parts = [p for p in re.split(r"[;\n|]|,(?!\d)", text) if p.strip()]
        if len(parts) == 1:
            parts = text.split()  # KoboToolbox: option names separated by spaces
        return self.validate([self.option_for(p) for p in parts])

    def summarise(self, answers: Sequence[object]) -> dict:
        given = [a for a in answers if isinstance(a, list)]
        counts = Counter(k for a in given for k in a)
        # Percentages of respondents: they may add up to more than 100.
        return {"answered": len(given), "options": self._option_rows(counts, len(given))}


class Rating(QuestionType):
    name = "rating"
    label = N_("Rating scale")

    @property
    def bounds(self) -> tuple[int, int]:
        return int(self.config.get("min", 1)), int(self.config.get("max", 5))

    def check_definition(self) -> None:
        low, high = self.bounds
        if high <= low or high - low > 20:
            raise ValidationError(
                "a rating scale goes from a low to a higher value (at most 21 steps)"
            )

    def validate(self, answer: object) -> object:
        low, high = self.bounds
        if isinstance(answer, str) and answer.strip().lstrip("-").isdigit():
            answer = int(answer.strip())
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        if isinstance(answer, bool) or not isinstance(answer, int) or not low <= answer <= high:
            raise ValidationError(f"{answer!r} is not a whole number from {low} to {high}")
        return answer

    def from_cell(self, text: str) -> object:
        text = text.strip()
        if not text:
            return None
        match = re.match(r"^\D*?(-?\d+)", text)  # "4 - Agree", "A4" as LimeSurvey codes
        if not match:
            raise ValidationError(f"{text!r} is not a rating")
        return self.validate(int(match.group(1)))

    def summarise(self, answers: Sequence[object]) -> dict:
        low, high = self.bounds
        given = [a for a in answers if isinstance(a, int) and not isinstance(a, bool)]
        counts = Counter(given)
        n = len(given)
        return {
            "answered": n,
            "min": low,
            "max": high,
            "distribution": [
                {"value": v, "count": counts[v], "percent": _pct(counts[v], n)}
                for v in range(low, high + 1)
            ],
            "mean": round(statistics.fmean(given), 2) if given else None,
        }


class Ranking(QuestionType):
    name = "ranking"
    label = N_("Ranking")
    has_options = True
    sub_columns = True

    def validate(self, answer: object) -> object:
        if not isinstance(answer, list | tuple) or not answer:
            raise ValidationError("a ranking is a list of options in order of preference")
        keys = [self._check_option(a) for a in answer]
        if len(set(keys)) != len(keys):
            raise ValidationError("an option is ranked twice")
        return keys

    def from_cell(self, text: str) -> object:
        text = text.strip()
        if not text:
            return None
        parts = [p for p in re.split(r"[;>\n|,]", text) if p.strip()]
        return self.validate([self.option_for(p) for p in parts])

    def summarise(self, answers: Sequence[object]) -> dict:
        """Borda scores: first of n options scores n, the last 1; unranked options 0."""
        given = [a for a in answers if isinstance(a, list)]
        n = len(self.option_keys)
        score: Counter = Counter()
        firsts: Counter = Counter()
        positions: dict[str, list[int]] = {k: [] for k in self.option_keys}
        for ranking in given:
            for place, key in enumerate(ranking):
                score[key] += n - place
                positions.setdefault(key, []).append(place + 1)
            if ranking:
                firsts[ranking[0]] += 1
        rows = [
            {
                "key": k,
                "label": dict(o.get("label") or {}),
                "score": score[k],
                "first": firsts[k],
                "mean_rank": round(statistics.fmean(positions[k]), 2) if positions[k] else None,
            }
            for k, o in zip(self.option_keys, self.options, strict=True)
        ]
        rows.sort(key=lambda r: (-r["score"], self.option_keys.index(r["key"])))
        return {"answered": len(given), "options": rows}


class Number(QuestionType):
    name = "number"
    label = N_("Number")

    def validate(self, answer: object) -> object:
        if isinstance(answer, str):
            text = answer.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
            if re.fullmatch(r"-?\d+([.,]\d+)?", text):
                answer = float(text.replace(",", ".")) if re.search(r"[.,]", text) else int(text)
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            raise ValidationError(f"{answer!r} is not a number")
        low, high = self.bounds
        if low is not None and answer < low:
            raise ValidationError(
                _("{value} is below the smallest number allowed, {low}").format(
                    value=answer, low=low
                )
            )
        if high is not None and answer > high:
            raise ValidationError(f"{answer!r} is above the largest number allowed, {high}")
        return answer

    @property
    def bounds(self) -> tuple[float | None, float | None]:
        """The smallest and largest numbers allowed (``config["min"]``, ``config["max"]``);
        None when the question sets none. A count declares ``min`` 0."""
        return self.config.get("min"), self.config.get("max")

    def check_definition(self) -> None:
        for name in ("min", "max"):
            value = self.config.get(name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise ValidationError(f"the {name} of a number question must be a number")
        low, high = self.bounds
        if low is not None and high is not None and high < low:
            raise ValidationError("the largest number allowed is below the smallest")

    def summarise(self, answers: Sequence[object]) -> dict:
        given = [a for a in answers if isinstance(a, int | float) and not isinstance(a, bool)]
        if not given:
            return {
                "answered": 0,
                "mean": None,
                "median": None,
                "min": None,
                "max": None,
                "total": 0,
            }
        return {
            "answered": len(given),
            "mean": round(statistics.fmean(given), 2),
            "median": statistics.median(given),
            "min": min(given),
            "max": max(given),
            "total": sum(given),
        }


class ShortText(QuestionType):
    name = "short_text"
    label = N_("Short text")
    max_length = 500

    def validate(self, answer: object) -> object:
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            answer = str(answer)
        if not isinstance(answer, str):
            raise ValidationError(f"{answer!r} is not a text")
        answer = answer.strip()
        if len(answer) > self.max_length:
            raise ValidationError(f"the text is longer than {self.max_length} characters")
        return answer

    def summarise(self, answers: Sequence[object]) -> dict:
        texts = [a for a in answers if isinstance(a, str) and a.strip()]
        return {"answered": len(texts), "texts": texts}


class LongText(ShortText):
    name = "long_text"
    label = N_("Long text")
    max_length = 20_000


class ItemList(QuestionType):
    """The repeating list of the GRCP questionnaire: recommendations, practices, principles."""

    name = "list"
    label = N_("List of items (recommendations, practices)")
    sub_columns = True

    @property
    def fields(self) -> list[str]:
        return [
            f for f in self.config.get("fields", ["text", "elements", "link"]) if f in LIST_FIELDS
        ]

    def validate(self, answer: object) -> object:
        if not isinstance(answer, list | tuple):
            raise ValidationError("a list answer is a list of items")
        items = []
        for number, item in enumerate(answer, 1):
            if isinstance(item, str):
                item = {"text": item}
            if not isinstance(item, Mapping):
                raise ValidationError(f"item {number} is not an item")
            unknown = set(item) - set(LIST_FIELDS)
            if unknown:
                raise ValidationError(
                    f"item {number} has unknown fields: {', '.join(sorted(unknown))}"
                )
            text = str(item.get("text") or "").strip()
            if not text:
                raise ValidationError(f"item {number} has no text")
            clean: dict = {"text": text}
            elements = item.get("elements") or []
            if isinstance(elements, str):
                elements = parse_elements(elements)
            letters = [str(e).strip().lower().strip("()") for e in elements]
            bad = [e for e in letters if e not in ELEMENT_LETTERS]
            if bad:
                raise ValidationError(
                    f"item {number}: {', '.join(bad)} is not a compact element (a to x)"
                )
            if letters:
                clean["elements"] = list(dict.fromkeys(letters))
            for name in ("practice_type", "countries", "link"):
                value = str(item.get(name) or "").strip()
                if value:
                    clean[name] = value
            items.append(clean)
        return items

    def from_cell(self, text: str) -> object:
        """Items one a line; "text [a, b]" gives the elements of an item."""
        lines = [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
        if not lines:
            return None
        items = []
        for line in lines:
            match = re.match(r"^(.*?)\s*\[([a-xA-X ,;()]+)\]\s*$", line)
            if match:
                items.append({"text": match.group(1), "elements": parse_elements(match.group(2))})
            else:
                items.append({"text": line})
        return self.validate(items)

    def summarise(self, answers: Sequence[object]) -> dict:
        given = [a for a in answers if isinstance(a, list)]
        items = [item for a in given for item in a]
        elements: Counter = Counter()
        element_respondents: Counter = Counter()
        practice_types: Counter = Counter()
        for answer in given:
            seen = set()
            for item in answer:
                for letter in item.get("elements", []):
                    elements[letter] += 1
                    seen.add(letter)
                if item.get("practice_type"):
                    practice_types[item["practice_type"]] += 1
            element_respondents.update(seen)
        return {
            "answered": len(given),
            "items": len(items),
            "elements": {k: elements[k] for k in ELEMENT_LETTERS if elements[k]},
            "element_respondents": {
                k: element_respondents[k] for k in ELEMENT_LETTERS if element_respondents[k]
            },
            "practice_types": dict(sorted(practice_types.items())),
            "texts": [item["text"] for item in items],
        }


def parse_elements(text: str) -> list[str]:
    """ "i, o; (u)" -> ["i", "o", "u"]."""
    return [p.strip("() ").lower() for p in re.split(r"[,;/ ]+", text) if p.strip("() ")]


QUESTION_TYPES: dict[str, type[QuestionType]] = {
    cls.name: cls
    for cls in (
        YesNo,
        SingleChoice,
        MultipleChoice,
        Rating,
        Ranking,
        Number,
        ShortText,
        LongText,
        ItemList,
    )
}


def question_type(
    name: str, options: Iterable[Mapping] = (), config: Mapping | None = None
) -> QuestionType:
    try:
        cls = QUESTION_TYPES[name]
    except KeyError:
        raise ValidationError(f"unknown question type {name!r}") from None
    return cls(list(options), config)


def field_of(question) -> QuestionType:  # noqa: ANN001 - a surveys.Question
    return question_type(question.type, question.options, question.config)
