"""`make slides`: the lesson deck in a real browser, from files, with the network cut off.

What a teacher on a projector would notice: the deck starts, every slide fits the screen, the quiz answer
stays hidden until the click, every slide has speaker notes, and nothing is fetched from anywhere.
"""

from __future__ import annotations

import pytest

from legcramps.slides import LESSON_FILE, REVEAL, build, page_deck_file

pytestmark = pytest.mark.skipif(not (REVEAL / "dist" / "reveal.js").exists(),
                                reason="reveal.js is installed by `make install` (npm)")

FITS_JS = """() => {
  const box = document.querySelector('.reveal .slides').getBoundingClientRect();
  const section = Reveal.getCurrentSlide();
  const out = [];
  for (const el of section.querySelectorAll('*')) {
    if (el.closest('aside.notes')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > box.bottom + 1 || r.right > box.right + 1) out.push(el.tagName + ': ' + el.textContent.slice(0, 40));
  }
  return out;
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return {path.name: path for path in build(out)}


@pytest.fixture(scope="module")
def deck_page(browser, built):
    path = built[LESSON_FILE]
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    fetched: list[str] = []

    def cut_off(route):
        fetched.append(route.request.url)
        route.abort()

    context.route("http*://**/*", cut_off)  # the network is off: anything it tries to fetch is noted and fails
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20000)
    yield page, fetched, errors
    context.close()


def test_the_deck_starts_offline_and_fetches_nothing(deck_page, content):
    page, fetched, errors = deck_page
    assert fetched == []
    assert errors == []
    assert page.evaluate("Reveal.getTotalSlides()") == len(content.lesson.slides)


def test_every_slide_fits_the_screen_and_has_speaker_notes(deck_page, content):
    page, _, _ = deck_page
    for index, slide in enumerate(content.lesson.slides):
        page.evaluate(f"Reveal.slide({index})")
        assert page.evaluate(FITS_JS) == [], f"slide {index + 1} ({slide.id}) runs off the screen"
        notes = page.evaluate("Reveal.getSlideNotes()")
        assert notes and len(notes.split()) >= 15, slide.id
    page.evaluate("Reveal.slide(0)")


def test_the_right_option_is_marked_only_after_the_click(deck_page, content):
    page, _, _ = deck_page
    index = next(i for i, s in enumerate(content.lesson.slides) if s.show == "quiz")
    page.evaluate(f"Reveal.slide({index})")
    tick = page.locator(".present .lc-deck-right .lc-deck-tick")
    shown = "el => getComputedStyle(el).visibility"
    assert tick.evaluate(shown) == "hidden"
    assert page.locator(".present .lc-deck-options li").evaluate_all(
        "items => items.every(li => getComputedStyle(li).opacity === '1')"), "every option shows before the click"
    page.keyboard.press("ArrowRight")  # the presenter's clicker: the next fragment, not the next slide
    page.wait_for_function("() => getComputedStyle(document.querySelector("
                           "'.present .lc-deck-right .lc-deck-tick')).visibility === 'visible'")
    assert page.evaluate("Reveal.getIndices().h") == index
    page.evaluate("Reveal.slide(0)")


def test_every_page_deck_starts_offline_and_every_slide_fits(browser, built, content):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    fetched: list[str] = []
    context.route("http*://**/*", lambda route: (fetched.append(route.request.url), route.abort()))
    try:
        for page_entry in content.pages:
            page = context.new_page()
            page.goto(built[page_deck_file(page_entry.slug)].as_uri())
            page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20000)
            for index in range(page.evaluate("Reveal.getTotalSlides()")):
                page.evaluate(f"Reveal.slide({index})")
                assert page.evaluate(FITS_JS) == [], f"{page_entry.slug}: slide {index + 1} runs off the screen"
                assert page.evaluate("Reveal.getSlideNotes()"), f"{page_entry.slug}: slide {index + 1} has no notes"
            page.close()
        assert fetched == []
        index_page = context.new_page()
        index_page.goto(built["index.html"].as_uri())
        links = index_page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
        assert links == [LESSON_FILE, *(page_deck_file(p.slug) for p in content.pages)]
    finally:
        context.close()
