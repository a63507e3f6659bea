"""The in-browser edition (`make site`) served as static files by `python -m http.server`, in a real Chromium
that can reach no other host: the text reads before Python, the live parts come from Python in the page, a
share link applies, the hidden care tiers match the CLI's, a reload works offline, nothing else is fetched.

The scenarios both editions must pass (triage, the heels dashboard, keyboard, reset, accessibility) run on
both from one test list (the `edition` fixture, tests/conftest.py); these are the edition's own.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.integration.browser.dashboard_page import (
    checklist_items,
    describe,
    open_class_mode,
    open_dashboard,
    open_section,
    run_axe,
    tier,
    wait_labelled,
    wait_tier,
)

pytestmark = [pytest.mark.server, pytest.mark.browser]

#: Every live part of a page drawn (both editions fill each `.lc-slot` with widgets).
ALL_LIVE = "() => [...document.querySelectorAll('.lc-slot')].every(s => s.querySelector('.jupyter-widgets'))"


@pytest.fixture
def site_page(browser, static_site):
    """A page whose every request is recorded: the test fails if any goes to another origin."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield page
    others = [u for u in requests if not u.startswith(static_site.url + "/") and not u.startswith("data:")]
    context.close()
    assert others == [], f"requests to other origins: {others[:5]}"


