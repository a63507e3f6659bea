"""What a reader of a generated HTML document (handout, answer key, slide deck) sees, as one plain string."""

from __future__ import annotations

import html
import re


def visible_text(document: str) -> str:
    document = re.sub(r"<style.*?</style>", " ", document, flags=re.S)
    document = re.sub(r"</?(dfn|strong|em|a|span|code)\b[^>]*>", "", document)  # inline: no extra space
    return html.unescape(re.sub(r"<[^>]+>", " ", document))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
