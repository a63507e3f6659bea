"""Performance harness: the Voilà dashboard measured side by side with bare baselines, in one run.

    make bench               # full run (< 10 min on a 2-core machine) → benchmarks/results/latest.{json,md}
    make bench QUICK=1       # quick smoke run (< 2 min): same figures, small counts
    .venv/bin/python benchmarks/bench.py [--quick] [--out DIR]

It starts Voilà itself, twice over:

- server "app": `notebooks/` with the project's `notebooks/voila.json`, exactly as `make run` does;
- server "ref": `benchmarks/`, with the same voila.json (via `--Voila.config_file_paths`), holding the
  baselines `baseline/slider.ipynb` (one FloatSlider: the floor for time to interactive) and
  `baseline/widgets_mpl.ipynb` (ipywidgets + matplotlib Agg + one PNG: the floor for kernel memory) and
  `baseline/echo.ipynb` (slider → HTML + one-bar PNG: the floor for update latency).

First both run with a kernel per request ("cold", preheating switched off), then both again with
`--VoilaConfiguration.preheat_kernel=True --VoilaConfiguration.default_pool_size=N`, the pools limited by
`VoilaKernelManager.kernel_pools_config` to the notebooks measured (otherwise every notebook in the root
gets N kernels). Debian chromium, driven by Playwright, does the measuring in the page:

- time to interactive: `performance.now()` (from navigation start) when the first slider handle of the
  page is in the DOM with a size, recorded by a MutationObserver installed before any page script runs;
- update latency: a capture-phase listener stamps the keydown / click / change of a control move, and
  MutationObservers stamp the care card, causes and checklist (text) and the chart's swap (the dashboard's
  inline `<svg>` replaced, the baseline's `<img>` src changed); the figure is "settled" when the new SVG has
  reached the next frame (it is painted in it) or the new image has decoded (`img.decode()`): both ready to be
  painted in the next frame;
- kernel memory: RSS (and USS) of the kernel process of that page (found by the kernel id in the page's
  config among the Voilà server's child processes), children included;
- first text and first control (bench_first_text): for the home page, the dashboard, a cause page and the
  bare one-slider page, a burst of ten visitors on a warm server as `make run` starts it; visitors 1, 3
  and 10 are Chromium pages, the others websocket clients;
- the in-browser edition (bench_site): `make site` built and served as static files; its size and a first
  visit's transfer, first text, time to interactive on a first and a repeat visit, update latency;
- concurrent sessions: N sessions opened at once on a preheated app server with a pool of N, a few of them
  Chromium pages and the rest websocket clients (sessions.py: page, kernel socket, full widget state), then
  a load of control moves from every websocket session.

Engine and loader timings come from `bench_engine.run()`. Figures, not pass/fail timers: each carries its
unit, its baseline and goal beside it, and whether this run met it.

This file is the entry point and the order of the run; each measurement lives in a module of its own:
bench_servers (the Voilà servers, memory and CPU of their processes), bench_pages (a page in Chromium and the
in-page recorder), bench_tti (time to interactive, kernel memory), bench_updates (update latency),
bench_first_text (first text in a burst), bench_site (the in-browser edition), bench_burst (concurrent
sessions and load), bench_kernel (kernel-side costs), bench_churn (server memory after churn), bench_goals
(the figures and their goals), bench_report (latest.json and latest.md).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOTEBOOKS = REPO / "notebooks"
RESULTS = HERE / "results"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

# the measurement modules: sibling scripts, importable once HERE is on sys.path
import bench_engine  # noqa: E402
from bench_burst import BURST_FILL_DELAY_S, CONCURRENT_TIMEOUT_S, measure_burst  # noqa: E402
from bench_churn import CHURN_SESSIONS, churn  # noqa: E402
from bench_first_text import measure_first_text  # noqa: E402
from bench_goals import goal_figures, info_rows  # noqa: E402
from bench_kernel import diagnostics  # noqa: E402
from bench_pages import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from bench_progress import PHASES, end_phase, log  # noqa: E402
from bench_report import machine_info, markdown_table, package_versions, write  # noqa: E402
from bench_servers import BenchServer  # noqa: E402
from bench_site import measure_site  # noqa: E402
from bench_tti import measure_memory, measure_tti  # noqa: E402
from bench_updates import SHARE_QUERY, measure_updates  # noqa: E402

#: Counts per mode (quick: a smoke run with the same figures).
COUNTS = {
    False: {"tti_runs": 5, "warm_cache": True, "mem_runs": 3, "moves": 50, "warmup_moves": 3, "sessions": 50,
            "browser_sessions": 1, "load_s": 120.0, "pool_size": 1, "session_timeout_s": 150.0,
            "first_text_burst": 10, "first_text_measured": (1, 3, 10), "site_runs": 3},
    True: {"tti_runs": 1, "warm_cache": False, "mem_runs": 1, "moves": 4, "warmup_moves": 1, "sessions": 4,
           "browser_sessions": 1, "load_s": 8.0, "pool_size": 1, "session_timeout_s": 60.0,
           "first_text_burst": 3, "first_text_measured": (3,), "site_runs": 1},
}


async def run_async(quick: bool, out_dir: Path, voila_args: list[str] | None = None) -> dict[str, Any]:
    """The run in order: engine, kernel-side costs, cold servers, preheated servers, the burst, the churn."""
    from playwright.async_api import async_playwright

    counts = COUNTS[bool(quick)]
    timeout_s = counts["session_timeout_s"]
    tmp = out_dir / "tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result: dict[str, Any] = {"benchmark": "voila", "quick": bool(quick),
                              "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                              "machine": machine_info(), "counts": counts,
                              "voila_extra_args": list(voila_args or [])}

    log("engine and loader (bench_engine.run)", phase="engine")
    engine = bench_engine.run(quick=quick)
    log("kernel-side diagnostics", phase="diagnostics")
    diag = diagnostics(1 if quick else 3)

    measured: dict[str, Any] = {}
    pool = counts["pool_size"]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        browser_version = browser.version
        cold: dict[str, BenchServer] = {}
        warm: dict[str, BenchServer] = {}
        try:
            # all four servers start together (their start-up and pool filling overlap); the measurements wait
            # until every pool is full and the machine is quiet
            log(f"servers: cold (a kernel per request) and preheated (pool of {pool})", phase="servers")
            no_pool = ["--VoilaConfiguration.preheat_kernel=False", *(voila_args or [])]  # voila.json preheats
            cold = {"app": BenchServer("app", NOTEBOOKS, tmp, extra_args=no_pool),
                    "ref": BenchServer("ref", HERE, tmp, extra_args=no_pool, config_paths=[NOTEBOOKS])}
            await asyncio.gather(*(s.ready() for s in cold.values()))
            log("cold: time to interactive", phase="tti_cold")
            measured["tti_cold"] = await measure_tti(browser, cold, ["bare", "dashboard"], counts["tti_runs"],
                                                     timeout_s, memory=True, preheated=False,
                                                     warm_cache=counts["warm_cache"])
            log("kernel memory of the ipywidgets + matplotlib baseline", phase="memory")
            measured["memory_widgets_mpl"] = await measure_memory(browser, cold, "widgets_mpl",
                                                                  counts["mem_runs"], timeout_s)
            log(f"update latency ({counts['moves']} moves per control kind, as many on the round-trip baseline)",
                phase="updates")
            measured["updates"] = await measure_updates(browser, cold, counts["moves"], counts["warmup_moves"],
                                                        timeout_s)
            measured["share_link_cold"] = measured["updates"].pop("share_link")
            for s in cold.values():
                s.stop()
            cold = {}
            warm = {"app": BenchServer("app-preheat", NOTEBOOKS, tmp, extra_args=voila_args,
                                 pools={"dashboard.ipynb": pool}),
                    "ref": BenchServer("ref-preheat", HERE, tmp, extra_args=voila_args, config_paths=[NOTEBOOKS],
                                 pools={"baseline/slider.ipynb": pool})}
            await asyncio.gather(*(s.ready() for s in warm.values()))
            log("preheated: time to interactive", phase="tti_preheated")
            measured["tti_preheated"] = await measure_tti(
                browser, warm, ["bare", "dashboard"], counts["tti_runs"], timeout_s, memory=False,
                preheated=True, warm_cache=counts["warm_cache"], query_for={"dashboard": SHARE_QUERY})
            measured["share_link_preheated_dashboard"] = measured["tti_preheated"]["dashboard"].pop("share_link")
            measured["preheat_flags"] = [a for a in warm["app"].args if "preheat" in a or "pool" in a]
            for s in warm.values():
                s.stop()
            warm = {}
            log(f"first text and first control: bursts of {counts['first_text_burst']} visitors per page type, "
                "warm servers as `make run` starts them", phase="first_text")
            warm = {"app": BenchServer("app-first-text", NOTEBOOKS, tmp, extra_args=voila_args),
                    "ref": BenchServer("ref-first-text", HERE, tmp, extra_args=voila_args, config_paths=[NOTEBOOKS])}
            await asyncio.gather(*(s.ready() for s in warm.values()))
            measured["first_text"] = await measure_first_text(browser, warm, counts["first_text_burst"],
                                                              counts["first_text_measured"])
            for s in warm.values():
                s.stop()
            warm = {}
            log(f"the in-browser edition: build, then {counts['site_runs']} first and repeat visits, "
                f"{counts['moves']} moves per control kind", phase="site")
            measured["site"] = await measure_site(browser, tmp, counts["site_runs"], counts["moves"],
                                                  counts["warmup_moves"], timeout_s)
            sessions = counts["sessions"]
            log(f"{sessions} concurrent sessions ({counts['browser_sessions']} in Chromium), then "
                f"{counts['load_s']:.0f} s of control moves", phase="concurrent")
            burst_args = [f"--VoilaKernelManager.fill_delay={BURST_FILL_DELAY_S}", *(voila_args or [])]
            burst = BenchServer("app-burst", NOTEBOOKS, tmp, extra_args=burst_args, pools={"dashboard.ipynb": sessions})
            warm = {"burst": burst}
            await burst.ready()
            measured["concurrent"] = await measure_burst(browser, burst, sessions, counts["browser_sessions"],
                                                         CONCURRENT_TIMEOUT_S[bool(quick)], counts["load_s"])
        finally:
            for s in [*cold.values(), *warm.values()]:
                s.stop()
            await browser.close()
            end_phase()

    log(f"churn: {CHURN_SESSIONS[bool(quick)]} abandoned sessions (tests/ops/test_kernel_lifetime.py)",
        phase="churn")
    measured["churn"] = churn(CHURN_SESSIONS[bool(quick)])
    end_phase()

    result.update({
        "figures": goal_figures(measured, engine),
        "info": info_rows(measured),
        "measured": measured,
        "engine": engine,
        "diagnostics": diag,
        "packages": package_versions(browser_version),
        "duration_s": round(time.monotonic() - started, 1),
        "phases_s": dict(PHASES),
    })
    result["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def run(quick: bool = False, out_dir: Path = RESULTS, voila_args: list[str] | None = None) -> dict[str, Any]:
    """Measure everything (starting and stopping its own Voilà servers) and return the figures."""
    return asyncio.run(run_async(quick, Path(out_dir), voila_args))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the Voilà dashboard against bare baselines.")
    parser.add_argument("--quick", action="store_true", help="small counts (a smoke run, < 2 minutes)")
    parser.add_argument("--out", default=str(RESULTS), help=f"folder for latest.json and latest.md "
                                                              f"(default: {RESULTS})")
    parser.add_argument("--voila-arg", action="append", default=[], metavar="ARG",
                        help="an extra Voilà option for every server, e.g. --voila-arg=--VoilaExecutor.iopub_timeout=30"
                             " (to try a config change before committing it)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print("Debian chromium is missing: run `make install`", file=sys.stderr)
        return 2
    out = Path(args.out)
    result = run(quick=args.quick, out_dir=out, voila_args=args.voila_arg)
    js, md = write(result, out)
    print(markdown_table(result))
    print(f"Written to {js} and {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
