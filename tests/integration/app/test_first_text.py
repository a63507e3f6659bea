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
