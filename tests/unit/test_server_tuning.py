"""The Voilà server is configured with kernel websockets that send each message at once (TCP_NODELAY)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json

from legcramps import server
from tests.conftest import REPO


def test_voila_json_uses_the_low_latency_connection():
    config = json.loads((REPO / "notebooks" / "voila.json").read_text())
    assert config["Voila"]["kernel_websocket_connection_class"] == "legcramps.server.LowLatencyConnection"


def test_the_connection_turns_nagle_off_before_connecting(monkeypatch):
    calls = []

    class Handler:
        def set_nodelay(self, value):
            calls.append(("nodelay", value))

    async def parent_connect(self):
        calls.append(("connect", None))

    monkeypatch.setattr(server.ZMQChannelsWebsocketConnection, "connect", parent_connect)
    connection = server.LowLatencyConnection.__new__(server.LowLatencyConnection)
    connection._trait_values["websocket_handler"] = Handler()  # a traitlet: set it without its type check
    # a thread of its own: Playwright's sync API may already run an event loop in this one
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, connection.connect()).result(timeout=30)
    assert calls == [("nodelay", True), ("connect", None)]


def test_kernels_talk_over_unix_sockets_not_tcp_ports():
    """With TCP, 50 kernels starting at once could pick a port another process took in between ("Address
    already in use"): the kernel died and its visitor got a page without widgets (seen once in a 50-session
    burst). IPC sockets live in Voilà's private connection folder: no port to race for, nothing on the network."""
    config = json.loads((REPO / "notebooks" / "voila.json").read_text())
    assert config["KernelManager"]["transport"] == "ipc"
