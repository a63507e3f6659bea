"""Where the site's pages are, as seen from another page: one value per edition, used by every page link.

Why: the same render code writes the links of both editions. In JupyterLab and on the Voilà server a page is
a notebook beside the others (`02-overload.ipynb`); in the in-browser edition it is a static file
(`02-overload.html`). Every link to a page (navigation, the table of pages, a cause's "read more", the
dashboard's way to the pages) is made by `Links.page`, so an edition changes its links in one place.
"""

from __future__ import annotations

import json
import urllib.parse
from dataclasses import dataclass
from typing import TYPE_CHECKING

from legcramps.markup import esc

if TYPE_CHECKING:
    from legcramps.content import Content


@dataclass(frozen=True)
class Links:
    """Links to pages: `base` (the folder of the pages, relative to the linking page) + slug + `suffix`."""

    base: str = ""
    suffix: str = ".ipynb"
    #: Whether the edition has the pages in every language of the content (`translation` links to them).
    translations: bool = True

    def page(self, slug: str, query: str = "") -> str:
        return f"{self.base}{urllib.parse.quote(slug)}{self.suffix}" + (f"?{query}" if query else "")

    def translation(self, slug: str, here: str, there: str) -> str:
        """Page `slug` in language `there`, linked from the same page in language `here`."""
        return f"{up_from(here)}{language_folder(there)}{urllib.parse.quote(slug)}{self.suffix}"


def language_folder(lang: str) -> str:
    """Where a language's pages, sheets and decks sit: English at the top of each output's folder, another
    language in a folder of its own beside them (`ru/dashboard.ipynb`, `handouts/ru/…`)."""
    return "" if lang == "en" else f"{lang}/"


def up_from(lang: str) -> str:
    """From a page of `lang` back to the top of its output's folder ("" or "../")."""
    return "../" if language_folder(lang) else ""


#: Notebooks side by side: JupyterLab, and Voilà's /voila/render/ (a page links to its neighbours).
NOTEBOOKS = Links()
#: The in-browser edition: static pages side by side (`make site`).
STATIC = Links(suffix=".html")


def language_links(content: Content, slug: str, links: Links) -> str:
    """The same page in each other language of the content, each named in its own language (`lang`,
    `hreflang`), so a reader who cannot read this page's language still finds theirs. The page's script
    adds the address's answers when one is followed (the Voilà template), so the answers are kept. None
    in an edition that has one language only (`links.translations`)."""
    if not links.translations:
        return ""
    return "".join(
        f' <a class="lc-lang" lang="{esc(code)}" hreflang="{esc(code)}" '
        f'href="{esc(links.translation(slug, content.lang, code))}">{esc(name)}</a>'
        for code, name in content.languages if code != content.lang)


def language_script(translations: dict[str, str]) -> str:
    """The page's language script, run before its first paint (both editions: the Voilà template and the
    static pages): `?lang=ru` opens the same page in that language (`translations`: language → its address,
    from the notebook's metadata), keeping the rest of the address; a link to another language
    (`language_links`) takes the address's answers along."""
    others = json.dumps(translations, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    return ("<script>(function(others){var params=new URLSearchParams(location.search),lang=params.get('lang');"
            "if(lang&&others[lang]&&document.documentElement.lang!==lang){params.delete('lang');"
            "location.replace(others[lang]+(params.toString()?'?'+params:'')+location.hash);}"
            "document.addEventListener('click',function(event){var link=event.target.closest&&"
            "event.target.closest('a.lc-lang');if(link)link.href=link.href.split('?')[0]+location.search;},true);"
            f"}})({others});</script>")
