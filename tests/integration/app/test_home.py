"""The server's home page: `/` is the explainer's front door, not Voilà's file list, on a phone and with
JavaScript off; the file list's URLs lead home; the handouts it links to are served."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from legcramps.content import load
from tests.integration.browser.dashboard_page import describe, run_axe

pytestmark = [pytest.mark.server]


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.geturl(), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, url, ""


def test_the_home_page_is_served_at_the_root_and_the_file_list_is_gone(voila_server):
    status, _, html = _get(voila_server.url + "/")
    assert status == 200 and "<h1>Leg cramps, explained</h1>" in html
    assert "Select items to open with Voil" not in html and ".ipynb</a>" not in html.split("lc-home-pages")[0]
    for path in ("/voila/tree", "/voila/tree/", "/voila/tree/dashboard.ipynb"):
        status, final, html = _get(voila_server.url + path)
        assert status == 200 and final == voila_server.url + "/", (path, final)
        assert "<h1>Leg cramps, explained</h1>" in html


def test_the_handouts_the_home_page_links_to_are_served(voila_server):
    content = load()
    for page in content.pages:
        for name in (page.slug, f"{page.slug}.summary"):
            status, _, html = _get(f"{voila_server.url}/handouts/{name}.html")
            assert status == 200 and page.title in html, name
    for name, title in (("glossary", "Glossary"), ("worksheet", content.sheets.worksheet.title)):
        status, _, html = _get(f"{voila_server.url}/handouts/{name}.html")
        assert status == 200 and title in html, name
    assert _get(voila_server.url + "/handouts/teachers.html")[0] == 404
    assert _get(voila_server.url + "/handouts/answer-key.html")[0] == 404  # for teachers: never served
    assert _get(voila_server.url + "/handouts/00-start-here.key.html")[0] == 404
    assert _get(voila_server.url + "/handouts/..%2Fvoila.json.html")[0] == 404


@pytest.mark.browser
def test_a_reader_on_a_phone_with_javascript_off_reads_it_and_finds_the_way_in(browser, voila_server):
    context = browser.new_context(viewport={"width": 360, "height": 780}, java_script_enabled=False)
    page = context.new_page()
    page.goto(voila_server.url + "/")
    assert page.title() == "Leg cramps, explained"
    assert page.get_by_role("heading", level=1).inner_text() == "Leg cramps, explained"
    start = page.get_by_role("link", name="Check your cramps")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= 780, "the way in is on the first screen of a phone"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "nothing scrolls sideways"
    assert start.get_attribute("href") == "voila/render/dashboard.ipynb"
    context.close()


@pytest.mark.browser
def test_the_home_page_passes_axe_and_leads_to_the_dashboard(browser, voila_server):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(voila_server.url + "/")
    blocking = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert blocking == [], describe(blocking)
    page.get_by_role("link", name="Check your cramps").click()
    page.wait_for_url("**/voila/render/dashboard.ipynb")
    page.wait_for_selector(".lc-care", timeout=90_000)
    context.close()


def test_the_russian_home_page_its_handouts_and_decks_are_served(voila_server):
    russian = load(lang="ru")
    status, _, html = _get(voila_server.url + "/ru/")
    assert status == 200 and f"<h1>{russian.site.title}</h1>" in html and "<html lang='ru'>" in html
    assert 'href="../voila/render/ru/dashboard.ipynb"' in html and 'href="../"' in html
    status, _, html = _get(f"{voila_server.url}/handouts/ru/02-overload.summary.html")
    assert status == 200 and russian.page("02-overload").title in html and "<html lang='ru'>" in html
    status, _, html = _get(f"{voila_server.url}/slides/ru/lesson.slides.html")
    assert status == 200 and 'lang="ru"' in html and "../lib/reveal.js/dist/reveal.js" in html
    assert _get(voila_server.url + "/xx/")[0] == 404  # not a language of the content
    assert _get(voila_server.url + "/handouts/xx/glossary.html")[0] == 404


@pytest.mark.browser
def test_every_link_on_the_home_page_leads_to_a_page(browser, voila_server):
    """A reader clicks each link: every page of the site answers and shows its title (links to other sites
    are checked for their form only: this machine has no internet)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    home = voila_server.url + "/"
    try:
        page = context.new_page()
        page.goto(home)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        outside = [h for h in hrefs if h.startswith("http")]
        assert outside and all(h.startswith("https://") for h in outside), outside
        inside = list(dict.fromkeys(h for h in hrefs if not h.startswith("http")))
        assert len(inside) >= 20, inside
        page.close()
        for href in inside:
            page = context.new_page()
            page.goto(home)
            with page.expect_navigation(wait_until="commit") as nav:
                page.locator(f'a[href="{href}"]').first.click()
            assert nav.value is not None and nav.value.status == 200, href
            if href.startswith("slides/"):  # the lesson deck: reveal.js (served beside it) must start
                page.wait_for_function("() => window.Reveal && Reveal.isReady() && Reveal.getTotalSlides() >= 5",
                                       timeout=30_000)
            else:
                page.wait_for_selector("h1", state="visible", timeout=30_000)
                assert page.locator("h1").first.inner_text().strip(), href
            page.close(run_before_unload=True)  # the tab closes: its kernel goes
    finally:
        context.close()
