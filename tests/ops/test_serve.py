"""legcramps.voila.memory, as the launcher uses it: the server's Python objects come from glibc malloc (memory can
go back), with two arenas and a fixed mmap threshold; kernels keep the caller's allocator settings, and free memory
is trimmed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest

from legcramps.voila import memory


def test_kernels_get_the_environment_back(monkeypatch):
    for name, value in memory.SERVER_ALLOCATOR.items():  # as the re-executed server runs
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(memory.SAVED_ALLOCATOR_ENV, json.dumps({name: None for name in memory.SERVER_ALLOCATOR}))
    memory.restore_kernel_environment()
    assert not set(memory.SERVER_ALLOCATOR) & set(memory.os.environ)
    assert memory.SAVED_ALLOCATOR_ENV not in memory.os.environ
    for name, value in memory.SERVER_ALLOCATOR.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(memory.SAVED_ALLOCATOR_ENV, json.dumps({"PYTHONMALLOC": "debug", "MALLOC_ARENA_MAX": None,
                                                                 "MALLOC_MMAP_THRESHOLD_": "65536"}))
    memory.restore_kernel_environment()  # a user's own settings are what kernels get
    assert memory.os.environ["PYTHONMALLOC"] == "debug"
    assert memory.os.environ["MALLOC_MMAP_THRESHOLD_"] == "65536"
    assert "MALLOC_ARENA_MAX" not in memory.os.environ


def test_malloc_trim_is_available_on_this_glibc_machine():
    assert memory.malloc_trim() is True


def _environ(proc: psutil.Process) -> dict[str, str]:
    raw = Path(f"/proc/{proc.pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode(errors="replace").split("=", 1) for item in raw if b"=" in item)


@pytest.mark.server
def test_the_served_app_runs_so_and_its_kernels_do_not_inherit_it(voila_server):
    server = psutil.Process(voila_server.proc.pid)
    assert {name: _environ(server).get(name) for name in memory.SERVER_ALLOCATOR} == memory.SERVER_ALLOCATOR
    deadline = time.time() + 90
    kernels: list[psutil.Process] = []
    while time.time() < deadline and not kernels:  # the dashboard's pool starts kernels at boot
        kernels = [p for p in server.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        time.sleep(0.5)
    assert kernels, "no kernel started"
    read = 0
    for kernel in kernels:
        try:
            environ = _environ(kernel)
        except FileNotFoundError:  # a kernel of an earlier test's session, culled since it was listed
            continue
        read += 1
        inherited = set(memory.SERVER_ALLOCATOR) & set(environ)
        assert not inherited, f"a kernel inherited the server's allocator settings {inherited}"
    assert read, "every kernel listed was gone before its environment could be read"
    log = voila_server.log_path.read_text()
    deadline = time.time() + memory.TRIM_INTERVAL_S + 15
    while "free memory goes back to the system" not in log and time.time() < deadline:
        time.sleep(1)
        log = voila_server.log_path.read_text()
    assert "free memory goes back to the system" in log


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_cycle_collector_runs_only_after_pages_were_served(monkeypatch):
    runs = []
    monkeypatch.setattr(memory.gc, "collect", lambda: runs.append(1))
    clock = _Clock()
    collector = memory.CycleCollector(30.0, clock=clock)
    assert collector.collect_if_due() is None and runs == []  # nothing served: no garbage to look for
    collector.page_served()
    assert collector.collect_if_due() is not None and runs == [1]
    assert collector.collect_if_due() is None  # nothing served since
    collector.page_served()
    clock.now += 30
    assert collector.collect_if_due() is not None and runs == [1, 1]


def test_a_slow_collection_puts_the_next_one_off_so_the_pause_stays_within_budget(monkeypatch):
    clock = _Clock()
    ticks = iter([0.0, 2.0])  # perf_counter around the collection: it took 2 s (a pool of 50 renderers)
    monkeypatch.setattr(memory.time, "perf_counter", lambda: next(ticks))
    monkeypatch.setattr(memory.gc, "collect", lambda: None)
    collector = memory.CycleCollector(30.0, clock=clock)
    collector.page_served()
    assert collector.collect_if_due() == 2.0
    wait = collector.next_due - clock.now
    assert wait == 30.0 * 2.0 / collector.COLLECT_BUDGET_S  # 2 s of pause spread over 40 intervals
    collector.page_served()
    clock.now += wait - 1
    assert collector.collect_if_due() is None
