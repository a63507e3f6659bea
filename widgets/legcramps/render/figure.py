"""Figures as HTML: the one `<figure><img alt><figcaption>` wrapper of the cause pages' teaching figures.

The pictures themselves are drawn by `legcramps.ui.figures` (matplotlib); this only wraps a finished PNG, so
the words a screen reader hears and the caption a reader sees are built without any drawing library. The
dashboard's relevance chart is not a PNG: it is drawn as SVG, words and all, by `legcramps.render.chart`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc
from legcramps.render.evidence import sources_links

if TYPE_CHECKING:
    from legcramps.content import Content


def figure(png_base64: str, alt: str, caption_html: str, css_class: str) -> str:
    """A PNG with its alt text and a visible caption (`caption_html` must already be safe)."""
    return (f'<figure class="{css_class}"><img src="data:image/png;base64,{png_base64}" alt="{esc(alt)}">'
            f"<figcaption>{caption_html}</figcaption></figure>")


def cause_figure(png_base64: str, title: str, caption: str, you: str, sources: list[str], content: Content) -> str:
    """A cause page's teaching figure: what it shows, where the reader's answers put them, its sources."""
    text = (f"{esc(caption)} {esc(you)} "
            f'<span class="lc-sources">{esc(content.words.evidence.sources)} {sources_links(sources, content)}</span>')
    return figure(png_base64, f"{title}. {caption} {you}", text, "lc-cause-figure")
