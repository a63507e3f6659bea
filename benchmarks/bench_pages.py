"""One dashboard (or baseline) page in Chromium, with an in-page recorder of time to interactive and of what a
control move changes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

import psutil
from bench_servers import BenchServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}

#: What is opened, and what "interactive" and "complete" mean on each page.
PAGES = {
    "bare": {"server": "ref", "path": "baseline/slider.ipynb",
             "tti": ".bench-control .noUi-handle", "complete": [".bench-control .noUi-handle"]},
    "widgets_mpl": {"server": "ref", "path": "baseline/widgets_mpl.ipynb",
                    "tti": ".bench-control .noUi-handle", "complete": [".bench-control .noUi-handle", "img"]},
    "dashboard": {"server": "app", "path": "dashboard.ipynb",
                  "tti": ".lc-control .noUi-handle", "complete": [".lc-care[data-tier]", ".lc-chart svg"]},
    "echo": {"server": "ref", "path": "baseline/echo.ipynb",
             "tti": ".bench-control .noUi-handle", "complete": [".bench-text p", ".bench-figure img"]},
    # the in-browser edition (bench_site): the same pages as static files, Python in the page's worker
    "site_dashboard": {"server": "site", "path": "dashboard.ipynb",
                       "tti": ".lc-control .noUi-handle", "complete": [".lc-care[data-tier]", ".lc-chart svg"]},
    "site_cause": {"server": "site", "path": "02-overload.ipynb",
                   "tti": ".lc-explorer .lc-control select, .lc-explorer .lc-control input, "
                          ".lc-explorer .lc-control .noUi-handle",
                   "complete": [".lc-explorer .lc-care[data-tier]", ".lc-quiz-question"]},
}

# ---------------------------------------------------------------- the in-page recorder

#: Installed by `add_init_script` before any page script runs. `window.__lcBenchTTI` (a selector) and
#: `window.__lcBenchDone` (selectors that must all exist) are set by a line in front of it.
RECORDER_JS = r"""
(() => {
  if (window.__lcBench) return;
  const B = window.__lcBench = {tti: null, complete: null, moves: [], cur: null, armed: null, lastMut: 0,
                                lastFig: null};
  const ttiSel = window.__lcBenchTTI, doneSels = window.__lcBenchDone || [];
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const check = () => {
    const now = performance.now();
    if (B.tti === null) { const el = document.querySelector(ttiSel); if (el && shown(el)) B.tti = now; }
    if (B.complete === null && doneSels.every((s) => document.querySelector(s))) B.complete = now;
    return B.tti !== null && B.complete !== null;
  };
  // the kernel WebSocket: when it opened, and when its first message came (the widget phase starts there)
  const NativeWS = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new NativeWS(...args);
    ws.addEventListener("open", () => { if (B.wsOpen === undefined) B.wsOpen = performance.now(); });
    ws.addEventListener("message", () => { if (B.wsFirst === undefined) B.wsFirst = performance.now(); });
    return ws;
  };
  window.WebSocket.prototype = NativeWS.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
  obs.observe(document, {childList: true, subtree: true, attributes: true,
                         attributeFilter: ["class", "style", "hidden"]});
  const tick = () => { if (!check()) requestAnimationFrame(tick); };  // style-only changes have no mutation
  requestAnimationFrame(tick);

  for (const type of ["keydown", "click", "change"]) {
    window.addEventListener(type, () => {
      const a = B.armed;
      if (!a || a.type !== type) return;
      B.armed = null;
      B.cur = {kind: a.kind, t0: performance.now(), text: [], fig: null, figSettled: null, figPending: false};
      B.moves.push(B.cur);
    }, true);
  }
  B.arm = (kind, type) => { B.armed = {kind, type}; B.cur = null; };
  B.watch = (rootSel, textSels, figSel) => {
    const root = document.querySelector(rootSel);
    new MutationObserver(() => { B.lastMut = performance.now(); })
      .observe(root, {childList: true, subtree: true, characterData: true, attributes: true});
    const onText = () => { if (B.cur) B.cur.text.push(performance.now()); };
    for (const s of textSels) {
      for (const el of document.querySelectorAll(s)) {
        new MutationObserver(onText).observe(el, {childList: true, subtree: true, characterData: true,
                                                   attributes: true});
      }
    }
    // The picture: the dashboard's chart is an inline <svg> (a new value is a new element: its identity is
    // the key), the matplotlib baselines an <img> (its src is the key).
    const fig = document.querySelector(figSel);
    const picture = () => fig && fig.querySelector("svg, img");
    const key = (el) => (el && el.tagName.toLowerCase() === "img" ? el.src : el);
    B.lastFig = key(picture());
    if (!root || !fig) return false;
    new MutationObserver(() => {
      const t = performance.now();
      const el = picture();
      if (!el || key(el) === B.lastFig) return;
      B.lastFig = key(el);
      const m = B.cur;
      if (!m) return;
      m.fig = t;
      m.figPending = true;
      const done = () => { m.figSettled = performance.now(); m.figPending = false; };
      // settled: ready to be painted in the next frame. An image once decoded (`decode()`); an inline SVG at
      // the start of the next frame (it needs no decoding; that frame lays it out and paints it). Waiting a
      // second frame for the SVG would add up to 16 ms that the image's figure does not include.
      if (el.tagName.toLowerCase() === "img") el.decode().then(done, done);
      else requestAnimationFrame(done);
    }).observe(fig, {childList: true, subtree: true, attributes: true});
    return true;
  };
  // settled: a response came and the page has been quiet for `quiet` ms (or nothing came for `maxWait` ms)
  B.settled = (quiet, maxWait, needResponse) => {
    const m = B.cur;
    if (!m || m.figPending) return false;
    const now = performance.now();
    const heard = m.text.length > 0 || m.fig !== null;
    if (!heard && (needResponse || B.lastMut < m.t0)) return now - m.t0 > maxWait;
    return now - Math.max(B.lastMut, m.t0) >= quiet;
  };
  B.record = () => {
    const m = B.cur;
    if (!m) return null;
    return {kind: m.kind, text_first: m.text.length ? m.text[0] - m.t0 : null,
            text_last: m.text.length ? m.text[m.text.length - 1] - m.t0 : null,
            figure_swap: m.fig === null ? null : m.fig - m.t0,
            figure_settled: m.figSettled === null ? null : m.figSettled - m.t0};
  };
})();
"""

PAGE_INFO_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  let kernelId = null;
  try { kernelId = JSON.parse(document.getElementById('jupyter-config-data').textContent).kernelId; } catch (e) {}
  const err = document.querySelector('.lc-error, [data-mime-type="application/vnd.jupyter.stderr"],'
                                     + ' .jp-OutputArea-output[data-mime-type*="error"]');
  return {tti: window.__lcBench.tti, complete: window.__lcBench.complete, kernel_id: kernelId,
          error_shown: !!err,
          nav: nav ? {response_start: nav.responseStart || null, response_end: nav.responseEnd || null,
                      dom_content_loaded: nav.domContentLoadedEventEnd || null, load: nav.loadEventEnd || null,
                      kernel_ws_open: window.__lcBench.wsOpen ?? null,
                      kernel_ws_first_message: window.__lcBench.wsFirst ?? null} : null};
}"""


