"""A deck per page (`make slides` → `NN-slug.slides.html`): the page's key points as slides, in the lesson
deck's style, for a teacher who spends a lesson on one cause. The page itself stays the reading.

Made from the fields written to be short (a cause's `summary`, its grade, its `key_points`, the quiz),
never from the long sections, which go to the speaker notes. One idea a slide: where a text or a list
holds more than `SLIDE_WORDS` words it goes on to a second slide, split between sentences or list items,
never cut; a cause's summary is never split (its sentences belong together) and must fit. "When to get
help" comes per level of care, most pressing first, as the one-page summary groups it
(`render.summary.help_points`), each slide headed by the level's own label ("call 999 …"); for help today
or now, where to go comes first, on a slide of its own.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from legcramps.markup import esc, inline, markdown
from legcramps.render.deck import Slide, quiz_slide_parts, sources_line
from legcramps.render.evidence import TIER_ICON, evidence_badge
from legcramps.render.summary import help_points
from legcramps.schema import HELP_TIERS, SLIDE_WORDS

if TYPE_CHECKING:
    from legcramps.content import Content

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(\[])")


def visible_words(html: str) -> int:
    """Words a class reads in a slide's HTML (option letters are labels, not words; an inline tag such as a
    glossary term's `<dfn>` splits no word, so "<dfn>cramps</dfn>?" is one)."""
    html = re.sub(r'<span class="lc-deck-letter">.*?</span>', " ", html)
    html = re.sub(r"</?(dfn|strong|em|a|span|code)\b[^>]*>", "", html)
    return len(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def packed(items: list[str], render: Callable[[list[str]], str]) -> list[str]:
    """`items` rendered in as few slide bodies as keep each within `SLIDE_WORDS` words, in order; an item
    longer than that on its own gets a body of its own (the check on the built deck then reports it)."""
    bodies: list[str] = []
    group: list[str] = []
    for item in items:
        if group and visible_words(render([*group, item])) > SLIDE_WORDS:
            bodies.append(render(group))
            group = []
        group.append(item)
    if group:
        bodies.append(render(group))
    return bodies


def _numbered(heading: str, index: int, total: int) -> str:
    return heading if total == 1 else f"{heading} ({index + 1}/{total})"


def _cause_slides(cause_id: str, content: Content) -> list[Slide]:
    cause = content.causes[cause_id]
    front = cause.front
    title = inline(front.short_title, content)
    slides = []
    # the summary is never split: its sentences belong together ("… keep taking it. Ask the prescriber.")
    slides.append(Slide(f"{cause_id}-what", f"<h2>{title}</h2><p>{inline(front.summary, content)}</p>",
                        markdown(cause.sections["body"], content)))
    grade = content.grade(front.evidence.grade)
    slides.append(Slide(
        f"{cause_id}-evidence",
        f"<h2>{title}: {esc(content.sheets.summary.evidence)}</h2>"
        f"<p>{evidence_badge(front.evidence.grade, content)}</p><p>{esc(grade.meaning)}</p>"
        + sources_line(front.evidence.sources, content),
        f"<p>{inline(front.evidence.says, content)}</p>"))
    helps = packed(list(front.key_points.helps),
                   lambda group: "<ul>" + "".join(f"<li>{inline(t, content)}</li>" for t in group) + "</ul>")
    heading = esc(content.section_heading("helps"))
    for i, body in enumerate(helps):
        slides.append(Slide(f"{cause_id}-helps", f"<h2>{title}: {_numbered(heading, i, len(helps))}</h2>{body}",
                            markdown(cause.sections["helps"], content)))
    return slides


def _help_slides(slug: str, content: Content) -> list[Slide]:
    """Per level of care, most pressing first: the level as the heading, its signs, its advice in the notes."""
    slides = []
    for tier, texts in help_points(slug, content):
        heading = f'<span class="lc-deck-icon" aria-hidden="true">{TIER_ICON[tier.id]}</span>{esc(tier.label)}'
        tier_h2 = f'<h2 class="lc-deck-tier lc-tier-{esc(tier.id)}">'
        if tier.id in HELP_TIERS:  # where to go comes first, on a slide of its own
            slides.append(Slide(f"help-{tier.id}-where", f"{tier_h2}{heading}</h2>"
                                f'<p class="lc-deck-where">{inline(tier.what_to_do, content)}</p>'
                                + sources_line(tier.sources, content),
                                f"<p>{inline(tier.what_to_do, content)}</p>"))
        bodies = packed(texts, lambda group: "<ul>" + "".join(f"<li>{inline(t, content)}</li>" for t in group)
                        + "</ul>")
        for i, body in enumerate(bodies):
            slides.append(Slide(f"help-{tier.id}", f"{tier_h2}{_numbered(heading, i, len(bodies))}</h2>{body}"
                                + sources_line(tier.sources, content),
                                f"<p>{inline(tier.what_to_do, content)}</p>"))
    return slides


def _quiz_slides(slug: str, content: Content) -> list[Slide]:
    """A slide for each of the page's quiz questions, in the quiz's order (a page without a quiz has none).

    None is left out: `check` holds a question and its options to `SLIDE_WORDS` words
    (`content.crosscheck.check_pages`), and a longer one from unchecked content still gets its slide, so a
    teacher's deck never quietly skips a question the page and the answer key have."""
    quiz = content.quizzes.get(slug)
    if quiz is None:
        return []
    heading = f"<h2>{esc(content.sheets.deck.quiz_heading)}</h2>"
    slides = []
    for question in quiz.questions:
        body, feedback = quiz_slide_parts(slug, question, content)
        slides.append(Slide(f"quiz-{question.id}", heading + body + sources_line(question.sources, content),
                            feedback))
    return slides


def page_slides(slug: str, content: Content) -> list[Slide]:
    """A page's deck: its title and blurb, each topic's and cause's key points, when to get help, the quiz."""
    page = content.page(slug)
    objectives = [o for cid in page.causes for o in content.causes[cid].front.objectives]
    notes = "<ul>" + "".join(f"<li>{inline(o, content)}</li>" for o in objectives) + "</ul>"
    if page.try_this:
        notes += f"<p>{inline(page.try_this, content)}</p>"
    slides = [Slide("title", f"<h1>{esc(page.title)}</h1><p>{esc(page.blurb)}</p>", notes, title_slide=True)]
    for topic_id in page.topics:
        topic = content.topics[topic_id]
        bodies = packed(_SENTENCE_END.split(topic.front.summary),
                        lambda group: f"<p>{inline(' '.join(group), content)}</p>")
        for i, body in enumerate(bodies):
            slides.append(Slide(f"{topic_id}-what", f"<h2>{_numbered(esc(topic.front.title), i, len(bodies))}</h2>"
                                f"{body}", markdown(topic.body, content)))
    for cause_id in page.causes:
        slides += _cause_slides(cause_id, content)
    return slides + _help_slides(slug, content) + _quiz_slides(slug, content)
