"""Running the dashboard on a Voilà server: everything that is operations, not teaching.

Imports nothing: a dashboard kernel imports `legcramps.voila.visitor` and must not pay for the server side.

- `launcher` (+ `__main__`): `python -m legcramps.voila [voila options]`, Voilà as the site runs it;
- `memory`: the server's allocator settings, cycle collection and malloc_trim;
- `kernels`: kernel managers (one shared event logger, restarts remembered) and the healing preheated pool;
- `websocket`: kernel websockets with TCP_NODELAY;
- `visitor`: runs in the kernel: a preheated kernel waits for its visitor's request (tornado only);
- `harness`: starts the launcher on a free loopback port and stops it (tests, benchmarks, capacity).

`kernels`, `websocket` and `launcher` are loaded by the server (voila.json names the first two), never by a kernel.
"""
