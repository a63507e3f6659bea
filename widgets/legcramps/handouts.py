"""The printable classroom kit, from content/ only: per page a one-page summary and a long handout (the
optional reading), the pupils' one-page worksheet, a glossary sheet, an index, and the teachers' answer key.

The long handouts reuse the renderers the notebooks use, so their text *is* the content's text (a test
checks it), and an edit in content/ changes notebook, dashboard and handout alike. The one-page sheets
(`render.summary`, `render.worksheet`) take the short fields made for them (`key_points`) and are held to
one A4 page by a test that prints them with Chromium. Output is plain HTML with an inline print
stylesheet: any browser prints it or saves it as PDF.
"""

from __future__ import annotations

from pathlib import Path

from legcramps.content import Content, each_language, load
from legcramps.export import PRINT_CSS
from legcramps.markup import esc, inline
from legcramps.render import page as render_page
from legcramps.render import sheet
from legcramps.render.links import language_folder
from legcramps.render.quiz import answer_key, scenario_notes
from legcramps.render.summary import SUMMARY_CSS, summary
from legcramps.render.worksheet import WORKSHEET_CSS, worksheet

HANDOUT_CSS = PRINT_CSS + """
.lc-badge { border: 1px solid #333; border-radius: 8px; padding: 0 6px; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 3px 5px;
  vertical-align: top; font-size: 0.9em; }
dfn { font-style: normal; }
.lc-nav, details { display: none; }
@page { size: A4; margin: 14mm; }
"""


def _document(title: str, body: str, lang: str) -> str:
    return (f"<!doctype html><html lang='{esc(lang)}'><head><meta charset='utf-8'>"
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
    words = c.words.handouts
    if p.try_this:
        body += [f"<h2>{esc(words.try_this)}</h2>", f"<p>{inline(p.try_this, c)}</p>"]
    body += [f"<h2>{esc(words.sources)}</h2>", render_page.sources(slug, c)]
    return _document(words.handout_title.format(title=p.title), "".join(body), c.lang)


def summary_sheet(slug: str, content: Content | None = None) -> str:
    """A page on one A4 sheet: what each cause is, the evidence, when to get help, what helps."""
    c = content or load()
    return sheet.document(f"{c.page(slug).title} — {c.sheets.summary.kicker}", summary(slug, c), SUMMARY_CSS, c.lang)


def worksheet_sheet(content: Content | None = None) -> str:
    """The pupils' one-page worksheet: the article's claims against their card and the evidence."""
    c = content or load()
    return sheet.document(c.sheets.worksheet.title, worksheet(c), WORKSHEET_CSS, c.lang)


def index_sheet(content: Content | None = None) -> str:
    """What is in the folder: the worksheet, each page's summary and its longer reading, the glossary, the key."""
    c = content or load()
    words = c.sheets.index

    def link(href: str, text: str) -> str:
        return f'<a href="{esc(href)}">{esc(text)}</a>'

    rows = "".join(f"<tr><td>{esc(p.title)}</td><td>{link(f'{p.slug}.summary.html', f'{p.slug}.summary.html')}</td>"
                   f"<td>{link(f'{p.slug}.html', f'{p.slug}.html')}</td></tr>" for p in c.pages)
    body = (f"<h1>{esc(words.title)}</h1><ul><li>{link('worksheet.html', words.worksheet)}</li>"
            f"<li>{link('glossary.html', words.glossary)}</li>"
            f"<li>{link('teachers/answer-key.html', words.answer_key)}</li></ul>"
            f'<table><thead><tr><th scope="col">{esc(words.page)}</th><th scope="col">{esc(words.summaries)}</th>'
            f'<th scope="col">{esc(words.reading)}</th></tr></thead><tbody>{rows}</tbody></table>')
    return _document(words.title, body, c.lang)


def glossary_sheet(content: Content | None = None) -> str:
    c = content or load()
    words = c.words.handouts
    body = f"<h1>{esc(words.glossary)}</h1>{render_page.disclaimer(c)}<dl>{render_page.glossary_list(c)}</dl>"
    return _document(words.glossary_title, body, c.lang)


def teacher_key(content: Content | None = None) -> str:
    """For teachers only: every quiz with its answers, and the scenario cards with their notes."""
    c = content or load()
    words = c.words.handouts
    parts = [f"<h1>{esc(words.answer_key)}</h1>"]
    for p in c.pages:
        if p.slug in c.quizzes:
            parts += [f"<h2>{esc(p.title)}</h2>", answer_key(p.slug, c)]
    parts += [f"<h2>{esc(words.scenario_cards)}</h2>", scenario_notes(c)]
    return _document(words.answer_key_title, "".join(parts), c.lang)


def build(out: Path, content: Content | None = None) -> list[Path]:
    """Write every sheet, in every language (English here, another language in its folder: `ru/`)."""
    c = content or load()
    written = []
    for words in each_language(c):
        written += _build_one(out / language_folder(words.lang), words)
    return written


def _build_one(out: Path, c: Content) -> list[Path]:
    """Every sheet of one language; the answer key goes in a separate `teachers/` folder, out of pupils' way."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "teachers").mkdir(exist_ok=True)
    written = []
    for p in c.pages:
        for path, text in ((out / f"{p.slug}.summary.html", summary_sheet(p.slug, c)),
                           (out / f"{p.slug}.html", handout(p.slug, c))):
            path.write_text(text, encoding="utf-8")
            written.append(path)
    for path, text in ((out / "worksheet.html", worksheet_sheet(c)), (out / "index.html", index_sheet(c)),
                       (out / "glossary.html", glossary_sheet(c)),
                       (out / "teachers" / "answer-key.html", teacher_key(c))):
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
