"""The order in which a quiz's answers are shown, and the rules that keep a quiz from teaching a pattern.

Why: written by hand, the right answer sat first or second in all 42 questions and was the longest option
in 31; pupils learn "pick the first long one" instead of the content. The answers are written in any
order in `content/quizzes/*.yaml` and shown in an order made here, the same in every output (the quiz
widget, the teachers' answer key, the handouts and slides), so a teacher's "the answer is B" holds
everywhere:

- each question's order is drawn from a generator seeded by the page and the question's id, so it is the
  same on every run, on every machine and in every output;
- the right answer goes to the position least used by the quiz's questions before it (ties drawn), so over
  a quiz the right answers are spread over the positions;
- a question whose answers are a scale (`keep_order: true`: "never / sometimes / often") is shown as
  written.

`fairness_problems` is what `check` reports about a quiz: right answers bunched in one position, and the
right answer being the longest option too often (a tell no shuffling hides).
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator

from legcramps.markup import unmark
from legcramps.schema import QuizAnswer, QuizFile, QuizQuestion

#: A quiz's right answers may be the longest option in at most this share of its questions.
LONGEST_SHARE_MAX = 0.5
#: ... where "longest" means longer than every other option by more than this factor (not a tie).
LONGEST_MARGIN = 1.15


def shown_orders(quiz: QuizFile) -> dict[str, tuple[int, ...]]:
    """For each question (by id), the indices of its answers as written, in the order they are shown."""
    used: Counter[int] = Counter()  # how many right answers each position holds so far
    orders: dict[str, tuple[int, ...]] = {}
    for question in quiz.questions:
        n = len(question.answers)
        right = _right_index(question)
        if question.keep_order:
            order = list(range(n))
        else:
            draw = random.Random(f"{quiz.page}/{question.id}")
            fewest = min(used[p] for p in range(n))
            place = draw.choice([p for p in range(n) if used[p] == fewest])
            others = [i for i in range(n) if i != right]
            draw.shuffle(others)
            order = [*others[:place], right, *others[place:]]
        used[order.index(right)] += 1
        orders[question.id] = tuple(order)
    return orders


def shown_answers(quiz: QuizFile, question: QuizQuestion) -> tuple[QuizAnswer, ...]:
    """`question`'s answers in the order they are shown."""
    return tuple(question.answers[i] for i in shown_orders(quiz)[question.id])


def letter(position: int) -> str:
    """The letter of a shown position (0 → A), as printed sheets and the answer key name options."""
    return "ABCDEF"[position]


def _right_index(question: QuizQuestion) -> int:
    return next(i for i, a in enumerate(question.answers) if a.correct)


def _is_longest(question: QuizQuestion) -> bool:
    lengths = [len(unmark(a.text)) for a in question.answers]
    right = lengths[_right_index(question)]
    return all(right > LONGEST_MARGIN * length for i, length in enumerate(lengths) if i != _right_index(question))


def fairness_problems(quiz: QuizFile) -> Iterator[tuple[str, str]]:
    """(field, message) for each way the quiz, as shown, gives its answers away."""
    orders = shown_orders(quiz)
    positions = Counter(orders[q.id].index(_right_index(q)) for q in quiz.questions)
    count = len(quiz.questions)
    if count >= 4:
        top, most = positions.most_common(1)[0]
        if most > math.ceil(count / 2):
            yield ("questions", f"{most} of the {count} right answers are shown in position {letter(top)}: "
                                "pupils learn the position, not the content (mark fewer questions keep_order)")
    longest = [q.id for q in quiz.questions if _is_longest(q)]
    if count >= 3 and len(longest) > LONGEST_SHARE_MAX * count:
        yield ("questions", f"the right answer is clearly the longest option in {len(longest)} of the {count} "
                            f"questions ({', '.join(longest)}): pupils learn to pick the longest; make the other "
                            "options as specific, or the right one shorter")
