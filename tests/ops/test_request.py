"""A preheated kernel learns its visitor's share link over Voilà's query socket (legcramps.voila.visitor)."""

from __future__ import annotations

import asyncio
import json
import os
import threading

import pytest
from tornado.web import Application
from tornado.websocket import WebSocketHandler

from legcramps.voila import visitor
from tests.conftest import free_port


class _QuerySocket(WebSocketHandler):
    """Plays Voilà's RequestInfoSocketHandler: sends the request info for the kernel id in the URL."""

    def open(self, kernel_id: str) -> None:
        self.write_message(json.dumps({"QUERY_STRING": f"footwear=high_heels&for={kernel_id}",
                                       "SERVER_PORT": 8866}))


@pytest.fixture
def query_server(monkeypatch):
    port = free_port()
    ready = threading.Event()
    loop = asyncio.new_event_loop()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        Application([(r"/base/voila/query/(.*)", _QuerySocket)]).listen(port, "127.0.0.1")
        loop.call_soon(ready.set)
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    for key, value in {"VOILA_PREHEAT": "True", "VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": str(port),
                       "VOILA_SERVER_URL": "/base/", "VOILA_KERNEL_ID": "k-123"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    yield port
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)


def test_a_preheated_kernel_receives_its_visitors_query(query_server):
    received = visitor.wait_for_request()
    assert received["QUERY_STRING"] == "footwear=high_heels&for=k-123"
    assert os.environ["QUERY_STRING"] == "footwear=high_heels&for=k-123"
    assert os.environ["SERVER_PORT"] == "8866"  # values become strings, as environment variables must


def test_outside_a_preheated_kernel_it_returns_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    assert visitor.wait_for_request() == {}
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    assert visitor.wait_for_request() == {}


def test_an_unreachable_server_means_default_answers_not_a_hang(monkeypatch, caplog):
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.setenv("VOILA_APP_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("VOILA_KERNEL_ID", "k-404")
    monkeypatch.setattr(visitor, "CONNECT_TIMEOUT_S", 3.0)
    assert visitor.wait_for_request() == {}
    assert "Could not reach" in caplog.text


def test_the_dashboard_does_not_import_voilas_server_into_the_kernel():
    import subprocess
    import sys

    server_side = ('voila', 'jupyter_server', 'jupyter_events', 'websockets', 'legcramps.voila.kernels',
                   'legcramps.voila.launcher', 'legcramps.voila.websocket', 'legcramps.voila.harness')
    code = ("import sys; from legcramps.ui.dashboard import Dashboard; "
            f"print(sorted(m for m in {server_side!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
