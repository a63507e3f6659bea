"""A pupil answers one quiz question right and one wrong, in a real browser, and sees the matching feedback (in
both editions: the Voilà server and the in-browser edition)."""

from __future__ import annotations

import pytest

from legcramps.content.quiz_order import letter, shown_answers
from legcramps.markup import unmark
from tests.conftest import wait_for_app

pytestmark = [pytest.mark.server, pytest.mark.browser]
SLUG = "05-flat-foot"


def shown_label(quiz, question, answer) -> str:
    """An option as the pupil sees it: its letter in the shown order, then its words (not [[marks]])."""
    return f"{letter(shown_answers(quiz, question).index(answer))}. {unmark(answer.text)}"


def _answer(question, label: str) -> str:
    question.get_by_role("radio", name=label, exact=True).check()
    button = question.get_by_role("button", name="Check my answer")
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), "the button's label is cut off"
    button.click()
    feedback = question.locator(".lc-quiz-feedback")
    feedback.wait_for(timeout=15_000)
    return feedback.inner_text()


def test_right_and_wrong_answers_show_their_feedback(edition, page, content):
    quiz = content.quizzes[SLUG]
    page.goto(edition.page(f"{SLUG}.ipynb"))
    wait_for_app(page, ".lc-quiz-question")
    questions = page.locator(".lc-quiz-question")
    assert questions.count() == len(quiz.questions)

    first, second = quiz.questions[0], quiz.questions[1]
    right = next(a for a in first.answers if a.correct)
    labels = questions.nth(0).get_by_role("radio").evaluate_all(
        "els => els.map(e => (e.closest('label') || e.parentElement).textContent.trim())")
    assert labels == [shown_label(quiz, first, a) for a in shown_answers(quiz, first)], "lettered, in shown order"
    shown = _answer(questions.nth(0), shown_label(quiz, first, right))
    assert shown.startswith("Right.")
    assert unmark(right.feedback)[:40] in shown

    wrong = next(a for a in second.answers if not a.correct)
    shown = _answer(questions.nth(1), shown_label(quiz, second, wrong))
    assert shown.startswith("Not quite.")
    assert unmark(wrong.feedback)[:40] in shown
