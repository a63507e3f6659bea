"""The site's own pages on the Voilà server: the home page at `/`, each page's printable handout and the
lesson slides.

Why: plain Voilà shows its file list at `/` ("Select items to open with Voilà", notebook file names), which
is not a page for the public. The site serves its home page there instead (`legcramps.render.home`), sends
the file list's URLs (`/voila/tree…`) home too, and serves the handouts and the lesson deck the home page's
teacher section links to (`legcramps.handouts`, `legcramps.slides`: pure HTML; the deck's reveal.js files
come from node_modules/ when `make install` put them there, and the home page links the deck only then).
Every one of these is made from the content once per server and sent with a short cache lifetime; none
needs a kernel.
"""

from __future__ import annotations

import functools
from typing import ClassVar

from tornado import web

from legcramps import handouts, slides
from legcramps.content import Content, load
from legcramps.render.assets import css
from legcramps.render.home import RENDER, home_page
from legcramps.render.links import Links, language_folder, up_from
from legcramps.slides import slides_available

#: Browsers and proxies may keep these pages this long (they change only with a redeploy).
MAX_AGE_S = 300


def _content(lang: str | None) -> Content | None:
    """The content in `lang` (None: English), or None for a language the content does not have (a 404)."""
    english = load()
    if lang in (None, "en"):
        return english
    return load(lang=lang) if lang in dict(english.languages) else None


@functools.cache
def _home(lang: str | None = None) -> str | None:
    """The home page (`/`), or a language's (`/ru/`: its pages are Voilà's `ru/` notebooks)."""
    content = _content(lang)
    if content is None:
        return None
    links = Links(base=f"{up_from(content.lang)}{RENDER}{language_folder(content.lang)}")
    return home_page(content, slides=slides_available(), links=links)


@functools.cache
def _reveal_file(name: str) -> bytes | None:
    """One of the few reveal.js files the decks load, read once per server (~300 kB in all)."""
    path = slides.REVEAL / name
    return path.read_bytes() if name in slides.REVEAL_FILES and path.is_file() else None


@functools.cache
def _deck(name: str, lang: str | None = None) -> str | None:
    """The lesson deck or a page's deck by its file name without `.slides.html`, as `make slides` names them
    (another language's under its code: `slides/ru/lesson.slides.html`)."""
    content = _content(lang)
    if content is None:
        return None
    if name == "lesson":
        return slides.lesson_deck(content)
    if any(p.slug == name for p in content.pages):
        return slides.page_deck(name, content)
    return None


@functools.cache
def _handout(name: str, lang: str | None = None) -> str | None:
    """A printable sheet by its file name without `.html`, as `make handouts` names it (another language's
    under its code: `handouts/ru/…`; not the answer key: that is for teachers, in their own folder, never
    served)."""
    content = _content(lang)
    if content is None:
        return None
    if name == "glossary":
        return handouts.glossary_sheet(content)
    if name == "worksheet":
        return handouts.worksheet_sheet(content)
    slug, _, kind = name.partition(".")
    if any(p.slug == slug for p in content.pages):
        if kind == "summary":
            return handouts.summary_sheet(slug, content)
        if not kind:
            return handouts.handout(slug, content)
    return None


class StaticPageHandler(web.RequestHandler):
    """Sends a page made from the content, as HTML, with the site's cache and safety headers."""

    def send(self, html: str) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", f"public, max-age={MAX_AGE_S}")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(html)


class HomeHandler(StaticPageHandler):
    def get(self, lang: str | None = None) -> None:
        html = _home(lang)
        if html is None:
            raise web.HTTPError(404)
        self.send(html)

    def head(self, lang: str | None = None) -> None:
        self.get(lang)


class HandoutHandler(StaticPageHandler):
    def get(self, lang: str | None, name: str) -> None:
        html = _handout(name, lang)
        if html is None:
            raise web.HTTPError(404)
        self.send(html)


class SlidesHandler(StaticPageHandler):
    """The lesson deck (`slides/lesson.slides.html`) and each page's (`slides/<slug>.slides.html`), made from
    the content as `make slides` makes them."""

    def get(self, lang: str | None, name: str) -> None:
        deck = _deck(name, lang) if slides_available() else None
        if deck is None:
            raise web.HTTPError(404)
        self.send(deck)


class RevealFileHandler(web.RequestHandler):
    """The few reveal.js files the deck loads (`slides.REVEAL_FILES`), from node_modules/; nothing else."""

    TYPES: ClassVar[dict[str, str]] = {".js": "text/javascript; charset=UTF-8", ".css": "text/css; charset=UTF-8"}

    def get(self, name: str) -> None:
        body = _reveal_file(name)
        if body is None:
            raise web.HTTPError(404)
        self.set_header("Content-Type", self.TYPES[name[name.rindex("."):]])
        self.set_header("Cache-Control", f"public, max-age={MAX_AGE_S}")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(body)


class StylesheetHandler(web.RequestHandler):
    """The site's one stylesheet (`legcramps/static/style.css`) for the pages' <head> (the Voilà template), so
    a page's prose is styled at first paint, before any kernel or script."""

    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=UTF-8")
        self.set_header("Cache-Control", f"public, max-age={MAX_AGE_S}")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(css())


class PageStylesheetHandler(web.RequestHandler):
    """The one stylesheet of a page's start (`legcramps.voila.page_start`), named by its content's hash, so
    browsers may keep it for a year."""

    def get(self, name: str) -> None:
        from legcramps.voila.page_start import PAGE_STARTS

        body = PAGE_STARTS.stylesheet(name)
        if body is None:
            raise web.HTTPError(404)
        self.set_header("Content-Type", "text/css; charset=UTF-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.finish(body)


class GoHomeHandler(web.RequestHandler):
    """Voilà's file list is not a page for readers: its URLs lead to the home page."""

    def initialize(self, home: str = "/") -> None:
        self.home = home

    def get(self, *_args, **_kwargs) -> None:  # Voilà's route names its path group (`path`)
        self.redirect(self.home)
