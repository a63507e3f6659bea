"""The narrative parts of a page as HTML: header and navigation, objectives, prose, evidence, sources,
glossary, the table of pages — from content/ only.

Every function takes the page slug from the one registry (content/pages.yaml) and returns a safe HTML
string. The notebooks hold these in their Markdown cells (`legcramps.notebooks`); the
handouts print the very same strings, so a handout's text *is* the page's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc, inline, markdown
from legcramps.render.assets import A11Y_JS, css, script
from legcramps.render.evidence import cause_sources, evidence_badge, evidence_table, sources_list, tiers_table
from legcramps.render.links import NOTEBOOKS, Links, language_links
from legcramps.render.session import guard_html
from legcramps.schema import TERM_MARK

if TYPE_CHECKING:
    from legcramps.content import Content

#: The parts of a cause page in reading order: the notebooks, the handouts and so the slides follow it. A
#: part's heading is words.yaml's (`page.headings`), or else it is a cause section, under its own heading
#: (site.yaml `cause_sections`).
PAGE_OUTLINE: tuple[str, ...] = ("objectives", "body", "who", "explore", "helps", "get_help", "evidence", "quiz",
                                 "sources")


def outline(content: Content) -> list[tuple[str, str]]:
    """(part id, heading) of every part of a cause page, headings filled in from the content."""
    headings = content.words.page.headings
    return [(part, getattr(headings, part, None) or content.section_heading(part)) for part in PAGE_OUTLINE]


def page_scripts(content: Content | None = None) -> str:
    """The stylesheet and the page scripts: put once at the top of a page (hidden).

    With `content`, it also carries the session guard (`legcramps.render.session`): the answers in the
    address bar and the notice when the page's kernel is gone.
    """
    guard = guard_html(content) if content is not None else ""
    return f"<style>{css()}</style>{script('lc-a11y-script', A11Y_JS)}{guard}"


def disclaimer(content: Content) -> str:
    return f'<p class="lc-disclaimer" role="note"><strong>{esc(content.site.disclaimer)}</strong></p>'


def nav(slug: str, content: Content, links: Links = NOTEBOOKS) -> str:
    """Links to the first page, the dashboard, and the pages before and after this one."""
    words = content.words.page
    slugs = [p.slug for p in content.pages]
    i = slugs.index(slug)
    items = [f'<a href="{links.page("dashboard")}">{esc(words.nav_dashboard)}</a>']
    if slug != slugs[0]:
        items.insert(0, f'<a href="{links.page(slugs[0])}">{esc(words.nav_first)}</a>')
    if i > 0:
        items.append(f'<a href="{links.page(slugs[i - 1])}" rel="prev">← {esc(content.pages[i - 1].title)}</a>')
    if i + 1 < len(slugs):
        items.append(f'<a href="{links.page(slugs[i + 1])}" rel="next">{esc(content.pages[i + 1].title)} →</a>')
    return (f'<nav class="lc-nav lc-noprint" aria-label="{esc(words.nav_label)}">{" · ".join(items)}'
            f"{language_links(content, slug, links)}</nav>")


def header(slug: str, content: Content) -> str:
    """The stylesheet, navigation, title, what the page is about and the disclaimer."""
    page = content.page(slug)
    return (f"<style>{css()}</style>{nav(slug, content)}<h1>{esc(page.title)}</h1><p>{esc(page.blurb)}</p>"
            f"{disclaimer(content)}")


def objectives(slug: str, content: Content) -> str:
    """What you will learn: the summaries of the page's topics and causes, then their objectives."""
    page = content.page(slug)
    items = [o for cid in page.causes for o in content.causes[cid].front.objectives]
    summaries = "".join(f"<p>{inline(content.topics[t].front.summary, content)}</p>" for t in page.topics)
    summaries += "".join(f"<p><strong>{esc(content.causes[cid].title)}.</strong> "
                         f"{inline(content.causes[cid].front.summary, content)}</p>" for cid in page.causes)
    lis = "".join(f"<li>{inline(o, content)}</li>" for o in items)
    return summaries + (f'<ul class="lc-objectives">{lis}</ul>' if lis else "")


def topic(topic_id: str, content: Content) -> str:
    return f'<div class="lc-prose">{markdown(content.topics[topic_id].body, content)}</div>'


def cause_section(cause_id: str, section_id: str, content: Content) -> str:
    """One prose section of a cause by its id (`helps`: "What helps"), rendered from its Markdown."""
    return f'<div class="lc-prose">{markdown(content.causes[cause_id].sections[section_id], content)}</div>'


def _per_cause(slug: str, content: Content, part) -> str:
    """`part(cause_id)` for every cause on the page, each under its title when there are several."""
    causes = content.page(slug).causes
    return "".join((f"<h3>{esc(content.causes[cid].title)}</h3>" if len(causes) > 1 else "") + part(cid)
                   for cid in causes)


