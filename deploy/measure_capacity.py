"""Measure, on this machine, what one dashboard session costs, and what that means for capacity.

    .venv/bin/python deploy/measure_capacity.py            # writes deploy/capacity.json
    .venv/bin/python deploy/measure_capacity.py --quick    # fewer sessions, for a smoke run

What it measures (all traffic to 127.0.0.1, a bounded number of sessions):

1. Renders: a Voilà server with the committed notebooks/voila.json (culling switched off so every kernel can be
   counted) and a few plain GETs of the dashboard, one at a time. Each GET starts a kernel and runs the
   notebook; the CPU time of one render is the new kernel's CPU time when the page arrives (interpreter start,
   imports, notebook execution) plus the Voilà process's CPU time spent on that request.
2. Sessions: the dashboard opened in Debian Chromium (Playwright), then a few control changes (slider keys, a
   list, a tick box). The memory of one session is its kernel's RSS after those changes (PSS and USS are
   recorded too: RSS counts shared library pages once per kernel, so it is the cautious figure).
3. The server: the Voilà process's RSS at start and with all those sessions open; and, for the hub
   deployments, a Jupyter server with the Voilà extension (what each reader's pod runs) after one render.

The figures are machine-specific and, on a shared machine, noisy: CPU time (not wall time) is used for the
render cost because it is far less sensitive to other load. See docs/deploy.md for how they are used.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

import psutil

from legcramps.voila.harness import LAUNCHER, VoilaProcess

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
OUT = Path(__file__).resolve().with_name("capacity.json")
BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MB = 1024 * 1024
OS_RESERVE_GB = 2.0  # left for the OS, the reverse proxy and page cache when sizing one machine


class Server(VoilaProcess):
    """A Voilà (or, with `command`, Jupyter) server on a free loopback port, started in notebooks/ like `make run`,
    ready when made; `ps` is its process."""

    def __init__(self, args: list[str], command: list[str] | None = None, ready_path: str = "/"):
        super().__init__(NOTEBOOKS, args, command=command, ready_path=ready_path,
                         name=Path((command or LAUNCHER)[0]).name)
        self.wait_ready(timeout=90)
        self.ps = psutil.Process(self.proc.pid)

    def kernel_processes(self) -> list[psutil.Process]:
        return list(self.kernels().values())


def _mem(proc: psutil.Process) -> dict[str, float]:
    m = proc.memory_full_info()
    return {"rss": m.rss / MB, "pss": getattr(m, "pss", m.uss) / MB, "uss": m.uss / MB}


def _cpu(proc: psutil.Process) -> float:
    t = proc.cpu_times()
    return t.user + t.system


def _wait_idle(proc: psutil.Process, quiet_s: float = 1.0, limit_s: float = 60) -> None:
    """Until the process has used (almost) no CPU for `quiet_s`."""
    start = time.monotonic()
    last, since = _cpu(proc), time.monotonic()
    while time.monotonic() - start < limit_s:
        time.sleep(0.25)
        now = _cpu(proc)
        if now - last > 0.02:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return


def _new_kernel(server: Server, known: set[int], limit_s: float = 30) -> psutil.Process:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        fresh = [k for k in server.kernel_processes() if k.pid not in known]
        if fresh:
            return fresh[0]
        time.sleep(0.1)
    raise RuntimeError("no new kernel appeared")


def measure_renders(server: Server, count: int) -> list[dict]:
    """Plain GETs of the dashboard, one at a time: CPU and wall time of kernel start + notebook execution."""
    rows = []
    for _ in range(count):
        known = {k.pid for k in server.kernel_processes()}
        _wait_idle(server.ps, quiet_s=0.5)
        server_cpu0 = _cpu(server.ps)
        t0 = time.monotonic()
        with urllib.request.urlopen(server.url + "/voila/render/dashboard.ipynb", timeout=180) as response:
            page = response.read().decode()
        wall = time.monotonic() - t0
        if "application/vnd.jupyter.widget-view+json" not in page or '"output_type": "error"' in page:
            raise RuntimeError("the dashboard did not render")
        kernel = _new_kernel(server, known)
        kernel_cpu = _cpu(kernel)
        server_cpu = _cpu(server.ps) - server_cpu0
        _wait_idle(kernel)
        rows.append({"wall_s": wall, "kernel_cpu_s": kernel_cpu, "server_cpu_s": server_cpu,
                     "cpu_s": kernel_cpu + server_cpu, "kernel_mem_mb": _mem(kernel)})
    return rows


def _interact(page) -> int:
    """A reader's first changes: open every group, five slider keys, a list choice, a box ticked twice."""
    for toggle in page.query_selector_all(".lc-dashboard .lc-section:not(.lc-open) > .lc-section-toggle"):
        toggle.click()
    changes = 0
    handle = page.locator(".lc-factor-fluid_litres_per_day .noUi-handle")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(150)
        changes += 1
    page.select_option(".lc-factor-footwear select", index=2)
    changes += 1
    box = page.locator(".lc-factor-sleep_feet_pointed input[type=checkbox]")
    for _ in range(2):
        box.click()
        page.wait_for_timeout(150)
        changes += 1
    return changes


