"""Start the site's Voilà server on a free loopback port, wait until it answers, and stop it: one harness for the
tests (tests/conftest.py), the benchmarks (benchmarks/bench_servers.py) and the capacity measurement
(deploy/measure_capacity.py).

Never used by the site itself, nor by a kernel. Imports the standard library only (psutil, a development
dependency, when a caller asks for the server's kernels or stops a server whose kernels are still running).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

#: The launcher, as `make run` and the Dockerfile start it (`legcramps.voila.launcher`).
LAUNCHER = [sys.executable, "-m", "legcramps.voila"]
#: A kernel process names its connection file, kernel-<kernel id>.json, on its command line.
KERNEL_FILE = re.compile(r"kernel-([0-9a-f-]{36})\.json")


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VoilaProcess:
    """One server process on a free loopback port, started in `root` (the launcher unless `command` says
    otherwise, e.g. a Jupyter server for the hub figures). It starts at once; `wait_ready` (or `ready`, from
    async code, so several servers can start together) waits until `ready_path` answers.

    The log goes to `log_dir/<log_name>-<port>.log`, or nowhere without `log_dir`.
    """

    def __init__(self, root: Path, args: list[str] | None = None, *, env: dict[str, str] | None = None,
                 log_dir: Path | None = None, log_name: str = "voila", port: int | None = None,
                 command: list[str] | None = None, ready_path: str = "/", name: str = "voila"):
        self.name = name
        self.root = Path(root)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.ready_path = ready_path
        self.args = [*(args or [])]
        self.command = [*(command or LAUNCHER), *self.args, f"--port={self.port}"]
        self.log_path: Path | None = None
        if log_dir is not None:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
            self.log_path = Path(log_dir) / f"{log_name}-{self.port}.log"
        self._log = open(self.log_path or os.devnull, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(self.command, cwd=self.root, stdout=self._log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the server answers `ready_path`; RuntimeError (with its log) if it exits or takes too long."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + self.ready_path, timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited ({self.command}):\n{self.log_text()}") from None
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not start within {timeout:.0f} s ({self.command})")

    async def ready(self, timeout: float = 90) -> None:
        """`wait_ready` for async callers: the event loop (and other servers' start-up) goes on meanwhile."""
        await asyncio.to_thread(self.wait_ready, timeout)

    def page(self, notebook: str, query: str = "") -> str:
        """The address of a notebook's dashboard page, with a share link's query if given."""
        return f"{self.url}/voila/render/{notebook}" + (f"?{query}" if query else "")

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path else ""

    def log_count(self, needle: str) -> int:
        """How often the server has logged `needle` so far."""
        return self.log_text().count(needle)

    def kernels(self) -> dict:
        """Kernel id → kernel process (psutil), for the kernels this server started and still runs."""
        import psutil

        found = {}
        with contextlib.suppress(psutil.Error):
            for child in psutil.Process(self.proc.pid).children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    cmdline = " ".join(child.cmdline())
                    match = KERNEL_FILE.search(cmdline)
                    if match and "ipykernel" in cmdline:
                        found[match.group(1)] = child
        return found

    def shutdown_kernel(self, kernel_id: str) -> int:
        """POST Voilà's own shutdown endpoint, as its beforeunload beacon does, with a matching _xsrf pair; the
        HTTP status (0 when the server did not answer)."""
        token = os.urandom(16).hex()
        request = urllib.request.Request(f"{self.url}/voila/api/shutdown/{kernel_id}", method="POST",
                                         data=f"_xsrf={token}".encode(),
                                         headers={"Cookie": f"_xsrf={token}",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0

    def stop(self, timeout: float = 20) -> None:
        """Terminate the server, and kill any kernel it left behind (so runs do not pile up)."""
        children = self._children()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        for child in children:
            with contextlib.suppress(Exception):
                child.kill()
        self._log.close()

    def _children(self) -> list:
        try:
            import psutil

            return psutil.Process(self.proc.pid).children(recursive=True)
        except Exception:  # psutil missing, or the server already gone
            return []