def cli_card(*sets: str) -> dict:
    """The CLI's assessment (`python -m legcramps assess --set … --json`): what the page must agree with."""
    args = [a for s in sets for a in ("--set", s)]
    out = subprocess.run([sys.executable, "-m", "legcramps", "assess", *args, "--json"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("name", ["index.html", "dashboard.html", "02-overload.html"])
def test_the_text_is_there_with_scripts_off(browser, static_site, content, name):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{static_site.url}/{name}")
        title = page.inner_text("h1")
        if name == "02-overload.html":
            assert title == content.page("02-overload").title
            assert content.page("02-overload").blurb in page.inner_text("main")
            # the teaching figure was drawn at build time, with its alt text
            assert page.locator(".lc-cause-figure img[alt]").count() >= 1
        else:
            assert title == content.site.title
        assert content.site.disclaimer in page.inner_text("body")
    finally:
        context.close()


def test_the_dashboard_runs_in_the_page_and_answers_a_move(site_page, static_site, content):
    open_dashboard(site_page, static_site)
    assert tier(site_page) == "self_care"
    assert checklist_items(site_page)[0] == content.checklist["stretch_calf"].text
    open_section(site_page, "warning_signs")
    site_page.get_by_role("checkbox", name="One leg painful, swollen, warm or red").check()
    wait_tier(site_page, "urgent")
    # the address keeps the answers (a reload or a bookmark brings them back)
    site_page.wait_for_function("() => location.search.includes('one_calf_swollen_warm_red=true')")


@pytest.mark.parametrize("sets", [("one_calf_swollen_warm_red=true",), ("leg_cold_pale_numb=true",),
                                  ("fluid_litres_per_day=0.8", "standing_hours_per_day=10",
                                   "footwear=high_heels")])
def test_a_share_link_gives_the_cli_s_tier_first_step_and_causes(site_page, static_site, content, sets):
    want = cli_card(*sets)
    open_dashboard(site_page, static_site, "&".join(sets))
    wait_tier(site_page, want["care"]["tier"])
    site_page.wait_for_function("(want) => [...document.querySelectorAll('.lc-checklist-view .lc-check-item "
                                ".widget-label-basic span')].filter(e => e.checkVisibility())[0]?.textContent.trim()"
                                " === want", arg=want["checklist"]["now"][0], timeout=20_000)
    assert checklist_items(site_page)[: len(want["checklist"]["now"])] == want["checklist"]["now"]
    shown = site_page.eval_on_selector_all("li.lc-cause[data-cause]", "els => els.map(e => e.dataset.cause)")
    assert shown == [c["id"] for c in want["causes"]][: len(shown)]


def test_class_mode_cards_are_followed_in_place_and_back_works(site_page, static_site, content):
    """Picking a card sets its answers without loading the page again (Python would start again, ~3 s), and
    ends where a fresh page at the card's link starts; the address follows, and Back returns to the last card."""
    open_class_mode(site_page, static_site)
    site_page.evaluate("() => { window.lcSamePage = true; }")
    first, second = content.scenarios[0], content.scenarios[2]
    for card in (first, second):
        site_page.locator(f'.lc-scenario[data-scenario="{card.id}"] a.lc-scenario-link').click()
        wait_tier(site_page, card.expected_tier, timeout=30_000)
        site_page.wait_for_function("(id) => location.search.includes('scenario=' + id)", arg=card.id)
    assert site_page.evaluate("() => window.lcSamePage === true"), "the page was loaded again"
    picked = {"tier": tier(site_page), "checklist": checklist_items(site_page)}
    site_page.go_back()
    site_page.wait_for_function("(id) => location.search.includes('scenario=' + id)", arg=first.id)
    wait_tier(site_page, first.expected_tier, timeout=30_000)
    assert site_page.evaluate("() => window.lcSamePage === true")
    site_page.go_forward()
    wait_tier(site_page, second.expected_tier, timeout=30_000)
    site_page.wait_for_function("(want) => document.querySelector('.lc-scenario.lc-active')?.dataset.scenario === want",
                                arg=second.id)
    assert checklist_items(site_page) == picked["checklist"]


def test_a_cause_page_draws_its_explorer_and_quiz(site_page, static_site, content):
    site_page.goto(static_site.page("02-overload.ipynb"))
    site_page.wait_for_function(ALL_LIVE, timeout=90_000)
    wait_labelled(site_page)
    assert site_page.locator(".lc-explorer .lc-care[data-tier]").count() == 1
    assert site_page.locator(".lc-quiz-question").count() == len(content.quizzes["02-overload"].questions)


#: Python's memory snapshot in the page's IndexedDB (static/site/worker.mjs): spoil it, as a disk error would.
SPOIL_SNAPSHOT = """() => new Promise((resolve, reject) => {
  const open = indexedDB.open('legcramps', 1);
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const store = open.result.transaction('snapshots', 'readwrite').objectStore('snapshots');
    const keys = store.getAllKeys();
    keys.onsuccess = () => {
      keys.result.forEach((key) => store.put(new Uint8Array(64), key));
      store.transaction.oncomplete = () => { open.result.close(); resolve(keys.result.length); };
    };
  };
})"""


def _restored(page) -> bool:
    page.wait_for_function("() => window.lcTimings && 'restored' in window.lcTimings", timeout=30_000)
    return page.evaluate("() => window.lcTimings.restored")


def test_a_repeat_visit_restores_python_and_answers_as_a_fresh_page(site_page, static_site, content):
    """The first visit keeps Python's memory; the next pages start from it (~1.5 s sooner) and must behave
    exactly as a fresh start: a share link's tier, a move, a cause page's explorer and quiz."""
    open_dashboard(site_page, static_site)
    site_page.wait_for_function("() => document.documentElement.dataset.lcSnapshot === 'kept'", timeout=60_000)
    assert _restored(site_page) is False
    open_dashboard(site_page, static_site, "leg_cold_pale_numb=true")
    wait_tier(site_page, "emergency")
    assert _restored(site_page) is True
    open_section(site_page, "warning_signs")
    site_page.get_by_role("checkbox", name=content.factors["leg_cold_pale_numb"].label).uncheck()
    wait_tier(site_page, "self_care")
    site_page.goto(static_site.page("02-overload.ipynb"))
    site_page.wait_for_function(ALL_LIVE, timeout=90_000)
    assert _restored(site_page) is True
    assert site_page.locator(".lc-quiz-question").count() == len(content.quizzes["02-overload"].questions)


def test_a_spoilt_snapshot_is_dropped_and_python_starts_afresh(site_page, static_site):
    open_dashboard(site_page, static_site)
    site_page.wait_for_function("() => document.documentElement.dataset.lcSnapshot === 'kept'", timeout=60_000)
    assert site_page.evaluate(SPOIL_SNAPSHOT) == 1
    open_dashboard(site_page, static_site, "one_calf_swollen_warm_red=true")
    wait_tier(site_page, "urgent")
    assert _restored(site_page) is False
    # ... and this fresh start kept a good snapshot again
    site_page.wait_for_function("() => document.documentElement.dataset.lcSnapshot === 'kept'", timeout=60_000)
    open_dashboard(site_page, static_site, "one_calf_swollen_warm_red=true")
    wait_tier(site_page, "urgent")
    assert _restored(site_page) is True


def test_the_russian_pages_run_in_the_page_and_keep_the_answers_across_languages(site_page, static_site):
    """ru/…: the same runtime and offline cache, the Russian content; the language link keeps the answers."""
    from legcramps.content import load

    russian = load(lang="ru")
    site_page.goto(f"{static_site.url}/dashboard.html?lang=ru&one_calf_swollen_warm_red=true")
    site_page.wait_for_function("() => document.documentElement.lang === 'ru'", timeout=30_000)
    assert "/ru/dashboard.html?one_calf_swollen_warm_red=true" in site_page.url
    wait_tier(site_page, "urgent", timeout=90_000)
    assert site_page.inner_text(".lc-care h2").strip().endswith(russian.tier("urgent").label)
    site_page.locator("a.lc-lang[hreflang='en']").click()
    site_page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30_000)
    wait_tier(site_page, "urgent", timeout=90_000)
    assert site_page.url.endswith("/dashboard.html?one_calf_swollen_warm_red=true")
    site_page.goto(f"{static_site.url}/ru/02-overload.html")
    site_page.wait_for_function(ALL_LIVE, timeout=90_000)
    assert site_page.inner_text("h1").strip() == russian.page("02-overload").title
    assert site_page.locator(".lc-quiz-question").count() == len(russian.quizzes["02-overload"].questions)


def test_a_reload_works_offline_after_the_first_visit(browser, static_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        open_dashboard(page, static_site, "fluid_litres_per_day=0.8")
        page.evaluate("() => navigator.serviceWorker.ready")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null || location.reload()",
                               timeout=30_000)
        page.wait_for_timeout(1000)  # the offline cache is filled as the files are fetched
        context.set_offline(True)
        open_dashboard(page, static_site, "fluid_litres_per_day=0.8&one_calf_swollen_warm_red=true")
        wait_tier(page, "urgent")
        page.goto(static_site.page("02-overload.ipynb"))
        page.wait_for_function(ALL_LIVE, timeout=90_000)
    finally:
        context.close()


@pytest.mark.parametrize("name", ["index.html", "08-when-to-get-help.html"])
def test_the_static_pages_pass_axe(site_page, static_site, name):
    site_page.goto(f"{static_site.url}/{name}")
    site_page.wait_for_function(ALL_LIVE, timeout=90_000)
    wait_labelled(site_page)
    blocking = [v for v in run_axe(site_page) if v["impact"] in {"serious", "critical"}]
    assert blocking == [], describe(blocking)
