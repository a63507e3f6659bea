"""The Voilà server: websockets send each message at once (TCP_NODELAY), kernels use IPC, one event logger."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging

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


def test_voila_json_gives_every_kernel_the_shared_event_logger():
    config = json.loads((REPO / "notebooks" / "voila.json").read_text())
    assert config["MappingKernelManager"]["kernel_manager_class"] == "legcramps.server.SharedEventLogKernelManager"


def test_kernel_managers_under_voila_share_one_event_logger_and_add_no_logger():
    """A kernel manager per visit used to leave one `logging` logger behind for good (and re-read its schema)."""
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets.config import Application

    app = Application()  # like Voilà: an application without an event_logger of its own
    multi = AsyncMappingKernelManager(parent=app, kernel_manager_class="legcramps.server.SharedEventLogKernelManager")
    first = multi.kernel_manager_factory(parent=multi)
    first.event_logger  # noqa: B018 - the first visit makes the shared logger
    loggers_before = set(logging.Logger.manager.loggerDict)
    managers = [multi.kernel_manager_factory(parent=multi) for _ in range(3)]
    assert all(m.event_logger is first.event_logger for m in managers)
    assert set(logging.Logger.manager.loggerDict) == loggers_before, "a visit left a logger behind"
    kernel_actions = "https://events.jupyter.org/jupyter_server/kernel_actions/v1"
    assert kernel_actions in managers[0].event_logger.schemas.schema_ids  # it still validates what kernels emit


def test_inside_a_jupyter_server_the_server_logger_is_used():
    from jupyter_events import EventLogger
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from traitlets import Instance
    from traitlets.config import Application

    class ServerLike(Application):
        event_logger = Instance(EventLogger, args=())

    app = ServerLike()
    multi = AsyncMappingKernelManager(parent=app, kernel_manager_class="legcramps.server.SharedEventLogKernelManager")
    assert multi.kernel_manager_factory(parent=multi).event_logger is app.event_logger
