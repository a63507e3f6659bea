"""The relevance chart: a horizontal bar chart of how well the answers fit each cause, coloured and patterned
by evidence grade, kept as one figure whose bars are updated in place.

Colours, hatches and their words come from the one palette (static/palette.json); the `<figure>`, alt
text and legend from `legcramps.render.figure`; the PNG from `legcramps.ui.png`, like the cause figures.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from legcramps.content import Content
from legcramps.engine import Assessment
from legcramps.render import figure as render_figure
from legcramps.render.assets import palette
from legcramps.ui.controls import Looks
from legcramps.ui.png import png_base64

PALETTE = palette()


class RelevanceChart:
    """A horizontal bar chart of cause relevance, kept as one figure whose bars are updated in place."""

    SLOTS = 8
    #: Places shown however few causes fit (one bar alone in a picture its own height reads as a fault).
    MIN_SHOWN = 2

    def __init__(self, content: Content, width_in: float = 4.6, dpi: int = 80, looks: Looks | None = None):
        self.content = content
        self.figure = Figure(figsize=(width_in, 3.2), dpi=dpi, layout="constrained")
        self.canvas = FigureCanvasAgg(self.figure)
        self.axes = self.figure.add_subplot()
        slots = list(range(self.SLOTS))
        self.bars = self.axes.barh(slots, [0] * self.SLOTS, color=PALETTE["okabe_ito"][0], edgecolor=PALETTE["edge"],
                                   linewidth=0.6)
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
        # the pixel row (from the top) where each place ends, and where the last one ends: the picture leaves
        # out the places no cause fills (`_drop_rows`), so one cause is not a bar under a tall empty axis
        height = self.figure.bbox.height
        self._place_bottom = [round(height - self.axes.transData.transform((0, i + 0.5))[1])
                              for i in range(self.SLOTS)]
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
                look = PALETTE["grades"][grade]
                bar.set_facecolor(look["colour"])
                bar.set_hatch(look["hatch"])
                bar.set_edgecolor(PALETTE["edge"])
                labels.append(self.content.causes[cid].front.short_title)
            else:
                bar.set_width(0)
                labels.append("")
        self._labels = labels
        self._shown = len(shown)
        self.title.set_text("Possible causes" if shown else "No cause fits your answers yet")
        self.widget.value = render_figure.chart_figure(self.png_base64(), result, self.content, self.SLOTS)

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
        return png_base64(self.canvas, self._drop_rows())

    def _drop_rows(self) -> tuple[int, int] | None:
        """The rows of the places below the last cause shown (at least `MIN_SHOWN` places stay)."""
        kept = max(getattr(self, "_shown", self.SLOTS), self.MIN_SHOWN)
        if kept >= self.SLOTS:
            return None
        return self._place_bottom[kept - 1], self._place_bottom[self.SLOTS - 1]
