"""A quiz as HTML: a question's prompt, the feedback on an answer, and the teachers' answer key and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.content.quiz_order import letter, shown_answers
from legcramps.markup import esc, inline, unmark

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.schema import QuizAnswer, QuizQuestion


def option_label(answer: QuizAnswer) -> str:
    """An answer as a radio option shows it: plain text (an option label is not HTML), glossary marks
    (`[[flat feet]]`) as their words, never as brackets."""
    return unmark(answer.text)


def prompt(question: QuizQuestion, number: int, content: Content) -> str:
    return f'<p class="lc-quiz-q"><strong>{number}. {inline(question.question, content)}</strong></p>'


def feedback(answer: QuizAnswer | None, content: Content) -> str:
    """Right or not, and why (announced politely); a reminder to pick one when there is no answer."""
    words = content.words.quiz
    if answer is None:
        return f'<p class="lc-quiz-feedback">{esc(words.no_answer)}</p>'
    verdict, css = (words.right, "right") if answer.correct else (words.wrong, "wrong")
    return (f'<div class="lc-quiz-feedback {css}" role="status" aria-live="polite">'
            f"<strong>{esc(verdict)}</strong> {inline(answer.feedback, content)}</div>")


def answer_key(slug: str, content: Content) -> str:
    """Teachers only: each question with its options lettered as the quiz shows them, and the right one."""
    quiz = content.quizzes[slug]
    items = []
    for q in quiz.questions:
        shown = shown_answers(quiz, q)
        place = next(i for i, a in enumerate(shown) if a.correct)
        options = " ".join(f"{letter(i)}. {esc(option_label(a))}" for i, a in enumerate(shown))
        items.append(f"<li>{inline(q.question, content)}<br><span class=\"lc-key-options\">{options}</span><br>"
                     f"<strong>{letter(place)}. {esc(option_label(shown[place]))}</strong> — "
                     f"{inline(shown[place].feedback, content)}</li>")
    return f'<ol class="lc-answer-key">{"".join(items)}</ol>'


def scenario_notes(content: Content) -> str:
    """Teachers only: each scenario card with its questions and what the class should find."""
    parts = []
    find = esc(content.words.quiz.class_should_find)
    for s in content.scenarios:
        qs = "".join(f"<li>{esc(q)}</li>" for q in s.questions)
        parts.append(f"<h3>{esc(s.title)}</h3><p>{esc(s.story)}</p><ol>{qs}</ol>"
                     f"<p><strong>{find}</strong> {esc(s.teacher_notes)}</p>")
    return "".join(parts)
