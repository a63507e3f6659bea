"""The Voilà server is configured with kernel websockets that send each message at once (TCP_NODELAY)."""

from __future__ import annotations

import asyncio
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
    asyncio.run(connection.connect())
    assert calls == [("nodelay", True), ("connect", None)]
