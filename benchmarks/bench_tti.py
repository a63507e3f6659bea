"""Time to interactive of pages on cold and preheated kernels (first and return visits), and kernel memory per
session."""

from __future__ import annotations

import contextlib
from typing import Any

from bench_pages import PAGES, ChromiumSession, new_context, share_link_applied
from bench_progress import log
from bench_servers import BenchServer, memory_of, wait_pools, wait_quiet
from bench_stats import rounded, summary


async def measure_tti(browser, servers: dict[str, BenchServer], keys: list[str], runs: int, timeout_s: float,
                      memory: bool, preheated: bool, warm_cache: bool = True,
                      runs_for: dict[str, int] | None = None,
                      query_for: dict[str, str] | None = None) -> dict[str, Any]:
    """Open each page once in a fresh browser context (a first visit), then `runs` more times in that same
    context (return visits: the HTTP and code caches are warm, so the page itself is what is measured).
    Pages are interleaved run by run, so a change in machine load hits all of them alike. Without
    `warm_cache` (quick mode) every run is a first visit and there is no separate one."""
    rows: dict[str, list[dict[str, Any]]] = {k: [] for k in keys}
    first: dict[str, dict[str, Any]] = {}
    contexts = {k: await new_context(browser, k) for k in keys}
    try:
        for i in range(-1 if warm_cache else 0, runs):
            for key in keys:
                if i >= (runs_for or {}).get(key, runs):
                    continue
                if not warm_cache:
                    with contextlib.suppress(Exception):
                        await contexts[key].close()
                    contexts[key] = await new_context(browser, key)
                # the first visit also checks a share link (in quick mode, the one run does)
                query = (query_for or {}).get(key, "") if i == (-1 if warm_cache else 0) else ""
                row = await _tti_once(browser, servers, key, contexts[key], timeout_s, memory, preheated, query)
                row["run"] = i
                if i < 0:
                    first[key] = row
                else:
                    rows[key].append(row)
                log(f"  tti {'preheated' if preheated else 'cold'} {key} "
                    f"{'first visit' if i < 0 else f'run {i + 1}/{runs}'}: {row['tti_ms']} ms"
                    + (f" errors {row['errors']}" if row["errors"] else ""))
    finally:
        for context in contexts.values():
            with contextlib.suppress(Exception):
                await context.close()
    out = {}
    for key, rs in rows.items():
        first.setdefault(key, rs[0] if rs else {"tti_ms": None, "errors": [], "kernel_shut_down_by_tab_close": True})
        out[key] = {
            "unit": "ms",
            "tti": summary([r["tti_ms"] for r in rs]),
            "complete": summary([r["complete_ms"] for r in rs]),
            "html_response_end": summary([r["nav"].get("response_end") for r in rs]),
            "load_event": summary([r["nav"].get("load") for r in rs]),
            "kernel_ws_open": summary([r["nav"].get("kernel_ws_open") for r in rs]),
            # from the kernel WebSocket opening to the first control: fetching widget state and rendering it
            "ws_open_to_tti": summary([r["tti_ms"] - r["nav"]["kernel_ws_open"] for r in rs
                                       if r["tti_ms"] is not None and r["nav"].get("kernel_ws_open") is not None]),
            "first_visit_tti_ms": first[key]["tti_ms"],
            "visits": len(_distinct([*rs, first[key]])),
            "errors": sum(len(r["errors"]) for r in _distinct([*rs, first[key]])),
            "kernels_left_running_after_tab_close": sum(r["kernel_shut_down_by_tab_close"] is False
                                                        for r in _distinct([*rs, first[key]])),
            "runs": rs,
            "first_visit": first[key],
        }
        if preheated:
            out[key]["runs_on_preheated_kernel"] = sum(bool(r.get("used_preheated_kernel")) for r in rs)
        shared = [r for r in _distinct([first[key], *rs]) if "share_link" in r]
        if shared:
            out[key]["share_link"] = shared[0]["share_link"]
        if memory:
            mems = [r["kernel_memory"] for r in _distinct([*rs, first[key]]) if r.get("kernel_memory")]
            out[key]["kernel_rss_mib"] = summary([m["rss_mib"] for m in mems])
            out[key]["kernel_uss_mib"] = summary([m["uss_mib"] for m in mems])
    return out


def _distinct(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return list({id(r): r for r in rows}.values())


async def _tti_once(browser, servers: dict[str, BenchServer], key: str, context, timeout_s: float, memory: bool,
                    preheated: bool, query: str = "") -> dict[str, Any]:
    server = servers[PAGES[key]["server"]]
    if preheated:
        await wait_pools(servers)
    else:
        await wait_quiet()
    used_before = server.log_count("Using pre-heated kernel")
    session = ChromiumSession(browser, server, key, query=query, context=context)
    info = await session.open(timeout_s)
    row: dict[str, Any] = {"tti_ms": rounded(info.get("tti")), "complete_ms": rounded(info.get("complete")),
                           "nav": {k: rounded(v) for k, v in (info.get("nav") or {}).items()},
                           "errors": session.errors}
    if query:
        row["share_link"] = await share_link_applied(session, query)
    if preheated:
        row["used_preheated_kernel"] = server.log_count("Using pre-heated kernel") > used_before
    if memory and not session.errors:
        await wait_quiet()
        proc = session.kernel()
        row["kernel_memory"] = memory_of(proc) if proc else None
    row["kernel_shut_down_by_tab_close"] = await session.close()
    return row


async def measure_memory(browser, servers: dict[str, BenchServer], key: str, runs: int, timeout_s: float) -> dict:
    """Kernel memory of `runs` fresh sessions of one page (the dashboard's comes from the cold TTI runs)."""
    mems = []
    for _ in range(runs):
        await wait_quiet()
        session = ChromiumSession(browser, servers[PAGES[key]["server"]], key)
        await session.open(timeout_s)
        await wait_quiet()
        proc = session.kernel()
        if proc and not session.errors:
            mems.append(memory_of(proc))
        await session.close()
    mems = [m for m in mems if m]
    return {"unit": "MiB", "kernel_rss_mib": summary([m["rss_mib"] for m in mems]),
            "kernel_uss_mib": summary([m["uss_mib"] for m in mems])}
