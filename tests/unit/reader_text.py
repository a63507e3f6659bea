"""What a reader sees of the app, walked headless, and the check for markup left in it (test_no_raw_markup.py).

Why a module of its own: the walk (every widget tree, page, export and command line text, with where each
string is shown) is useful to any test about what readers get, not only to the markup test.
"""

from __future__ import annotations

import contextlib
import dataclasses
import html.parser
import io
import re
from collections.abc import Iterable, Iterator
from unittest import mock
from xml.etree import ElementTree

import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.text import Text

from legcramps import cli, export, handouts, slides
from legcramps.answers import to_query
from legcramps.content import Content
from legcramps.engine import assess
from legcramps.expectations import backgrounds, cases
from legcramps.notebooks import expected_notebooks
from legcramps.render.home import home_page
from legcramps.ui import CauseExplorer, Dashboard, Quiz

#: What must never reach a reader. `<` and entities are checked in text a reader sees (after HTML is
#: parsed), so they can only be there when something was escaped twice or a tag was shown as text.
LEFTOVER = re.compile(
    r"\[\[|\]\]"  # a glossary mark
    r"|\*\*|__|`|\]\("  # Markdown: strong, code, a link
    r"|(?<![\w*])\*(?=[^\s*])[^*\n]{1,80}(?<=[^\s*])\*(?![\w*])"  # Markdown emphasis: *words*
    r"|<[a-zA-Z/!]"  # a tag shown as text
    r"|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);"  # an entity shown as text: escaped twice
)
#: In a Markdown export Markdown is the format (`**Do this first:**`); marks, tags and entities are still wrong.
MARKDOWN_LEFTOVER = re.compile(r"\[\[|\]\]|`|<[a-zA-Z/!]|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
SVG_NS = "http://www.w3.org/2000/svg"
#: Attributes whose text a reader sees or hears (hover, screen reader, an image that does not load).
SHOWN_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}


@dataclasses.dataclass(frozen=True)
class Shown:
    """One string as a reader gets it: where it is, which field, and how it is shown."""

    where: str
    field: str
    text: str
    kind: str  # "html" (parsed, visible text and shown attributes), "plain" (shown as written), "markdown"


