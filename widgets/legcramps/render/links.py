"""Where the site's pages are, as seen from another page: one value per edition, used by every page link.

Why: the same render code writes the links of both editions. In JupyterLab and on the Voilà server a page is
a notebook beside the others (`02-overload.ipynb`); in the in-browser edition it is a static file
(`02-overload.html`). Every link to a page (navigation, the table of pages, a cause's "read more", the
dashboard's way to the pages) is made by `Links.page`, so an edition changes its links in one place.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass


@dataclass(frozen=True)
class Links:
    """Links to pages: `base` (the folder of the pages, relative to the linking page) + slug + `suffix`."""

    base: str = ""
    suffix: str = ".ipynb"

    def page(self, slug: str, query: str = "") -> str:
        return f"{self.base}{urllib.parse.quote(slug)}{self.suffix}" + (f"?{query}" if query else "")

    def translation(self, slug: str, here: str, there: str) -> str:
        """Page `slug` in language `there`, linked from the same page in language `here`. English pages are
        the top folder, another language's a folder of its own beside them (`ru/dashboard.ipynb`)."""
        up = "" if here == "en" else "../"
        return f"{up}{'' if there == 'en' else there + '/'}{urllib.parse.quote(slug)}{self.suffix}"


#: Notebooks side by side: JupyterLab, and Voilà's /voila/render/ (a page links to its neighbours).
NOTEBOOKS = Links()
#: The in-browser edition: static pages side by side (`make site`).
STATIC = Links(suffix=".html")
