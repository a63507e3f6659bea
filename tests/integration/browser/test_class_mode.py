"""Class mode in a real browser: scenario cards, and a card's link sets that person's answers."""

from __future__ import annotations

import pytest

from tests.conftest import wait_for_app

pytestmark = [pytest.mark.server, pytest.mark.browser]


def test_a_scenario_card_sets_its_answers(voila_server, page, content):
    page.goto(voila_server.page("dashboard.ipynb", "mode=class"))
    wait_for_app(page, ".lc-scenario")
    assert page.locator(".lc-scenario").count() == len(content.scenarios)
    assert page.get_by_role("heading", name="Their answers").count() == 1
    runner = next(s for s in content.scenarios if s.id == "runner_with_swollen_calf")
    page.locator(f'.lc-scenario[data-scenario="{runner.id}"] a.lc-scenario-link').click()
    page.wait_for_selector(f'.lc-care[data-tier="{runner.expected_tier}"]', timeout=90_000)
    first = page.locator("li.lc-cause").first.get_attribute("data-cause")
    assert first == runner.expected_top_cause
    assert page.locator(f'.lc-scenario[data-scenario="{runner.id}"][aria-current="true"]').count() == 1
