"""One teaching figure per cause page, drawn once and updated in place as the reader moves controls.

The numbers come from content/figures.yaml (or, for causes without an entry, from rules.yaml), never from
this file. Each figure is a matplotlib Figure on an Agg canvas (no pyplot, no global state): an update
moves a marker or recolours bars, then the PNG (`legcramps.ui.png`, as for the relevance chart) is sent in
the `<figure>` of `legcramps.render.figure`, with alt text. Colours come from static/palette.json.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from legcramps.content import Content
from legcramps.engine import Assessment
from legcramps.render.assets import palette
from legcramps.render.figure import cause_figure
from legcramps.render.text import words
from legcramps.schema import FigureSpec
from legcramps.ui.png import png_base64

#: The figure colours of the one palette (static/palette.json), shared with the relevance chart.
_COLOURS = palette()["figure"]
BLUE, ORANGE, GREEN, VERMILLION, GREY = (_COLOURS[k] for k in ("blue", "orange", "green", "vermillion", "grey"))


class CauseFigure:
    """Base: owns the Figure, the canvas and the HTML widget; subclasses draw once and then `redraw`."""

    def __init__(self, title: str, caption: str, sources: list[str], content: Content):
        self.content = content
        self.title = title
        self.caption = caption
        self.sources = sources
        self.figure = Figure(figsize=(4.4, 2.8), dpi=80, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_subplot()
        self.axes.spines[["top", "right"]].set_visible(False)
        self.axes.tick_params(labelsize=8)
        self.axes.set_title(title, fontsize=10, loc="left")
        self.widget = widgets.HTML()
        self.widget.add_class("lc-figure")
        self._state: Any = object()
        self._laid_out = False

    def state(self, answers: dict, result: Assessment) -> Any:
        """What the picture depends on; the PNG is only redrawn when this changes."""
        raise NotImplementedError

    def redraw(self, state: Any) -> str:
        """Update artists for `state`; return the part of the alt text that describes the reader's point."""
        raise NotImplementedError

    def still(self, answers: dict, result: Assessment) -> str:
        """The figure as HTML for a page with no Python behind it (the in-browser edition draws its figures
        at build time): drawn for `answers`, but without the sentence about the reader's own point, which
        would not follow their answers there."""
        self.redraw(self.state(answers, result))
        self.canvas.draw()
        return cause_figure(png_base64(self.canvas), self.title, self.caption, "", self.sources, self.content)

    def show(self, answers: dict, result: Assessment) -> None:
        state = self.state(answers, result)
        if state == self._state:
            return
        self._state = state
        you = self.redraw(state)
        self.canvas.draw()
        png = png_base64(self.canvas)
        if not self._laid_out:
            self._laid_out = True
            # Lay out once, on the first draw: the labels never change, only markers and bar colours do, so
            # later PNGs are pixel-identical without it, and constrained layout was up to 2/3 of a redraw.
            self.figure.set_layout_engine("none")
        self.widget.value = cause_figure(png, self.title, self.caption, you, self.sources, self.content)


class CalfLengthFigure(CauseFigure):
    def __init__(self, spec: FigureSpec, content: Content):
        super().__init__(spec.title, spec.caption, spec.sources, content)
        d = spec.data
        xs, ys = zip(*d["points"], strict=True)
        self.xs, self.ys = xs, ys
        self.factor = d["answer_factor"]
        self.marks = (d["marker_if_false"], d["marker_if_true"])
        self.axes.plot(xs, ys, color=BLUE, linewidth=2)
        self.axes.set_xlabel(spec.x_label or "", fontsize=8)
        self.axes.set_ylabel(spec.y_label or "", fontsize=8)
        (self.marker,) = self.axes.plot([0], [100], "o", markersize=10, color=VERMILLION, markeredgecolor="k")
        self.words = words = content.words.figure
        self.note = self.axes.annotate(words.you, (0, 100), textcoords="offset points", xytext=(8, 8), fontsize=9)

    def state(self, answers, result):
        return bool(answers.get(self.factor))

    def redraw(self, pointed):
        x = self.marks[1] if pointed else self.marks[0]
        y = float(_interp(x, self.xs, self.ys))
        self.marker.set_data([x], [y])
        self.note.xy = (x, y)
        return self.words.calf_setting.format(x=_number(x, self.words), y=f"{y:.0f}")


class FluidBandFigure(CauseFigure):
    def __init__(self, spec: FigureSpec, content: Content):
        super().__init__(spec.title, spec.caption, spec.sources, content)
        d = spec.data
        self.factor = d["answer_factor"]
        low, high = d["band"]
        self.words = words = content.words.figure
        self.axes.axvspan(low, high, color=GREEN, alpha=0.35, hatch="..", label=words.advised_range)
        self.axes.axvline(d["low_line"], color=ORANGE, linestyle="--", linewidth=1.5, label=words.very_low)
        self.axes.set_xlim(0, d["max"])
        self.axes.set_ylim(0, 1)
        self.axes.set_yticks([])
        self.axes.set_xlabel(words.litres_axis, fontsize=8)
        (self.marker,) = self.axes.plot([1.8], [0.5], "v", markersize=14, color=BLUE, markeredgecolor="k",
                                        label=words.you)
        self.axes.legend(fontsize=7, loc="upper right", frameon=False)
        self.band = (low, high, d["low_line"])

    def state(self, answers, result):
        return round(float(answers.get(self.factor, 0)), 1)

    def redraw(self, litres):
        self.marker.set_data([litres], [0.5])
        low, high, very_low = self.band
        w = self.words
        where = (w.below_very_low if litres < very_low else w.below_advised if litres < low
                 else w.inside_advised if litres <= high else w.above_advised)
        return w.fluid_setting.format(litres=_number(litres, w), where=where)


