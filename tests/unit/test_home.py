"""The home page (`/`): made from the content, readable with no script, and every link leads somewhere real."""

from __future__ import annotations

import re

from legcramps.render.home import HANDOUTS, RENDER, SLIDES, home_page
from tests.conftest import REPO


def test_the_home_page_says_what_this_is_and_is_not_and_lists_every_page(content):
    html = home_page(content)
    assert "<script" not in html.lower(), "the home page must work with JavaScript off"
    assert "lang='en'" in html and "name='viewport'" in html
    assert f"<h1>{content.site.title}</h1>" in html
    assert content.site.disclaimer in html
    assert 'class="lc-home-start" href="voila/render/dashboard.ipynb"' in html
    for page in content.pages:
        assert f'href="{RENDER}{page.slug}.ipynb">{page.title}</a>' in html
        assert page.blurb in html
        assert f'href="{HANDOUTS}{page.slug}.html"' in html
    assert "mode=class" in html
    newest = max(c.front.review_date for c in content.causes.values())
    assert f"{newest:%d %B %Y}" in html


def test_every_link_on_the_home_page_has_a_target(content):
    html = home_page(content, slides=True)
    links = re.findall(r'href="([^"]+)"', html)
    assert links
    for link in links:
        if link.startswith("https://"):
            continue  # sources: checked by the content tests
        path = link.split("?")[0]
        if path == SLIDES or (path.startswith("slides/") and any(path == f"slides/{p.slug}.slides.html"
                                                                 for p in content.pages)):
            continue  # the lesson deck: served by legcramps.voila.home, opened by tests/integration/app/test_home.py
        if path.startswith(RENDER):
            assert (REPO / "notebooks" / path.removeprefix(RENDER)).is_file(), link
        else:
            assert path.startswith(HANDOUTS) and path.endswith(".html"), link
            name = path.removeprefix(HANDOUTS).removesuffix(".html")
            slug, _, kind = name.partition(".")
            assert name in ("glossary", "worksheet") or (any(p.slug == slug for p in content.pages)
                                                         and kind in ("", "summary")), link
