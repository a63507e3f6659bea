"""The Voilà servers a bench run starts (the shared harness, legcramps.voila.harness), and what it reads from their
processes: memory, CPU, a quiet machine, full preheat pools."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from pathlib import Path

import psutil

from legcramps.voila.harness import VoilaProcess


class BenchServer(VoilaProcess):
    """One site's Voilà server (`python -m legcramps.voila`, as `make run` starts it) serving `root`, on a free
    loopback port; its log goes to `log_dir/voila-<name>-<port>.log`. `config_paths` adds folders whose
    voila.json applies (the baselines' server reads notebooks/voila.json); `pools` preheats those notebooks
    only (notebook → pool size; every other notebook gets none)."""

    def __init__(self, name: str, root: Path, log_dir: Path, extra_args: list[str] | None = None,
                 config_paths: list[Path] | None = None, pools: dict[str, int] | None = None):
        self.pools = pools or {}
        args = ["--no-browser", "--Voila.ip=127.0.0.1", *(extra_args or [])]
        if config_paths:
            from jupyter_core.paths import jupyter_config_path

            args += [f"--Voila.config_file_paths={p}" for p in [*config_paths, *jupyter_config_path()]]
        if pools:
            size = max(pools.values())
            pool_config = {"default": {"pool_size": 0}, **{nb: {"pool_size": n} for nb, n in pools.items()}}
            args += ["--VoilaConfiguration.preheat_kernel=True", f"--VoilaConfiguration.default_pool_size={size}",
                     f"--VoilaKernelManager.kernel_pools_config={json.dumps(pool_config)}"]
        super().__init__(root, args, log_dir=log_dir, log_name=f"voila-{name}", name=f"voila {name}")
        self.ps = psutil.Process(self.proc.pid)


def memory_of(proc: psutil.Process) -> dict[str, float] | None:
    """RSS and USS in MiB of a process and all its children."""
    rss = uss = 0
    try:
        for p in [proc, *proc.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                info = p.memory_full_info()
                rss += info.rss
                uss += info.uss
    except psutil.Error:
        return None
    return {"rss_mib": round(rss / 2**20, 1), "uss_mib": round(uss / 2**20, 1)}


def _tree_cpu() -> float:
    total = 0.0
    for p in psutil.Process().children(recursive=True):  # the Voilà servers, their kernels, chromium
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            total += t.user + t.system
    return total


async def wait_quiet(max_cpu_share: float = 0.08, window: float = 0.6, timeout: float = 30.0) -> float:
    """Wait until everything this harness started uses < `max_cpu_share` of one core over `window` s."""
    start = time.monotonic()
    samples = [(time.monotonic(), _tree_cpu())]
    while time.monotonic() - start < timeout:
        await asyncio.sleep(0.2)
        now = time.monotonic()
        samples.append((now, _tree_cpu()))
        old = [s for s in samples if now - s[0] >= window]
        if old:
            t0, c0 = old[-1]
            if (samples[-1][1] - c0) / (now - t0) < max_cpu_share:
                return now - start
    return time.monotonic() - start


async def wait_pools(servers: dict[str, BenchServer], timeout: float = 60.0) -> None:
    """Wait until every preheat pool is full again (one kernel per pool slot) and the machine is quiet: the
    kernels exist long before they have run the notebook, so "quiet" is what says the pool is ready."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(len(s.kernels()) == sum(s.pools.values()) for s in servers.values()):
            break
        await asyncio.sleep(0.25)
    await asyncio.sleep(0.3)
    await wait_quiet(timeout=max(30.0, deadline - time.monotonic()))


def cpu_seconds(procs) -> float:
    total = 0.0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            t = p.cpu_times()
            total += t.user + t.system
    return total
