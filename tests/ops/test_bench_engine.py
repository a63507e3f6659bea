"""The engine benchmark runs in quick mode and reports every figure with its unit and goal.

No timing is asserted here: timings belong in benchmarks/results/, not in a pass/fail test.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_engine.py"


def _import_bench():
    spec = importlib.util.spec_from_file_location("bench_engine", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_engine", module)
    spec.loader.exec_module(module)
    return module


bench = _import_bench()


@pytest.fixture(scope="module")
def quick_result() -> dict:
    return bench.run(quick=True)


def _positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value) and value > 0


def test_quick_run_has_every_figure_with_unit_and_goal(quick_result):
    assert quick_result["benchmark"] == "engine"
    assert quick_result["quick"] is True
    figures = quick_result["figures"]
    expected = {
        "assess": ("calls", "p50", "p95", "p99", "mean", "max"),
        "load_cold": ("runs", "median", "p95", "min", "max"),
        "cli_assess_json": ("runs", "median", "min", "max", "python_startup_median", "import_legcramps_cli_median"),
    }
    assert set(figures) == set(expected)
    for name, keys in expected.items():
        block = figures[name]
        assert block["unit"] == "ms", name
        for key in keys:
            assert _positive(block[key]), (name, key, block.get(key))
        goal = block["goal"]
        assert goal["unit"] == "ms" and _positive(goal["at_most"]) and goal["metric"] in block
        assert isinstance(block["meets_goal"], bool)
    a = figures["assess"]
    assert a["p50"] <= a["p95"] <= a["p99"] <= a["max"]
    assert a["calls"] >= 100


def test_quick_run_describes_machine_packages_and_content(quick_result):
    machine = quick_result["machine"]
    assert _positive(machine["cpu_count"])
    assert machine["python"].count(".") == 2 and machine["platform"]
    packages = quick_result["packages"]
    assert packages["legcramps"] and packages["pydantic"] and packages["PyYAML"]
    content = quick_result["content"]
    for key in ("factors", "rules", "red_flags", "causes", "checklist_items"):
        assert _positive(content[key]), key


def test_result_is_json_and_the_table_names_each_measure(quick_result, tmp_path: Path):
    path = bench.write(quick_result, tmp_path / "engine.json")
    assert json.loads(path.read_text(encoding="utf-8")) == quick_result
    table = bench.markdown_table(quick_result)
    assert table.startswith("| Measure | Result | Goal | Met |")
    for needle in ("assess()", "content.load()", "assess --json", "p95", "median"):
        assert needle in table


def test_answer_mix_is_in_range_and_reproducible(content):
    from legcramps.engine import complete_answers

    mix = bench.answer_mix(content, 40)
    assert mix == bench.answer_mix(content, 40)
    assert {} in mix and any(len(a) == len(content.factors) for a in mix)
    for answers in mix:
        complete_answers(answers, content)  # raises AnswerError on anything out of range


def test_percentile_interpolates():
    assert bench.percentile([1, 2, 3, 4, 5], 50) == 3
    assert bench.percentile([1, 2], 50) == 1.5
    assert bench.percentile([5], 99) == 5
