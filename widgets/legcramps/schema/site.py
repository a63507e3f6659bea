"""Sources, glossary and the site's own words (sources.yaml, glossary.yaml, site.yaml)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from annotated_types import Ge, Gt, Le, MaxLen, MinLen

from legcramps.schema.fields import (
    Citation,
    Grade,
    Id,
    Phrase,
    SourceId,
    Sources,
    Text,
    Tier,
    Url,
    record,
)

# ---------------------------------------------------------------- sources, glossary, site text


@record
class Source:
    """A cited source (sources.yaml)."""

    id: SourceId
    title: Citation
    authors: str | None = None
    publisher: Citation
    year: Annotated[int, Ge(1900), Le(2100)]
    url: Url
    last_checked: dt.date
    note: str | None = None


@record
class GlossaryTerm:
    """A glossary entry with its aliases and plain definition (glossary.yaml)."""

    term: Text
    aliases: tuple[Phrase, ...] = ()
    definition: Text


@record
class GradeInfo:
    """An evidence grade's label and meaning (site.yaml), and its look on the charts in words (`looks`,
    "(green, solid)": the charts' alt text and legend; the colours themselves are static/palette.json's)."""

    id: Grade
    label: Text
    meaning: Text
    looks: Text


@record
class TierInfo:
    """A care tier's label, what to do and sources (site.yaml).

    `class_label` and `class_what_to_do` are the same advice about someone else ("They can look after it
    themselves"): class mode shows the card of a made-up person, and "Look after it yourself" would speak to
    the pupil.
    """

    id: Tier
    label: Text
    what_to_do: Text
    class_label: Text
    class_what_to_do: Text
    sources: Sources


@record
class PanelHeadings:
    """The headings over the dashboard's panels: its answers, the ranked causes and the checklist."""

    answers: Text
    causes: Text
    checklist: Text


@record
class DashboardWords:
    """The dashboard's own words around the results: the way to the pages, the share and save panel, the
    buttons. Kept with the content so that a translation finds every word a reader sees in one place."""

    read_pages: Text
    share_heading: Text
    share_link: Text
    copy_link: Text
    #: Said (to a screen reader too) once the link is on the clipboard.
    link_copied: Text
    download_markdown: Text
    download_printable: Text
    print: Text
    #: Under the share panel: what the link holds, for a reader and in class mode.
    privacy: Text
    privacy_class: Text
    #: The answers list on paper when every answer is at its default.
    all_defaults: Text
    reset: Text
    theme: Text
    theme_light: Text
    theme_dark: Text
    #: The relevance chart: its title, its title when no cause fits, its x axis label.
    chart_title: Text
    chart_empty: Text
    chart_axis: Text
    #: The chart in words (its alt text): `chart_alt` goes before the list of bars ("Age 40 (weak evidence); …"),
    #: `chart_alt_empty` is the whole of it when no cause fits.
    chart_alt: Text
    chart_alt_empty: Text
    #: Goes before the legend under the chart (each grade with its colour and pattern, from the palette).
    chart_legend: Text
    #: The accessible name of the way to the pages (a nav).
    pages_nav: Text
    #: A group of questions' header button, as a screen reader and a tooltip give it.
    show_questions: Text
    hide_questions: Text
    #: Instead of a traceback when an update fails (the server log gets the traceback).
    friendly_error: Text
    #: A share link's part that is not a question here (`{param}`), or whose value does not fit (`{problem}`:
    #: what the question accepts, in English; a language may leave it out).
    link_unknown: Text
    link_bad_value: Text


@record
class SectionTitles:
    """The checklist's sections, in every output (dashboard, exports, handouts, the command line)."""

    now: Text
    prevent: Text
    ask_doctor: Text


@record
class CardWords:
    """The words the results themselves are framed with: the care card, the ranked causes, the checklist."""

    sections: SectionTitles
    #: Before the care card's sources, and before a cause's "because" sentences.
    sources: Text
    because: Text
    #: The accessible name of the care card's first steps.
    do_first: Text
    #: A cause's fit as a screen reader hears its bar (`{pct}`: 0 to 100), and a cause page's heading over it.
    fit: Text
    your_fit: Text
    #: Beside a cause that only looks like a cramp (a clot, a blocked artery).
    look_alike: Text
    #: A cause page's explanation when no answer points to its cause (`{cause}`: its short title, and
    #: `{cause_lower}` the same in lower case), and the words before its evidence badge.
    no_fit: Text
    evidence_label: Text


@record
class TerminalWords:
    """What `python -m legcramps assess` prints around the results, in a terminal."""

    care: Text
    causes: Text


@record
class ClassWords:
    """What class mode (the dashboard with scenario cards, `?mode=class`) says that a reader's page does not.

    Why their own record: class mode speaks about a made-up person ("Their answers"), and a translation must
    be able to find and word all of it in one place.
    """

    headings: PanelHeadings
    #: The heading (and accessible name) of the list of scenario cards.
    cards: Text
    #: Shown where the care card will be until a card is picked (or an answer is set): no tier, no cause.
    pick: Text
    #: A card's link; `{name}` is the card's person, the title up to its first comma ("Sam").
    set_answers: Text
    #: The summary of a card's disclosure that holds its questions.
    questions: Text
    #: The care card's reason when no warning sign is set (the reader's page says `no_warning_signs`).
    no_warning_signs: Text


@record
class CauseSection:
    """One prose section every cause file has: its id (what code asks for) and its `## heading` (what
    readers see, in the cause files and on the pages)."""

    id: Id
    heading: Text


@record
class SiteFile:
    """Words the app shows around the medical content: title, disclaimer, grade and tier explanations."""

    title: Text
    tagline: Text
    disclaimer: Text
    no_match: Text
    #: Shown instead of `no_match` on an urgent or emergency card, where "harmless" would mislead.
    no_match_with_warning: Text
    no_warning_signs: Text
    class_intro: Text = "Class mode: these are fictional people. Open a card to set its answers."
    #: The dashboard's panel headings for a reader ("Your answers"); class mode has its own in `class_mode`.
    headings: PanelHeadings
    class_mode: ClassWords
    dashboard: DashboardWords
    card: CardWords
    terminal: TerminalWords
    #: The notice a page shows when its kernel is gone: lost, paused after {duration} without use, and the
    #: one button that reloads with the answers kept.
    page_lost: Text
    page_paused: Text
    page_reload: Text
    #: What a live part of a page (the explorer, the quiz, the dashboard) shows until its kernel is ready, and
    #: instead, when it has still not come long after the page loaded (with the `page_reload` button).
    page_loading: Text = "The interactive part is loading."
    page_loading_failed: Text = "The interactive part could not load."
    #: Words that reassure ("not a warning sign", "harmless"). A text holding one may not appear on an
    #: urgent or emergency card (legcramps.content.safety).
    reassuring_words: tuple[Text, ...] = ()
    grades: Annotated[tuple[GradeInfo, ...], MinLen(6), MaxLen(6)]
    tiers: Annotated[tuple[TierInfo, ...], MinLen(4), MaxLen(4)]
    #: A page whose review_date is older than this many days is due for review (`check` warns, `--strict` fails).
    review_within_days: Annotated[int, Gt(0)] = 730
    #: The sections of every cause file, in reading order.
    cause_sections: Annotated[tuple[CauseSection, ...], MinLen(1)]
