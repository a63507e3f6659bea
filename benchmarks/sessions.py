"""Dashboard sessions without a browser: what a reader's browser asks of the server, over HTTP and a websocket.

Many sessions at once on one 2-core machine cannot each have a Chromium: a Chromium page costs about 4 CPU
seconds to lay out the dashboard (measured in benchmarks/bench.py), CPU that real readers spend on their own
devices, not on the server. So the concurrency and load figures use this client, which makes the same server
work happen as a page does:

1. GET the page (Voilà renders the notebook, or hands out a preheated kernel's pre-rendered page);
2. open the kernel websocket, `kernel_info_request`, then open the `jupyter.widget.control` comm and ask for
   every widget's state (`request_states`), as @jupyter-widgets/html-manager does before drawing anything;
3. "interactive" = the full widget state has arrived (the browser then needs ~100–250 ms of its own CPU to draw
   it; bench.py measures that with real Chromium pages in the same burst);
4. a control move = a `comm_msg` `update` of a control's `value`, as the widget front end sends it; the move
   is done when the kernel reports idle after handling it (every widget update it caused has been sent).

Only loopback servers started by the caller are targets; every wait is bounded by a timeout.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import struct
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tornado.httpclient import AsyncHTTPClient, HTTPClientError
from tornado.websocket import websocket_connect

KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
CONTROL_TARGET = "jupyter.widget.control"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _message(msg_type: str, content: dict, session: str, channel: str = "shell",
             metadata: dict | None = None) -> tuple[str, str]:
    msg_id = uuid.uuid4().hex
    return msg_id, json.dumps({
        "header": {"msg_id": msg_id, "msg_type": msg_type, "username": "bench", "session": session,
                   "date": "2026-01-01T00:00:00Z", "version": "5.3"},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": [],
    })


def decode_frame(raw: str | bytes) -> dict[str, Any]:
    """A message from jupyter_server's websocket: JSON text, or the binary form (offsets, JSON, buffers)."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = struct.unpack("!I", raw[:4])[0]
    offsets = struct.unpack(f"!{count}I", raw[4:4 + 4 * count])
    end = offsets[1] if count > 1 else len(raw)
    return json.loads(raw[offsets[0]:end].decode("utf-8"))


