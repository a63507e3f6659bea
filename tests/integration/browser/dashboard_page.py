"""What the browser tests do to the dashboard, in one place: open it, read it, and set controls the way a
person does (keys on a slider, typing in its readout, picking from a list, ticking a box).

Everything reads the page the server sent; nothing here calls Python in the kernel.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from urllib.parse import unquote

from tests.conftest import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "benchmarks" / "results" / "screenshots"
RESULTS = REPO / "tests" / "results"

#: The heels scenario of the acceptance criteria, as a share-link query.
HEELS_QUERY = "fluid_litres_per_day=0.8&standing_hours_per_day=10&footwear=high_heels"

# Every factor control's value as the page shows it: slider → aria-valuenow of its handle (a number),
# list → the chosen option's label, tick box → checked.
_CONTROL_VALUES = """() => {
  const out = {};
  for (const el of document.querySelectorAll('.lc-dashboard .lc-control')) {
    const m = /lc-factor-([a-z0-9_]+)/.exec(el.className);
    if (!m) continue;
    const handle = el.querySelector('.noUi-handle'), select = el.querySelector('select'),
          box = el.querySelector('input[type=checkbox]');
    if (handle) out[m[1]] = Number(handle.getAttribute('aria-valuenow'));
    else if (select) out[m[1]] = select.value;  // ipywidgets puts the option's label in value (text has &nbsp;)
    else if (box) out[m[1]] = box.checked;
  }
  return out;
}"""


def open_dashboard(page, server, query: str = "") -> None:
    """Load the dashboard and wait until it is usable: care card drawn, sliders labelled by the page script."""
    page.goto(server.page("dashboard.ipynb", query))
    page.wait_for_selector(".lc-care[data-tier]", timeout=90_000)
    page.wait_for_selector(".lc-factor-fluid_litres_per_day .noUi-handle", state="attached", timeout=30_000)
    wait_labelled(page)


def open_class_mode(page, server, query: str = "mode=class") -> None:
    """Load class mode and wait until it is usable: the cards and the controls drawn. Before a card is picked
    there is no care card to wait for, only the prompt in its place."""
    page.goto(server.page("dashboard.ipynb", query))
    page.wait_for_selector(".lc-scenario", timeout=90_000)
    page.wait_for_selector(".lc-pick, .lc-care[data-tier]", timeout=30_000)
    page.wait_for_selector(".lc-factor-fluid_litres_per_day .noUi-handle", state="attached", timeout=30_000)
    wait_labelled(page)


def wait_labelled(page) -> None:
    """The accessibility script (legcramps.render.assets.A11Y_JS) has named every slider handle on the page."""
    page.wait_for_function("() => !document.querySelector('.lc-root .noUi-handle:not([aria-label])')",
                           timeout=10_000)


def tier(page) -> str:
    return page.get_attribute(".lc-care", "data-tier")


def cause_ids(page) -> list[str]:
    return page.eval_on_selector_all("li.lc-cause[data-cause]", "els => els.map(e => e.dataset.cause)")


def because(page, cause_id: str) -> str:
    return page.inner_text(f'li.lc-cause[data-cause="{cause_id}"] .lc-because')


def checklist_items(page) -> list[str]:
    """The items a reader sees (items that left the list stay in the page, hidden)."""
    return page.eval_on_selector_all(".lc-checklist-view .lc-check-item .widget-label-basic span",
                                     "els => els.filter(e => e.checkVisibility()).map(e => e.textContent.trim())")


def control_values(page) -> dict:
    return page.evaluate(_CONTROL_VALUES)


def wait_causes(page, expected_top: set[str], timeout: float = 20_000) -> None:
    """Wait until the first len(expected_top) ranked causes are exactly these (in any order)."""
    n = len(expected_top)
    page.wait_for_function(
        """([want, n]) => { const ids = [...document.querySelectorAll('li.lc-cause[data-cause]')]
                                .slice(0, n).map(e => e.dataset.cause).sort();
                            return JSON.stringify(ids) === JSON.stringify(want); }""",
        arg=[sorted(expected_top), n], timeout=timeout)


def wait_tier(page, name: str, timeout: float = 20_000) -> None:
    page.wait_for_selector(f'.lc-care[data-tier="{name}"]', timeout=timeout)


def open_section(page, group_id: str) -> None:
    """Open one group of questions with its header button (a click, as a mouse user does)."""
    section = f".lc-group-{group_id}"
    if "lc-open" not in (page.get_attribute(section, "class") or ""):
        page.click(f"{section} > .lc-section-toggle")
    page.wait_for_selector(f"{section}.lc-open > .lc-section-body", state="visible", timeout=10_000)
    page.wait_for_selector(f'{section} > .lc-section-toggle[aria-expanded="true"]', timeout=10_000)


def open_all_sections(page) -> None:
    for group in page.eval_on_selector_all(".lc-section", "els => els.map(e => /lc-group-([a-z_]+)/"
                                                          ".exec(e.className)[1])"):
        open_section(page, group)


def slider_value(page, factor: str) -> float:
    return float(page.get_attribute(f".lc-factor-{factor} .noUi-handle", "aria-valuenow"))


def set_slider_with_keys(page, factor: str, target: float, step: float) -> None:
    """Focus the slider handle and press the arrow keys until it shows `target` (each key sends a value)."""
    handle = page.locator(f".lc-factor-{factor} .noUi-handle")
    handle.focus()
    presses = round((target - slider_value(page, factor)) / step)
    key = "ArrowRight" if presses > 0 else "ArrowLeft"
    for _ in range(abs(presses)):
        page.keyboard.press(key)
    page.wait_for_function(
        "([sel, want]) => Math.abs(Number(document.querySelector(sel).getAttribute('aria-valuenow')) - want) < 1e-9",
        arg=[f".lc-factor-{factor} .noUi-handle", target], timeout=10_000)


def set_slider_by_typing(page, factor: str, text: str) -> None:
    """Type a number into the slider's readout (an editable box in ipywidgets 8) and press Enter."""
    readout = page.locator(f".lc-factor-{factor} .widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([sel, want]) => Math.abs(Number(document.querySelector(sel).getAttribute('aria-valuenow')) - want) < 1e-9",
        arg=[f".lc-factor-{factor} .noUi-handle", float(text)], timeout=10_000)


def data_url_text(href: str) -> str:
    """The text inside a data: URL (base64 or percent-encoded)."""
    head, _, body = href.partition(",")
    assert head.startswith("data:"), href[:60]
    return base64.b64decode(body).decode("utf-8") if head.endswith(";base64") else unquote(body)


def html_text(markup: str) -> str:
    """Visible text of an HTML document, whitespace collapsed (enough for `in` checks)."""
    markup = re.sub(r"(?is)<(style|script)\b.*?</\1>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def full_page_screenshot(page, path: Path) -> None:
    """The whole page, top to bottom (it scrolls as one document)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)


def run_axe(page, exclude: list[str] | None = None) -> list[dict]:
    """Run axe-core in the page (WCAG 2.x A/AA and best practices); return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (exclude) => {
             const context = exclude.length ? {exclude: exclude.map(s => [s])} : document;
             const r = await axe.run(context, {resultTypes: ['violations']});
             return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                         summary: n.failureSummary}))}));
           }""", exclude or [])


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
        lines += [f"    {n['target']}  {n['html']}\n      {n['summary']}" for n in v["nodes"][:5]]
    return "\n".join(lines)
