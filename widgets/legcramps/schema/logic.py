"""The medical logic: factors, the rules that point to causes, red flags and checklist steps."""

from __future__ import annotations

import math
from typing import Annotated, Any

from annotated_types import Gt, Le

from legcramps.schema.fields import (
    TIER_ORDER,
    FactorKind,
    Grade,
    Id,
    Phrase,
    Section,
    Sources,
    Text,
    Tier,
    Tiers,
    When,
    record,
)

# ---------------------------------------------------------------- factors


@record
class FactorGroup:
    """A group of factors, shown as one section of controls (factors.yaml).

    `class_label` and `class_help` word the group about someone else for class mode ("Their cramps"); a group
    whose words already fit both ("Activity") leaves them out.
    """

    id: Id
    label: Text
    help: Phrase = ""
    class_label: Text | None = None
    class_help: Phrase | None = None

    def words(self, class_mode: bool = False) -> tuple[str, str]:
        """(label, help) for a reader, or in class mode."""
        if class_mode:
            return self.class_label or self.label, self.class_help if self.class_help is not None else self.help
        return self.label, self.help


@record
class ChoiceOption:
    """One option of a choice factor (factors.yaml)."""

    value: Id
    label: Text


@record
class Factor:
    """One answer a reader can give, with its kind, range or options and default (factors.yaml)."""

    id: Id
    group: Id
    label: Text
    help: Text
    kind: FactorKind
    unit: Phrase | None = None
    min: float | None = None
    max: float | None = None
    step: float | None = None
    options: tuple[ChoiceOption, ...] | None = None
    default: bool | float | str

    def __post_init__(self) -> None:
        if self.kind == "slider":
            if self.min is None or self.max is None or self.step is None:
                raise ValueError("a slider needs min, max and step")
            if not self.min < self.max:
                raise ValueError(f"min ({self.min}) must be below max ({self.max})")
            if self.step <= 0:
                raise ValueError("step must be above 0")
            if isinstance(self.default, bool) or not isinstance(self.default, int | float):
                raise ValueError(f"a slider's default must be a number, got {self.default!r}")
            if not self.min <= self.default <= self.max:
                raise ValueError(f"default {self.default} is outside {self.min}..{self.max}")
            if not self.unit:
                raise ValueError("a slider needs a unit (for example 'litres a day')")
        elif self.kind == "checkbox":
            if not isinstance(self.default, bool):
                raise ValueError(f"a checkbox's default must be true or false, got {self.default!r}")
        else:
            if not self.options or len(self.options) < 2:
                raise ValueError("a choice needs at least two options")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values must be unique")
            if self.default not in values:
                raise ValueError(f"default {self.default!r} is not one of the options {values}")

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options or ())

    def check(self, value: Any) -> bool | float | str:
        """The value in its canonical type, or ValueError saying what this factor accepts."""
        if self.kind == "checkbox":
            if isinstance(value, bool):
                return value
            raise ValueError(f"{self.id} is a tick box: use true or false, not {value!r}")
        if self.kind == "slider":
            if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
                raise ValueError(f"{self.id} needs a number ({self.unit}), not {value!r}")
            if not self.min <= value <= self.max:
                raise ValueError(
                    f"{self.id} must be between {self.min:g} and {self.max:g} {self.unit}; got {value:g}")
            return float(value)
        if not isinstance(value, str) or value not in self.option_values:
            raise ValueError(f"{self.id} must be one of {', '.join(self.option_values)}; got {value!r}")
        return value


# ---------------------------------------------------------------- rules, red flags, checklist


@record
class Rule:
    """When a cause becomes relevant, by how much and why (rules.yaml)."""

    id: Id
    cause: Id
    when: When
    weight: Annotated[float, Gt(0), Le(1)]
    because: Text
    checklist: tuple[Id, ...] = ()
    #: The care tiers at which this rule may fire. A reassuring reason ("this is common") is scoped to
    #: self_care and see_gp, so it never sits on an urgent or emergency card. Default: every tier.
    tiers: Tiers = TIER_ORDER


@record
class RedFlag:
    """A warning sign and the care tier it calls for (red_flags.yaml)."""

    id: Id
    tier: Tier
    when: When
    reason: Text
    sources: Sources
    grade: Grade = "consensus"
    checklist: tuple[Id, ...] = ()


@record
class ChecklistItem:
    """One step. `tiers` is required: a step that is safe on a self-care card (rub the muscle, walk about)
    can harm or delay on an urgent or emergency one, so every item says where it may appear.
    `help_for` marks the step that says where to get help at that tier; such steps come first."""

    id: Id
    section: Section
    text: Text
    grade: Grade
    sources: Sources
    always: bool = False
    tiers: Tiers
    help_for: Tier | None = None
    #: A step to do before anything else that is not a call for help (cool down in the heat): the care card
    #: shows it, right after any help_for steps.
    on_care_card: bool = False

    def __post_init__(self) -> None:
        if self.on_care_card and self.section != "now":
            raise ValueError("an on_care_card step says what to do now: put it in section now")
        if self.help_for is not None:
            if self.section != "now":
                raise ValueError("a help_for step says what to do now: put it in section now")
            if self.help_for not in self.tiers:
                raise ValueError(f"help_for {self.help_for} must be one of its tiers {list(self.tiers)}")
