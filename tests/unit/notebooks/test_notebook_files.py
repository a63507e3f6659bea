"""The committed notebooks: documents made by the generator, prose in Markdown, code only for what is live.

The notebooks are generated from content/pages.yaml (`python -m legcramps notebooks`), so these tests are
cheap file checks; `make test` also executes every notebook with nbval (`pytest --nbval-lax notebooks/`).
"""

from __future__ import annotations

import ast
import json
import re

import nbformat
import pytest

from legcramps.content import load
from legcramps.notebooks import dumps, expected_notebooks, fill_block, generated_blocks
from legcramps.render import page as parts
from tests.conftest import REPO

NOTEBOOKS = REPO / "notebooks"
FILES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))  # English; each other language in its folder
ALL_FILES = sorted(p.relative_to(NOTEBOOKS).as_posix() for p in NOTEBOOKS.rglob("*.ipynb"))
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
    assert sorted(expected) == ALL_FILES
    drifted = [name for name, nb in expected.items() if (NOTEBOOKS / name).read_text(encoding="utf-8") != dumps(nb)]
    assert not drifted, f"{drifted} differ from the registry: run `python -m legcramps notebooks`"


@pytest.mark.parametrize(("file", "block"), list(generated_blocks(CONTENT)))
def test_generated_blocks_of_the_docs_equal_what_the_generator_makes(file, block):
    """The README's table of pages and the teacher guide's lesson plan come from content/ (pages.yaml,
    lesson.yaml): a committed file that differs was edited by hand or not regenerated."""
    text = (REPO / file).read_text(encoding="utf-8")
    assert f"<!-- {block}:start -->" in text and f"<!-- {block}:end -->" in text, f"{file} lost its {block} block"
    assert fill_block(text, block, generated_blocks(CONTENT)[(file, block)]) == text, (
        f"{file}'s {block} block differs from content/: run `python -m legcramps notebooks`")


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


def markdown_cells(nb: dict) -> list[str]:
    return [_source(c) for c in nb["cells"] if c["cell_type"] == "markdown"]


def as_reader_sees(markdown: str) -> str:
    """A Markdown cell rendered as JupyterLab, nbconvert (Voilà) and GitHub do: CommonMark with HTML kept."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).render(markdown)


def visible_words(html: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", html).split()


@pytest.mark.parametrize("slug", PAGES)
def test_page_follows_the_outline(slug):
    nb = read(f"{slug}.ipynb")
    found = headings(nb)
    extra = EXTRA_HEADINGS.get(slug, [])
    assert found == extra + OUTLINE, f"{slug}: headings {found}"
    cells = nb["cells"]
    page = CONTENT.page(slug)
    # the first cell is the title, what the page is about and the disclaimer, readable before anything runs
    first = _source(cells[0])
    assert cells[0]["cell_type"] == "markdown" and f"\n# {page.title}\n" in f"\n{first}\n"
    assert page.blurb in first and CONTENT.site.disclaimer in first
    # every outline heading holds its prose; only "Try it" and "Quiz" are followed by a (live) code cell
    live = {"Try it": f"CauseExplorer({page.causes[0]!r}" if len(page.causes) == 1 else "CauseExplorer([",
            "Quiz": f"Quiz({slug!r})"}
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown" or not _source(cell).startswith("## "):
            continue
        heading = _source(cell).splitlines()[0].removeprefix("## ")
        after = [c for c in cells[i + 1:i + 2] if c["cell_type"] == "code"]
        if heading in live:
            assert after and live[heading] in _source(after[0]), f"{slug}: '## {heading}' is not followed by its widget"
        else:
            assert not after, f"{slug}: '## {heading}' is prose only, got a code cell {after}"
    assert len(code_cells(nb)) == 2, f"{slug}: code cells only for the explorer and the quiz"
    # topic cells only on the pages that have topics, right after the title
    for j, topic in enumerate(page.topics, start=1):
        first_words = " ".join(visible_words(parts.topic(topic, CONTENT))[:8])
        assert cells[j]["cell_type"] == "markdown", (slug, topic)
        assert first_words in " ".join(visible_words(as_reader_sees(_source(cells[j])))), \
            f"{slug}: topic {topic} comes right after the title"
    if slug not in TOPIC_PAGES:
        assert not page.topics


@pytest.mark.parametrize("slug", PAGES)
def test_a_cause_notebook_reads_as_a_document_before_anything_runs(slug):
    """Opened as a file (JupyterLab, nbviewer, a code-hosting site), the page's explanation is all there."""
    nb = read(f"{slug}.ipynb")
    words = [w for src in markdown_cells(nb) for w in visible_words(as_reader_sees(src))]
    assert len(words) >= 250, f"{slug}: {len(words)} words of prose in Markdown cells"
    code = "\n".join(code_cells(nb))
    assert "page." not in code and "section(" not in code, f"{slug}: prose is written out, not called: {code}"
    text = " ".join(words)
    for cause in CONTENT.page(slug).causes:  # the evidence grade as words, and the sources as links
        grade = CONTENT.grade(CONTENT.causes[cause].front.evidence.grade)
        assert grade.label in text, f"{slug}: the evidence grade of {cause} is not written out"
    assert "<a href=\"http" in "".join(markdown_cells(nb)), f"{slug}: sources are links"