class _Visible(html.parser.HTMLParser):
    """The text of an HTML fragment as a browser shows it: no tags, entities decoded, no style or script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[tuple[str, str]] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._hidden += 1
        self.attributes += [(f"<{tag} {name}>", value) for name, value in attrs if name in SHOWN_ATTRIBUTES and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _snippet(text: str, match: re.Match) -> str:
    return repr(text[max(0, match.start() - 40): match.end() + 40])


def leftovers(item: Shown) -> list[str]:
    """Each part of one shown string with leftovers, as `where · field: [what] in snippet` (empty when clean)."""
    if item.kind == "html":
        parser = _Visible()
        parser.feed(item.text)
        parser.close()
        texts = [("text", " ".join(parser.text)), *parser.attributes]
    else:
        texts = [("", item.text)]
    pattern = MARKDOWN_LEFTOVER if item.kind == "markdown" else LEFTOVER
    found = []
    for part, text in texts:
        matches = list(pattern.finditer(text))
        if matches:
            what = sorted({m.group() if len(m.group()) < 4 else m.group()[:3] + "…" for m in matches})
            found.append(f"{item.where} · {item.field}{' ' + part if part else ''}: {what} in "
                         f"{_snippet(text, matches[0])}")
    return found


# ---------------------------------------------------------------- widgets


def _name(widget: widgets.Widget) -> str:
    classes = [c for c in getattr(widget, "_dom_classes", ()) if c.startswith("lc-")]
    return type(widget).__name__ + "".join(f".{c}" for c in classes[:2])


def widget_texts(widget: widgets.Widget, where: str) -> Iterator[Shown]:
    """Every string `widget` and its descendants show, with the path to each."""
    path = f"{where} > {_name(widget)}"
    description_is_html = getattr(widget, "description_allow_html", False)
    for field in ("description", "tooltip", "placeholder"):
        value = getattr(widget, field, None)
        if value:
            yield Shown(path, field, value, "html" if field == "description" and description_is_html else "plain")
    for i, tip in enumerate(getattr(widget, "tooltips", None) or ()):
        yield Shown(path, f"tooltips[{i}]", tip, "plain")
    if isinstance(widget, widgets.HTML | widgets.HTMLMath):
        yield Shown(path, "value", widget.value, "html")
    elif isinstance(widget, widgets.Label | widgets.Text | widgets.Textarea):
        yield Shown(path, "value", widget.value, "plain")
    for i, label in enumerate(getattr(widget, "_options_labels", None) or ()):
        yield Shown(path, f"options[{i}]", label, "plain")
    for i, child in enumerate(getattr(widget, "children", ())):
        yield from widget_texts(child, f"{path}[{i}]")


def figure_texts(figure: Figure, where: str) -> Iterator[Shown]:
    """Every text drawn on a matplotlib figure: titles, axis labels, tick labels, legend, annotations."""
    for artist in figure.findobj(Text):
        if artist.get_visible() and artist.get_text():
            yield Shown(where, f"drawn text ({type(artist).__name__})", artist.get_text(), "plain")


def svg_texts(html_text: str, where: str) -> Iterator[Shown]:
    """Every text drawn in the inline SVGs of an HTML fragment (the relevance chart: title, bar labels, tick
    labels, axis label), each as the plain words it shows."""
    for svg in re.findall(r"<svg\b.*?</svg>", html_text, flags=re.S):
        for element in ElementTree.fromstring(svg).iter(f"{{{SVG_NS}}}text"):
            text = "".join(element.itertext())
            if text:
                yield Shown(where, f"drawn text ({element.get('class') or 'text'})", text, "plain")


def all_buttons(widget: widgets.Widget, where: str) -> Iterator[tuple[str, widgets.Widget]]:
    path = f"{where} > {_name(widget)}"
    if isinstance(widget, widgets.Button | widgets.ToggleButtons | widgets.ToggleButton):
        yield path, widget
    for child in getattr(widget, "children", ()):
        yield from all_buttons(child, path)


def case_answers(content: Content) -> Iterator[tuple[str, dict]]:
    """The answers of every scenario and clinical case, alone and over the reassuring answers."""
    for key, index, case in cases(content):
        for label, answers in backgrounds(case, content):
            yield f"{key}[{index}] {case.id}{label}", dict(answers)


def dashboard_texts(content: Content, answer_sets: list[tuple[str, dict]], modes=("", "mode=class")) -> Iterator[Shown]:
    for mode in modes:
        dashboard = Dashboard(content, query=mode)
        name = f"Dashboard({mode or 'personal'})"
        for section in dashboard.controls.sections.values():  # open: the tooltips say "Hide …"
            section.set_open(True)
        yield from widget_texts(dashboard.widget, f"{name} defaults")
        for case, answers in answer_sets:
            dashboard.controls.set_answers({**content.defaults(), **answers})
            where = f"{name} {case}"
            yield from widget_texts(dashboard.widget, where)
            yield from svg_texts(dashboard.chart.widget.value, f"{where} > relevance chart")
        if mode:
            for scenario in content.scenarios:  # a card's link: the card is marked as the active one
                dashboard.apply_query(f"mode=class&scenario={scenario.id}&{to_query(scenario.answers, content)}")
                yield from widget_texts(dashboard.widget, f"{name} link to {scenario.id}")
        dashboard.apply_query(mode + "&fluid_litres_per_day=lots&no_such_answer=1&footwear=clogs")
        yield from widget_texts(dashboard.widget, f"{name} bad share link")


def _moves(control: widgets.ValueWidget) -> list:
    """Each other value a reader can give a control: ticked, every option, both ends of a slider."""
    if isinstance(control, widgets.Checkbox):
        return [not control.value]
    if isinstance(control, widgets.Dropdown):
        return [value for _, value in control.options]
    return [control.min, control.max]


def explorer_texts(content: Content, every_move: bool = True) -> Iterator[Shown]:
    """Each cause's explorer: at its defaults, then after each move of each control in turn (moves add up,
    so later ones are seen together with earlier ones) or, when not `every_move`, all moved at once."""
    for cause_id in content.causes:
        explorer = CauseExplorer(cause_id, content)
        name = f"CauseExplorer({cause_id})"
        yield from widget_texts(explorer.widget, f"{name} defaults")
        moves = [(fid, value) for fid, control in explorer.controls.controls.items() for value in _moves(control)]
        if not every_move:
            moves = [("every control", dict(moves))]
        for fid, value in moves:
            if isinstance(value, dict):
                explorer.controls.set_answers(value)
            else:
                explorer.controls.controls[fid].value = value
            where = f"{name} {fid}={value!r}"
            yield from widget_texts(explorer.widget, where)
            if explorer.figure is not None:
                yield from figure_texts(explorer.figure.figure, f"{where} > figure")


def quiz_texts(content: Content) -> Iterator[Shown]:
    for slug in content.quizzes:
        quiz = Quiz(slug, content)
        yield from widget_texts(quiz.widget, f"Quiz({slug})")
        for q_index, question in enumerate(quiz.questions):
            question.check.click()  # no answer chosen yet: the reminder
            yield from widget_texts(question.widget, f"Quiz({slug}) question {q_index + 1}, none chosen")
            for a_index in range(len(question.question.answers)):
                question.answer(a_index)
                yield from widget_texts(question.widget, f"Quiz({slug}) question {q_index + 1}, option {a_index}")


# ---------------------------------------------------------------- pages that are not widgets


def _cli_args(answers: dict) -> list[str]:
    args = ["assess"]
    for fid, value in answers.items():
        args += ["--set", f"{fid}={str(value).lower() if isinstance(value, bool) else value}"]
    return args


def _markdown_cell_html(source: str) -> str:
    """A notebook's Markdown cell as a reader sees it (JupyterLab and Voilà render it as CommonMark + HTML)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(source)


