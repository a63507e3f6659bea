"""Shared fixtures: the real content, and throw-away copies of it for tests that break things."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from legcramps.content import CACHE_ENV, Content, clear_cache, default_root, load

REPO = Path(__file__).resolve().parent.parent

# Content snapshots (legcramps.content) of a test run go to a folder of its own, never the user's cache; the
# Voilà servers the tests start, and their kernels, inherit it. A test about snapshots sets its own.
os.environ.setdefault(CACHE_ENV, tempfile.mkdtemp(prefix="legcramps-test-cache-"))


@pytest.fixture(scope="session")
def content() -> Content:
    return load()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may edit; the loader cache is cleared around it."""
    target = tmp_path / "content"
    shutil.copytree(default_root(), target)
    clear_cache()
    yield target
    clear_cache()


# ---------------------------------------------------------------- a real Voilà server and a real browser

import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VoilaServer:
    """Voilà serving notebooks/ with the committed config, as `make run` does, on a free loopback port."""

    def __init__(self, extra_args: list[str] | None = None, env: dict[str, str] | None = None,
                 port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = REPO / "tests" / "results" / f"voila-{self.port}.log"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        # the site's launcher (legcramps.serve: Voilà with memory handed back), as `make run` starts it
        cmd = [sys.executable, "-m", "legcramps.serve", "--no-browser", f"--port={self.port}", "--Voila.ip=127.0.0.1",
               *(extra_args or [])]
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self.proc = subprocess.Popen(cmd, cwd=REPO / "notebooks", stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"voila exited: {self.log_path.read_text()}") from None
                time.sleep(0.3)
        raise RuntimeError("voila did not start within 60 s")

    def page(self, notebook: str, query: str = "") -> str:
        return f"{self.url}/voila/render/{notebook}" + (f"?{query}" if query else "")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def voila_server():
    server = VoilaServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make install` (it apt-get installs chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def wait_for_app(pg, selector: str = ".lc-root", timeout: float = 90_000) -> None:
    """Wait until Voilà has executed the notebook and our widgets are on the page."""
    pg.wait_for_selector(selector, timeout=timeout)
