"""Assessment and content → HTML strings. Pure functions, no widgets, no medical decisions.

Everything here only *shows* what `assess()` decided and what `content/` says. Keeping it free of
ipywidgets means the exported checklist, handouts and tests use exactly the HTML the dashboard shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from legcramps.markup import esc, inline, markdown
from legcramps.schema import HELP_TIERS

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.engine import Assessment
    from legcramps.schema import Source

TIER_ICON = {"self_care": "✓", "see_gp": "ℹ", "urgent": "!", "emergency": "‼"}
SECTION_TITLES = {"now": "What to do now", "prevent": "To prevent the next one", "ask_doctor": "Ask a doctor"}


def page_of(cause_id: str, content: Content) -> str | None:
    """The registry page (slug) that explains a cause."""
    return next((p.slug for p in content.pages if cause_id in p.causes), None)


def page_href(slug: str, link_base: str = "") -> str:
    """Link to a page's notebook; `link_base` is '' in JupyterLab and the Voilà render prefix when served."""
    return f"{link_base}{slug}.ipynb"


def sources_links(ids: Iterable[str], content: Content) -> str:
    links = []
    for sid in ids:
        src = content.sources[sid]
        links.append(f'<a href="{esc(src.url)}" target="_blank" rel="noopener noreferrer" '
                     f'title="{esc(src.title)} ({esc(src.publisher)}, {src.year})">{esc(_short_source(src))}</a>')
    return ", ".join(links)


def _short_source(src: Source) -> str:
    """"Allen et al. 2012" for a paper; "NHS: Leg cramps" for a web page, so two pages of one publisher differ."""
    if src.authors:
        who = src.authors.split(",")[0].split(" ")[0] + " et al." if "," in src.authors else src.authors
        return f"{who} {src.year}"
    abbreviation = re.search(r"\(([A-Z]{2,})\)", src.publisher)
    who = abbreviation.group(1) if abbreviation else src.publisher.split(",")[0].split("(")[0].strip()
    title = src.title.split(":")[0].strip()
    return f"{who}: {title}" if len(title) <= 40 else f"{who} {src.year}"


def evidence_badge(grade_id: str, content: Content, sources: Iterable[str] = ()) -> str:
    grade = content.grade(grade_id)
    badge = (f'<span class="lc-badge lc-grade-{esc(grade_id)}" title="{esc(grade.meaning)}">'
             f'{esc(grade.label)}</span>')
    srcs = list(sources)
    if srcs:
        badge += f' <span class="lc-sources">Sources: {sources_links(srcs, content)}</span>'
    return badge


def first_step_ids(result: Assessment, content: Content) -> list[str]:
    """The "what to do now" steps the care card itself shows, so the call for help is the first thing read.

    At urgent and emergency every `now` step (the data lets only help and safety steps show there); at
    other tiers the steps that say where to get help (`help_for`, "ask a pharmacist today") and those to do
    before anything else (`on_care_card`, "cool down now").
    """
    urgent = result.care.tier in HELP_TIERS
    items = (content.checklist[i] for i in result.checklist.ids)
    return [c.id for c in items if c.section == "now" and (urgent or c.help_for or c.on_care_card)]


def first_steps(result: Assessment, content: Content) -> list[str]:
    """The texts of `first_step_ids` (the GP export prints them under the care tier too)."""
    return [content.checklist[i].text for i in first_step_ids(result, content)]


def care_card(result: Assessment, content: Content) -> str:
    tier = content.tier(result.care.tier)
    reasons = "".join(f"<li>{inline(r, content)}</li>" for r in result.care.reasons)
    step_ids = first_step_ids(result, content)
    steps = "".join(f"<li>{inline(content.checklist[i].text, content)}</li>" for i in step_ids)
    steps = f'<ol class="lc-care-steps" aria-label="Do this first">{steps}</ol>' if steps else ""
    # On an urgent or emergency card the steps say where to go for this reader; the tier's general advice
    # would only repeat or blur them, so the card shows one or the other.
    todo = "" if steps and result.care.tier in HELP_TIERS else \
        f'<p class="lc-care-todo">{inline(tier.what_to_do, content)}</p>'
    step_sources = [s for i in step_ids for s in content.checklist[i].sources]
    flag_sources: list[str] = []
    for flag in content.flags:
        if flag.id in result.care.flags:
            flag_sources += [s for s in flag.sources if s not in flag_sources]
    sources = list(dict.fromkeys(flag_sources + step_sources)) or list(tier.sources)
    role = "alert" if result.care.tier in HELP_TIERS else "status"
    return (
        f'<section class="lc-care lc-tier-{esc(tier.id)}" role="{role}" aria-live="polite" '
        f'data-tier="{esc(tier.id)}">'
        f'<h2><span class="lc-care-icon" aria-hidden="true">{TIER_ICON[tier.id]}</span> {esc(tier.label)}</h2>'
        f'{todo}{steps}'
        f'<ul class="lc-care-reasons">{reasons}</ul>'
        f'<p class="lc-sources">Sources: {sources_links(sources, content)}</p>'
        f"</section>"
    )


def relevance_bar(relevance: float) -> str:
    pct = round(relevance * 100)
    return (f'<span class="lc-bar" role="img" aria-label="fit {pct} out of 100">'
            f'<span class="lc-bar-fill" style="width:{pct}%"></span></span>')


