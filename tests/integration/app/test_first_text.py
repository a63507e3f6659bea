"""A page's text comes first: the site's page handler sends its start (head, prose, placeholders) before
Voilà starts the kernel, and each live part then lands in its placeholder (legcramps.voila.page_start and
the `legcramps` Voilà template). The timings themselves are figures of `make bench` (bench_first_text), not
assertions here: these tests hold the order and the shape that make the page read at once.
"""

from __future__ import annotations

import re
import socket
import urllib.parse

import pytest

from legcramps.content import load
from tests.conftest import wait_for_app

pytestmark = pytest.mark.server

CONTENT = load()
CAUSE_PAGE = "03-salt-balance.ipynb"


def read_in_order(url: str, marks: dict[str, str]) -> tuple[str, dict[str, int]]:
    """The whole response, and for each mark the number of the socket read in which it had arrived (a
    preheated page's start and rest can come in one read: the kernel was started before the visit)."""
    parts = urllib.parse.urlsplit(url)
    seen: dict[str, int] = {}
    body = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=120) as sock:
        sock.sendall(f"GET {parts.path}?{parts.query} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
                     "Connection: close\r\n\r\n".encode())
        reads = 0
        while chunk := sock.recv(65536):
            reads += 1
            body += chunk
            for name, needle in marks.items():
                if name not in seen and needle.encode() in body:
                    seen[name] = reads
    return body.decode("utf-8", "replace"), seen


@pytest.mark.parametrize("name", [CAUSE_PAGE, "dashboard.ipynb"])
def test_the_prose_is_sent_before_the_kernel_is_started(voila_server, name):
    first = CONTENT.page(CAUSE_PAGE.removesuffix(".ipynb")).blurb if name == CAUSE_PAGE else CONTENT.site.tagline
    page, seen = read_in_order(voila_server.page(name), {"prose": first, "kernel": '"kernelId"'})
    assert "200 OK" in page.split("\r\n", 1)[0]
    html = page.split("\r\n\r\n", 1)[1]
    assert html.index(first) < html.index('"kernelId"'), "the prose comes before the kernel's part of the page"
    if name == CAUSE_PAGE:  # no pool: its kernel starts for this visit, after the prose has gone out
        assert seen["prose"] < seen["kernel"], f"the first sentence came with the kernel's config: {seen}"
    text = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    assert text.count(first) == 1, "the prose is on the page once (no second copy from a code cell)"
    head = html[:html.index("</head>")]
    assert not re.search(r"<link[^>]*stylesheet", head), "no stylesheet request holds the first paint back"
    assert "<style>" in head and ".lc-doc" in head, "the prose's rules come with the page"
    for tag in ("<!DOCTYPE html>", "<head>", "</head>", "<body", "</body>", "</html>", "<main"):
        assert html.count(tag) == 1, f"{tag} appears {html.count(tag)} times: the start and the rest are one page"


def test_a_page_with_another_template_is_left_to_voila(voila_server):
    """`?template=reveal` (the slides Voilà serves) gets no start from the site: Voilà's page as it is."""
    page, _ = read_in_order(voila_server.page(CAUSE_PAGE, "template=reveal"), {})
    html = page.split("\r\n\r\n", 1)[1]
    assert 'id="lc-slot-' not in html and "lc-cells" not in html and html.count("<head>") <= 1


@pytest.mark.browser
def test_each_live_part_is_drawn_in_its_place_in_the_prose(page, voila_server):
    page.goto(voila_server.page(CAUSE_PAGE), wait_until="commit")
    page.wait_for_selector(".lc-doc p", state="visible", timeout=30_000)
    assert page.locator(".lc-slot-loading").first.is_visible(), "a placeholder says the controls are coming"
    wait_for_app(page, ".lc-slot .lc-quiz-question")
    wait_for_app(page, ".lc-slot .lc-control .noUi-handle")
    order = page.evaluate("""() => [...document.querySelectorAll('#rendered_cells h2, .lc-slot')]
        .map(e => e.tagName === 'H2' ? e.textContent.replace('¶', '').trim()
                                      : (e.querySelector('.lc-quiz-question') ? 'QUIZ' : 'EXPLORER'))""")
    assert order.index("EXPLORER") == order.index("Try it") + 1, order
    assert order.index("QUIZ") == order.index("Quiz") + 1, order
    assert not page.locator(".lc-slot-loading").first.is_visible(), "the placeholder goes once it is drawn"
    assert page.locator("#lc-cells [cell-index]").count() == 0, "no output is left outside its place"


