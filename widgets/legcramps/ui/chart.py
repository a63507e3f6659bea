"""The relevance chart as a widget: one HTML widget whose value is `legcramps.render.chart`'s `<figure>`.

Why so thin: the chart is drawn as SVG by the pure render layer, so the Voilà dashboard and the in-browser
edition (no matplotlib, numpy or PIL there) show the same chart from the same code, and importing the
dashboard loads no drawing library. All this widget keeps is the bars it last showed, so an answer that
changes nothing on the chart sends nothing to the page.
"""

from __future__ import annotations

from legcramps.content import Content
from legcramps.engine import Assessment
from legcramps.render import chart as render_chart
from legcramps.ui.controls import Looks


class RelevanceChart:
    """A horizontal bar chart of cause relevance, in one HTML widget updated in place."""

    SLOTS = render_chart.SLOTS
    MIN_SHOWN = render_chart.MIN_SHOWN

    def __init__(self, content: Content, looks: Looks | None = None):
        self.content = content
        self.widget = (looks or Looks()).html_widget(css_class="lc-figure")
        self._last: tuple | None = None  # the bars shown (None: nothing drawn yet, not even an empty chart)

    def show(self, result: Assessment) -> None:
        """Draw `result`'s top causes, unless the chart already shows exactly these bars."""
        shown = render_chart.shown_bars(result, self.SLOTS)
        if shown == self._last:
            return
        self._last = shown
        self.widget.value = render_chart.chart_figure(result, self.content, self.SLOTS)
