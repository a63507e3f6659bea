"""Generate the notebooks (and the README's table of pages) from the one registry, content/pages.yaml.

A page notebook is a document: its prose sits in Markdown cells, so JupyterLab, a code-hosting site or
nbviewer shows the whole explanation before anything runs. Code cells hold only what is live: the cause
explorer, the quiz and the dashboard. "Run all" adds those.

The text of a Markdown cell is the render layer's HTML (`legcramps.render.page`, the same strings the
handouts print), under a Markdown heading. Content reaches a cell only through `legcramps.markup`, which
escapes and sanitises it, so the notebooks keep the pages' safe-HTML rules. Each cell body is one HTML
block with no blank line, so every Markdown renderer (JupyterLab's, nbconvert's in Voilà, GitHub's) passes
it through whole instead of reading parts of it as Markdown.

Every page has the same outline (`legcramps.render.page.PAGE_OUTLINE`), so the notebooks are written by code:
a new page in pages.yaml becomes a notebook with `python -m legcramps notebooks`, and a test fails if the
committed notebooks drift from what this produces.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from legcramps.content import Content, each_language, load
from legcramps.render import dashboard as dashboard_parts
from legcramps.render import page as parts
from legcramps.render.deck import lesson_plan
from legcramps.render.links import NOTEBOOKS, Links, language_folder
from legcramps.render.page import outline

REPO = Path(__file__).resolve().parents[2]

#: The prose of each static part of the page outline, as HTML: (slug, content) → HTML.
PROSE: dict[str, Callable[[str, Content], str]] = {
    "objectives": parts.objectives,
    "body": lambda slug, c: parts.section(slug, "body", c),
    "who": lambda slug, c: parts.section(slug, "who", c),
    "explore": parts.try_this,
    "helps": lambda slug, c: parts.section(slug, "helps", c),
    "get_help": parts.when_to_get_help,
    "evidence": parts.evidence,
    "quiz": lambda slug, c: "",
    "sources": parts.sources,
}
#: The live parts: the code cell that follows the part's prose.
LIVE = {
    "explore": "from legcramps.ui import CauseExplorer\n\nCauseExplorer({causes!r}{lang})",
    "quiz": "from legcramps.ui import Quiz\n\nQuiz({slug!r}{lang})",
}


def _lang_arg(content: Content) -> str:
    """`, lang='ru'` for a live part in another language than English (nothing for English: as before)."""
    return "" if content.lang == "en" else f", lang={content.lang!r}"


def html_block(html: str) -> str:
    """HTML as one Markdown HTML block: inside `.lc-root` (the stylesheet's scope), blank lines removed.

    A blank line would end the HTML block, and a Markdown renderer would read what follows as Markdown.
    Between tags and inside text, a blank line means nothing to HTML, so dropping it changes nothing shown.
    """
    body = re.sub(r"\n\s*\n", "\n", html.strip())
    return f'<div class="lc-root lc-doc">\n{body}\n</div>' if body else ""


def _markdown(*blocks: str) -> str:
    return "\n\n".join(b for b in blocks if b)


def _cell(kind: str, source: str, slide: str = "-") -> dict:
    """A cell; `slide` is its reveal.js role ("slide" starts one, "-" continues it) for `make slides`."""
    cell = {"cell_type": kind, "metadata": {"slideshow": {"slide_type": slide}}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _live_cell(source: str, content: Content, live: dict) -> dict:
    """A code cell with the words its page shows in its place: while its kernel starts (`loading`), and if it
    never comes (`failed`, with the `reload` button). The site's Voilà template (legcramps/voila/share) sends
    a page's prose first, with a placeholder for each live part. `live` says which part the cell makes, as
    data, for the in-browser edition (legcramps.browser), which builds the same part without running cells."""
    cell = _cell("code", source)
    site = content.site
    cell["metadata"]["legcramps"] = {"loading": site.page_loading, "failed": site.page_loading_failed,
                                     "reload": site.page_reload, "live": live}
    return cell


def _notebook(cells: list[dict], title: str, prefix: str, content: Content, name: str, links: Links) -> dict:
    """A notebook; its metadata says its language (`<html lang>`) and where it is in the others (`?lang=`),
    as the site's Voilà template reads them."""
    for i, cell in enumerate(cells):
        cell["id"] = f"{prefix}-{i:02d}"
    metadata: dict = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "title": title,
    }
    if len(content.languages) > 1:
        metadata["legcramps"] = {"lang": content.lang, "translations": {
            code: links.translation(name, content.lang, code) for code, _ in content.languages}}
    return {
        "cells": cells,
        "metadata": metadata,
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def page_notebook(slug: str, content: Content, links: Links = NOTEBOOKS) -> dict:
    page = content.page(slug)
    title = _markdown(html_block(parts.nav(slug, content, links)), f"# {parts.esc(page.title)}",
                      html_block(f"<p>{parts.esc(page.blurb)}</p>{parts.disclaimer(content)}"))
    cells = [_cell("markdown", title, "slide")]
    cells += [_cell("markdown", html_block(parts.topic(topic, content))) for topic in page.topics]
    if slug == content.pages[0].slug:
        heading = f"## {parts.esc(content.words.pages_table.heading)}"
        cells.append(_cell("markdown", _markdown(heading, html_block(parts.index(content, links))), "slide"))
    causes = list(page.causes)
    for part, heading in outline(content):
        if not causes and part not in ("quiz", "sources"):
            continue
        if part == "quiz" and slug not in content.quizzes:
            continue
        prose = html_block(PROSE[part](slug, content))
        cells.append(_cell("markdown", _markdown(f"## {parts.esc(heading)}", prose), "slide"))
        if part in LIVE:
            code = LIVE[part].format(slug=slug, causes=causes[0] if len(causes) == 1 else causes,
                                     lang=_lang_arg(content))
            cells.append(_live_cell(code, content, {"part": part, "slug": slug, "causes": causes}))
    return _notebook(cells, page.title, slug[:2], content, slug, links)


def dashboard_notebook(content: Content, links: Links = NOTEBOOKS) -> dict:
    """The dashboard's title and introduction as Markdown (shown before its kernel starts), then the one call."""
    serve = f"Dashboard.serve({'' if content.lang == 'en' else f'lang={content.lang!r}'})"
    cells = [_cell("markdown", html_block(dashboard_parts.header(content, links)), "slide"),
             _live_cell(f"from legcramps.ui import Dashboard\n\n{serve}", content, {"part": "dashboard"})]
    return _notebook(cells, content.site.title, "dashboard", content, "dashboard", links)


def expected_notebooks(content: Content | None = None) -> dict[str, dict]:
    """Every notebook by its path under notebooks/: English at the top, each other language in its folder
    (`ru/02-overload.ipynb`)."""
    content = content or load()
    books = {}
    for words in each_language(content):
        folder = language_folder(words.lang)
        books.update({f"{folder}{p.slug}.ipynb": page_notebook(p.slug, words) for p in words.pages})
        books[f"{folder}dashboard.ipynb"] = dashboard_notebook(words)
    return books


def dumps(notebook: dict) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def readme_table(content: Content | None = None) -> str:
    content = content or load()
    words = content.words.pages_table
    rows = [f"| {words.page} | {words.covers} |", "|---|---|"]
    rows += [f"| [{p.title}](notebooks/{p.slug}.ipynb) | {p.blurb} |" for p in content.pages]
    rows.append(f"| [{words.dashboard}](notebooks/dashboard.ipynb) | {words.dashboard_blurb} |")
    return "\n".join(rows)


#: Generated blocks of Markdown files: (file, block name) -> the text between `<!-- name:start -->` and
#: `<!-- name:end -->`. The rest of each file is written by hand.
def generated_blocks(content: Content | None = None) -> dict[tuple[str, str], str]:
    content = content or load()
    return {("README.md", "pages"): readme_table(content),
            ("docs/teacher-guide.md", "lesson-plan"): lesson_plan(content)}


def fill_block(text: str, name: str, block: str) -> str:
    """`text` with the block `name` holding `block` (unchanged when the file has no such block)."""
    return re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)",
                  lambda m: m.group(1) + block + "\n" + m.group(2), text, flags=re.S)


def write_all(root: Path = REPO) -> list[Path]:
    """Write every notebook and the generated blocks of the README and the teacher guide; return the files
    that changed."""
    changed = []
    for name, notebook in expected_notebooks().items():
        path = root / "notebooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = dumps(notebook)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    for (file, name), block in generated_blocks().items():
        path = root / file
        if path.exists():
            old = path.read_text(encoding="utf-8")
            new = fill_block(old, name, block)
            if new != old:
                path.write_text(new, encoding="utf-8")
                changed.append(path)
    return changed
