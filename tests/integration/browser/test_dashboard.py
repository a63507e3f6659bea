"""The dashboard in a real Voilà server and a real Chromium, driven the way a person drives it.

One session-wide Voilà server; each test opens its own page (its own kernel), except the heels scenario,
which is set once through the UI and then read by several tests (module-scoped, used by consecutive tests so
its kernel is never idle long enough to be culled).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import nbformat
import pytest

from tests.conftest import VoilaServer
from tests.integration.browser.dashboard_page import (
    HEELS_QUERY,
    RESULTS,
    SCREENSHOTS,
    because,
    cause_ids,
    checklist_items,
    control_values,
    data_url_text,
    full_page_screenshot,
    html_text,
    open_dashboard,
    open_section,
    set_slider_by_typing,
    set_slider_with_keys,
    tier,
    wait_causes,
    wait_tier,
)

pytestmark = [pytest.mark.server, pytest.mark.browser]

HEELS_TOP = {"flat_foot", "varicose_veins", "salt_balance"}


@pytest.fixture(scope="module", params=["voila", "static"])
def heels(request, browser):
    """A dashboard where fluid 0.8 L, 10 h standing and high heels were set with keys and the mouse, in each
    edition in turn (the Voilà server, the in-browser edition): the same scenario, the same expectations."""
    server = request.getfixturevalue("voila_server" if request.param == "voila" else "static_site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_dashboard(page, server)
    before = {"causes": cause_ids(page), "checklist": checklist_items(page), "tier": tier(page)}
    open_section(page, "daily_life")
    set_slider_with_keys(page, "fluid_litres_per_day", 0.8, step=0.1)  # 10 × ArrowLeft, one value per key
    set_slider_by_typing(page, "standing_hours_per_day", "10")  # the editable readout
    page.get_by_label("Shoes you wear most").select_option(label="High heels")
    wait_causes(page, HEELS_TOP)
    page.wait_for_function("() => document.querySelector('a.lc-share-link').href.includes('footwear=high_heels')")
    yield page, before
    context.close()


def test_heels_scenario_ranks_new_causes_with_reasons(heels, content):
    page, before = heels
    ids = cause_ids(page)
    assert set(ids[:3]) == HEELS_TOP, ids
    assert not HEELS_TOP & set(before["causes"]), "the defaults should not already point to these causes"
    assert "high heels" in because(page, "flat_foot")
    assert "8 hours or more" in because(page, "varicose_veins")
    assert "1.2 litres" in because(page, "salt_balance")
    # the page shows what was set
    values = control_values(page)
    assert values["fluid_litres_per_day"] == pytest.approx(0.8)
    assert values["standing_hours_per_day"] == pytest.approx(10)
    assert values["footwear"] == "High heels"
    assert tier(page) == before["tier"] == "self_care"


def test_heels_scenario_changes_the_checklist(heels):
    page, before = heels
    items = checklist_items(page)
    assert items != before["checklist"]
    assert any("low heel" in item for item in items), items
    assert not any("low heel" in item for item in before["checklist"])
    assert any("long standing" in item.lower() for item in items), items


def test_export_holds_the_checklist_and_the_answers(heels):
    page, _ = heels
    items = checklist_items(page)
    markdown = data_url_text(page.get_attribute("a.lc-export-md", "href"))
    printable = page.get_attribute("a.lc-export-html", "href")
    assert printable.startswith("data:text/html")
    printable_text = html_text(data_url_text(printable))
    for text in (markdown, printable_text):
        for item in items:
            assert item in text, item
        assert "How much you drink: 0.8 litres a day" in text
        assert "Time on your feet: 10 hours a day" in text
        assert "High heels" in text
        assert "Salt imbalance in the body" in text  # the causes go to the GP as well
    assert "- [ ] " + items[0] in markdown  # tickable in Markdown
    assert page.get_attribute("a.lc-export-md", "download").endswith(".md")
    assert page.get_attribute("a.lc-export-html", "download").endswith(".html")


def test_print_hides_the_controls_and_keeps_the_results(heels):
    page, _ = heels
    page.emulate_media(media="print")
    try:
        for hidden in (".lc-controls", ".lc-share", ".lc-reset", ".lc-theme", ".lc-noprint"):
            assert page.locator(hidden).first.is_hidden(), hidden
        for shown in (".lc-care", ".lc-causes-view", ".lc-checklist-view", ".lc-answers-summary"):
            assert page.locator(shown).is_visible(), shown
        summary = page.inner_text(".lc-answers-summary")  # the answers, on paper, instead of the controls
        assert "How much you drink: 0.8 litres a day" in summary
        assert "High heels" in summary
    finally:
        page.emulate_media(media="screen")
    assert page.locator(".lc-controls").is_visible()
    assert page.locator(".lc-answers-summary").is_hidden()


def test_share_link_reproduces_the_state_in_a_fresh_page(heels, browser):
    page, _ = heels
    href = page.get_attribute("a.lc-share-link", "href")
    link = urljoin(page.url, href)
    assert parse_qs(urlparse(link).query) == {"fluid_litres_per_day": ["0.8"], "standing_hours_per_day": ["10"],
                                               "footwear": ["high_heels"]}
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # no shared storage: only the URL
    try:
        fresh = context.new_page()
        fresh.goto(link)
        fresh.wait_for_selector(".lc-care[data-tier]", timeout=90_000)
        wait_causes(fresh, HEELS_TOP)
        assert tier(fresh) == tier(page)
        assert cause_ids(fresh) == cause_ids(page)
        assert control_values(fresh) == control_values(page)
        assert checklist_items(fresh) == checklist_items(page)
        assert fresh.get_attribute("a.lc-share-link", "href") == href
        # the section holding the changed answers is open, so the reader sees what the link set
        assert "lc-open" in fresh.get_attribute(".lc-group-daily_life", "class")
        assert fresh.locator(".lc-note").count() == 0
    finally:
        context.close()


def test_screenshots_and_phone_layout(heels):
    """Desktop and 360 px, light and dark, with the heels scenario; at 360 px everything stacks and fits. The
    in-browser edition's pictures are named apart (`dashboard-static-…`): the README shows the Voilà one."""
    page, _ = heels
    prefix = "dashboard-static-" if "/dashboard.html" in page.url else "dashboard-"
    try:
        full_page_screenshot(page, SCREENSHOTS / f"{prefix}desktop-light.png")
        page.set_viewport_size({"width": 1280, "height": 900})
        left, right = page.locator(".lc-left").bounding_box(), page.locator(".lc-right").bounding_box()
        assert left["x"] + left["width"] <= right["x"] + 1, "desktop: controls beside the results"
        page.get_by_role("button", name="Dark").click()
        page.wait_for_selector(".lc-root.lc-dark")
        page.wait_for_timeout(200)
        full_page_screenshot(page, SCREENSHOTS / f"{prefix}desktop-dark.png")

        page.set_viewport_size({"width": 360, "height": 780})
        page.wait_for_timeout(300)
        controls = page.locator(".lc-controls").bounding_box()
        results = page.locator(".lc-causes-view").bounding_box()
        care = page.locator(".lc-care").bounding_box()
        assert care["y"] + care["height"] <= controls["y"], "care card first"
        assert controls["y"] + controls["height"] <= results["y"], "controls stack above the results at 360 px"
        assert results["width"] <= 360
        assert page.evaluate("document.documentElement.scrollWidth") <= 362
        scroller = page.evaluate("(() => { const e = document.getElementById('rendered_cells');"
                                 " return [e.scrollWidth, e.clientWidth]; })()")
        assert scroller[0] <= scroller[1] + 2, scroller
        sticking_out = page.evaluate("""() => [...document.querySelectorAll('.lc-root *')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > 362; })
            .map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))""")
        assert sticking_out == [], sticking_out
        full_page_screenshot(page, SCREENSHOTS / f"{prefix}360-dark.png")
        page.get_by_role("button", name="Light").click()
        page.wait_for_function("() => !document.querySelector('.lc-root.lc-dark')")
        page.wait_for_timeout(200)
        full_page_screenshot(page, SCREENSHOTS / f"{prefix}360-light.png")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
    for name in ("desktop-light", "desktop-dark", "360-light", "360-dark"):
        shot = SCREENSHOTS / f"{prefix}{name}.png"
        assert shot.stat().st_size > 10_000, shot


