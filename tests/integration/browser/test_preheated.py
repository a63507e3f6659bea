"""The committed config serves the dashboard from preheated kernels, and a visitor's link still applies.

A preheated kernel has run the notebook before anyone asked (notebooks/voila.json: `preheat_kernel`, a pool
for dashboard.ipynb), so the share link, class mode and colour scheme must be applied after the visitor
arrives (`Dashboard.serve` → `legcramps.voila.visitor.wait_for_request`). These tests check both halves: the
server log says the pooled kernel was used, and the page shows what the link asked for.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import wait_for_app

pytestmark = [pytest.mark.server, pytest.mark.browser]

POOLED = "Using pre-heated kernel"


def _wait_pool_filled(server, timeout: float = 90.0) -> None:
    deadline = time.time() + timeout
    while "Kernel pool of dashboard.ipynb is filled" not in server.log_path.read_text():
        assert time.time() < deadline, "the dashboard's kernel pool never filled"
        time.sleep(0.3)


def test_class_mode_scenario_and_answers_reach_a_preheated_kernel(page, voila_server, content):
    _wait_pool_filled(voila_server)
    used_before = voila_server.log_path.read_text().count(POOLED)
    runner = next(s for s in content.scenarios if s.id == "runner_with_swollen_calf")
    page.goto(voila_server.page("dashboard.ipynb", f"mode=class&scenario={runner.id}&scheme=dark&"
                                                   "one_calf_swollen_warm_red=true"))
    wait_for_app(page, ".lc-scenario")
    assert voila_server.log_path.read_text().count(POOLED) == used_before + 1, "the page did not use the pool"
    assert page.get_by_role("heading", name="Their answers").count() == 1
    assert page.locator(f'.lc-scenario[data-scenario="{runner.id}"][aria-current="true"]').count() == 1
    page.wait_for_selector('.lc-care[data-tier="emergency"], .lc-care[data-tier="urgent"]', timeout=30_000)
    assert "lc-dark" in page.get_attribute(".lc-dashboard", "class")
    assert page.locator(".lc-note").count() == 0  # scheme is a page option, not a bad answer


def test_a_plain_visit_after_a_class_visit_is_personal_again(page, voila_server):
    page.goto(voila_server.page("dashboard.ipynb"))
    wait_for_app(page, ".lc-care[data-tier]")
    assert page.get_by_role("heading", name="Your answers").count() == 1
    assert page.locator(".lc-scenario").count() == 0
    assert page.get_attribute(".lc-care", "data-tier") == "self_care"
