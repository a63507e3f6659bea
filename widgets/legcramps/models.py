"""The shape of every content file, as pydantic models: what `content.load()` validates against.

Why a schema: the people who edit `content/` are writers and clinicians, not programmers. A typo in a
factor id or a missing evidence grade must be caught by `python -m legcramps check` with a message that
names the file and the field, not discovered by a reader of the dashboard.

Only the validating path of the loader imports this module (pydantic costs a kernel ~9 MiB). The loader
turns validated models into the pydantic-free records of `legcramps.records`, which carry the same
fields and, through the shared `*Methods` mixins, the same methods. All models are frozen: once loaded,
content is shared by every session of a Voilà server and must not change.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from legcramps.records import CauseKind, CauseMethods, FactorKind, FactorMethods, Grade, Section, Tier, TopicMethods

SNAKE = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=SNAKE, min_length=2, max_length=60)]
SourceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=2)]
Text = Annotated[str, Field(min_length=3)]


class Frozen(BaseModel):
    """Base for content models: unknown keys are errors (they are usually typos), values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------- sources, glossary, site text


class Source(Frozen):
    id: SourceId
    title: Text
    authors: str | None = None
    publisher: Text
    year: int = Field(ge=1900, le=2100)
    url: Annotated[str, Field(pattern=r"^https://")]
    last_checked: dt.date
    note: str | None = None


class SourcesFile(Frozen):
    sources: list[Source] = Field(min_length=1)


class GlossaryTerm(Frozen):
    term: Text
    aliases: list[str] = []
    definition: Text


class GlossaryFile(Frozen):
    terms: list[GlossaryTerm] = Field(min_length=1)


class GradeInfo(Frozen):
    id: Grade
    label: Text
    meaning: Text


class TierInfo(Frozen):
    id: Tier
    label: Text
    what_to_do: Text
    sources: list[SourceId] = Field(min_length=1)


class SiteFile(Frozen):
    """Words the app shows around the medical content: title, disclaimer, grade and tier explanations."""

    title: Text
    tagline: Text
    disclaimer: Text
    no_match: Text
    #: Shown instead of `no_match` on an urgent or emergency card, where "harmless" would mislead.
    no_match_with_warning: Text
    no_warning_signs: Text
    class_intro: Text = "Class mode: these are fictional people. Open a card to set its answers."
    #: The notice a page shows when its kernel is gone (legcramps.ui.session): lost, paused after
    #: {duration} without use, and the one button that reloads with the answers kept.
    page_lost: Text
    page_paused: Text
    page_reload: Text
    #: Words that reassure ("not a warning sign", "harmless"). A text holding one may not appear on an
    #: urgent or emergency card; `legcramps check` enforces it (legcramps.safety_checks).
    reassuring_words: list[Text] = []
    grades: list[GradeInfo] = Field(min_length=6, max_length=6)
    tiers: list[TierInfo] = Field(min_length=4, max_length=4)


# ---------------------------------------------------------------- factors


class FactorGroup(Frozen):
    id: Id
    label: Text
    help: str = ""


class ChoiceOption(Frozen):
    value: Id
    label: Text


class Factor(FactorMethods, Frozen):
    id: Id
    group: Id
    label: Text
    help: Text
    kind: FactorKind
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: list[ChoiceOption] | None = None
    default: bool | float | str

    @model_validator(mode="after")
    def _check_kind_fields(self) -> Factor:
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
        return self


class FactorsFile(Frozen):
    groups: list[FactorGroup] = Field(min_length=1)
    factors: list[Factor] = Field(min_length=20)


# ---------------------------------------------------------------- conditions (shared by rules and red flags)

#: A condition maps factor id -> expected value, or -> {operator: value} with operator one of
#: below, at_most, above, at_least (sliders), in, not_in (choices). All entries must hold. The loader checks
#: each entry against the factor's kind and range, so the schema only needs "a mapping".
Condition = dict[Annotated[str, Field(min_length=1)], Any]


def _as_condition_list(value: Any) -> Any:
    """`when` may be one mapping (all must hold) or a list of mappings (any one of them is enough)."""
    if isinstance(value, dict):
        return [value]
    return value


#: Every tier, the default scope of a rule: it may fire whatever the care card says.
ALL_TIERS: list[Tier] = ["self_care", "see_gp", "urgent", "emergency"]


def _unique_tiers(value: list[str]) -> list[str]:
    if len(set(value)) != len(value):
        raise ValueError(f"lists a tier twice: {value}")
    return value


class Rule(Frozen):
    id: Id
    cause: Id
    when: list[Condition] = Field(min_length=1)
    weight: float = Field(gt=0, le=1)
    because: Text
    checklist: list[Id] = []
    #: The care tiers at which this rule may fire. A reassuring reason ("this is common") is scoped to
    #: self_care and see_gp, so it never sits on an urgent or emergency card.
    tiers: list[Tier] = Field(default_factory=lambda: list(ALL_TIERS), min_length=1)

    _tiers_once = field_validator("tiers")(_unique_tiers)

    _split = field_validator("when", mode="before")(_as_condition_list)


class RulesFile(Frozen):
    rules: list[Rule] = Field(min_length=1)


class RedFlag(Frozen):
    id: Id
    tier: Tier
    when: list[Condition] = Field(min_length=1)
    reason: Text
    sources: list[SourceId] = Field(min_length=1)
    grade: Grade = "consensus"
    checklist: list[Id] = []

    _split = field_validator("when", mode="before")(_as_condition_list)


class RedFlagsFile(Frozen):
    flags: list[RedFlag] = Field(min_length=1)


