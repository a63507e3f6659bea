"""A pupil answers one quiz question right and one wrong, in a real browser, and sees the matching feedback."""

from __future__ import annotations

import pytest

from legcramps.markup import unmark
from tests.conftest import wait_for_app

pytestmark = [pytest.mark.server, pytest.mark.browser]
SLUG = "05-flat-foot"


def _answer(question, text: str) -> str:
    question.get_by_role("radio", name=unmark(text), exact=True).check()  # options show words, not [[marks]]
    button = question.get_by_role("button", name="Check my answer")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), "the button's label is cut off"
    button.click()
    feedback = question.locator(".lc-quiz-feedback")
    feedback.wait_for(timeout=15_000)
    return feedback.inner_text()


def test_right_and_wrong_answers_show_their_feedback(voila_server, page, content):
    quiz = content.quizzes[SLUG]
    page.goto(voila_server.page(f"{SLUG}.ipynb"))
    wait_for_app(page, ".lc-quiz-question")
    questions = page.locator(".lc-quiz-question")
    assert questions.count() == len(quiz.questions)

    first, second = quiz.questions[0], quiz.questions[1]
    right = next(a for a in first.answers if a.correct)
    shown = _answer(questions.nth(0), right.text)
    assert shown.startswith("Right.")
    assert unmark(right.feedback)[:40] in shown

    wrong = next(a for a in second.answers if not a.correct)
    shown = _answer(questions.nth(1), wrong.text)
    assert shown.startswith("Not quite.")
    assert unmark(wrong.feedback)[:40] in shown
