"""The lesson deck (`make slides`): slides a teacher can run as they are, made from content/ only.

Counted on the built HTML, as a class would see it, not on the YAML: what `show` adds (labels, levels of
care, cards, a quiz question) is part of the slide.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from legcramps.content import ContentError, load
from legcramps.content.quiz_order import letter, shown_answers
from legcramps.markup import unmark
from legcramps.schema import SLIDE_WORDS
from legcramps.slides import lesson_deck, page_deck
from tests.unit.classroom.page_text import squash, visible_text

SECTION = re.compile(r"<section\b([^>]*)>(.*?)</section>", re.S)


def slides(deck: str) -> list[tuple[str, str, str]]:
    """(slide id, what the class sees, the speaker notes) for each slide, as plain text."""
    out = []
    for attrs, inner in SECTION.findall(deck):
        slide_id = re.search(r'data-slide="([^"]+)"', attrs).group(1)
        notes = re.search(r'<aside class="notes">(.*?)</aside>', inner, re.S)
        shown = re.sub(r'<aside class="notes">.*?</aside>', "", inner, flags=re.S)
        out.append((slide_id, shown, squash(visible_text(notes.group(1))) if notes else ""))
    return out


def body_words(shown: str) -> int:
    """Words of body text: the heading, the small sources line and the option letters (labels) are not body."""
    shown = re.sub(r"<h[12][^>]*>.*?</h[12]>", "", shown, flags=re.S)
    shown = re.sub(r'<p class="lc-deck-(sources|audience)">.*?</p>', "", shown, flags=re.S)
    shown = re.sub(r'<span class="lc-deck-tick"[^>]*>.*?</span>', "", shown, flags=re.S)  # a mark, not a word
    shown = re.sub(r'<span class="lc-deck-letter">.*?</span>', "", shown, flags=re.S)
    return len(squash(visible_text(shown)).split())


@pytest.fixture(scope="module")
def deck(content) -> str:
    return lesson_deck(content)


def test_the_lesson_is_ten_to_fourteen_slides_of_one_idea_each(deck):
    found = slides(deck)
    assert 10 <= len(found) <= 14
    for slide_id, shown, _ in found:
        assert re.search(r"<h[12]>", shown), f"{slide_id}: no heading"
        assert 0 < body_words(shown) <= SLIDE_WORDS, (slide_id, body_words(shown))


def test_every_slide_has_speaker_notes_with_its_minutes(deck, content):
    for (slide_id, _, notes), slide in zip(slides(deck), content.lesson.slides, strict=True):
        assert len(notes.split()) >= 15, f"{slide_id}: the teacher has nothing to say"
        assert f"{slide.minutes} min." in notes, slide_id


def test_the_slides_add_up_to_the_lesson(content):
    assert sum(s.minutes for s in content.lesson.slides) == content.lesson.minutes == 45


def test_the_deck_fetches_nothing_from_anywhere(deck):
    """Works from a USB stick with the network off: every stylesheet and script is a file beside it.
    Only links a reader may follow (the sources) point out."""
    for tag, url in re.findall(r"<(link|script|img|iframe|source|video|audio)\b[^>]*?(?:href|src)=\"([^\"]*)\"", deck):
        assert not re.match(r"^([a-z]+:)?//", url) and not url.startswith(("http:", "https:")), (tag, url)
        assert url.startswith("lib/reveal.js/"), (tag, url)
    styles = " ".join(re.findall(r"<style>(.*?)</style>", deck, re.S))
    assert "@import" not in styles and "url(" not in styles


def test_no_markup_is_left_for_the_class_to_see(deck):
    text = visible_text(deck)
    for mark in ("[[", "]]", "**", "&lt;", "&gt;"):
        assert mark not in text, mark


def test_a_quiz_slide_letters_the_options_as_the_page_does_and_reveals_the_answer_on_click(deck, content):
    quiz_slides = [s for s in content.lesson.slides if s.show == "quiz"]
    assert quiz_slides
    shown_by_id = {sid: shown for sid, shown, _ in slides(deck)}
    for slide in quiz_slides:
        quiz = content.quizzes[slide.quiz.page]
        question = next(q for q in quiz.questions if q.id == slide.quiz.question)
        answers = shown_answers(quiz, question)
        shown = squash(visible_text(shown_by_id[slide.id]))
        options = [squash(f"{letter(i)}. {unmark(a.text)}") for i, a in enumerate(answers)]
        positions = [shown.index(o) for o in options]
        assert positions == sorted(positions), slide.id
        right = next(i for i, a in enumerate(answers) if a.correct)
        marked = re.findall(r'<li class="fragment lc-deck-right">(.*?)</li>', shown_by_id[slide.id], re.S)
        assert len(marked) == 1, f"{slide.id}: the right option is not the one marked on the next click"
        assert squash(visible_text(re.sub(r'<span class="lc-deck-tick".*?</span>', "", marked[0]))) == options[right]


def test_the_levels_of_care_slide_puts_999_first(deck, content):
    shown = next(s for sid, s, _ in slides(deck) if sid == next(x.id for x in content.lesson.slides
                                                                    if x.show == "tiers"))
    text = squash(visible_text(shown))
    labels = [t.label for t in reversed(content.site.tiers)]
    assert [text.index(label) for label in labels] == sorted(text.index(label) for label in labels)
    assert "999" in labels[0]


def test_the_scenario_slide_lists_every_class_card(deck, content):
    text = squash(visible_text(deck))
    for scenario in content.scenarios:
        assert scenario.title in text


def test_each_page_deck_has_a_slide_for_every_quiz_question_lettered_as_on_the_page(content):
    """A teacher who spends a lesson on one page gets the whole quiz, none left out, each on one slide."""
    for page in content.pages:
        found = slides(page_deck(page.slug, content))
        quiz = content.quizzes.get(page.slug)
        questions = quiz.questions if quiz else ()
        assert [sid for sid, _, _ in found if sid.startswith("quiz-")] == [f"quiz-{q.id}" for q in questions], \
            page.slug
        shown_by_id = {sid: (shown, notes) for sid, shown, notes in found}
        for question in questions:
            shown, notes = shown_by_id[f"quiz-{question.id}"]
            assert 0 < body_words(shown) <= SLIDE_WORDS, (page.slug, question.id, body_words(shown))
            text = squash(visible_text(shown))
            options = [squash(f"{letter(i)}. {unmark(a.text)}") for i, a in enumerate(shown_answers(quiz, question))]
            assert [text.index(o) for o in options] == sorted(text.index(o) for o in options), question.id
            assert notes.count("Right.") == 1, (page.slug, question.id)  # every option's feedback, for the teacher


def test_every_page_deck_slide_holds_at_most_forty_words_as_the_class_reads_them(content):
    """Counted on the built slide: a glossary term's tag splits no word ("cramps?" is one), so a list is not
    spread over two slides for words that are not there."""
    for page in content.pages:
        for slide_id, shown, _ in slides(page_deck(page.slug, content)):
            body = re.sub(r"<h[12]\b[^>]*>.*?</h[12]>", "", shown, flags=re.S)
            assert body_words(body) <= SLIDE_WORDS, (page.slug, slide_id, body_words(body))


def test_a_quiz_question_too_long_for_a_slide_still_gets_its_slide(content):
    """`check` reports it; a deck built from unchecked content must not quietly drop it."""
    slug = next(p.slug for p in content.pages if p.slug in content.quizzes)
    quiz = content.quizzes[slug]
    first = quiz.questions[0]
    long = dataclasses.replace(first, question=first.question + " " + " ".join(["word"] * SLIDE_WORDS))
    longer = dataclasses.replace(quiz, questions=(long, *quiz.questions[1:]))
    changed = dataclasses.replace(content, quizzes={**content.quizzes, slug: longer})
    found = [sid for sid, _, _ in slides(page_deck(slug, changed)) if sid.startswith("quiz-")]
    assert found == [f"quiz-{q.id}" for q in quiz.questions]


def _edit(root, old: str, new: str) -> None:
    path = root / "lesson.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "field", "words"), [
    ('      - "Talk to the person next to you."\n',
     '      - "' + " ".join(["word"] * 45) + '"\n', "slides[1] (hook).body", "at most 40"),
    ("question: swollen_calf", "question: swolen_calf", "slides[9] (quiz_one_leg).quiz", "swollen_calf"),
    ("    minutes: 4\n    activity: \"Pairs", "    minutes: 9\n    activity: \"Pairs", "slides[].minutes", "50"),
    ("    sources: [schwellnus2009]", "    sources: [schwelnus2009]", "slides[5] (sounds_right).sources",
     "schwellnus2009"),
], ids=["too many words", "unknown question", "minutes do not add up", "unknown source"])
def test_a_broken_lesson_is_reported_with_file_line_and_field(content_copy, old, new, field, words):
    _edit(content_copy, old, new)
    with pytest.raises(ContentError) as err:
        load(content_copy)
    problems = [p for p in err.value.problems if p.file == "content/lesson.yaml"]
    assert problems, str(err.value)
    problem = next((p for p in problems if field in p.field), None)
    assert problem is not None, str(err.value)
    assert words in problem.message and problem.line, str(problem)


@pytest.mark.parametrize("slug", [p.slug for p in load().pages])
def test_a_page_deck_is_slides_of_one_idea_each_with_notes(slug, content):
    found = slides(page_deck(slug, content))
    assert len(found) >= 5
    for slide_id, shown, notes in found:
        assert re.search(r"<h[12][ >]", shown), f"{slug} {slide_id}: no heading"
        assert 0 < body_words(shown) <= SLIDE_WORDS, (slug, slide_id, body_words(shown))
        assert len(notes.split()) >= 10, f"{slug} {slide_id}: the teacher has nothing to say"
    text = visible_text(page_deck(slug, content))
    for mark in ("[[", "]]", "**"):
        assert mark not in text, (slug, mark)


@pytest.mark.parametrize("slug", [p.slug for p in load().pages])
def test_a_page_deck_gives_where_to_go_before_the_signs_most_pressing_first(slug, content):
    """On a health slide "call 999" never comes after "look after it yourself": the levels of care follow
    each other most pressing first, and for help today or now the first slide says where to go."""
    from legcramps.schema import HELP_TIERS, TIER_ORDER

    ids = [sid for sid, _, _ in slides(page_deck(slug, content))]
    help_ids = [sid for sid in ids if sid.startswith("help-")]
    tiers = [sid.removeprefix("help-").removesuffix("-where") for sid in help_ids]
    ranks = [TIER_ORDER.index(t) for t in tiers]
    assert ranks == sorted(ranks, reverse=True), (slug, tiers)
    for tier in set(tiers) & set(HELP_TIERS):
        assert help_ids[tiers.index(tier)] == f"help-{tier}-where", (slug, tier)
    causes = content.page(slug).causes
    for cause_id in causes:
        assert f"{cause_id}-what" in ids and f"{cause_id}-evidence" in ids and f"{cause_id}-helps" in ids
