"""Abandoned tabs give their kernel back, and the server does not keep their memory.

Every visit to a Voilà page starts a kernel (a separate Python process, ~115 MB). A tab closed normally
sends a shutdown beacon, but a crashed browser, a phone that kills the tab, a lost network or a crawler that
only fetches the HTML never does: only the idle culler configured in notebooks/voila.json reclaims those.

A normal close frees the kernel at once (Voilà's shutdown beacon, which plain Voilà 0.5.13 refuses with "403
'_xsrf' argument missing", voila-dashboards/voila#1458, and `legcramps.voila` makes work:
tests/integration/browser/test_tab_close.py); this test is about the sessions that never send it.

This test starts a server with the committed config but a short cull (the command line wins over
voila.json), opens N sessions and drops them abruptly — most as plain GETs of the dashboard (each executes
the notebook in a new kernel and never connects), some as real Chromium pages closed without `beforeunload`
(the widgets connected over a websocket, then the connection just goes away) — and checks that:

- the sessions rendered (a render the culler cut short, because a kernel on an overloaded machine took
  longer than the short test timeout to start, is tolerated only if the server log shows it);
- the number of kernels returns to what it was before the churn (0 without preheating);
- the server keeps (almost) no Python objects from the sessions (live objects, frozen ones included, read
  inside the Voilà process by a tiny sitecustomize probe, within 5 % of the start);
- its RSS returns to within 10 % of its value after one warm-up session of each kind (the issue's bound).

How the server meets that last point (legcramps.voila: memory, kernels, launcher; figures in docs/deploy.md):
plain `voila` went 103 → 154 MB after 20 sessions (+49 %) and 104 → 181 MB after 100 (+74 %), with live
Python objects almost flat: memory the allocators kept, not the sessions' objects. `legcramps.voila` runs
the server's Python objects on glibc malloc with two arenas and trims free pages every 30 s (here 3 s); all
kernels share one event logger (each used to leave a `logging` logger behind for good); and, after pages
were served, the cycle collector runs before the trim, over what visits made since start-up (`gc.freeze()`). This
matters most: each page's renderer (async generators, Jinja contexts, the executed notebook, ~0.7 MB) is a
reference cycle, and before, dozens of them waited for a rare full collection, so the heap grew by tens of
MB and the few long-lived objects made meanwhile pinned its pages.

N is LEGCRAMPS_CHURN_SESSIONS (default 20; the issue's full run is 100); the test's idle timeout is
LEGCRAMPS_CHURN_CULL_S (default 15 s). Figures are printed and saved to tests/results/kernel-churn.json.
"""

from __future__ import annotations

import json
import os
import platform
import re
import signal
import statistics
import textwrap
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import psutil
import pytest

from tests.conftest import REPO, VoilaServer, wait_for_app

pytestmark = pytest.mark.server

