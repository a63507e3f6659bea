"""`make handouts` on paper: Chromium prints each one-page sheet to an A4 PDF, and it is one page.

Why a browser: whether a sheet fits its page depends on fonts, line breaks and the print stylesheet, which
only a real layout engine knows. Playwright's `page.pdf()` is Chromium's own "Save as PDF", as a teacher
would print it (backgrounds on, so the care tiers keep their colours). The PDF's pages are counted from its
page objects; the type on the page is measured too (no text under 10 pt).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from legcramps.handouts import build, worksheet_sheet
from legcramps.render.sheet import MIN_TYPE_PT

pytestmark = pytest.mark.browser

#: A page object in a PDF's body (`/Type /Page`, never the `/Type /Pages` tree above the pages).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
#: The page tree's count of pages: what a PDF reader shows as "1 of N".
PAGE_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", re.S)


def pdf_pages(pdf: bytes) -> int:
    """Pages of a PDF, counted two ways that must agree (a PDF with compressed object streams would
    hide its page objects: then this fails loudly instead of counting none)."""
    assert pdf.startswith(b"%PDF"), "not a PDF"
    objects = len(PAGE_OBJECT.findall(pdf))
    counts = {int(a or b) for a, b in PAGE_COUNT.findall(pdf)}
    assert counts == {objects}, f"page objects {objects}, page tree counts {counts}: cannot count reliably"
    return objects


def test_the_page_counter_counts_pages(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<p>one</p><p style='break-before: page'>two</p><p style='break-before: page'>three</p>")
    assert pdf_pages(page.pdf(format="A4")) == 3
    context.close()


def print_pages(browser, path: Path) -> tuple[int, float]:
    """(pages when printed to A4, the smallest font size of any visible text, in pt)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    smallest_px = page.evaluate("""() => {
        let least = Infinity;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || !el || !el.getClientRects().length) continue;
            least = Math.min(least, parseFloat(getComputedStyle(el).fontSize));
        }
        return least;
    }""")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    context.close()
    return pdf_pages(pdf), smallest_px * 72 / 96


@pytest.fixture(scope="module")
def built(tmp_path_factory, content) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    build(out, content)
    return out


def test_every_summary_and_the_worksheet_print_on_one_a4_page(browser, built, content):
    sheets = [built / f"{p.slug}.summary.html" for p in content.pages] + [built / "worksheet.html"]
    measured = {path.name: print_pages(browser, path) for path in sheets}
    print("\n".join(f"{name}: {pages} page(s), smallest type {pt:.1f} pt" for name, (pages, pt) in measured.items()))
    assert {name: pages for name, (pages, _) in measured.items() if pages != 1} == {}
    assert {name: pt for name, (_, pt) in measured.items() if pt < MIN_TYPE_PT - 0.01} == {}


def test_the_worksheet_holds_five_cards_with_long_names_on_one_page(browser, content, tmp_path):
    """A class may have more cards than today's: with five, two of them with long names, it still fits."""
    extra = [dataclasses.replace(content.scenarios[0], id=f"extra_{i}",
                                 title=f"Jo, 15, plays football four times a week and runs (card {i})")
             for i in range(5 - len(content.scenarios))]
    five = dataclasses.replace(content, scenarios=(*content.scenarios, *extra)[:5])
    path = tmp_path / "worksheet.html"
    path.write_text(worksheet_sheet(five), encoding="utf-8")
    pages, _ = print_pages(browser, path)
    assert pages == 1
