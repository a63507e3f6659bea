"""What every piece of content is: one frozen dataclass per concept, with declared, typed fields.

Why one module of plain dataclasses: the running app (a dashboard kernel, the CLI, the handouts) only
*reads* content that was checked once, and must not pay for pydantic (~9 MiB and a tenth of a second per
kernel) to do so. So these classes are stdlib dataclasses: they pickle into the content snapshot and load
without pydantic. The loader (`legcramps.content.files.validate`) checks raw YAML against the *same*
classes with a pydantic `TypeAdapter`: the field types, the `Annotated` constraints below (annotated-types
markers, which pydantic honours, and three tiny markers of our own) and each class's `__post_init__` are the
schema. Unknown keys are errors (they are usually typos), and every instance is frozen: loaded content is
shared by every session of a server.

The people who edit `content/` are writers and clinicians: `python -m legcramps check` turns a broken
constraint here into `file:line: field: message`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from annotated_types import Ge, Gt, Le, MaxLen, MinLen

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


Id = Annotated[str, Match(r"^[a-z][a-z0-9_]*$"), MinLen(2), MaxLen(60)]
SourceId = Annotated[str, Match(r"^[a-z0-9][a-z0-9-]*$"), MinLen(2)]
Slug = Annotated[str, Match(r"^\d\d-[a-z0-9-]+$")]
Text = Annotated[str, MinLen(3)]
Url = Annotated[str, Match(r"^https://")]
Sources = Annotated[tuple[SourceId, ...], MinLen(1)]
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


# ---------------------------------------------------------------- sources, glossary, site text


@record
class Source:
    """A cited source (sources.yaml)."""

    id: SourceId
    title: Text
    authors: str | None = None
    publisher: Text
    year: Annotated[int, Ge(1900), Le(2100)]
    url: Url
    last_checked: dt.date
    note: str | None = None


@record
class GlossaryTerm:
    """A glossary entry with its aliases and plain definition (glossary.yaml)."""

    term: Text
    aliases: tuple[str, ...] = ()
    definition: Text


@record
class GradeInfo:
    """An evidence grade's label and meaning (site.yaml)."""

    id: Grade
    label: Text
    meaning: Text


@record
class TierInfo:
    """A care tier's label, what to do and sources (site.yaml)."""

    id: Tier
    label: Text
    what_to_do: Text
    sources: Sources


@record
class CauseSection:
    """One prose section every cause file has: its id (what code asks for) and its `## heading` (what
    readers see, in the cause files and on the pages)."""

    id: Id
    heading: Text


@record
class SiteFile:
    """Words the app shows around the medical content: title, disclaimer, grade and tier explanations."""

    title: Text
    tagline: Text
    disclaimer: Text
    no_match: Text
    #: Shown instead of `no_match` on an urgent or emergency card, where "harmless" would mislead.
    no_match_with_warning: Text
    no_warning_signs: Text
    class_intro: Text = "Class mode: these are fictional people. Open a card to set its answers."
    #: The notice a page shows when its kernel is gone: lost, paused after {duration} without use, and the
    #: one button that reloads with the answers kept.
    page_lost: Text
    page_paused: Text
    page_reload: Text
    #: Words that reassure ("not a warning sign", "harmless"). A text holding one may not appear on an
    #: urgent or emergency card (legcramps.content.safety).
    reassuring_words: tuple[Text, ...] = ()
    grades: Annotated[tuple[GradeInfo, ...], MinLen(6), MaxLen(6)]
    tiers: Annotated[tuple[TierInfo, ...], MinLen(4), MaxLen(4)]
    #: A page whose review_date is older than this many days is due for review (`check` warns, `--strict` fails).
    review_within_days: Annotated[int, Gt(0)] = 730
    #: The sections of every cause file, in reading order.
    cause_sections: Annotated[tuple[CauseSection, ...], MinLen(1)]


# ---------------------------------------------------------------- factors


@record
class FactorGroup:
    """A group of factors, shown as one section of controls (factors.yaml)."""

    id: Id
    label: Text
    help: str = ""


@record
class ChoiceOption:
    """One option of a choice factor (factors.yaml)."""

    value: Id
    label: Text