class ByAgeFigure(CauseFigure):
    def __init__(self, spec: FigureSpec, content: Content):
        super().__init__(spec.title, spec.caption, spec.sources, content)
        d = spec.data
        self.factor = d["answer_factor"]
        self.groups = d["groups"]  # [youngest, oldest, per cent], one a label of spec.labels
        self.names = spec.labels
        self.words = content.words.figure
        self.bars = self.axes.bar(self.names, [g[2] for g in self.groups], color=GREY, edgecolor="k")
        self.axes.set_ylim(0, 100)
        self.axes.set_ylabel(spec.y_label or "", fontsize=8)
        self.axes.tick_params(axis="x", labelsize=7)

    def state(self, answers, result):
        age = answers.get(self.factor, 0)
        return next((i for i, g in enumerate(self.groups) if g[0] <= age <= g[1]), None)

    def redraw(self, index):
        for i, bar in enumerate(self.bars):
            bar.set_facecolor(BLUE if i == index else GREY)
            bar.set_edgecolor("k")
            bar.set_hatch("//" if i == index else "")
        if index is None:
            return self.words.age_below
        name, pct = self.names[index].replace("\n", " "), self.groups[index][2]
        return self.words.age_group.format(name=name, pct=_number(pct, self.words))


class RatiosFigure(CauseFigure):
    def __init__(self, spec: FigureSpec, content: Content):
        super().__init__(spec.title, spec.caption, spec.sources, content)
        d = spec.data
        self.rows = d["bars"]  # [ratio, factor], one a label of spec.labels
        self.names = spec.labels
        self.words = content.words.figure
        ys = list(range(len(self.rows)))
        self.bars = self.axes.barh(ys, [r[0] for r in self.rows], color=GREY, edgecolor="k")
        self.axes.set_yticks(ys, self.names, fontsize=7)
        self.axes.invert_yaxis()
        self.axes.axvline(1, color="k", linewidth=1)
        self.axes.set_xlabel(spec.x_label or "", fontsize=8)

    def state(self, answers, result):
        return tuple(bool(answers.get(r[1])) for r in self.rows)

    def redraw(self, taken):
        for bar, on in zip(self.bars, taken, strict=True):
            bar.set_facecolor(BLUE if on else GREY)
            bar.set_hatch("//" if on else "")
            bar.set_edgecolor("k")
        mine = [name for name, on in zip(self.names, taken, strict=True) if on]
        return self.words.ratios_mine.format(groups=", ".join(mine)) if mine else self.words.ratios_none


class RulesFigure(CauseFigure):
    """For causes without their own figure: which answers push this cause, and how strongly."""

    def __init__(self, cause_id: str, content: Content):
        rules = content.rules_for(cause_id)
        self.words = fw = content.words.figure
        title = fw.rules_title.format(cause=content.causes[cause_id].front.short_title)
        caption = fw.rules_caption
        srcs = list(content.causes[cause_id].front.evidence.sources)
        super().__init__(title, caption, srcs, content)
        self.rules = rules
        ys = list(range(len(rules)))
        self.bars = self.axes.barh(ys, [r.weight * 100 for r in rules], color="white", edgecolor=BLUE,
                                   linewidth=1.5)
        labels = [_short(words(r.because, content), fw.drop_first) for r in rules]  # drawn: words, not marks
        self.axes.set_yticks(ys, labels, fontsize=7)
        self.axes.invert_yaxis()
        self.axes.set_xlim(0, 100)
        self.axes.set_xlabel(fw.rules_axis, fontsize=8)
        self.cause_id = cause_id

    def state(self, answers, result):
        found = result.cause(self.cause_id)
        return found.rules if found else ()

    def redraw(self, fired):
        for bar, rule in zip(self.bars, self.rules, strict=True):
            on = rule.id in fired
            bar.set_facecolor(BLUE if on else "white")
            bar.set_hatch("" if on else "//")
        count = len(fired)
        return self.words.rules_on.format(count=count, total=len(self.rules)) if self.rules else ""


def _short(sentence: str, drop_first: tuple[str, ...], words: int = 5) -> str:
    """A bar's label: the first words of its "because" sentence, without the words every one starts with
    (`drop_first`, the language's: "You ", "Your ")."""
    first = sentence.split(".")[0]
    for lead in drop_first:
        first = first.removeprefix(lead)
    parts = first.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _number(value: float, words) -> str:
    """A number in a sentence, with the language's decimal mark ("1.8", «1,8»)."""
    return f"{value:g}".replace(".", words.decimal_mark)


def _interp(x: float, xs, ys) -> float:
    for (x0, y0), (x1, y1) in zip(zip(xs, ys, strict=True), zip(xs[1:], ys[1:], strict=False), strict=False):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return ys[0] if x < xs[0] else ys[-1]


KINDS = {"calf_length": CalfLengthFigure, "fluid_band": FluidBandFigure, "by_age": ByAgeFigure,
         "ratios": RatiosFigure}


def figure_for(cause_id: str, content: Content) -> CauseFigure | None:
    spec = content.figures.get(cause_id)
    if spec is not None:
        return KINDS[spec.kind](spec, content)
    if content.rules_for(cause_id):
        return RulesFigure(cause_id, content)
    return None
