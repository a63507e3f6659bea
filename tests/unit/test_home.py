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
        if path in {f"{code}/" for code, _ in content.languages}:
            continue  # another language's home page: served by legcramps.voila.home (tests/integration/app)
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


def test_a_language_s_home_page_links_its_own_pages_handouts_and_decks():
    """`/ru/`: its pages are Voilà's ru/ notebooks, its sheets and decks the ru/ ones, and English is linked."""
    from legcramps.content import load
    from legcramps.render.links import Links

    russian = load(lang="ru")
    html = home_page(russian, slides=True, links=Links(base=f"../{RENDER}ru/"))
    links = set(re.findall(r'href="([^"]+)"', html))
    assert "<html lang='ru'>" in html
    assert f"../{RENDER}ru/02-overload.ipynb" in links and f"../{RENDER}ru/dashboard.ipynb?mode=class" in links
    assert "../handouts/ru/02-overload.summary.html" in links and "../slides/ru/lesson.slides.html" in links
    assert "../" in links  # the English home page
    for link in links:
        if link.startswith(f"../{RENDER}ru/"):
            assert (REPO / "notebooks" / "ru" / link.removeprefix(f"../{RENDER}ru/").split("?")[0]).is_file(), link
