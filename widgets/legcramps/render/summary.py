"""A page's one-page printed summary (`build/handouts/NN-slug.summary.html`): what each cause is, how good
the evidence is, what helps and when to get help, on one A4 sheet.

Why not the page itself, shortened: a page's long handout prints on 8 to 12 sheets, because its sections
are written to be read. A summary uses only the short fields a cause file has for this (`summary`, the
evidence grade, `key_points`), so it fits one sheet however long the reading grows; the long handout stays
as the optional reading.

Safety on paper as on screen: the signs that need help are in one box *above* the causes, most urgent
first, each under its care tier's own label and advice from site.yaml. So "rub the muscle" never stands
above "call 999", and a key point can never send a reader somewhere else than the care card would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc, inline
from legcramps.render.evidence import TIER_ICON, cause_sources, evidence_badge, short_source
from legcramps.render.page import disclaimer
from legcramps.schema import HELP_TIERS, TIER_ORDER

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.schema import TierInfo

#: A page with more causes than this prints them in two columns, says what each grade means once below
#: them (four causes often share a grade), and leaves out the article's claims and what studies found
#: (the long handout has them): four causes with all of it would not fit one sheet.
ROOMY_CAUSES = 1

SUMMARY_CSS = """
.lc-summary header { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 4mm;
  border-bottom: 0.5mm solid #000; padding-bottom: 1mm; }
.lc-summary header h1 { flex: 1 1 auto; }
.lc-summary header .lc-kicker { order: 2; }
.lc-summary header .lc-blurb { order: 3; flex-basis: 100%; margin: 0.5mm 0 0; }
.lc-get-help { border: 0.4mm solid #a33a00; padding: 1.2mm 2mm 0.4mm; margin: 0 0 2mm; break-inside: avoid; }
.lc-get-help .lc-head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 4mm; margin: 0 0 1mm; }
.lc-get-help .lc-head h2 { margin: 0; }
.lc-get-help .lc-tier { display: grid; grid-template-columns: 29mm 1fr; gap: 0 3mm; margin: 0 0 0.8mm; }
.lc-get-help .lc-tier h3 { grid-column: 1; grid-row: 1 / span 2; margin: 0; }
.lc-get-help .lc-tier ul { grid-column: 2; margin: 0 0 0.4mm; }
.lc-compact .lc-get-help .lc-tier ul.lc-two { column-count: 2; column-gap: 5mm; }
.lc-get-help li, .lc-claims li { break-inside: avoid; }
.lc-get-help .lc-advice { grid-column: 2; font-style: italic; margin: 0; }
.lc-get-help .lc-note { margin: 0; }
.lc-claims { column-count: 2; column-gap: 5mm; }
.lc-claims li { margin: 0 0 0.5mm; }
.lc-causes { display: grid; grid-template-columns: 1fr; gap: 2.5mm 5mm; }
.lc-cause { break-inside: avoid; }
.lc-cause h2 { border-bottom: 0.3mm solid #999; }
.lc-compact { font-size: 10pt; line-height: 1.18; }
.lc-compact h1 { font-size: 15pt; }
.lc-compact .lc-causes { display: block; column-count: 2; column-gap: 6mm; }
.lc-compact .lc-cause { margin: 0 0 2.5mm; }
.lc-summary .lc-reading { white-space: nowrap; }
.lc-compact .lc-cause h2 { font-size: 11pt; }
/* two columns: a part's heading runs into its first paragraph ("What it is: A DVT is …") */
.lc-compact .lc-part { margin: 1mm 0 0; }
.lc-compact .lc-part > h3 { display: inline; margin: 0 1mm 0 0; }
.lc-compact .lc-part > h3 + p { display: inline; }
.lc-compact .lc-part > p:last-child { margin-bottom: 0; }
.lc-grade-key { list-style: none; padding: 0; margin: 2mm 0 0; }
.lc-grade-key li { margin: 0 0 0.6mm; }
.lc-summary footer { border-top: 0.3mm solid #999; margin-top: 2.5mm; padding-top: 1mm; font-size: 10pt; }
.lc-summary footer p { margin: 0 0 0.6mm; }
"""


def help_points(slug: str, content: Content) -> list[tuple[TierInfo, list[str]]]:
    """The key signs of the page's causes, grouped by care tier, most urgent first; a sign that two causes
    share is shown once (a page lists "pain or swelling in one leg" for three of its causes)."""
    by_tier: dict[str, list[str]] = {}
    for cause_id in content.page(slug).causes:
        for point in content.causes[cause_id].front.key_points.get_help:
            texts = by_tier.setdefault(point.tier, [])
            if point.text not in texts:
                texts.append(point.text)
    return [(content.tier(tier), by_tier[tier]) for tier in reversed(TIER_ORDER) if tier in by_tier]


def get_help_box(slug: str, content: Content) -> str:
    """When to get help: per tier its label, the signs, and (for help today or now) where to go."""
    groups = help_points(slug, content)
    if not groups:
        return ""
    tiers = []
    for tier, texts in groups:
        signs = "".join(f"<li>{inline(text, content)}</li>" for text in texts)
        columns = ' class="lc-two"' if len(texts) > 1 else ""
        advice = f'<p class="lc-advice">{inline(tier.what_to_do, content)}</p>' if tier.id in HELP_TIERS else ""
        tiers.append(f'<div class="lc-tier lc-tier-{esc(tier.id)}"><h3><span aria-hidden="true">'
                     f"{TIER_ICON[tier.id]}</span> {esc(tier.label)}</h3><ul{columns}>{signs}</ul>{advice}</div>")
    return (f'<section class="lc-get-help"><div class="lc-head"><h2>{esc(content.section_heading("get_help"))}</h2>'
            f'<p class="lc-note">{esc(content.sheets.summary.get_help_note)}</p></div>'
            f'<div class="lc-tiers">{"".join(tiers)}</div></section>')


def cause_summary(cause_id: str, content: Content, roomy: bool = True) -> str:
    """One cause: what it is, its evidence grade (with what the grade means, when `roomy`), what helps."""
    front = content.causes[cause_id].front
    words = content.sheets.summary
    meaning = f" {esc(content.grade(front.evidence.grade).meaning)}" if roomy else ""
    evidence = f"<p>{evidence_badge(front.evidence.grade, content)}{meaning}</p>"
    if roomy and front.article_says:
        evidence += (f"<p><strong>{esc(words.article_says)}</strong> {inline(front.article_says, content)}</p>"
                     f"<p><strong>{esc(words.evidence_found)}</strong> {inline(front.evidence.says, content)}</p>")
        claims = "".join(f"<li>{inline(claim.article_says, content)} {evidence_badge(claim.grade, content)}</li>"
                         for claim in front.claims)
        evidence += f'<h3>{esc(words.claims)}</h3><ul class="lc-claims">{claims}</ul>' if claims else ""
    helps = "".join(f"<li>{inline(point, content)}</li>" for point in front.key_points.helps)
    return (f'<article class="lc-cause"><h2>{esc(front.title)}</h2>'
            f'<div class="lc-part"><h3>{esc(words.what_it_is)}</h3><p>{inline(front.summary, content)}</p></div>'
            f'<div class="lc-part"><h3>{esc(words.evidence)}</h3>{evidence}</div>'
            f'<div class="lc-part"><h3>{esc(content.section_heading("helps"))}</h3><ul>{helps}</ul></div></article>')


def grade_key(slug: str, content: Content) -> str:
    """Each grade the page's causes have, once, with what it means (site.yaml order)."""
    used = {content.causes[cause_id].front.evidence.grade for cause_id in content.page(slug).causes}
    items = "".join(f"<li>{evidence_badge(g.id, content)} {esc(g.meaning)}</li>" for g in content.site.grades
                    if g.id in used)
    return f'<ul class="lc-grade-key">{items}</ul>'


def summary_sources(slug: str, content: Content) -> list[str]:
    """The sources behind what the summary says: its causes' and its topics' (as the long handout cites
    them, without the quiz's)."""
    page = content.page(slug)
    ids = [s for cause_id in page.causes for s in cause_sources(cause_id, content)]
    ids += [s for topic_id in page.topics for s in content.topics[topic_id].front.sources]
    return list(dict.fromkeys(ids))


def summary(slug: str, content: Content) -> str:
    """The body of a page's one-page summary (`legcramps.handouts` makes it a document)."""
    page = content.page(slug)
    words = content.sheets.summary
    roomy = len(page.causes) <= ROOMY_CAUSES
    intro = "".join(f"<p>{inline(content.topics[t].front.summary, content)}</p>" for t in page.topics)
    causes = "".join(cause_summary(cause_id, content, roomy) for cause_id in page.causes)
    refs = " · ".join(dict.fromkeys(short_source(content.sources[s], content) for s in summary_sources(slug, content)))
    reading = f"{slug}.html"
    return (f'<div class="lc-sheet lc-summary{"" if roomy else " lc-compact"}">'
            f'<header><p class="lc-kicker">{esc(words.kicker)} · {esc(content.site.title)}</p>'
            f'<h1>{esc(page.title)}</h1><p class="lc-blurb">{esc(page.blurb)}</p></header>'
            f"{disclaimer(content)}{intro}{get_help_box(slug, content)}"
            f'<div class="lc-causes">{causes}</div>{"" if roomy else grade_key(slug, content)}'
            f"<footer><p><strong>{esc(words.sources)}</strong> {esc(refs)} "
            f'<span class="lc-reading">{esc(words.reading)} <a href="{esc(reading)}">{esc(reading)}</a></span>'
            "</p></footer></div>")