@record
class Factor:
    """One answer a reader can give, with its kind, range or options and default (factors.yaml)."""

    id: Id
    group: Id
    label: Text
    help: Text
    kind: FactorKind
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[ChoiceOption, ...] | None = None
    default: bool | float | str

    def __post_init__(self) -> None:
        if self.kind == "slider":
            if self.min is None or self.max is None or self.step is None:
                raise ValueError("a slider needs min, max and step")
            if not self.min < self.max:
                raise ValueError(f"min ({self.min}) must be below max ({self.max})")
            if self.step <= 0:
                raise ValueError("step must be above 0")
            if isinstance(self.default, bool) or not isinstance(self.default, int | float):
                raise ValueError(f"a slider's default must be a number, got {self.default!r}")
            if not self.min <= self.default <= self.max:
                raise ValueError(f"default {self.default} is outside {self.min}..{self.max}")
            if not self.unit:
                raise ValueError("a slider needs a unit (for example 'litres a day')")
        elif self.kind == "checkbox":
            if not isinstance(self.default, bool):
                raise ValueError(f"a checkbox's default must be true or false, got {self.default!r}")
        else:
            if not self.options or len(self.options) < 2:
                raise ValueError("a choice needs at least two options")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values must be unique")
            if self.default not in values:
                raise ValueError(f"default {self.default!r} is not one of the options {values}")

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options or ())

    def check(self, value: Any) -> bool | float | str:
        """The value in its canonical type, or ValueError saying what this factor accepts."""
        if self.kind == "checkbox":
            if isinstance(value, bool):
                return value
            raise ValueError(f"{self.id} is a tick box: use true or false, not {value!r}")
        if self.kind == "slider":
            if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
                raise ValueError(f"{self.id} needs a number ({self.unit}), not {value!r}")
            if not self.min <= value <= self.max:
                raise ValueError(
                    f"{self.id} must be between {self.min:g} and {self.max:g} {self.unit}; got {value:g}")
            return float(value)
        if not isinstance(value, str) or value not in self.option_values:
            raise ValueError(f"{self.id} must be one of {', '.join(self.option_values)}; got {value!r}")
        return value


# ---------------------------------------------------------------- rules, red flags, checklist


@record
class Rule:
    """When a cause becomes relevant, by how much and why (rules.yaml)."""

    id: Id
    cause: Id
    when: When
    weight: Annotated[float, Gt(0), Le(1)]
    because: Text
    checklist: tuple[Id, ...] = ()
    #: The care tiers at which this rule may fire. A reassuring reason ("this is common") is scoped to
    #: self_care and see_gp, so it never sits on an urgent or emergency card. Default: every tier.
    tiers: Tiers = TIER_ORDER


@record
class RedFlag:
    """A warning sign and the care tier it calls for (red_flags.yaml)."""

    id: Id
    tier: Tier
    when: When
    reason: Text
    sources: Sources
    grade: Grade = "consensus"
    checklist: tuple[Id, ...] = ()


@record
class ChecklistItem:
    """One step. `tiers` is required: a step that is safe on a self-care card (rub the muscle, walk about)
    can harm or delay on an urgent or emergency one, so every item says where it may appear.
    `help_for` marks the step that says where to get help at that tier; such steps come first."""

    id: Id
    section: Section
    text: Text
    grade: Grade
    sources: Sources
    always: bool = False
    tiers: Tiers
    help_for: Tier | None = None
    #: A step to do before anything else that is not a call for help (cool down in the heat): the care card
    #: shows it, right after any help_for steps.
    on_care_card: bool = False

    def __post_init__(self) -> None:
        if self.on_care_card and self.section != "now":
            raise ValueError("an on_care_card step says what to do now: put it in section now")
        if self.help_for is not None:
            if self.section != "now":
                raise ValueError("a help_for step says what to do now: put it in section now")
            if self.help_for not in self.tiers:
                raise ValueError(f"help_for {self.help_for} must be one of its tiers {list(self.tiers)}")


# ---------------------------------------------------------------- causes and topics (Markdown + front matter)


@record
class Evidence:
    """A cause's overall evidence grade and what it says (cause front matter)."""

    grade: Grade
    says: Text
    sources: Sources


@record
class Claim:
    """One thing the source article says, and what the evidence says about it."""

    id: Id
    article_says: Text
    evidence_says: Text
    grade: Grade
    sources: Sources


@record
class CauseFront:
    """A cause file's front matter."""

    id: Id
    title: Text
    short_title: Text
    order: Annotated[int, Ge(0), Le(99)]
    kind: CauseKind
    article_says: str | None = None
    summary: Text
    evidence: Evidence
    claims: tuple[Claim, ...] = ()
    objectives: tuple[Text, ...] = ()
    review_date: dt.date

    def __post_init__(self) -> None:
        if self.kind == "article" and not self.article_says:
            raise ValueError("a cause from the source article needs article_says")


