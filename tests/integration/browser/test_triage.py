"""Triage safety in a real Voilà server and a real Chromium: on a suspected clot or an emergency, the first
step a reader sees is where to get help, on a phone as on a desktop, and nothing that could harm or delay
(rub the muscle, walk it off, stretch) is anywhere on the page's checklist.

The whole card for every scenario is checked headless in tests/unit/clinical/test_scenarios.py; these tests check
what a person actually sees, reached the two ways a person reaches it: ticking a box, and a share link.
"""

from __future__ import annotations

import pytest

from tests.integration.browser.dashboard_page import checklist_items, open_dashboard, open_section, wait_tier

pytestmark = [pytest.mark.server, pytest.mark.browser]

SELF_CARE_STEPS = ["stretch_calf", "stand_and_walk", "massage_muscle", "painkillers_after", "stretch_before_bed"]


def first_visible_steps(page) -> list[str]:
    return [t.strip() for t in page.locator(".lc-care .lc-care-steps li").all_inner_texts()]


def assert_leads_with(page, content, step_id: str, tier_name: str) -> None:
    wait_tier(page, tier_name)
    want = content.checklist[step_id].text
    assert first_visible_steps(page)[0] == want
    steps = page.locator(".lc-care .lc-care-steps li").first.bounding_box()
    assert steps["y"] < page.locator(".lc-controls").bounding_box()["y"], "the call for help is above the controls"
    assert steps["y"] < page.locator(".lc-causes").bounding_box()["y"], "and above the causes"
    page.wait_for_function("(want) => [...document.querySelectorAll("
                           "'.lc-checklist-view .lc-check-item .widget-label-basic span')]"
                           ".filter(e => e.checkVisibility())[0]?.textContent.trim() === want", arg=want,
                           timeout=20_000)
    shown = checklist_items(page)
    assert shown[0] == want
    for item_id in SELF_CARE_STEPS:
        assert content.checklist[item_id].text not in shown, f"{item_id} is on a {tier_name} card"


@pytest.mark.parametrize("width", [1280, 360])
def test_ticking_the_clot_sign_puts_the_call_for_help_first(browser, edition, content, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        open_dashboard(page, edition)
        assert checklist_items(page)[0] == content.checklist["stretch_calf"].text
        open_section(page, "warning_signs")
        page.get_by_role("checkbox", name="One leg painful, swollen, warm or red").check()
        assert_leads_with(page, content, "get_help_today", "urgent")
        assert content.checklist["do_not_rub_leg"].text in first_visible_steps(page)
        page.get_by_role("checkbox", name="Breathless or chest pain").check()
        assert_leads_with(page, content, "call_999_now", "emergency")
        assert content.checklist["get_help_today"].text not in checklist_items(page)
    finally:
        context.close()


@pytest.mark.parametrize(("query", "step_id"), [
    ("leg_cold_pale_numb=true", "call_999_now"),
    ("heatstroke_signs=true&heat_exhaustion_signs=true", "call_999_now"),
    ("pregnant=true&pregnancy_sudden_swelling_headache_or_vision=true", "call_midwife_now"),
])
def test_a_shared_link_with_a_warning_sign_opens_on_the_call_for_help(page, edition, content, query, step_id):
    open_dashboard(page, edition, query)
    tier_name = content.checklist[step_id].help_for
    assert_leads_with(page, content, step_id, tier_name)
    assert "harmless" not in page.inner_text(".lc-care").lower()
