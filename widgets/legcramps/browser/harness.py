"""Serve a built site (`make site`) with Python's own static file server on a free loopback port: the
in-browser edition as a classroom laptop or any static host serves it. For the tests (tests/conftest.py) and
the benchmarks, beside `legcramps.voila.harness`, with the same `page(notebook, query)` addresses, so one
browser scenario runs against both editions.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from legcramps.voila.harness import free_port


class StaticSite:
    """`python -m http.server` serving `root` on a free loopback port; ready when made."""

    name = "static"

    def __init__(self, root: Path, port: int | None = None, timeout: float = 30, log: Path | None = None):
        self.root = Path(root)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        #: The server's access log (one line per request), when asked for: the benchmarks count bytes sent.
        self.log = Path(log) if log else None
        self._log = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([sys.executable, "-u", "-m", "http.server", str(self.port), "--bind",
                                      "127.0.0.1", "--directory", str(self.root)],
                                     stdout=subprocess.DEVNULL, stderr=self._log)
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

    def sent(self, since: int = 0) -> list[str]:
        """The files sent whole (status 200) since access-log line `since`, as paths under `root`."""
        if self.log is None:
            return []
        lines = self.log.read_text(errors="replace").splitlines()[since:]
        found = [m.group(1) for m in (re.search(r'"GET (/[^ ?]*)[^ ]* HTTP/[0-9.]+" 200 ', line) for line in lines)
                 if m]
        return [urllib.parse.unquote(p.lstrip("/")) or "index.html" for p in found]

    def log_lines(self) -> int:
        return len(self.log.read_text(errors="replace").splitlines()) if self.log else 0

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self._log is not subprocess.DEVNULL:
            self._log.close()
