"""Concurrent sessions: a burst of readers opening the dashboard at once on a preheated server, then a load of
control moves from each (a few Chromium pages, the rest websocket clients from sessions.py)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from typing import Any

from bench_pages import PAGES, ChromiumSession
from bench_progress import log
from bench_servers import BenchServer, cpu_seconds, memory_of, wait_pools
from bench_stats import summary
from bench_updates import SLIDER

#: The burst server is deployed as docs/deploy.md advises for a pool sized for bursts: its refill (~1 CPU-s a
#: kernel, 50 at once) waits until the burst has been served. With the committed 3 s (right for a pool of 2),
#: the Chromium page of a 50-burst, ~2.5 s to interactive, was starved by the refill in 3 of 4 runs here.
BURST_FILL_DELAY_S = 10
CONCURRENT_TIMEOUT_S = {False: 60.0, True: 45.0}  # a session not interactive by then counts as this long
MOVE_INTERVAL_S = (0.5, 1.5)  # under load each session moves a control this often (uniformly at random)


async def measure_burst(browser, server: BenchServer, sessions: int, browsers: int, timeout_s: float,
                        load_s: float) -> dict[str, Any]:
    """`sessions` readers open the dashboard at the same moment, then each moves a control every second or so
    for `load_s` seconds. `browsers` of them are real Chromium pages, the rest websocket clients
    (benchmarks/sessions.py) that make the server and kernel do what a page makes them do, without a
    browser's own ~4 CPU s of layout per page on the server's two cores. The server is preheated with a pool
    as large as the burst (that is the deployment answer for bursts: docs/deploy.md)."""
    import random

    from sessions import WebsocketSession

    rng = random.Random(7)
    await wait_pools({"burst": server}, timeout=240.0)
    iopub_before = server.log_count("Timeout waiting for IOPub output")
    pooled_before = server.log_count("Using pre-heated kernel")
    cpu_server0 = cpu_seconds([server.ps])
    cpu_kernels0 = cpu_seconds(server.kernels().values())
    clients = [WebsocketSession(server.url, PAGES["dashboard"]["path"]) for _ in range(sessions - browsers)]
    pages = [ChromiumSession(browser, server, "dashboard") for _ in range(browsers)]
    start = time.monotonic()
    await asyncio.gather(*(c.open(timeout_s) for c in clients),
                         *(p.open(timeout_s, wait_complete=False) for p in pages))
    wall = time.monotonic() - start
    cpu_burst = {"voila_server": cpu_seconds([server.ps]) - cpu_server0,
                 "kernels": cpu_seconds(server.kernels().values()) - cpu_kernels0}
    ws_ttis = [c.tti_ms for c in clients if c.tti_ms is not None]
    page_ttis = [p.info.get("tti") for p in pages if not p.errors and p.info.get("tti") is not None]
    failed = sum(c.tti_ms is None for c in clients) + (len(pages) - len(page_ttis))
    # a session that never became interactive counts as the whole timeout (censored), so failures cannot
    # make the p95 look better
    censored = ws_ttis + page_ttis + [timeout_s * 1000] * failed
    log(f"  burst: {len(ws_ttis) + len(page_ttis)}/{sessions} interactive in {wall:.1f} s; load for {load_s:.0f} s")

    load_start = time.monotonic()
    cpu_server1, cpu_kernels1 = cpu_seconds([server.ps]), cpu_seconds(server.kernels().values())
    await asyncio.gather(*(c.keep_moving(SLIDER["factor"], (1.2, 1.1), load_s, MOVE_INTERVAL_S, rng)
                           for c in clients if c.tti_ms is not None))
    load_wall = time.monotonic() - load_start
    cpu_load = {"voila_server": cpu_seconds([server.ps]) - cpu_server1,
                "kernels": cpu_seconds(server.kernels().values()) - cpu_kernels1}
    moves = [ms for c in clients for ms in c.moves_ms]
    errors = [e for c in clients for e in c.errors] + [e for p in pages for e in p.errors]
    mems = [memory_of(p) for p in server.kernels().values()]
    for c in clients:
        c.close()
        if c.kernel_id:
            await asyncio.to_thread(server.shutdown_kernel, c.kernel_id)
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(asyncio.gather(*(p.close(wait_kernel_gone=5) for p in pages)), 30)
    return {
        "unit": "ms",
        "sessions": sessions,
        "browser_sessions": browsers,
        "server": f"preheated, pool of {server.pools.get('dashboard.ipynb')} dashboard kernels, fill_delay "
                  f"{BURST_FILL_DELAY_S} s (docs/deploy.md, for a pool sized for bursts)",
        "tti": summary(censored),
        "tti_websocket_clients": summary(ws_ttis),
        "tti_browsers": summary(page_ttis),
        "html_served": summary([c.html_ms for c in clients]),
        "sessions_not_interactive": failed,
        "sessions_on_preheated_kernels": server.log_count("Using pre-heated kernel") - pooled_before,
        "errors": len(errors),
        "error_samples": errors[:10],
        "server_iopub_timeouts": server.log_count("Timeout waiting for IOPub output") - iopub_before,
        "wall_s": round(wall, 2),
        "cpu_s_burst": {k: round(v, 2) for k, v in cpu_burst.items()},
        "load_s": round(load_wall, 1),
        "load_moves": len(moves),
        "load_moves_per_s": round(len(moves) / load_wall, 1) if load_wall else None,
        "load_move_to_idle": summary(moves),
        "cpu_share_under_load": {k: round(v / load_wall / (os.cpu_count() or 1), 3) for k, v in cpu_load.items()}
        if load_wall else {},
        "kernels_rss_total_mib": round(sum(m["rss_mib"] for m in mems if m), 1),
        "kernels_uss_total_mib": round(sum(m["uss_mib"] for m in mems if m), 1),
        "timeout_s": timeout_s,
    }
