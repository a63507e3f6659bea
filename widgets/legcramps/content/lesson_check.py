"""Checks of the lesson (lesson.yaml) against the rest of the content: a deck a teacher can run as it is.

A slide that runs off the screen, a quiz slide naming a question that was renamed, or timings that add up
to 52 minutes of a 45-minute lesson are found by `python -m legcramps check`, with the file, line and
field, not in front of a class.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from legcramps.schema import SLIDE_WORDS
from legcramps.schema.fields import word_count

if TYPE_CHECKING:
    from legcramps.content.problems import Reporter
    from legcramps.schema import LessonFile, LessonSlide, QuizFile, QuizQuestion, Scenario, SiteFile, Source

FILE = "content/lesson.yaml"


words = word_count  # a glossary mark counts as the words it shows (the schema's own count)


def quiz_question(slide: LessonSlide, quizzes: Mapping[str, QuizFile]) -> QuizQuestion | None:
    """The question a quiz slide shows, or None when its page or question does not exist."""
    if slide.quiz is None or slide.quiz.page not in quizzes:
        return None
    return next((q for q in quizzes[slide.quiz.page].questions if q.id == slide.quiz.question), None)


def shown_texts(slide: LessonSlide, site: SiteFile | None, quizzes: Mapping[str, QuizFile],
                scenarios: Sequence[Scenario]) -> Iterator[str]:
    """Every text the slide's body shows (its heading aside), its own and what `show` adds; the deck renders
    the same ones (legcramps.render.deck), and its test counts the words of the built slide."""
    yield from slide.body
    if slide.show == "grades" and site is not None:
        yield from (g.label for g in site.grades)
    elif slide.show == "tiers" and site is not None:
        yield from (t.label for t in site.tiers)
    elif slide.show == "scenarios":
        yield from (s.title for s in scenarios)
    elif slide.show == "quiz":
        question = quiz_question(slide, quizzes)
        if question is not None:
            yield question.question
            yield from (a.text for a in question.answers)


def check_lesson(out: Reporter, lesson: LessonFile | None, site: SiteFile | None, quizzes: Mapping[str, QuizFile],
                 scenarios: Sequence[Scenario], sources: Mapping[str, Source]) -> None:
    """Timings add up, quiz slides name real questions, every slide fits the screen and cites real sources."""
    if lesson is None:
        return
    total = sum(s.minutes for s in lesson.slides)
    if total != lesson.minutes:
        out.problem(FILE, "slides[].minutes", f"the slides' minutes add up to {total}, not the lesson's "
                    f"{lesson.minutes}", path=("minutes",))
    out.duplicates(((s.id, f"slides[{i}].id") for i, s in enumerate(lesson.slides)), FILE, "slide")
    for i, slide in enumerate(lesson.slides):
        where = f"slides[{i}] ({slide.id})"
        if (slide.show == "quiz") != (slide.quiz is not None):
            out.problem(FILE, f"{where}.quiz", "a slide has `quiz: {page, question}` exactly when it has "
                        "`show: quiz`", path=("slides", i))
        elif slide.quiz is not None and quiz_question(slide, quizzes) is None:
            known = [q.id for q in quizzes[slide.quiz.page].questions] if slide.quiz.page in quizzes else []
            out.unknown(FILE, f"{where}.quiz", f"question of quizzes/{slide.quiz.page}.yaml",
                        slide.quiz.question, known, ("slides", i, "quiz"))
        if slide.show == "text" and not slide.body:
            out.problem(FILE, f"{where}.body", "a slide with nothing to show: give it a body or a `show`",
                        path=("slides", i))
        count = sum(words(t) for t in shown_texts(slide, site, quizzes, scenarios))
        if count > SLIDE_WORDS:
            out.problem(FILE, f"{where}.body", f"shows {count} words; a slide holds at most {SLIDE_WORDS} "
                        "(one idea a slide: move the rest to the notes)", path=("slides", i, "body"))
        out.need(FILE, f"{where}.sources", "source id", slide.sources, sources, ("slides", i, "sources"))
