"""axe-core in a real Chromium: no serious or critical WCAG violations on the dashboard or on any page.

axe comes from npm (node_modules/axe-core, `make install`) and is injected into the served page. The
dashboard is checked with every section of questions open, a warning sign ticked (so the urgent care card's
colours are checked) and a link note shown, in the light and the dark theme. Nothing is excluded: at the time
of writing Voilà's own page chrome has no serious or critical violation either. Moderate and minor findings
(e.g. "region": Voilà puts the cells in no landmark) are written to tests/results/axe.json, not failed.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO
from tests.integration.browser.dashboard_page import (
    AXE,
    HEELS_QUERY,
    RESULTS,
    describe,
    open_all_sections,
    open_class_mode,
    open_dashboard,
    run_axe,
    wait_labelled,
    wait_tier,
)

pytestmark = [pytest.mark.server, pytest.mark.browser]

#: Every live part of the page drawn (both editions fill each placeholder with widgets).
ALL_LIVE = "() => [...document.querySelectorAll('.lc-slot')].every(s => s.querySelector('.jupyter-widgets'))"
PAGES = sorted(p.name for p in (REPO / "notebooks").glob("0[0-9]-*.ipynb"))
BLOCKING = {"serious", "critical"}
_FINDINGS: dict[str, list[dict]] = {}


@pytest.fixture(scope="module", autouse=True)
def _save_findings():
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `make install` (npm installs it into node_modules/)")
    yield
    RESULTS.mkdir(parents=True, exist_ok=True)
    summary = {page: [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
                       "first": v["nodes"][0]["target"] if v["nodes"] else ""} for v in found]
               for page, found in _FINDINGS.items()}
    (RESULTS / "axe.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def check(page, name: str) -> None:
    violations = run_axe(page)
    _FINDINGS[name] = violations
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"{name}:\n{describe(blocking)}"


def test_dashboard_light_and_dark(page, edition):
    open_dashboard(page, edition, HEELS_QUERY + "&one_calf_swollen_warm_red=true&not_a_question=1")
    wait_tier(page, "urgent")
    assert page.locator(".lc-note").count() == 1
    open_all_sections(page)
    wait_labelled(page)
    check(page, f"dashboard (light, {edition.name})")
    page.get_by_role("button", name="Dark").click()
    page.wait_for_selector(".lc-root.lc-dark")
    page.wait_for_timeout(200)
    check(page, f"dashboard (dark, {edition.name})")


def test_class_mode_before_and_after_a_card_is_picked(page, voila_server, content):
    """The prompt, the cards with a card's questions open, and their results, on the projector layout."""
    open_class_mode(page, voila_server)
    check(page, "class mode, no card picked")
    footballer = next(s for s in content.scenarios if s.id == "teen_footballer")
    page.locator(f'.lc-scenario[data-scenario="{footballer.id}"] a.lc-scenario-link').click()
    wait_tier(page, footballer.expected_tier, timeout=90_000)
    page.locator(".lc-scenario.lc-active summary").click()
    wait_labelled(page)
    check(page, "class mode, a card picked")


@pytest.mark.parametrize("notebook", PAGES)
def test_page(page, edition, notebook):
    page.goto(edition.page(notebook))
    page.wait_for_selector(".lc-root", timeout=90_000)
    page.wait_for_load_state("load")
    page.wait_for_function(ALL_LIVE, timeout=90_000)
    wait_labelled(page)
    page.wait_for_timeout(500)  # widgets still arriving after the last cell
    wait_labelled(page)
    check(page, f"{notebook} ({edition.name})")


def test_every_page_was_found():
    assert len(PAGES) >= 9, PAGES