# ---------------------------------------------------------------- tests with a page of their own


def test_warning_signs_raise_the_care_card_above_the_controls(page, edition):
    open_dashboard(page, edition)
    assert tier(page) == "self_care"
    open_section(page, "warning_signs")
    page.get_by_role("checkbox", name="One leg painful, swollen, warm or red").check()
    wait_tier(page, "urgent")
    card, controls = page.locator(".lc-care").bounding_box(), page.locator(".lc-controls").bounding_box()
    assert card["y"] + card["height"] <= controls["y"], "the care card is above the controls"
    assert "blood clot" in page.inner_text(".lc-care")
    page.get_by_role("checkbox", name="Breathless or chest pain").check()
    wait_tier(page, "emergency")
    assert page.get_attribute(".lc-care", "role") == "alert"
    card, controls = page.locator(".lc-care").bounding_box(), page.locator(".lc-controls").bounding_box()
    assert card["y"] < controls["y"]


def test_bad_link_parameters_give_a_note_and_the_rest_still_applies(page, edition):
    open_dashboard(page, edition, "colour_of_socks=blue&fluid_litres_per_day=99&footwear=high_heels")
    notes = page.locator(".lc-note")
    assert notes.count() == 2
    assert notes.first.is_visible()
    text = page.inner_text(".lc-notes")
    assert "colour_of_socks" in text and "fluid_litres_per_day" in text
    assert page.locator(".lc-error").count() == 0
    assert "Traceback" not in page.inner_text("body")
    values = control_values(page)
    assert values["footwear"] == "High heels"  # the good parameter is applied
    assert values["fluid_litres_per_day"] == pytest.approx(1.8)  # the bad one falls back to the default
    assert "flat_foot" in cause_ids(page)


