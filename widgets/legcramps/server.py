"""Server-side tuning for Voilà, loaded by the server from notebooks/voila.json (never by a kernel).

`LowLatencyConnection` turns Nagle's algorithm off on kernel websockets. One control move makes the kernel
send several messages in a row (busy, echo, the care card, causes, checklist, chart, idle). With Nagle on, the
server holds every message after the first until the browser acknowledges it, and browsers and TCP stacks
delay that acknowledgement by up to 40 ms (Linux) or 200 ms (others): measured here with a websocket client,
every update of a move arrived 44–48 ms after the move, all at once; with TCP_NODELAY, in a few ms. Tornado
leaves the choice to the application (`WebSocketHandler.set_nodelay`), and jupyter_server does not make it.

`SharedEventLogKernelManager` stops a leak of one logger per visit. jupyter_server's kernel manager (one per
kernel, so one per visit) reuses its server's event logger, but Voilà is not a jupyter_server ServerApp and has
none, so every kernel made a new `jupyter_events.EventLogger`. Each one registers a `logging` logger under a
unique name, which the logging module keeps for the life of the process, and reads, parses and validates the
kernel-actions event schema again (YAML and jsonschema: garbage spread through the heap, which then cannot be
handed back). Here all kernels share one logger, made on first use with the same schemas.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jupyter_events import EventLogger
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import default


class LowLatencyConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket connection, with TCP_NODELAY set once the socket is open."""

    async def connect(self):  # type: ignore[override]
        self.websocket_handler.set_nodelay(True)
        return await super().connect()


@functools.cache
def shared_event_logger(schema_paths: tuple[Path, ...]) -> EventLogger:
    """One event logger for every kernel of this server, with the schemas its kernel managers emit.

    (jupyter_events takes a schema file only as a Path: a str is read as the schema's own text.)"""
    logger = EventLogger()
    for path in schema_paths:
        logger.register_event_schema(path)
    return logger


class SharedEventLogKernelManager(ServerKernelManager):
    """jupyter_server's per-kernel manager, emitting through the one shared event logger."""

    @default("event_logger")
    def _default_event_logger(self) -> EventLogger:
        if hasattr(getattr(self.parent, "parent", None), "event_logger"):  # inside a jupyter_server: its logger
            return super()._default_event_logger()
        paths = tuple(Path(p) for p in (*self.core_event_schema_paths, *self.extra_event_schema_paths))
        return shared_event_logger(paths)
