"""What the pages show: causes and topics (Markdown + front matter), the page registry, quizzes, figures."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from annotated_types import Ge, Le, MaxLen, MinLen

from legcramps.schema.fields import (
    TIER_ORDER,
    After,
    CauseKind,
    FigureKind,
    Grade,
    Id,
    KeyPoint,
    Phrase,
    Slug,
    Sources,
    Summary,
    Text,
    Tier,
    record,
)

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
class HelpPoint:
    """One sign in a cause's short "when to get help" list, with the care tier it calls for. The tier, not
    the words, says where to go: the summary shows the tier's label and advice from site.yaml, so a key
    point can never send a reader somewhere the care card would not."""

    tier: Tier
    text: KeyPoint


def _most_urgent_first(points: tuple[HelpPoint, ...]) -> tuple[HelpPoint, ...]:
    """A reader who stops after the first line must have read the most pressing one."""
    ranks = [TIER_ORDER.index(p.tier) for p in points]
    if ranks != sorted(ranks, reverse=True):
        raise ValueError("put the most urgent sign first (emergency, then urgent, then see_gp, then self_care); "
                         f"got {[p.tier for p in points]}")
    return points


@record
class KeyPoints:
    """The few points of a cause that fit a one-page printed summary: what helps, and when to get help.

    Written from the cause file's own sections and sources (no new claims); the long sections stay the
    reading. 2 to 3 of each, so that the four causes of a page still fit one A4 sheet."""

    helps: Annotated[tuple[KeyPoint, ...], MinLen(2), MaxLen(3)]
    get_help: Annotated[tuple[HelpPoint, ...], MinLen(2), MaxLen(3), After(_most_urgent_first)]


@record
class CauseFront:
    """A cause file's front matter."""

    id: Id
    title: Text
    short_title: Text
    order: Annotated[int, Ge(0), Le(99)]
    kind: CauseKind
    article_says: Phrase | None = None
    summary: Summary
    evidence: Evidence
    key_points: KeyPoints
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
    try_this: Phrase | None = None  # a short classroom task done with the page's controls



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
    keep_order: bool = False  # the options are a scale (e.g. 1 in 100 ... 9 in 10): shown as written, never shuffled

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
    #: The figure's axis labels, and the label of each group or bar in the order of `data` (words: a
    #: language gives them; the numbers stay in `data`).
    x_label: Phrase | None = None
    y_label: Phrase | None = None
    labels: tuple[Phrase, ...] = ()
    data: dict[str, Any]
