"""The start of every page (its <head>, its prose and a placeholder for each live part), sent the moment a
visitor asks, before Voilà does any work for the visit.

Why: Voilà renders a page while it starts the page's kernel and runs its cells, all on the server's one event
loop. With the site's template the prose came before the kernel, yet under a burst of visitors it still
waited: each visit costs the server ~0.35 s of CPU (kernel start-up, relaying every message of the cell
runs, rendering outputs), the loop interleaves every visit's steps, and a visit's first bytes queued behind
the others' work (ten visitors in two seconds: the prose of most of them reached the browser after ~10 s,
measured with raw sockets). Here the start of the page is rendered once per notebook by the same exporter
and template machinery Voilà uses (`start.html.j2`), kept, and written by the page handler first thing;
Voilà then renders the rest (`index.html.j2`) as before, from a preheated pool or a fresh kernel.

Kept per notebook, theme and template: a notebook edited on disk is rendered again (its modification time
is part of the key). Only for the site's own template, and only for notebooks that exist: anything else
(another template asked for with `?template=`, a missing file, a file Voilà redirects) goes to Voilà
untouched, so its errors and redirects still work.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from legcramps.render.links import language_script
from legcramps.voila.critical_css import critical_rules, names_in

#: The template whose pages have a start (notebooks/voila.json names it).
SITE_TEMPLATE = "legcramps"
START_TEMPLATE_FILE = "start.html.j2"
#: Classes the start's own scripts set before the first paint (start.html.j2: class mode, from the address).
SCRIPT_CLASSES = frozenset({"lc-class-mode"})
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)


class PageStarts:
    """Renders and keeps the start of each notebook's page, and the one stylesheet the starts link to."""

    def __init__(self) -> None:
        self._kept: dict[tuple, str] = {}
        self._stylesheets: dict[str, bytes] = {}

    def stylesheet(self, name: str) -> bytes | None:
        """A combined stylesheet a kept start links to (`page-<hash>.css`), or None."""
        return self._stylesheets.get(name)

    def key(self, handler: Any, path: str) -> tuple | None:
        """What the start depends on, or None when this request gets no start from us."""
        configuration = handler.voila_configuration
        asked = handler.get_argument("template", None) if configuration.allow_template_override == "YES" else None
        if (asked or configuration.template) != SITE_TEMPLATE:
            return None
        if configuration.progressive_rendering or not path.endswith(".ipynb"):
            return None
        os_path = handler.contents_manager._get_os_path(path)
        try:
            modified = os.stat(os_path).st_mtime_ns
        except OSError:
            return None
        theme = handler.get_argument("theme", None) if configuration.allow_theme_override == "YES" else None
        return (path, modified, theme, handler.base_url)

    async def start(self, handler: Any, path: str) -> str | None:
        """The start of `path`'s page for this request, rendered on first use; None: leave it all to Voilà."""
        key = self.key(handler, path)
        if key is None:
            return None
        kept = self._kept.get(key)
        if kept is None:
            kept = await self._render(handler, path, key[2])
            self._kept = {k: v for k, v in self._kept.items() if k[0] != path}  # drop older versions
            self._kept[key] = kept
        return kept

    async def _render(self, handler: Any, path: str, theme: str | None) -> str:
        from voila.notebook_renderer import NotebookRenderer
        from voila.utils import get_page_config

        page_config = get_page_config(base_url=handler.base_url, settings=handler.settings, log=handler.log,
                                      voila_configuration=handler.voila_configuration)
        renderer = NotebookRenderer(
            request_handler=handler, voila_configuration=handler.voila_configuration,
            traitlet_config=handler.traitlet_config, notebook_path=path, template_paths=handler.template_paths,
            config_manager=handler.config_manager, contents_manager=handler.contents_manager,
            base_url=handler.base_url, kernel_spec_manager=handler.kernel_spec_manager,
            prelaunch_hook=handler.prelaunch_hook, page_config=page_config,
            mathjax_config=handler.settings.get("mathjax_config"), mathjax_url=handler.settings.get("mathjax_url"))
        await renderer.initialize(template=None, theme=theme)
        renderer.exporter.template_file = START_TEMPLATE_FILE
        # <html lang>: the page's language, as its notebook says (legcramps.notebooks writes one per language)
        ours = renderer.notebook.metadata.get("legcramps", {})
        renderer.exporter.language_code = ours.get("lang", "en")
        script = language_script(ours["translations"]) if ours.get("translations") else ""
        parts = [html async for html, _ in renderer.exporter.generate_from_notebook_node(
            renderer.notebook, resources=renderer.resources, page_config=renderer.page_config,
            extra_context={"frontend": "voila", "main_js": "voila.js", "progressive_rendering": False,
                           "lc_language_script": script})]
        return self._one_stylesheet("".join(parts), handler.base_url)

    def _one_stylesheet(self, start: str, base_url: str) -> str:
        """The start with its three stylesheets (JupyterLab's, its theme's, the site's) made one file, linked
        after the prose, and the rules the start's own elements need inline in <head>.

        Each stylesheet in <head> holds the first paint back until it has arrived and been parsed, and in a
        burst every request waits its turn on the server's busy event loop (a first visitor's stylesheets
        took up to ~1 s there). The few rules the prose needs (critical_css: ~12 kB of 270 kB) come with
        the start itself; the one combined file, served from memory and cached for a year under its content
        hash, is preloaded from <head> and linked after the prose, where it only holds back what follows
        (the live parts, which need it). No script is involved: it works with JavaScript off. The files use
        only `data:` URLs, so they work from any address.
        """
        from voila.paths import collect_static_paths

        from legcramps.render.assets import css

        static = collect_static_paths(["voila", "nbconvert"], SITE_TEMPLATE)
        voila_link = re.compile(r'<link rel="stylesheet" type="text/css" href="' + re.escape(base_url)
                                + r'voila/templates/' + SITE_TEMPLATE + r'/static/([\w.-]+\.css)\?v=[^"]*">\n?')
        site_link = f'<link rel="stylesheet" type="text/css" href="{base_url}legcramps/style.css">'
        texts = []
        for name in voila_link.findall(start):
            path = next((os.path.join(d, name) for d in static if os.path.isfile(os.path.join(d, name))), None)
            if path is None:
                return start  # a stylesheet we cannot find stays a link of its own
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        if not texts or site_link not in start:
            return start
        whole = "\n".join([*texts, css()])
        combined = whole.encode("utf-8")
        name = f"page-{hashlib.sha256(combined).hexdigest()[:20]}.css"
        href = f"{base_url}legcramps/{name}"
        first = voila_link.search(start)
        before = start[:first.start()]
        after = voila_link.sub("", start[first.start():]).replace(site_link, "", 1)
        classes, ids = names_in(before + after)
        inline = critical_rules(whole, classes | SCRIPT_CLASSES, ids, before + after)
        if "</" in inline:  # cannot be inside <style>: keep the plain link in <head>
            head = f'<link rel="stylesheet" type="text/css" href="{href}">\n'
            tail = ""
        else:
            head = f'<style>\n{inline}\n</style>\n<link rel="preload" as="style" href="{href}">\n'
            # The template's own <style> blocks that followed the stylesheets in <head> follow it again, so
            # that once it has arrived every rule wins over the same ones it did before.
            head_end = after.find("</head>")
            later = _STYLE_BLOCK.findall(after[:head_end] if head_end >= 0 else "")
            tail = "\n".join(["", f'<link rel="stylesheet" type="text/css" href="{href}">', *later, ""])
        self._stylesheets[name] = combined
        return before + head + after + tail


#: The server's page starts (one server, one set).
PAGE_STARTS = PageStarts()
