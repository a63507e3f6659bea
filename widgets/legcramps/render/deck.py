"""Slides as HTML: the lesson deck (lesson.yaml) for reveal.js, one `<section>` a slide, notes beside it.

Pure functions of the content, like every other render module: the slide words, what `show` adds (the
evidence labels, the levels of care, the scenario cards, a quiz question) and the speaker notes all come
from `content/`, rendered with the same inline renderer and sanitiser as the pages. `legcramps.slides`
writes the files and copies reveal.js next to them; nothing here names a URL to fetch.

Why a deck of its own and not the notebooks exported as slides: a notebook page is a document (one
heading held 900 words), a slide holds one idea that is read from the back of a room.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from legcramps.content.lesson_check import quiz_question
from legcramps.content.quiz_order import letter, shown_answers
from legcramps.markup import esc, inline
from legcramps.render.evidence import TIER_ICON, sources_links
from legcramps.render.quiz import option_label
from legcramps.render.text import words

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.schema import LessonSlide, QuizQuestion


#: The right option of a quiz slide: a reveal.js fragment, so the presenter's next click marks it.
RIGHT_OPTION = ' class="fragment lc-deck-right"'


@dataclasses.dataclass(frozen=True)
class Slide:
    """One slide: its id, what the class sees (HTML inside `<section>`) and the teacher's notes (HTML)."""

    id: str
    body: str
    notes: str
    title_slide: bool = False


def body_lines(lines: tuple[str, ...], content: Content) -> str:
    """One line a paragraph; three or more short lines read better as a list."""
    if len(lines) >= 3:
        return "<ul>" + "".join(f"<li>{inline(line, content)}</li>" for line in lines) + "</ul>"
    return "".join(f"<p>{inline(line, content)}</p>" for line in lines)


def _grades(content: Content) -> str:
    items = "".join(f'<li><span class="lc-badge lc-grade-{esc(g.id)}">{esc(g.label)}</span></li>'
                    for g in content.site.grades)
    return f'<ul class="lc-deck-grades">{items}</ul>'


def _tiers(content: Content) -> str:
    """Most pressing first: on a health slide "call 999" is never below "look after it yourself"."""
    items = "".join(f'<li class="lc-tier-{esc(t.id)}"><span class="lc-deck-icon" aria-hidden="true">'
                    f"{TIER_ICON[t.id]}</span>{esc(t.label)}</li>" for t in reversed(content.site.tiers))
    return f'<ul class="lc-deck-tiers">{items}</ul>'


def _cards(content: Content) -> str:
    items = "".join(f"<li>{esc(s.title)}</li>" for s in content.scenarios)
    return f'<ul class="lc-deck-cards">{items}</ul>'


def quiz_slide_parts(slug: str, question: QuizQuestion, content: Content) -> tuple[str, str]:
    """A quiz question with its options lettered as the page's quiz shows them, the answer as the next click
    (a reveal.js fragment), and every option's feedback for the notes."""
    shown = shown_answers(content.quizzes[slug], question)
    # the right option is marked where it stands, on the next click (a reveal.js fragment that is always
    # visible and only changes its look): a tick and a green frame, so colour is never the only sign
    options = "".join(
        f'<li{RIGHT_OPTION if a.correct else ""}><span class="lc-deck-letter">{letter(i)}.</span> '
        f'<span>{esc(option_label(a))}</span>'
        + ('<span class="lc-deck-tick" aria-hidden="true">✓</span>' if a.correct else "") + "</li>"
        for i, a in enumerate(shown))
    body = (f'<p class="lc-deck-question">{inline(question.question, content)}</p>'
            f'<ol class="lc-deck-options">{options}</ol>')
    feedback = "".join(f"<li>{letter(i)}: {inline(a.feedback, content)}</li>" for i, a in enumerate(shown))
    return body, f"<ul>{feedback}</ul>"


def _quiz(slide: LessonSlide, content: Content) -> tuple[str, str]:
    question = quiz_question(slide, content.quizzes)
    if question is None:  # the loader rejects this; a deck built from unchecked content still builds
        return "", ""
    return quiz_slide_parts(slide.quiz.page, question, content)


