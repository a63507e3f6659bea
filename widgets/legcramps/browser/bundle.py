"""The Python the browser runs: one zip of modules (compiled to bytecode when Node can run Pyodide here) and
the validated content as a pickle.

Why a zip of our own and not wheels installed by micropip: micropip and the wheels' index would be more files
to fetch and a resolver to run on every visit, for five pure-Python libraries whose versions the Voilà edition
already pins (they are copied from this environment, so both editions run the same ipywidgets). Why bytecode:
compiling ipywidgets, traitlets and our package from source cost ~0.5 s of every visit under Pyodide; the
bytecode must come from Pyodide's own CPython (3.14 here, not the build's), so the build runs it in Node
(`compile_pyc.mjs`). Without Node the zip holds sources, which work, only slower.
"""

from __future__ import annotations

import importlib.util
import io
import pickle
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import legcramps
from legcramps.content import Content

#: The libraries the dashboard's widgets import besides the standard library (checked by
#: tests/unit/test_browser_runtime.py against what importing the dashboard really loads).
LIBRARIES = ("ipywidgets", "traitlets", "comm", "annotated_types", "typing_extensions")
PACKAGE = Path(legcramps.__file__).resolve().parent
#: The stand-in IPython (see standin/IPython/__init__.py), shipped as the top-level package `IPython`.
STANDIN = PACKAGE / "browser" / "standin"
#: Parts of our package the browser never imports: the server, the build itself, the build-time figures.
LEFT_OUT = ("voila/share", "browser/standin", "browser/compile_pyc.mjs")
COMPILER = PACKAGE / "browser" / "compile_pyc.mjs"


def _files(root: Path, prefix: str, skip: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file under `root` as zip name → bytes, without caches, tests and the `skip` paths."""
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        parts = set(path.relative_to(root).parts)
        if path.is_dir() or parts & {"__pycache__", "tests"} or any(rel.startswith(s) for s in skip):
            continue
        if path.suffix in (".pyc", ".pyo", ".so"):
            continue
        found[f"{prefix}{rel}"] = path.read_bytes()
    return found


def python_files() -> dict[str, bytes]:
    """Zip name → bytes of every module the browser may import (sources)."""
    files = _files(PACKAGE, "legcramps/", LEFT_OUT)
    files.update(_files(STANDIN, ""))
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise RuntimeError(f"{name} is not installed: run `make install`")
        origin = Path(spec.origin)
        if origin.name == "__init__.py":
            files.update(_files(origin.parent, f"{name}/"))
        else:
            files[origin.name] = origin.read_bytes()
    return files


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # the same bytes on every build
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buffer.getvalue()


def compile_with_pyodide(sources: bytes, pyodide_dir: Path) -> bytes | None:
    """The zip with every module compiled by Pyodide's CPython (bytecode only), or None if Node cannot run."""
    node = shutil.which("node")
    if node is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src.zip", Path(tmp) / "out.zip"
        src.write_bytes(sources)
        run = subprocess.run([node, str(COMPILER), str(pyodide_dir / "pyodide.mjs"), str(src), str(out)],
                             capture_output=True, text=True, timeout=300)
        if run.returncode != 0 or not out.is_file():
            raise RuntimeError(f"compiling the browser bundle failed:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
        compiled = zipfile.ZipFile(io.BytesIO(out.read_bytes()))
        return _zip({info.filename: compiled.read(info) for info in compiled.infolist() if not info.is_dir()})


def python_zip(pyodide_dir: Path | None) -> tuple[bytes, bool]:
    """(the modules as a zip, whether they are bytecode). Sources when there is no Pyodide or no Node."""
    sources = _zip(python_files())
    compiled = compile_with_pyodide(sources, pyodide_dir) if pyodide_dir is not None else None
    return (compiled, True) if compiled is not None else (sources, False)


def content_pickle(content: Content) -> bytes:
    """The validated content as the browser loads it (`runtime.load_content`)."""
    return pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
