"""Serve a built site (`make site`) with Python's own static file server on a free loopback port: the
in-browser edition as a classroom laptop or any static host serves it. For the tests (tests/conftest.py) and
the benchmarks, beside `legcramps.voila.harness`, with the same `page(notebook, query)` addresses, so one
browser scenario runs against both editions.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from legcramps.voila.harness import free_port


class StaticSite:
    """`python -m http.server` serving `root` on a free loopback port; ready when made."""

    name = "static"

    def __init__(self, root: Path, port: int | None = None, timeout: float = 30):
        self.root = Path(root)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen([sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1",
                                      "--directory", str(self.root)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(self.url + "/index.html", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"the static server for {self.root} did not start") from None
                time.sleep(0.2)

    def page(self, notebook: str, query: str = "") -> str:
        """The address of a page, named by its notebook as in the Voilà edition (`dashboard.ipynb`)."""
        name = notebook.removesuffix(".ipynb") + ".html"
        return f"{self.url}/{name}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
