"""Class mode in a real browser: scenario cards, a card's link sets that person's answers, and the projector
view: at 1280 × 720 nothing is shown before a card is picked, and after it the care card and the top causes
are on the first screen, beside the controls."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app
from tests.integration.browser.dashboard_page import RESULTS, open_class_mode

pytestmark = [pytest.mark.server, pytest.mark.browser]

PROJECTOR = {"width": 1280, "height": 720}

#: Where each part of the page is, in CSS pixels from the top of the window (the page is not scrolled).
_BOXES = """() => {
  const box = (sel) => { const e = document.querySelector(sel);
                         if (!e) return null; const r = e.getBoundingClientRect();
                         return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {scrollY: window.scrollY, height: window.innerHeight, care: box('.lc-care'),
          first: box('li.lc-cause'), second: box('li.lc-cause:nth-child(2)'), controls: box('.lc-controls'),
          active: box('.lc-scenario.lc-active')};
}"""


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR)
    yield context.new_page()
    context.close()


def test_a_scenario_card_sets_its_answers(voila_server, page, content):
    page.goto(voila_server.page("dashboard.ipynb", "mode=class"))
    wait_for_app(page, ".lc-scenario")
    assert page.locator(".lc-scenario").count() == len(content.scenarios)
    assert page.get_by_role("heading", name=content.site.class_mode.headings.answers).count() == 1
    runner = next(s for s in content.scenarios if s.id == "runner_with_swollen_calf")
    page.locator(f'.lc-scenario[data-scenario="{runner.id}"] a.lc-scenario-link').click()
    page.wait_for_selector(f'.lc-care[data-tier="{runner.expected_tier}"]', timeout=90_000)
    first = page.locator("li.lc-cause").first.get_attribute("data-cause")
    assert first == runner.expected_top_cause
    assert page.locator(f'.lc-scenario[data-scenario="{runner.id}"][aria-current="true"]').count() == 1


def test_on_a_projector_the_footballer_card_shows_its_results_on_the_first_screen(voila_server, projector, content):
    page = projector
    footballer = next(s for s in content.scenarios if s.id == "teen_footballer")
    open_class_mode(page, voila_server)

    # Before a card is picked: the prompt, and no care level, cause or checklist anywhere on the page.
    assert page.locator(".lc-pick").is_visible()
    assert page.locator(".lc-care[data-tier]").count() == 0
    assert page.locator("li.lc-cause").count() == 0
    assert page.locator(".lc-checklist-view").is_hidden()
    for tier in content.site.tiers:
        assert page.get_by_text(tier.class_label, exact=True).count() == 0

    page.locator(f'.lc-scenario[data-scenario="{footballer.id}"] a.lc-scenario-link').click()
    page.wait_for_selector(f'.lc-care[data-tier="{footballer.expected_tier}"]', timeout=90_000)
    page.wait_for_selector(f'li.lc-cause[data-cause="{footballer.expected_top_cause}"]', timeout=20_000)
    page.wait_for_selector(".lc-factor-fluid_litres_per_day .noUi-handle", state="attached", timeout=30_000)
    page.evaluate("document.fonts.ready.then(() => true)")
    boxes = page.evaluate(_BOXES)

    assert boxes["scrollY"] == 0 and boxes["height"] == PROJECTOR["height"]
    assert boxes["care"]["bottom"] <= PROJECTOR["height"], f"care card below the fold: {boxes}"
    assert boxes["first"]["bottom"] <= PROJECTOR["height"], f"top cause below the fold: {boxes}"
    assert page.locator("li.lc-cause").first.get_attribute("data-cause") == footballer.expected_top_cause
    # beside the controls, not under them: the results column starts right of the cards and answers
    assert boxes["care"]["left"] >= boxes["controls"]["right"] and boxes["care"]["left"] >= boxes["active"]["right"]
    assert boxes["active"]["top"] < PROJECTOR["height"], "the picked card's story is on the first screen"
    assert page.get_by_role("heading", name=content.tier(footballer.expected_tier).class_label).is_visible()
    assert page.get_by_role("heading", name=content.site.class_mode.headings.answers).is_visible()

    # Large type: the results read from the back of a room.
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.lc-because')).fontSize)")
    assert size >= 18, f"results text is {size}px"

    # The questions for the class open on demand.
    card = page.locator(f'.lc-scenario[data-scenario="{footballer.id}"]')
    question = card.get_by_text(footballer.questions[0])
    assert question.is_hidden()
    card.get_by_text(content.site.class_mode.questions, exact=True).click()
    question.wait_for(state="visible", timeout=5_000)

    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / "class-mode-projector.png"))  # to look at; docs/images has the kept one
