"""What runs in the reader's browser (Pyodide, in a Web Worker): the Jupyter widgets' messages without a kernel.

Why: in the Voilà edition a widget's Python half talks to its JavaScript half through a kernel (Jupyter's
"comm" messages over a websocket). In the browser there is no kernel: Python runs in a Web Worker and the
widgets' JavaScript half (`@jupyter-widgets/html-manager`) on the page. The `comm` package that ipywidgets
uses is made to be replaced for exactly this: `comm.create_comm` returns our `BrowserComm`, whose messages
go to the page with `postMessage`, and the page's messages come back through `receive`. That is the whole
bridge: the dashboard itself is the same `legcramps.ui.Dashboard` that Voilà runs, on the same content, engine
and render code (docs/architecture.md, "The in-browser edition").

This module must import in CPython too (tests/unit/test_browser_runtime.py drives it with a fake page):
the page's `postMessage` is passed in, never imported from Pyodide's `js` module here.
"""

from __future__ import annotations

import functools
import json
import pickle
from collections.abc import Callable
from typing import Any

import comm
from comm.base_comm import BaseComm

#: The page's side of the bridge: post(kind, message as JSON, binary buffers).
Post = Callable[[str, str, list], None]

_post: Post | None = None
#: The id of the page's message being handled (see `BrowserComm.publish_msg`), None outside `receive`.
_parent: str | None = None


class BrowserComm(BaseComm):
    """A comm whose messages go to the page (`comm_open`, `comm_msg`, `comm_close`), not to a kernel."""

    def publish_msg(self, msg_type: str, data: dict | None = None, metadata: dict | None = None,
                    buffers: list | None = None, **keys: Any) -> None:
        if _post is None:
            raise RuntimeError("legcramps.browser.runtime.connect() was not called")
        # `parent`: the page's message this one answers. ipywidgets' JavaScript drops an echo of a value it has
        # since changed again only when it can tell which of its messages the echo answers (as a kernel's
        # parent_header tells it); without it, keys pressed fast on a slider were rolled back by old echoes.
        message = {"comm_id": self.comm_id, "target_name": self.target_name, "data": data or {},
                   "metadata": metadata or {}, "parent": _parent}
        _post(msg_type, json.dumps(message), [bytes(b) for b in buffers or []])


def connect(post: Post) -> None:
    """Send every widget's messages to the page through `post` (call before any widget is made)."""
    global _post
    _post = post
    comm.create_comm = BrowserComm


def receive(comm_id: str, data_json: str, buffers: list | None = None, msg_id: str | None = None) -> None:
    """A message from a widget's JavaScript half (a slider moved, a button clicked) to its Python half;
    every message Python sends while handling it names `msg_id` as its parent."""
    global _parent
    target = comm.get_comm_manager().get_comm(comm_id)
    if target is None:  # a view of a widget Python has closed: nothing to update
        return
    _parent = msg_id
    try:
        target.handle_msg({"content": {"comm_id": comm_id, "data": json.loads(data_json)},
                           "buffers": [memoryview(_bytes(b)) for b in buffers or []], "metadata": {}})
    finally:
        _parent = None


def _bytes(buffer) -> bytes:
    """A buffer from the page: a JavaScript ArrayBuffer under Pyodide (`to_bytes`), bytes in tests."""
    return bytes(buffer) if isinstance(buffer, bytes | bytearray | memoryview) else buffer.to_bytes()


@functools.cache
def load_content(path: str):
    """The validated content the site was built with (`legcramps.browser.bundle` pickles it at build time).

    The browser has neither PyYAML nor pydantic: the build validated the files, so the page loads the result
    (once: a page's live parts share it).
    """
    from legcramps.content import Content

    with open(path, "rb") as f:
        content = pickle.load(f)
    if not isinstance(content, Content):
        raise TypeError(f"{path} does not hold the site's content")
    return content


def prepare(content_path: str) -> None:
    """Import the code of every kind of live part and load the content, before any widget exists.

    Why here, for all kinds at once: the worker keeps Python's memory as it is after this call (a memory
    snapshot, static/site/worker.mjs), and a repeat visit to any page starts from it. So it holds what the
    parts need and nothing of one page: no widget, no reference to the page's JavaScript.
    """
    import legcramps.render.links
    import legcramps.ui.dashboard
    import legcramps.ui.explorer
    import legcramps.ui.quiz  # noqa: F401

    load_content(content_path)


def start(part: dict, content_path: str, query: str) -> str:
    """Build one live part of a page and return the id of the widget the page shows in its place.

    `part` is the notebook cell's `live` metadata (legcramps.notebooks): the dashboard (with this address's
    share link), a cause page's explorer (its figure was drawn at build time: the browser has no matplotlib)
    or its quiz. Each is the same `legcramps.ui` class the Voilà edition runs.
    """
    from legcramps.render.links import STATIC

    content = load_content(content_path)
    kind = part.get("part")
    if kind == "dashboard":
        from legcramps.ui.dashboard import Dashboard

        view = Dashboard(content, query=query, links=STATIC)
    elif kind == "explore":
        from legcramps.ui.explorer import CauseExplorer

        view = CauseExplorer(part["causes"], content, figure=False)
    elif kind == "quiz":
        from legcramps.ui.quiz import Quiz

        view = Quiz(part["slug"], content)
    else:
        raise ValueError(f"unknown live part {kind!r}")
    _alive.append(view)  # the page's views live as long as the page
    return view.widget.model_id


def open_link(query: str) -> None:
    """One of the dashboard's own links, followed in place (a class-mode card; live.js keeps the address):
    the dashboard shows what a fresh page at that address would."""
    for view in _alive:
        if hasattr(view, "open_link"):
            view.open_link(query)


_alive: list = []
