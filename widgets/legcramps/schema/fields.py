"""The building blocks of every content class: vocabularies, constants, typed fields and constraints.

The constraint markers are pydantic's hooks written without importing pydantic (see `legcramps.schema`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from annotated_types import MaxLen, MinLen

# ---------------------------------------------------------------- vocabularies and constants

Grade = Literal["strong", "moderate", "weak", "consensus", "unsupported", "contested"]
Tier = Literal["self_care", "see_gp", "urgent", "emergency"]
Section = Literal["now", "prevent", "ask_doctor"]
CauseKind = Literal["article", "missing", "look_alike"]
FactorKind = Literal["slider", "checkbox", "choice"]
FigureKind = Literal["calf_length", "fluid_band", "by_age", "ratios"]

#: Order of the care tiers, least to most pressing. The engine takes the highest one triggered.
TIER_ORDER: tuple[Tier, ...] = ("self_care", "see_gp", "urgent", "emergency")
#: Tiers at which a card is about getting help, not about looking after a cramp: the first step says
#: where to go, and nothing that could harm or delay (rub it, walk it off) may show.
HELP_TIERS: tuple[Tier, ...] = ("urgent", "emergency")

TERM_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
"""`[[term]]` or `[[shown words|term]]` in any text marks a glossary word; the loader checks the term exists."""


# ---------------------------------------------------------------- constraint markers


class Match:
    """`Annotated[str, Match(regex)]`: the text must match. (pydantic's own `Field(pattern=…)` would make
    this module import pydantic; pydantic calls this hook only when it validates.)"""

    def __init__(self, pattern: str):
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = handler(source)
        schema["pattern"] = self.pattern
        return schema


class Before:
    """`Annotated[X, Before(fn)]`: `fn` turns the raw value into what X expects (pydantic's BeforeValidator)."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.fn, handler(source))


class After:
    """`Annotated[X, After(fn)]`: `fn` checks the validated value, raising ValueError, so the problem is
    reported at this field (pydantic's AfterValidator)."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.fn, handler(source))


def _one_or_many(value: Any) -> Any:
    """A `when:` may be one mapping (all must hold) or a list of them (any one is enough)."""
    return [value] if isinstance(value, dict) else value


def _each_once(tiers: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(tiers)) != len(tiers):
        raise ValueError(f"lists a tier twice: {list(tiers)}")
    return tiers


class Words:
    """`Annotated[str, WORDS]`: words a reader sees, in one language (a label, a sentence, a heading).

    Why a marker: medical logic (ids, conditions, weights, tiers, sources) is written once, and every field
    marked so is given again by each language's text pack (content/text/<lang>/, legcramps.content.language
    finds them by this marker). A field of words that is not marked would stay English in every language.
    """

    def __repr__(self) -> str:
        return "WORDS"


WORDS = Words()

Id = Annotated[str, Match(r"^[a-z][a-z0-9_]*$"), MinLen(2), MaxLen(60)]
SourceId = Annotated[str, Match(r"^[a-z0-9][a-z0-9-]*$"), MinLen(2)]
Slug = Annotated[str, Match(r"^\d\d-[a-z0-9-]+$")]
#: Words a reader sees (at least three characters): translated, see `Words`.
Text = Annotated[str, MinLen(3), WORDS]
#: Words that may be short or empty (a unit, a one-word answer, an optional help line): translated too.
Phrase = Annotated[str, WORDS]
#: Not translated: a cited work's title or publisher (kept as published) or a note for the people who keep
#: the content (a clinical test case's reason), never shown to a reader.
Citation = Annotated[str, MinLen(3)]
Url = Annotated[str, Match(r"^https://")]
Sources = Annotated[tuple[SourceId, ...], MinLen(1)]
#: The most words a key point may have (glossary marks count as the words they show).
KEY_POINT_WORDS = 20
#: Words a cause's summary may have: it is one slide of a page's deck and the "what it is" of its one-page
#: summary, and is never split between two slides.
SUMMARY_WORDS = 40


def word_count(text: str) -> int:
    """Words as a reader counts them: a glossary mark is the words it shows."""
    return len(TERM_MARK.sub(lambda m: m.group(1), text).split())


def _at_most(limit: int, what: str, why: str) -> Callable[[str], str]:
    """A check that a text shows at most `limit` words (a glossary mark counts as the words it shows)."""

    def check(text: str) -> str:
        words = word_count(text)
        if words > limit:
            raise ValueError(f"has {words} words; {what} has at most {limit} ({why})")
        return text

    return check


#: One short sentence of a printed summary (`key_points` of a cause file): read at a glance.
KeyPoint = Annotated[str, MinLen(3), WORDS, After(_at_most(KEY_POINT_WORDS, "a key point",
                                                    "one short, plain sentence, or two"))]
#: A cause's summary: one slide, read from the back of a room.
Summary = Annotated[str, MinLen(3), WORDS, After(_at_most(SUMMARY_WORDS, "a summary",
                                                   "it is one slide: the page's sections say the rest"))]
Tiers = Annotated[tuple[Tier, ...], MinLen(1), After(_each_once)]
#: factor id -> expected value, or -> {operator: value}; all entries must hold (legcramps.content.conditions
#: checks each entry against the factor's kind and range, so the schema only needs "a mapping").
Condition = dict[Annotated[str, MinLen(1)], Any]
#: Any one condition may hold.
When = Annotated[tuple[Condition, ...], Before(_one_or_many), MinLen(1)]


def record(cls: type) -> type:
    """A content class: a frozen, keyword-only dataclass whose validation forbids unknown keys."""
    cls.__pydantic_config__ = {"extra": "forbid", "str_strip_whitespace": True}
    return dataclasses.dataclass(frozen=True, kw_only=True)(cls)
