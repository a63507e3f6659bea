"""Evidence as HTML: grade badges, source links, the source list, the claim-by-claim table, the care levels.

Pure functions of content records → safe HTML strings. Every place that shows how good the evidence is
(care card, ranked causes, cause pages, figures, handouts) goes through these, so a grade or a source
looks the same everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from legcramps.markup import esc, inline

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.schema import Source

TIER_ICON = {"self_care": "✓", "see_gp": "ℹ", "urgent": "!", "emergency": "‼"}


def sources_links(ids: Iterable[str], content: Content) -> str:
    """Short links to the sources ("Allen et al. 2012"), their full title on hover."""
    links = []
    for sid in ids:
        src = content.sources[sid]
        short = esc(short_source(src, content))
        links.append(f'<a href="{esc(src.url)}" target="_blank" rel="noopener noreferrer" '
                     f'title="{esc(src.title)} ({esc(src.publisher)}, {src.year})">{short}</a>')
    return ", ".join(links)


def short_source(src: Source, content: Content) -> str:
    """"Allen et al. 2012" for a paper; "NHS: Leg cramps" for a web page, so two pages of one publisher differ."""
    if src.authors:
        first = src.authors.split(",")[0].split(" ")[0]
        who = content.words.evidence.et_al.format(name=first) if "," in src.authors else src.authors
        return f"{who} {src.year}"
    abbreviation = re.search(r"\(([A-Z]{2,})\)", src.publisher)
    who = abbreviation.group(1) if abbreviation else src.publisher.split(",")[0].split("(")[0].strip()
    title = src.title.split(":")[0].strip()
    return f"{who}: {title}" if len(title) <= 40 else f"{who} {src.year}"


def evidence_badge(grade_id: str, content: Content, sources: Iterable[str] = ()) -> str:
    """The grade's label (its meaning on hover), and the sources behind it when given."""
    grade = content.grade(grade_id)
    badge = (f'<span class="lc-badge lc-grade-{esc(grade_id)}" title="{esc(grade.meaning)}">'
             f'{esc(grade.label)}</span>')
    srcs = list(sources)
    if srcs:
        label = esc(content.words.evidence.sources)
        badge += f' <span class="lc-sources">{label} {sources_links(srcs, content)}</span>'
    return badge


def evidence_table(cause_id: str, content: Content) -> str:
    """What the source article says, next to what the evidence says, claim by claim, with grades."""
    front = content.causes[cause_id].front
    words = content.words.evidence
    rows = "".join(
        f"<tr><td>{inline(c.article_says, content)}</td><td>{inline(c.evidence_says, content)}</td>"
        f"<td>{evidence_badge(c.grade, content, c.sources)}</td></tr>"
        for c in front.claims
    )
    overall = (f'<p class="lc-overall"><strong>{esc(words.overall)}</strong> {inline(front.evidence.says, content)} '
               f"{evidence_badge(front.evidence.grade, content, front.evidence.sources)}</p>")
    if not rows:
        return overall
    return (overall + f'<table class="lc-evidence"><caption>{esc(words.claims_caption)}</caption><thead><tr>'
            f'<th scope="col">{esc(words.claims_said)}</th><th scope="col">{esc(words.claims_evidence)}</th>'
            f'<th scope="col">{esc(words.claims_grade)}</th></tr></thead><tbody>{rows}</tbody></table>')


def sources_list(ids: Iterable[str], content: Content) -> str:
    """The full references, in order, each once, with the date its link was last checked."""
    items = []
    words = content.words
    for sid in dict.fromkeys(ids):
        s = content.sources[sid]
        authors = f"{esc(s.authors)}. " if s.authors else ""
        checked = words.evidence.link_checked.format(date=words.dates.short_date(s.last_checked))
        items.append(f'<li id="src-{esc(sid)}">{authors}<a href="{esc(s.url)}" target="_blank" rel="noopener '
                     f'noreferrer">{esc(s.title)}</a>. {esc(s.publisher)}, {s.year}. '
                     f'<span class="lc-checked">{esc(checked)}</span></li>')
    return f'<ol class="lc-source-list">{"".join(items)}</ol>'


def cause_sources(cause_id: str, content: Content) -> list[str]:
    """Every source a cause cites (its overall grade first, then its claims), each once."""
    front = content.causes[cause_id].front
    ids = list(front.evidence.sources)
    for claim in front.claims:
        ids += claim.sources
    return list(dict.fromkeys(ids))


def tiers_table(content: Content) -> str:
    """The four levels of care with what each asks the reader to do."""
    rows = "".join(
        f'<tr class="lc-tier-{t.id}"><th scope="row"><span aria-hidden="true">{TIER_ICON[t.id]}</span> '
        f"{esc(t.label)}</th><td>{inline(t.what_to_do, content)}</td></tr>"
        for t in content.site.tiers
    )
    caption = esc(content.words.evidence.tiers_caption)
    return f'<table class="lc-tiers"><caption>{caption}</caption><tbody>{rows}</tbody></table>'
