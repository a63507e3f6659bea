"""Whole content files as the loader reads them, before it unpacks them into `Content`."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import MinLen

from legcramps.schema.fields import (
    record,
)
from legcramps.schema.logic import ChecklistItem, Factor, FactorGroup, RedFlag, Rule
from legcramps.schema.pages import FigureSpec, Page
from legcramps.schema.site import GlossaryTerm, Source

# ---------------------------------------------------------------- whole files (unpacked by the loader)


@record
class SourcesFile:
    sources: Annotated[tuple[Source, ...], MinLen(1)]


@record
class GlossaryFile:
    terms: Annotated[tuple[GlossaryTerm, ...], MinLen(1)]


@record
class FactorsFile:
    groups: Annotated[tuple[FactorGroup, ...], MinLen(1)]
    factors: Annotated[tuple[Factor, ...], MinLen(20)]


@record
class RulesFile:
    rules: Annotated[tuple[Rule, ...], MinLen(1)]


@record
class RedFlagsFile:
    flags: Annotated[tuple[RedFlag, ...], MinLen(1)]


@record
class ChecklistFile:
    items: Annotated[tuple[ChecklistItem, ...], MinLen(1)]


@record
class PagesFile:
    pages: Annotated[tuple[Page, ...], MinLen(1)]


@record
class FiguresFile:
    figures: tuple[FigureSpec, ...] = ()


@record
class LanguageFile:
    """content/text/<lang>/language.yaml: a language's own name, and whether its text pack is complete.

    `draft`: being written; a text it lacks shows in English and `check` warns. `complete`: a text it lacks
    is a problem, like any other (legcramps.content.language)."""

    name: Annotated[str, MinLen(2)]
    status: Literal["draft", "complete"]
    #: The lowest reading ease each page may have in this language, on the language's own measure
    #: (Russian: Oborneva's Flesch adaptation, legcramps.readability): `check --lang` warns below it.
    min_reading_ease: float | None = None
