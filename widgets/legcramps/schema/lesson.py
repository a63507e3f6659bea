"""The classroom lesson (lesson.yaml): its slides, speaker notes and timings.

One file feeds the lesson deck (`legcramps.slides`) and the lesson plan in the teacher guide, so the
slides, the timings and the notes a teacher reads never disagree. What a slide shows beyond its own words
(the evidence labels, the levels of care, the scenario cards, a quiz question) is made from the rest of
the content, so a slide always matches the pages.
"""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Ge, Le, MaxLen, MinLen

from legcramps.schema.fields import Id, Slug, SourceId, Text, record

#: What a slide adds after its own words: nothing, the evidence labels, the levels of care, the scenario
#: cards, or one quiz question with its answer shown on the next click.
SlideShow = Literal["text", "grades", "tiers", "scenarios", "quiz"]

#: Words of body text a slide may hold (its heading aside): one idea a slide, readable from the back.
SLIDE_WORDS = 40


@record
class QuizRef:
    """One question of a page's quiz (quizzes/<page>.yaml), by the page and the question's id."""

    page: Slug
    question: Id


@record
class LessonSlide:
    """One slide: what the class sees (heading, body, `show`) and what the teacher reads (notes)."""

    id: Id
    heading: Text
    notes: Text
    minutes: Annotated[int, Ge(0), Le(45)]
    #: What the class does while the slide is up (a line of the lesson plan in the teacher guide).
    activity: Text
    body: tuple[Text, ...] = ()
    show: SlideShow = "text"
    quiz: QuizRef | None = None
    #: For any fact the slide states itself (a quiz question carries its own).
    sources: tuple[SourceId, ...] = ()


@record
class LessonFile:
    title: Text
    audience: Text
    minutes: Annotated[int, Ge(10), Le(120)]
    slides: Annotated[tuple[LessonSlide, ...], MinLen(10), MaxLen(14)]
