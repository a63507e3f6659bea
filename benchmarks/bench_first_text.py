"""Time to first text and to first control, for each page type, when ten visitors arrive together.

What a reader notices first on a health page is whether there is anything to read. For each page type (the
home page, the dashboard, a cause page, and the bare one-slider Voilà page on a server with the same
settings) a warm server (each page visited once, the dashboard's pool full) gets bursts of `BURST` visitors,
one every `SPACING_S` seconds. In each burst one visitor (the 1st, then the 3rd, then the 10th) is a Chromium
page in a browser context of its own (a first visit: nothing cached); the others are websocket clients
(sessions.py) that make the server do what a page makes it do (the page, its kernel, its whole widget
state), or plain GETs for the home page, which has no kernel. One Chromium page per burst, because readers'
browsers run on their own devices: three Chromium pages on this 2-core machine spent its CPU on each other's
~4 MB of scripts and measured that instead of the server.

For the same reason the Chromium page gets a core of its own (`READER_CPUS`, the machine's last) and the
server, its kernels and the other visitors share the rest (`SERVER_CPUS`). Sharing both cores, traces showed
the page's renderer getting ~4 % of a core while the server and nine starting kernels ran: 114 ms of layout
took 5 ms of its CPU, and the first paint came ~0.7 s after the whole start had arrived. That measured this
machine, not what a reader's own device shows. The server is the poorer for it (one core where `make run`
has two), so the figures are, if anything, pessimistic about the server.

In the page, from navigation start (`performance.now()`):
- first text: when the browser painted the page's first sentence (`TEXT`): its Element Timing render time
  (the element is marked `elementtiming` the moment the parser inserts it). Kept beside it, and used where
  Element Timing gives nothing: the sentence is in the DOM, visible (`checkVisibility`), with words in it,
  and two frames have begun since. That fallback reads late on a busy main thread: the second frame waits
  for whatever long tasks follow the paint (the whole stylesheet's parse, the scripts);
- first control: a slider handle is visible (the dashboard's, the explorer's, the bare page's slider).

The bare page has no prose, so its first text is its slider's label: it shows how long a plain Voilà page
leaves a reader with nothing to read.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from typing import Any

from bench_pages import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from bench_progress import log
from bench_servers import BenchServer, wait_quiet
from bench_stats import summary

BURST = 10
SPACING_S = 0.2
MEASURED = (1, 3, 10)  # the Chromium page is this visitor of a burst (one burst each)
TIMEOUT_S = 90.0
#: The reader's browser on a core of its own, the server side on the others (see the module's docstring).
_CPUS = sorted(os.sched_getaffinity(0))
READER_CPUS = _CPUS[-1:] if len(_CPUS) > 1 else _CPUS
SERVER_CPUS = _CPUS[:-1] if len(_CPUS) > 1 else _CPUS

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
  // The paint itself, timed by the browser (Element Timing): the first-text element is marked the moment
  // the parser inserts it, before it can be painted. The two-frame wait above is the fallback; under a busy
  // main thread it runs after long tasks that follow the paint, so it reads late.
  const mark = () => {
    const el = document.querySelector(window.__lcText);
    if (el && !el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', 'lc-first-text');
  };
  R.painted = null;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.identifier === 'lc-first-text' && R.painted === null) R.painted = e.renderTime || e.loadTime;
      }
    }).observe({type: 'element', buffered: true});
  } catch (e) { /* no Element Timing: the fallback stands */ }
  const obs = new MutationObserver(() => { mark(); if (check()) obs.disconnect(); });
  obs.observe(document, {childList: true, subtree: true, attributes: true,
                         attributeFilter: ["class", "style", "hidden"]});
  const tick = () => { if (!check()) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();
"""


#: Where a page's first text waited: the response's first byte, the stylesheets (they hold the first paint).
TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const css = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'link');
  const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
  return {response_start: nav ? Math.round(nav.responseStart) : null,
          stylesheets_done: css.length ? Math.round(Math.max(...css.map(r => r.responseEnd))) : null,
          first_contentful_paint: paint ? Math.round(paint.startTime) : null};
}"""


async def _chromium_visit(browser, url: str, text_sel: str, control_sel: str | None) -> dict[str, Any]:
    context = await browser.new_context(viewport=VIEWPORT)
    prelude = f"window.__lcText = {json.dumps(text_sel)}; window.__lcControl = {json.dumps(control_sel)};"
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
        result["timing"] = await page.evaluate(TIMING_JS)
    with contextlib.suppress(Exception):
        found = await page.evaluate("() => window.__lcFirst")
        painted, framed = found.get("painted"), found["text"]
        first = painted if painted is not None else framed
        result["text_ms"] = round(first, 1) if first is not None else None
        result["text_two_frames_ms"] = round(framed, 1) if framed is not None else None
        result["text_timed_by"] = "element timing" if painted is not None else "two frames"
        result["control_ms"] = round(found["control"], 1) if found["control"] is not None else None
    with contextlib.suppress(Exception):
        await page.close(run_before_unload=True)  # the tab closes: Voilà's beacon shuts its kernel down
    with contextlib.suppress(Exception):
        await context.close()
    return result


async def _background_visit(base_url: str, notebook: str) -> dict[str, Any]:
    """A visitor without a browser: the page and, when it has one, its kernel's whole widget state."""
    from sessions import WebsocketSession
    from tornado.httpclient import AsyncHTTPClient

    start = time.monotonic()
    if not notebook:
        response = await AsyncHTTPClient().fetch(f"{base_url}/", raise_error=False, request_timeout=TIMEOUT_S)
        return {"html_ms": (time.monotonic() - start) * 1000, "error": None if response.code == 200 else
                f"HTTP {response.code}"}
    session = WebsocketSession(base_url, notebook)
    await session.open(TIMEOUT_S)
    session.close()
    return {"html_ms": session.html_ms, "interactive_ms": session.tti_ms, "kernel_id": session.kernel_id,
            "error": session.errors[0] if session.errors else None}


