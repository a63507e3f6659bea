"""The one pure render layer: records and Assessments → safe HTML strings.

Modules by concept: `assessment` (care card, causes, a cause's fit, checklist), `evidence` (badges, source
links and lists, the claim table, the care levels), `page` (the narrative parts of a page), `dashboard`
(its header, scenario cards, share panel, answers summary, error), `quiz`, `chart` (the dashboard's relevance
chart, drawn as SVG), `figure` (the `<figure>` wrapper of the cause pages' PNG figures), `assets`
(stylesheet, palette, page scripts), `session` (the page's session guard), and the printed one-page sheets:
`summary` (a page's summary), `worksheet` (the pupils' worksheet) and `sheet` (their A4 stylesheet and
document).

It imports only `legcramps.markup`, `legcramps.schema`, content and engine types, and the standard library —
never ipywidgets, matplotlib, numpy or PIL (tests/unit/test_layering.py checks this), so exports, handouts,
the CLI and tests use exactly the HTML the widgets show without loading them.
"""

from __future__ import annotations

from legcramps.render.assessment import (
    SECTIONS,
    care_card,
    cause_fit,
    cause_list,
    checklist_heading,
    checklist_html,
    first_step_ids,
    first_steps,
    page_href,
    page_of,
    relevance_bar,
    section_titles,
)
from legcramps.render.evidence import (
    TIER_ICON,
    cause_sources,
    evidence_badge,
    evidence_table,
    sources_links,
    sources_list,
    tiers_table,
)
from legcramps.render.page import cause_section, disclaimer

__all__ = [
    "SECTIONS",
    "TIER_ICON",
    "care_card",
    "cause_fit",
    "cause_list",
    "cause_section",
    "cause_sources",
    "checklist_heading",
    "checklist_html",
    "disclaimer",
    "evidence_badge",
    "evidence_table",
    "first_step_ids",
    "first_steps",
    "page_href",
    "page_of",
    "relevance_bar",
    "section_titles",
    "sources_links",
    "sources_list",
    "tiers_table",
]