@record
class TopicFront:
    """A topic file's front matter."""

    id: Id
    title: Text
    summary: Text
    sources: Sources
    claims: tuple[Claim, ...] = ()
    review_date: dt.date


@record
class Cause:
    """A cause (or look-alike) with its prose sections, keyed by section id (causes/*.md)."""

    front: CauseFront
    sections: dict[str, str]
    path: str

    @property
    def id(self) -> str:
        return self.front.id

    @property
    def title(self) -> str:
        return self.front.title


@record
class Topic:
    """A page's topic that is not a cause (topics/*.md)."""

    front: TopicFront
    body: str
    path: str

    @property
    def id(self) -> str:
        return self.front.id


# ---------------------------------------------------------------- pages, scenarios, quizzes, figures


@record
class Page:
    """One notebook page in the registry (pages.yaml)."""

    slug: Slug
    title: Text
    blurb: Text
    causes: tuple[Id, ...] = ()
    topics: tuple[Id, ...] = ()
    try_this: str | None = None  # a short classroom task done with the page's controls


@record
class Expectation:
    """What a set of answers must give: `python -m legcramps check` and the tests hold the engine to it."""

    id: Id
    answers: dict[str, Any]
    expected_tier: Tier
    #: The checklist item that must come first under "what to do now".
    expected_first_step: Id
    #: Checklist items that must not be anywhere on the card (a harmful or delaying step).
    must_not_include: tuple[Id, ...] = ()
    #: Checklist items that must be on the card.
    must_include: tuple[Id, ...] = ()
    expected_top_cause: Id | None = None


@record
class Scenario(Expectation):
    """A fictional person for class use: answers set by a link, and what the class should find."""

    title: Text
    story: Text
    questions: Annotated[tuple[Text, ...], MinLen(1)]
    teacher_notes: Text


@record
class ClinicalCase(Expectation):
    """A clinical test case: not shown to readers; it pins the whole card for one situation."""

    why: Text


@record
class QuizAnswer:
    """One answer of a quiz question, with its feedback (quizzes/*.yaml)."""

    text: Text
    correct: bool = False
    feedback: Text


@record
class QuizQuestion:
    """One quiz question (quizzes/*.yaml)."""

    id: Id
    question: Text
    answers: Annotated[tuple[QuizAnswer, ...], MinLen(2), MaxLen(6)]
    sources: Sources

    def __post_init__(self) -> None:
        right = sum(a.correct for a in self.answers)
        if right != 1:
            raise ValueError(f"a question needs exactly one correct answer, found {right}")


@record
class QuizFile:
    """A page's quiz (quizzes/*.yaml)."""

    page: Slug
    questions: Annotated[tuple[QuizQuestion, ...], MinLen(1)]


@record
class FigureSpec:
    """Numbers and words for one cause page's teaching figure (figures.yaml)."""

    cause: Id
    kind: FigureKind
    title: Text
    caption: Text
    sources: Sources
    data: dict[str, Any]


# ---------------------------------------------------------------- whole files (unpacked by the loader)


@record
class SourcesFile:
    sources: Annotated[tuple[Source, ...], MinLen(1)]


@record
class GlossaryFile:
    terms: Annotated[tuple[GlossaryTerm, ...], MinLen(1)]


@record
class FactorsFile:
    groups: Annotated[tuple[FactorGroup, ...], MinLen(1)]
    factors: Annotated[tuple[Factor, ...], MinLen(20)]


@record
class RulesFile:
    rules: Annotated[tuple[Rule, ...], MinLen(1)]


@record
class RedFlagsFile:
    flags: Annotated[tuple[RedFlag, ...], MinLen(1)]


@record
class ChecklistFile:
    items: Annotated[tuple[ChecklistItem, ...], MinLen(1)]


@record
class PagesFile:
    pages: Annotated[tuple[Page, ...], MinLen(1)]


@record
class FiguresFile:
    figures: tuple[FigureSpec, ...] = ()


@record
class ScenariosFile:
    """Top-level keys that start with `x-` hold YAML anchors shared by the cases; the reader drops them."""

    scenarios: Annotated[tuple[Scenario, ...], MinLen(1)]
    #: Answers that point only to harmless causes. Every case is also checked with these underneath, so
    #: many reassuring answers can never talk a warning sign down.
    reassuring_answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    clinical: tuple[ClinicalCase, ...] = ()
