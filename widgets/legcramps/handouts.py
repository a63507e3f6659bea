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
from legcramps.ui import page as page_parts
from legcramps.ui import render
from legcramps.ui.quiz import answer_key

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
    parts = [f"<h1>{esc(p.title)}</h1>", f"<p>{esc(p.blurb)}</p>", render.disclaimer(c),
             "<h2>What you will learn</h2>", page_parts.objectives(slug, c).html]
    for topic in p.topics:
        parts.append(page_parts.topic(topic, c).html)
    if p.causes:
        parts += ["<h2>What happens in the muscle</h2>", page_parts.section(slug, "What happens in the body", c).html,
                  "<h2>What helps</h2>", page_parts.section(slug, "What helps", c).html,
                  "<h2>When to get help</h2>", page_parts.when_to_get_help(slug, c).html,
                  "<h2>What the evidence says</h2>", page_parts.evidence(slug, c).html]
    if p.try_this:
        parts += ["<h2>Try this</h2>", f"<p>{inline(p.try_this, c)}</p>"]
    parts += ["<h2>Sources</h2>", page_parts.sources(slug, c).html]
    return _document(f"{p.title} — handout", "".join(parts))


def glossary_sheet(content: Content | None = None) -> str:
    c = content or load()
    entries = sorted({id(t): t for t in c.glossary.values()}.values(), key=lambda t: t.term.lower())
    rows = "".join(f"<dt><strong>{esc(t.term)}</strong>"
                   + (f" <span>({esc(', '.join(t.aliases))})</span>" if t.aliases else "")
                   + f"</dt><dd>{esc(t.definition)}</dd>" for t in entries)
    return _document("Leg cramps — glossary", f"<h1>Glossary</h1>{render.disclaimer(c)}<dl>{rows}</dl>")


def teacher_key(content: Content | None = None) -> str:
    """For teachers only: every quiz with its answers, and the scenario cards with their notes."""
    c = content or load()
    parts = ["<h1>Answer key (teachers only)</h1>"]
    for p in c.pages:
        if p.slug in c.quizzes:
            parts += [f"<h2>{esc(p.title)}</h2>", answer_key(p.slug, c)]
    parts.append("<h2>Scenario cards</h2>")
    for s in c.scenarios:
        qs = "".join(f"<li>{esc(q)}</li>" for q in s.questions)
        parts.append(f"<h3>{esc(s.title)}</h3><p>{esc(s.story)}</p><ol>{qs}</ol>"
                     f"<p><strong>What the class should find:</strong> {esc(s.teacher_notes)}</p>")
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