def section(slug: str, section_id: str, content: Content) -> str:
    """One prose section (`helps`: "What helps") for every cause on the page, in order."""
    return _per_cause(slug, content, lambda cid: cause_section(cid, section_id, content))


def article_says(slug: str, content: Content) -> str:
    quotes = [(content.causes[cid].title, content.causes[cid].front.article_says)
              for cid in content.page(slug).causes if content.causes[cid].front.article_says]
    return "".join(f"<blockquote><strong>{esc(t)}:</strong> {inline(q, content)}</blockquote>" for t, q in quotes)


def evidence(slug: str, content: Content) -> str:
    """What the evidence says: grade, sources, and claim by claim where the source article is wrong."""
    words = content.words.page
    parts = [_per_cause(slug, content, lambda cid: evidence_table(cid, content))]
    for tid in content.page(slug).topics:
        for claim in content.topics[tid].front.claims:
            parts.append(f"<p><strong>{esc(words.often_said)}</strong> {inline(claim.article_says, content)}<br>"
                         f"<strong>{esc(words.the_evidence)}</strong> {inline(claim.evidence_says, content)} "
                         f"{evidence_badge(claim.grade, content, claim.sources)}</p>")
    grades = "".join(f"<li>{evidence_badge(g.id, content)} {esc(g.meaning)}</li>" for g in content.site.grades)
    parts.append(f"<details><summary>{esc(words.labels_mean)}</summary><ul>{grades}</ul></details>")
    return "".join(parts)


def try_this(slug: str, content: Content) -> str:
    """The page's classroom task, done with the controls below it."""
    task = content.page(slug).try_this
    if not task:
        return ""
    return f'<p class="lc-try-this"><strong>{esc(content.words.page.try_this)}</strong> {inline(task, content)}</p>'


def when_to_get_help(slug: str, content: Content) -> str:
    return section(slug, "get_help", content) + tiers_table(content)


def page_sources(slug: str, content: Content) -> list[str]:
    """Every source the page cites: its causes, its topics and their claims, its quiz."""
    page = content.page(slug)
    ids = [s for cid in page.causes for s in cause_sources(cid, content)]
    ids += [s for tid in page.topics for s in content.topics[tid].front.sources]
    ids += [s for tid in page.topics for cl in content.topics[tid].front.claims for s in cl.sources]
    if slug in content.quizzes:
        ids += [s for q in content.quizzes[slug].questions for s in q.sources]
    return list(dict.fromkeys(ids))


def sources(slug: str, content: Content) -> str:
    """Every source the page cites, and the glossary of the medical words it uses."""
    return sources_list(page_sources(slug, content), content) + glossary(slug, content)


def page_text(slug: str, content: Content) -> str:
    """All content text shown on a page (for reading-level and glossary checks)."""
    page = content.page(slug)
    texts = [content.topics[t].body for t in page.topics] + [content.topics[t].front.summary for t in page.topics]
    for cid in page.causes:
        f = content.causes[cid].front
        texts += [f.summary, f.evidence.says, *content.causes[cid].sections.values()]
        texts += [cl.evidence_says for cl in f.claims]
    return "\n\n".join(texts)


def glossary(slug: str, content: Content) -> str:
    """The glossary words the page's text marks, alphabetically."""
    words = []
    for m in TERM_MARK.finditer(page_text(slug, content)):
        entry = content.term(m.group(2) or m.group(1))
        if entry is not None and entry not in words:
            words.append(entry)
    words.sort(key=lambda t: t.term.lower())
    items = "".join(f"<dt>{esc(t.term)}</dt><dd>{esc(t.definition)}</dd>" for t in words)
    heading = esc(content.words.page.glossary)
    return f'<h3>{heading}</h3><dl class="lc-glossary">{items}</dl>' if items else ""


def index(content: Content, links: Links = NOTEBOOKS) -> str:
    """The table of pages, made from the registry (the same table the README shows)."""
    words = content.words.pages_table
    rows = "".join(f'<tr><td><a href="{links.page(p.slug)}">{esc(p.title)}</a></td><td>{esc(p.blurb)}</td></tr>'
                   for p in content.pages)
    return (f'<table class="lc-index"><thead><tr><th scope="col">{esc(words.page)}</th><th scope="col">'
            f'{esc(words.covers)}</th></tr></thead><tbody>{rows}<tr><td><a href="{links.page("dashboard")}">'
            f"{esc(words.dashboard)}</a></td><td>{esc(words.dashboard_blurb)}</td></tr></tbody></table>")


def glossary_list(content: Content) -> str:
    """Every glossary term with its other names, alphabetically (the printed glossary sheet)."""
    entries = sorted({id(t): t for t in content.glossary.values()}.values(), key=lambda t: t.term.lower())
    return "".join(f"<dt><strong>{esc(t.term)}</strong>"
                   + (f" <span>({esc(', '.join(t.aliases))})</span>" if t.aliases else "")
                   + f"</dt><dd>{esc(t.definition)}</dd>" for t in entries)

