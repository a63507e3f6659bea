"""Time to first text and to first control, for each page type, when ten visitors arrive together.

What a reader notices first on a health page is whether there is anything to read. For each page type (the
home page, the dashboard, a cause page, and the bare one-slider Voilà page on a server with the same
settings) a warm server (each page visited once, the dashboard's pool full) gets a burst of `BURST` visitors,
one every `SPACING_S` seconds. Visitors 1, 3 and 10 are Chromium pages, each in a browser context of its own
(a first visit: nothing cached); the others are websocket clients (sessions.py) that make the server do what a
page makes it do (the page, its kernel, its whole widget state), or plain GETs for the home page, which has
no kernel.

In the page, from navigation start (`performance.now()`):
- first text: the page's first sentence (`TEXT`) is in the DOM, visible (`checkVisibility`), with words in
  it, and a frame has been painted since;
- first control: a slider handle is visible (the dashboard's, the explorer's, the bare page's slider).

The bare page has no prose, so its first text is its slider's label: it shows how long a plain Voilà page
leaves a reader with nothing to read.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from bench_pages import VIEWPORT
from bench_progress import log
from bench_servers import BenchServer, wait_quiet
from bench_stats import summary

BURST = 10
SPACING_S = 0.2
MEASURED = (1, 3, 10)  # which visitors of the burst are Chromium pages
TIMEOUT_S = 90.0

#: page type → (server, notebook ("": the home page), first sentence, first control (None: it has none)).
PAGE_TYPES: dict[str, tuple[str, str, str, str | None]] = {
    "home": ("app", "", ".lc-home-head p", None),
    "dashboard": ("app", "dashboard.ipynb", ".lc-header .lc-intro-personal", ".lc-control .noUi-handle"),
    "cause page": ("app", "03-salt-balance.ipynb", ".lc-doc p", ".lc-control .noUi-handle"),
    "bare Voilà page": ("ref", "baseline/slider.ipynb", ".bench-control .widget-label",
                        ".bench-control .noUi-handle"),
}


def _url(server: BenchServer, notebook: str) -> str:
    return server.page(notebook) if notebook else f"{server.url}/"

RECORDER_JS = r"""
(() => {
  const R = window.__lcFirst = {text: null, control: null};
  const shown = (el) => el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
                        && el.getBoundingClientRect().height > 0;
  let textSeen = false;
  const check = () => {
    if (!textSeen) {
      const el = document.querySelector(window.__lcText);
      if (shown(el) && el.textContent.trim().length > 0) {
        textSeen = true;
        requestAnimationFrame(() => requestAnimationFrame(() => { R.text = performance.now(); }));
      }
    }
    if (R.control === null && window.__lcControl && shown(document.querySelector(window.__lcControl))) {
      R.control = performance.now();
    }
    return textSeen && (R.control !== null || !window.__lcControl);
  };
  const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
  obs.observe(document, {childList: true, subtree: true, attributes: true,
                         attributeFilter: ["class", "style", "hidden"]});
  const tick = () => { if (!check()) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
"""


async def _chromium_visit(browser, url: str, text_sel: str, control_sel: str | None) -> dict[str, Any]:
    context = await browser.new_context(viewport=VIEWPORT)
    prelude = f"window.__lcText = {text_sel!r}; window.__lcControl = {control_sel!r};"
    await context.add_init_script(script=prelude + RECORDER_JS)
    page = await context.new_page()
    result: dict[str, Any] = {"text_ms": None, "control_ms": None, "error": None}
    try:
        await page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        done = "() => window.__lcFirst && window.__lcFirst.text !== null" + (
            " && window.__lcFirst.control !== null" if control_sel else "")
        await page.wait_for_function(done, polling=50, timeout=TIMEOUT_S * 1000)
    except Exception as exc:  # counted, not raised
        result["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
    with contextlib.suppress(Exception):
        found = await page.evaluate("() => window.__lcFirst")
        result["text_ms"] = round(found["text"], 1) if found["text"] is not None else None
        result["control_ms"] = round(found["control"], 1) if found["control"] is not None else None
    with contextlib.suppress(Exception):
        await page.close(run_before_unload=True)  # the tab closes: Voilà's beacon shuts its kernel down
    with contextlib.suppress(Exception):
        await context.close()
    return result


async def _background_visit(server: BenchServer, notebook: str) -> dict[str, Any]:
    """A visitor without a browser: the page and, when it has one, its kernel's whole widget state."""
    from sessions import WebsocketSession
    from tornado.httpclient import AsyncHTTPClient

    start = time.monotonic()
    if not notebook:
        response = await AsyncHTTPClient().fetch(_url(server, notebook), raise_error=False,
                                                 request_timeout=TIMEOUT_S)
        return {"html_ms": (time.monotonic() - start) * 1000, "error": None if response.code == 200 else
                f"HTTP {response.code}"}
    session = WebsocketSession(server.url, notebook)
    await session.open(TIMEOUT_S)
    session.close()
    if session.kernel_id:
        await asyncio.to_thread(server.shutdown_kernel, session.kernel_id)
    return {"html_ms": session.html_ms, "interactive_ms": session.tti_ms,
            "error": session.errors[0] if session.errors else None}


async def _burst(browser, server: BenchServer, notebook: str, text_sel: str,
                 control_sel: str | None) -> dict[str, Any]:
    url = _url(server, notebook)

    async def visitor(n: int) -> tuple[int, dict[str, Any]]:
        await asyncio.sleep((n - 1) * SPACING_S)
        if n in MEASURED:
            return n, await _chromium_visit(browser, url, text_sel, control_sel)
        return n, await _background_visit(server, notebook)

    results = dict(await asyncio.gather(*(visitor(n) for n in range(1, BURST + 1))))
    measured = {f"visitor_{n}": results[n] for n in MEASURED}
    background = [r for n, r in results.items() if n not in MEASURED]
    texts = [r["text_ms"] for r in measured.values()]
    return {
        **measured,
        "first_text_max_ms": None if None in texts else max(texts),
        "background_page_served": summary([r["html_ms"] for r in background if r.get("html_ms") is not None]),
        "background_interactive": summary([r["interactive_ms"] for r in background
                                           if r.get("interactive_ms") is not None]),
        "errors": [f"visitor {n}: {r['error']}" for n, r in results.items() if r.get("error")],
    }


async def measure_first_text(browser, servers: dict[str, BenchServer]) -> dict[str, Any]:
    """A burst of `BURST` visitors for each page type, one page type after another on warm servers."""
    out: dict[str, Any] = {"burst": BURST, "spacing_s": SPACING_S, "measured_visitors": list(MEASURED),
                           "unit": "ms"}
    for name, (server_key, notebook, text_sel, control_sel) in PAGE_TYPES.items():
        server = servers[server_key]
        await _chromium_visit(browser, _url(server, notebook), text_sel, control_sel)  # warm: visited once
        await wait_quiet(timeout=60.0)
        log(f"  first text: a burst of {BURST} visitors on the {name}")
        out[name] = await _burst(browser, server, notebook, text_sel, control_sel)
        await wait_quiet(timeout=90.0)
    return out
