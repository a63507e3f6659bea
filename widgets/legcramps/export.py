""""Bring this to your GP": the answers and checklist as Markdown or a printable HTML page.

Built from the same Assessment the page shows, so what a person prints is what they saw.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from legcramps.markup import esc, inline, unmark
from legcramps.render.assessment import checklist_html, first_steps, section_titles

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.engine import Assessment
    from legcramps.schema import Factor


def _answer_text(factor: Factor, value: Any, content: Content) -> str:
    if factor.kind == "checkbox":
        words = content.words.export
        return words.answer_yes if value else words.answer_no
    if factor.kind == "choice":
        return next(o.label for o in factor.options if o.value == value)
    return f"{value:g} {factor.unit}"


def changed_answers(result: Assessment, content: Content) -> list[tuple[str, str]]:
    """(label, value) for the answers that differ from the defaults, in factors.yaml order."""
    out = []
    for factor in content.factors.values():
        value = result.answers[factor.id]
        if value != factor.default:
            out.append((factor.label, _answer_text(factor, value, content)))
    return out


def to_markdown(result: Assessment, content: Content, link: str = "", today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    tier = content.tier(result.care.tier)
    words = content.words.export
    lines = [f"# {words.title} ({content.words.dates.long_date(today)})", "", f"> {content.site.disclaimer}", "",
             f"## {words.care.format(tier=tier.label)}", "", unmark(tier.what_to_do), ""]
    steps = first_steps(result, content)
    if steps:
        lines += [f"**{words.do_first}**", ""] + [f"{n}. {unmark(t)}" for n, t in enumerate(steps, 1)] + [""]
    lines += [f"- {unmark(r)}" for r in result.care.reasons]
    lines += ["", f"## {words.my_answers}", ""]
    answers = changed_answers(result, content)
    lines += [f"- {label}: {value}" for label, value in answers] or [f"- {words.all_defaults_markdown}"]
    if result.causes:
        lines += ["", f"## {words.causes_heading}", ""]
        for c in result.causes:
            fit = words.cause_fit.format(pct=round(c.relevance * 100), grade=content.grade(c.evidence).label.lower())
            lines.append(f"- **{c.title}** — {fit}")
            lines += [f"  - {unmark(b)}" for b in c.because]
    for key, title in section_titles(content).items():
        items = getattr(result.checklist, key)
        if items:
            lines += ["", f"## {title}", ""]
            lines += [f"- [ ] {unmark(t)}" for t in items]
    if link:
        lines += ["", f"{words.open_again} {link}"]
    return "\n".join(lines) + "\n"


def to_html(result: Assessment, content: Content, link: str = "", today: dt.date | None = None) -> str:
    """A self-contained printable page (no scripts, inline print styles)."""
    today = today or dt.date.today()
    tier = content.tier(result.care.tier)
    words = content.words.export
    answers = "".join(f"<li>{esc(label)}: <strong>{esc(value)}</strong></li>"
                      for label, value in changed_answers(result, content)) or f"<li>{esc(words.all_defaults)}</li>"
    # content sentences are Markdown with glossary marks: rendered (and sanitised), as on the page
    reasons = "".join(f"<li>{inline(r, content)}</li>" for r in result.care.reasons)
    steps = "".join(f"<li>{inline(t, content)}</li>" for t in first_steps(result, content))
    steps = f"<p><strong>{esc(words.do_first)}</strong></p><ol class='first'>{steps}</ol>" if steps else ""
    causes = "".join(
        f"<li><strong>{esc(c.title)}</strong> ("
        f"{esc(words.cause_fit.format(pct=round(c.relevance * 100), grade=content.grade(c.evidence).label.lower()))}"
        ")</li>" for c in result.causes)
    link_html = f'<p>{esc(words.open_again)} <a href="{esc(link)}">{esc(link)}</a></p>' if link else ""
    return (
        f"<!doctype html><html lang='{esc(content.lang)}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(words.title)}</title><style>{PRINT_CSS}</style></head><body><main>"
        f"<h1>{esc(words.title)}</h1><p>{esc(content.words.dates.long_date(today))}</p>"
        f"<p class='disclaimer'><strong>{esc(content.site.disclaimer)}</strong></p>"
        f"<h2>{esc(words.care.format(tier=tier.label))}</h2><p>{inline(tier.what_to_do, content)}</p>{steps}"
        f"<ul>{reasons}</ul>"
        f"<h2>{esc(words.my_answers)}</h2><ul>{answers}</ul>"
        + (f"<h2>{esc(words.causes_heading)}</h2><ul>{causes}</ul>" if causes else "")
        + checklist_html(result, content, tickable=True) + link_html + "</main></body></html>"
    )


PRINT_CSS = """
body { font-family: system-ui, sans-serif; font-size: 15px; line-height: 1.5; color: #000; background: #fff;
  max-width: 46em; margin: 1em auto; padding: 0 1em; }
h1 { font-size: 1.5em; } h2, h3 { font-size: 1.15em; margin-bottom: 0.2em; }
.disclaimer { border-left: 4px solid #0072B2; padding-left: 8px; }
ul { padding-left: 1.2em; } ol.first { font-weight: bold; font-size: 1.1em; }
.lc-checklist ul { list-style: none; padding-left: 0; }
@media print { a::after { content: " (" attr(href) ")"; } body { margin: 0; } }
"""
