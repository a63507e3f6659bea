"""The one walk over every text in the content, with where it lives and how the pages show it.

Why one walker: checking glossary marks, pre-rendering Markdown for the snapshot and any later per-text
check (reading level, a second language's completeness) must all see the *same* texts. Adding a text
field to the schema means adding one line here, and every one of those checks covers it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from legcramps.schema import (
        Cause,
        ChecklistItem,
        Factor,
        LessonFile,
        Page,
        QuizFile,
        RedFlag,
        Rule,
        SiteFile,
        Topic,
    )

#: How a page shows a text: a block of Markdown (paragraphs, lists), one sentence of Markdown, or plain
#: text (control help, quiz options: escaped, never rendered).
Render = Literal["block", "inline", "plain"]


@dataclasses.dataclass(frozen=True)
class Passage:
    """One text of the content: the file and field it comes from, the text, and how pages render it."""

    file: str
    field: str
    text: str
    render: Render


def passages(site: SiteFile | None, factors: Iterable[Factor], rules: Iterable[Rule], flags: Iterable[RedFlag],
             checklist: Iterable[ChecklistItem], causes: Iterable[Cause], topics: Iterable[Topic],
             pages: Iterable[Page], quizzes: Mapping[str, QuizFile], lesson: LessonFile | None = None
             ) -> Iterator[Passage]:
    """Every text, in file order. Takes the parts rather than a `Content`, so the loader can walk them while
    it is still collecting problems (a part that failed to load is simply empty)."""
    if site is not None:
        file = "content/site.yaml"
        for name in ("no_match", "no_match_with_warning", "no_warning_signs"):
            yield Passage(file, name, getattr(site, name), "inline")
        for name in ("pick", "no_warning_signs"):
            yield Passage(file, f"class_mode.{name}", getattr(site.class_mode, name), "inline")
        for t in site.tiers:
            yield Passage(file, f"tiers.{t.id}.what_to_do", t.what_to_do, "inline")
            yield Passage(file, f"tiers.{t.id}.class_what_to_do", t.class_what_to_do, "inline")
    for f in factors:
        yield Passage("content/factors.yaml", f"factors.{f.id}.help", f.help, "plain")
    for r in rules:
        yield Passage("content/rules.yaml", f"rules.{r.id}.because", r.because, "inline")
    for fl in flags:
        yield Passage("content/red_flags.yaml", f"flags.{fl.id}.reason", fl.reason, "inline")
    for c in checklist:
        yield Passage("content/checklist.yaml", f"items.{c.id}.text", c.text, "inline")
    for cause in causes:
        f = cause.front
        yield Passage(cause.path, "summary", f.summary, "inline")
        yield Passage(cause.path, "evidence.says", f.evidence.says, "inline")
        if f.article_says:
            yield Passage(cause.path, "article_says", f.article_says, "inline")
        for i, objective in enumerate(f.objectives):
            yield Passage(cause.path, f"objectives[{i}]", objective, "inline")
        for i, point in enumerate(f.key_points.helps):
            yield Passage(cause.path, f"key_points.helps[{i}]", point, "inline")
        for i, help_point in enumerate(f.key_points.get_help):
            yield Passage(cause.path, f"key_points.get_help[{i}].text", help_point.text, "inline")
        for claim in f.claims:
            yield Passage(cause.path, f"claims.{claim.id}.article_says", claim.article_says, "inline")
            yield Passage(cause.path, f"claims.{claim.id}.evidence_says", claim.evidence_says, "inline")
        for section_id, body in cause.sections.items():
            yield Passage(cause.path, f"## {section_id}", body, "block")
    for topic in topics:
        yield Passage(topic.path, "summary", topic.front.summary, "inline")
        yield Passage(topic.path, "body", topic.body, "block")
        for claim in topic.front.claims:
            yield Passage(topic.path, f"claims.{claim.id}.article_says", claim.article_says, "inline")
            yield Passage(topic.path, f"claims.{claim.id}.evidence_says", claim.evidence_says, "inline")
    for page in pages:
        if page.try_this:
            yield Passage("content/pages.yaml", f"pages.{page.slug}.try_this", page.try_this, "inline")
    for slug, quiz in quizzes.items():
        file = f"content/quizzes/{slug}.yaml"
        for q in quiz.questions:
            yield Passage(file, f"questions.{q.id}.question", q.question, "inline")
            for i, a in enumerate(q.answers):
                yield Passage(file, f"questions.{q.id}.answers[{i}].text", a.text, "plain")
                yield Passage(file, f"questions.{q.id}.answers[{i}].feedback", a.feedback, "inline")
    if lesson is not None:
        file = "content/lesson.yaml"
        yield Passage(file, "title", lesson.title, "inline")
        for slide in lesson.slides:
            yield Passage(file, f"slides.{slide.id}.heading", slide.heading, "inline")
            for i, line in enumerate(slide.body):
                yield Passage(file, f"slides.{slide.id}.body[{i}]", line, "inline")
            yield Passage(file, f"slides.{slide.id}.notes", slide.notes, "inline")
            yield Passage(file, f"slides.{slide.id}.activity", slide.activity, "inline")
