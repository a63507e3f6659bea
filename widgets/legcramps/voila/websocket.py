"""Kernel websockets that send each message at once; loaded by the Voilà server (voila.json), never by a kernel.

`LowLatencyConnection` turns Nagle's algorithm off on kernel websockets. One control move makes the kernel
send several messages in a row (busy, echo, the care card, causes, checklist, chart, idle). With Nagle on, the
server holds every message after the first until the browser acknowledges it, and browsers and TCP stacks
delay that acknowledgement by up to 40 ms (Linux) or 200 ms (others): measured here with a websocket client,
every update of a move arrived 44–48 ms after the move, all at once; with TCP_NODELAY, in a few ms. Tornado
leaves the choice to the application (`WebSocketHandler.set_nodelay`), and jupyter_server does not make it.
"""

from __future__ import annotations

from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection


class LowLatencyConnection(ZMQChannelsWebsocketConnection):
    """jupyter_server's kernel websocket connection, with TCP_NODELAY set once the socket is open."""

    async def connect(self):  # type: ignore[override]
        self.websocket_handler.set_nodelay(True)
        return await super().connect()
