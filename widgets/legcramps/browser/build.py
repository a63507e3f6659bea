"""`make site`: the in-browser edition as a folder of static files (`build/site/`).

What goes in, and from where (nothing is fetched from any other host, at build time or when a page runs):
- the pages: `index.html` (the home page), one page per entry of content/pages.yaml and `dashboard.html`,
  from the same notebooks and render code as the Voilà edition (`pages`); the handouts and the slides, as
  `make handouts` and `make slides` write them, so the home page's teacher links work too;
- Python: Pyodide's core from npm (`node_modules/pyodide`), our bundle (`bundle`: the package and the
  pure-Python libraries, compiled to bytecode) and the validated content;
- the widgets' JavaScript: `@jupyter-widgets/html-manager`'s AMD bundle and RequireJS, from npm;
- the glue (static/site: worker.mjs, stamped with the key of its Python snapshot; live.js) and the offline cache
  (sw.js, stamped with a hash of every file).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from legcramps import handouts, slides
from legcramps.browser import bundle, pages
from legcramps.content import Content, each_language, load
from legcramps.notebooks import REPO, dashboard_notebook, page_notebook
from legcramps.render.home import home_page
from legcramps.render.links import STATIC, language_folder

NODE_MODULES = REPO / "node_modules"
PYODIDE = NODE_MODULES / "pyodide"
#: What a page needs of Pyodide's core: its loader, the WebAssembly CPython, the standard library, the lock file.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
WIDGETS_JS = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
FONT_FOLDERS = ("@jupyter-widgets", "@jupyter-widgets/html-manager/dist")
REQUIRE_JS = NODE_MODULES / "requirejs" / "require.js"
GLUE = Path(__file__).resolve().parent.parent / "static" / "site"


class SiteError(Exception):
    """Something the build needs is missing (say what, and how to get it)."""


def _need(path: Path) -> Path:
    if not path.is_file():
        raise SiteError(f"{path} is missing: run `make install` (it installs the npm packages the site needs)")
    return path


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_need(source), target)
    return target


def _runtime(out: Path) -> None:
    """Pyodide, the widgets' JavaScript (with the icon font its stylesheet names) and our glue."""
    for name in PYODIDE_FILES:
        _copy(PYODIDE / name, out / "pyodide" / name)
    _copy(WIDGETS_JS / "embed-amd.js", out / "lib" / "embed-amd.js")
    # Font Awesome, for the buttons' icons: the widgets' stylesheets name it relative to each module's name,
    # which RequireJS resolves from the page (`@jupyter-widgets/base` → ./@jupyter-widgets/)
    for font in sorted(WIDGETS_JS.glob("*.woff2")):
        for folder in FONT_FOLDERS:
            _copy(font, out / folder / font.name)
    _copy(REQUIRE_JS, out / "lib" / "require.js")
    _copy(GLUE / "live.js", out / "live.js")


def _pages(out: Path, content: Content) -> None:
    """Every page, the dashboard and the home page in each language of the content (English at the top,
    another language in its folder: `ru/dashboard.html`, `ru/index.html`)."""
    for words in each_language(content):
        code, folder = words.lang, out / language_folder(words.lang)
        folder.mkdir(exist_ok=True)
        for page in words.pages:
            html = pages.notebook_page(page_notebook(page.slug, words, STATIC), words, page.blurb)
            (folder / f"{page.slug}.html").write_text(html, encoding="utf-8")
        html = pages.notebook_page(dashboard_notebook(words, STATIC), words, words.site.tagline)
        (folder / "dashboard.html").write_text(html, encoding="utf-8")
        (out / "app" / content_file(code)).write_bytes(bundle.content_pickle(words))
        home = home_page(words, slides=slides.slides_available(), links=STATIC)
        home = home.replace(f"<html lang='{code}'>", f"<html lang='{code}' data-lc-static=''>", 1)
        home = home.replace("</head>", "<link rel='icon' href='data:;base64,='></head>", 1)  # no favicon request
        home = home.replace("</body>", pages.SERVICE_WORKER.format(root=pages.root_of(code)) + "</body>", 1)
        (folder / "index.html").write_text(home, encoding="utf-8")


def content_file(lang: str) -> str:
    """The pickled content of a language, in app/ (worker.mjs names it the same way)."""
    return "content.pickle" if lang == "en" else f"content-{lang}.pickle"


def _worker(out: Path) -> None:
    """worker.mjs, stamped with the key of its Python memory snapshot: a hash of what that memory is made of
    (Pyodide, our Python bundle, the content), so a kept snapshot is restored only by the build that made it."""
    digest = hashlib.sha256()
    for name in ("pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "app/python.zip"):
        digest.update((out / name).read_bytes())
    for pickled in sorted((out / "app").glob("content*.pickle")):  # every language's (each page loads one)
        digest.update(pickled.read_bytes())
    text = (GLUE / "worker.mjs").read_text(encoding="utf-8")
    (out / "worker.mjs").write_text(text.replace("__SNAPSHOT_KEY__", digest.hexdigest()[:16]), encoding="utf-8")


def _service_worker(out: Path) -> None:
    """sw.js, stamped with a hash of every other file (a new build is a new cache) and the list it caches."""
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "sw.js")
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(out).as_posix().encode() + b"\0" + path.read_bytes())
    names = ["./"] + [p.relative_to(out).as_posix() for p in files]
    text = (GLUE / "sw.js").read_text(encoding="utf-8")
    text = text.replace("__VERSION__", f"legcramps-{digest.hexdigest()[:16]}").replace("__PAGES__", json.dumps(names))
    (out / "sw.js").write_text(text, encoding="utf-8")


def build(out: Path, content: Content | None = None) -> list[Path]:
    """Write the whole site into `out` (emptied first); the files written."""
    content = content or load()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    _runtime(out)
    modules, compiled = bundle.python_zip(PYODIDE)
    (out / "app").mkdir()
    (out / "app" / "python.zip").write_bytes(modules)
    _pages(out, content)
    _worker(out)
    handouts.build(out / "handouts", content)
    if slides.slides_available():
        slides.build(out / "slides", content)
    _service_worker(out)
    if not compiled:
        print("note: Node could not compile the Python bundle; the site works, but starts ~0.5 s slower")
    return sorted(p for p in out.rglob("*") if p.is_file())
