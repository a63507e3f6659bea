"""Every notebook renders in a real Voilà server (the committed notebooks/voila.json): HTTP 200, no
traceback, no error output, no Python source on the page.

With `progressive_rendering` off (the default, and what notebooks/voila.json keeps) Voilà 0.5 executes the
whole notebook while it streams the response, so the body read to the end is the final page: every cell's
output, no source (strip_sources) and, had a cell failed, Voilà's "There was an error when executing cell"
note in place of the traceback (show_tracebacks=False). The pages are fetched two
at a time once per module (a render is mostly kernel start-up, and CI has two cores).
"""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.server

NOTEBOOKS = REPO / "notebooks"
FILES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
#: Text that only appears when a cell failed or leaked its source or a traceback.
FORBIDDEN = ["Traceback", "There was an error when executing cell", "jp-OutputArea-error",
             "application/vnd.jupyter.stderr", "lc-error", "from legcramps", "import "]


def get(url: str, timeout: float = 120) -> tuple[int, str, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8"), time.perf_counter() - start
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), time.perf_counter() - start


@pytest.fixture(scope="module")
def rendered(voila_server) -> dict[str, tuple[int, str, float]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(FILES, pool.map(lambda name: get(voila_server.page(name)), FILES), strict=True))
    print("\nVoilà render times: " + ", ".join(f"{n} {t:.1f}s" for n, (_, _, t) in results.items()))
    return results


def code_lines(name: str) -> list[str]:
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lines += [line.strip() for line in src.splitlines() if line.strip()]
    return lines


def scripts_removed(page: str) -> str:
    """The page without <script>/<style> blocks: Voilà's own JavaScript legitimately says `import`."""
    out, pos = [], 0
    lower = page.lower()
    while True:
        start = min((i for i in (lower.find("<script", pos), lower.find("<style", pos)) if i >= 0), default=-1)
        if start < 0:
            out.append(page[pos:])
            return "".join(out)
        tag = "</script>" if lower.startswith("<script", start) else "</style>"
        out.append(page[pos:start])
        end = lower.find(tag, start)
        pos = len(page) if end < 0 else end + len(tag)


def page_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", scripts_removed(page)))


@pytest.mark.parametrize("name", FILES)
def test_page_renders_with_status_200(name, rendered):
    status, body, _ = rendered[name]
    assert status == 200, body[-2000:]
    assert "application/vnd.jupyter.widget-view+json" in body, "the widgets are on the page"


@pytest.mark.parametrize("name", FILES)
def test_page_has_no_traceback_or_error_output(name, rendered):
    _, body, _ = rendered[name]
    visible = scripts_removed(body)
    found = [word for word in FORBIDDEN if word in visible]
    assert not found, f"{name} shows {found}"


@pytest.mark.parametrize("name", FILES)
def test_page_shows_no_code(name, rendered):
    _, body, _ = rendered[name]
    text = page_text(body)  # highlighted source is split into <span>s: compare the text a reader sees
    leaked = [line for line in code_lines(name) if line in body or line in text]
    assert not leaked, f"{name} shows its source: {leaked} (strip_sources must stay on)"
    assert "jp-InputPrompt" not in body and "jp-CodeMirrorEditor" not in body


@pytest.mark.parametrize("name", [f for f in FILES if f != "dashboard.ipynb"])
def test_cause_page_shows_the_outline_and_its_parts(name, rendered):
    _, body, _ = rendered[name]
    for heading in ("What you will learn", "Try it", "What the evidence says", "Quiz", "Sources and words"):
        assert f">{heading}<" in body.replace("\n", ""), f"{name}: no '{heading}' heading"
    for part in ("lc-disclaimer", "lc-nav", "lc-evidence", "lc-source-list", "lc-term"):
        assert part in body, f"{name}: no {part}"


def test_a_missing_notebook_is_a_plain_404(voila_server):
    status, body, _ = get(voila_server.page("no-such-page.ipynb"))
    assert status == 404
    assert "Traceback" not in body and "File " not in body and ".py" not in scripts_removed(body)


def test_files_outside_the_allow_list_are_not_served(voila_server):
    status, body, _ = get(voila_server.url + "/voila/files/voila.json")
    assert status in (403, 404), "only images and CSS are served as files"
    assert "Traceback" not in body
