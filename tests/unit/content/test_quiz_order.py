"""Quizzes that test the content, not a pattern (legcramps.content.quiz_order).

A pupil who always picks A, or always the longest option, must not do well; every output shows a question's
options in the same order, so a teacher's "the answer is B" holds on the screen, the sheet and the key.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from legcramps.content.quiz_order import fairness_problems, letter, shown_answers, shown_orders
from legcramps.markup import esc, unmark
from legcramps.schema import QuizAnswer, QuizFile, QuizQuestion


def _question(qid: str, right: int, n: int = 3, keep_order: bool = False, long_right: bool = False) -> QuizQuestion:
    answers = tuple(QuizAnswer(text=("a much longer right answer text here" if long_right and i == right
                                     else f"option {i}"), correct=i == right, feedback="Why.")
                    for i in range(n))
    return QuizQuestion(id=qid, question="Which?", answers=answers, sources=("nice-cks",), keep_order=keep_order)


def _right_positions(quiz: QuizFile) -> list[int]:
    orders = shown_orders(quiz)
    return [orders[q.id].index(next(i for i, a in enumerate(q.answers) if a.correct)) for q in quiz.questions]


def test_every_quiz_spreads_its_right_answers_over_the_positions(content):
    for slug, quiz in content.quizzes.items():
        positions = Counter(_right_positions(quiz))
        count = len(quiz.questions)
        assert max(positions.values()) <= math.ceil(count / 3) + 1, (slug, positions)
        assert len(positions) >= min(3, count), f"{slug}: right answers only in {sorted(positions)}"


def test_a_pupil_who_always_picks_the_same_letter_gets_about_a_third(content):
    total = sum(len(q.questions) for q in content.quizzes.values())
    for position in range(3):
        hits = sum(p == position for quiz in content.quizzes.values() for p in _right_positions(quiz))
        assert hits <= 0.45 * total, f"always {letter(position)}: {hits} of {total}"


def test_the_order_is_the_same_every_time_and_is_a_real_shuffle(content):
    first = {slug: shown_orders(quiz) for slug, quiz in content.quizzes.items()}
    again = {slug: shown_orders(quiz) for slug, quiz in content.quizzes.items()}
    assert first == again
    written_order = sum(order == tuple(range(len(order))) for orders in first.values() for order in orders.values())
    assert written_order < 0.5 * sum(len(o) for o in first.values()), "most questions are shown as written"
    for slug, orders in first.items():
        for question in content.quizzes[slug].questions:
            assert sorted(orders[question.id]) == list(range(len(question.answers))), "every answer shown once"


def test_a_scale_is_shown_as_written():
    scales = [_question(f"q{i}", right=0, keep_order=True) for i in range(2)]
    quiz = QuizFile(page="p", questions=(*scales, _question("free", right=1)))
    orders = shown_orders(quiz)
    assert orders["q0"] == orders["q1"] == (0, 1, 2)
    assert [a.text for a in shown_answers(quiz, quiz.questions[0])] == ["option 0", "option 1", "option 2"]


def test_right_answers_bunched_in_one_position_are_reported():
    bunched = QuizFile(page="p", questions=tuple(_question(f"q{i}", right=0, keep_order=True) for i in range(5)))
    assert any("position A" in message for _, message in fairness_problems(bunched))
    shuffled = QuizFile(page="p", questions=tuple(_question(f"q{i}", right=0) for i in range(5)))
    assert not list(fairness_problems(shuffled))


def test_the_right_answer_as_the_longest_too_often_is_reported():
    telling = QuizFile(page="p", questions=tuple(_question(f"q{i}", right=i % 3, long_right=i < 3) for i in range(4)))
    messages = [m for _, m in fairness_problems(telling)]
    assert any("longest option in 3 of the 4" in m for m in messages), messages
    fine = QuizFile(page="p", questions=tuple(_question(f"q{i}", right=i % 3, long_right=i < 2) for i in range(4)))
    assert not [m for _, m in fairness_problems(fine) if "longest" in m]


def test_no_quiz_in_the_content_gives_its_answers_away(content):
    for slug, quiz in content.quizzes.items():
        assert list(fairness_problems(quiz)) == [], slug


@pytest.mark.parametrize("slug", ["03-salt-balance", "08-when-to-get-help"])
def test_the_widget_and_the_answer_key_show_the_same_order(slug, content):
    from legcramps.render.quiz import answer_key
    from legcramps.ui.quiz import Quiz

    quiz = content.quizzes[slug]
    key = answer_key(slug, content)
    for view in Quiz(slug, content).questions:
        shown = shown_answers(quiz, view.question)
        labels = [label for label, _ in view.choices.options]
        assert labels == [f"{letter(k)}. {unmark(a.text)}" for k, a in enumerate(shown)]
        right = next(k for k, a in enumerate(shown) if a.correct)
        assert f"<strong>{esc(labels[right])}</strong>" in key, "the key names the letter the pupils see"
        assert "Right." in view.answer(view.choices.options[right][1]), "the lettered option is the right one"
