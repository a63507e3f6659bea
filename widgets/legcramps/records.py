"""Content as the running app holds it: small frozen records, with no pydantic behind them.

Why this module exists: pydantic is only needed to *check* content. Importing it, and building the core
schemas of our models, costs a dashboard kernel about 9 MiB and a tenth of a second, for objects that are
never validated again once loaded. So the loader validates with the pydantic models (`legcramps.models`),
then turns the result into the records below, and `legcramps.content` can keep a pickled snapshot of
them that a kernel loads without importing pydantic at all.

What a model can *do* (a factor checks a value, a cause knows its id) lives in the `*Methods` mixins here,
which both the pydantic models and the records inherit, so there is one copy of that code. Constants and
the `Literal` vocabularies live here too, for the same reason; `legcramps.schema` re-exports everything.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar, Literal

Grade = Literal["strong", "moderate", "weak", "consensus", "unsupported", "contested"]
Tier = Literal["self_care", "see_gp", "urgent", "emergency"]
Section = Literal["now", "prevent", "ask_doctor"]
CauseKind = Literal["article", "missing", "look_alike"]
FactorKind = Literal["slider", "checkbox", "choice"]

#: Order of the care tiers, least to most pressing. The engine takes the highest one triggered.
TIER_ORDER: tuple[str, ...] = ("self_care", "see_gp", "urgent", "emergency")
#: Tiers at which a card is about getting help, not about looking after a cramp: the first step says
#: where to go, and nothing that could harm or delay (rub it, walk it off) may show.
HELP_TIERS: tuple[str, ...] = ("urgent", "emergency")

#: The prose sections every cause file must have, as `## heading`s.
CAUSE_SECTIONS: tuple[str, ...] = ("What happens in the body", "Who is affected", "What helps", "When to get help")

TERM_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
"""`[[term]]` or `[[shown words|term]]` in any text marks a glossary word; the loader checks the term exists."""


# ---------------------------------------------------------------- behaviour shared by models and records


class FactorMethods:
    """What a factor answers about itself. Needs `id`, `kind`, `unit`, `min`, `max`, `options` attributes."""

    __slots__ = ()

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


class CauseMethods:
    """A cause is addressed by its front matter's id and title. Needs a `front` attribute."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self.front.id

    @property
    def title(self) -> str:
        return self.front.title


class TopicMethods:
    """A topic is addressed by its front matter's id. Needs a `front` attribute."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self.front.id


# ---------------------------------------------------------------- the record base


def _restore(cls: type[Record], fields: dict[str, Any]) -> Record:
    """Unpickle a record: module-level so pickles name `legcramps.records`, never pydantic."""
    return cls(**fields)


class Record:
    """A frozen bag of fields, compared and shown by its fields, like the pydantic model it was made from.

    Subclasses are named after their model (`Factor` for `models.Factor`) and registered by that name, so
    `freeze()` can find the record class for any model without importing pydantic.
    """

    by_model_name: ClassVar[dict[str, type[Record]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Record.by_model_name[cls.__name__] = cls

    def __init__(self, **fields: Any) -> None:
        vars(self).update(fields)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: content is shared by every session")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: content is shared by every session")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self), tuple(vars(self).values())))

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({fields})"

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), dict(vars(self)))


def freeze(value: Any, memo: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """A validated pydantic tree as records: each model becomes the record class of the same name.

    Lists, tuples and dicts are rebuilt with their items frozen; anything else (str, float, date, frozenset
    …) is kept. A model met twice (a glossary entry under each of its aliases) becomes one shared record.
    Pydantic is recognised by duck typing (`model_fields` on the class), so this module never imports it.
    """
    memo = {} if memo is None else memo
    if isinstance(value, list | tuple):
        items = [freeze(v, memo) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {k: freeze(v, memo) for k, v in value.items()}
    fields = getattr(type(value), "model_fields", None)
    if fields is None or isinstance(value, Record):
        return value
    seen = memo.get(id(value))
    if seen is not None:
        return seen[1]
    cls = Record.by_model_name.get(type(value).__name__)
    if cls is None:
        raise TypeError(f"no record class for model {type(value).__name__}; add one to legcramps/records.py")
    record = cls(**{name: freeze(getattr(value, name), memo) for name in fields})
    memo[id(value)] = (value, record)  # keeps `value` alive, so its id() is not reused during this freeze
    return record


# ---------------------------------------------------------------- one record per model the Content holds
# (the *File wrappers are unpacked by the loader; only QuizFile is kept whole.)


class Source(Record):
    """A cited source (sources.yaml)."""


class GlossaryTerm(Record):
    """A glossary entry with its aliases and plain definition (glossary.yaml)."""


class GradeInfo(Record):
    """An evidence grade's label and meaning (site.yaml)."""


class TierInfo(Record):
    """A care tier's label, what to do and sources (site.yaml)."""


class SiteFile(Record):
    """The words around the medical content (site.yaml)."""


class FactorGroup(Record):
    """A group of factors, shown as one section of controls (factors.yaml)."""


class ChoiceOption(Record):
    """One option of a choice factor (factors.yaml)."""


class Factor(FactorMethods, Record):
    """One answer a reader can give, with its kind, range or options and default (factors.yaml)."""


class Rule(Record):
    """When a cause becomes relevant, by how much and why (rules.yaml)."""


class RedFlag(Record):
    """A warning sign and the care tier it calls for (red_flags.yaml)."""


class ChecklistItem(Record):
    """One line of the checklist (checklist.yaml)."""


class Evidence(Record):
    """A cause's overall evidence grade and what it says (cause front matter)."""


class Claim(Record):
    """One thing the source article says, and what the evidence says about it."""


class CauseFront(Record):
    """A cause file's front matter."""


class TopicFront(Record):
    """A topic file's front matter."""


class Cause(CauseMethods, Record):
    """A cause (or look-alike) with its prose sections, keyed by heading (causes/*.md)."""


class Topic(TopicMethods, Record):
    """A page's topic that is not a cause (topics/*.md)."""


class Page(Record):
    """One notebook page in the registry (pages.yaml)."""


class Scenario(Record):
    """A fictional person for class use (scenarios.yaml)."""


class ClinicalCase(Record):
    """A clinical test case: answers and the card they must give (scenarios.yaml)."""


class QuizAnswer(Record):
    """One answer of a quiz question, with its feedback (quizzes/*.yaml)."""


class QuizQuestion(Record):
    """One quiz question (quizzes/*.yaml)."""


class QuizFile(Record):
    """A page's quiz (quizzes/*.yaml)."""


class FigureSpec(Record):
    """Numbers and words for one cause page's teaching figure (figures.yaml)."""
