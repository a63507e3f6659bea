"""An Assessment as HTML: the care card, the ranked causes, one cause's fit, and the checklist.

Everything here only *shows* what `assess()` decided and what `content/` says. Keeping it free of
ipywidgets means the exported checklist, handouts, the CLI and tests use exactly what the dashboard shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc, inline
from legcramps.render.evidence import TIER_ICON, evidence_badge, sources_links
from legcramps.render.links import NOTEBOOKS, Links
from legcramps.schema import HELP_TIERS

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.engine import Assessment

#: The checklist's sections in order: the one order the dashboard, the exports, the handouts and the CLI's
#: text all use. Their titles are content (site.yaml `card.sections`): `section_titles`.
SECTIONS = ("now", "prevent", "ask_doctor")


def section_titles(content: Content) -> dict[str, str]:
    """Each checklist section's title, in order, in the content's language."""
    titles = content.site.card.sections
    return {key: getattr(titles, key) for key in SECTIONS}


def page_of(cause_id: str, content: Content) -> str | None:
    """The registry page (slug) that explains a cause."""
    return next((p.slug for p in content.pages if cause_id in p.causes), None)


def page_href(slug: str, links: Links = NOTEBOOKS) -> str:
    """Link to a page: a notebook beside this one (JupyterLab, Voilà) or a static page (`links`)."""
    return links.page(slug)


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


def care_card(result: Assessment, content: Content, class_mode: bool = False) -> str:
    """The level of care, what to do first, why, and the sources (an alert at urgent and emergency).

    In `class_mode` the card is about the made-up person on a scenario card: the tier's label and advice, and
    the "no warning sign" reason, are their class-mode words ("They can look after it themselves").
    """
    tier = content.tier(result.care.tier)
    label, what_to_do = (tier.class_label, tier.class_what_to_do) if class_mode else (tier.label, tier.what_to_do)
    found = result.care.reasons
    if class_mode and not result.care.flags:  # no warning sign: the engine's one reason is `no_warning_signs`
        found = (content.site.class_mode.no_warning_signs,)
    reasons = "".join(f"<li>{inline(r, content)}</li>" for r in found)
    step_ids = first_step_ids(result, content)
    steps = "".join(f"<li>{inline(content.checklist[i].text, content)}</li>" for i in step_ids)
    card = content.site.card
    steps = f'<ol class="lc-care-steps" aria-label="{esc(card.do_first)}">{steps}</ol>' if steps else ""
    # On an urgent or emergency card the steps say where to go for this reader; the tier's general advice
    # would only repeat or blur them, so the card shows one or the other.
    todo = "" if steps and result.care.tier in HELP_TIERS else \
        f'<p class="lc-care-todo">{inline(what_to_do, content)}</p>'
    flag_sources = [s for flag in content.flags if flag.id in result.care.flags for s in flag.sources]
    # A help step ("get an urgent GP appointment today") is shared by several warning signs and cites the
    # guidance of each; on a card, the signs that fired speak for it, so a clot card never cites tetanus.
    step_sources = [s for i in step_ids if not (flag_sources and content.checklist[i].help_for)
                    for s in content.checklist[i].sources]
    sources = list(dict.fromkeys(flag_sources + step_sources)) or list(tier.sources)
    role = "alert" if result.care.tier in HELP_TIERS else "status"
    return (
        f'<section class="lc-care lc-tier-{esc(tier.id)}" role="{role}" aria-live="polite" '
        f'data-tier="{esc(tier.id)}">'
        f'<h2><span class="lc-care-icon" aria-hidden="true">{TIER_ICON[tier.id]}</span> {esc(label)}</h2>'
        f'{todo}{steps}'
        f'<ul class="lc-care-reasons">{reasons}</ul>'
        f'<p class="lc-sources">{esc(card.sources)} {sources_links(sources, content)}</p>'
        f"</section>"
    )


def relevance_bar(relevance: float, content: Content) -> str:
    """A 0–100 bar with its number as the accessible name."""
    pct = round(relevance * 100)
    return (f'<span class="lc-bar" role="img" aria-label="{esc(content.site.card.fit.format(pct=pct))}">'
            f'<span class="lc-bar-fill" style="width:{pct}%"></span></span>')


def cause_list(result: Assessment, content: Content, links: Links = NOTEBOOKS, limit: int | None = None) -> str:
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
            title = f'<a href="{esc(page_href(slug, links))}">{title}</a>'
        card = content.site.card
        kind = f' <span class="lc-kind">{esc(card.look_alike)}</span>' if c.kind == "look_alike" else ""
        because = "".join(f"<li>{inline(b, content)}</li>" for b in c.because)
        items.append(
            f'<li class="lc-cause" data-cause="{esc(c.id)}">'
            f'<div class="lc-cause-head"><h3>{title}{kind}</h3>{relevance_bar(c.relevance, content)}</div>'
            f'<div class="lc-cause-grade">{evidence_badge(c.evidence, content, cause.front.evidence.sources)}</div>'
            f'<p class="lc-because-label">{esc(card.because)}</p><ul class="lc-because">{because}</ul></li>'
        )
    return f'<div class="lc-causes" data-count="{len(items)}"><ol class="lc-cause-list">{"".join(items)}</ol></div>'


def cause_fit(cause_id: str, result: Assessment, content: Content) -> str:
    """The live explanation on a cause page: how the reader's answers fit this one cause, and why."""
    cause = content.causes[cause_id]
    found = result.cause(cause_id)
    grade = evidence_badge(cause.front.evidence.grade, content, cause.front.evidence.sources)
    card, title = content.site.card, cause.front.short_title
    if found is None:
        none = card.no_fit.format(cause=title, cause_lower=title.lower())
        body = f'<p class="lc-fit-none">{esc(none)}</p>'
        pct = 0
    else:
        pct = round(found.relevance * 100)
        because = "".join(f"<li>{inline(b, content)}</li>" for b in found.because)
        body = f'<p class="lc-because-label">{esc(card.because)}</p><ul class="lc-because">{because}</ul>'
    return (
        f'<div class="lc-fit" data-cause="{esc(cause_id)}" data-relevance="{pct}">'
        f'<h3>{esc(title)}: {esc(card.your_fit.format(pct=pct))}</h3>{relevance_bar(pct / 100, content)}'
        f"{body}<p>{esc(card.evidence_label)} {grade}</p></div>"
    )


def checklist_heading(key: str, content: Content) -> str:
    """A checklist section's heading (the dashboard's tick-box list uses it too)."""
    return f"<h3>{esc(section_titles(content)[key])}</h3>"


def checklist_html(result: Assessment, content: Content, tickable: bool = False) -> str:
    """The checklist as HTML (export, print, handouts). The dashboard uses real checkboxes instead."""
    parts = []
    for key in SECTIONS:
        items = getattr(result.checklist, key)
        if not items:
            continue
        box = "☐ " if tickable else ""
        lis = "".join(f"<li>{box}{inline(t, content)}</li>" for t in items)
        parts.append(f'<section class="lc-check-{key}">{checklist_heading(key, content)}<ul>{lis}</ul></section>')
    return f'<div class="lc-checklist">{"".join(parts)}</div>'