async def new_context(browser, page_key: str):
    """A browser context whose pages record time to interactive for `page_key`'s page."""
    spec = PAGES[page_key]
    context = await browser.new_context(viewport=VIEWPORT)
    prelude = (f"window.__lcBenchTTI = {json.dumps(spec['tti'])};"
               f"window.__lcBenchDone = {json.dumps(spec['complete'])};")
    await context.add_init_script(script=prelude + RECORDER_JS)
    return context


class ChromiumSession:
    """One page on a notebook, and what it recorded. Without `context` it gets a fresh browser context of its
    own (a first visit: empty HTTP and code caches); with one, it shares that context's caches (a return visit).
    """

    def __init__(self, browser, server: BenchServer, page_key: str, query: str = "", context=None):
        self.browser = browser
        self.server = server
        self.spec = PAGES[page_key]
        self.key = page_key
        self.url = server.page(self.spec["path"], query)
        self.errors: list[str] = []
        self.console_errors = 0
        self.info: dict[str, Any] = {}
        self.context = context
        self.own_context = context is None
        self.page = None
        self.frames_in = 0
        self.frames_out = 0
        self.bytes_in = 0

    async def open(self, timeout_s: float, wait_complete: bool = True) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s  # one deadline for the whole visit, not one per step
        if self.context is None:
            self.context = await new_context(self.browser, self.key)
        self.page = page = await self.context.new_page()
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("console", self._on_console)
        page.on("websocket", self._on_websocket)

        def left_ms() -> float:
            return max(1.0, (deadline - time.monotonic()) * 1000)

        try:
            response = await page.goto(self.url, wait_until="commit", timeout=left_ms())
            if response is None or response.status >= 400:
                self.errors.append(f"HTTP {response.status if response else 'no response'}")
            # interactive, or given up: the page has loaded and still shows no control 20 s later (what a
            # reader sees when Voilà dropped the cell's output, e.g. after an IOPub timeout)
            await page.wait_for_function(
                """() => { const B = window.__lcBench; if (!B) return false; if (B.tti !== null) return true;
                           const nav = performance.getEntriesByType('navigation')[0];
                           return !!nav && nav.loadEventEnd > 0 && performance.now() - nav.loadEventEnd > 20000; }""",
                polling=100, timeout=left_ms())
            if await page.evaluate("() => window.__lcBench.tti === null"):
                raise RuntimeError("no control on the page 20 s after it loaded")
            if wait_complete:
                await page.wait_for_function("() => window.__lcBench.complete !== null", polling=100,
                                             timeout=left_ms())
            self.info = await page.evaluate(PAGE_INFO_JS)
            if self.info.get("error_shown"):
                self.errors.append("the page shows an error")
        except Exception as exc:  # a timeout or a crash: counted, not raised
            self.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
            with contextlib.suppress(Exception):
                self.info = await page.evaluate(PAGE_INFO_JS)
        return self.info

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors += 1

    def _on_websocket(self, ws) -> None:
        def received(payload):
            self.frames_in += 1
            self.bytes_in += len(payload)

        def sent(_payload):
            self.frames_out += 1

        ws.on("framereceived", received)
        ws.on("framesent", sent)

    def kernel(self) -> psutil.Process | None:
        kid = self.info.get("kernel_id")
        return self.server.kernels().get(kid) if kid else None

    async def close(self, beacon_wait: float = 1.5, wait_kernel_gone: float = 15.0) -> bool | None:
        """Close like a reader closing the tab; True when Voilà's own beforeunload beacon shut the kernel down
        (None when the page never learnt its kernel id, e.g. it did not finish loading).

        When it did not (plain Voilà 0.5.13 refuses the beacon, "403 _xsrf argument missing"; legcramps.voila
        sets the cookie it needs), the harness posts the same shutdown itself, so runs do not pile up.
        """
        kid = self.info.get("kernel_id")
        with contextlib.suppress(Exception):
            await self.page.close(run_before_unload=True)
        await asyncio.sleep(0.2)
        if self.own_context:
            with contextlib.suppress(Exception):
                await self.context.close()
        if not kid:
            return None
        beacon_ok = await self._gone(kid, beacon_wait)
        if not beacon_ok:
            await asyncio.to_thread(self.server.shutdown_kernel, kid)
            await self._gone(kid, wait_kernel_gone)
        return beacon_ok

    async def _gone(self, kid: str, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while True:
            if kid not in self.server.kernels():
                return True
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.2)


async def share_link_applied(session: ChromiumSession, query: str) -> dict[str, Any]:
    """Did the answer in a share link reach the page's kernel? (With preheating it needs wait_for_request().)"""
    factor, _, wanted = query.partition("=")
    value = None
    with contextlib.suppress(Exception):
        value = await session.page.get_attribute(f".lc-factor-{factor} .noUi-handle", "aria-valuenow",
                                                 timeout=5000)
    applied = value is not None and abs(float(value) - float(wanted)) < 1e-6
    return {"query": query, "slider_shows": value, "applied": applied}
