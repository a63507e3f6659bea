"""Static reveal.js slides of the page notebooks (`make slides`), built with nbconvert.

Each notebook is executed (so the slides show the real content, figures and widgets' last state) and
exported with its cells' `slideshow` metadata, which the notebook generator sets: every heading starts a
slide. reveal.js, RequireJS and jQuery are copied next to the slides from node_modules/, so the deck works
in a classroom without internet. For live widgets, Voilà serves the same notebook as slides:
`/voila/render/05-flat-foot.ipynb?template=reveal`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import ExecutePreprocessor

from legcramps.content import load
from legcramps.notebooks import REPO
from legcramps.render.assets import css

VENDOR = {
    "reveal.js": REPO / "node_modules" / "reveal.js",
    "require.js": REPO / "node_modules" / "requirejs" / "require.js",
    "jquery.min.js": REPO / "node_modules" / "jquery" / "dist" / "jquery.min.js",
}


def _vendor(out: Path) -> bool:
    """Copy the browser libraries next to the slides; False when node_modules/ is missing (CDN fallback)."""
    lib = out / "lib"
    if not all(p.exists() for p in VENDOR.values()):
        return False
    lib.mkdir(parents=True, exist_ok=True)
    for name, src in VENDOR.items():
        target = lib / name
        if src.is_dir():
            if not target.exists():
                shutil.copytree(src / "dist", target / "dist")
                shutil.copytree(src / "plugin", target / "plugin")
        else:
            shutil.copy2(src, target)
    return True


def build(out: Path, slugs: list[str] | None = None, timeout: int = 180) -> list[Path]:
    """Execute and export each page notebook to `out/<slug>.slides.html`."""
    content = load()
    slugs = slugs or [p.slug for p in content.pages]
    out.mkdir(parents=True, exist_ok=True)
    exporter = SlidesExporter()
    exporter.exclude_input = True  # readers see content, not code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    if _vendor(out):
        exporter.reveal_url_prefix = "lib/reveal.js"
        exporter.require_js_url = "lib/require.js"
        exporter.jquery_url = "lib/jquery.min.js"
    written = []
    for slug in slugs:
        notebook_path = REPO / "notebooks" / f"{slug}.ipynb"
        nb = nbformat.read(notebook_path, as_version=4)
        ExecutePreprocessor(timeout=timeout, kernel_name="python3").preprocess(
            nb, {"metadata": {"path": str(notebook_path.parent)}})
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": content.page(slug).title}})
        # the prose is Markdown cells with the site's classes: the deck carries the site's stylesheet itself
        body = body.replace("</head>", f"<style>{css()}</style>\n</head>", 1)
        target = out / f"{slug}.slides.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written
