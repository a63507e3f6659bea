"""`make slides`: nbconvert executes a page notebook in a real kernel and exports reveal.js slides of it."""

from __future__ import annotations

import html

import pytest

from legcramps.markup import plain
from tests.conftest import REPO
from tests.unit.classroom.page_text import squash, visible_text


@pytest.mark.server
def test_slides_build_and_show_title_and_objectives(content, tmp_path):
    from legcramps.slides import build as build_slides

    (path,) = build_slides(tmp_path, ["05-flat-foot"])
    deck = path.read_text(encoding="utf-8")
    text = squash(visible_text(deck))
    assert "Flat foot" in text
    for objective in content.causes["flat_foot"].front.objectives:
        assert squash(html.unescape(plain(objective))) in text
    assert "from legcramps" not in deck, "slides show content, not code"
    if (REPO / "node_modules" / "reveal.js").exists():
        assert (tmp_path / "lib" / "reveal.js" / "dist" / "reveal.js").exists()
