"""The in-browser edition (`make site`), measured in the same run as the Voilà edition: its size, what a first
visit transfers, first text, time to interactive on a first and on a repeat visit, and control change → care
card updated.

The site is built from the working tree into the run's tmp folder and served by `python -m http.server`
(legcramps.browser.harness.StaticSite), as a classroom laptop serves it; that server does no work worth
measuring, so everything measured is the reader's browser: Pyodide starting in the page's worker, the widgets
drawn by the HTML manager, each move answered by Python in the page.

- size: every file of the build; the first visit's transfer is every response's body as this server sends
  it (no compression: the strict figure), and the same files gzip-compressed (level 6: what a host that
  compresses sends, e.g. a CDN);
- first text: the page's first contentful paint (its first text: the pages start with their title);
- first visit: a browser with a new profile on disk (nothing cached, no service worker); repeat visit: the
  same profile, after the first page was open `READING_S` seconds (the offline cache has taken over, V8 has
  cached Pyodide's compiled WebAssembly, and the first visit has kept Python's memory snapshot, as for a
  reader who used the page and comes back; how many repeat visits restored it is recorded);
- updates: the same recorder, moves and targets as bench_updates (a slider by keyboard, a tick box, a list),
  on the site's dashboard.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import shutil
import time
from pathlib import Path
from typing import Any

from bench_pages import CHROMIUM, CHROMIUM_ARGS, PAGES, RECORDER_JS, VIEWPORT, ChromiumSession
from bench_stats import summary
from bench_updates import FIGURE_TARGET, TEXT_TARGETS, DashboardControls, _latency_block

FIRST_TEXT_JS = """() => { const e = performance.getEntriesByName('first-contentful-paint')[0];
                           return e ? e.startTime : null; }"""


def build_site(tmp: Path) -> tuple[Path, float]:
    from legcramps.browser.build import build

    out = tmp / "site"
    started = time.monotonic()
    build(out)
    return out, round(time.monotonic() - started, 1)


def size_of(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "total_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2)}


async def _visit(session: ChromiumSession, timeout_s: float) -> dict[str, Any]:
    info = await session.open(timeout_s)
    first_text = await session.page.evaluate(FIRST_TEXT_JS)
    steps = await session.page.evaluate("() => window.lcTimings || {}")
    restored = steps.pop("restored", None)  # Python restored from the snapshot an earlier visit kept
    return {"first_text_ms": first_text, "tti_ms": info.get("tti"), "complete_ms": info.get("complete"),
            "steps": steps, "restored": restored, "errors": list(session.errors)}


#: How long the first visit's page stays open before the reader comes back: a reader uses the page for a while,
#: and meanwhile the browser finishes optimising and caches Pyodide's compiled WebAssembly (V8's code cache).
READING_S = 10.0


async def _reader_context(browser, key: str, folder: Path):
    """A browser with a profile on disk, as a reader's is: its HTTP cache and V8's code cache persist across
    visits (Playwright's default contexts keep them in memory, with a small size limit per file that Pyodide's
    9.6 MB WebAssembly exceeds, so the offline cache would fetch it a second time)."""
    spec = PAGES[key]
    context = await browser.browser_type.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport=VIEWPORT)
    prelude = (f"window.__lcBenchTTI = {json.dumps(spec['tti'])};"
               f"window.__lcBenchDone = {json.dumps(spec['complete'])};")
    await context.add_init_script(script=prelude + RECORDER_JS)
    return context


async def _first_and_repeat(browser, site, key: str, runs: int, timeout_s: float, tmp: Path,
                            transfer: dict | None = None) -> dict[str, Any]:
    """`runs` first visits, each with a new profile, each followed by a repeat visit with the same profile once
    the page has been open `READING_S` seconds (its service worker has cached the site by then)."""
    first, repeat = [], []
    for run in range(runs):
        folder = tmp / f"profile-{key}-{run}"
        shutil.rmtree(folder, ignore_errors=True)
        context = await _reader_context(browser, key, folder)
        try:
            session = ChromiumSession(browser, site, key, context=context)
            since = site.log_lines()
            first.append(await _visit(session, timeout_s))
            page = session.page
            await page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
            await page.wait_for_timeout(READING_S * 1000)
            if transfer is not None and not transfer:
                transfer.update(_transfer(site, since))
            await page.close()
            again = ChromiumSession(browser, site, key, context=context)
            repeat.append(await _visit(again, timeout_s))
            repeat[-1]["from_offline_cache"] = await again.page.evaluate(
                "() => !!navigator.serviceWorker.controller")
            await again.page.close()
        finally:
            await context.close()
            shutil.rmtree(folder, ignore_errors=True)
    block = {}
    for name, visits in (("first_visit", first), ("repeat_visit", repeat)):
        steps = sorted({k for v in visits for k in v["steps"]})
        block[name] = {"first_text": summary([v["first_text_ms"] for v in visits]),
                       "steps": {k: summary([v["steps"].get(k) for v in visits]) for k in steps},
                       "tti": summary([v["tti_ms"] for v in visits]),
                       "complete": summary([v["complete_ms"] for v in visits]),
                       "restored_from_snapshot": sum(1 for v in visits if v.get("restored")),
                       "visits": len(visits),
                       "errors": [e for v in visits for e in v["errors"]]}
    block["repeat_visit"]["from_offline_cache"] = all(v.get("from_offline_cache") for v in repeat)
    return block


def _transfer(site, since: int) -> dict[str, Any]:
    """What the first visit cost the network, from the server's access log: every file sent whole, as sent
    (this server does not compress) and gzip-compressed; the offline cache's own fetches included."""
    sent = [site.root / name for name in site.sent(since)]
    files = [p / "index.html" if p.is_dir() else p for p in sent]
    files = [p for p in files if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    compressed = sum(len(gzip.compress(p.read_bytes(), compresslevel=6)) for p in files)
    return {"requests_200": len(files), "sent_mb": round(raw / 1e6, 2), "gzip_mb": round(compressed / 1e6, 2),
            "distinct_files": len(set(files))}


async def _updates(browser, site, moves: int, warmup: int, timeout_s: float) -> dict[str, Any]:
    """bench_updates' moves on the site's dashboard (a fresh context: Python starts in the page first)."""
    from legcramps.content import load

    content = load()
    session = ChromiumSession(browser, site, "site_dashboard")
    await session.open(timeout_s)
    if session.errors:
        raise RuntimeError(f"the site's dashboard did not open: {session.errors}")
    page = session.page
    if not await page.evaluate("([r, t, f]) => window.__lcBench.watch(r, t, f)", [".lc-root.lc-dashboard",
                                                                                   TEXT_TARGETS, FIGURE_TARGET]):
        raise RuntimeError("the site's dashboard has no chart to watch")
    controls = await DashboardControls.ready(session, content)
    records: dict[str, list[dict[str, Any]]] = {"slider": [], "checkbox": [], "dropdown": []}
    for i in range(warmup + moves):
        got = await controls.move_each(i)
        if i >= warmup:
            for kind, rec in got.items():
                records[kind].append(rec)
    errors = list(session.errors)
    await session.close()
    everything = [r for k in records for r in records[k]]
    return {"unit": "ms", "all": _latency_block(everything), **{k: _latency_block(v) for k, v in records.items()},
            "errors": errors}


async def measure_site(browser, tmp: Path, runs: int, moves: int, warmup: int, timeout_s: float) -> dict[str, Any]:
    """Build, serve and measure the in-browser edition (see the module docstring)."""
    from legcramps.browser.harness import StaticSite

    root, build_s = await asyncio.to_thread(build_site, tmp)
    site = StaticSite(root, log=tmp / "site-access.log")
    try:
        transfer: dict[str, Any] = {}
        dashboard = await _first_and_repeat(browser, site, "site_dashboard", runs, timeout_s, tmp, transfer)
        cause = await _first_and_repeat(browser, site, "site_cause", max(1, runs // 2), timeout_s, tmp)
        updates = await _updates(browser, site, moves, warmup, timeout_s)
    finally:
        site.stop()
    return {"build_s": build_s, "size": size_of(root), "first_visit_transfer": transfer,
            "dashboard": dashboard, "cause_page": cause, "updates": updates, "unit": "ms"}
