"""Classroom kit: quizzes, scenario cards, handouts and slides all come from content/ and agree with it."""

from __future__ import annotations

import html
import re

import pytest

from legcramps.engine import assess
from legcramps.handouts import build, glossary_sheet, handout, teacher_key
from legcramps.markup import plain
from legcramps.readability import grade as flesch_kincaid_grade
from tests.conftest import REPO


def visible_text(document: str) -> str:
    document = re.sub(r"<style.*?</style>", " ", document, flags=re.S)
    document = re.sub(r"</?(dfn|strong|em|a|span|code)\b[^>]*>", "", document)  # inline: no extra space
    return html.unescape(re.sub(r"<[^>]+>", " ", document))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_page_has_a_quiz_of_three_to_five_questions_with_one_right_answer(content):
    for page in content.pages:
        quiz = content.quizzes[page.slug]
        assert 3 <= len(quiz.questions) <= 5, page.slug
        for q in quiz.questions:
            assert sum(a.correct for a in q.answers) == 1
            assert all(len(a.feedback) > 10 for a in q.answers)


def test_every_cause_page_has_objectives_and_a_try_this_task(content):
    for page in content.pages:
        assert page.try_this, page.slug
        if page.causes and page.slug != "08-when-to-get-help":
            assert any(content.causes[c].front.objectives for c in page.causes), page.slug


@pytest.mark.parametrize("index", range(3))
def test_scenario_cards_match_what_the_dashboard_shows(content, index):
    scenario = content.scenarios[index]
    result = assess(scenario.answers, content)
    assert result.care.tier == scenario.expected_tier
    assert result.causes[0].id == scenario.expected_top_cause


def test_handout_text_is_the_content_text(content):
    for page in content.pages:
        text = squash(visible_text(handout(page.slug, content)))
        assert page.title in text
        for cid in page.causes:
            cause = content.causes[cid]
            for heading in ("What happens in the body", "What helps"):
                for paragraph in cause.sections[heading].split("\n\n"):
                    words = squash(plain(paragraph).replace("#", ""))
                    if words and not words.startswith(("On your own", "With a doctor")):
                        first_line = squash(words.splitlines()[0] if "\n" in words else words)
                        assert first_line[:60] in text, (page.slug, first_line[:60])
            for objective in cause.front.objectives:
                assert squash(plain(objective)) in text
        assert squash(page.try_this) in text


def test_handouts_read_at_grade_8_or_below(content):
    for page in content.pages:
        text = visible_text(handout(page.slug, content))
        text = text.split("Sources")[0]  # titles of journal papers are not ours to simplify
        assert flesch_kincaid_grade(text) <= 8, page.slug


def test_answer_key_is_separate_and_complete(content, tmp_path):
    written = build(tmp_path, content)
    assert (tmp_path / "teachers" / "answer-key.html") in written
    key = visible_text(teacher_key(content))
    for quiz in content.quizzes.values():
        for q in quiz.questions:
            right = next(a for a in q.answers if a.correct)
            assert squash(right.text) in squash(key)
    for page in content.pages:
        student = handout(page.slug, content)
        assert "Answer key" not in student and "correct" not in student.lower()
    assert "Glossary" in glossary_sheet(content)


@pytest.mark.server
def test_slides_build_and_show_title_and_objectives(content, tmp_path):
    from legcramps.slides import build as build_slides

    (path,) = build_slides(tmp_path, ["05-flat-foot"])
    deck = path.read_text(encoding="utf-8")
    text = squash(visible_text(deck))
    assert "Flat foot" in text
    for objective in content.causes["flat_foot"].front.objectives:
        assert squash(html.unescape(plain(objective))) in text
    assert "from legcramps" not in deck, "slides show content, not code"
    if (REPO / "node_modules" / "reveal.js").exists():
        assert (tmp_path / "lib" / "reveal.js" / "dist" / "reveal.js").exists()


def test_class_mode_hides_personal_framing_and_shows_scenario_cards(content):
    from legcramps.ui import Dashboard

    personal = Dashboard(content=content, query="")
    assert personal.cards.value == ""
    klass = Dashboard(content=content, query="mode=class")
    assert klass.cards.value.count('data-scenario=') == len(content.scenarios)
    texts = " ".join(getattr(w, "value", "") for w in klass.widget.children)
    assert "Bring this to your GP" not in klass.share.value
    assert content.site.class_intro.split(".")[0] in texts
    assert klass.query().startswith("mode=class")
