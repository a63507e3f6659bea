"""Everything in `content/`, validated: `load()` is the only way the rest of the package sees medical text.

`load()` reads every file, collects *all* problems (schema errors, bad YAML, unknown ids, unused factors,
unsafe scopes …) and raises one `ContentError` listing them as `file:line: field: message`, so a content
editor fixes a whole batch per run. A good load is cached per folder and process (each kernel loads once;
a preheated kernel does it before any visitor arrives) and pickled as a snapshot that later processes
load without any of the validating libraries.

The modules of this package, in the order a load uses them:

- `files`: read YAML and Markdown, check them against `legcramps.schema`, report with line numbers;
- `problems`: `Problem`, `ContentError`, the `Reporter` every check writes to;
- `conditions`: compile a `when` (load time) and evaluate it (the engine, per answer);
- `crosscheck`, `safety`: checks across files, and the checks that keep every care card safe;
- `texts`: the one walk over every text (glossary marks, pre-rendering);
- `store`: `Content`, what the app holds; `snapshot`: the pickled cache of it; `loader`: puts it together.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterator
from pathlib import Path

from legcramps.content import snapshot
from legcramps.content.problems import ContentError, Problem
from legcramps.content.snapshot import CACHE_ENV, snapshot_key
from legcramps.content.store import Content

__all__ = ["CACHE_ENV", "CONTENT_ENV", "Content", "ContentError", "Problem", "clear_cache", "default_root",
           "each_language", "load",
           "snapshot_key"]

#: Environment variable naming another content folder (a deployment's reviewed copy, or a test's fixtures).
CONTENT_ENV = "LEGCRAMPS_CONTENT"


def default_root() -> Path:
    """$LEGCRAMPS_CONTENT, else content shipped in the wheel (`legcramps/_content`), else the repo's `content/`."""
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override).resolve()
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_content"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "content"


@functools.lru_cache(maxsize=8)
def _load_cached(root: Path, lang: str) -> Content:
    key = snapshot_key(root)
    folder = snapshot.snapshot_dir()
    path = folder / f"content-{key}-{lang}.pickle" if key and folder else None
    content = snapshot.read(path, key) if path else None
    if content is not None and content.lang == lang:
        # Two folders with the same files share a snapshot; `root` is the one asked for.
        return content if content.root == root else dataclasses.replace(content, root=root)
    from legcramps.content import loader  # the validating path: PyYAML, pydantic, markdown-it, nh3

    content = loader.build(root, lang)  # raises ContentError, so broken content never gets a snapshot
    if path and snapshot_key(root) == key:  # not edited while we validated
        snapshot.write(path, key, content)
    return content


def load(root: str | Path | None = None, lang: str = "en") -> Content:
    """Validated content from `root` (default: the shipped content), with the words of language `lang`
    ("en", or a text pack's code: legcramps.content.language). Cached per folder and language."""
    path = Path(root).resolve() if root is not None else default_root()
    return _load_cached(path, lang)


def each_language(content: Content) -> Iterator[Content]:
    """`content` in each language of its folder, English first (the others loaded from the same folder):
    what every output written per language (notebooks, handouts, slides, the in-browser edition) walks."""
    for code, _ in content.languages:
        yield content if code == content.lang else load(content.root, code)


def clear_cache() -> None:
    """Forget loaded content (tests that edit a content folder call this). Snapshots on disk stay."""
    _load_cached.cache_clear()
