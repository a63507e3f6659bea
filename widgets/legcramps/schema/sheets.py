"""The words of the printed classroom sheets (sheets.yaml): summary, worksheet and the folder's index.

Why a file of their own: they are not medical text, but a reader sees every one of them, and a second
language will need them translated like the rest. The medical words of a sheet come from the cause files
and site.yaml; these are only the headings, labels and prompts around them.
"""

from __future__ import annotations

from typing import Annotated

from annotated_types import MaxLen, MinLen

from legcramps.schema.fields import Phrase, Text, record


@record
class SummaryWords:
    """Headings and labels of a page's one-page summary (the section headings "What helps" and "When to
    get help" are site.yaml's `cause_sections`, as on the pages)."""

    kicker: Text
    what_it_is: Text
    evidence: Text
    article_says: Text
    evidence_found: Text
    claims: Text
    get_help_note: Text
    sources: Text
    reading: Text


@record
class WorksheetWords:
    """The pupils' worksheet: a name line, the claim grid, space to write and an exit ticket."""

    title: Text
    name: Text
    date: Text
    card: Text
    intro: Text
    #: The claim, does it fit your card, the evidence label, would you trust it: the grid reads in this order.
    columns: Annotated[tuple[Text, ...], MinLen(4), MaxLen(4)]
    fits: Annotated[tuple[Annotated[Phrase, MinLen(1)], ...], MinLen(2), MaxLen(4)]
    trust: Annotated[tuple[Annotated[Phrase, MinLen(1)], ...], MinLen(2), MaxLen(4)]
    other_cause: Text
    labels: Text
    explain_heading: Text
    explain_prompt: Text
    exit_heading: Text
    exit_note: Text
    exit_questions: Annotated[tuple[Text, ...], MinLen(2), MaxLen(3)]


@record
class IndexWords:
    """build/handouts/index.html: one line for each kind of sheet."""

    title: Text
    worksheet: Text
    page: Text
    summaries: Text
    reading: Text
    glossary: Text
    answer_key: Text


@record
class DeckWords:
    """The words around a page's slides (`make slides`): the medical words come from the page's content."""

    quiz_heading: Text
    #: The lesson deck's entry in the list of slides (build/slides/index.html and the home page).
    lesson: Text
    #: A page's deck in that list.
    page_deck: Text


@record
class SheetsFile:
    summary: SummaryWords
    worksheet: WorksheetWords
    index: IndexWords
    deck: DeckWords
