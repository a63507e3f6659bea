"""`Content`: everything in `content/`, validated, as the running app reads it.

A plain frozen dataclass of `legcramps.schema` records, keyed for the lookups the engine and the pages
make. It is what `load()` returns and what the snapshot pickles, so it holds no pydantic, YAML or Markdown
library objects: a kernel that unpickles it imports none of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from legcramps.content.conditions import When, factors_in
from legcramps.content.texts import Passage, passages
from legcramps.schema import (
    Cause,
    ChecklistItem,
    ClinicalCase,
    Factor,
    FactorGroup,
    FigureSpec,
    GlossaryTerm,
    GradeInfo,
    LessonFile,
    Page,
    QuizFile,
    RedFlag,
    Rule,
    Scenario,
    SheetsFile,
    SiteFile,
    Source,
    TierInfo,
    Topic,
    WordsFile,
)


@dataclasses.dataclass(frozen=True)
class Content:
    """Everything in `content/`, validated. Read-only; shared between sessions."""

    root: Path
    site: SiteFile
    sources: dict[str, Source]
    glossary: dict[str, GlossaryTerm]  # lower-case term or alias -> entry
    groups: dict[str, FactorGroup]
    factors: dict[str, Factor]
    rules: tuple[Rule, ...]
    flags: tuple[RedFlag, ...]
    checklist: dict[str, ChecklistItem]
    causes: dict[str, Cause]  # in reading order
    topics: dict[str, Topic]
    pages: tuple[Page, ...]
    quizzes: dict[str, QuizFile]  # by page slug
    rule_when: dict[str, When]  # rule id -> its compiled `when`
    flag_when: dict[str, When]  # red flag id -> its compiled `when`
    figures: dict[str, FigureSpec]  # by cause id
    sheets: SheetsFile  # the words of the printed classroom sheets (sheets.yaml)
    #: The words around the content on the pages, home page, handouts, slides and exports (words.yaml).
    words: WordsFile | None = None
    scenarios: tuple[Scenario, ...] = ()
    clinical: tuple[ClinicalCase, ...] = ()  # clinical test cases (scenarios.yaml), never shown to readers
    reassuring_answers: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    lesson: LessonFile | None = None  # the classroom lesson: its slides and plan (lesson.yaml)
    #: The language of the words (legcramps.content.language): "en", or a text pack's code ("ru").
    lang: str = "en"
    #: Every language of the content folder, (code, its own name), English first: for the language switch.
    languages: tuple[tuple[str, str], ...] = (("en", "English"),)
    #: What a draft language's pack does not give yet (shown in English meanwhile): `check` warns of each.
    untranslated: tuple[str, ...] = ()
    #: Whether the language's pack is complete (`status: complete`): else a draft, not yet offered to readers.
    complete: bool = True
    #: The lowest reading ease a page may have in this language (its language.yaml; None: English's own rule).
    min_reading_ease: float | None = None
    #: ("inline" | "block", Markdown source) -> sanitised HTML, for every text the pages render (legcramps.markup)
    rendered: Mapping[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def factors_for(self, cause_id: str) -> list[Factor]:
        """The factors that any rule of this cause looks at, in the order of factors.yaml."""
        used = {fid for r in self.rules_for(cause_id) for fid in factors_in(self.rule_when[r.id])}
        return [f for f in self.factors.values() if f.id in used]

    def rules_for(self, cause_id: str) -> list[Rule]:
        return [r for r in self.rules if r.cause == cause_id]

    def defaults(self) -> dict[str, Any]:
        return {f.id: f.default for f in self.factors.values()}

    def page(self, slug: str) -> Page:
        for page in self.pages:
            if page.slug == slug:
                return page
        raise KeyError(f"no page {slug!r}; pages are {[p.slug for p in self.pages]}")

    def grade(self, grade_id: str) -> GradeInfo:
        return next(g for g in self.site.grades if g.id == grade_id)

    def tier(self, tier_id: str) -> TierInfo:
        return next(t for t in self.site.tiers if t.id == tier_id)

    def term(self, word: str) -> GlossaryTerm | None:
        return self.glossary.get(word.strip().lower())

    def section_heading(self, section_id: str) -> str:
        """The `## heading` readers see for a cause section id ("helps" → "What helps")."""
        return next(s.heading for s in self.site.cause_sections if s.id == section_id)

    def passages(self) -> Iterator[Passage]:
        """Every text in the content, with where it lives and how pages render it (`legcramps.content.texts`)."""
        return passages(self.site, self.factors.values(), self.rules, self.flags, self.checklist.values(),
                        self.causes.values(), self.topics.values(), self.pages, self.quizzes, self.lesson)
