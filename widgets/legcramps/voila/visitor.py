"""Wait for the visitor of a preheated Voilà kernel, and read their share link.

With `preheat_kernel` Voilà runs the dashboard notebook in a pool of kernels before anyone asks for the page,
so the page is served in milliseconds instead of seconds. The catch: while the notebook runs, nobody has asked
yet, so there is no `QUERY_STRING` (the share link's answers, `mode=class`). When a visitor arrives, Voilà
sends the request's variables over a websocket (`/voila/query/<kernel id>`) to a kernel that is listening.

Voilà's own helper, `voila.utils.wait_for_request`, does this too, but importing it pulls jupyter_server and
the whole Voilà server into every kernel (about 1.2 s and tens of MB per session, measured in
benchmarks/bench.py). Tornado is already loaded in every ipykernel, so this module speaks the same tiny
protocol with it. Outside a preheated kernel (JupyterLab, nbval, Voilà with a kernel per request) it returns at
once and `QUERY_STRING` is whatever the environment holds.

Runs inside every dashboard kernel: it may import the standard library and tornado, never jupyter_server,
voila or the rest of `legcramps.voila` (tests/ops/test_request.py checks a kernel's imports).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading

log = logging.getLogger(__name__)

#: How long to try to reach the server's query socket (not how long to wait for a visitor: that is unbounded,
#: a pooled kernel may wait hours for its visitor).
CONNECT_TIMEOUT_S = 10.0


def preheated() -> bool:
    """True in a kernel Voilà started ahead of any request (its pool sets VOILA_PREHEAT=True)."""
    return os.environ.get("VOILA_PREHEAT", "False") == "True"


def query_socket_url() -> str:
    """The websocket on which Voilà sends this kernel its request, built as voila.utils does."""
    protocol = os.environ.get("VOILA_WS_PROTOCOL", "ws")
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"


async def _receive(url: str) -> dict[str, str] | None:
    from tornado.websocket import websocket_connect

    try:
        connection = await asyncio.wait_for(websocket_connect(url), CONNECT_TIMEOUT_S)
    except (OSError, asyncio.TimeoutError) as exc:
        log.warning("Could not reach Voila's request socket %s: %s", url, exc)
        return None
    try:
        message = await connection.read_message()
    finally:
        connection.close()
    if message is None:
        return None
    try:
        info = json.loads(message)
    except (TypeError, ValueError):
        log.warning("Voila sent request info that is not JSON: %.80r", message)
        return None
    return {str(k): str(v) for k, v in info.items()} if isinstance(info, dict) else None


def wait_for_request() -> dict[str, str]:
    """Block until this preheated kernel's visitor arrives; put their request variables in `os.environ`.

    Runs the websocket in its own thread and event loop: the kernel's own loop is busy running this cell.
    Returns the variables received (empty when not preheated, or when the socket could not be reached, in
    which case the page simply starts from the default answers).
    """
    if not preheated():
        return {}
    received: dict[str, str] = {}

    def listen() -> None:
        loop = asyncio.new_event_loop()
        try:
            received.update(loop.run_until_complete(_receive(query_socket_url())) or {})
        finally:
            loop.close()

    thread = threading.Thread(target=listen, name="legcramps-wait-for-request", daemon=True)
    thread.start()
    thread.join()
    os.environ.update(received)
    return received
