"""What every piece of content is: one frozen dataclass per concept, with declared, typed fields.

Why plain dataclasses: the running app (a dashboard kernel, the CLI, the handouts) only
*reads* content that was checked once, and must not pay for pydantic (~9 MiB and a tenth of a second per
kernel) to do so. So these classes are stdlib dataclasses: they pickle into the content snapshot and load
without pydantic. The loader (`legcramps.content.files.validate`) checks raw YAML against the *same*
classes with a pydantic `TypeAdapter`: the field types, the `Annotated` constraints (annotated-types
markers, which pydantic honours, and three tiny markers of our own) and each class's `__post_init__` are the
schema. Unknown keys are errors (they are usually typos), and every instance is frozen: loaded content is
shared by every session of a server.

The people who edit `content/` are writers and clinicians: `python -m legcramps check` turns a broken
constraint here into `file:line: field: message`.

The classes live in modules by concept (all re-exported here, so `from legcramps.schema import Factor`):
`fields` (vocabularies, constants, typed fields and the markers), `site` (sources, glossary, site words),
`lesson` (the classroom lesson's slides),
`logic` (factors, rules, red flags, checklist), `pages` (causes with their key points, topics, pages, quizzes,
figures), `cases` (scenarios and clinical cases), `sheets` (the words of the printed classroom sheets),
`words` (the words around the content on the pages, home page, handouts, slides and exports) and `files` (whole
files, as the loader reads them).
"""

from __future__ import annotations

from legcramps.schema.cases import ClinicalCase, Expectation, Scenario, ScenariosFile
from legcramps.schema.fields import (
    HELP_TIERS,
    KEY_POINT_WORDS,
    TERM_MARK,
    TIER_ORDER,
    After,
    Before,
    CauseKind,
    Condition,
    FactorKind,
    FigureKind,
    Grade,
    Id,
    KeyPoint,
    Match,
    Section,
    Slug,
    SourceId,
    Sources,
    Text,
    Tier,
    Tiers,
    Url,
    When,
    record,
)
from legcramps.schema.files import (
    ChecklistFile,
    FactorsFile,
    FiguresFile,
    GlossaryFile,
    LanguageFile,
    PagesFile,
    RedFlagsFile,
    RulesFile,
    SourcesFile,
)
from legcramps.schema.lesson import SLIDE_WORDS, LessonFile, LessonSlide, QuizRef, SlideShow
from legcramps.schema.logic import ChecklistItem, ChoiceOption, Factor, FactorGroup, RedFlag, Rule
from legcramps.schema.pages import (
    Cause,
    CauseFront,
    Claim,
    Evidence,
    FigureSpec,
    HelpPoint,
    KeyPoints,
    Page,
    QuizAnswer,
    QuizFile,
    QuizQuestion,
    Topic,
    TopicFront,
)
from legcramps.schema.sheets import IndexWords, SheetsFile, SummaryWords, WorksheetWords
from legcramps.schema.site import (
    CauseSection,
    ClassWords,
    GlossaryTerm,
    GradeInfo,
    PanelHeadings,
    SiteFile,
    Source,
    TierInfo,
)
from legcramps.schema.words import (
    EvidenceWords,
    ExportWords,
    Fill,
    HandoutWords,
    HomeWords,
    LessonWords,
    OutlineHeadings,
    PagesTableWords,
    PageWords,
    QuizWords,
    WordsFile,
)

__all__ = [
    "HELP_TIERS",
    "KEY_POINT_WORDS",
    "SLIDE_WORDS",
    "TERM_MARK",
    "TIER_ORDER",
    "After",
    "Before",
    "Cause",
    "CauseFront",
    "CauseKind",
    "CauseSection",
    "ChecklistFile",
    "ChecklistItem",
    "ChoiceOption",
    "Claim",
    "ClassWords",
    "ClinicalCase",
    "Condition",
    "Evidence",
    "EvidenceWords",
    "Expectation",
    "ExportWords",
    "Factor",
    "FactorGroup",
    "FactorKind",
    "FactorsFile",
    "FigureKind",
    "FigureSpec",
    "FiguresFile",
    "Fill",
    "GlossaryFile",
    "GlossaryTerm",
    "Grade",
    "GradeInfo",
    "HandoutWords",
    "HelpPoint",
    "HomeWords",
    "Id",
    "IndexWords",
    "KeyPoint",
    "KeyPoints",
    "LanguageFile",
    "LessonFile",
    "LessonSlide",
    "LessonWords",
    "Match",
    "OutlineHeadings",
    "Page",
    "PageWords",
    "PagesFile",
    "PagesTableWords",
    "PanelHeadings",
    "QuizAnswer",
    "QuizFile",
    "QuizQuestion",
    "QuizRef",
    "QuizWords",
    "RedFlag",
    "RedFlagsFile",
    "Rule",
    "RulesFile",
    "Scenario",
    "ScenariosFile",
    "Section",
    "SheetsFile",
    "SiteFile",
    "SlideShow",
    "Slug",
    "Source",
    "SourceId",
    "Sources",
    "SourcesFile",
    "SummaryWords",
    "Text",
    "Tier",
    "TierInfo",
    "Tiers",
    "Topic",
    "TopicFront",
    "Url",
    "When",
    "WordsFile",
    "WorksheetWords",
    "record",
]
