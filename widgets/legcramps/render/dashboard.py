"""The dashboard's own panels as HTML: its header, the class-mode scenario cards, the share and save panel,
the printed answers summary, notes and the friendly error.

Pure functions of content and already-made values: the dashboard widget computes the share link and the
exports, and these only arrange them, so tests can check every panel without a widget.
"""

from __future__ import annotations

import base64
import urllib.parse
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from legcramps.markup import esc, inline
from legcramps.render.links import NOTEBOOKS, Links, language_links

if TYPE_CHECKING:
    from legcramps.content import Content

#: Copies the share link; says `data-copied` (content words) once it is on the clipboard, or shows the link.
_COPY_JS = ("var u=new URL(this.dataset.query,location.href).href;"
            "(navigator.clipboard?navigator.clipboard.writeText(u):Promise.reject())"
            ".then(()=>{this.nextElementSibling.textContent=this.dataset.copied},"
            "()=>{this.nextElementSibling.textContent=u});")


def error(content: Content) -> str:
    """What a page says instead of a traceback when an update fails (the server log gets the traceback)."""
    return f'<p class="lc-error" role="alert">{esc(content.site.dashboard.friendly_error)}</p>'


def notes(messages: Iterable[str]) -> str:
    """What was wrong with a share link (an unknown answer, a value out of range), one status line each."""
    return "".join(f'<p class="lc-note" role="status">{esc(n)}</p>' for n in messages)


def header(content: Content, links: Links = NOTEBOOKS) -> str:
    """Title, the introduction, the disclaimer and the way to the pages: the dashboard notebook's Markdown.

    Both introductions are there: the tagline for a reader, the class-mode one (`hidden`) for a class. The
    stylesheet shows the class one when the page is in class mode (`html.lc-class-mode`, set from the address
    by the Voilà template before the first paint, or a dashboard in class mode on the page), so the words
    are right before the kernel has started.
    """
    site = content.site
    return (f'<header class="lc-header"><h1>{esc(site.title)}</h1>'
            f'<p class="lc-intro-personal">{esc(site.tagline)}</p>'
            f'<p class="lc-intro-class" hidden>{esc(site.class_intro)}</p>'
            f'<p class="lc-disclaimer" role="note"><strong>{esc(site.disclaimer)}</strong></p>'
            f'<nav class="lc-noprint" aria-label="{esc(site.dashboard.pages_nav)}">'
            f'<a href="{esc(links.page(content.pages[0].slug))}">'
            f"{esc(site.dashboard.read_pages)}</a>{language_links(content, 'dashboard', links)}</nav></header>")


def heading(content: Content, panel: str, class_mode: bool, level: int = 2) -> str:
    """A panel's heading ("answers", "causes" or "checklist"): "Your answers" for a reader, "Their answers"
    in class mode (about a made-up person). The words are content (site.yaml `headings`, `class_mode`)."""
    words = content.site.class_mode.headings if class_mode else content.site.headings
    return f"<h{level}>{esc(getattr(words, panel))}</h{level}>"


def pick_prompt(content: Content) -> str:
    """What class mode shows where the care card will be until a card is picked: no tier, no cause yet.

    Why: a default card ("Look after it yourself", a ranked cause) before anyone is chosen reads as a result
    about nobody, and a class would start discussing it.
    """
    return f'<section class="lc-pick" role="status"><p>{inline(content.site.class_mode.pick, content)}</p></section>'


def scenario_cards(content: Content, active: str | None, answer_queries: Mapping[str, str]) -> str:
    """Scenario cards for class mode: a made-up person, a link that sets their answers, questions.

    `answer_queries` holds each scenario's answers as a query string (made by `legcramps.answers`). The
    person's name is the card's title up to its first comma ("Sam, 34, works in a shoe shop" → "Sam").
    """
    words = content.site.class_mode
    cards = []
    for sc in content.scenarios:
        href = "?mode=class&scenario=" + urllib.parse.quote(sc.id) + "&" + answer_queries[sc.id]
        questions = "".join(f"<li>{esc(q)}</li>" for q in sc.questions)
        current = ' aria-current="true"' if sc.id == active else ""
        link = words.set_answers.replace("{name}", sc.title.split(",")[0].strip())
        cards.append(
            f'<li class="lc-scenario{" lc-active" if current else ""}" data-scenario="{esc(sc.id)}"{current}>'
            f'<h3>{esc(sc.title)}</h3><p class="lc-story">{esc(sc.story)}</p>'
            f'<p><a class="lc-scenario-link" href="{esc(href)}">{esc(link)}</a></p>'
            f'<details class="lc-questions"><summary>{esc(words.questions)}</summary><ol>{questions}</ol>'
            f"</details></li>")
    picked = " lc-picked" if active else ""
    return (f'<section class="lc-panel{picked}" aria-label="{esc(words.cards)}"><h2>{esc(words.cards)}</h2>'
            f'<ul class="lc-scenario-list">{"".join(cards)}</ul></section>')


def answers_summary(changed: Iterable[tuple[str, str]], content: Content) -> str:
    """The answers that differ from the defaults as a list (shown only on paper)."""
    items = "".join(f"<li>{esc(label)}: <strong>{esc(value)}</strong></li>" for label, value in changed)
    return f'<ul class="lc-answers">{items or f"<li>{esc(content.site.dashboard.all_defaults)}</li>"}</ul>'


def share_panel(query: str, markdown: str, printable: str, class_mode: bool, content: Content) -> str:
    """The share link (and a copy button), the two downloads as data: links, and print."""
    words = content.site.dashboard
    privacy = words.privacy_class if class_mode else words.privacy
    href = "?" + query if query else "?"
    md_uri = "data:text/markdown;charset=utf-8;base64," + base64.b64encode(markdown.encode()).decode()
    html_uri = "data:text/html;charset=utf-8;base64," + base64.b64encode(printable.encode()).decode()
    return (
        f'<section class="lc-actions lc-noprint" aria-label="{esc(words.share_heading)}">'
        f"<h2>{esc(words.share_heading)}</h2>"
        f'<p><a class="lc-share-link" href="{esc(href)}">{esc(words.share_link)}</a> '
        f'<button type="button" class="lc-copy" data-query="{esc(href)}" data-copied="{esc(words.link_copied)}" '
        f'onclick="{esc(_COPY_JS)}">{esc(words.copy_link)}</button>'
        '<span class="lc-copied" role="status" aria-live="polite"></span></p>'
        f'<p><a class="lc-export-md" download="leg-cramps-checklist.md" href="{md_uri}">'
        f"{esc(words.download_markdown)}</a> "
        f'<a class="lc-export-html" download="leg-cramps-checklist.html" href="{html_uri}">'
        f"{esc(words.download_printable)}</a> "
        f'<button type="button" onclick="window.print()">{esc(words.print)}</button></p>'
        f"<p>{esc(privacy)}</p></section>"
    )
