"""Never a stale page: the answers live in the address bar, and a page whose kernel is gone says so at once.

Real Voilà servers and a real Chromium. The kernel is killed the way the machine's OOM killer would (SIGKILL),
culled by a server with a short idle timeout, or lost with the whole server, which then comes back on the
same port as a redeploy would. Each time: a notice (role="alert") within 2 s of the loss or of the next move,
every control greyed out and inert, and its one button reloads the page with every answer back.
"""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import VoilaServer
from tests.integration.browser.dashboard_page import (
    control_values,
    open_class_mode,
    open_dashboard,
    open_section,
    set_slider_with_keys,
    tier,
    wait_tier,
)
from tests.integration.browser.test_quiz import shown_label

pytestmark = [pytest.mark.server, pytest.mark.browser]

NOTICE = ".lc-session-notice[role=alert]"


def kernel_id(page) -> str:
    return page.evaluate("window.jupyterapp.widgetManager.kernel.id")


def kill_kernel(kid: str) -> int:
    """SIGKILL the ipykernel process of this kernel id (its connection file names the id)."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "ipykernel" in cmdline and kid in cmdline:
            os.kill(int(pid), signal.SIGKILL)
            return int(pid)
    raise AssertionError(f"no process for kernel {kid}")


def url_answers(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_url_has(page, key: str, value: str) -> None:
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value],
                           timeout=20_000)


def set_frequent_cramps(page) -> None:
    """Three cramps a week (keys on the slider): the card becomes "See a GP", and the URL says so."""
    set_slider_with_keys(page, "cramps_per_week", 3, step=1)
    wait_tier(page, "see_gp")
    wait_url_has(page, "cramps_per_week", "3")


def assert_paused(page) -> None:
    notice = page.locator(NOTICE)
    assert notice.is_visible()
    assert "answers are kept" in notice.locator("button").inner_text()
    assert page.locator(".lc-root.lc-paused[inert]").count() >= 1, "the controls are not disabled"
    # a paused page does not take input: a click on a control does nothing
    assert page.evaluate("getComputedStyle(document.querySelector('.lc-root')).pointerEvents") == "none"


def reload_from_notice_and_check(page, expected: dict) -> None:
    page.locator(NOTICE).locator("button").click()
    page.wait_for_selector(".lc-care[data-tier]", timeout=90_000)
    page.wait_for_function("() => !document.querySelector('.lc-session-notice')", timeout=10_000)
    values = control_values(page)
    for key, value in expected.items():
        assert values[key] == value, (key, values[key])


def test_every_move_is_in_the_address_bar_and_a_reload_restores_it(page, voila_server):
    open_dashboard(page, voila_server)
    assert urlparse(page.url).query == ""
    set_frequent_cramps(page)
    open_section(page, "warning_signs")
    page.get_by_role("checkbox", name="Both legs or ankles swollen").check()
    wait_url_has(page, "both_legs_swollen", "true")
    assert url_answers(page) == {"cramps_per_week": "3", "both_legs_swollen": "true"}, "only changed answers"
    page.reload()
    page.wait_for_selector(".lc-care[data-tier]", timeout=90_000)
    values = control_values(page)
    assert values["cramps_per_week"] == 3 and values["both_legs_swollen"] is True
    assert tier(page) == "see_gp"
    # and the restored page works: untick, and the card and the URL follow
    open_section(page, "warning_signs")
    page.get_by_role("checkbox", name="Both legs or ankles swollen").uncheck()
    page.wait_for_function("() => !new URLSearchParams(location.search).has('both_legs_swollen')", timeout=20_000)


def test_a_killed_kernel_is_visible_within_2_s_of_the_next_move_and_reload_restores(page, voila_server):
    open_dashboard(page, voila_server)
    set_frequent_cramps(page)
    card_before = page.inner_text(".lc-care")
    kill_kernel(kernel_id(page))
    page.locator(".lc-factor-cramps_per_week .noUi-handle").focus()
    moved = time.monotonic()
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(NOTICE, timeout=2_500)
    print(f"\nsession figure: killed kernel, notice {time.monotonic() - moved:.2f} s after the next move")
    assert time.monotonic() - moved < 2.5
    assert_paused(page)
    assert page.inner_text(".lc-care") == card_before, "nothing pretends to update"
    reload_from_notice_and_check(page, {"cramps_per_week": 3})
    assert tier(page) == "see_gp"
    set_slider_with_keys(page, "cramps_per_week", 1, step=1)
    wait_tier(page, "self_care")


def test_a_culled_kernel_says_the_page_paused(browser):
    pools = json.dumps({"default": {"pool_size": 0}})
    server = VoilaServer(extra_args=["--MappingKernelManager.cull_idle_timeout=4",
                                     "--MappingKernelManager.cull_interval=1",
                                     f"--VoilaKernelManager.kernel_pools_config={pools}"])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_dashboard(page, server)
        set_frequent_cramps(page)
        idle_from = time.monotonic()
        page.wait_for_selector(NOTICE, timeout=20_000)  # culled after 4 s idle, checked every second
        print(f"\nsession figure: cull (4 s timeout, 1 s interval), notice {time.monotonic() - idle_from:.2f} s "
              "after the last move")
        assert "paused after" in page.inner_text(NOTICE)
        assert "without use" in page.inner_text(NOTICE)
        assert_paused(page)
        reload_from_notice_and_check(page, {"cramps_per_week": 3})
        assert tier(page) == "see_gp"
    finally:
        context.close()
        server.stop()


def test_a_restarted_server_shows_the_notice_and_a_reload_restores_the_answers(browser):
    first = VoilaServer()
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    second = None
    try:
        open_dashboard(page, first)
        set_frequent_cramps(page)
        first.stop()
        stopped = time.monotonic()
        page.wait_for_selector(NOTICE, timeout=5_000)
        print(f"\nsession figure: server stopped, notice {time.monotonic() - stopped:.2f} s later")
        assert time.monotonic() - stopped < 5
        assert_paused(page)
        second = VoilaServer(port=first.port)  # the redeploy: same address
        reload_from_notice_and_check(page, {"cramps_per_week": 3})
        assert tier(page) == "see_gp"
    finally:
        context.close()
        if second:
            second.stop()


def _kernel_processes(server: VoilaServer) -> list:
    import psutil

    return [p for p in psutil.Process(server.proc.pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())]


@pytest.mark.parametrize("after_s", [0, 3], ids=["while-pre-running", "after-pre-run"])
def test_after_every_kernel_is_killed_the_next_visitor_gets_a_working_page(browser, after_s):
    """The preheated pool heals: a pooled kernel that died (or came back empty) is never handed out, whether
    it died while it started and ran the notebook or afterwards."""
    server = VoilaServer()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        deadline = time.monotonic() + 120
        while "Kernel pool of dashboard.ipynb is filled" not in server.log_path.read_text():
            assert time.monotonic() < deadline, "the pool never filled"
            time.sleep(0.5)
        time.sleep(after_s)
        killed = _kernel_processes(server)
        assert len(killed) >= 2, "expected the two pooled kernels"
        for proc in killed:
            proc.kill()
        for proc in killed:  # "then load the dashboard": each is dead (a zombie, or reaped) by then
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    if proc.status() == "zombie":
                        break
                except Exception:  # gone
                    break
                time.sleep(0.05)
        started = time.monotonic()
        open_dashboard(page, server, "cramps_per_week=4")
        took = time.monotonic() - started
        print(f"\nsession figure: every kernel killed, next visitor interactive in {took:.2f} s")
        assert tier(page) == "see_gp", "the visitor's link was applied"
        set_slider_with_keys(page, "cramps_per_week", 1, step=1)
        wait_tier(page, "self_care")
        assert page.locator(NOTICE).count() == 0
        assert "died or was restarted; replacing it" in server.log_path.read_text()
        assert took < 45, f"interactive after {took:.1f} s"
    finally:
        context.close()
        server.stop()


def test_a_cause_page_whose_kernel_died_pauses_its_explorer_and_quiz(page, voila_server, content):
    from tests.conftest import wait_for_app

    slug = "05-flat-foot"
    page.goto(voila_server.page(f"{slug}.ipynb"))
    wait_for_app(page, ".lc-quiz-question")
    page.wait_for_function("() => window.lcSession && window.jupyterapp && window.jupyterapp.widgetManager",
                           timeout=20_000)
    kill_kernel(kernel_id(page))
    question = page.locator(".lc-quiz-question").first
    right = next(a for a in content.quizzes[slug].questions[0].answers if a.correct)
    question.get_by_role("radio", name=shown_label(content.quizzes[slug], content.quizzes[slug].questions[0], right),
                         exact=True).check()
    checked = time.monotonic()
    page.wait_for_selector(NOTICE, timeout=3_000)
    print(f"\nsession figure: cause page, notice {time.monotonic() - checked:.2f} s after a quiz answer")
    assert time.monotonic() - checked < 2.5
    assert page.locator(".lc-quiz.lc-paused[inert]").count() == 1, "the quiz is disabled"
    assert page.locator(".lc-explorer.lc-paused[inert]").count() >= 1, "the explorer is disabled"
    assert question.locator(".lc-quiz-feedback").count() == 0


def test_class_mode_and_its_scenario_survive_a_reload_and_the_export_uses_the_restored_answers(page, voila_server,
                                                                                               content):
    runner = next(s for s in content.scenarios if s.id == "runner_with_swollen_calf")
    open_class_mode(page, voila_server)
    page.locator(f'.lc-scenario[data-scenario="{runner.id}"] a.lc-scenario-link').click()
    page.wait_for_selector(f'.lc-scenario[data-scenario="{runner.id}"][aria-current="true"]', timeout=90_000)
    wait_tier(page, "urgent")
    set_slider_with_keys(page, "cramps_per_week", 4, step=1)
    wait_url_has(page, "cramps_per_week", "4")
    assert url_answers(page)["mode"] == "class" and url_answers(page)["scenario"] == runner.id
    page.reload()
    page.wait_for_selector(f'.lc-scenario[data-scenario="{runner.id}"][aria-current="true"]', timeout=90_000)
    wait_tier(page, "urgent")
    assert control_values(page)["cramps_per_week"] == 4
    from tests.integration.browser.dashboard_page import data_url_text

    markdown = data_url_text(page.get_attribute("a.lc-export-md", "href"))
    assert "Cramps in a usual week: 4 cramps a week" in markdown
    assert content.checklist["get_help_today"].text in markdown
