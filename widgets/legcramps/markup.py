"""Content text → safe HTML (and → plain text for reading-level checks).

Content Markdown is rendered with raw HTML switched off and then passed through an allow-list sanitiser
(nh3), so neither a content file nor a share link can smuggle markup or script into a page. Glossary marks
(`[[term]]`, `[[shown words|term]]`) become `<dfn>` elements whose title holds the plain definition.

markdown-it and nh3 are imported only when something really has to be rendered: the loader pre-renders
every content text the pages show (`prerender()`, stored in `Content.rendered` and in its snapshot), so a
dashboard kernel normally finds its HTML there and never imports either. Both paths run the same code.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from legcramps.schema import TERM_MARK


class Glossary(Protocol):
    """What rendering needs of the content (`legcramps.content.Content` has it): the glossary, and the HTML
    pre-rendered at load time. A protocol, so this module never imports the content package."""

    rendered: Mapping[tuple[str, str], str]

    def term(self, word: str) -> Any: ...


ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h2", "h3", "h4", "dfn", "code", "br", "span", "blockquote"}
ALLOWED_ATTRS = {"a": {"href", "title"}, "dfn": {"title", "class", "tabindex"}, "span": {"class"}}


@functools.cache
def _md() -> Any:
    """The one Markdown renderer, made on first use (markdown-it costs a kernel ~2 MiB)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def sanitise(fragment: str) -> str:
    """Keep only the tags and attributes our content needs; links only to http(s)."""
    import nh3

    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, url_schemes={"https", "http"},
                     link_rel="noopener noreferrer")


def _terms(fragment_html: str, content: Glossary) -> str:
    def replace(match: re.Match) -> str:
        shown = match.group(1)
        term = html.unescape(match.group(2) or match.group(1)).strip()
        entry = content.term(term)
        if entry is None:  # the loader forbids this; render the words plainly rather than fail a page
            return shown
        title = html.escape(entry.definition, quote=True)
        return f'<dfn class="lc-term" title="{title}" tabindex="0">{shown}</dfn>'

    return TERM_MARK.sub(replace, fragment_html)  # after markdown-it, marks are literal text (maybe &quot;-escaped)


#: Characters Markdown, HTML or the sanitiser give a meaning (and line breaks, tabs, no-break spaces).
_SPECIAL = r"\\`*_\[\]<>&#!~{}=\"\n\t\r\u00a0"
#: Text Markdown and the sanitiser leave as it is: one line, no Markdown, HTML or glossary syntax, no leading
#: list/heading/quote marker. Most content sentences are like that (~70 %), and for them the result is
#: known without markdown-it and nh3 (~50 µs a text): validating content got ~20 ms faster. A test renders
#: every content text both ways and checks they agree.
_PLAIN = re.compile(rf"(?![\d+\->])[^{_SPECIAL}|]*(?<!\s)")
#: The same, with glossary marks (`[[term]]`, `[[shown words|term]]`) allowed: Markdown leaves those as
#: literal text too, so only the marks need work (and the sanitiser, for the definitions they add). Not when
#: a `(` follows a mark: `[[calf]](…)` is a Markdown link.
_PLAIN_MARKED = re.compile(rf"(?![\d+\->])(?:[^{_SPECIAL}|]|\[\[[^{_SPECIAL}]+\]\](?!\())*(?<!\s)")


def _render(kind: str, text: str, content: Glossary) -> str:
    """Render for real: "block" is a block of Markdown (paragraphs, lists), "inline" one sentence."""
    if text and text == text.strip():
        if _PLAIN.fullmatch(text):
            return f"<p>{text}</p>\n" if kind == "block" else text
        if _PLAIN_MARKED.fullmatch(text):
            return sanitise(_terms(f"<p>{text}</p>\n" if kind == "block" else text, content))
    return _render_markdown(kind, text, content)


def _render_markdown(kind: str, text: str, content: Glossary) -> str:
    rendered = _md().render(text) if kind == "block" else _md().renderInline(text)
    return sanitise(_terms(rendered, content))


def prerender(texts: Iterable[tuple[str, str]], content: Glossary) -> dict[tuple[str, str], str]:
    """HTML for each (kind, text), with `content`'s glossary: the loader stores it as `Content.rendered`."""
    return {(kind, text): _render(kind, text, content) for kind, text in dict.fromkeys(texts)}


_CACHE: dict[tuple[int, str], tuple[Glossary, str]] = {}


def markdown(text: str, content: Glossary) -> str:
    """Render a block of content Markdown to sanitised HTML with glossary terms. Cached: content is static.

    Content texts come pre-rendered with the content. Any other text is rendered here and cached; the
    cache keeps the Content it rendered for, so a new Content that reuses a freed id() never gets another's
    HTML.
    """
    found = content.rendered.get(("block", text))
    if found is not None:
        return found
    key = (id(content), text)
    cached = _CACHE.get(key)
    if cached is None or cached[0] is not content:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        cached = _CACHE[key] = (content, _render("block", text, content))
    return cached[1]


def inline(text: str, content: Glossary) -> str:
    """Render one sentence (no paragraph wrapper): escaped, glossary terms marked."""
    found = content.rendered.get(("inline", text))
    return found if found is not None else _render("inline", text, content)


def plain(text: str) -> str:
    """Text as a reader sees it: glossary marks become their words, Markdown symbols go."""
    text = TERM_MARK.sub(lambda m: m.group(1), text)
    text = re.sub(r"^#+\s*", "", text, flags=re.M)
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.M)
    return re.sub(r"[*_`>]", "", text)


def esc(text: object) -> str:
    """Escape any value for HTML text or attribute use."""
    return html.escape(str(text), quote=True)


def unmark(text: str) -> str:
    """One sentence for plain-text output (Markdown export): glossary marks become their words."""
    return TERM_MARK.sub(lambda m: m.group(1), text)
