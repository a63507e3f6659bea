"""The layers stay layers: pure modules never load the widget stack, and the CLI's handouts need no widgets.

Why: the render layer is pure so that exports, handouts, the CLI and tests use exactly the dashboard's HTML
without paying for ipywidgets and matplotlib (seconds of import, tens of MiB), and so that a printable page
can be built where no widget library is installed. A stray import would undo that silently; these fail.
Two checks, because each misses something: the source (`ast`, every import, also inside functions) and a
fresh interpreter's `sys.modules` (what really gets loaded, also through other modules).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "widgets" / "legcramps"

#: Third-party libraries of the widgets and the figures, and our own modules that use them or the server.
FORBIDDEN_LIBRARIES = ("ipywidgets", "matplotlib", "numpy", "PIL")
FORBIDDEN_MODULES = ("legcramps.ui", "legcramps.voila")

#: The pure layers, as module names and their files.
PURE = ("legcramps.engine", "legcramps.content", "legcramps.markup", "legcramps.render", "legcramps.export",
        "legcramps.handouts")

#: What the render layer may import besides the standard library.
RENDER_MAY_IMPORT = ("legcramps.markup", "legcramps.schema", "legcramps.engine",
                     "legcramps.content", "legcramps.render")


def _files(module: str) -> list[Path]:
    path = PACKAGE.parent.joinpath(*module.split("."))
    return sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def _imports(path: Path) -> list[str]:
    """Every module a file imports, at the top or inside a function (relative imports made absolute)."""
    names = []
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # `from . import x` in legcramps/render/page.py means legcramps.render
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]  # `from legcramps import ui`
    return names


def _forbidden(name: str) -> bool:
    return name.split(".")[0] in FORBIDDEN_LIBRARIES or any(name == m or name.startswith(m + ".")
                                                             for m in FORBIDDEN_MODULES)


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_import_no_widget_figure_or_server_code(module):
    found = {f"{path.name}: {name}" for path in _files(module) for name in _imports(path) if _forbidden(name)}
    assert not found, f"{module} imports what a pure layer must not: {sorted(found)}"


def test_render_imports_only_markup_types_and_the_standard_library():
    stdlib = sys.stdlib_module_names | {"__future__"}
    for path in _files("legcramps.render"):
        for name in _imports(path):
            allowed = name.split(".")[0] in stdlib or any(name == m or name.startswith(m + ".")
                                                          for m in RENDER_MAY_IMPORT)
            assert allowed, f"render/{path.name} imports {name}; render may import only {RENDER_MAY_IMPORT} and stdlib"


def _run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", [*PURE, "legcramps.render.session", "legcramps.render.figure",
                                    "legcramps.render.chart", "legcramps.render.dashboard", "legcramps.render.quiz"])
def test_importing_a_pure_module_loads_no_widget_figure_or_server_code(module):
    loaded = _run(f"import json, sys, importlib; importlib.import_module({module!r}); "
                  "print(json.dumps(sorted(sys.modules)))")
    assert not [m for m in loaded if _forbidden(m)], f"importing {module} loads {[m for m in loaded if _forbidden(m)]}"


def test_the_dashboard_loads_no_drawing_library():
    """The relevance chart is SVG from the render layer, so a dashboard kernel (and the in-browser edition,
    which has none of them) loads neither matplotlib, numpy nor PIL; only a cause page's figure does."""
    loaded = _run("import json, sys; import legcramps.ui.dashboard; from legcramps.ui import Dashboard; "
                  "Dashboard(query='fluid_litres_per_day=0.8'); print(json.dumps(sorted(sys.modules)))")
    drawing = [m for m in loaded if m.split(".")[0] in ("matplotlib", "numpy", "PIL")]
    assert not drawing, f"the dashboard loads {drawing[:10]}"
    assert "ipywidgets" in loaded and "legcramps.render.chart" in loaded


def test_the_handouts_command_loads_neither_ipywidgets_nor_matplotlib(tmp_path):
    """`python -m legcramps handouts` on a machine (or in CI) without the widget stack: -X importtime lists
    every module the real command imports, in its own process."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "legcramps", "handouts", "--out",
                           str(tmp_path)], capture_output=True, text=True, timeout=180, env=os.environ.copy())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (tmp_path / "teachers" / "answer-key.html").is_file()
    imported = [line.rsplit("|", 1)[1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert "legcramps.handouts" in imported
    assert not [m for m in imported if _forbidden(m)], [m for m in imported if _forbidden(m)]


def test_the_static_files_ship_inside_the_package():
    """pyproject ships `widgets/legcramps` whole: the stylesheet and the palette must live inside it."""
    from legcramps.render.assets import STATIC, css, palette

    assert STATIC.is_relative_to(PACKAGE)
    assert ".lc-root" in css()
    assert set(palette()["grades"]) >= {"strong", "moderate", "consensus", "weak", "contested", "unsupported"}
