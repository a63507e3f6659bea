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
- runs the cycle collector and then glibc's `malloc_trim(0)` every TRIM_INTERVAL_S seconds: dead reference
  cycles are freed, then free heap pages go back to the system (a no-op where the C library has no
  malloc_trim). Each page's renderer (async generators, Jinja contexts, the executed notebook: ~0.7 MB) is
  such a cycle; left to CPython's rare full collections, dozens of them piled up under a burst of visits,
  the heap grew by tens of MB, and the few long-lived objects made meanwhile kept its pages from going
  back. Everything that exists when the server starts (modules, config, templates) is frozen first
  (`gc.freeze()`), so a collection only walks what visits made since: ~10–15 ms here, every 30 s;
- sets the `_xsrf` cookie on every page it serves. Voilà's page sends a shutdown beacon when the tab closes,
  with the `_xsrf` value it reads from that cookie; Voilà 0.5 never sets the cookie, so the beacon was refused
  (403, voila-dashboards/voila#1458) and every closed tab's kernel (~100 MB) lived until the idle culler came
  15 minutes later. The shutdown endpoint stays protected as before: the form value must match the cookie,
  which another site cannot read, and jupyter_server's API handlers also check the Origin header.

Measured with the churn test (RSS after 100 abandoned sessions and the cull, compared with after one warm-up
session): +74 % with plain Voilà; +32 % with glibc malloc and the trim alone; +3.5 % with all of the above and
the shared event logger of `legcramps.server` (20 sessions: +49 % → +2.3 %). Everything else is Voilà as
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


def _start_trimming() -> None:
    """Schedule the trim on the loop Voilà will run (IOLoop.current() is the same object before and after)."""
    from tornado.ioloop import PeriodicCallback

    interval = float(os.environ.get("LEGCRAMPS_TRIM_INTERVAL_S", TRIM_INTERVAL_S))
    first = [True]

    def trim() -> None:
        started = time.perf_counter()
        gc.collect()  # dead reference cycles first (closed pages' renderers): their memory is what goes back
        available = malloc_trim()
        if first[0]:
            first[0] = False
            log.info("legcramps.serve: free memory goes back to the system every %g s (malloc_trim %s; "
                     "%.1f ms with the collection)", interval, "available" if available else "not available here",
                     1000 * (time.perf_counter() - started))

    PeriodicCallback(trim, interval * 1000).start()


def voila_app_class() -> type:
    """Voilà's application, serving its pages with a handler that also sets the `_xsrf` cookie."""
    from voila.app import Voila as VoilaApp
    from voila.tornado.handler import TornadoVoilaHandler

    class PageHandler(TornadoVoilaHandler):
        async def prepare(self, *args, **kwargs):
            await super().prepare(*args, **kwargs)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie the page's shutdown beacon sends back

    class Voila(VoilaApp):  # the same name: its logger ("Voila") and config sections stay Voilà's
        def start(self) -> None:
            # Everything made so far (modules, config, templates, handlers) lives as long as the server: take
            # it out of the cycle collector's view, so each collection only walks what visits made since.
            gc.collect()
            gc.freeze()
            super().start()

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
