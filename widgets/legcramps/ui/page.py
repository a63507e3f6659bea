"""The narrative parts of a page for the notebooks: `page.header(slug)`, `page.section(slug, section_id)` …

Each call renders with `legcramps.render.page` (the same HTML the handouts print) and wraps it in `Html`,
which JupyterLab and Voilà display without a widget. No ipywidgets here: static sections cost nothing at
run time. The committed notebooks call these names; keep their signatures.
"""

from __future__ import annotations

from legcramps.content import Content, load
from legcramps.render import page as parts


class Html:
    """Displayable HTML (no widget comm needed, so static sections cost nothing at run time)."""

    def __init__(self, html: str):
        self.html = html

    def _repr_html_(self) -> str:
        return f'<div class="lc-root">{self.html}</div>'

    def __str__(self) -> str:
        return self.html


def _content(content: Content | None) -> Content:
    return content or load()


def header(slug: str, content: Content | None = None) -> Html:
    """Title, what the page is about, the disclaimer and navigation."""
    return Html(parts.header(slug, _content(content)))


def objectives(slug: str, content: Content | None = None) -> Html:
    """What you will learn: the objectives of every cause on the page."""
    return Html(parts.objectives(slug, _content(content)))


def topic(topic_id: str, content: Content | None = None) -> Html:
    return Html(parts.topic(topic_id, _content(content)))


def section(slug: str, section_id: str, content: Content | None = None) -> Html:
    """One prose section by its id (`'helps'`: "What helps") for every cause on the page, in order."""
    return Html(parts.section(slug, section_id, _content(content)))


def article_says(slug: str, content: Content | None = None) -> Html:
    return Html(parts.article_says(slug, _content(content)))


def evidence(slug: str, content: Content | None = None) -> Html:
    """What the evidence says: grade, sources, and claim by claim where the source article is wrong."""
    return Html(parts.evidence(slug, _content(content)))


def try_this(slug: str, content: Content | None = None) -> Html:
    """The page's classroom task, done with the controls below it."""
    return Html(parts.try_this(slug, _content(content)))


def when_to_get_help(slug: str, content: Content | None = None) -> Html:
    return Html(parts.when_to_get_help(slug, _content(content)))


def page_sources(slug: str, content: Content | None = None) -> list[str]:
    return parts.page_sources(slug, _content(content))


def sources(slug: str, content: Content | None = None) -> Html:
    """Every source the page cites, and the glossary of the medical words it uses."""
    return Html(parts.sources(slug, _content(content)))


def page_text(slug: str, content: Content | None = None) -> str:
    """All content text shown on a page (for reading-level and glossary checks)."""
    return parts.page_text(slug, _content(content))


def glossary(slug: str, content: Content | None = None) -> Html:
    return Html(parts.glossary(slug, _content(content)))


def index(content: Content | None = None) -> Html:
    """The table of pages, made from the registry (the same table the README shows)."""
    return Html(parts.index(_content(content)))
