"""Figures as HTML: one `<figure><img alt><figcaption>` wrapper for the relevance chart and the cause figures,
and the chart's alt text and legend words.

The pictures themselves are drawn by `legcramps.ui` (matplotlib); this only wraps a finished PNG, so the
words a screen reader hears and the caption a reader sees are built without any drawing library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc
from legcramps.render.assets import palette
from legcramps.render.evidence import sources_links

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.engine import Assessment


def figure(png_base64: str, alt: str, caption_html: str, css_class: str) -> str:
    """A PNG with its alt text and a visible caption (`caption_html` must already be safe)."""
    return (f'<figure class="{css_class}"><img src="data:image/png;base64,{png_base64}" alt="{esc(alt)}">'
            f"<figcaption>{caption_html}</figcaption></figure>")


def chart_alt(result: Assessment, content: Content, slots: int) -> str:
    """The relevance chart in words: every bar's cause, its fit and its evidence grade."""
    if not result.causes:
        return "Bar chart: no cause fits your answers yet."
    parts = [f"{content.causes[c.id].front.short_title} {round(c.relevance * 100)} "
             f"({content.grade(c.evidence).label.lower()})" for c in result.causes[:slots]]
    return "Bar chart of how well your answers fit each cause, out of 100: " + "; ".join(parts) + "."


def chart_legend(content: Content) -> str:
    """Each grade with the colour and pattern of its bars, in words (from the palette)."""
    words = palette()["grades"]
    return "; ".join(f"{g.label} {words[g.id]['words']}" for g in content.site.grades)


def chart_figure(png_base64: str, result: Assessment, content: Content, slots: int) -> str:
    caption = f"Colour and pattern show the evidence: {esc(chart_legend(content))}"
    return figure(png_base64, chart_alt(result, content, slots), caption, "lc-chart")


def cause_figure(png_base64: str, title: str, caption: str, you: str, sources: list[str], content: Content) -> str:
    """A cause page's teaching figure: what it shows, where the reader's answers put them, its sources."""
    text = (f"{esc(caption)} {esc(you)} "
            f'<span class="lc-sources">Sources: {sources_links(sources, content)}</span>')
    return figure(png_base64, f"{title}. {caption} {you}", text, "lc-cause-figure")
