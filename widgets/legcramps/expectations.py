"""Hold the engine to the cases in `content/scenarios.yaml`, so a content edit cannot quietly unsafe a card.

Each class scenario and clinical case names the care tier it must give, the step that must come first
under "what to do now", the steps that must not be anywhere on the card (a harmful or delaying step) and,
optionally, steps that must be there and the top cause. Every case is checked twice: alone, and on top
of `reassuring_answers` (night cramps, a warm-up skipped, a long drive …), because a warning sign must
keep its card however many reassuring answers sit beside it.

`python -m legcramps check` reports a failed case as `content/scenarios.yaml:<line>: <field> (<id>): …`
and exits 1; the tests run the same function.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from legcramps.content import Content, Problem
from legcramps.content.problems import line_map
from legcramps.engine import Assessment, assess

FILE = "content/scenarios.yaml"


def first_step(result: Assessment, content: Content) -> str | None:
    """The id of the first "what to do now" step on the card, or None when there is none."""
    return next((i for i in result.checklist.ids if content.checklist[i].section == "now"), None)


def cases(content: Content) -> Iterator[tuple[str, int, Any]]:
    """Every case with where it lives: ("scenarios" | "clinical", index, case)."""
    for i, case in enumerate(content.scenarios):
        yield "scenarios", i, case
    for i, case in enumerate(content.clinical):
        yield "clinical", i, case


def backgrounds(case: Any, content: Content) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The answers a case is checked with: its own, and its own over the reassuring answers."""
    yield "", dict(case.answers)
    if content.reassuring_answers:
        yield " with the reassuring answers underneath", {**content.reassuring_answers, **case.answers}


def failures(case: Any, content: Content) -> list[tuple[str, str]]:
    """(field, message) for each expectation the engine does not meet; empty when the case holds."""
    out: list[tuple[str, str]] = []
    for label, answers in backgrounds(case, content):
        result = assess(answers, content)
        if result.care.tier != case.expected_tier:
            out.append(("expected_tier", f"expected {case.expected_tier}{label}, the engine gives "
                                         f"{result.care.tier} (flags: {', '.join(result.care.flags) or 'none'})"))
        first = first_step(result, content)
        if first != case.expected_first_step:
            out.append(("expected_first_step", f"expected {case.expected_first_step!r} first{label}, the card "
                                               f"starts with {first!r}"))
        present = set(result.checklist.ids)
        for item_id in case.must_not_include:
            if item_id in present:
                out.append(("must_not_include", f"{item_id!r} is on the card{label}"))
        for item_id in case.must_include:
            if item_id not in present:
                out.append(("must_include", f"{item_id!r} is missing from the card{label}"))
        if case.expected_top_cause and label == "":
            top = result.causes[0].id if result.causes else None
            if top != case.expected_top_cause:
                out.append(("expected_top_cause", f"expected {case.expected_top_cause!r}, the engine ranks "
                                                  f"{top!r} first"))
    return out


def check(content: Content) -> list[Problem]:
    """Every failed expectation of every case, located in scenarios.yaml."""
    path = content.root / "scenarios.yaml"
    lines: dict[tuple, int] | None = None
    problems = []
    for key, index, case in cases(content):
        for field, message in failures(case, content):
            if lines is None:
                lines = line_map(path.read_text(encoding="utf-8")) if path.is_file() else {}
            start = lines.get((key, index, "id")) or lines.get((key, index)) or 0
            line = lines.get((key, index, field)) or start
            line = line if line >= start else start  # a shared list (YAML alias) lives at its anchor, above
            problems.append(Problem(FILE, f"{key}[{index}].{field} ({case.id})", message, line))
    return problems
