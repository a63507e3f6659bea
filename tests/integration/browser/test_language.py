"""The explainer in a second language on a real Voilà server, in a real browser: the Russian dashboard, the
language switch that keeps the answers, `?lang=ru`, `<html lang>`, and axe.

The words themselves are checked headless (tests/unit/test_words_from_content.py: no English left); this is
what a reader does: switch mid-session and keep what they set.
"""

from __future__ import annotations

import re

import pytest

from legcramps.content import load
from legcramps.engine import assess
from tests.integration.browser.dashboard_page import (
    checklist_items,
    describe,
    open_dashboard,
    run_axe,
    tier,
    wait_tier,
)

pytestmark = [pytest.mark.server, pytest.mark.browser]

RUSSIAN = load(lang="ru")
CLOT = "fluid_litres_per_day=0.8&one_calf_swollen_warm_red=true"


def _wait_page(page, lang: str) -> None:
    page.wait_for_function("(lang) => document.documentElement.lang === lang", arg=lang, timeout=30_000)
    page.wait_for_selector(".lc-care[data-tier]", timeout=90_000)


def test_switching_language_mid_session_keeps_the_answers(page, voila_server, content):
    open_dashboard(page, voila_server, CLOT)
    wait_tier(page, "urgent")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator("a.lc-lang[hreflang='ru']").click()
    _wait_page(page, "ru")
    assert "/voila/render/ru/dashboard.ipynb" in page.url
    wait_tier(page, "urgent")
    assert page.inner_text(".lc-care h2").strip().endswith(RUSSIAN.tier("urgent").label)
    answers = {**RUSSIAN.defaults(), "fluid_litres_per_day": 0.8, "one_calf_swollen_warm_red": True}
    want = assess(answers, RUSSIAN).checklist.now
    page.wait_for_function("(first) => [...document.querySelectorAll('.lc-check-item')].some("
                           "e => e.checkVisibility() && e.textContent.includes(first))", arg=want[0][:30])
    assert checklist_items(page)[: len(want)] == list(want)
    # the answers are still set: the same two as English, now in Russian words
    assert "one_calf_swollen_warm_red=true" in page.url and "fluid_litres_per_day=0.8" in page.url
    page.locator("a.lc-lang[hreflang='en']").click()
    _wait_page(page, "en")
    wait_tier(page, "urgent")
    assert tier(page) == "urgent" and "one_calf_swollen_warm_red=true" in page.url
    assert page.inner_text(".lc-care h2").strip().endswith(content.tier("urgent").label)


def test_lang_in_the_address_opens_the_page_in_that_language(page, voila_server):
    page.goto(voila_server.page("dashboard.ipynb", "lang=ru&leg_cold_pale_numb=true"))
    _wait_page(page, "ru")
    wait_tier(page, "emergency")
    assert re.search(r"/ru/dashboard\.ipynb\?leg_cold_pale_numb=true$", page.url), page.url
    assert "103" in page.inner_text(".lc-care")
    page.goto(voila_server.page("02-overload.ipynb", "lang=ru"))
    page.wait_for_function("document.documentElement.lang === 'ru'", timeout=30_000)
    assert page.inner_text("h1").strip() == RUSSIAN.page("02-overload").title


def test_the_russian_dashboard_passes_axe(page, voila_server):
    page.goto(voila_server.page("ru/dashboard.ipynb", CLOT))
    _wait_page(page, "ru")
    bad = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not bad, describe(bad)


@pytest.mark.parametrize("slug", [p.slug for p in RUSSIAN.pages])
def test_every_russian_page_passes_axe(page, voila_server, slug):
    page.goto(voila_server.page(f"ru/{slug}.ipynb"))
    page.wait_for_function("document.documentElement.lang === 'ru'", timeout=30_000)
    page.wait_for_function("[...document.querySelectorAll('.lc-slot')].every(s => s.querySelector('.jupyter-widgets'))",
                           timeout=90_000)
    bad = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert not bad, describe(bad)
