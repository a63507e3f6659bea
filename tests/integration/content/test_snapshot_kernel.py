"""A kernel that uses checked content pays for none of the checking libraries (the validated snapshot).

`content.load()` pickles a good load; a later process unpickles it. Proved in fresh interpreters, as a
Voilà kernel starts, because nothing imported by pytest may hide an import. Each test starts two Python
processes that import the widgets, so they live with the integration tests; the snapshot's own rules are
unit tests in tests/unit/content/test_snapshot.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from legcramps.content import CACHE_ENV
from tests.conftest import REPO

#: What validation and rendering need, and a kernel that only uses content must not import.
HEAVY = ("pydantic", "yaml", "markdown_it", "nh3", "legcramps.content.loader", "legcramps.content.files")


# ---------------------------------------------------------------- a fresh kernel-like process

DASHBOARD = """
import json, sys
heavy = {heavy!r}
before = [m for m in heavy if m in sys.modules]
from legcramps.ui.dashboard import Dashboard
d = Dashboard(query="")
print(json.dumps({{"before": before, "after": [m for m in heavy if m in sys.modules],
                   "care": d.care.widget.value, "causes": d.causes.widget.value}}))
"""

#: Every code cell of every page notebook, as the kernel runs them, and the HTML each result shows
#: (with every quiz answer checked once, since feedback is rendered on a click).
PAGES = """
import ast, json, sys
heavy = {heavy!r}
from legcramps.content import load
from legcramps.notebooks import page_notebook

def shown_html(obj):
    if hasattr(obj, "_repr_html_"):
        return [obj._repr_html_()]
    out = [q.answer(i) for q in getattr(obj, "questions", ()) for i in range(len(q.question.answers))]
    todo = [obj.widget]
    while todo:
        w = todo.pop(0)
        todo += list(getattr(w, "children", ()))
        value = getattr(w, "value", None)
        if isinstance(value, str) and "data:image/png" not in value:
            out.append(value)
    return out

content = load()
html = []
for page in content.pages:
    scope = {{}}
    for cell in page_notebook(page.slug, content)["cells"]:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(cell["source"])
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, page.slug, "exec"), scope)
        if last is not None:
            shown = eval(compile(ast.Expression(last.value), page.slug, "eval"), scope)
            html += shown_html(shown)
print(json.dumps({{"after": [m for m in heavy if m in sys.modules], "html": html}}))
"""


def run_fresh(script: str, env: dict[str, str]) -> dict:
    proc = subprocess.run([sys.executable, "-c", script.format(heavy=HEAVY)], capture_output=True, text=True,
                          timeout=180, cwd=REPO, env={**os.environ, "QUERY_STRING": "", **env})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_dashboard_kernel_with_a_snapshot_imports_no_validator_and_no_markdown(tmp_path):
    env = {CACHE_ENV: str(tmp_path / "cache")}
    cold = run_fresh(DASHBOARD, env)  # validates, writes the snapshot
    assert len(list((tmp_path / "cache").glob("content-*.pickle"))) == 1, "one snapshot written"
    warm = run_fresh(DASHBOARD, env)
    assert warm["before"] == [], "the test itself must start clean"
    assert warm["after"] == [], f"a dashboard using a snapshot imported {warm['after']}"
    assert warm["care"] == cold["care"] and 'class="lc-care' in warm["care"]
    assert warm["causes"] == cold["causes"]


def test_every_page_renders_from_the_snapshot_without_markdown_or_pydantic(tmp_path):
    env = {CACHE_ENV: str(tmp_path / "cache")}
    cold = run_fresh(PAGES, env)
    warm = run_fresh(PAGES, env)
    assert warm["after"] == [], (f"rendering the pages imported {warm['after']}: a text they render is missing "
                                 "from Content.passages(), so it is not pre-rendered")
    assert warm["html"] == cold["html"]
