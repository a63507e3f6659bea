"""Generate the notebooks (and the README's table of pages) from the one registry, content/pages.yaml.

Every page notebook has the same outline, so it is written by code rather than by hand: a new page in
pages.yaml becomes a notebook with `python -m legcramps notebooks`, and a test fails if the committed
notebooks drift from what this produces. Notebooks hold only headings and one-line calls; all text comes
from content/ at run time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from legcramps.content import Content, load
from legcramps.render.page import DASHBOARD_BLURB, DASHBOARD_TITLE, outline

REPO = Path(__file__).resolve().parents[2]
#: The call that shows each part of the page outline (`legcramps.render.page.PAGE_OUTLINE`).
CALLS = {
    "objectives": "page.objectives({slug!r})",
    "body": "page.section({slug!r}, 'body')",
    "who": "page.section({slug!r}, 'who')",
    "explore": "CauseExplorer({causes!r})",
    "helps": "page.section({slug!r}, 'helps')",
    "get_help": "page.when_to_get_help({slug!r})",
    "evidence": "page.evidence({slug!r})",
    "quiz": "Quiz({slug!r})",
    "sources": "page.sources({slug!r})",
}


def _cell(kind: str, source: str, slide: str = "-") -> dict:
    """A cell; `slide` is its reveal.js role ("slide" starts one, "-" continues it) for `make slides`."""
    cell = {"cell_type": kind, "metadata": {"slideshow": {"slide_type": slide}}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _notebook(cells: list[dict], title: str) -> dict:
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "title": title,
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def page_notebook(slug: str, content: Content) -> dict:
    page = content.page(slug)
    cells = [_cell("code", f"from legcramps.ui import CauseExplorer, Quiz, page\n\npage.header({slug!r})", "slide")]
    for topic in page.topics:
        cells.append(_cell("code", f"page.topic({topic!r})"))
    if slug == content.pages[0].slug:
        cells += [_cell("markdown", "## The pages", "slide"), _cell("code", "page.index()")]
    causes = list(page.causes)
    for part, heading in outline(content):
        if not causes and part not in ("quiz", "sources"):
            continue
        if part == "quiz" and slug not in content.quizzes:
            continue
        arg = causes[0] if len(causes) == 1 else causes
        cells.append(_cell("markdown", f"## {heading}", "slide"))
        if part == "explore" and page.try_this:
            cells.append(_cell("code", f"page.try_this({slug!r})"))
        cells.append(_cell("code", CALLS[part].format(slug=slug, causes=arg)))
    for i, cell in enumerate(cells):
        cell["id"] = f"{slug[:2]}-{i:02d}"
    return _notebook(cells, page.title)


def dashboard_notebook(content: Content) -> dict:
    cells = [_cell("code", "from legcramps.ui import Dashboard\n\nDashboard.serve()", "slide")]
    cells[0]["id"] = "dashboard-00"
    return _notebook(cells, content.site.title)


def expected_notebooks(content: Content | None = None) -> dict[str, dict]:
    content = content or load()
    books = {f"{p.slug}.ipynb": page_notebook(p.slug, content) for p in content.pages}
    books["dashboard.ipynb"] = dashboard_notebook(content)
    return books


def dumps(notebook: dict) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def readme_table(content: Content | None = None) -> str:
    content = content or load()
    rows = ["| Page | What it covers |", "|---|---|"]
    rows += [f"| [{p.title}](notebooks/{p.slug}.ipynb) | {p.blurb} |" for p in content.pages]
    rows.append(f"| [{DASHBOARD_TITLE}](notebooks/dashboard.ipynb) | {DASHBOARD_BLURB} |")
    return "\n".join(rows)


def write_all(root: Path = REPO) -> list[Path]:
    """Write every notebook and the README table; return the files that changed."""
    changed = []
    for name, notebook in expected_notebooks().items():
        path = root / "notebooks" / name
        text = dumps(notebook)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    readme = root / "README.md"
    if readme.exists():
        old = readme.read_text(encoding="utf-8")
        new = re.sub(r"(<!-- pages:start -->\n).*?(<!-- pages:end -->)",
                     lambda m: m.group(1) + readme_table() + "\n" + m.group(2), old, flags=re.S)
        if new != old:
            readme.write_text(new, encoding="utf-8")
            changed.append(readme)
    return changed
