"""The Voilà server's memory handed back to the system: allocator settings, cycle collection, malloc_trim.

After a few hundred visits plain Voilà kept 25–40 % more memory than it started with although its live Python
objects had not grown (tests/ops/test_kernel_lifetime.py). The memory was free but kept by the allocators:
CPython's small-object allocator holds on to partly used 256 KiB arenas, and glibc keeps freed heap pages. So
the launcher (`legcramps.voila.launcher`)

- runs the *server* process with `PYTHONMALLOC=malloc` (every Python object from glibc malloc, whose free
  pages can be handed back) and takes the variable out of the environment again before any kernel starts,
  so kernels keep CPython's faster default allocator (`server_allocator_env`, `restore_kernel_environment`);
- caps glibc at two malloc arenas and fixes its mmap threshold at 128 KiB, for the server only as well.
  Every thread that allocates (ZMQ's I/O thread, the executor threads kernels start from) otherwise gets an
  arena of its own that is never handed back (measured: 4 → 14 MB of such arenas over 100 visits), and glibc
  raises the threshold each time a large block is freed, after which large buffers land in the main heap
  and break it up instead of going back to the system when freed;
- runs the cycle collector (if pages were served, within a time budget: `CycleCollector`) and then glibc's
  `malloc_trim(0)` every TRIM_INTERVAL_S seconds (`start_trimming`): dead reference cycles are freed, then
  free heap pages go back to the system (a no-op where the C library has no malloc_trim). Each page's
  renderer (async generators, Jinja contexts, the executed notebook: ~0.7 MB) is such a cycle; left to
  CPython's rare full collections, dozens of them piled up under a burst of visits, the heap grew by tens of
  MB, and the few long-lived objects made meanwhile kept its pages from going back.

Imports only the standard library (tornado when trimming starts).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import json
import logging
import os
import time

#: How often free memory is handed back to the system (LEGCRAMPS_TRIM_INTERVAL_S overrides it).
TRIM_INTERVAL_S = 30.0
#: The server's allocator settings (see above); kernels get the caller's own values back.
SERVER_ALLOCATOR = {"PYTHONMALLOC": "malloc", "MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
#: Set while re-executing: the caller's values of those variables (JSON; null where one was not set).
SAVED_ALLOCATOR_ENV = "LEGCRAMPS_SAVED_ALLOCATOR"

log = logging.getLogger("Voila")  # Voilà's own logger, so the line shows in the server log


@functools.cache
def _libc_malloc_trim():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to call
        return None


def malloc_trim() -> bool:
    """Give free heap memory back to the system (glibc); False where that is not available."""
    trim = _libc_malloc_trim()
    if trim is None:
        return False
    trim(0)  # its result only says whether anything was released this time
    return True


def runs_with_server_allocator() -> bool:
    """True once this process was re-executed with the server's allocator settings."""
    return SAVED_ALLOCATOR_ENV in os.environ


def server_allocator_env() -> dict[str, str]:
    """The environment to re-execute the server with: the server's allocator settings, and the caller's own
    values saved so that kernels can get them back (`restore_kernel_environment`)."""
    saved = {name: os.environ.get(name) for name in SERVER_ALLOCATOR}
    return {**os.environ, **SERVER_ALLOCATOR, SAVED_ALLOCATOR_ENV: json.dumps(saved)}


def restore_kernel_environment() -> None:
    """Give kernels (which inherit os.environ) the allocator settings the caller had, not the server's."""
    for name, value in json.loads(os.environ.pop(SAVED_ALLOCATOR_ENV, "{}")).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


class CycleCollector:
    """Runs the cycle collector after pages were served, within a time budget.

    A collection pauses the whole server (every open session's updates wait), and its cost grows with the live
    objects it walks: ~10 ms with the committed pool of 2, but 2 s with a pool of 50 preheated renderers. So it
    runs only if pages were served since the last one (nothing else makes renderer garbage), and when one takes
    longer than COLLECT_BUDGET_S the next waits proportionally longer: the server never spends more than
    that budget per trim interval paused, and big pools fall back to CPython's own, rarer full collections.
    """

    #: Pause allowed per trim interval.
    COLLECT_BUDGET_S = 0.05

    def __init__(self, interval_s: float, clock=time.monotonic) -> None:
        self.interval_s = interval_s
        self.clock = clock
        self.pages_served = 0
        self.next_due = 0.0

    def page_served(self) -> None:
        self.pages_served += 1

    def collect_if_due(self) -> float | None:
        """Collect if pages were served and the budget allows; the seconds it took, or None if it did not run."""
        now = self.clock()
        if not self.pages_served or now < self.next_due:
            return None
        self.pages_served = 0
        started = time.perf_counter()
        gc.collect()
        took = time.perf_counter() - started
        self.next_due = now + self.interval_s * max(1.0, took / self.COLLECT_BUDGET_S)
        return took


#: The server's collector, told by the page handler when a page was served.
COLLECTOR = CycleCollector(float(os.environ.get("LEGCRAMPS_TRIM_INTERVAL_S", TRIM_INTERVAL_S)))


def freeze_startup_objects() -> None:
    """Take everything made so far (modules, config, templates, handlers: it lives as long as the server) out
    of the cycle collector's view, so each collection only walks what visits made since (~10–15 ms)."""
    gc.collect()
    gc.freeze()


def start_trimming() -> None:
    """Schedule the trim on the loop Voilà will run (IOLoop.current() is the same object before and after)."""
    from tornado.ioloop import PeriodicCallback

    interval = COLLECTOR.interval_s
    first = {"trim": True, "collection": True}

    def trim() -> None:
        took = COLLECTOR.collect_if_due()  # dead reference cycles first: their memory is what goes back
        available = malloc_trim()
        if first["trim"]:
            first["trim"] = False
            log.info("legcramps.voila: free memory goes back to the system every %g s (malloc_trim %s)",
                     interval, "available" if available else "not available here")
        if took is not None and (first["collection"] or took > COLLECTOR.COLLECT_BUDGET_S):
            first["collection"] = False
            log.info("legcramps.voila: reference cycles collected in %.1f ms; next collection in %.0f s at the "
                     "earliest", 1000 * took, COLLECTOR.next_due - COLLECTOR.clock())

    PeriodicCallback(trim, interval * 1000).start()