def cause_list(result: Assessment, content: Content, link_base: str = "", limit: int | None = None) -> str:
    """Ranked causes with their "because" sentences, evidence badges and links to their pages."""
    if not result.causes:
        site = content.site
        empty = inline(site.no_match_with_warning if result.care.tier in HELP_TIERS else site.no_match, content)
        return f'<div class="lc-causes" data-count="0"><p class="lc-empty">{empty}</p></div>'
    items = []
    for c in result.causes[:limit]:
        cause = content.causes[c.id]
        slug = page_of(c.id, content)
        title = esc(cause.front.short_title)
        if slug:
            title = f'<a href="{esc(page_href(slug, link_base))}">{title}</a>'
        kind = ' <span class="lc-kind">feels like a cramp, but is not</span>' if c.kind == "look_alike" else ""
        because = "".join(f"<li>{inline(b, content)}</li>" for b in c.because)
        items.append(
            f'<li class="lc-cause" data-cause="{esc(c.id)}">'
            f'<div class="lc-cause-head"><h3>{title}{kind}</h3>{relevance_bar(c.relevance)}</div>'
            f'<div class="lc-cause-grade">{evidence_badge(c.evidence, content, cause.front.evidence.sources)}</div>'
            f'<p class="lc-because-label">Because:</p><ul class="lc-because">{because}</ul></li>'
        )
    return f'<div class="lc-causes" data-count="{len(items)}"><ol class="lc-cause-list">{"".join(items)}</ol></div>'


def cause_fit(cause_id: str, result: Assessment, content: Content) -> str:
    """The live explanation on a cause page: how the reader's answers fit this one cause, and why."""
    cause = content.causes[cause_id]
    found = result.cause(cause_id)
    grade = evidence_badge(cause.front.evidence.grade, content, cause.front.evidence.sources)
    if found is None:
        body = (f'<p class="lc-fit-none">None of your answers point to {esc(cause.front.short_title.lower())} '
                f"right now. Try changing the controls.</p>")
        pct = 0
    else:
        pct = round(found.relevance * 100)
        because = "".join(f"<li>{inline(b, content)}</li>" for b in found.because)
        body = f'<p class="lc-because-label">Because:</p><ul class="lc-because">{because}</ul>'
    return (
        f'<div class="lc-fit" data-cause="{esc(cause_id)}" data-relevance="{pct}">'
        f'<h3>{esc(cause.front.short_title)}: your answers fit {pct} out of 100</h3>{relevance_bar(pct / 100)}'
        f"{body}<p>How good the evidence is: {grade}</p></div>"
    )


def checklist_html(result: Assessment, content: Content, tickable: bool = False) -> str:
    """The checklist as HTML (export, print, handouts). The dashboard uses real checkboxes instead."""
    parts = []
    for key, title in SECTION_TITLES.items():
        items = getattr(result.checklist, key)
        if not items:
            continue
        box = "☐ " if tickable else ""
        lis = "".join(f"<li>{box}{inline(t, content)}</li>" for t in items)
        parts.append(f'<section class="lc-check-{key}"><h3>{title}</h3><ul>{lis}</ul></section>')
    return f'<div class="lc-checklist">{"".join(parts)}</div>'


def section(cause_id: str, heading: str, content: Content) -> str:
    """One prose section of a cause (e.g. "What helps"), rendered from its Markdown."""
    return f'<div class="lc-prose">{markdown(content.causes[cause_id].sections[heading], content)}</div>'


def evidence_table(cause_id: str, content: Content) -> str:
    """What the source article says, next to what the evidence says, claim by claim, with grades."""
    front = content.causes[cause_id].front
    rows = "".join(
        f"<tr><td>{inline(c.article_says, content)}</td><td>{inline(c.evidence_says, content)}</td>"
        f"<td>{evidence_badge(c.grade, content, c.sources)}</td></tr>"
        for c in front.claims
    )
    overall = (f'<p class="lc-overall"><strong>Overall:</strong> {inline(front.evidence.says, content)} '
               f"{evidence_badge(front.evidence.grade, content, front.evidence.sources)}</p>")
    if not rows:
        return overall
    return (overall + '<table class="lc-evidence"><caption>Claim by claim</caption><thead><tr>'
            '<th scope="col">What is often said</th><th scope="col">What the evidence says</th>'
            f'<th scope="col">Evidence</th></tr></thead><tbody>{rows}</tbody></table>')


def sources_list(ids: Iterable[str], content: Content) -> str:
    items = []
    for sid in dict.fromkeys(ids):
        s = content.sources[sid]
        authors = f"{esc(s.authors)}. " if s.authors else ""
        items.append(f'<li id="src-{esc(sid)}">{authors}<a href="{esc(s.url)}" target="_blank" rel="noopener '
                     f'noreferrer">{esc(s.title)}</a>. {esc(s.publisher)}, {s.year}. '
                     f'<span class="lc-checked">Link checked {s.last_checked:%d %b %Y}.</span></li>')
    return f'<ol class="lc-source-list">{"".join(items)}</ol>'


def cause_sources(cause_id: str, content: Content) -> list[str]:
    front = content.causes[cause_id].front
    ids = list(front.evidence.sources)
    for claim in front.claims:
        ids += claim.sources
    return list(dict.fromkeys(ids))


def objectives(items: Iterable[str], content: Content) -> str:
    lis = "".join(f"<li>{inline(o, content)}</li>" for o in items)
    return f'<ul class="lc-objectives">{lis}</ul>' if lis else ""


def disclaimer(content: Content) -> str:
    return f'<p class="lc-disclaimer" role="note"><strong>{esc(content.site.disclaimer)}</strong></p>'


def tiers_table(content: Content) -> str:
    rows = "".join(
        f'<tr class="lc-tier-{t.id}"><th scope="row"><span aria-hidden="true">{TIER_ICON[t.id]}</span> '
        f"{esc(t.label)}</th><td>{inline(t.what_to_do, content)}</td></tr>"
        for t in content.site.tiers
    )
    return f'<table class="lc-tiers"><caption>The four levels of care</caption><tbody>{rows}</tbody></table>'