@pytest.mark.browser
def test_a_live_part_that_never_comes_says_so_and_offers_a_reload(browser, voila_server):
    """Voilà's scripts blocked: the widgets can never be drawn. The placeholder must not say "loading" forever."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route(re.compile(r".*/voila/static/voila\.js.*"), lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(voila_server.page(CAUSE_PAGE))
        failed = page.locator(".lc-slot-failed").first
        failed.wait_for(state="visible", timeout=40_000)
        assert CONTENT.site.page_loading_failed in failed.inner_text()
        assert failed.get_by_role("button", name=CONTENT.site.page_reload).is_visible()
        assert page.locator(".lc-doc p").first.is_visible(), "the prose stays"
    finally:
        context.close()


#: What a reader sees of the start's elements above its first live part: place, size and look.
LOOK_JS = """() => [...document.querySelectorAll(['h1', 'h2', 'p', 'li', '.lc-badge', 'dfn', '.lc-slot']
    .map(s => '#rendered_cells ' + s).join(', '))]
  .filter(e => { const first = document.querySelector('.lc-slot');
                 return first.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING; })
  .map(e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
              return [e.tagName, e.textContent.slice(0, 30), Math.round(r.x), Math.round(r.y + scrollY),
                      Math.round(r.width), Math.round(r.height), s.fontSize, s.fontFamily, s.fontWeight,
                      s.color, s.backgroundColor, s.lineHeight]; })"""


def _held(context, pattern: str):
    """Route requests matching `pattern` and hold them until the returned function is called."""
    held: list = []
    released: list[bool] = []

    def hold(route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    def release() -> None:
        released.append(True)
        for route in held:
            route.continue_()
    context.route(re.compile(pattern), hold)
    return held, release


@pytest.mark.browser
def test_the_prose_is_styled_before_the_page_stylesheet_arrives_and_nothing_moves_when_it_does(browser, voila_server):
    """The first paint waits for no stylesheet request: the rules the prose needs come with the page, the page's
    one stylesheet comes after the prose. Held back here, the prose is already in its final look and place."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    held, release = _held(context, r".*/legcramps/page-[0-9a-f]+\.css.*")
    page = context.new_page()
    try:
        page.goto(voila_server.page(CAUSE_PAGE), wait_until="commit")
        page.wait_for_selector(".lc-doc p", state="visible", timeout=30_000)
        assert held, "the page's stylesheet was asked for (and is held back)"
        early = page.evaluate(LOOK_JS)
        badge = page.locator("#rendered_cells .lc-badge").first
        assert badge.evaluate("e => getComputedStyle(e).borderTopLeftRadius") == "10px", "badges are styled"
        assert page.locator("#rendered_cells h1").evaluate("e => getComputedStyle(e).fontFamily") != '"Times New Roman"'
        release()
        wait_for_app(page, ".lc-slot .lc-control .noUi-handle")
        page.wait_for_timeout(500)
        assert page.evaluate(LOOK_JS) == early, "the start looks and sits the same once everything has arrived"
    finally:
        context.close()


HEADING_AT_TOP_JS = """() => { const h = [...document.querySelectorAll('#rendered_cells .jp-MarkdownCell h2')]
    .find(e => e.getBoundingClientRect().top >= 0); return [h.textContent, h.getBoundingClientRect().top]; }"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
def test_a_reader_who_has_scrolled_keeps_their_place_when_the_live_parts_are_drawn(browser, voila_server, width):
    """Voilà's scripts held back while the reader scrolls past the first live part's placeholder: when they
    run, the placeholder becomes a panel a screen high above the reader, and what they were reading stays put."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    _, release = _held(context, r".*/voila/static/voila\.js.*")
    page = context.new_page()
    try:
        page.goto(voila_server.page(CAUSE_PAGE), wait_until="commit")
        page.wait_for_selector(".lc-doc p", state="visible", timeout=30_000)
        slot = page.locator(".lc-slot").first
        page.mouse.move(width / 2, 400)
        while slot.evaluate("e => e.getBoundingClientRect().bottom") > 0:
            page.mouse.wheel(0, 400)
            page.wait_for_timeout(50)
        page.wait_for_timeout(300)
        before = page.evaluate(HEADING_AT_TOP_JS)
        release()
        wait_for_app(page, ".lc-slot .lc-control .noUi-handle")
        page.wait_for_timeout(1000)
        assert slot.evaluate("e => e.getBoundingClientRect().height") > 300, "the live part above is drawn"
        heading, top = page.evaluate(HEADING_AT_TOP_JS)
        assert heading == before[0] and abs(top - before[1]) <= 2, f"was {before}, now {[heading, top]}"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("name", "width"), [(CAUSE_PAGE, 1280), ("dashboard.ipynb", 360)])
def test_the_whole_page_scrolls_with_the_wheel_once_its_live_parts_are_drawn(browser, voila_server, name, width):
    """The page scrolls as one document to its end (in Voilà's own frame it did not scroll at all)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(voila_server.page(name))
        wait_for_app(page, ".lc-slot .lc-control .noUi-handle")
        page.mouse.move(width / 2, 300)
        for _ in range(200):
            at_end = page.evaluate("() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2")
            if at_end:
                break
            page.mouse.wheel(0, 600)
            page.wait_for_timeout(30)
        assert page.evaluate("() => scrollY") > 500, "the wheel scrolled the page"
        last = page.locator("#rendered_cells .jp-MarkdownCell, #rendered_cells .lc-slot").last
        assert last.evaluate("e => e.getBoundingClientRect().bottom") <= 800 + 2, "its end can be reached"
    finally:
        context.close()
