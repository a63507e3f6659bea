"""The committed notebooks: outputs stripped, made by the generator, one idea and one call per cell.

The notebooks are generated from content/pages.yaml (`python -m legcramps notebooks`), so these tests are
cheap file checks; `make test` also executes every notebook with nbval (`pytest --nbval-lax notebooks/`).
"""

from __future__ import annotations

import ast
import json

import nbformat
import pytest

from legcramps.content import load
from legcramps.notebooks import dumps, expected_notebooks
from tests.conftest import REPO

NOTEBOOKS = REPO / "notebooks"
FILES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
CONTENT = load()
PAGES = [p.slug for p in CONTENT.pages]

#: The outline every cause page follows, in this order (written out here, not imported, so a change to the
#: generator's outline is a visible decision); the cause sections' headings are the content's (site.yaml).
BODY, WHO, HELPS, GET_HELP = (CONTENT.section_heading(s) for s in ("body", "who", "helps", "get_help"))
OUTLINE = ["What you will learn", BODY, WHO, "Try it", HELPS, GET_HELP, "What the evidence says", "Quiz",
           "Sources and words"]
#: Pages that may carry topic cells (and, for the start page, the table of pages) before the outline.
EXTRA_HEADINGS = {"00-start-here": ["The pages"], "08-when-to-get-help": []}
TOPIC_PAGES = {"00-start-here", "08-when-to-get-help"}


def read(name: str) -> dict:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))


def code_cells(nb: dict) -> list[str]:
    return [_source(c) for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def headings(nb: dict) -> list[str]:
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            out += [line.lstrip("#").strip() for line in _source(cell).splitlines() if line.startswith("## ")]
    return out


def test_the_registry_and_the_notebooks_folder_agree():
    expected = [f"{slug}.ipynb" for slug in PAGES] + ["dashboard.ipynb"]
    assert sorted(expected) == FILES, "every page in content/pages.yaml has a notebook, and nothing else is there"
    assert sorted(PAGES) == PAGES, "pages.yaml lists pages in the order of their NN- prefix"


@pytest.mark.parametrize("name", FILES)
def test_outputs_and_execution_counts_are_stripped(name):
    nb = read(name)
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{name} cell {i} has outputs: strip them before committing"
            assert cell.get("execution_count") is None, f"{name} cell {i} has an execution count"
        assert "execution" not in cell.get("metadata", {}), f"{name} cell {i} keeps execution timing metadata"
    assert "widgets" not in nb["metadata"], f"{name} keeps saved widget state (an output in disguise)"


@pytest.mark.parametrize("name", FILES)
def test_notebook_is_valid_nbformat(name):
    nbformat.validate(nbformat.reads((NOTEBOOKS / name).read_text(encoding="utf-8"), as_version=4))


def test_committed_notebooks_equal_what_the_generator_makes():
    expected = expected_notebooks(CONTENT)
    assert sorted(expected) == FILES
    drifted = [name for name, nb in expected.items() if (NOTEBOOKS / name).read_text(encoding="utf-8") != dumps(nb)]
    assert not drifted, f"{drifted} differ from the registry: run `python -m legcramps notebooks`"


@pytest.mark.parametrize("name", FILES)
def test_code_cells_are_short_and_import_only_from_legcramps(name):
    for i, src in enumerate(code_cells(read(name))):
        lines = [line for line in src.splitlines() if line.strip()]
        assert 1 <= len(lines) <= 3, f"{name} cell {i}: a code cell is one idea and one call, got {lines}"
        tree = ast.parse(src)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                bad = [a.name for a in node.names if a.name.split(".")[0] != "legcramps"]
                assert not bad, f"{name} cell {i} imports {bad}; notebooks import only from legcramps"
            elif isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] == "legcramps" and node.level == 0, \
                    f"{name} cell {i} imports from {node.module!r}; notebooks import only from legcramps"
        # no medical text in notebooks: a call's arguments are ids and headings, never sentences
        for const in (n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)):
            assert len(const.value.split()) <= 6, f"{name} cell {i}: prose belongs in content/, not {const.value!r}"


@pytest.mark.parametrize("slug", PAGES)
def test_page_follows_the_outline(slug):
    nb = read(f"{slug}.ipynb")
    found = headings(nb)
    extra = EXTRA_HEADINGS.get(slug, [])
    assert found == extra + OUTLINE, f"{slug}: headings {found}"
    # the first cell imports and shows the header; each outline heading is followed by its one call
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "code" and f"page.header({slug!r})" in _source(cells[0])
    calls = {"What you will learn": "page.objectives(", BODY: f"page.section({slug!r}, 'body')",
             WHO: f"page.section({slug!r}, 'who')", "Try it": "CauseExplorer(",
             HELPS: f"page.section({slug!r}, 'helps')",
             GET_HELP: "page.when_to_get_help(", "What the evidence says": "page.evidence(",
             "Quiz": f"Quiz({slug!r})", "Sources and words": f"page.sources({slug!r})", "The pages": "page.index("}
    page = CONTENT.page(slug)
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            heading = _source(cell).lstrip("#").strip()
            section = []
            for after in cells[i + 1:]:
                if after["cell_type"] != "code":
                    break
                section.append(_source(after))
            # "Try it" may open with the page's classroom task (pages.yaml `try_this`), then the explorer
            expected = [calls[heading]]
            if heading == "Try it" and page.try_this:
                expected = [f"page.try_this({slug!r})", *expected]
            assert len(section) == len(expected), f"{slug}: '## {heading}' has cells {section}"
            for src, call in zip(section, expected, strict=True):
                assert src.startswith(call), f"{slug}: under '## {heading}' expected {call}…, got {src!r}"
    # topic cells only on the pages that have topics, and only before the outline
    topic_cells = [i for i, src in enumerate(code_cells(nb)) if src.startswith("page.topic(")]
    assert len(topic_cells) == len(page.topics)
    if slug not in TOPIC_PAGES:
        assert not topic_cells
    assert topic_cells == list(range(1, 1 + len(page.topics))), f"{slug}: topic cells come right after the header"


@pytest.mark.parametrize("slug", PAGES)
def test_try_it_explores_the_causes_the_registry_names(slug):
    nb = read(f"{slug}.ipynb")
    call = next(src for src in code_cells(nb) if src.startswith("CauseExplorer("))
    arg = ast.literal_eval(call.removeprefix("CauseExplorer(").removesuffix(")"))
    causes = [arg] if isinstance(arg, str) else arg
    assert causes == list(CONTENT.page(slug).causes)
    assert all(c in CONTENT.causes for c in causes)


def test_every_page_has_a_quiz_and_the_dashboard_is_one_call():
    assert set(CONTENT.quizzes) == set(PAGES)
    cells = read("dashboard.ipynb")["cells"]
    assert [c["cell_type"] for c in cells] == ["code"]
    assert _source(cells[0]).splitlines()[-1] == "Dashboard.serve()"


def test_notebooks_name_the_python3_kernel():
    for name in FILES:
        assert read(name)["metadata"]["kernelspec"]["name"] == "python3", name
