"""Cases the engine is held to (scenarios.yaml): class scenarios and clinical cases."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from annotated_types import MinLen

from legcramps.schema.fields import (
    Citation,
    Id,
    Text,
    Tier,
    record,
)


@record
class Expectation:
    """What a set of answers must give: `python -m legcramps check` and the tests hold the engine to it."""

    id: Id
    answers: dict[str, Any]
    expected_tier: Tier
    #: The checklist item that must come first under "what to do now".
    expected_first_step: Id
    #: Checklist items that must not be anywhere on the card (a harmful or delaying step).
    must_not_include: tuple[Id, ...] = ()
    #: Checklist items that must be on the card.
    must_include: tuple[Id, ...] = ()
    expected_top_cause: Id | None = None


@record
class Scenario(Expectation):
    """A fictional person for class use: answers set by a link, and what the class should find."""

    title: Text
    story: Text
    questions: Annotated[tuple[Text, ...], MinLen(1)]
    teacher_notes: Text


@record
class ClinicalCase(Expectation):
    """A clinical test case: not shown to readers; it pins the whole card for one situation. Its `why` is a
    note for the people who keep the content (English only, like the code), not words a reader sees."""

    why: Citation



@record
class ScenariosFile:
    """Top-level keys that start with `x-` hold YAML anchors shared by the cases; the reader drops them."""

    scenarios: Annotated[tuple[Scenario, ...], MinLen(1)]
    #: Answers that point only to harmless causes. Every case is also checked with these underneath, so
    #: many reassuring answers can never talk a warning sign down.
    reassuring_answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    clinical: tuple[ClinicalCase, ...] = ()