def test_reset_restores_defaults_and_theme_toggles_dark(page, edition, content):
    open_dashboard(page, edition, HEELS_QUERY + "&one_calf_swollen_warm_red=true&cold_water_swimming=yes")
    assert tier(page) == "urgent"
    defaults = {}
    for factor in content.factors.values():
        if factor.kind == "choice":
            defaults[factor.id] = next(o.label for o in factor.options if o.value == factor.default)
        else:
            defaults[factor.id] = factor.default
    assert control_values(page) != defaults
    page.click(".lc-reset")
    wait_tier(page, "self_care")
    page.wait_for_function("() => document.querySelector('a.lc-share-link').getAttribute('href') === '?'")
    assert control_values(page) == defaults
    assert "flat_foot" not in cause_ids(page)

    root = page.locator(".lc-root.lc-dashboard")
    light_bg = root.evaluate("e => getComputedStyle(e).backgroundColor")
    page.get_by_role("button", name="Dark").click()
    page.wait_for_selector(".lc-root.lc-dark")
    assert root.evaluate("e => getComputedStyle(e).backgroundColor") != light_bg
    page.get_by_role("button", name="Light").click()
    page.wait_for_function("() => !document.querySelector('.lc-root.lc-dark')")


_FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return {kind: 'none'};
  const control = a.closest('.lc-control');
  const factor = control ? (/lc-factor-([a-z0-9_]+)/.exec(control.className) || [])[1] : null;
  const section = a.classList.contains('lc-section-toggle')
      ? /lc-group-([a-z_]+)/.exec(a.parentElement.className)[1] : null;
  let kind = 'other';
  if (a.classList.contains('noUi-handle')) kind = 'slider';
  else if (a.classList.contains('widget-readout')) kind = 'readout';
  else if (a.tagName === 'SELECT') kind = 'select';
  else if (a.type === 'checkbox') kind = 'checkbox';
  else if (section) kind = 'section';
  else if (a.classList.contains('lc-reset')) kind = 'reset';
  else if (a.closest('.lc-theme')) kind = 'theme';
  return {kind, factor, section, text: (a.textContent || '').trim().slice(0, 30),
          expanded: a.getAttribute('aria-expanded'), value: a.getAttribute('aria-valuenow'),
          selected: a.tagName === 'SELECT' ? a.value : null, checked: a.checked === true};
}"""


def test_keyboard_only_reaches_and_operates_every_control(page, edition, content):
    """From the top of the page, Tab alone reaches every section header and every control; Enter/Space open
    sections, arrow keys move a slider and change a list, Space ticks a box and picks the dark theme."""
    open_dashboard(page, edition)
    focused = lambda: page.evaluate(_FOCUSED)  # noqa: E731
    reached: set[str] = set()
    opened: list[str] = []
    operated: dict[str, str] = {}
    for _ in range(300):
        page.keyboard.press("Tab")
        f = focused()
        if f["factor"]:
            reached.add(f["factor"])
        if f["kind"] == "section" and f["expanded"] == "false":
            page.keyboard.press("Enter" if len(opened) % 2 == 0 else "Space")
            page.wait_for_function("() => document.activeElement.getAttribute('aria-expanded') === 'true'")
            opened.append(f["section"])
        elif f["kind"] == "slider" and "slider" not in operated:
            page.keyboard.press("ArrowRight")
            page.wait_for_function("v => document.activeElement.getAttribute('aria-valuenow') !== v", arg=f["value"])
            operated["slider"] = f["factor"]
        elif f["kind"] == "select" and "select" not in operated:
            page.keyboard.press("ArrowDown")
            page.wait_for_function("v => document.activeElement.value !== v", arg=f["selected"])
            operated["select"] = f["factor"]
        elif f["kind"] == "checkbox" and f["factor"] and "checkbox" not in operated:
            page.keyboard.press("Space")
            page.wait_for_function("() => document.activeElement.checked === true")
            operated["checkbox"] = f["factor"]
        elif f["kind"] == "theme" and f["text"] == "Dark":
            page.keyboard.press("Space")
            page.wait_for_selector(".lc-root.lc-dark")
            operated["theme"] = "dark"
            break
    assert reached == set(content.factors), f"not reached by Tab: {sorted(set(content.factors) - reached)}"
    assert set(opened) == {"daily_life", "activity", "health_and_medicines", "warning_signs"}
    assert set(operated) == {"slider", "select", "checkbox", "theme"}, operated
    # the kernel got every change: the share link (built in Python) now holds all three answers
    page.wait_for_function(
        "ids => { const h = document.querySelector('a.lc-share-link').getAttribute('href');"
        " return ids.every(id => h.includes(id + '=')); }",
        arg=[operated["slider"], operated["select"], operated["checkbox"]], timeout=10_000)
    href = page.get_attribute("a.lc-share-link", "href")
    assert f"{operated['checkbox']}=true" in href


# ---------------------------------------------------------------- time to interactive (a figure, not a test)

_READY = """([visible, present]) => {
  const seen = [...document.querySelectorAll(visible)].some(e => e.getBoundingClientRect().width > 0);
  return seen && present.every(sel => document.querySelector(sel)) ? performance.now() : false;
}"""


def _time_to_interactive(browser, url: str, visible: str, present: tuple[str, ...] = ()) -> float:
    """Milliseconds from navigation start until a slider handle is visible and `present` are drawn: the moment
    a person can first use the page. On the dashboard the first visible handle is in the section open at the
    start ("Your cramps"); the fluid slider (one section down, closed) and the care card must exist too."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        ms = page.wait_for_function(_READY, arg=[visible, list(present)], polling=20, timeout=90_000).json_value()
        return round(float(ms), 1)
    finally:
        context.close()