@pytest.mark.parametrize("name", FILES)
def test_each_markdown_cell_body_is_one_html_block(name):
    """Markdown renderers pass the cell's HTML through whole: nothing in it is read as Markdown."""
    for src in markdown_cells(read(name)):
        html = re.sub(r"^(#+ .*|)\n", "", src, flags=re.M) if src.startswith("#") else src
        for block in [b for b in html.split("\n\n") if b.startswith("<")]:
            assert as_reader_sees(block).strip() == block.strip(), f"{name}: Markdown changed {block[:120]!r}…"


def test_markdown_cells_carry_the_render_layers_html():
    """The prose is the render layer's HTML (the same the handouts print), escaped and sanitised there."""
    nb = read("03-salt-balance.ipynb")
    joined = "".join(markdown_cells(nb))
    for piece in (parts.evidence("03-salt-balance", CONTENT), parts.sources("03-salt-balance", CONTENT)):
        assert piece.strip() in joined


@pytest.mark.parametrize("slug", PAGES)
def test_try_it_explores_the_causes_the_registry_names(slug):
    nb = read(f"{slug}.ipynb")
    call = next(line for src in code_cells(nb) for line in src.splitlines() if line.startswith("CauseExplorer("))
    arg = ast.literal_eval(call.removeprefix("CauseExplorer(").removesuffix(")"))
    causes = [arg] if isinstance(arg, str) else arg
    assert causes == list(CONTENT.page(slug).causes)
    assert all(c in CONTENT.causes for c in causes)


def test_every_page_has_a_quiz_and_the_dashboard_is_its_introduction_and_one_call():
    assert set(CONTENT.quizzes) == set(PAGES)
    cells = read("dashboard.ipynb")["cells"]
    assert [c["cell_type"] for c in cells] == ["markdown", "code"]
    intro = _source(cells[0])
    assert CONTENT.site.title in intro and CONTENT.site.tagline in intro and CONTENT.site.disclaimer in intro
    assert _source(cells[1]).splitlines()[-1] == "Dashboard.serve()"


def test_live_cells_say_what_shows_while_they_load():
    """The Voilà template shows this in a live cell's place until its widgets are drawn."""
    for name in FILES:
        for cell in read(name)["cells"]:
            if cell["cell_type"] == "code":
                assert cell["metadata"]["legcramps"]["loading"] == CONTENT.site.page_loading, name


def test_notebooks_name_the_python3_kernel():
    for name in FILES:
        assert read(name)["metadata"]["kernelspec"]["name"] == "python3", name
