"""The narrative parts of a page, rendered from content/ so a notebook cell is one call.

Every function takes the page slug from the one registry (content/pages.yaml) and returns an object that
displays as HTML in JupyterLab and in Voilà. Nothing here is medical text: it only arranges content.
"""

from __future__ import annotations

from legcramps.content import Content, load
from legcramps.markup import esc, inline, markdown
from legcramps.schema import TERM_MARK
from legcramps.ui import render
from legcramps.ui.views import css


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


def _nav(slug: str, content: Content) -> str:
    slugs = [p.slug for p in content.pages]
    i = slugs.index(slug)
    links = ['<a href="dashboard.ipynb">Open the dashboard</a>']
    if slug != slugs[0]:
        links.insert(0, f'<a href="{slugs[0]}.ipynb">All pages</a>')
    if i > 0:
        links.append(f'<a href="{slugs[i - 1]}.ipynb" rel="prev">← {esc(content.pages[i - 1].title)}</a>')
    if i + 1 < len(slugs):
        links.append(f'<a href="{slugs[i + 1]}.ipynb" rel="next">{esc(content.pages[i + 1].title)} →</a>')
    return f'<nav class="lc-nav lc-noprint" aria-label="Pages">{" · ".join(links)}</nav>'


def header(slug: str, content: Content | None = None) -> Html:
    """Title, what the page is about, the disclaimer and navigation."""
    c = _content(content)
    page = c.page(slug)
    return Html(f"<style>{css()}</style>{_nav(slug, c)}<h1>{esc(page.title)}</h1><p>{esc(page.blurb)}</p>"
                f"{render.disclaimer(c)}")


def objectives(slug: str, content: Content | None = None) -> Html:
    """What you will learn: the objectives of every cause on the page."""
    c = _content(content)
    page = c.page(slug)
    items = [o for cid in page.causes for o in c.causes[cid].front.objectives]
    summaries = "".join(f"<p>{inline(c.topics[t].front.summary, c)}</p>" for t in page.topics)
    summaries += "".join(f"<p><strong>{esc(c.causes[cid].title)}.</strong> {inline(c.causes[cid].front.summary, c)}"
                         "</p>" for cid in page.causes)
    return Html(summaries + render.objectives(items, c))


def topic(topic_id: str, content: Content | None = None) -> Html:
    c = _content(content)
    return Html(f'<div class="lc-prose">{markdown(c.topics[topic_id].body, c)}</div>')


def section(slug: str, heading: str, content: Content | None = None) -> Html:
    """One prose section (e.g. "What helps") for every cause on the page, in order."""
    c = _content(content)
    page = c.page(slug)
    parts = []
    for cid in page.causes:
        title = f"<h3>{esc(c.causes[cid].title)}</h3>" if len(page.causes) > 1 else ""
        parts.append(title + render.section(cid, heading, c))
    return Html("".join(parts))


def article_says(slug: str, content: Content | None = None) -> Html:
    c = _content(content)
    quotes = [(c.causes[cid].title, c.causes[cid].front.article_says) for cid in c.page(slug).causes
              if c.causes[cid].front.article_says]
    return Html("".join(f"<blockquote><strong>{esc(t)}:</strong> {inline(q, c)}</blockquote>" for t, q in quotes))


def evidence(slug: str, content: Content | None = None) -> Html:
    """What the evidence says: grade, sources, and claim by claim where the source article is wrong."""
    c = _content(content)
    page = c.page(slug)
    parts = []
    for cid in page.causes:
        title = f"<h3>{esc(c.causes[cid].title)}</h3>" if len(page.causes) > 1 else ""
        parts.append(title + render.evidence_table(cid, c))
    for tid in page.topics:
        for claim in c.topics[tid].front.claims:
            parts.append(f"<p><strong>Often said:</strong> {inline(claim.article_says, c)}<br>"
                         f"<strong>The evidence:</strong> {inline(claim.evidence_says, c)} "
                         f"{render.evidence_badge(claim.grade, c, claim.sources)}</p>")
    grades = "".join(f"<li>{render.evidence_badge(g.id, c)} {esc(g.meaning)}</li>" for g in c.site.grades)
    parts.append(f'<details><summary>What the evidence labels mean</summary><ul>{grades}</ul></details>')
    return Html("".join(parts))


def try_this(slug: str, content: Content | None = None) -> Html:
    """The page's classroom task, done with the controls below it."""
    c = _content(content)
    task = c.page(slug).try_this
    return Html(f'<p class="lc-try-this"><strong>Try this:</strong> {inline(task, c)}</p>' if task else "")


def when_to_get_help(slug: str, content: Content | None = None) -> Html:
    c = _content(content)
    return Html(section(slug, "When to get help", c).html + render.tiers_table(c))


def page_sources(slug: str, content: Content | None = None) -> list[str]:
    c = _content(content)
    page = c.page(slug)
    ids = [s for cid in page.causes for s in render.cause_sources(cid, c)]
    ids += [s for tid in page.topics for s in c.topics[tid].front.sources]
    ids += [s for tid in page.topics for cl in c.topics[tid].front.claims for s in cl.sources]
    if slug in c.quizzes:
        ids += [s for q in c.quizzes[slug].questions for s in q.sources]
    return list(dict.fromkeys(ids))


def sources(slug: str, content: Content | None = None) -> Html:
    """Every source the page cites, and the glossary of the medical words it uses."""
    c = _content(content)
    return Html(render.sources_list(page_sources(slug, c), c) + glossary(slug, c).html)


def page_text(slug: str, content: Content | None = None) -> str:
    """All content text shown on a page (for reading-level and glossary checks)."""
    c = _content(content)
    page = c.page(slug)
    texts = [c.topics[t].body for t in page.topics] + [c.topics[t].front.summary for t in page.topics]
    for cid in page.causes:
        f = c.causes[cid].front
        texts += [f.summary, f.evidence.says, *c.causes[cid].sections.values()]
        texts += [cl.evidence_says for cl in f.claims]
    return "\n\n".join(texts)


def glossary(slug: str, content: Content | None = None) -> Html:
    c = _content(content)
    words = []
    for m in TERM_MARK.finditer(page_text(slug, c)):
        entry = c.term(m.group(2) or m.group(1))
        if entry is not None and entry not in words:
            words.append(entry)
    words.sort(key=lambda t: t.term.lower())
    items = "".join(f"<dt>{esc(t.term)}</dt><dd>{esc(t.definition)}</dd>" for t in words)
    return Html(f'<h3>Words used on this page</h3><dl class="lc-glossary">{items}</dl>' if items else "")


def index(content: Content | None = None) -> Html:
    """The table of pages, made from the registry (the same table the README shows)."""
    c = _content(content)
    rows = "".join(f'<tr><td><a href="{p.slug}.ipynb">{esc(p.title)}</a></td><td>{esc(p.blurb)}</td></tr>'
                   for p in c.pages)
    return Html('<table class="lc-index"><thead><tr><th scope="col">Page</th><th scope="col">What it covers'
                f'</th></tr></thead><tbody>{rows}<tr><td><a href="dashboard.ipynb">Dashboard</a></td><td>'
                "Set your own answers and see which causes may fit.</td></tr></tbody></table>")
