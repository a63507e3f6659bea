"""The performance harness (benchmarks/bench.py) runs end to end in quick mode and writes every figure.

It starts its own Voilà servers and drives Debian chromium, so it is marked `server` and `browser`
(`pytest -m "not server"` skips it) and takes one to two minutes. It writes into a temporary folder, never
over the committed benchmarks/results/latest.*. No timing is asserted: a figure must be there, with its
unit, goal and baseline, and be a positive number; whether a goal was met is the harness's business.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks" / "bench.py"
CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [pytest.mark.server, pytest.mark.browser]


def _import_bench_modules() -> None:
    """benchmarks/ is a folder of scripts, not a package: its modules import each other once it is on sys.path."""
    if str(BENCH.parent) not in sys.path:
        sys.path.insert(0, str(BENCH.parent))


_import_bench_modules()
import bench_churn  # noqa: E402
import bench_goals  # noqa: E402
import bench_stats  # noqa: E402


def _positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory) -> tuple[Path, dict, str]:
    pytest.importorskip("playwright.async_api")
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run `make install` (it apt-get installs chromium)")
    out = tmp_path_factory.mktemp("bench")
    committed = {p: p.stat().st_mtime_ns for p in (REPO / "benchmarks" / "results").glob("latest.*")}
    proc = subprocess.run([sys.executable, str(BENCH), "--quick", "--out", str(out)], capture_output=True, text=True,
                          timeout=600, cwd=REPO)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert {p: p.stat().st_mtime_ns for p in committed} == committed, "the committed results were overwritten"
    result = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return out, result, (out / "latest.md").read_text(encoding="utf-8")


def test_every_goal_figure_is_present_positive_and_has_goal_and_baseline(quick_run):
    _out, result, _md = quick_run
    assert result["benchmark"] == "voila" and result["quick"] is True
    figures = result["figures"]
    assert set(figures) == set(bench_goals.GOALS)
    for name, block in figures.items():
        goal = block["goal"]
        assert goal == bench_goals.GOALS[name], name
        assert block["unit"] == goal["unit"], name
        assert isinstance(block["meets_goal"], bool), name
        assert "baseline" in block and "measured" in block, name
        if block["unit"] == "count":  # errors: zero is the goal
            assert isinstance(block["value"], int) and block["value"] >= 0, (name, block["value"])
        elif block["unit"] == "%":  # a growth: memory may also end lower than it started
            assert isinstance(block["value"], float) and math.isfinite(block["value"]), (name, block["value"])
        else:
            assert _positive(block["value"]), (name, block["value"])
    for name in ("tti_preheated_ratio", "update_text_p95", "update_figure_p95", "kernel_memory_ratio",
                 "concurrent_tti_p95"):
        baseline = figures[name]["baseline"]
        assert baseline["name"], name
        assert any(_positive(v) for k, v in baseline.items() if k != "name"), (name, baseline)


def test_the_measurements_behind_the_figures_are_positive(quick_run):
    _out, result, _md = quick_run
    m = result["measured"]
    for phase, keys in (("tti_cold", ("bare", "dashboard")), ("tti_preheated", ("bare", "dashboard"))):
        for key in keys:
            block = m[phase][key]
            assert block["unit"] == "ms"
            assert _positive(block["tti"]["median"]) and _positive(block["tti"]["p95"]), (phase, key, block["tti"])
    assert _positive(m["tti_cold"]["dashboard"]["kernel_rss_mib"]["median"])
    assert _positive(m["memory_widgets_mpl"]["kernel_rss_mib"]["median"])
    updates = m["updates"]
    for kind in ("slider", "checkbox", "dropdown", "echo"):
        assert updates[kind]["moves"] > 0, kind
        assert _positive(updates[kind]["text_updated"]["p95"]), kind
        assert _positive(updates[kind]["figure_settled"]["p95"]), kind
    concurrent = m["concurrent"]
    assert concurrent["sessions"] > 0 and _positive(concurrent["tti"]["p95"])
    assert concurrent["browser_sessions"] >= 1 and _positive(concurrent["tti_browsers"]["p95"])
    assert concurrent["sessions_on_preheated_kernels"] == concurrent["sessions"]
    assert concurrent["load_moves"] > 0 and _positive(concurrent["load_move_to_idle"]["p95"])
    for key in ("share_link_cold", "share_link_preheated_dashboard"):
        assert isinstance(m[key]["applied"], bool), key
    churn = m["churn"]
    assert churn["sessions"]["total"] == bench_churn.CHURN_SESSIONS[True] and churn["kernels"]["peak"] > 0
    assert _positive(churn["voila_rss_mb"]["start_after_warmup"]) and _positive(churn["voila_rss_mb"]["end"])
    engine = result["engine"]["figures"]
    assert _positive(engine["assess"]["p95"]) and _positive(engine["load_cold"]["median"])
    first = m["first_text"]
    for page_type in ("home", "dashboard", "cause page", "bare Voilà page"):
        for n in first["measured_visitors"]:
            assert _positive(first[page_type][f"visitor_{n}"]["text_ms"]), (page_type, n, first[page_type])
        assert first[page_type]["errors"] == [], first[page_type]["errors"]
    assert _positive(result["figures"]["first_text_burst_max"]["value"])
    site = m["site"]
    assert site["size"]["files"] > 10 and _positive(site["first_visit_transfer"]["sent_mb"])
    for visit in ("first_visit", "repeat_visit"):
        for page in ("dashboard", "cause_page"):
            assert _positive(site[page][visit]["tti"]["median"]), (page, visit)
            assert site[page][visit]["errors"] == [], site[page][visit]["errors"]
    assert site["dashboard"]["repeat_visit"]["from_offline_cache"] is True
    assert _positive(site["updates"]["all"]["text_updated"]["p95"])


def test_machine_and_package_versions_are_recorded(quick_run):
    _out, result, _md = quick_run
    machine = result["machine"]
    assert _positive(machine["cpu_count"]) and _positive(machine["ram_gib"])
    assert machine["python"].count(".") == 2 and machine["platform"]
    packages = result["packages"]
    for name in ("voila", "ipywidgets", "jupyter_server", "matplotlib", "chromium"):
        assert packages[name], name
    assert _positive(result["duration_s"])


def test_the_markdown_table_has_a_row_per_figure(quick_run):
    _out, _result, md = quick_run
    assert "| Figure | Measured | Baseline | Goal | Met? |" in md
    for needle in ("time to interactive", "care card, causes, checklist", "chart updated", "Kernel memory",
                   "concurrent dashboard sessions: time to interactive", "concurrent dashboard sessions: errors",
                   "`assess()` p95", "abandoned sessions and the cull", "`content.load()`",
                   "First text on screen", "In-browser edition: dashboard time to interactive, repeat visit",
                   "In-browser edition: a first visit's transfer"):
        assert needle in md, needle
    rows = [line for line in md.splitlines() if line.startswith("| ") and not line.startswith("| Figure")]
    assert all(line.rstrip().endswith(("| yes |", "| **no** |")) for line in rows[:9]), rows[:9]


def test_percentile_summary_of_timings():
    s = bench_stats.summary([5.0, 1.0, 3.0, None])
    assert s == {"n": 3, "median": 3.0, "p95": 4.8, "min": 1.0, "max": 5.0}
    assert bench_stats.summary([]) == {"n": 0}