SESSIONS = int(os.environ.get("LEGCRAMPS_CHURN_SESSIONS", "20"))
BROWSER_SESSIONS = max(1, SESSIONS // 5)  # the rest are plain GETs
CONCURRENCY = 4  # plain GETs at once
BROWSER_CONCURRENCY = 2  # Chromium pages at once: each also costs the browser a core for a few seconds
# Not much less than 15 s: the idle clock starts when the kernel is launched, and on a loaded 2-core machine a
# kernel can take many seconds to come up; the culler then kills it before its notebook runs.
CULL_IDLE_S = int(os.environ.get("LEGCRAMPS_CHURN_CULL_S", "15"))
CULL_INTERVAL_S = 2
# jupyter_server keeps each websocket connection (with its kernel's manager and ZMQ streams, ~365 objects) until
# a timer set when it opened fires, kernel_info_timeout later (60 s by default; it gives up waiting for the
# kernel's first reply then): short here too, so the objects are gone by the time the test reads the memory.
KERNEL_INFO_TIMEOUT_S = 15
RSS_TOLERANCE = 0.10  # the bound
HEAP_TOLERANCE = 0.05
TRIM_INTERVAL_S = 3  # legcramps.voila hands free memory back this often (30 s in production)
PROBE = textwrap.dedent("""
    # Test probe, loaded by every Python process started with this folder on PYTHONPATH; acts only in Voilà.
    import os, sys
    if "legcramps.voila" in getattr(sys, "orig_argv", []) and os.environ.get("LC_PROBE"):
        import ctypes, gc, json, signal

        def _dump(signum, frame):
            gc.collect()
            with open(os.environ["LC_PROBE"], "a") as f:
                f.write(json.dumps({"objects": len(gc.get_objects()) + gc.get_freeze_count(),
                                    "blocks": sys.getallocatedblocks()}) + "\\n")

        def _trim(signum, frame):
            try:
                ctypes.CDLL("libc.so.6").malloc_trim(0)
            except (OSError, AttributeError):
                pass

        signal.signal(signal.SIGUSR1, _dump)
        signal.signal(signal.SIGUSR2, _trim)
""")
RESULT = REPO / "tests" / "results" / "kernel-churn.json"
MB = 1024 * 1024


def _kernels(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel_launcher" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def _rss(proc: psutil.Process) -> int:
    return proc.memory_info().rss


def _kernel_rss(server: psutil.Process) -> list[int]:
    sizes = []
    for kernel in _kernels(server):
        try:
            sizes.append(_rss(kernel))
        except psutil.Error:
            continue
    return sizes


def _wait_for_kernel_count(server: psutil.Process, target: int, limit_s: float, stable_s: float = 1.0) -> float:
    """Seconds until the kernel count is `target` and has stayed so for `stable_s`; fails after `limit_s`."""
    start = time.monotonic()
    since = None
    while time.monotonic() - start < limit_s:
        if len(_kernels(server)) == target:
            since = since or time.monotonic()
            if time.monotonic() - since >= stable_s:
                return since - start
        else:
            since = None
        time.sleep(0.25)
    pytest.fail(f"{len(_kernels(server))} kernels still alive {limit_s:.0f} s later; expected {target}")


def _get_dashboard(url: str) -> str:
    """One visit that never connects: fetch the page (a kernel starts and runs the notebook), then go away."""
    with urllib.request.urlopen(url, timeout=180) as response:
        assert response.status == 200
        html = response.read().decode()
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    assert match, "the page carries no kernel id: the render failed"
    assert "application/vnd.jupyter.widget-view+json" in html, "the notebook did not display its widgets"
    assert '"output_type": "error"' not in html, "the notebook raised while rendering"
    return match.group(1)


def _kernel_gone(base: str, kernel_id: str) -> bool:
    try:
        urllib.request.urlopen(f"{base}/api/kernels/{kernel_id}", timeout=10).read()
    except urllib.error.HTTPError as err:
        return err.code == 404
    return False


def _browser_sessions(browser, url: str, count: int) -> tuple[list[str], list[str]]:
    """Open real pages BROWSER_CONCURRENCY at a time, wait for the widgets, then drop them without beforeunload.

    Returns the kernel ids of the pages that showed the dashboard and of those that did not (on an
    overloaded machine the short test timeout can cull a kernel before its page has fetched the widgets).
    """
    from playwright.sync_api import Error as PlaywrightError

    shown, not_shown = [], []
    left = count
    while left:
        batch = min(BROWSER_CONCURRENCY, left)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pages = [context.new_page() for _ in range(batch)]
        for pg in pages:
            pg.goto(url, wait_until="commit", timeout=120_000)
        for pg in pages:
            try:
                wait_for_app(pg, timeout=90_000)
                ok = True
            except PlaywrightError:
                ok = False
            match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', pg.content())
            (shown if ok else not_shown).append(match.group(1) if match else "?")
        for pg in pages:
            pg.close(run_before_unload=False)  # no shutdown beacon: like a crash or a killed mobile tab
        context.close()
        left -= batch
    return shown, not_shown


def _heap(voila: psutil.Process, probe: Path) -> dict[str, int]:
    """Live Python objects and allocated blocks inside the Voilà process, as its probe reports them."""
    before = len(probe.read_text().splitlines()) if probe.exists() else 0
    voila.send_signal(signal.SIGUSR1)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = probe.read_text().splitlines() if probe.exists() else []
        if len(lines) > before:
            return json.loads(lines[-1])
        time.sleep(0.2)
    pytest.fail("the Voilà process did not answer the heap probe")


def _churn(url: str, count: int, sample) -> tuple[list[str], list[str]]:
    """`count` plain GETs, CONCURRENCY at a time; kernel ids of the renders that worked, and the errors."""
    ok, failed = [], []
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        futures = [pool.submit(_get_dashboard, url) for _ in range(count)]
        while not all(f.done() for f in futures):
            sample()
            time.sleep(0.5)
    for future in futures:
        try:
            ok.append(future.result())
        except (AssertionError, OSError) as exc:
            failed.append(f"{type(exc).__name__}: {exc}")
    return ok, failed


def test_abandoned_sessions_are_culled_and_memory_returns(browser, tmp_path):
    t0 = time.monotonic()
    (tmp_path / "sitecustomize.py").write_text(PROBE, encoding="utf-8")
    probe = tmp_path / "heap.jsonl"
    pythonpath = os.pathsep.join(p for p in (str(tmp_path), os.environ.get("PYTHONPATH", "")) if p)
    server = VoilaServer(extra_args=[f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_S}",
                                     f"--MappingKernelManager.cull_interval={CULL_INTERVAL_S}",
                                     f"--MappingKernelManager.kernel_info_timeout={KERNEL_INFO_TIMEOUT_S}"],
                         env={"PYTHONPATH": pythonpath, "LC_PROBE": str(probe),
                              "LEGCRAMPS_TRIM_INTERVAL_S": str(TRIM_INTERVAL_S)})
    cull_limit = CULL_IDLE_S + CULL_INTERVAL_S + 60
    try:
        voila = psutil.Process(server.proc.pid)
        url = server.page("dashboard.ipynb")
        rss_boot = _rss(voila)
        kernels_boot = len(_kernels(voila))

        # Warm-up: one session of each kind, so the imports and caches they cause count as the start.
        warm_id = _get_dashboard(url)
        warm_shown, _ = _browser_sessions(browser, url, 1)
        assert warm_shown, "the dashboard did not show in Chromium"
        time.sleep(CULL_IDLE_S)
        _wait_for_kernel_count(voila, kernels_boot, cull_limit)
        assert _kernel_gone(server.url, warm_id), "the warm-up kernel is still known to the server"
        baseline = len(_kernels(voila))
        time.sleep(1)
        heap_start = _heap(voila, probe)
        rss_start = _rss(voila)

        # Churn: N sessions, at most CONCURRENCY at a time, all dropped abruptly.
        peak = {"kernels": baseline, "rss": rss_start, "kernel_rss": []}

        def sample() -> None:
            peak["kernels"] = max(peak["kernels"], len(_kernels(voila)))
            peak["rss"] = max(peak["rss"], _rss(voila))
            peak["kernel_rss"].extend(_kernel_rss(voila))

        churn_start = time.monotonic()
        http_count = SESSIONS - BROWSER_SESSIONS
        kernel_ids, failed = _churn(url, http_count, sample)
        sample()
        pages_shown, pages_not_shown = _browser_sessions(browser, url, BROWSER_SESSIONS)
        sample()
        churn_s = time.monotonic() - churn_start
        alive_after_churn = len(_kernels(voila))

        # Nobody comes back: every kernel must be culled.
        cull_s = _wait_for_kernel_count(voila, baseline, cull_limit)
        kernels_end = len(_kernels(voila))
        not_gone = [k for k in kernel_ids if not _kernel_gone(server.url, k)]
        time.sleep(1)
        heap_end = _heap(voila, probe)  # (its gc.collect frees more: give the server's own trim time to run)
        time.sleep(TRIM_INTERVAL_S + 1)
        rss_end = _rss(voila)
        voila.send_signal(signal.SIGUSR2)  # malloc_trim(0): how much of the growth is free memory glibc kept
        time.sleep(1)
        rss_trimmed = _rss(voila)
    finally:
        server.stop()
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    cut_by_cull = log.count("Kernel died while waiting for execute reply")
    unexplained_pages = [k for k in pages_not_shown if not re.search(rf"Culling '\w+' kernel '\w+' \({k}\)", log)]

    growth = (rss_end - rss_start) / rss_start
    kernel_mb = [s / MB for s in peak["kernel_rss"]]
    kernel_median = statistics.median(kernel_mb) if kernel_mb else None
    # (allocated blocks are 0 under PYTHONMALLOC=malloc, which legcramps.voila runs the server with: objects count)
    heap_growth = {k: (heap_end[k] - heap_start[k]) / heap_start[k] for k in heap_start if heap_start[k]}
    figures = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": psutil.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / 1024**3, 1),
                    "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_1m": round(os.getloadavg()[0], 1)},
        "sessions": {"total": SESSIONS, "http_get": http_count, "browser_closed_abruptly": BROWSER_SESSIONS,
                     "concurrency": CONCURRENCY, "http_rendered": len(kernel_ids),
                     "http_failed": len(failed), "renders_cut_by_cull_in_log": cut_by_cull,
                     "browser_concurrency": BROWSER_CONCURRENCY, "pages_shown": len(pages_shown),
                     "pages_culled_before_widgets_showed": len(pages_not_shown)},
        "cull": {"idle_timeout_s": CULL_IDLE_S, "interval_s": CULL_INTERVAL_S},
        "kernels": {"at_boot": kernels_boot, "before_churn": baseline, "peak": peak["kernels"],
                    "right_after_churn": alive_after_churn, "after_cull": kernels_end,
                    "seconds_from_last_session_to_all_culled": round(cull_s, 1)},
        "voila_rss_mb": {"at_boot": round(rss_boot / MB, 1), "start_after_warmup": round(rss_start / MB, 1),
                         "peak": round(peak["rss"] / MB, 1), "end": round(rss_end / MB, 1),
                         "end_after_malloc_trim": round(rss_trimmed / MB, 1),
                         "growth_percent": round(100 * growth, 1),
                         "issue_bound_percent": 100 * RSS_TOLERANCE,
                         "issue_bound_met": growth <= RSS_TOLERANCE},
        "voila_python_heap": {"start": heap_start, "end": heap_end,
                              "growth_percent": {k: round(100 * v, 2) for k, v in heap_growth.items()}},
        "kernel_rss_mb": {"samples": len(kernel_mb),
                          "median": round(kernel_median, 1) if kernel_mb else None,
                          "max": round(max(kernel_mb), 1) if kernel_mb else None},
        "seconds": {"churn": round(churn_s, 1), "test_total": round(time.monotonic() - t0, 1)},
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print("\nkernel churn:", json.dumps(figures, indent=2))

    assert len(failed) <= cut_by_cull, f"renders failed for another reason than the culler: {failed}"
    assert not unexplained_pages, f"pages that never showed the dashboard, and were not culled: {unexplained_pages}"
    assert len(kernel_ids) >= http_count // 2 and len(pages_shown) >= BROWSER_SESSIONS // 2, (
        "most sessions were cut short by the culler: the machine is overloaded; raise LEGCRAMPS_CHURN_CULL_S")
    assert peak["kernels"] > baseline, "no kernel was ever seen alive: the churn measured nothing"
    assert kernels_end == baseline
    assert not_gone == [], f"kernels still known to the server after the cull: {not_gone}"
    assert max(heap_growth.values()) <= HEAP_TOLERANCE, f"the Voilà process keeps Python objects: {heap_growth}"
    assert growth <= RSS_TOLERANCE, (
        f"Voilà RSS grew {(rss_end - rss_start) / MB:.0f} MB ({100 * growth:.0f} %, {rss_start / MB:.0f} → "
        f"{rss_end / MB:.0f} MB) over {SESSIONS} abandoned sessions; see {RESULT.relative_to(REPO)}")
