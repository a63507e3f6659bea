"""A multiple-choice quiz from content/quizzes/NN-slug.yaml, with feedback for every answer."""

from __future__ import annotations

import ipywidgets as widgets

from legcramps.content import Content, load
from legcramps.markup import esc, inline
from legcramps.schema import QuizQuestion
from legcramps.ui.session import guard_html


class QuestionView:
    """One question: radio buttons (arrow keys move, Space selects), a Check button, and feedback."""

    def __init__(self, question: QuizQuestion, number: int, content: Content):
        self.question = question
        self.content = content
        self.prompt = widgets.HTML(f'<p class="lc-quiz-q"><strong>{number}. {inline(question.question, content)}'
                                   f"</strong></p>")
        self.choices = widgets.RadioButtons(options=[(a.text, i) for i, a in enumerate(question.answers)],
                                            value=None, layout=widgets.Layout(width="auto"))
        self.choices.add_class("lc-quiz-choices")
        self.check = widgets.Button(description="Check my answer", button_style="", icon="check")
        self.check.add_class("lc-quiz-check")
        self.feedback = widgets.HTML()
        self.feedback.add_class("lc-quiz-feedback-view")
        self.check.on_click(self._on_check)
        self.choices.observe(self._on_choice, names="value")
        self.widget = widgets.VBox([self.prompt, self.choices, self.check, self.feedback])
        self.widget.add_class("lc-quiz-question")

    def _on_check(self, _button) -> None:
        self.update()

    def _on_choice(self, _change) -> None:
        self.feedback.value = ""

    def update(self) -> None:
        if self.choices.value is None:
            self.feedback.value = '<p class="lc-quiz-feedback">Pick an answer first.</p>'
            return
        answer = self.question.answers[self.choices.value]
        verdict, css = ("Right.", "right") if answer.correct else ("Not quite.", "wrong")
        self.feedback.value = (f'<div class="lc-quiz-feedback {css}" role="status" aria-live="polite">'
                               f"<strong>{verdict}</strong> {inline(answer.feedback, self.content)}</div>")

    def answer(self, index: int) -> str:
        """Choose answer `index` and check it (what a test or a teacher demo does)."""
        self.choices.value = index
        self.update()
        return self.feedback.value


class Quiz:
    def __init__(self, slug: str, content: Content | None = None):
        self.content = content or load()
        quiz = self.content.quizzes[slug]
        self.questions = [QuestionView(q, i + 1, self.content) for i, q in enumerate(quiz.questions)]
        # The session guard too (it runs once per page): a quiz answered against a lost kernel never answers.
        guard = widgets.HTML(guard_html(self.content), layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox([guard, *(q.widget for q in self.questions)])
        self.widget.add_class("lc-quiz")

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def answer_key(slug: str, content: Content) -> str:
    """Teachers only: each question with its right answer, as HTML."""
    items = []
    for q in content.quizzes[slug].questions:
        right = next(a for a in q.answers if a.correct)
        items.append(f"<li>{esc(q.question)}<br><strong>{esc(right.text)}</strong> — {inline(right.feedback, content)}"
                     "</li>")
    return f'<ol class="lc-answer-key">{"".join(items)}</ol>'
