"""Closing the tab gives its kernel back at once (Voilà's shutdown beacon is accepted, not refused).

Voilà 0.5's page sends `POST /voila/api/shutdown/<kernel>` with the `_xsrf` value from its cookie when the
tab closes; Voilà never set that cookie, so every beacon got 403 and the kernel (~100 MB) waited 15 minutes
for the idle culler (voila-dashboards/voila#1458). `python -m legcramps.voila` sets the cookie with each page.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.conftest import wait_for_app

pytestmark = [pytest.mark.server, pytest.mark.browser]


def test_closing_the_tab_shuts_its_kernel_down(browser, voila_server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(voila_server.page("dashboard.ipynb"))
        wait_for_app(page, ".lc-care[data-tier]")
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content()).group(1)
        assert any(c["name"] == "_xsrf" for c in context.cookies()), "the page set no _xsrf cookie"
        page.close(run_before_unload=True)
        deadline = time.time() + 20
        log = voila_server.log_path.read_text()
        while f"Kernel shutdown: {kernel}" not in log and time.time() < deadline:
            time.sleep(0.3)
            log = voila_server.log_path.read_text()
        assert f"Kernel shutdown: {kernel}" in log, "the closed tab's kernel is still running"
        assert f"/voila/api/shutdown/{kernel}" not in log or "403" not in log.split(kernel)[-1][:200]
    finally:
        context.close()
