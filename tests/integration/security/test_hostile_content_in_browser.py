"""A Voilà server fed a content folder full of payloads, and share links full of payloads, raise no dialog
and set no global in a real Chromium (the renderers' own audit is tests/unit/security/test_markup_injection.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from legcramps.content import clear_cache
from tests.conftest import VoilaServer, wait_for_app
from tests.unit.security.hostile import MARK, PAYLOADS, write_hostile_content


@pytest.fixture(scope="module")
def hostile_content(tmp_path_factory) -> Path:
    root = write_hostile_content(tmp_path_factory.mktemp("hostile") / "content")
    yield root
    clear_cache()


@pytest.mark.server
@pytest.mark.browser
def test_no_script_runs_in_the_browser(hostile_content, browser):
    from urllib.parse import quote

    server = VoilaServer(env={"LEGCRAMPS_CONTENT": str(hostile_content)})
    dialogs: list[str] = []
    try:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        link_attack = "&".join(f"{quote(p)}=1" for p in PAYLOADS[:12]) + "&footwear=" + quote(PAYLOADS[1])
        for url in (server.page("dashboard.ipynb", link_attack), server.page("05-flat-foot.ipynb")):
            page.goto(url)
            wait_for_app(page)
            page.wait_for_timeout(1500)
            assert page.evaluate(f"typeof window.{MARK}") == "undefined", url
        # the hostile text is visible as text
        page.goto(server.page("dashboard.ipynb", link_attack))
        wait_for_app(page, ".lc-care")
        body = page.inner_text("body")
        assert "<script>" in body or "onerror" in body
        assert page.evaluate(f"typeof window.{MARK}") == "undefined"
        context.close()
    finally:
        server.stop()
    assert dialogs == []
