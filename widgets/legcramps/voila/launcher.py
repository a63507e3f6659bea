"""Start the Voilà server the way the site runs it: `python -m legcramps.voila [voila options]`.

Why not plain `voila`: a public server starts and drops a kernel for every visit, and plain Voilà kept 25–40 %
more memory after a few hundred visits, and left every closed tab's kernel running until the idle culler came.
This launcher is Voilà as configured by notebooks/voila.json, plus:

- the server's memory handed back to the system (`legcramps.voila.memory`: glibc malloc with two arenas for
  the server only, start-up objects frozen, cycle collection and `malloc_trim` every 30 s);
- the healing preheated pool (`legcramps.voila.kernels.heal_pool`): a visitor is never handed a pooled kernel
  that died or was restarted;
- requests logged by path, never with their query string: the dashboard keeps a reader's answers there
  (`log_request_without_query`);
- the `_xsrf` cookie set on every page it serves. Voilà's page sends a shutdown beacon when the tab closes,
  with the `_xsrf` value it reads from that cookie; Voilà 0.5 never sets the cookie, so the beacon was refused
  (403, voila-dashboards/voila#1458) and every closed tab's kernel (~100 MB) lived until the idle culler came
  15 minutes later. The shutdown endpoint stays protected as before: the form value must match the cookie,
  which another site cannot read, and jupyter_server's API handlers also check the Origin header.

Measured with the churn test (RSS after 100 abandoned sessions and the cull, compared with after one warm-up
session): +74 % with plain Voilà; +32 % with glibc malloc and the trim alone; +2 to +6 % with all of the above
and the shared event logger of `legcramps.voila.kernels` (20 sessions: +49 % → +2.3 %).

Imports Voilà (and so jupyter_server) only inside `voila_app_class` and `main`: server side only.
"""

from __future__ import annotations

import os
import sys

from legcramps.voila import memory, template

#: What the site runs; the launcher re-executes itself with it (and tests recognise the server by it).
MODULE = "legcramps.voila"


def log_request_without_query(handler) -> None:
    """Tornado's access-log line, with the path instead of the full URI.

    The dashboard keeps a reader's answers in the query string (their share link, and the address bar that
    a reload sends back), and answers about health are private: the access log records which page was asked
    for, and how it went, but never the answers.
    """
    from tornado.log import access_log

    status = handler.get_status()
    method = access_log.info if status < 400 else access_log.warning if status < 500 else access_log.error
    request = handler.request
    method("%d %s %s (%s) %.2fms", status, request.method, request.path, request.remote_ip,
           1000.0 * request.request_time())


def voila_app_class() -> type:
    """Voilà's application, serving its pages with a handler that also sets the `_xsrf` cookie."""
    from jupyter_server.utils import url_path_join
    from tornado import web
    from voila.app import Voila as VoilaApp
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.treehandler import TornadoVoilaTreeHandler

    from legcramps.voila.home import (
        GoHomeHandler,
        HandoutHandler,
        HomeHandler,
        PageStylesheetHandler,
        RevealFileHandler,
        SlidesHandler,
        StylesheetHandler,
    )
    from legcramps.voila.kernels import heal_pool, lighten
    from legcramps.voila.page_start import PAGE_STARTS

    class PageHandler(TornadoVoilaHandler):
        async def prepare(self, *args, **kwargs):
            await super().prepare(*args, **kwargs)
            self.xsrf_token  # noqa: B018 - reading it sets the cookie the page's shutdown beacon sends back
            memory.COLLECTOR.page_served()

        @web.authenticated
        async def get(self, path=None):
            """The start of the page first (legcramps.voila.page_start), then Voilà's rendering of the rest."""
            start = await PAGE_STARTS.start(self, self.notebook_path or path)
            if start is not None:
                self.set_header("Content-Type", "text/html")
                self.set_header("Cache-Control", "no-cache, no-store, must-revalidate")
                self.write(start)
                self.flush()
            await super().get(path)

    class Voila(VoilaApp):  # the same name: its logger ("Voila") and config sections stay Voilà's
        def start(self) -> None:
            memory.freeze_startup_objects()
            self.tornado_settings = {**self.tornado_settings, "log_function": log_request_without_query}
            super().start()

        def init_settings(self) -> dict:
            settings = super().init_settings()  # makes the kernel manager and starts filling its pools
            lighten(self.kernel_manager)
            heal_pool(self.kernel_manager)
            # traitlets leaves the app's logger at DEBUG and filters at the handler, so every debug call (one
            # per kernel message, from jupyter_server and nbclient) made a log record: ~10 % of the server's
            # time in a burst. The logger itself now stops what the handler would drop.
            self.log.setLevel(self.log_level)
            return settings

        def init_handlers(self) -> list:
            """Voilà's handlers with ours: the page handler that sets the cookie, the home page at `/` and the
            handouts instead of Voilà's file list (legcramps.voila.home)."""
            home = self.server_url
            rules = []
            for rule in super().init_handlers():
                handler = rule[1] if len(rule) > 1 else None
                if handler is TornadoVoilaHandler:
                    rules.append((rule[0], PageHandler, *rule[2:]))
                elif handler is TornadoVoilaTreeHandler:
                    rules.append((rule[0], HomeHandler) if rule[0] == home else
                                 (rule[0], GoHomeHandler, {"home": home}))
                else:
                    rules.append(rule)
            # another language's under its code: /ru/, /handouts/ru/…, /slides/ru/… (as the files are laid out)
            rules.insert(0, (url_path_join(home, r"/([a-z]{2})/"), HomeHandler))
            rules.insert(0, (url_path_join(home, r"/handouts/(?:([a-z]{2})/)?([a-z0-9-]+(?:\.summary)?)\.html"),
                             HandoutHandler))
            rules.insert(0, (url_path_join(home, r"/slides/(?:([a-z]{2})/)?([a-z0-9-]+)\.slides\.html"), SlidesHandler))
            rules.insert(0, (url_path_join(home, r"/slides/lib/reveal\.js/([a-z/]+\.(?:js|css))"), RevealFileHandler))
            rules.insert(0, (url_path_join(home, "/legcramps/style.css"), StylesheetHandler))
            rules.insert(0, (url_path_join(home, r"/legcramps/(page-[0-9a-f]+\.css)"), PageStylesheetHandler))
            return rules

    return Voila


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not memory.runs_with_server_allocator():  # first pass: re-run this interpreter with the server's settings
        os.execve(sys.executable, [sys.executable, "-m", MODULE, *args], memory.server_allocator_env())
    memory.restore_kernel_environment()  # before Voilà starts any kernel: they inherit os.environ
    template.use_site_template()
    template.install()
    memory.start_trimming()
    sys.argv = ["voila", *args]
    voila_app_class().launch_instance()
    return 0
