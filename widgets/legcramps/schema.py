"""The types of loaded content, its vocabularies and constants: what the rest of the package imports.

Why this is not the pydantic models any more: widgets import `Factor`, `FigureSpec` … from here at module
level, and a dashboard kernel must not pay for pydantic (~9 MiB) to use content that is already checked.
So this module re-exports `legcramps.records` — the frozen, pydantic-free objects that `content.load()`
returns — and the validating pydantic models live in `legcramps.models`, imported only by the loader.
A record has the same fields and methods as the model of the same name.
"""

from __future__ import annotations

from legcramps.records import (
    CAUSE_SECTIONS,
    TERM_MARK,
    TIER_ORDER,
    Cause,
    CauseFront,
    CauseKind,
    CauseMethods,
    ChecklistItem,
    ChoiceOption,
    Claim,
    Evidence,
    Factor,
    FactorGroup,
    FactorKind,
    FactorMethods,
    FigureSpec,
    GlossaryTerm,
    Grade,
    GradeInfo,
    Page,
    QuizAnswer,
    QuizFile,
    QuizQuestion,
    Record,
    RedFlag,
    Rule,
    Scenario,
    Section,
    SiteFile,
    Source,
    Tier,
    TierInfo,
    Topic,
    TopicFront,
    TopicMethods,
)

__all__ = [
    "CAUSE_SECTIONS", "TERM_MARK", "TIER_ORDER", "Cause", "CauseFront", "CauseKind", "CauseMethods", "ChecklistItem",
    "ChoiceOption", "Claim", "Evidence", "Factor", "FactorGroup", "FactorKind", "FactorMethods", "FigureSpec",
    "GlossaryTerm", "Grade", "GradeInfo", "Page", "QuizAnswer", "QuizFile", "QuizQuestion", "Record", "RedFlag",
    "Rule", "Scenario", "Section", "SiteFile", "Source", "Tier", "TierInfo", "Topic", "TopicFront", "TopicMethods",
]
