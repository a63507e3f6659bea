"""Each page of the in-browser edition as one HTML file, made from the same notebooks the Voilà edition serves.

Why from the notebooks: a page's prose, its order and its live parts are decided once, in
`legcramps.notebooks`; this only renders them another way. The prose (every Markdown cell) is in the HTML,
styled by the inlined stylesheet, so it reads before any script has run, and with scripts off. Each live part
(the notebook's code cell, named by its `live` metadata) is a placeholder the page's scripts fill with the
same widget Voilà would show, built by Python in the browser (`runtime.start`). A cause page's figure is drawn
here, at build time, because the browser has no matplotlib.
"""

from __future__ import annotations

import functools
import json

from legcramps.content import Content
from legcramps.engine import assess
from legcramps.markup import esc
from legcramps.render.assets import css
from legcramps.render.links import language_script, up_from

#: The scripts of a page with live parts, after its text: the module loader and the widgets' JavaScript
#: (`@jupyter-widgets/html-manager`), then our glue (static/site/live.js). Deferred: they never hold the text back.
#: A page in a language's folder tells RequireJS where the site's top is: the widgets' stylesheets name their
#: icon font relative to the module (`@jupyter-widgets/…`), which would otherwise resolve under `ru/`.
LIVE_SCRIPTS = ('<script>var require={{baseUrl:"{root}"||"./"}};</script>'
                '<script defer src="{root}lib/require.js"></script>'
                '<script defer src="{root}lib/embed-amd.js"></script>'
                '<script defer src="{root}live.js"></script>')
#: Python starts at once, in parallel with the widgets' JavaScript (the worker is the slow part), told the
#: address's share link and which live parts the page has; its messages wait in `lcInbox` until live.js runs.
START_WORKER = ("<script>window.lcInbox=[];var lcW=window.lcWorker=new Worker('{root}worker.mjs',{{type:'module'}});"
                "lcW.onmessage=function(e){{window.lcInbox.push(e.data)}};"
                "lcW.postMessage({{kind:'boot',lang:'{lang}',query:location.search.replace(/^\\?/,''),"
                "parts:[].map.call(document.querySelectorAll('.lc-slot'),"
                "function(s){{return JSON.parse(s.dataset.live)}})"
                "}});</script>")
#: Every page asks for the offline cache (static/site/sw.js): after its live parts are drawn (live.js calls
#: `lcKeep`), or once loaded when it has none, so the cache is filled from what the page already fetched
#: rather than competing with it. A browser without service workers simply loads from the host.
SERVICE_WORKER = ("<script>window.lcKeep=function(){{if('serviceWorker' in navigator&&window.isSecureContext)"
                  "navigator.serviceWorker.register('{root}sw.js').catch(function(){{}});window.lcKeep=function(){{}};}};"
                  "if(!document.querySelector('.lc-slot'))window.addEventListener('load',function(){{window.lcKeep()}});"
                  "</script>")
#: Class mode is read from the address before the first paint (as in the Voilà template, start.html.j2).
CLASS_FLAG = ("<script>if(/(^|[?&])mode=class(&|$)/.test(location.search))"
              "document.documentElement.classList.add('lc-class-mode');</script>")


@functools.cache
def _markdown():
    """CommonMark with raw HTML kept: the cells are our own generated HTML blocks (legcramps.notebooks)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def root_of(lang: str) -> str:
    """From a page to the site's top folder: English pages are there, another language's in a folder of its
    own (`ru/dashboard.html`), which shares the one runtime, bundle and offline cache."""
    return up_from(lang)


def document(title: str, description: str, body: str, live: bool, lang: str = "en", body_class: str = "",
             translations: dict[str, str] | None = None) -> str:
    """A whole page: head with the inlined stylesheet, the body, and (when it has live parts) its scripts."""
    root = root_of(lang)
    scripts = (START_WORKER.format(root=root, lang=lang) + LIVE_SCRIPTS.format(root=root) if live else "") \
        + SERVICE_WORKER.format(root=root)
    language = language_script(translations) if translations else ""
    return (f"<!doctype html><html lang='{esc(lang)}' data-lc-static=''><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(title)}</title><meta name='description' content=\"{esc(description)}\">"
            f"<link rel='icon' href='data:;base64,='><style>{css()}</style>{CLASS_FLAG}{language}</head>"
            f"<body class='lc-static {body_class}'>{body}{scripts}</body></html>")


def slot(cell: dict) -> str:
    """The placeholder of a live part: what it is (for the page's scripts) and what to say while it loads."""
    words = cell["metadata"].get("legcramps") or {}
    live = json.dumps(words.get("live") or {}, separators=(",", ":"))
    return (f"<div class=\"lc-slot\" data-live=\"{esc(live)}\"><p class=\"lc-slot-loading\" role=\"status\" "
            f"data-failed=\"{esc(words.get('failed', ''))}\" data-reload=\"{esc(words.get('reload', ''))}\">"
            f"{esc(words.get('loading', ''))}</p></div>")


def still_figure(cause_ids: list[str], content: Content) -> str:
    """A cause page's teaching figure, drawn now for the default answers (the browser has no matplotlib): the
    explorer's figure, which is its first cause's (ui/explorer.py), in the stylesheet's scope (`.lc-figure img`)."""
    from legcramps.ui.figures import figure_for

    figure = figure_for(cause_ids[0], content) if cause_ids else None
    if figure is None:
        return ""
    answers = content.defaults()
    still = figure.still(answers, assess(answers, content))
    return f'<div class="lc-root lc-doc"><div class="lc-figure">{still}</div></div>'


def notebook_page(notebook: dict, content: Content, description: str) -> str:
    """A notebook as a static page: its Markdown cells as HTML, each live cell as a placeholder."""
    parts, live = [], False
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            parts.append(f'<div class="lc-cell">{_markdown().render(cell["source"])}</div>')
        elif cell["cell_type"] == "code":
            live = True
            parts.append(slot(cell))
            part = (cell["metadata"].get("legcramps") or {}).get("live") or {}
            if part.get("part") == "explore":
                parts.append(still_figure(part.get("causes", []), content))
    title = notebook["metadata"].get("title", content.site.title)
    translations = (notebook["metadata"].get("legcramps") or {}).get("translations")
    return document(title, description, f'<main id="rendered_cells" class="lc-page">{"".join(parts)}</main>', live,
                    content.lang, translations=translations)
