"""Shared fixtures: the real content, and throw-away copies of it for tests that break things."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from legcramps.content import CACHE_ENV, Content, clear_cache, default_root, load
from legcramps.voila.harness import VoilaProcess, free_port  # noqa: F401 - free_port: for the tests

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

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: The tests' browser reaches this machine only: no page may depend on another host (a CDN, fonts, analytics).
BLOCK_OTHER_HOSTS = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"


class VoilaServer(VoilaProcess):
    """The site's launcher serving notebooks/ with the committed config, as `make run` does, on a free loopback
    port; ready when made. Its log: tests/results/voila-<port>.log."""

    def __init__(self, extra_args: list[str] | None = None, env: dict[str, str] | None = None,
                 port: int | None = None):
        super().__init__(REPO / "notebooks", ["--no-browser", "--Voila.ip=127.0.0.1", *(extra_args or [])], env=env,
                         log_dir=REPO / "tests" / "results", port=port)
        self.wait_ready(timeout=60)


@pytest.fixture(scope="session")
def voila_server():
    server = VoilaServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def static_site():
    """The in-browser edition, built from the real content as `make site` builds it, served by Python's static
    file server as a classroom laptop would (legcramps.browser.harness)."""
    from legcramps.browser.build import SiteError, build
    from legcramps.browser.harness import StaticSite

    out = REPO / "tests" / "results" / "site"
    try:
        build(out)
    except SiteError as exc:
        pytest.fail(str(exc))
    site = StaticSite(out)
    yield site
    site.stop()


@pytest.fixture(params=["voila", "static"])
def edition(request):
    """Each edition in turn, for the browser scenarios both must pass: one test list, two editions."""
    return request.getfixturevalue("voila_server" if request.param == "voila" else "static_site")


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make install` (it apt-get installs chromium)")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*CHROMIUM_ARGS, BLOCK_OTHER_HOSTS])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def wait_for_app(pg, selector: str = ".jupyter-widgets.lc-root", timeout: float = 90_000) -> None:
    """Wait until Voilà has executed the notebook and our widgets are on the page."""
    pg.wait_for_selector(selector, timeout=timeout)
