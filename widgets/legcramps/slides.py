"""`make slides`: the lesson deck and a deck per page, as reveal.js files that work offline.

The slides are made from `content/` by `legcramps.render.deck` (the lesson, from lesson.yaml) and
`legcramps.render.page_deck` (a page's key points). reveal.js's
core, its stylesheet and its speaker-notes plugin are copied from node_modules/ (npm, `make install`) into
`lib/reveal.js/` beside the decks, and the decks use no theme, font or script from anywhere else: the
folder works from a USB stick with the network off. Press S for the speaker view with the notes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from legcramps.content import Content, each_language, load
from legcramps.markup import esc
from legcramps.notebooks import REPO
from legcramps.render.assets import deck_css
from legcramps.render.deck import deck, lesson_slides, lesson_title
from legcramps.render.links import language_folder, up_from
from legcramps.render.page_deck import page_slides

REVEAL = REPO / "node_modules" / "reveal.js"
#: What the decks load from reveal.js, relative to its package folder (nothing else is copied).
REVEAL_FILES = ("dist/reset.css", "dist/reveal.css", "dist/reveal.js", "plugin/notes/notes.js")
LIB = "lib/reveal.js"
LESSON_FILE = "lesson.slides.html"


class SlidesError(RuntimeError):
    """The slides cannot be built as they must be (offline): say what to do."""


def slides_available() -> bool:
    """The decks can be built and served: reveal.js is installed beside the project (npm, `make install`)."""
    return all((REVEAL / name).is_file() for name in REVEAL_FILES)


def copy_reveal(out: Path, source: Path = REVEAL) -> None:
    """reveal.js's files the decks use, into `out/lib/reveal.js/`."""
    missing = [name for name in REVEAL_FILES if not (source / name).is_file()]
    if missing:
        raise SlidesError(f"reveal.js is not installed ({source / missing[0]} is missing): run `make install`, "
                          "which installs it with npm. The slides never load it from the internet.")
    for name in REVEAL_FILES:
        target = out / LIB / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / name, target)


def _lib(content: Content) -> str:
    """reveal.js, from a deck: English decks sit beside `lib/`, another language's in a folder of its own
    (`ru/lesson.slides.html`) sharing the one copy."""
    return up_from(content.lang) + LIB


def lesson_deck(content: Content) -> str:
    """The 45-minute lesson as one reveal.js deck (HTML), loading reveal.js from `lib/`."""
    return deck(lesson_title(content), lesson_slides(content), _lib(content), deck_css(), content.lang)


def page_deck(slug: str, content: Content) -> str:
    """One page's key points as a reveal.js deck (HTML), loading reveal.js from `lib/`."""
    return deck(content.page(slug).title, page_slides(slug, content), _lib(content), deck_css(), content.lang)


def page_deck_file(slug: str) -> str:
    return f"{slug}.slides.html"


def index(content: Content) -> str:
    """The folder's list of decks, so a teacher opening it from a USB stick finds them."""
    words = content.sheets.deck
    items = [f'<li><a href="{LESSON_FILE}">{esc(words.lesson)}</a></li>']
    items += [f'<li><a href="{esc(page_deck_file(p.slug))}">{esc(p.title)}</a></li>' for p in content.pages]
    title = esc(content.site.title)
    return (f"<!doctype html><html lang='{esc(content.lang)}'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1><ul>{''.join(items)}</ul></main></body></html>")


def build(out: Path, content: Content | None = None) -> list[Path]:
    """Write the lesson deck, a deck per page and their index, in every language, and reveal.js into `out`;
    the files written."""
    c = content or load()
    if c.lesson is None:
        raise SlidesError("content/lesson.yaml is missing: there is no lesson to make slides of")
    out.mkdir(parents=True, exist_ok=True)
    copy_reveal(out)
    written = []
    for words in each_language(c):  # English here, each other language in its folder (ru/)
        folder = out / language_folder(words.lang)
        folder.mkdir(exist_ok=True)
        decks = {LESSON_FILE: lesson_deck(words), "index.html": index(words),
                 **{page_deck_file(p.slug): page_deck(p.slug, words) for p in words.pages}}
        for name, text in decks.items():
            target = folder / name
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