async def _background_visitors(base_url: str, notebook: str, delays: list[float]) -> list[dict[str, Any]]:
    """The other visitors of a burst, in a process of their own at low CPU priority (`nice`): on a reader's
    own device they cost the server nothing, and here they must not take the CPU from the measured page or
    from the server (decoding every widget state of nine sessions is real work)."""
    proc = await asyncio.create_subprocess_exec(
        "nice", "-n", "10", sys.executable, __file__, base_url, notebook, *map(str, delays),
        stdout=asyncio.subprocess.PIPE, cwd=os.path.dirname(os.path.abspath(__file__)))
    with contextlib.suppress(OSError):
        os.sched_setaffinity(proc.pid, SERVER_CPUS)
    out, _ = await proc.communicate()
    try:
        return json.loads(out.decode() or "[]")
    except ValueError:
        return [{"error": f"background visitors exited with {proc.returncode}"}]


async def _burst(browser, server: BenchServer, notebook: str, text_sel: str, control_sel: str | None,
                 measured: int, burst: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One burst in which visitor `measured` is the Chromium page: what it saw, and the other visitors."""
    delays = [(n - 1) * SPACING_S for n in range(1, burst + 1) if n != measured]

    async def chromium() -> dict[str, Any]:
        await asyncio.sleep((measured - 1) * SPACING_S)
        return await _chromium_visit(browser, _url(server, notebook), text_sel, control_sel)

    seen, others = await asyncio.gather(chromium(), _background_visitors(server.url, notebook, delays))
    for other in others:
        if other.get("kernel_id"):
            await asyncio.to_thread(server.shutdown_kernel, other["kernel_id"])
    return seen, others


async def _page_type(browser, server: BenchServer, notebook: str, text_sel: str, control_sel: str | None,
                     burst: int, measured: tuple[int, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    background: list[dict[str, Any]] = []
    for n in measured:
        await wait_quiet(timeout=90.0)
        out[f"visitor_{n}"], others = await _burst(browser, server, notebook, text_sel, control_sel, n, burst)
        background += others
    texts = [out[f"visitor_{n}"]["text_ms"] for n in measured]
    out.update({
        "first_text_max_ms": None if None in texts else max(texts),
        "background_page_served": summary([r["html_ms"] for r in background if r.get("html_ms") is not None]),
        "background_interactive": summary([r["interactive_ms"] for r in background
                                           if r.get("interactive_ms") is not None]),
        "errors": [f"visitor {n}: {out[f'visitor_{n}']['error']}" for n in measured if out[f"visitor_{n}"]["error"]]
        + [f"background: {r['error']}" for r in background if r.get("error")],
    })
    return out


def _pin_servers(servers: dict[str, BenchServer]) -> None:
    """The servers and every process they have started on `SERVER_CPUS`; kernels they start later inherit it."""
    import psutil

    for server in servers.values():
        for proc in [server.ps, *server.ps.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                proc.cpu_affinity(SERVER_CPUS)


def _reader_chromium(folder: str) -> str:
    """An executable that starts Debian's Chromium on `READER_CPUS` (Playwright launches it like Chromium)."""
    path = os.path.join(folder, "chromium-reader")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"#!/bin/sh\nexec taskset -c {','.join(map(str, READER_CPUS))} {CHROMIUM} \"$@\"\n")
    os.chmod(path, 0o755)
    return path


async def measure_first_text(browser, servers: dict[str, BenchServer], burst: int = BURST,
                             measured: tuple[int, ...] = MEASURED) -> dict[str, Any]:
    """Bursts of `burst` visitors for each page type, one page type after another, on warm servers; one burst
    per visitor in `measured`, who is the Chromium page in it (a browser of its own on `READER_CPUS`)."""
    import tempfile

    out: dict[str, Any] = {"burst": burst, "spacing_s": SPACING_S, "measured_visitors": list(measured),
                           "unit": "ms", "reader_cpus": READER_CPUS, "server_cpus": SERVER_CPUS,
                           "text_timed_by": "Element Timing render time (two frames where it gave none)"}
    _pin_servers(servers)
    with tempfile.TemporaryDirectory() as folder:
        reader = await browser.browser_type.launch(executable_path=_reader_chromium(folder), headless=True,
                                                   args=CHROMIUM_ARGS)
        try:
            for name, (server_key, notebook, text_sel, control_sel) in PAGE_TYPES.items():
                server = servers[server_key]
                await _chromium_visit(reader, _url(server, notebook), text_sel, control_sel)  # warm: visited once
                log(f"  first text: bursts of {burst} visitors on the {name}")
                out[name] = await _page_type(reader, server, notebook, text_sel, control_sel, burst, measured)
        finally:
            await reader.close()
    return out


async def _run_background(base_url: str, notebook: str, delays: list[float]) -> list[dict[str, Any]]:
    async def one(delay: float) -> dict[str, Any]:
        await asyncio.sleep(delay)
        return await _background_visit(base_url, notebook)

    return list(await asyncio.gather(*(one(d) for d in delays)))


if __name__ == "__main__":  # the background visitors of one burst (see `_background_visitors`)
    print(json.dumps(asyncio.run(_run_background(sys.argv[1], sys.argv[2], [float(d) for d in sys.argv[3:]]))))
