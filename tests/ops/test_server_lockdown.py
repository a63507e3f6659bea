"""The public server runs no code a visitor sends and exposes no file or terminal API.

A visitor's browser talks to the kernel over a websocket. Voilà only lets widget messages through; these
tests send what an attacker would (an `execute_request` that writes a file) and check nothing ran, while a
harmless allowed message on the same socket does get an answer, so the test cannot pass by accident.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import re
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from tornado.websocket import websocket_connect

pytestmark = pytest.mark.server


def _kernel_id(html: str) -> str:
    match = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', html)
    assert match, "no kernel id in the served page"
    return match.group(1)


def _message(msg_type: str, content: dict, session: str) -> str:
    return json.dumps({
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "visitor", "session": session,
                   "date": "2026-01-01T00:00:00Z", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": [],
    })


async def _probe(ws_url: str, target: Path) -> tuple[set[str], bool]:
    """Send an execute_request and a kernel_info_request; return reply types seen and whether code ran."""
    session = uuid.uuid4().hex
    conn = await websocket_connect(ws_url)
    code = f"open({str(target)!r}, 'w').write('pwned')"
    conn.write_message(_message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                    "user_expressions": {}, "allow_stdin": False}, session))
    conn.write_message(_message("kernel_info_request", {}, session))
    seen: set[str] = set()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 8
    while loop.time() < deadline:
        try:
            raw = await asyncio.wait_for(conn.read_message(), timeout=max(0.1, deadline - loop.time()))
        except asyncio.TimeoutError:
            break
        if raw is None:
            break
        if isinstance(raw, str):
            seen.add(json.loads(raw)["header"]["msg_type"])
        if "kernel_info_reply" in seen and loop.time() > deadline - 5:
            break
    conn.close()
    return seen, target.exists()


def test_execute_request_from_a_visitor_is_refused(voila_server, tmp_path):
    html = urllib.request.urlopen(voila_server.page("dashboard.ipynb"), timeout=120).read().decode()
    kernel = _kernel_id(html)
    target = tmp_path / "pwned.txt"
    ws_url = voila_server.url.replace("http", "ws") + f"/api/kernels/{kernel}/channels"
    # A thread of its own: Playwright's sync API may already run an event loop in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        seen, ran = pool.submit(asyncio.run, _probe(ws_url, target)).result(timeout=60)
    assert "kernel_info_reply" in seen, f"the socket did not work at all: {seen}"
    assert "execute_reply" not in seen and "execute_input" not in seen
    assert not ran, "a visitor's code ran in the kernel"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/contents/evil.ipynb", {"type": "notebook", "content": {}}),
        ("POST", "/api/contents", {"type": "file"}),
        ("GET", "/api/contents", None),
        ("POST", "/api/terminals", {}),
        ("GET", "/terminals/1", None),
        ("POST", "/api/kernels", {"name": "python3"}),
        ("GET", "/lab", None),
        ("GET", "/tree", None),
    ],
)
def test_no_file_terminal_or_kernel_api(voila_server, method, path, body):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(voila_server.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status, text = response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        status, text = err.code, err.read().decode(errors="replace")
    assert status in (403, 404, 405), f"{method} {path} answered {status}"
    assert "Traceback" not in text
    assert not (Path(__file__).resolve().parents[2] / "notebooks" / "evil.ipynb").exists()
