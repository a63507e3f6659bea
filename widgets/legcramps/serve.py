"""Start the Voilà server the way the site runs it: `python -m legcramps.serve [voila options]`.

Why not plain `voila`: a public server starts and drops a kernel for every visit, and after a few hundred
visits plain Voilà kept 25–40 % more memory than it started with although its live Python objects had not
grown (tests/security/test_kernel_lifetime.py). The memory was free but kept by the allocators: CPython's
small-object allocator holds on to partly used 256 KiB arenas, and glibc keeps freed heap pages. So this
launcher

- runs the *server* process with `PYTHONMALLOC=malloc` (every Python object from glibc malloc, whose free
  pages can be handed back) and takes the variable out of the environment again before any kernel starts,
  so kernels keep CPython's faster default allocator;
- caps glibc at two malloc arenas and fixes its mmap threshold at 128 KiB, for the server only as well.
  Every thread that allocates (ZMQ's I/O thread, the executor threads kernels start from) otherwise gets an
  arena of its own that is never handed back (measured: 4 → 14 MB of such arenas over 100 visits), and glibc
  raises the threshold each time a large block is freed, after which large buffers land in the main heap
  and break it up instead of going back to the system when freed;
- runs the cycle collector (if pages were served, within a time budget: CycleCollector) and then glibc's
  `malloc_trim(0)` every TRIM_INTERVAL_S seconds: dead reference cycles are freed, then free heap pages go
  back to the system (a no-op where the C library has no malloc_trim). Each page's renderer (async
  generators, Jinja contexts, the executed notebook: ~0.7 MB) is such a cycle; left to CPython's rare full
  collections, dozens of them piled up under a burst of visits, the heap grew by tens of MB, and the few
  long-lived objects made meanwhile kept its pages from going back. Everything that exists when the server
  starts (modules, config, templates) is frozen first (`gc.freeze()`), so a collection only walks what
  visits made since: ~10–15 ms with the committed pool of 2;
- logs requests by path, never with their query string: the dashboard keeps a reader's answers there
  (`log_request_without_query`);
- sets the `_xsrf` cookie on every page it serves. Voilà's page sends a shutdown beacon when the tab closes,
  with the `_xsrf` value it reads from that cookie; Voilà 0.5 never sets the cookie, so the beacon was refused
  (403, voila-dashboards/voila#1458) and every closed tab's kernel (~100 MB) lived until the idle culler came
  15 minutes later. The shutdown endpoint stays protected as before: the form value must match the cookie,
  which another site cannot read, and jupyter_server's API handlers also check the Origin header.

Measured with the churn test (RSS after 100 abandoned sessions and the cull, compared with after one warm-up
session): +74 % with plain Voilà; +32 % with glibc malloc and the trim alone; +2 to +6 % with all of the above
and the shared event logger of `legcramps.server` (20 sessions: +49 % → +2.3 %). Everything else is Voilà as
configured by notebooks/voila.json.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import json
import logging
import os
import sys
import time

#: How often free memory is handed back to the system (LEGCRAMPS_TRIM_INTERVAL_S overrides it).
TRIM_INTERVAL_S = 30.0
#: The server's allocator settings (see above); kernels get the caller's own values back.
SERVER_ALLOCATOR = {"PYTHONMALLOC": "malloc", "MALLOC_ARENA_MAX": "2", "MALLOC_MMAP_THRESHOLD_": "131072"}
#: Set while re-executing: the caller's values of those variables (JSON; null where one was not set).
_SAVED = "LEGCRAMPS_SAVED_ALLOCATOR"

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


def _restore_kernel_environment() -> None:
    """Give kernels (which inherit os.environ) the allocator settings the caller had, not the server's."""
    for name, value in json.loads(os.environ.pop(_SAVED, "{}")).items():
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


def _start_trimming() -> None:
    """Schedule the trim on the loop Voilà will run (IOLoop.current() is the same object before and after)."""
    from tornado.ioloop import PeriodicCallback

    interval = COLLECTOR.interval_s
    first = {"trim": True, "collection": True}

    def trim() -> None:
        took = COLLECTOR.collect_if_due()  # dead reference cycles first: their memory is what goes back
        available = malloc_trim()
        if first["trim"]:
            first["trim"] = False
            log.info("legcramps.serve: free memory goes back to the system every %g s (malloc_trim %s)",
                     interval, "available" if available else "not available here")
        if took is not None and (first["collection"] or took > COLLECTOR.COLLECT_BUDGET_S):
            first["collection"] = False
            log.info("legcramps.serve: reference cycles collected in %.1f ms; next collection in %.0f s at the "
                     "earliest", 1000 * took, COLLECTOR.next_due - COLLECTOR.clock())

    PeriodicCallback(trim, interval * 1000).start()


def log_request_without_query(handler) -> None:
    """Tornado's access-log line, with the path instead of the full URI.

    The dashboard keeps a reader's answers in the query string (their share link, and the address bar that
    a reload sends back), and answers about health are private: the access log records which page was asked
    for, and how it went, but never the answers.
    """
    from tornado.log import access_log

    status = handler.get_status()
    method = access_log.info if status < 400 else access_log.warning if status < 500 else access_log.error
    request = handler.request
    method("%d %s %s (%s) %.2fms", status, request.method, request.path, request.remote_ip,
           1000.0 * request.request_time())


def voila_app_class() -> type:
    """Voilà's application, serving its pages with a handler that also sets the `_xsrf` cookie."""
    from voila.app import Voila as VoilaApp
    from voila.tornado.handler import TornadoVoilaHandler

    class PageHandler(TornadoVoilaHandler):
        async def prepare(self, *args, **kwargs):
            await super().prepare(*args, **kwargs)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie the page's shutdown beacon sends back
            COLLECTOR.page_served()

    class Voila(VoilaApp):  # the same name: its logger ("Voila") and config sections stay Voilà's
        def start(self) -> None:
            # Everything made so far (modules, config, templates, handlers) lives as long as the server: take
            # it out of the cycle collector's view, so each collection only walks what visits made since.
            gc.collect()
            gc.freeze()
            self.tornado_settings = {**self.tornado_settings, "log_function": log_request_without_query}
            super().start()

        def init_settings(self) -> dict:
            settings = super().init_settings()  # makes the kernel manager and starts filling its pools
            from legcramps.server import heal_pool

            heal_pool(self.kernel_manager)
            return settings

        def init_handlers(self) -> list:
            return [(rule[0], PageHandler, *rule[2:]) if len(rule) > 1 and rule[1] is TornadoVoilaHandler else rule
                    for rule in super().init_handlers()]

    return Voila


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if _SAVED not in os.environ:  # first pass: re-run this interpreter with the server's allocator settings
        saved = {name: os.environ.get(name) for name in SERVER_ALLOCATOR}
        env = {**os.environ, **SERVER_ALLOCATOR, _SAVED: json.dumps(saved)}
        os.execve(sys.executable, [sys.executable, "-m", "legcramps.serve", *args], env)
    _restore_kernel_environment()  # before Voilà starts any kernel: they inherit os.environ
    _start_trimming()
    sys.argv = ["voila", *args]
    voila_app_class().launch_instance()
    return 0


if __name__ == "__main__":
    sys.exit(main())
