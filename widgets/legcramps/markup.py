"""Content text → safe HTML (and → plain text for reading-level checks).

Content Markdown is rendered with raw HTML switched off and then passed through an allow-list sanitiser
(nh3), so neither a content file nor a share link can smuggle markup or script into a page. Glossary marks
(`[[term]]`, `[[shown words|term]]`) become `<dfn>` elements whose title holds the plain definition.
"""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt

from legcramps.content import Content
from legcramps.schema import TERM_MARK

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Escaped marks after markdown-it: [[x]] stays literal text, possibly with &quot; / &amp; inside.
_ESCAPED_MARK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")

ALLOWED_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h3", "h4", "dfn", "code", "br", "span", "blockquote"}
ALLOWED_ATTRS = {"a": {"href", "title"}, "dfn": {"title", "class", "tabindex"}, "span": {"class"}}


def sanitise(fragment: str) -> str:
    """Keep only the tags and attributes our content needs; links only to http(s)."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRS, url_schemes={"https", "http"},
                     link_rel="noopener noreferrer")


def _terms(fragment_html: str, content: Content) -> str:
    def replace(match: re.Match) -> str:
        shown = match.group(1)
        term = html.unescape(match.group(2) or match.group(1)).strip()
        entry = content.term(term)
        if entry is None:  # the loader forbids this; render the words plainly rather than fail a page
            return shown
        title = html.escape(entry.definition, quote=True)
        return f'<dfn class="lc-term" title="{title}" tabindex="0">{shown}</dfn>'

    return _ESCAPED_MARK.sub(replace, fragment_html)


_CACHE: dict[tuple[int, str], tuple[Content, str]] = {}


def markdown(text: str, content: Content) -> str:
    """Render a block of content Markdown to sanitised HTML with glossary terms. Cached: content is static.

    The cache keeps the Content it rendered for, so a new Content that reuses a freed id() never gets
    another's HTML.
    """
    key = (id(content), text)
    found = _CACHE.get(key)
    if found is None or found[0] is not content:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        found = _CACHE[key] = (content, sanitise(_terms(_MD.render(text), content)))
    return found[1]


def inline(text: str, content: Content) -> str:
    """Render one sentence (no paragraph wrapper): escaped, glossary terms marked."""
    rendered = _MD.renderInline(text)
    return sanitise(_terms(rendered, content))


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
