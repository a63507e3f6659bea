"""A rule's or red flag's `when`: checked and compiled once at load time, evaluated by the engine per answer.

One module for both halves, so the meaning of every operator is written once:

    when: {fluid_litres_per_day: {below: 1.2}, standing_hours: {at_least: 6}}   # all of these hold
    when: [{pregnant: true}, {age_years: {above: 65}}]                         # any one of these holds

A factor id maps to an exact value (tick boxes, choices) or to one operator: `below`, `at_most`, `above`,
`at_least` (sliders), `in`, `not_in` (choices, with a list of options). Compiling checks each entry against
the factor's kind and range, so a typo in a threshold is a load-time problem with its line, never a rule
that silently never fires.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from legcramps.content.problems import Reporter
    from legcramps.schema import Factor

#: A compiled test: (factor id, operator name, value).
Test = tuple[str, str, Any]
#: A compiled `when`: any clause may hold; within a clause, every test must hold.
When = tuple[tuple[Test, ...], ...]

NUMERIC_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "below": operator.lt, "at_most": operator.le, "above": operator.gt, "at_least": operator.ge}
CHOICE_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "in": lambda value, options: value in options, "not_in": lambda value, options: value not in options}
OPERATORS: dict[str, Callable[[Any, Any], bool]] = {"eq": operator.eq, **NUMERIC_OPS, **CHOICE_OPS}


def holds(when: When, answers: Mapping[str, Any]) -> bool:
    """True if any clause has every test true for these (complete, checked) answers."""
    for clause in when:  # plain loops: this runs for every rule and flag at every move
        for factor_id, op, expected in clause:
            if not OPERATORS[op](answers[factor_id], expected):
                break
        else:
            return True
    return False


def factors_in(when: When) -> set[str]:
    """The factor ids a compiled `when` looks at."""
    return {test[0] for clause in when for test in clause}


def compile_when(when: tuple[dict, ...], factors: Mapping[str, Factor], out: Reporter, file: str,
                 path: tuple) -> When:
    """Check and compile a `when` read from `file` at `path`; each bad entry is reported and left out."""
    clauses = []
    for c, clause in enumerate(when):
        tests: list[Test] = []
        if not clause:
            out.problem(file, _dotted(path, c), "an empty condition always holds; name at least one factor",
                        path=(*path, c))
        for factor_id, expected in clause.items():
            field = _dotted(path, c if len(when) > 1 else None) + f".{factor_id}"
            where = (*path, c, factor_id) if len(when) > 1 else (*path, factor_id)
            factor = factors.get(factor_id)
            if factor is None:
                out.unknown(file, field, "factor", factor_id, factors, where)
                continue
            try:
                tests.append(_compile_test(factor, expected))
            except _UnknownOption as exc:
                out.unknown(file, field, f"option of {factor.id}", str(exc.value), factor.option_values, where)
            except ValueError as exc:
                out.problem(file, field, str(exc), path=where)
        clauses.append(tuple(tests))
    return tuple(clauses)


class _UnknownOption(ValueError):
    def __init__(self, value: Any):
        super().__init__(value)
        self.value = value


def _compile_test(factor: Factor, expected: Any) -> Test:
    """The compiled test; ValueError saying what is wrong with it (`_UnknownOption` for a misspelt option)."""
    if isinstance(expected, dict):
        if len(expected) != 1:
            raise ValueError(f"use exactly one operator, got {sorted(expected)}")
        ((op, value),) = expected.items()
        if op in NUMERIC_OPS:
            if factor.kind != "slider":
                raise ValueError(f"{op!r} only works on sliders; {factor.id} is a {factor.kind}")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{op!r} needs a number, got {value!r}")
            if not factor.min <= value <= factor.max:
                raise ValueError(f"{value} is outside the slider's range {factor.min}..{factor.max}")
            return (factor.id, op, float(value))
        if op in CHOICE_OPS:
            if factor.kind != "choice":
                raise ValueError(f"{op!r} only works on choices; {factor.id} is a {factor.kind}")
            if not isinstance(value, list) or not value:
                raise ValueError(f"{op!r} needs a list of options, got {value!r}")
            wrong = [v for v in value if v not in factor.option_values]
            if wrong:
                raise _UnknownOption(wrong[0])
            return (factor.id, op, frozenset(value))
        raise ValueError(f"unknown operator {op!r}; use one of {', '.join([*NUMERIC_OPS, *CHOICE_OPS])}")
    if factor.kind == "checkbox":
        if not isinstance(expected, bool):
            raise ValueError(f"a checkbox is true or false, got {expected!r}")
    elif factor.kind == "choice":
        if expected not in factor.option_values:
            raise _UnknownOption(expected)
    else:
        raise ValueError("compare a slider with below, at_most, above or at_least, not with one exact value")
    return (factor.id, "eq", expected)


def _dotted(path: tuple, index: int | None) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + part)
    return out + (f"[{index}]" if index is not None else "")
