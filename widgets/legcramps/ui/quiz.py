"""A multiple-choice quiz from content/quizzes/NN-slug.yaml, with feedback for every answer.

The HTML (prompt, feedback, the teachers' answer key) is `legcramps.render.quiz`; this only arranges widgets.
"""

from __future__ import annotations

import ipywidgets as widgets

from legcramps.content import Content, load
from legcramps.content.quiz_order import letter, shown_orders
from legcramps.render import quiz as render_quiz
from legcramps.render.session import guard_html
from legcramps.schema import QuizQuestion
from legcramps.ui.view import Displayed, View


class QuestionView(View):
    """One question: radio buttons (arrow keys move, Space selects), a Check button, and feedback."""

    def __init__(self, question: QuizQuestion, number: int, content: Content, order: tuple[int, ...] | None = None):
        self.question = question
        self.content = content
        self.prompt = widgets.HTML(render_quiz.prompt(question, number, content))
        # Shown in the quiz's order (legcramps.content.quiz_order); a choice's value is its index as written.
        order = order or tuple(range(len(question.answers)))
        # Lettered, so a class can say "B" and the teachers' answer key can name it.
        labels = [f"{letter(k)}. {render_quiz.option_label(question.answers[i])}" for k, i in enumerate(order)]
        self.choices = widgets.RadioButtons(options=list(zip(labels, order, strict=True)),
                                            value=None, layout=widgets.Layout(width="auto"))
        self.choices.add_class("lc-quiz-choices")
        # width auto: ipywidgets' default button width cut the label to "Check my ans…" in JupyterLab
        self.check = widgets.Button(description=content.words.quiz.check, button_style="", icon="check",
                                    layout=widgets.Layout(width="auto"))
        self.check.add_class("lc-quiz-check")
        self.feedback = self.error = widgets.HTML()  # a failed check says so where its feedback would be
        self.feedback.add_class("lc-quiz-feedback-view")
        self.check.on_click(self._on_check)
        self.choices.observe(self._on_choice, names="value")
        self.widget = widgets.VBox([self.prompt, self.choices, self.check, self.feedback])
        self.widget.add_class("lc-quiz-question")

    def _on_check(self, _button) -> None:
        self.update()

    def _on_choice(self, _change) -> None:
        self.feedback.value = ""

    def refresh(self) -> None:
        choice = self.choices.value
        answer = None if choice is None else self.question.answers[choice]
        self.feedback.value = render_quiz.feedback(answer, self.content)

    def answer(self, index: int) -> str:
        """Choose answer `index` (as written in the quiz file) and check it (what a test or a teacher demo does)."""
        self.choices.value = index
        self.update()
        return self.feedback.value


class Quiz(Displayed):
    def __init__(self, slug: str, content: Content | None = None, lang: str = "en"):
        self.content = content or load(lang=lang)
        quiz = self.content.quizzes[slug]
        orders = shown_orders(quiz)
        self.questions = [QuestionView(q, i + 1, self.content, orders[q.id]) for i, q in enumerate(quiz.questions)]
        # The session guard too (it runs once per page): a quiz answered against a lost kernel never answers.
        guard = widgets.HTML(guard_html(self.content), layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox([guard, *(q.widget for q in self.questions)])
        self.widget.add_class("lc-quiz")
