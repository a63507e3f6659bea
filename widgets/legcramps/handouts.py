"""Printable one-page handouts per page, a glossary sheet and a teachers' answer key — from content/ only.

The handouts reuse the renderers the notebooks use, so their text *is* the content's text (a test checks
it), and an edit in content/ changes notebook, dashboard and handout alike. Output is plain HTML with an
inline print stylesheet: any browser prints it or saves it as PDF.
"""

from __future__ import annotations

from pathlib import Path

from legcramps.content import Content, load
from legcramps.export import PRINT_CSS
from legcramps.markup import esc, inline
from legcramps.render import page as render_page
from legcramps.render.quiz import answer_key, scenario_notes

HANDOUT_CSS = PRINT_CSS + """
.lc-badge { border: 1px solid #333; border-radius: 8px; padding: 0 6px; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 3px 5px;
  vertical-align: top; font-size: 0.9em; }
dfn { font-style: normal; }
.lc-nav, details { display: none; }
@page { size: A4; margin: 14mm; }
"""


def _document(title: str, body: str) -> str:
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(title)}</title><style>{HANDOUT_CSS}</style></head><body><main>{body}</main></body></html>")


def handout(slug: str, content: Content | None = None) -> str:
    """One page of the registry as a printable handout (no controls, no quiz answers)."""
    c = content or load()
    p = c.page(slug)
    headings = dict(render_page.outline(c))  # the page's own headings, so the handout reads like the page
    body = [f"<h1>{esc(p.title)}</h1>", f"<p>{esc(p.blurb)}</p>", render_page.disclaimer(c),
            f"<h2>{esc(headings['objectives'])}</h2>", render_page.objectives(slug, c)]
    for topic in p.topics:
        body.append(render_page.topic(topic, c))
    if p.causes:
        for part, html in (("body", render_page.section(slug, "body", c)),
                           ("helps", render_page.section(slug, "helps", c)),
                           ("get_help", render_page.when_to_get_help(slug, c)),
                           ("evidence", render_page.evidence(slug, c))):
            body += [f"<h2>{esc(headings[part])}</h2>", html]
    if p.try_this:
        body += ["<h2>Try this</h2>", f"<p>{inline(p.try_this, c)}</p>"]
    body += ["<h2>Sources</h2>", render_page.sources(slug, c)]
    return _document(f"{p.title} — handout", "".join(body))


def glossary_sheet(content: Content | None = None) -> str:
    c = content or load()
    body = f"<h1>Glossary</h1>{render_page.disclaimer(c)}<dl>{render_page.glossary_list(c)}</dl>"
    return _document("Leg cramps — glossary", body)


def teacher_key(content: Content | None = None) -> str:
    """For teachers only: every quiz with its answers, and the scenario cards with their notes."""
    c = content or load()
    parts = ["<h1>Answer key (teachers only)</h1>"]
    for p in c.pages:
        if p.slug in c.quizzes:
            parts += [f"<h2>{esc(p.title)}</h2>", answer_key(p.slug, c)]
    parts += ["<h2>Scenario cards</h2>", scenario_notes(c)]
    return _document("Leg cramps — answer key", "".join(parts))


def build(out: Path, content: Content | None = None) -> list[Path]:
    """Write every handout; the answer key goes in a separate `teachers/` folder."""
    c = content or load()
    out.mkdir(parents=True, exist_ok=True)
    (out / "teachers").mkdir(exist_ok=True)
    written = []
    for p in c.pages:
        path = out / f"{p.slug}.html"
        path.write_text(handout(p.slug, c), encoding="utf-8")
        written.append(path)
    for path, text in ((out / "glossary.html", glossary_sheet(c)), (out / "teachers" / "answer-key.html",
                                                                    teacher_key(c))):
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
