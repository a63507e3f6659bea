"""The package's arrows point one way: each layer imports only the layers docs/architecture.md allows, and no
module imports itself back round a circle.

Why: "one concept, one place" only lasts while the layers stay layers. A render function that imports a
widget, or a content module that imports the engine, goes unnoticed until a kernel is slow or a newcomer is
lost. The table below is the module map's "may import" column; changing an arrow means changing both.
Imports are read from the source (`ast`): those a module runs when it is loaded, not those inside functions
(a deliberate, lazy import: the CLI's subcommands, the loader's validating path) or under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "widgets" / "legcramps"

#: Layer → the layers its modules may import at load time (besides itself and third-party libraries).
ALLOWED = {
    "schema": set(),
    "markup": {"schema"},
    "content": {"schema", "markup"},
    "engine": {"content", "schema"},
    "answers": {"engine", "content", "schema"},
    "expectations": {"engine", "content", "schema"},
    "readability": {"markup"},
    "render": {"markup", "schema", "engine", "content"},
    "export": {"render", "markup", "engine", "content", "schema"},
    "handouts": {"render", "export", "markup", "content", "schema"},
    "notebooks": {"render", "content"},
    "slides": {"notebooks", "content", "render", "markup"},
    "ui": {"render", "markup", "engine", "content", "schema", "answers", "export", "voila"},
    "voila": {"content", "render", "handouts", "slides"},  # only voila.home, server side: home page, handouts, deck
    # the in-browser edition: its build (pages from the notebooks, build-time figures) and its browser runtime
    "browser": {"notebooks", "render", "markup", "content", "schema", "engine", "ui", "handouts", "slides", "voila"},
    "cli": {"answers", "content", "engine", "render", "schema"},
    "main": {"cli"},
    "package": set(),
}
#: Third-party libraries only the widgets (and the server) may load.
WIDGET_LIBRARIES = {"ipywidgets", "matplotlib", "numpy", "PIL", "IPython"}
SERVER_LIBRARIES = {"voila", "jupyter_server", "jupyter_events", "traitlets"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    return "main" if parts[1] == "__main__" else parts[1]


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules an import statement names: `from legcramps.content import loader` names the submodule."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not node.module:
        return []
    submodules = [f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}")]
    return submodules if len(submodules) == len(node.names) else [node.module, *submodules]


def _load_time_imports(path: Path) -> list[str]:
    """Modules imported when the file is loaded: module-level statements, not functions or TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.extend(_names(node))
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)

    visit(tree.body)
    return found


def _all_imports(path: Path) -> list[str]:
    """Every import, also inside functions (a lazy import still ties two modules together), except under
    `TYPE_CHECKING`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    hidden = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
              for n in ast.walk(node)}
    return [name for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in hidden
            for name in _names(node)]


def _is_module(name: str) -> bool:
    if not name.startswith("legcramps"):
        return False
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {name: sorted({i for i in _load_time_imports(path) if i in MODULES and i != name})
         for name, path in MODULES.items()}
#: The same with lazy imports too: a cycle through a function-level import is still a cycle of concepts.
FULL_GRAPH = {name: sorted({i for i in _all_imports(path) if i in MODULES and i != name})
              for name, path in MODULES.items()}


def test_every_module_belongs_to_a_known_layer():
    assert {_layer(m) for m in MODULES} <= set(ALLOWED), "a new top-level module: add its layer to ALLOWED"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_module_imports_only_the_layers_it_may(module):
    layer = _layer(module)
    # the root package (its docstring and version) may be imported by anyone
    wrong = [i for i in GRAPH[module] if _layer(i) not in (layer, "package") and _layer(i) not in ALLOWED[layer]]
    assert not wrong, f"{module} ({layer}) may import {sorted(ALLOWED[layer]) or 'no other layer'}, not {wrong}"
    if layer not in ("ui", "voila"):
        libraries = {i.split(".")[0] for i in _load_time_imports(MODULES[module])}
        assert not libraries & (WIDGET_LIBRARIES | SERVER_LIBRARIES), f"{module} loads {libraries}"


def test_no_import_cycle():
    """Depth-first search for a back edge: a module that, through its imports (lazy ones too), imports itself.
    A package's `__init__` counts as its own module, so the loader may use its sibling modules."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        stack.append(module)
        for target in FULL_GRAPH[module]:
            if state.get(target) == "open":
                cycle = [*stack[stack.index(target):], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = "done"

    for module in sorted(FULL_GRAPH):
        if module not in state:
            visit(module)


def test_the_graph_is_read_at_all():
    """Guard against a test that cannot fail: the reader must see the arrows we know exist."""
    assert "legcramps.content" in GRAPH["legcramps.engine"]
    assert "legcramps.content.conditions" in GRAPH["legcramps.engine"]
    assert "legcramps.markup" in GRAPH["legcramps.render.page"]
    assert "legcramps.render.dashboard" in GRAPH["legcramps.ui.view"]
    assert "legcramps.content.loader" not in GRAPH["legcramps.content"], "the loader is imported lazily"
    assert "legcramps.content.loader" in FULL_GRAPH["legcramps.content"]