def measure_sessions(server: Server, count: int) -> tuple[list[dict], dict]:
    """Real browser sessions: kernel memory after the dashboard renders and after a few control changes."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(count):
            known = {k.pid for k in server.kernel_processes()}
            page = context.new_page()
            t0 = time.monotonic()
            page.goto(server.url + "/voila/render/dashboard.ipynb", timeout=180_000)
            page.wait_for_selector(".lc-care[data-tier]", timeout=180_000)
            ready = time.monotonic() - t0
            kernel = _new_kernel(server, known)
            _wait_idle(kernel)
            rendered = _mem(kernel)
            cpu0 = _cpu(kernel)
            changes = _interact(page)
            _wait_idle(kernel)
            rows.append({"page_ready_s": ready, "kernel_mem_after_render_mb": rendered,
                         "kernel_mem_after_changes_mb": _mem(kernel), "changes": changes,
                         "kernel_cpu_ms_per_change": 1000 * (_cpu(kernel) - cpu0) / changes})
        server_with_sessions = _mem(server.ps)
        context.close()
        browser.close()
    return rows, server_with_sessions


def measure_hub_server() -> dict:
    """What each reader's pod runs on a hub: a Jupyter server with the Voilà extension, after one render."""
    server = Server(["--no-browser", "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
                     "--MappingKernelManager.cull_idle_timeout=0", *(["--allow-root"] if os.geteuid() == 0 else [])],
                    command=[str(BIN / "jupyter-server")], ready_path="/api")
    try:
        time.sleep(1)
        idle = _mem(server.ps)
        urllib.request.urlopen(server.url + "/voila/render/dashboard.ipynb", timeout=180).read()
        _wait_idle(server.ps)
        after = _mem(server.ps)
        kernel = server.kernel_processes()
        return {"idle": idle, "after_one_render": after,
                "kernel_after_render": _mem(kernel[0]) if kernel else None}
    finally:
        server.stop()


def _r(x, nd=1):
    if isinstance(x, dict):
        return {k: _r(v, nd) for k, v in x.items()}
    if isinstance(x, list):
        return [_r(v, nd) for v in x]
    return round(x, nd) if isinstance(x, float) else x


