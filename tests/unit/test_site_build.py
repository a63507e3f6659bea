"""`make site` (legcramps.browser.build): every page is there with its text in the HTML, every link and script
stays on the site, and the offline cache knows every file.

Built once per module from the real content (~5 s, Node compiling the Python bundle included). Needs the npm
packages `make install` puts in node_modules/ (Pyodide, the widgets' JavaScript); without them the build says
so and these tests fail with that message.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser

import pytest

from legcramps.browser.build import SiteError, build


class Links(HTMLParser):
    """Every href and src of a page, and its visible text."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")
        self.urls += [v for k, v in attrs if k in ("href", "src") and v]

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read(path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def site(tmp_path_factory, content):
    out = tmp_path_factory.mktemp("site")
    try:
        build(out, content)
    except SiteError as exc:
        pytest.fail(str(exc))
    return out


def test_the_home_page_the_dashboard_and_every_page_are_built(site, content):
    for name in ["index.html", "dashboard.html", *(f"{p.slug}.html" for p in content.pages)]:
        assert (site / name).is_file(), name
    assert (site / "handouts" / "worksheet.html").is_file()


def test_each_page_s_text_is_in_its_html(site, content):
    for page in content.pages:
        text = " ".join(read(site / f"{page.slug}.html").text)
        assert page.title in text
        assert content.site.disclaimer in text
        for cause_id in page.causes:
            assert content.causes[cause_id].front.title in text, (page.slug, cause_id)
    dashboard = " ".join(read(site / "dashboard.html").text)
    assert content.site.tagline in dashboard and content.site.page_loading in dashboard


def test_every_link_and_script_stays_on_the_site_and_points_at_a_built_file(site):
    for page in site.glob("*.html"):
        for url in read(page).urls:
            if url.startswith(("data:", "#", "?", "mailto:")):
                continue
            if re.match(r"https?://", url):
                # a source's own page, for a reader to follow: never a script, a style or a font
                assert not re.search(r"\.(js|mjs|css|woff2?|wasm)(\?|$)", url), (page.name, url)
                continue
            target = (site / url.split("?")[0].split("#")[0])
            assert target.exists(), f"{page.name} links to {url}, which was not built"
            assert not url.endswith(".ipynb"), (page.name, url)


def test_a_cause_page_has_its_live_parts_and_a_figure_drawn_at_build_time(site):
    html = (site / "02-overload.html").read_text(encoding="utf-8")
    assert html.count('class="lc-slot"') == 2
    assert "&quot;part&quot;:&quot;explore&quot;" in html and "&quot;part&quot;:&quot;quiz&quot;" in html
    assert re.search(r'<figure class="lc-cause-figure"><img src="data:image/png;base64,[^"]+" alt="[^"]+', html)


def test_the_python_bundle_is_bytecode_with_no_sources(site):
    names = zipfile.ZipFile(site / "app" / "python.zip").namelist()
    assert "legcramps/browser/runtime.pyc" in names and "ipywidgets/__init__.pyc" in names
    assert not any(n.endswith(".py") for n in names)


def test_the_offline_cache_lists_every_file_under_a_version_of_the_build(site):
    sw = (site / "sw.js").read_text(encoding="utf-8")
    assert "__VERSION__" not in sw and re.search(r"const VERSION = 'legcramps-[0-9a-f]{16}'", sw)
    for path in site.rglob("*"):
        if path.is_file() and path.name != "sw.js":
            assert f'"{path.relative_to(site).as_posix()}"' in sw, path