def page_texts(content: Content, answer_sets: list[tuple[str, dict]]) -> Iterator[Shown]:
    yield Shown("home page", "document", home_page(content), "html")
    for p in content.pages:
        yield Shown(f"handout {p.slug}", "document", handouts.handout(p.slug, content), "html")
        yield Shown(f"summary sheet {p.slug}", "document", handouts.summary_sheet(p.slug, content), "html")
    yield Shown("worksheet", "document", handouts.worksheet_sheet(content), "html")
    yield Shown("index of the printed sheets", "document", handouts.index_sheet(content), "html")
    for name, notebook in expected_notebooks(content).items():
        for i, cell in enumerate(notebook["cells"]):
            if cell["cell_type"] == "markdown":
                yield Shown(f"notebook {name}", f"Markdown cell {i}", _markdown_cell_html(cell["source"]), "html")
            loading = cell["metadata"].get("legcramps", {}).get("loading")
            if loading:
                yield Shown(f"notebook {name}", f"cell {i} while loading", loading, "plain")
    yield Shown("glossary sheet", "document", handouts.glossary_sheet(content), "html")
    yield Shown("teachers' answer key", "document", handouts.teacher_key(content), "html")
    if content.lesson is not None:
        yield Shown("lesson slides", "document", slides.lesson_deck(content), "html")
    for p in content.pages:
        yield Shown(f"slides {p.slug}", "document", slides.page_deck(p.slug, content), "html")
    for case, answers in [("defaults", {}), *answer_sets]:
        result = assess(answers, content)
        yield Shown(f"GP export {case}", "printable HTML", export.to_html(result, content, link="?x=1"), "html")
        yield Shown(f"GP export {case}", "Markdown", export.to_markdown(result, content, link="?x=1"), "markdown")
        out = io.StringIO()
        with contextlib.redirect_stdout(out), mock.patch.object(cli, "load", lambda _root=None, _lang="en": content):
            assert cli.main(_cli_args(answers)) == 0
        yield Shown(f"python -m legcramps {' '.join(_cli_args(answers))}", "stdout", out.getvalue(), "plain")


def walk(content: Content, parts: Iterable[str] = ("dashboard", "explorers", "quizzes", "pages"),
         thorough: bool = True) -> dict[tuple[str, str], Shown]:
    """Every string the app shows for `content`, each (field, text) once: many views repeat the same panel.
    Not `thorough`: one dashboard, each case once, every explorer control moved at once (the marked copy)."""
    answer_sets = list(case_answers(content))
    if not thorough:
        answer_sets = [(case, answers) for case, answers in answer_sets if "reassuring" not in case]
    sources = {"dashboard": lambda: dashboard_texts(content, answer_sets, ("", "mode=class") if thorough else ("",)),
               "explorers": lambda: explorer_texts(content, every_move=thorough),
               "quizzes": lambda: quiz_texts(content), "pages": lambda: page_texts(content, answer_sets)}
    found: dict[tuple[str, str], Shown] = {}
    for part in parts:
        for item in sources[part]():
            found.setdefault((item.field.split("[")[0] + item.kind, item.text), item)
    return found


def problems(shown: dict[tuple[str, str], Shown]) -> list[str]:
    """Every leftover in a walk, each once, sorted (so a failure lists them by where they are)."""
    return sorted({p for item in shown.values() for p in leftovers(item)})
