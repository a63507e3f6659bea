"""Update latency: a slider, a check box and a list moved on one dashboard, beside the bare round-trip baseline
(benchmarks/baseline/echo.ipynb), timed in the page from the input event to the DOM."""

from __future__ import annotations

import asyncio
from typing import Any

from bench_pages import ChromiumSession, share_link_applied
from bench_servers import BenchServer, memory_of, wait_quiet
from bench_stats import summary

#: The moves used for update latency: each one changes the causes, the checklist and the chart.
SLIDER = {"factor": "fluid_litres_per_day", "start": 1.2, "keys": ("ArrowLeft", "ArrowRight")}  # 1.2 ↔ 1.1
CHECKBOX = {"factor": "sleep_feet_pointed"}
DROPDOWN = {"factor": "footwear", "values": ("high_heels", "supportive")}
TEXT_TARGETS = [".lc-care-view", ".lc-causes-view", ".lc-checklist-view"]
FIGURE_TARGET = ".lc-figure"
QUIET_MS = 150  # no DOM change for this long after a response = the move has settled
SHARE_QUERY = "fluid_litres_per_day=1.2"  # a share link; the update session starts from it, too


async def reveal(page, factor: str, group: str) -> None:
    """Make a factor's control visible: open its group if the controls are grouped and it is closed."""
    control = page.locator(f".lc-factor-{factor}").first
    if await control.is_visible():
        return
    for selector in (f".lc-group-{group} .lc-section-toggle", f".lc-group-{group} button",
                     f".lc-group-{group} .jupyter-widget-Collapse-header"):
        toggle = page.locator(selector).first
        if await toggle.count() and await toggle.is_visible():
            await toggle.click()
            break
    await control.wait_for(state="visible", timeout=10_000)
    await asyncio.sleep(0.3)


async def _watched(browser, server: BenchServer, key: str, timeout_s: float, root: str, text: list[str], figure: str,
                   query: str = ""):
    session = ChromiumSession(browser, server, key, query=query)
    await session.open(timeout_s)
    if session.errors:
        raise RuntimeError(f"{key} did not open: {session.errors}")
    if not await session.page.evaluate("([r, t, f]) => window.__lcBench.watch(r, t, f)", [root, text, figure]):
        raise RuntimeError(f"{key} has no {root} or {figure}")
    return session


async def _move(session: ChromiumSession, kind: str, event: str, action, need_response: bool = True) -> dict[str, Any]:
    """One control move: arm the recorder, act, wait until the page has settled, return the timings."""
    page = session.page
    frames = session.frames_in
    await page.evaluate("([k, t]) => window.__lcBench.arm(k, t)", [kind, event])
    await action()
    await page.wait_for_function("([q, w, n]) => window.__lcBench.settled(q, w, n)",
                                 arg=[QUIET_MS, 2000, need_response], polling=10, timeout=15_000)
    rec = await page.evaluate("() => window.__lcBench.record()") or {}
    rec["frames_in"] = session.frames_in - frames
    return rec


def _latency_block(rs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "moves": len(rs),
        "text_updated": summary([r.get("text_last") for r in rs]),
        "text_first_change": summary([r.get("text_first") for r in rs]),
        "figure_src_swapped": summary([r.get("figure_swap") for r in rs]),
        "figure_settled": summary([r.get("figure_settled") for r in rs]),
        "moves_without_text_change": sum(r.get("text_last") is None for r in rs),
        "moves_without_figure_change": sum(r.get("figure_settled") is None for r in rs),
        "ws_frames_in_per_move": summary([r["frames_in"] for r in rs]),
    }


