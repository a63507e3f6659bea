"""Content text as the plain words a page shows, for the places that cannot show HTML: a tick box's label,
a figure's drawn labels, the command line.

Why from the rendered HTML rather than by stripping symbols: the words then read exactly as the page does
(glossary marks become their words, `**bold**` and `code` their text, a link its words, entities their
characters), and no Markdown construct can slip past a list of symbols to strip. The HTML is the one
`legcramps.markup.inline` makes (pre-rendered for content texts, so this costs a kernel no import).
"""

from __future__ import annotations

import html.parser
from typing import TYPE_CHECKING

from legcramps.markup import inline

if TYPE_CHECKING:
    from legcramps.content import Content


class _Words(html.parser.HTMLParser):
    """The text of sanitised inline HTML: tags dropped, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def words(text: str, content: Content) -> str:
    """One content sentence (inline Markdown with glossary marks) as plain text: what its HTML reads as."""
    parser = _Words()
    parser.feed(inline(text, content))
    parser.close()
    return "".join(parser.parts)
