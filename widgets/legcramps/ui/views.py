"""Widgets that show an Assessment: care card, ranked causes, checklist with ticks, relevance chart.

Each view owns its widget(s) and has one `show(result)` method. Views never decide anything medical.
They only skip work when nothing they show has changed, because every skipped widget message makes the
page settle sooner after a slider move.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from legcramps.content import Content
from legcramps.engine import Assessment
from legcramps.markup import esc
from legcramps.ui import render, session
from legcramps.ui.controls import Looks

#: Okabe–Ito palette, safe for the common kinds of colour blindness.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
GRADE_COLOUR = {"strong": "#009E73", "moderate": "#0072B2", "consensus": "#56B4E9", "weak": "#E69F00",
                "contested": "#CC79A7", "unsupported": "#D55E00"}
GRADE_HATCH = {"strong": "", "moderate": "", "consensus": "..", "weak": "//", "contested": "xx",
               "unsupported": "\\\\"}

_CSS = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")


#: Accessibility repairs ipywidgets 8 cannot do from Python: a slider handle (noUiSlider, role="slider") gets
#: no accessible name from the visible <label>, so it gets that label as aria-label, and its editable readout
#: gets one too; each control gets aria-describedby pointing at its help text; a group's header button says
#: whether it is open (aria-expanded). A MutationObserver repeats this whenever widgets are (re)drawn.
#: It only sets aria-* attributes on our own widgets (inside .lc-root); nothing depends on it to work.
A11Y_JS = """(function () {
  if (window.lcA11y) { window.lcA11y(); return; }
  var queued = false;
  function fix() {
    queued = false;
    document.querySelectorAll('.lc-root .lc-control').forEach(function (c) {
      var label = c.querySelector('.widget-label');
      var name = label ? label.textContent.trim() : '';
      var m = /lc-factor-([a-z0-9_]+)/.exec(c.className);
      var help = m && document.getElementById('help-' + m[1]);
      c.querySelectorAll('.noUi-handle, .widget-readout, select, input').forEach(function (el) {
        var isReadout = el.classList.contains('widget-readout');
        if (name && (isReadout || el.classList.contains('noUi-handle'))) {
          var want = isReadout ? name + ', type a number' : name;
          if (el.getAttribute('aria-label') !== want) el.setAttribute('aria-label', want);
          if (isReadout && el.getAttribute('role') !== 'textbox') el.setAttribute('role', 'textbox');
        }
        if (help && el.getAttribute('aria-describedby') !== help.id) el.setAttribute('aria-describedby', help.id);
      });
    });
    document.querySelectorAll('.lc-root .lc-section').forEach(function (s) {
      var b = s.querySelector('.lc-section-toggle');
      var open = s.classList.contains('lc-open') ? 'true' : 'false';
      if (b && b.getAttribute('aria-expanded') !== open) b.setAttribute('aria-expanded', open);
    });
  }
  window.lcA11y = function () { if (!queued) { queued = true; setTimeout(fix, 0); } };
  new MutationObserver(window.lcA11y).observe(document.body,
    {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});
  fix();
})();"""

#: A 1×1 GIF: its onload runs A11Y_JS once the stylesheet widget is drawn (HTML widgets set innerHTML,
#: which never runs <script> elements but does run event-handler attributes).
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def stylesheet(content: Content | None = None) -> widgets.HTML:
    """The shared stylesheet and the page scripts as a widget: put it once at the top of a page.

    With `content`, it also carries the session guard (`legcramps.ui.session`): the answers in the address
    bar and the notice when the page's kernel is gone.
    """
    guard = session.guard_html(content) if content is not None else ""
    return widgets.HTML(f'<style>{_CSS}</style><img class="lc-a11y-script" alt="" hidden src="{_PIXEL}" '
                        f'onload="{esc(A11Y_JS)}">{guard}', layout=widgets.Layout(display="none"))


def css() -> str:
    return _CSS


class HTMLView:
    """An HTML widget that is only sent to the browser when its text really changes."""

    def __init__(self, css_class: str, looks: Looks | None = None):
        self.widget = (looks or Looks()).html_widget(css_class=css_class)

    def set(self, html: str) -> None:
        if self.widget.value != html:
            self.widget.value = html


class CareCard(HTMLView):
    def __init__(self, content: Content, looks: Looks | None = None):
        super().__init__("lc-care-view", looks)
        self.content = content

    def show(self, result: Assessment) -> None:
        self.set(render.care_card(result, self.content))


class CauseListView(HTMLView):
    def __init__(self, content: Content, link_base: str = "", looks: Looks | None = None):
        super().__init__("lc-causes-view", looks)
        self.content = content
        self.link_base = link_base

    def show(self, result: Assessment) -> None:
        self.set(render.cause_list(result, self.content, self.link_base))


class ChecklistView:
    """The checklist with real tick boxes. A tick is kept while the item stays on the list (and after).

    Items that leave the list stay in the box, hidden by one generated `<style>` rule: replacing the box's
    children makes the browser re-create the view of every box after the first change (measured: ~4 ms more
    per move that changes the checklist, the difference between the slider/dropdown and checkbox moves in
    benchmarks/bench.py), while a new rule is one small message. Boxes are created when an item is first
    needed, so the page starts with only the items the first answers show. The box keeps checklist.yaml
    order, which is also the engine's order, so hiding never reorders what a reader sees.
    """

    def __init__(self, content: Content, looks: Looks | None = None):
        self.content = content
        self.looks = looks = looks or Looks()
        self._order = {item_id: i for i, item_id in enumerate(content.checklist)}
        self._boxes: dict[str, widgets.Checkbox] = {}
        self._headings = {key: looks.html_widget(f"<h3>{esc(title)}</h3>", f"lc-check-heading-{key}")
                          for key, title in render.SECTION_TITLES.items()}
        self._hide = looks.html_widget()  # <style> that hides the items (and headings) not on the list now
        self.widget = looks.vbox([self._hide])
        self.widget.add_class("lc-checklist-view")
        self._shown: tuple[str, ...] = ()
        self._in_box: list[str] = []

    def _box(self, item_id: str) -> widgets.Checkbox:
        box = self._boxes.get(item_id)
        if box is None:
            item = self.content.checklist[item_id]
            box = widgets.Checkbox(value=False, description=item.text, indent=False, layout=self.looks.fit,
                                   style=self.looks.check_item)
            box.add_class("lc-check-item")
            box.add_class(f"lc-check-{item_id}")
            self._boxes[item_id] = box
        return box

    def show(self, result: Assessment) -> None:
        if result.checklist.ids == self._shown:
            return
        self._shown = result.checklist.ids
        wanted = set(self._shown)
        if not wanted.issubset(self._in_box):
            self._in_box = sorted(wanted.union(self._in_box), key=self._order.__getitem__)
            children: list[widgets.Widget] = [self._hide]
            for key in render.SECTION_TITLES:
                ids = [i for i in self._in_box if self.content.checklist[i].section == key]
                if ids:
                    children.append(self._headings[key])
                    children.extend(self._box(i) for i in ids)
            self.widget.children = children
        hidden = [f".lc-check-{i}" for i in self._in_box if i not in wanted]
        hidden += [f".lc-check-heading-{key}" for key in render.SECTION_TITLES
                   if not any(self.content.checklist[i].section == key for i in wanted)]
        rule = f"<style>.lc-checklist-view :is({', '.join(hidden)}) {{ display: none !important; }}</style>"
        self._hide.value = rule if hidden else ""

    def shown_boxes(self) -> list[widgets.Checkbox]:
        """The tick boxes on the list now, in order (the box also holds hidden ones from earlier answers)."""
        shown = set(self._shown)
        return [self._boxes[i] for i in self._in_box if i in shown]

    def ticked(self) -> list[str]:
        return [i for i in self._shown if self._boxes[i].value]


class RelevanceChart:
    """A horizontal bar chart of cause relevance, kept as one figure whose bars are updated in place."""

    SLOTS = 8

    def __init__(self, content: Content, width_in: float = 4.6, dpi: int = 80, looks: Looks | None = None):
        self.content = content
        self.figure = Figure(figsize=(width_in, 3.2), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_subplot()
        slots = list(range(self.SLOTS))
        self.bars = self.axes.barh(slots, [0] * self.SLOTS, color=OKABE_ITO[0], edgecolor="#222222", linewidth=0.6)
        self.axes.set_xlim(0, 100)
        self.axes.set_ylim(self.SLOTS - 0.5, -0.5)
        self.axes.set_yticks(slots, [""] * self.SLOTS)
        self.axes.set_xlabel("How well your answers fit (0–100)")
        self.axes.spines[["top", "right"]].set_visible(False)
        self.axes.tick_params(labelsize=9)
        self.title = self.axes.set_title("Possible causes", fontsize=10, loc="left")
        self._freeze_layout()
        self.widget = (looks or Looks()).html_widget(css_class="lc-figure")
        self._last: tuple = ()

    def _freeze_layout(self) -> None:
        """Lay the figure out once, with the longest labels it can show, and keep the still parts as pixels.

        Constrained layout on every redraw was over half the cost of an update (benchmarks/bench.py); only
        the labels change size, so one layout made with the widest of them fits every later picture. The
        x axis, its label, the y tick marks and the bottom spine never change either: they are drawn once into
        a background. Text is the slow part of a draw (the y axis labels ~2.4 ms, the title ~1 ms of ~6 ms),
        and each label can only be one of a few cause names in one of 8 places, so each (place, name) and each
        title is drawn once and kept as pixels too; `png_base64` paints the bars and the left spine and pastes
        the kept text.
        """
        titles = sorted((c.front.short_title for c in self.content.causes.values()), key=len, reverse=True)
        self.axes.set_yticklabels((titles + [""] * self.SLOTS)[: self.SLOTS])
        self.canvas.draw()
        self.figure.set_layout_engine("none")
        self.axes.set_yticklabels([""] * self.SLOTS)
        ticks = self.axes.yaxis.get_major_ticks()[: self.SLOTS]
        # the y tick marks meet the bars' edges, so they are drawn after the bars (as lines: the whole axis would
        # cost ~1.3 ms more, for its empty labels)
        self._moving = [*self.bars, self.axes.spines["left"], *(tick.tick1line for tick in ticks)]
        self._tick_labels = [tick.label1 for tick in ticks]
        title = self.title.get_text()
        self.title.set_text("")  # not set_visible(False): a hidden title is moved out of the figure
        for artist in self._moving:
            artist.set_visible(False)
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        for artist in self._moving:
            artist.set_visible(True)
        self.title.set_text(title)
        self._labels: list[str] = [""] * self.SLOTS
        self._text_pixels: dict[tuple[int, str], object] = {}  # (slot, text) → pixels; slot -1 is the title

    def show(self, result: Assessment) -> None:
        shown = [(c.id, round(c.relevance * 100), c.evidence) for c in result.causes[: self.SLOTS]]
        if tuple(shown) == self._last:
            return
        self._last = tuple(shown)
        labels = []
        for i, bar in enumerate(self.bars):
            if i < len(shown):
                cid, pct, grade = shown[i]
                bar.set_width(pct)
                bar.set_facecolor(GRADE_COLOUR[grade])
                bar.set_hatch(GRADE_HATCH[grade])
                bar.set_edgecolor("#222222")
                labels.append(self.content.causes[cid].front.short_title)
            else:
                bar.set_width(0)
                labels.append("")
        self._labels = labels
        self.title.set_text("Possible causes" if shown else "No cause fits your answers yet")
        alt = self.alt_text(result)
        self.widget.value = (f'<figure class="lc-chart"><img src="data:image/png;base64,{self.png_base64()}" '
                             f'alt="{esc(alt)}"><figcaption>Colour and pattern show the evidence: '
                             f"{esc(self.legend_text())}</figcaption></figure>")

    def _paste_text(self, slot: int, text: str, renderer) -> None:
        """Paint a label (slot ≥ 0) or the title (slot −1) from its kept pixels, drawing it the first time.

        It is painted onto the bare background, before the bars, so the pixels copied after the first draw
        are exactly what drawing it again would give.
        """
        pixels = self._text_pixels.get((slot, text))
        if pixels is None:
            artist = self.title if slot < 0 else self._tick_labels[slot]
            if slot >= 0:
                artist.set_text(text)
            artist.draw(renderer)
            box = artist.get_window_extent(renderer).padded(2)
            pixels = self._text_pixels[(slot, text)] = self.canvas.copy_from_bbox(box)
        else:
            self.canvas.restore_region(pixels)

    def png_base64(self) -> str:
        """The chart as PNG: the still background, the bars and left spine drawn over it, the kept text."""
        self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        # text first, onto the bare background, so the kept pixels hold nothing else; the bars and spine are
        # drawn over any edge they share
        for slot, label in enumerate(self._labels):
            if label:
                self._paste_text(slot, label, renderer)
        self._paste_text(-1, self.title.get_text(), renderer)
        for artist in self._moving:
            artist.draw(renderer)
        buffer = io.BytesIO()
        # compress_level 1: the fastest zlib level, ~2 ms less per redraw for a PNG ~10% larger
        Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(buffer, format="png", compress_level=1)
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def alt_text(self, result: Assessment) -> str:
        if not result.causes:
            return "Bar chart: no cause fits your answers yet."
        parts = [f"{self.content.causes[c.id].front.short_title} {round(c.relevance * 100)} "
                 f"({self.content.grade(c.evidence).label.lower()})" for c in result.causes[: self.SLOTS]]
        return "Bar chart of how well your answers fit each cause, out of 100: " + "; ".join(parts) + "."

    def legend_text(self) -> str:
        return "; ".join(f"{g.label} {_pattern_word(g.id)}" for g in self.content.site.grades)


def _pattern_word(grade: str) -> str:
    return {"strong": "(green, solid)", "moderate": "(blue, solid)", "consensus": "(light blue, dots)",
            "weak": "(orange, stripes)", "contested": "(pink, crosses)",
            "unsupported": "(red, back stripes)"}[grade]
