"""Every string a reader sees is rendered, never raw (issue #17, item 5).

Why: content is written with glossary marks (`[[calf]]`), Markdown (`**`, backticks) and is escaped for HTML;
a text that skips `legcramps.markup` on its way to a page shows a reader brackets and asterisks, and a text
escaped twice shows `&amp;`. One such slip reached readers already (quiz options showed `[[flat feet]]`), so
this walks *everything* a reader can see, headless (`tests.unit.reader_text`), and fails on any leftover:

- every widget tree the app builds: the dashboard (personal and class mode, with the answers of every
  scenario and clinical case, alone and over the reassuring answers, and a bad share link), a cause
  explorer for every cause with each of its controls moved, every quiz with every option checked;
- every field a widget shows: descriptions, tooltips, placeholders, option labels, the text of HTML widgets
  (and the `title`, `alt` and `aria-label` a reader hears or hovers), the drawn labels of every figure;
- every page that is not a widget: the home page, the notebooks' page parts, each handout and one-page
  summary, the worksheet, the index of the printed sheets, the glossary sheet and the answer key, the GP
  export (HTML and Markdown) and the CLI's text.

The shipped content is walked as it is, and again as a copy with marks and Markdown added to every text that
may hold them (`Content.passages()`), so a renderer that only works because today's texts happen to have no
mark is caught too. The lesson slides are walked as a document (with their speaker notes); Voilà and
JupyterLab show the same widgets.
It also checks that no button is narrower than its label (ipywidgets' default button is 148 px wide and
cut "Check my answer" to "Check my ans…").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import ipywidgets as widgets
import pytest

from legcramps.content import Content
from legcramps.ui import CauseExplorer, Dashboard, Quiz
from tests.unit.reader_text import Shown, all_buttons, leftovers, problems, walk


def test_the_checker_flags_every_kind_of_leftover():
    flagged = {
        "Being on kidney [[dialysis]]": "html", "Being on kidney [[dialysis]]!": "plain",
        "<p>a **strong** word</p>": "html", "<p>run `assess`</p>": "html", "<p>an *emphasised* word</p>": "html",
        "<p>see [the NHS](https://nhs.uk)</p>": "html", "<p>&amp;lt;b&amp;gt;bold</p>": "html",
        "<p>&lt;dfn&gt;calf&lt;/dfn&gt;</p>": "html", "Tom &amp; Jerry": "plain", "<b>bold</b> label": "plain",
        '<dfn title="Pain in the [[calf]]">cramp</dfn>': "html", '<img alt="A **bar** chart">': "html",
        "- [ ] Drink [[fluids|fluid]]": "markdown",
    }
    for text, kind in flagged.items():
        assert leftovers(Shown("self-check", "field", text, kind)), f"{text!r} ({kind}) should be flagged"
    clean = {
        '<p>Being on kidney <dfn class="lc-term" title="A machine cleans the blood.">dialysis</dfn></p>': "html",
        "<p>Tom &amp; Jerry, 3 &lt; 4, x*y</p><style>a { b: c } .x__y {}</style>": "html",
        "Cramps at night — 1 to 2 litres (about 6–8 glasses)": "plain", "- **Do this first:** rest": "markdown",
    }
    for text, kind in clean.items():
        assert leftovers(Shown("self-check", "field", text, kind)) == [], f"{text!r} ({kind}) is clean"


#: Each part of the app: how many different strings it shows at least (the walk finds ~1,860 in all), and
#: what must be among the places walked, so a walk that quietly loses a part fails.
PARTS = {
    "dashboard": (600, ("Dashboard(personal)", "Dashboard(mode=class)", "relevance chart", "bad share link")),
    "explorers": (300, ("CauseExplorer(dvt)", "CauseExplorer(salt_balance)", "> figure")),
    "quizzes": (200, ("Quiz(00-start-here)", "option 0")),
    "pages": (300, ("home page", "handout", "summary sheet", "worksheet", "notebook ", "glossary sheet", "answer key",
                    "GP export", "legcramps assess", "lesson slides")),
}


@pytest.mark.parametrize("part", PARTS)
def test_no_reader_sees_raw_markup(content, part):
    shown = walk(content, [part])
    least, places = PARTS[part]
    assert len(shown) > least, f"only {len(shown)} strings were walked in {part}: the walk has lost something"
    wheres = " ".join(item.where for item in shown.values())
    for place in places:
        assert place in wheres, f"nothing from {place} was walked"
    found = problems(shown)
    assert not found, f"{len(found)} leftover(s) a reader would see:\n" + "\n".join(found)


#: Every kind of content text that may hold glossary marks (`legcramps.content.texts`, the one walker), by
#: record class and field, and whether it may hold Markdown too ("plain" texts are shown as written).
MARKABLE = {("SiteFile", "no_match"): "inline", ("SiteFile", "no_match_with_warning"): "inline",
            ("SiteFile", "no_warning_signs"): "inline", ("TierInfo", "what_to_do"): "inline",
            ("TierInfo", "class_what_to_do"): "inline", ("ClassWords", "pick"): "inline",
            ("ClassWords", "no_warning_signs"): "inline",
            ("Factor", "help"): "plain", ("Rule", "because"): "inline", ("RedFlag", "reason"): "inline",
            ("ChecklistItem", "text"): "inline", ("CauseFront", "summary"): "inline",
            ("CauseFront", "article_says"): "inline", ("CauseFront", "objectives"): "inline",
            ("KeyPoints", "helps"): "inline", ("HelpPoint", "text"): "inline",
            ("Evidence", "says"): "inline", ("Claim", "article_says"): "inline",
            ("Claim", "evidence_says"): "inline", ("Cause", "sections"): "block", ("TopicFront", "summary"): "inline",
            ("Topic", "body"): "block", ("Page", "try_this"): "inline", ("QuizQuestion", "question"): "inline",
            ("QuizAnswer", "text"): "plain", ("QuizAnswer", "feedback"): "inline", ("LessonFile", "title"): "inline",
            ("LessonSlide", "heading"): "inline", ("LessonSlide", "body"): "inline", ("LessonSlide", "notes"): "inline",
            ("LessonSlide", "activity"): "inline"}


def marked(content: Content) -> Content:
    """A copy of `content` whose every markable text also has glossary marks and, where Markdown is allowed,
    bold words, at its start and its end (a figure label shows only a sentence's first words): the texts that
    have none today are held to the same rule as those that do."""
    term = next(iter(content.glossary.values())).term
    extra = {"plain": (f"[[{term}]]: ", f" (see [[{term}]])"),
             "inline": (f"**Really**, [[{term}]]: ", f" (see [[{term}]], **really**)"),
             "block": (f"**Really**, [[{term}]]:\n\n", f"\n\nSee [[{term}]], **really**.\n")}

    def mark(value, kind: str):
        if isinstance(value, str):
            return extra[kind][0] + value + extra[kind][1]
        if isinstance(value, tuple):
            return tuple(mark(v, kind) for v in value)
        return {k: mark(v, kind) for k, v in value.items()}

    def copy(value):
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {}
            for field in dataclasses.fields(value):
                old = getattr(value, field.name)
                kind = MARKABLE.get((type(value).__name__, field.name))
                new = (mark(old, kind) if old else old) if kind else copy(old)
                if new is not old:
                    changes[field.name] = new
            return dataclasses.replace(value, **changes) if changes else value
        if isinstance(value, tuple):
            new = tuple(copy(v) for v in value)
            return value if all(a is b for a, b in zip(new, value, strict=True)) else new
        if isinstance(value, dict):
            new = {k: copy(v) for k, v in value.items()}
            return value if all(new[k] is v for k, v in value.items()) else new
        return value

    return dataclasses.replace(copy(dataclasses.replace(content, rendered={})), rendered=content.rendered)


def test_marks_and_markdown_in_any_content_text_are_rendered(content):
    """Glossary marks may be in every text `Content.passages()` walks; no text may reach a reader unrendered."""
    copy = marked(content)
    unmarked = [f"{p.file}: {p.field}" for p in copy.passages() if p.text and "[[" not in p.text]
    assert not unmarked, "MARKABLE misses texts that content may mark:\n" + "\n".join(unmarked)
    shown = walk(copy, thorough=False)
    assert {item.kind for item in shown.values()} == {"html", "plain", "markdown"}
    assert len(shown) > 1000
    found = problems(shown)
    assert not found, f"{len(found)} leftover(s) a reader would see:\n" + "\n".join(found)


def _fits(width: str | None, label: str, icon: str = "") -> bool:
    """Whether a button `width` wide shows `label` whole: auto or a share of its box, or enough pixels for
    ~8 px a character, the icon and the padding (ipywidgets' default, None, is 148 px)."""
    if width in ("auto", "initial", "fit-content", "max-content") or (width or "").endswith("%"):
        return True
    pixels = int(width[:-2]) if width and width.endswith("px") else 148
    return pixels >= 8 * len(label) + (22 if icon else 0) + 30


def _buttons(content: Content) -> Iterable[tuple[str, widgets.Widget]]:
    yield from all_buttons(Dashboard(content, query="").widget, "Dashboard")
    for cause_id in content.causes:
        yield from all_buttons(CauseExplorer(cause_id, content, figure=False).widget, f"CauseExplorer({cause_id})")
    for slug in content.quizzes:
        yield from all_buttons(Quiz(slug, content).widget, f"Quiz({slug})")


def test_every_button_shows_its_whole_label(content):
    seen, cut = 0, []
    for where, button in _buttons(content):
        seen += 1
        if isinstance(button, widgets.ToggleButtons):
            for label in button._options_labels:
                if not _fits(button.style.button_width or None, label):
                    cut.append(f"{where}: option {label!r} in button_width {button.style.button_width!r}")
        elif not _fits(button.layout.width, button.description, button.icon):
            cut.append(f"{where}: {button.description!r} in width {button.layout.width!r}")
    assert seen > 10
    assert not cut, "buttons narrower than their label:\n" + "\n".join(cut)
