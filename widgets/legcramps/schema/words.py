"""The words around the content on the pages, handouts, slides and exports (words.yaml): headings, link
labels, table headings, and the names a screen reader gives a navigation or a table.

Why a file of their own: they are not medical text, but a reader sees (or hears) every one of them, so a
language's text pack must be able to give them like the rest (every field here is `Text`). The medical
words come from the cause, topic and page files and site.yaml; the printed sheets' own words are
sheets.yaml's.

A text with values in it names them in braces (`{title}`, `{date}`) and the code fills them in with
`str.format`; each such field says which names it takes, and `check` rejects a text (in any language) that
leaves one out, adds another or has a stray brace, so a translation can never break a page. A date is
written with the language's own month names and order (`DateWords`), never with the system's locale.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable
from typing import Annotated, Any

from annotated_types import MaxLen, MinLen

from legcramps.schema.fields import After, Phrase, Text, record


def _fills(names: tuple[str, ...]) -> Callable[[str], str]:
    """A check that a text's `{…}` fields are exactly `names` (each used at least once, as a bare `{name}`),
    braces balanced: what `str.format` fills in without an error."""

    def check(text: str) -> str:
        try:
            fields = [(field, spec, conversion) for _, field, spec, conversion in string.Formatter().parse(text)
                      if field is not None]
        except ValueError as exc:  # "Single '}' encountered in format string"
            raise ValueError(f"has a stray brace ({exc}); write {{{{ or }}}} for a brace shown as it is") from None
        used = {field for field, _, _ in fields}
        odd = [field for field, spec, conversion in fields if spec or conversion]
        if odd:
            raise ValueError(f"writes {{{odd[0]}}} with a format (`:` or `!`): write it as it is in English")
        if used != set(names):
            want = ", ".join(f"{{{n}}}" for n in names)
            raise ValueError(f"must hold {want} (and no other {{…}}), as in English; it holds "
                             + (", ".join(f"{{{n}}}" for n in sorted(used)) or "none"))
        return text

    return check


def Fill(*names: str) -> Any:
    """`Fill("title")`: words with the values `{title}` in them, filled in by the code (see the module).
    Named like a type because it is one: `link_checked: Fill("date")`."""
    return Annotated[Text, After(_fills(names))]


@record
class DateWords:
    """Dates as a reader reads them: the language's month names and the order of a date's parts."""

    #: The months, January first, as a full date shows them ("05 March 2024"; a language whose dates
    #: inflect the month, as Russian's do, gives the form a date uses: «марта»).
    months: Annotated[tuple[Text, ...], MinLen(12), MaxLen(12)]
    #: The same, short ("05 Mar 2024"), for a date in a list of sources.
    months_short: Annotated[tuple[Annotated[Phrase, MinLen(1)], ...], MinLen(12), MaxLen(12)]
    #: A date: `{day}` is the day of the month in two digits ("05"), `{month}` a name from `months` (or
    #: `months_short`), `{year}` the year.
    long: Fill("day", "month", "year")
    short: Fill("day", "month", "year")

    def long_date(self, day: dt.date) -> str:
        """`day` as a full date ("05 March 2024")."""
        return self.long.format(day=f"{day.day:02d}", month=self.months[day.month - 1], year=day.year)

    def short_date(self, day: dt.date) -> str:
        """`day` with its month short ("05 Mar 2024")."""
        return self.short.format(day=f"{day.day:02d}", month=self.months_short[day.month - 1], year=day.year)


@record
class OutlineHeadings:
    """The headings of a cause page's own parts, in every notebook and long handout (the prose sections'
    headings, "What helps" and the others, are site.yaml's `cause_sections`)."""

    objectives: Text
    explore: Text
    evidence: Text
    quiz: Text
    sources: Text


@record
class PageWords:
    """A page's words around its prose: the navigation, the evidence part, the classroom task, the glossary."""

    headings: OutlineHeadings
    #: The navigation at the top of a page: its name for a screen reader, and its two fixed links.
    nav_label: Text
    nav_dashboard: Text
    nav_first: Text
    #: A topic's claim: what is often said, then what the evidence says (each before its text).
    often_said: Text
    the_evidence: Text
    #: The summary of the disclosure that lists every evidence label with its meaning.
    labels_mean: Text
    #: Before the page's classroom task (`try_this` of pages.yaml).
    try_this: Text
    #: The heading over the glossary of the words the page uses.
    glossary: Text


@record
class PagesTableWords:
    """The table of pages: on the first page, in the README, and the dashboard's own row in it (its blurb
    is also on the home page, under the way in)."""

    heading: Text
    page: Text
    covers: Text
    dashboard: Text
    dashboard_blurb: Text


@record
class EvidenceWords:
    """How evidence is shown everywhere (pages, cards, handouts, slides): sources, grades, the claim table."""

    #: Before the links to the sources behind a grade (and on a slide, under its text).
    sources: Text
    #: A paper with several authors, short: `{name}` is the first author's surname ("Allen et al.").
    et_al: Fill("name")
    #: After each full reference: `{date}` is when its link was last checked (a short date, `dates.short`).
    link_checked: Fill("date")
    #: Before a cause's overall verdict, over its claim by claim table.
    overall: Text
    #: The claim table: its caption and its three column headings.
    claims_caption: Text
    claims_said: Text
    claims_evidence: Text
    claims_grade: Text
    #: The caption of the table of the four levels of care.
    tiers_caption: Text


