"""Hostile strings in content files and in share links are shown as text and never run.

Unit level: every renderer's output, parsed, has only allow-listed tags, no event handlers and no
script URLs. Browser level: a Voilà server fed a content folder full of payloads, and share links full of
payloads, raise no dialog and set no global in a real Chromium.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import pytest
import yaml

from legcramps import render
from legcramps.answers import parse_query
from legcramps.content import clear_cache, default_root, load
from legcramps.engine import assess
from legcramps.markup import ALLOWED_TAGS, inline, markdown
from legcramps.ui import Dashboard
from tests.security.hostile import MARK, PAYLOADS

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
    """A content folder with a payload in every field a visitor can see."""
    root = tmp_path_factory.mktemp("hostile") / "content"
    shutil.copytree(default_root(), root)
    payloads = iter(PAYLOADS * 4)

    def poison(file: str, edit) -> None:
        path = root / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def site(d):
        d["tagline"] = next(payloads)
        d["no_warning_signs"] = next(payloads)
        d["tiers"][0]["what_to_do"] = next(payloads)

    def factors(d):
        for f in d["factors"][:8]:
            f["label"] = f"{f['label']} {next(payloads)}"
            f["help"] = next(payloads)
        d["groups"][0]["label"] = next(payloads)

    def rules(d):
        for r in d["rules"]:
            r["because"] = f"{r['because']} {next(payloads)}"

    def checklist(d):
        for item in d["items"][:6]:
            item["text"] = f"{item['text']} {next(payloads)}"

    def sources(d):
        d["sources"][0]["title"] = next(payloads)

    poison("site.yaml", site)
    poison("factors.yaml", factors)
    poison("rules.yaml", rules)
    poison("checklist.yaml", checklist)
    poison("sources.yaml", sources)
    cause = root / "causes" / "05-flat-foot.md"
    text = cause.read_text(encoding="utf-8")
    text = text.replace("## What happens in the body\n", "## What happens in the body\n\n" + "\n\n".join(PAYLOADS) +
                        "\n\n", 1)
    cause.write_text(text, encoding="utf-8")
    clear_cache()
    load(root)  # the payloads are valid text: content still loads
    yield root
    clear_cache()


def test_every_view_escapes_hostile_content(hostile_content):
    c = load(hostile_content)
    result = assess({"fluid_litres_per_day": 0.8, "footwear": "high_heels", "standing_hours_per_day": 10,
                     "one_calf_swollen_warm_red": True}, c)
    outputs = [render.care_card(result, c), render.cause_list(result, c), render.checklist_html(result, c),
               render.cause_section("flat_foot", "What happens in the body", c), render.evidence_table("flat_foot", c),
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


@pytest.mark.server
@pytest.mark.browser
def test_no_script_runs_in_the_browser(hostile_content, browser):
    from urllib.parse import quote

    from tests.conftest import VoilaServer, wait_for_app

    server = VoilaServer(env={"LEGCRAMPS_CONTENT": str(hostile_content)})
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        link_attack = "&".join(f"{quote(p)}=1" for p in PAYLOADS[:12]) + "&footwear=" + quote(PAYLOADS[1])
        for url in (server.page("dashboard.ipynb", link_attack), server.page("05-flat-foot.ipynb")):
            page.goto(url)
            wait_for_app(page, ".lc-root")
            page.wait_for_timeout(1500)
            assert page.evaluate(f"typeof window.{MARK}") == "undefined", url
        # the hostile text is visible as text
        page.goto(server.page("dashboard.ipynb", link_attack))
        wait_for_app(page, ".lc-care")
        body = page.inner_text("body")
        assert "<script>" in body or "onerror" in body
        assert page.evaluate(f"typeof window.{MARK}") == "undefined"
        context.close()
    finally:
        server.stop()
    assert dialogs == []