@dataclass
class WebsocketSession:
    """One reader's session: page, kernel socket, widget state, and what went wrong."""

    base_url: str
    path: str
    query: str = ""
    kernel_id: str | None = None
    tti_ms: float | None = None
    html_ms: float | None = None
    widget_models: int = 0
    errors: list[str] = field(default_factory=list)
    moves_ms: list[float] = field(default_factory=list)
    _conn: Any = None
    _session: str = field(default_factory=lambda: uuid.uuid4().hex)
    _states: dict[str, Any] = field(default_factory=dict)
    _replies: dict[str, asyncio.Future] = field(default_factory=dict)
    _reader: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"{self.base_url}/voila/render/{self.path}" + (f"?{self.query}" if self.query else "")

    async def open(self, timeout_s: float) -> bool:
        """Load the page and its widget state, as a browser would; True when the session is interactive."""
        start = time.monotonic()
        try:
            await asyncio.wait_for(self._open(start), timeout_s)
        except asyncio.TimeoutError:
            self.errors.append(f"not interactive within {timeout_s:.0f} s")
        except (OSError, HTTPClientError, ValueError, KeyError) as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}"[:300])
        return self.tti_ms is not None

    async def _open(self, start: float) -> None:
        response = await AsyncHTTPClient().fetch(self.url, request_timeout=600, raise_error=False)
        self.html_ms = (time.monotonic() - start) * 1000
        html = response.body.decode("utf-8", errors="replace") if response.body else ""
        if response.code != 200:
            raise ValueError(f"HTTP {response.code} for the page")
        if '"output_type": "error"' in html:
            raise ValueError("the page holds error output")
        match = KERNEL_ID.search(html)
        if WIDGET_VIEW not in html:
            kernel = match.group(1) if match else "none"
            raise ValueError(f"the page has no widgets (a cell's output was lost; kernel {kernel}, "
                             f"{len(html)} bytes of HTML)")
        if not match:
            raise ValueError("no kernel id in the page")
        self.kernel_id = match.group(1)
        ws_url = self.base_url.replace("http", "ws", 1) + f"/api/kernels/{self.kernel_id}/channels" \
            f"?session_id={self._session}"
        self._conn = await websocket_connect(ws_url, max_message_size=256 * 2**20)
        self._reader = asyncio.ensure_future(self._read())
        await self._request("kernel_info_request", {})
        comm_id = uuid.uuid4().hex
        states = asyncio.get_running_loop().create_future()
        self._replies["update_states"] = states
        self._send("comm_open", {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}},
                   metadata={"version": "1.0.0"})
        self._send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        self._states = await states
        self.widget_models = len(self._states)
        self.tti_ms = (time.monotonic() - start) * 1000

    def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id, text = _message(msg_type, content, self._session, metadata=metadata)
        self._conn.write_message(text)
        return msg_id

    async def _request(self, msg_type: str, content: dict) -> dict:
        """Send a message and wait until the kernel is idle again after it (its work and output are done)."""
        idle = asyncio.get_running_loop().create_future()
        msg_id = self._send(msg_type, content)
        self._replies[msg_id] = idle
        return await idle

    async def _read(self) -> None:
        while True:
            raw = await self._conn.read_message()
            if raw is None:
                break
            msg = decode_frame(raw)
            kind = msg.get("msg_type") or msg["header"]["msg_type"]
            parent = (msg.get("parent_header") or {}).get("msg_id")
            content = msg.get("content") or {}
            if kind == "status" and content.get("execution_state") == "idle" and parent in self._replies:
                self._replies.pop(parent).set_result(msg)
            elif kind == "comm_msg" and (content.get("data") or {}).get("method") == "update_states":
                waiter = self._replies.pop("update_states", None)
                if waiter and not waiter.done():
                    waiter.set_result(content["data"]["states"])
            elif kind == "error":
                self.errors.append(f"kernel error: {content.get('ename')}")

    def model_for(self, css_class: str) -> str | None:
        """The model id of the widget carrying a CSS class, e.g. `lc-factor-fluid_litres_per_day`."""
        for model_id, model in self._states.items():
            if css_class in (model.get("state") or {}).get("_dom_classes", ()):
                return model_id
        return None

    async def move(self, model_id: str, value: Any, timeout_s: float = 30.0) -> float | None:
        """Set a control's value as the widget front end does; ms until the kernel has sent every update."""
        start = time.monotonic()
        try:
            await asyncio.wait_for(self._request("comm_msg", {
                "comm_id": model_id, "data": {"method": "update", "state": {"value": value}, "buffer_paths": []}}),
                timeout_s)
        except asyncio.TimeoutError:
            self.errors.append(f"a move got no answer within {timeout_s:.0f} s")
            return None
        ms = (time.monotonic() - start) * 1000
        self.moves_ms.append(ms)
        return ms

    async def keep_moving(self, factor: str, values: tuple[Any, Any], seconds: float,
                          interval_s: tuple[float, float], rng: random.Random) -> None:
        """For `seconds`, move one factor's control back and forth between two values at random intervals."""
        model = self.model_for(f"lc-factor-{factor}")
        if model is None:
            self.errors.append(f"no {factor} control in the widget state")
            return
        deadline = time.monotonic() + seconds
        value = values[0]
        while time.monotonic() + interval_s[1] < deadline:
            await asyncio.sleep(rng.uniform(*interval_s))
            value = values[1] if value == values[0] else values[0]
            await self.move(model, value, timeout_s=30.0)

    def close(self) -> None:
        """Drop the connection abruptly, like a closed tab whose beacon never arrives."""
        if self._reader:
            self._reader.cancel()
        if self._conn is not None:
            self._conn.close()
