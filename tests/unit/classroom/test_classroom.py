"""Classroom kit: quizzes, scenario cards, handouts and slides all come from content/ and agree with it."""

from __future__ import annotations

import html
import re

from legcramps.answers import parse_query
from legcramps.handouts import build, glossary_sheet, handout, teacher_key
from legcramps.markup import esc, plain, unmark
from legcramps.readability import grade as flesch_kincaid_grade
from legcramps.render import assets
from legcramps.render.dashboard import header
from legcramps.ui import Dashboard
from tests.unit.classroom.page_text import squash, visible_text


def test_every_page_has_a_quiz_of_three_to_five_questions_whose_feedback_explains(content):
    """The lesson plan gives the quiz 7 minutes (docs/teacher-guide.md): 3 to 5 questions fit it. The loader
    checks each question's answers (2 to 6, exactly one right); feedback must explain, not just say "No"."""
    for page in content.pages:
        quiz = content.quizzes[page.slug]
        assert 3 <= len(quiz.questions) <= 5, page.slug
        for q in quiz.questions:
            assert all(len(a.feedback) > 10 for a in q.answers), (page.slug, q.id)


def test_every_cause_page_has_objectives_and_a_try_this_task(content):
    for page in content.pages:
        assert page.try_this, page.slug
        if page.causes and page.slug != "08-when-to-get-help":
            assert any(content.causes[c].front.objectives for c in page.causes), page.slug


def scenario_links(content) -> dict[str, str]:
    """Scenario id -> the query of its card's "Set …'s answers" link, as class mode shows them."""
    cards = Dashboard(content=content, query="mode=class").cards.value
    found = re.findall(r'data-scenario="([^"]+)".*?<a class="lc-scenario-link" href="\?([^"]+)"', cards, re.S)
    return {sid: html.unescape(query) for sid, query in found}


def test_every_scenario_card_links_to_its_own_answers(content):
    links = scenario_links(content)
    assert list(links) == [sc.id for sc in content.scenarios]
    for sc in content.scenarios:
        answers, notes = parse_query(links[sc.id], content)
        assert notes == [], sc.id
        assert answers == {k: v for k, v in sc.answers.items() if v != content.defaults()[k]}, sc.id


def test_a_scenario_card_link_opens_the_card_the_scenario_expects(content):
    """Following a card's link gives the tier and top cause the teacher notes talk about."""
    links = scenario_links(content)
    for sc in content.scenarios:
        dashboard = Dashboard(content=content, query=links[sc.id])
        assert dashboard.scenario == sc.id
        assert f'data-tier="{sc.expected_tier}"' in dashboard.care.widget.value, sc.id
        if sc.expected_top_cause:
            assert dashboard.result.causes[0].id == sc.expected_top_cause, sc.id


def test_handout_text_is_the_content_text(content):
    for page in content.pages:
        text = squash(visible_text(handout(page.slug, content)))
        assert page.title in text
        for cid in page.causes:
            cause = content.causes[cid]
            for section_id in ("body", "helps"):
                for paragraph in cause.sections[section_id].split("\n\n"):
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
            assert squash(unmark(right.text)) in squash(key)  # as words: a teacher reads no [[marks]]
    assert "[[" not in key
    for page in content.pages:
        student = handout(page.slug, content)
        assert "Answer key" not in student and "correct" not in student.lower()
    assert "Glossary" in glossary_sheet(content)


def test_class_mode_hides_personal_framing_and_shows_scenario_cards(content):
    personal = Dashboard(content=content, query="")
    assert personal.cards.value == ""
    klass = Dashboard(content=content, query="mode=class")
    assert klass.cards.value.count('data-scenario=') == len(content.scenarios)
    assert "Bring this to your GP" not in klass.share.value
    assert klass.query().startswith("mode=class")
    # the introduction above the dashboard (its notebook's Markdown) holds both; the class one shows in class mode
    assert "lc-class-mode" in klass.widget._dom_classes and "lc-class-mode" not in personal.widget._dom_classes
    intro = header(content)
    assert f'<p class="lc-intro-class" hidden>{esc(content.site.class_intro)}</p>' in intro
    assert f'<p class="lc-intro-personal">{esc(content.site.tagline)}</p>' in intro
    css = assets.css()
    assert "body:has(.lc-dashboard.lc-class-mode) .lc-intro-class { display: block; }" in css
    assert "html.lc-class-mode .lc-intro-personal" in css