def test_time_to_interactive(browser, voila_server, tmp_path):
    runs = int(os.environ.get("LEGCRAMPS_TTI_RUNS", "2"))
    dashboard = [_time_to_interactive(browser, voila_server.page("dashboard.ipynb"), ".lc-control .noUi-handle",
                                      (".lc-factor-fluid_litres_per_day .noUi-handle", ".lc-care[data-tier]"))
                 for _ in range(runs)]
    bare: list[float] = []
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import ipywidgets as w\nw.FloatSlider()")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "bare_slider.ipynb")
    # same config (started in notebooks/, so notebooks/voila.json applies), a different root
    server = VoilaServer(extra_args=[str(tmp_path)])
    try:
        bare = [_time_to_interactive(browser, server.page("bare_slider.ipynb"), ".widget-slider .noUi-handle")
                for _ in range(runs)]
    finally:
        server.stop()
    figures = {
        "what": "navigation start → first slider handle visible (dashboard: fluid slider and care card drawn), ms",
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "runs": runs,
        "dashboard_ms": dashboard,
        "dashboard_median_ms": round(statistics.median(dashboard), 1),
        "bare_slider_ms": bare,
        "bare_slider_median_ms": round(statistics.median(bare), 1),
        "overhead_ms": round(statistics.median(dashboard) - statistics.median(bare), 1),
    }
    out = Path(RESULTS) / "dashboard-tti.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\ntime to interactive:", json.dumps(figures, indent=2))
