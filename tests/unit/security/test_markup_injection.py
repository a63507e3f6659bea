"""Hostile strings in content files and in share links are shown as text and never run.

Every renderer's output, parsed, has only allow-listed tags, no event handlers and no script URLs. The same
hostile content in a real Voilà server and Chromium: tests/integration/security/test_hostile_content_in_browser.py.
"""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from legcramps import render
from legcramps.answers import parse_query
from legcramps.content import clear_cache, load
from legcramps.engine import assess
from legcramps.markup import ALLOWED_TAGS, inline, markdown
from legcramps.ui import Dashboard
from tests.unit.security.hostile import PAYLOADS, write_hostile_content

EXTRA_OK_TAGS = {"section", "h1", "h2", "div", "ul", "li", "table", "caption", "thead", "tbody", "tr", "th", "td",
                 "nav", "header", "figure", "figcaption", "img", "button", "details", "summary", "ol", "dl", "dt",
                 "dd", "blockquote", "style", "p"}


class Audit(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS | EXTRA_OK_TAGS:
            self.bad.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") and not (tag == "button" and name == "onclick"):
                self.bad.append(f"{tag}.{name}")
            if name in ("href", "src") and value and value.strip().lower().startswith(("javascript:", "vbscript:")):
                self.bad.append(f"{tag}.{name}={value}")
            if name == "href" and value and value.startswith("data:text/html") and tag == "a" \
                    and "lc-export" not in dict(attrs).get("class", ""):
                self.bad.append(f"{tag}.{name}=data:")


def audit(fragment: str) -> list[str]:
    parser = Audit()
    parser.feed(fragment)
    return parser.bad


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_markdown_and_inline_rendering_neutralise_payloads(content, payload):
    for out in (markdown(payload, content), inline(payload, content), markdown(f"- {payload}\n\n{payload}", content)):
        assert audit(out) == [], out
        assert "<script" not in out.lower()


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory) -> Path:
    root = write_hostile_content(tmp_path_factory.mktemp("hostile") / "content")
    yield root
    clear_cache()


def test_every_view_escapes_hostile_content(hostile_content):
    c = load(hostile_content)
    result = assess({"fluid_litres_per_day": 0.8, "footwear": "high_heels", "standing_hours_per_day": 10,
                     "one_calf_swollen_warm_red": True}, c)
    outputs = [render.care_card(result, c), render.cause_list(result, c), render.checklist_html(result, c),
               render.cause_section("flat_foot", "body", c), render.evidence_table("flat_foot", c),
               render.sources_list(list(c.sources), c)]
    for out in outputs:
        assert audit(out) == [], out[:500]
    dash = Dashboard(content=c, query="")
    for w in (dash.care.widget, dash.causes.widget, dash.share):
        assert audit(w.value) == []


def test_share_link_payloads_become_notes_not_markup(content):
    from urllib.parse import quote

    query = "&".join(f"{quote(p)}=1" for p in PAYLOADS[:10]) + "&" + "&".join(
        f"fluid_litres_per_day={quote(p)}" for p in PAYLOADS[10:])
    answers, notes = parse_query(query, content)
    assert answers == {}
    assert len(notes) == len(PAYLOADS)
    dash = Dashboard(content=content, query=query)
    assert audit(dash.notes.value) == []
    assert "&lt;script&gt;" in dash.notes.value


def test_notebooks_made_from_hostile_content_keep_it_as_text(hostile_content):
    """The prose goes into the notebooks' Markdown cells, which JupyterLab and Voilà render with raw HTML
    allowed: what reaches a cell has been through the render layer's escaping and sanitiser."""
    from markdown_it import MarkdownIt

    from legcramps.notebooks import expected_notebooks

    c = load(hostile_content)
    books = expected_notebooks(c)
    md = MarkdownIt("commonmark", {"html": True})
    shown = 0
    for name, notebook in books.items():
        for cell in notebook["cells"]:
            if cell["cell_type"] == "markdown":
                out = md.render(cell["source"])
                assert audit(out) == [], (name, out[:400])  # no tag outside the allow-list, no handler, no script URL
                shown += out.count("&lt;script&gt;")
            else:
                assert all("<" not in str(v) for v in cell["metadata"]["legcramps"].values()), name
    assert shown > 0, "the hostile text is in the notebooks, as text"