def sources_line(ids: tuple[str, ...], content: Content) -> str:
    if not ids:
        return ""
    return f'<p class="lc-deck-sources">{esc(content.words.evidence.sources)} {sources_links(ids, content)}</p>'


def lesson_slide(slide: LessonSlide, content: Content, first: bool = False) -> Slide:
    """One slide of the lesson: heading, body, what `show` adds, its sources; notes with the quiz feedback."""
    lesson = content.lesson
    heading = (f"<h1>{inline(slide.heading, content)}</h1>" if first else f"<h2>{inline(slide.heading, content)}</h2>")
    parts = [heading, body_lines(slide.body, content)]
    notes = [f"<p>{inline(slide.notes, content)}</p>"]
    if slide.show == "grades":
        parts.append(_grades(content))
    elif slide.show == "tiers":
        parts.append(_tiers(content))
    elif slide.show == "scenarios":
        parts.append(_cards(content))
    elif slide.show == "quiz":
        body, feedback = _quiz(slide, content)
        parts.append(body)
        notes.append(feedback)
        question = quiz_question(slide, content.quizzes)
        sources = question.sources if question else ()
        parts.append(sources_line(tuple(dict.fromkeys((*slide.sources, *sources))), content))
    if slide.show != "quiz":
        parts.append(sources_line(slide.sources, content))
    if first and lesson is not None:
        parts.append(f'<p class="lc-deck-audience">{inline(lesson.audience, content)}</p>')
    minutes = content.words.lesson.minutes.format(minutes=slide.minutes)
    notes.append(f"<p>{esc(minutes)} {inline(slide.activity, content)}</p>")
    return Slide(slide.id, "".join(parts), "".join(notes), title_slide=first)


def lesson_slides(content: Content) -> list[Slide]:
    """The lesson deck's slides, in order (none when the content has no lesson)."""
    if content.lesson is None:
        return []
    return [lesson_slide(s, content, first=(i == 0)) for i, s in enumerate(content.lesson.slides)]


def lesson_title(content: Content) -> str:
    """The lesson deck's title as the browser tab shows it (plain words)."""
    return words(content.lesson.title, content) if content.lesson else content.site.title


def deck(title: str, slides: list[Slide], lib: str, css: str, lang: str = "en") -> str:
    """A whole reveal.js deck: `lib` is the folder (relative to the deck) holding reveal.js's dist/ and
    plugin/ (copied there by legcramps.slides), so the deck works from a USB stick with the network off."""
    title_class = ' class="lc-deck-title"'
    sections = "\n".join(
        f'<section data-slide="{esc(s.id)}"{title_class if s.title_slide else ""}>{s.body}'
        f'<aside class="notes">{s.notes}</aside></section>' for s in slides)
    return f"""<!doctype html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{esc(lib)}/dist/reset.css">
<link rel="stylesheet" href="{esc(lib)}/dist/reveal.css">
<style>
{css}
</style>
</head>
<body>
<div class="reveal"><div class="slides">
{sections}
</div></div>
<script src="{esc(lib)}/dist/reveal.js"></script>
<script src="{esc(lib)}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({{hash: true, slideNumber: "c/t", width: 1280, height: 720, margin: 0.04, center: false,
  transition: "none", plugins: [RevealNotes]}});
</script>
</body>
</html>
"""


def lesson_plan(content: Content) -> str:
    """The lesson plan as a Markdown table (time, slide, what the class does), for the teacher guide:
    `make notebooks` writes it there from lesson.yaml, so the guide's timings are the deck's."""
    if content.lesson is None:
        return ""
    plan = content.words.lesson
    rows = [f"| {plan.plan_time} | {plan.plan_slide} | {plan.plan_activity} |", "|---|---|---|"]
    start = 0
    for number, slide in enumerate(content.lesson.slides, 1):
        end = start + slide.minutes
        rows.append(f"| {plan.plan_minutes.format(start=start, end=end)} | {number}. {words(slide.heading, content)} | "
                    f"{words(slide.activity, content)} |")
        start = end
    return "\n".join(rows)
