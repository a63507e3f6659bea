"""The home page at `/`: what this is and is not, one clear way in, every page, the teacher's entry.

Why a page of its own and not a notebook: it is the first thing a reader from a search result sees, so it
must be readable at once (plain HTML, no kernel, no JavaScript) and usable on a phone. Everything on it
comes from the content (site.yaml words, the page registry's titles and blurbs, the review dates and the
care tiers' sources), so it can never disagree with the pages it links to. Links are relative to the home
page, so a server under a base URL works too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc
from legcramps.render.assets import css
from legcramps.render.evidence import sources_list
from legcramps.render.links import Links, language_folder, up_from
from legcramps.render.page import disclaimer

if TYPE_CHECKING:
    from legcramps.content import Content

#: Where Voilà renders a notebook, relative to the home page.
RENDER = "voila/render/"
#: Where the server's handout handler serves a page's printable handout, relative to the home page.
HANDOUTS = "handouts/"


#: The Voilà server's pages, seen from its home page.
SERVED = Links(base=RENDER)


#: Where the server serves the lesson deck (legcramps.slides), relative to the home page.
SLIDES_FOLDER = "slides/"
LESSON_DECK = "lesson.slides.html"
SLIDES = f"{SLIDES_FOLDER}{LESSON_DECK}"


def home_page(content: Content, slides: bool = False, links: Links = SERVED) -> str:
    """The whole home page as one HTML document (no script: it works with JavaScript off). `slides`: the
    server can serve the lesson deck (reveal.js is installed), so the teacher's section links it.

    Another language's home page is the folder of its code (`ru/`: `/ru/` on the server, `ru/index.html` in
    the in-browser edition), and its handouts and decks are in their folders' `ru/` (as `make handouts` and
    `make slides` write them), so the links are relative to that."""
    site = content.site
    words = content.words.home
    up, mine = up_from(content.lang), language_folder(content.lang)
    handouts, decks = f"{up}{HANDOUTS}{mine}", f"{up}{SLIDES_FOLDER}{mine}"
    pages = "".join(
        f'<li><a href="{esc(links.page(p.slug))}">{esc(p.title)}</a><span class="lc-home-blurb">{esc(p.blurb)}</span>'
        "</li>" for p in content.pages)
    teaching = "".join(
        f"<li>{esc(p.title)}: <a href=\"{esc(handouts + p.slug + '.summary.html')}\">{esc(words.summary_link)}</a> · "
        f"<a href=\"{esc(handouts + p.slug + '.html')}\">{esc(words.reading_link)}</a>"
        + (f" · <a href=\"{esc(decks + p.slug + '.slides.html')}\">{esc(words.slides_link)}</a>"
           if slides else "")
        + "</li>" for p in content.pages)
    lesson_link = f'<a href="{esc(decks + LESSON_DECK)}">{esc(words.lesson_slides)}</a>'
    deck = f"<p>{esc(words.lesson_slides_line).format(link=lesson_link)}</p>" if slides else ""
    class_link = f'<a href="{esc(links.page("dashboard", "mode=class"))}">{esc(words.class_mode)}</a>'
    reviewed = max([c.front.review_date for c in content.causes.values()]
                   + [t.front.review_date for t in content.topics.values()])
    tier_sources = list(dict.fromkeys(s for t in site.tiers for s in t.sources))
    index = "index.html" if links.suffix == ".html" else ""
    others = "".join(
        f' <a class="lc-lang" lang="{esc(code)}" hreflang="{esc(code)}" '
        f'href="{esc(up + language_folder(code) + index)}">{esc(name)}</a>'
        for code, name in content.languages if code != content.lang)
    body = (
        f'<header class="lc-home-head"><h1>{esc(site.title)}</h1><p>{esc(site.tagline)}{others}</p>'
        f'{disclaimer(content)}'
        f'<p><a class="lc-home-start" href="{esc(links.page("dashboard"))}">{esc(words.start)}</a></p>'
        f'<p class="lc-home-blurb">{esc(content.words.pages_table.dashboard_blurb)}</p></header>'
        f'<section aria-labelledby="lc-home-pages"><h2 id="lc-home-pages">{esc(words.pages_heading)}</h2>'
        f'<ul class="lc-home-pages">{pages}</ul></section>'
        f'<section aria-labelledby="lc-home-teach"><h2 id="lc-home-teach">{esc(words.teachers_heading)}</h2>'
        f"<p>{esc(words.class_mode_line).format(link=class_link)}</p>"
        f"{deck}"
        f'<ul class="lc-home-teaching">{teaching}</ul>'
        f'<p><a href="{esc(handouts)}worksheet.html">{esc(words.worksheet)}</a> {esc(words.worksheet_note)} · '
        f'<a href="{esc(handouts)}glossary.html">{esc(words.glossary)}</a></p></section>'
        f'<section aria-labelledby="lc-home-sources"><h2 id="lc-home-sources">{esc(words.sources_heading)}</h2>'
        f"<p>{esc(words.sources_intro.format(date=content.words.dates.long_date(reviewed)))}</p>"
        f"{sources_list(tier_sources, content)}</section>"
    )
    return (f"<!doctype html><html lang='{esc(content.lang)}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(site.title)}</title><meta name='description' content=\"{esc(site.tagline)}\">"
            f"<style>{css()}</style></head><body class='lc-home'><main class='lc-root lc-home-main'>{body}</main>"
            "</body></html>")
