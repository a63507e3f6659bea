"""The site's Voilà template (`share/voila/templates/legcramps`), and its compiled code kept between requests.

The template sends a page's prose before its kernel starts (see its header comment). Two things make that
first text fast on the server side:

- Voilà finds templates in the Jupyter data path only, so `use_site_template()` puts ours there.
- Voilà makes a new nbconvert exporter, and so a new Jinja environment, for every page it serves, and Jinja
  then parses and compiles the whole template chain again (14 files, ~200 ms of the server's one thread per
  visit, measured; a burst of ten visitors queued ~2 s before the tenth got a byte). `TemplateCodeCache` is
  Jinja's own remedy, a bytecode cache, shared by every exporter of the process; each template's source is
  still checked on every load (Jinja compares a checksum), so an edited template is recompiled.

The cache is given to Voilà by swapping the exporter class its page renderer uses
(`voila.notebook_renderer.VoilaExporter`): Voilà has no setting for it. `install()` does that once, in the
server process only (the launcher calls it).
"""

from __future__ import annotations

import os
from typing import Any

#: The root holding `voila/templates/legcramps` (the template named in notebooks/voila.json).
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "share")


def use_site_template() -> None:
    """Let Voilà find the site's template: put its root first in the Jupyter data path."""
    paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    if TEMPLATES not in paths:
        os.environ["JUPYTER_PATH"] = os.pathsep.join([TEMPLATES, *paths])


def _code_cache_class() -> type:
    import jinja2

    class TemplateCodeCache(jinja2.BytecodeCache):
        """Compiled templates in memory, for every Jinja environment of the process."""

        def __init__(self) -> None:
            self._code: dict[str, bytes] = {}

        def load_bytecode(self, bucket: Any) -> None:
            code = self._code.get(bucket.key)
            if code is not None:
                bucket.bytecode_from_string(code)

        def dump_bytecode(self, bucket: Any) -> None:
            self._code[bucket.key] = bucket.bytecode_to_string()

        def clear(self) -> None:
            self._code.clear()

    return TemplateCodeCache


def install() -> None:
    """Make Voilà's page renderer use an exporter whose Jinja environment shares one bytecode cache."""
    from voila import notebook_renderer
    from voila.exporter import VoilaExporter

    if getattr(notebook_renderer.VoilaExporter, "code_cache", None) is not None:
        return
    cache = _code_cache_class()()

    class CachedTemplateExporter(VoilaExporter):
        code_cache = cache

        def _create_environment(self):
            environment = super()._create_environment()
            environment.bytecode_cache = self.code_cache
            return environment

    notebook_renderer.VoilaExporter = CachedTemplateExporter