@record
class QuizWords:
    """A quiz's feedback, and the teachers' notes on the scenario cards."""

    #: The button that checks the picked answer.
    check: Text
    no_answer: Text
    right: Text
    wrong: Text
    #: Before a scenario card's notes for the teacher (the answer key).
    class_should_find: Text


@record
class HomeWords:
    """The home page (`/`): the way in, the list of pages, the teachers' section, sources and review."""

    start: Text
    pages_heading: Text
    teachers_heading: Text
    #: Each page's sheets, after its title: its one-page summary, its long handout, its slides.
    summary_link: Text
    reading_link: Text
    slides_link: Text
    #: The lesson deck's link, and what follows it (`{link}` is the link, with `lesson_slides` as its words).
    lesson_slides: Text
    lesson_slides_line: Fill("link")
    #: Class mode's link, and what follows it (`{link}`: the link, with `class_mode` as its words).
    class_mode: Text
    class_mode_line: Fill("link")
    #: The worksheet's link, what follows it, and the glossary sheet's link.
    worksheet: Text
    worksheet_note: Text
    glossary: Text
    sources_heading: Text
    #: `{date}` is the latest clinical review of the pages (a full date, `dates.long`).
    sources_intro: Fill("date")


@record
class HandoutWords:
    """The printed long handouts, the glossary sheet and the teachers' answer key (`make handouts`)."""

    #: The browser tab (and PDF name) of a page's long handout: `{title}` is the page's title.
    handout_title: Fill("title")
    try_this: Text
    sources: Text
    glossary: Text
    glossary_title: Text
    answer_key: Text
    answer_key_title: Text
    scenario_cards: Text


@record
class LessonWords:
    """The lesson deck's speaker notes and the lesson plan in the teacher guide (the slides' own words are
    lesson.yaml's)."""

    #: In a slide's notes, before what the class does: `{minutes}` is the slide's time.
    minutes: Fill("minutes")
    #: The lesson plan's column headings, and its time column (`{start}` to `{end}` minutes).
    plan_time: Text
    plan_slide: Text
    plan_activity: Text
    plan_minutes: Fill("start", "end")


@record
class ExportWords:
    """"Bring this to your GP": the answers and checklist as a printable page and as Markdown."""

    #: The title; the day it was made follows it (a full date, `dates.long`).
    title: Text
    #: The care level's heading: `{tier}` is its label.
    care: Fill("tier")
    do_first: Text
    my_answers: Text
    #: A yes-or-no answer (a tick box's).
    answer_yes: Annotated[Phrase, MinLen(1)]
    answer_no: Annotated[Phrase, MinLen(1)]
    #: The answers list when every answer is at its default: in Markdown, and on the printable page.
    all_defaults_markdown: Text
    all_defaults: Text
    causes_heading: Text
    #: After a cause's title: `{pct}` is how well the answers fit (0 to 100), `{grade}` its evidence label.
    cause_fit: Fill("pct", "grade")
    #: Before the link that opens the same answers again.
    open_again: Text


@record
class FigureWords:
    """The words a cause page's teaching figure draws around its data (the figure's own title, caption and
    axis labels are figures.yaml's): the reader's mark, the legend, and the sentence under it."""

    #: Beside the reader's own point or marker (a short word: "You", «Вы»).
    you: Annotated[Phrase, MinLen(1)]
    #: The calf figure: the reader's setting (`{x}` degrees, `{y}` per cent).
    calf_setting: Fill("x", "y")
    #: The fluid figure: its legend, its axis, and where the reader's amount falls (`{litres}`, `{where}`).
    advised_range: Text
    very_low: Text
    litres_axis: Text
    below_very_low: Text
    below_advised: Text
    inside_advised: Text
    above_advised: Text
    fluid_setting: Fill("litres", "where")
    #: The age figure: the reader's group (`{name}`, about `{pct}` per cent), or none.
    age_below: Text
    age_group: Fill("name", "pct")
    #: The medicines figure: the groups the reader ticked (`{groups}`), or none.
    ratios_mine: Fill("groups")
    ratios_none: Text
    #: A cause without a figure of its own: which answers push it (`{cause}`: its short title).
    rules_title: Fill("cause")
    rules_caption: Text
    rules_axis: Text
    rules_on: Fill("count", "total")
    #: Words a "because" sentence starts with that its bar's short label leaves out ("You ", "Your ").
    drop_first: tuple[Phrase, ...] = ()
    #: The decimal mark of a number in a sentence ("1.8" or «1,8»).
    decimal_mark: Annotated[Phrase, MinLen(1)] = "."


@record
class WordsFile:
    """words.yaml: the words of the pages, the home page, the handouts, the slides and the exports that
    are not the content's own."""

    dates: DateWords
    page: PageWords
    pages_table: PagesTableWords
    evidence: EvidenceWords
    quiz: QuizWords
    home: HomeWords
    handouts: HandoutWords
    lesson: LessonWords
    export: ExportWords
    figure: FigureWords