class ChecklistItem(Frozen):
    """One step. `tiers` is required: a step that is safe on a self-care card (rub the muscle, walk about)
    can harm or delay on an urgent or emergency one, so every item says where it may appear.
    `help_for` marks the step that says where to get help at that tier; such steps come first."""

    id: Id
    section: Section
    text: Text
    grade: Grade
    sources: list[SourceId] = Field(min_length=1)
    always: bool = False
    tiers: list[Tier] = Field(min_length=1)
    help_for: Tier | None = None
    #: A step to do before anything else that is not a call for help (cool down in the heat): the care card
    #: shows it, right after any help_for steps.
    on_care_card: bool = False

    _tiers_once = field_validator("tiers")(_unique_tiers)

    @model_validator(mode="after")
    def _help_is_a_step_now(self) -> ChecklistItem:
        if self.on_care_card and self.section != "now":
            raise ValueError("an on_care_card step says what to do now: put it in section now")
        if self.help_for is not None:
            if self.section != "now":
                raise ValueError("a help_for step says what to do now: put it in section now")
            if self.help_for not in self.tiers:
                raise ValueError(f"help_for {self.help_for} must be one of its tiers {self.tiers}")
        return self


class ChecklistFile(Frozen):
    items: list[ChecklistItem] = Field(min_length=1)


# ---------------------------------------------------------------- causes and topics (Markdown + front matter)


class Evidence(Frozen):
    grade: Grade
    says: Text
    sources: list[SourceId] = Field(min_length=1)


class Claim(Frozen):
    """One thing the source article says, and what the evidence says about it."""

    id: Id
    article_says: Text
    evidence_says: Text
    grade: Grade
    sources: list[SourceId] = Field(min_length=1)


class CauseFront(Frozen):
    id: Id
    title: Text
    short_title: Text
    order: int = Field(ge=0, le=99)
    kind: CauseKind
    article_says: str | None = None
    summary: Text
    evidence: Evidence
    claims: list[Claim] = []
    objectives: list[Text] = []
    review_date: dt.date

    @model_validator(mode="after")
    def _article_causes_quote_the_article(self) -> CauseFront:
        if self.kind == "article" and not self.article_says:
            raise ValueError("a cause from the source article needs article_says")
        return self


class TopicFront(Frozen):
    id: Id
    title: Text
    summary: Text
    sources: list[SourceId] = Field(min_length=1)
    claims: list[Claim] = []
    review_date: dt.date


class Cause(CauseMethods, Frozen):
    """A cause (or look-alike) with its prose sections, keyed by heading."""

    front: CauseFront
    sections: dict[str, str]
    path: str


class Topic(TopicMethods, Frozen):
    front: TopicFront
    body: str
    path: str


# ---------------------------------------------------------------- pages (the one registry) and quizzes


class Page(Frozen):
    slug: Annotated[str, Field(pattern=r"^\d\d-[a-z0-9-]+$")]
    title: Text
    blurb: Text
    causes: list[Id] = []
    topics: list[Id] = []
    try_this: str | None = None  # a short classroom task done with the page's controls


class Expectation(Frozen):
    """What a set of answers must give: `python -m legcramps check` and the tests hold the engine to it."""

    id: Id
    answers: dict[str, Any]
    expected_tier: Tier
    #: The checklist item that must come first under "what to do now".
    expected_first_step: Id
    #: Checklist items that must not be anywhere on the card (a harmful or delaying step).
    must_not_include: list[Id] = []
    #: Checklist items that must be on the card.
    must_include: list[Id] = []
    expected_top_cause: Id | None = None


class Scenario(Expectation):
    """A fictional person for class use: answers set by a link, and what the class should find."""

    title: Text
    story: Text
    questions: list[Text] = Field(min_length=1)
    teacher_notes: Text


class ClinicalCase(Expectation):
    """A clinical test case: not shown to readers; it pins the whole card for one situation."""

    why: Text


class ScenariosFile(Frozen):
    """Keys that start with `x-` hold YAML anchors shared by the cases (lists of steps) and are ignored."""

    scenarios: list[Scenario] = Field(min_length=1)
    #: Answers that point only to harmless causes. Every case is also checked with these underneath, so
    #: many reassuring answers can never talk a warning sign down.
    reassuring_answers: dict[str, Any] = {}
    clinical: list[ClinicalCase] = []

    @model_validator(mode="before")
    @classmethod
    def _drop_anchor_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data


class PagesFile(Frozen):
    pages: list[Page] = Field(min_length=1)


class QuizAnswer(Frozen):
    text: Text
    correct: bool = False
    feedback: Text


class QuizQuestion(Frozen):
    id: Id
    question: Text
    answers: list[QuizAnswer] = Field(min_length=2, max_length=6)
    sources: list[SourceId] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_correct(self) -> QuizQuestion:
        right = sum(a.correct for a in self.answers)
        if right != 1:
            raise ValueError(f"a question needs exactly one correct answer, found {right}")
        return self


class QuizFile(Frozen):
    page: Annotated[str, Field(pattern=r"^\d\d-[a-z0-9-]+$")]
    questions: list[QuizQuestion] = Field(min_length=1)


class FigureSpec(Frozen):
    """Numbers and words for one cause page's teaching figure (content/figures.yaml)."""

    cause: Id
    kind: Literal["calf_length", "fluid_band", "by_age", "ratios"]
    title: Text
    caption: Text
    sources: list[SourceId] = Field(min_length=1)
    data: dict[str, Any]


class FiguresFile(Frozen):
    figures: list[FigureSpec] = []