class DashboardControls:
    """The three controls a move set moves on one dashboard page (either edition): revealed, the slider walked
    to its start value; `move_each(i)` moves each once and returns their timings."""

    def __init__(self, session: ChromiumSession, handle, box, select, labels: dict[str, str]):
        self.session, self.handle, self.box, self.select, self.labels = session, handle, box, select, labels

    @classmethod
    async def ready(cls, session: ChromiumSession, content) -> DashboardControls:
        page = session.page
        f = content.factors[SLIDER["factor"]]
        await reveal(page, f.id, f.group)
        handle = page.locator(f".lc-factor-{f.id} .noUi-handle").first
        await handle.focus()
        for _ in range(60):  # walk to the start value; these moves are not recorded
            now = float(await handle.get_attribute("aria-valuenow"))
            if abs(now - SLIDER["start"]) < 1e-6:
                break
            key = "ArrowLeft" if now > SLIDER["start"] else "ArrowRight"
            await _move(session, "walk", "keydown", lambda key=key: page.keyboard.press(key), need_response=False)
        f = content.factors[CHECKBOX["factor"]]
        await reveal(page, f.id, f.group)
        box = page.locator(f".lc-factor-{f.id} input[type=checkbox]").first
        f = content.factors[DROPDOWN["factor"]]
        await reveal(page, f.id, f.group)
        select = page.locator(f".lc-factor-{f.id} select").first
        return cls(session, handle, box, select, {o.value: o.label for o in f.options})

    async def move_each(self, i: int) -> dict[str, dict[str, Any]]:
        """Move i: the slider by keyboard on its focused handle, 1.2 ↔ 1.1 litres (crosses the "below 1.2" rule
        each time), the tick box by a click, the list to the other of two values."""
        session, page = self.session, self.session.page
        key = SLIDER["keys"][i % 2]
        await self.handle.focus()
        got = {"slider": await _move(session, "slider", "keydown", lambda: page.keyboard.press(key))}
        got["checkbox"] = await _move(session, "checkbox", "click", lambda: self.box.click())
        label = self.labels[DROPDOWN["values"][i % 2]]
        got["dropdown"] = await _move(session, "dropdown", "change", lambda: self.select.select_option(label=label))
        return got


async def measure_updates(browser, servers: dict[str, BenchServer], moves: int, warmup: int,
                          timeout_s: float) -> dict[str, Any]:
    """Move a slider (keyboard), a checkbox (click) and a dropdown (select) on one dashboard, and the slider of
    the round-trip baseline (benchmarks/baseline/echo.ipynb), interleaved move by move; time the DOM."""
    from legcramps.content import load

    content = load()
    dash = await _watched(browser, servers["app"], "dashboard", timeout_s, ".lc-root", TEXT_TARGETS, FIGURE_TARGET,
                          query=SHARE_QUERY)
    share_link = await share_link_applied(dash, SHARE_QUERY)
    echo = await _watched(browser, servers["ref"], "echo", timeout_s, ".bench-root", [".bench-text"],
                          ".bench-figure")
    await wait_quiet()
    controls = await DashboardControls.ready(dash, content)
    echo_handle = echo.page.locator(".bench-control .noUi-handle").first
    await echo_handle.focus()

    records: dict[str, list[dict[str, Any]]] = {"slider": [], "checkbox": [], "dropdown": [], "echo": []}
    for i in range(warmup + moves):
        got = await controls.move_each(i)
        key = SLIDER["keys"][i % 2]
        got["echo"] = await _move(echo, "echo", "keydown", lambda key=key: echo.page.keyboard.press(key))
        if i >= warmup:
            for kind, rec in got.items():
                records[kind].append(rec)

    await wait_quiet()
    proc = dash.kernel()
    mem_after = memory_of(proc) if proc else None
    errors = list(dash.errors) + list(echo.errors)
    await dash.close()
    await echo.close()
    dashboard = [r for k in ("slider", "checkbox", "dropdown") for r in records[k]]
    return {"unit": "ms", "all": _latency_block(dashboard), **{k: _latency_block(v) for k, v in records.items()},
            "kernel_memory_after_moves": mem_after, "errors": errors, "share_link": share_link,
            "controls": {"slider": SLIDER["factor"], "checkbox": CHECKBOX["factor"], "dropdown": DROPDOWN["factor"],
                         "echo": "benchmarks/baseline/echo.ipynb: FloatSlider → HTML text + matplotlib PNG"}}