def _median(rows: list[dict], *path: str) -> float:
    values = []
    for row in rows:
        v = row
        for key in path:
            v = v[key]
        values.append(v)
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--renders", type=int, default=6, help="plain GET renders, one at a time")
    ap.add_argument("--sessions", type=int, default=4, help="Chromium sessions with control changes")
    ap.add_argument("--quick", action="store_true", help="2 renders and 1 session")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if args.quick:
        args.renders, args.sessions = 2, 1
    args.renders = max(args.renders, 2)

    started = time.monotonic()
    # A kernel per request (no preheated pool): the CPU a session costs is then measured when its page is asked
    # for; a pool pays the same before the visitor arrives.
    voila = Server(["--no-browser", "--Voila.ip=127.0.0.1",
                    "--MappingKernelManager.cull_idle_timeout=0", "--VoilaConfiguration.preheat_kernel=False"])
    try:
        time.sleep(1)
        server_boot = _mem(voila.ps)
        renders = measure_renders(voila, 1)
        server_warm = _mem(voila.ps)  # the first render imports the templating and execution machinery
        renders += measure_renders(voila, args.renders - 1)
        server_after_renders = _mem(voila.ps)
        sessions, server_with_sessions = measure_sessions(voila, args.sessions)
        kernels_open = len(voila.kernel_processes())
    finally:
        voila.stop()
    hub = measure_hub_server()

    per_session = _median(sessions, "kernel_mem_after_changes_mb", "rss")
    per_session_pss = _median(sessions, "kernel_mem_after_changes_mb", "pss")
    server_growth_per_session = (server_with_sessions["rss"] - server_warm["rss"]) / (kernels_open - 1)
    cpu_per_render = _median(renders, "cpu_s")
    cores = psutil.cpu_count()
    total_gb = psutil.virtual_memory().total / 1024**3
    usable_mb = (total_gb - OS_RESERVE_GB) * 1024 - server_with_sessions["rss"]
    marginal = per_session + max(server_growth_per_session, 0)
    ms_per_change = _median(sessions, "kernel_cpu_ms_per_change")

    summary = {
        "mb_per_session_rss": per_session,
        "mb_per_session_pss": per_session_pss,
        "server_mb_growth_per_open_session": server_growth_per_session,
        "mb_per_session_for_sizing": marginal,
        "sessions_per_gb": 1024 / marginal,
        "sessions_per_gb_pss": 1024 / (per_session_pss + max(server_growth_per_session, 0)),
        "voila_server_mb_at_boot": server_boot["rss"],
        "voila_server_mb_after_first_render": server_warm["rss"],
        "sessions_one_machine_memory_bound": int(usable_mb // marginal),
        "cpu_s_per_render": cpu_per_render,
        "renders_per_minute_all_cores": 60 * cores / cpu_per_render,
        "cpu_ms_per_control_change": ms_per_change,
        "control_changes_per_second_all_cores": 1000 * cores / ms_per_change if ms_per_change else None,
        "hub_single_user_server_mb": hub["after_one_render"]["rss"],
    }
    result = {
        "what": "Cost of one leg-cramps dashboard session on this machine; see docs/deploy.md",
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": cores, "cpu_model": _cpu_model(), "memory_gb": round(total_gb, 1),
                    "python": platform.python_version(), "platform": platform.platform(),
                    "note": "shared development machine: other processes were running; CPU times are used, "
                            "not wall times, because they are far less sensitive to that"},
        "units": {"*_mb": "MiB (1024*1024 bytes)", "*_gb": "GiB", "*cpu_s*": "CPU seconds (user+system)",
                  "*_ms*": "CPU milliseconds", "wall_s / page_ready_s": "wall-clock seconds"},
        "assumptions": {"os_reserve_gb": OS_RESERVE_GB,
                        "mb_per_session_for_sizing": "kernel RSS after render and control changes (median) "
                                                     "plus the Voilà server's growth per open session"},
        "summary": summary,
        "renders": renders,
        "sessions": sessions,
        "voila_server": {"at_boot": server_boot, "after_first_render": server_warm,
                         "after_renders": server_after_renders,
                         "with_all_sessions_open": server_with_sessions, "kernels_open": kernels_open},
        "hub_single_user_server": hub,
        "seconds_to_measure": time.monotonic() - started,
    }
    args.out.write_text(json.dumps(_r(result), indent=2) + "\n", encoding="utf-8")
    print(json.dumps(_r(summary), indent=2))
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")
    return 0


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor()
    match = re.search(r"model name\s*:\s*(.+)", text)
    return match.group(1).strip() if match else platform.processor()


if __name__ == "__main__":
    sys.exit(main())
