"""The assessment engine: answers in, an `Assessment` out.

`assess()` is pure and deterministic. It never imports ipywidgets and decides nothing a content editor
cannot see: every weight, sentence, checklist item and care tier comes from `content/`. The dashboard, the
notebooks, the CLI, the exported checklist and the tests all call this one function, so they always agree.

How relevance is combined: each rule that fires for a cause contributes its weight w, and the cause's
relevance is 1 − Π(1 − w) ("noisy-OR"). That stays within 0..1, grows with each extra reason, and never
shrinks when another reason is added, which is what a reader expects of "more of your answers fit".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from legcramps.content import Content, load
from legcramps.content.conditions import holds
from legcramps.schema import TIER_ORDER

if TYPE_CHECKING:
    from legcramps.schema import Factor

Answers = Mapping[str, Any]


class AnswerError(ValueError):
    """An answer names an unknown factor or has a value the factor does not allow."""


@dataclasses.dataclass(frozen=True)
class CareResult:
    tier: str
    reasons: tuple[str, ...]
    flags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class CauseResult:
    id: str
    title: str
    kind: str
    relevance: float
    evidence: str
    because: tuple[str, ...]
    rules: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Checklist:
    now: tuple[str, ...]
    prevent: tuple[str, ...]
    ask_doctor: tuple[str, ...]
    ids: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Assessment:
    """What the answers mean: care tier, ranked causes, checklist. Mirrors the JSON contract in the design."""

    answers: Mapping[str, Any]
    care: CareResult
    causes: tuple[CauseResult, ...]
    checklist: Checklist
    disclaimer: str

    def cause(self, cause_id: str) -> CauseResult | None:
        return next((c for c in self.causes if c.id == cause_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape (`python -m legcramps assess --json`)."""
        return {
            "care": {"tier": self.care.tier, "reasons": list(self.care.reasons)},
            "causes": [
                {"id": c.id, "title": c.title, "kind": c.kind, "relevance": c.relevance, "evidence": c.evidence,
                 "because": list(c.because)}
                for c in self.causes
            ],
            "checklist": {"now": list(self.checklist.now), "prevent": list(self.checklist.prevent),
                          "ask_doctor": list(self.checklist.ask_doctor)},
            "disclaimer": self.disclaimer,
        }


# ---------------------------------------------------------------- checking answers


def check_value(factor: Factor, value: Any) -> bool | float | str:
    """Return the value in its canonical type, or raise AnswerError saying what the factor accepts."""
    try:
        return factor.check(value)
    except ValueError as exc:
        raise AnswerError(str(exc)) from None


def unknown_factor_message(factor_id: str, content: Content) -> str:
    import difflib  # only for a mistake's "did you mean": not on every start (~45 ms in the browser)

    close = difflib.get_close_matches(factor_id, list(content.factors), n=3)
    hint = f" Did you mean {', '.join(close)}?" if close else " Run `python -m legcramps factors` to list them."
    return f"unknown factor {factor_id!r}.{hint}"


def complete_answers(answers: Answers, content: Content) -> dict[str, Any]:
    """Defaults for what is missing, checked values for what is given. Raises AnswerError on bad input."""
    full = content.defaults()
    for factor_id, value in answers.items():
        factor = content.factors.get(factor_id)
        if factor is None:
            raise AnswerError(unknown_factor_message(factor_id, content))
        full[factor_id] = check_value(factor, value)
    return full


def assess(answers: Answers | None = None, content: Content | None = None) -> Assessment:
    """Assess a person's answers (factor id -> value). Missing answers take their defaults.

    Raises AnswerError for an unknown factor id or a value outside what the factor allows.
    """
    content = content or load()
    full = complete_answers(answers or {}, content)
    fired_items: set[str] = set()

    # Care tier: the highest tier any red flag triggers; reasons most pressing first.
    triggered = [f for f in content.flags if holds(content.flag_when[f.id], full)]
    triggered.sort(key=lambda f: -TIER_ORDER.index(f.tier))  # stable: file order within a tier
    tier = triggered[0].tier if triggered else "self_care"
    reasons = tuple(f.reason for f in triggered) or (content.site.no_warning_signs,)
    for flag in triggered:
        fired_items.update(flag.checklist)

    # Causes: noisy-OR of the weights of the rules that fire.
    keep: dict[str, float] = {}
    because: dict[str, list[str]] = {}
    rule_ids: dict[str, list[str]] = {}
    for rule in content.rules:
        # A rule scoped away from this tier (a reassuring reason on an urgent card) does not fire.
        if tier in rule.tiers and holds(content.rule_when[rule.id], full):
            keep[rule.cause] = keep.get(rule.cause, 1.0) * (1.0 - rule.weight)
            because.setdefault(rule.cause, []).append(rule.because)
            rule_ids.setdefault(rule.cause, []).append(rule.id)
            fired_items.update(rule.checklist)
    order = list(content.causes)
    causes = [
        CauseResult(
            id=cid, title=content.causes[cid].title, kind=content.causes[cid].front.kind,
            relevance=round(1.0 - remaining, 4), evidence=content.causes[cid].front.evidence.grade,
            because=tuple(because[cid]), rules=tuple(rule_ids[cid]),
        )
        for cid, remaining in keep.items()
    ]
    causes.sort(key=lambda c: (-c.relevance, order.index(c.id)))

    # Checklist: always-items plus what fired, in checklist.yaml order, each once, and only the items
    # whose `tiers` allow this card: "rub the muscle" never shows beside "call 999". The file puts the
    # steps that say where to get help first (checked at load), so at urgent and emergency they lead.
    sections: dict[str, list[str]] = {"now": [], "prevent": [], "ask_doctor": []}
    ids = []
    for item in content.checklist.values():
        if (item.always or item.id in fired_items) and tier in item.tiers:
            sections[item.section].append(item.text)
            ids.append(item.id)

    return Assessment(
        answers=full,
        care=CareResult(tier=tier, reasons=reasons, flags=tuple(f.id for f in triggered)),
        causes=tuple(causes),
        checklist=Checklist(now=tuple(sections["now"]), prevent=tuple(sections["prevent"]),
                            ask_doctor=tuple(sections["ask_doctor"]), ids=tuple(ids)),
        disclaimer=content.site.disclaimer,
    )
