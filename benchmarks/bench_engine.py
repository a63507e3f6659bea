"""Engine benchmarks: `assess()` per call, `content.load()` cold, and the `assess --json` command line.

Run it on its own:

    .venv/bin/python benchmarks/bench_engine.py            # full run, writes benchmarks/results/engine.json
    .venv/bin/python benchmarks/bench_engine.py --quick    # small counts, for a smoke test

or from another script: `run(quick=False) -> dict` returns the same figures without writing anything;
`write(result, path)` and `markdown_table(result)` do the rest.

These are figures, not pass/fail timers: each one carries its unit and the goal from the design beside it,
and `meets_goal` only records whether this machine met it on this run.

What is measured:

- assess: `assess(answers, content)` on a fixed-seed mix of answers built from `content.factors` (every
  answer is in range): the defaults, a few factors changed (what a person does on one page), every factor
  random, and every factor random with the warning signs more likely (so red flags fire). Each call is
  timed on its own; p50/p95/p99 over all calls.
- load_cold: `content.load()` after `clear_cache()`, so each run reads, parses, validates and cross-checks
  every file. Python modules are already imported and the files are in the OS cache (a warm process, a
  cold content cache), which is what a Voilà server pays once when it starts.
- cli_assess_json: wall time of `python -m legcramps assess --json --set …` in a new process: interpreter
  start, imports, load and one assessment. Beside it, for a breakdown, the bare interpreter start and
  `import legcramps.cli` in a new process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from legcramps.content import CACHE_ENV, Content, clear_cache, default_root, load
from legcramps.engine import assess
from legcramps.schema import Factor

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "engine.json"

#: The goals from the design, in the unit of the figure they apply to.
GOALS = {
    "assess": {"metric": "p95", "at_most": 0.2, "unit": "ms"},
    "load_cold": {"metric": "median", "at_most": 50.0, "unit": "ms"},
    "cli_assess_json": {"metric": "median", "at_most": 1000.0, "unit": "ms", "note": "well under 1 s"},
}

#: Counts per mode. Full counts meet the brief: ≥ 2000 assess calls, ≥ 20 cold loads, 5 CLI runs.
COUNTS = {
    False: {"assess_calls": 4000, "assess_warmup": 200, "load_runs": 30, "cli_runs": 5},
    True: {"assess_calls": 200, "assess_warmup": 20, "load_runs": 3, "cli_runs": 1},
}

#: A realistic command line (the example in the design), used when these factors exist.
CLI_SETTINGS = {"fluid_litres_per_day": "0.8", "standing_hours_per_day": "10", "footwear": "high_heels"}

PACKAGES = ("legcramps", "pydantic", "pydantic-core", "PyYAML", "markdown-it-py", "nh3", "ipywidgets", "voila")


# ---------------------------------------------------------------- small statistics


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) with linear interpolation between the two nearest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def _r(value: float, digits: int = 4) -> float:
    return round(value, digits)


def _meets(goal: dict[str, Any], figures: dict[str, Any]) -> bool:
    return figures[goal["metric"]] <= goal["at_most"]


# ---------------------------------------------------------------- answers


def random_value(factor: Factor, rng: random.Random, p_true: float = 0.2) -> Any:
    """An in-range value for one factor: on the slider's grid most of the time, anywhere in range sometimes."""
    if factor.kind == "checkbox":
        return rng.random() < p_true
    if factor.kind == "choice":
        return rng.choice(factor.option_values)
    if rng.random() < 0.8:
        steps = round((factor.max - factor.min) / factor.step)
        return min(factor.max, factor.min + rng.randint(0, steps) * factor.step)
    return rng.uniform(factor.min, factor.max)


def answer_mix(content: Content, count: int, seed: int = 20261124) -> list[dict[str, Any]]:
    """`count` answer sets, a fixed-seed mix of four kinds (see the module docstring)."""
    rng = random.Random(seed)
    factors = list(content.factors.values())
    warning = {f.id for f in factors if f.group == "warning_signs"}
    mix: list[dict[str, Any]] = []
    for i in range(count):
        kind = i % 4
        if kind == 0:
            answers: dict[str, Any] = {}
        elif kind == 1:
            chosen = rng.sample(factors, k=min(len(factors), rng.randint(1, 6)))
            answers = {f.id: random_value(f, rng, p_true=0.5) for f in chosen}
        elif kind == 2:
            answers = {f.id: random_value(f, rng) for f in factors}
        else:
            answers = {f.id: random_value(f, rng, p_true=0.35 if f.id in warning else 0.2) for f in factors}
        mix.append(answers)
    rng.shuffle(mix)
    return mix


# ---------------------------------------------------------------- the three measurements


def bench_assess(content: Content, calls: int, warmup: int) -> dict[str, Any]:
    answers = answer_mix(content, calls)
    for a in answers[:warmup]:
        assess(a, content)
    clock = time.perf_counter_ns
    times_ns: list[int] = []
    for a in answers:
        start = clock()
        assess(a, content)
        times_ns.append(clock() - start)
    ms = [t / 1e6 for t in times_ns]
    out = {
        "unit": "ms",
        "calls": calls,
        "p50": _r(percentile(ms, 50)),
        "p95": _r(percentile(ms, 95)),
        "p99": _r(percentile(ms, 99)),
        "mean": _r(statistics.fmean(ms)),
        "max": _r(max(ms)),
        "answer_mix": "defaults, 1-6 factors changed, all factors random, all random with more warning signs",
        "goal": GOALS["assess"],
    }
    out["meets_goal"] = _meets(GOALS["assess"], out)
    return out


def bench_load(root: Path, runs: int) -> dict[str, Any]:
    """`content.load()` both ways a process meets it: a full validation (no snapshot yet: after any content
    edit, `legcramps check`, the first kernel) — the goal figure — and from the validated snapshot (every
    later kernel). Each validation run gets an empty snapshot folder, so it cannot take the fast path."""
    import tempfile

    def timed(fresh_cache: bool) -> list[float]:
        times: list[float] = []
        saved = os.environ.get(CACHE_ENV)
        with tempfile.TemporaryDirectory() as shared:
            try:
                for i in range(runs + 1):
                    clear_cache()
                    os.environ[CACHE_ENV] = tempfile.mkdtemp(dir=shared) if fresh_cache else shared
                    start = time.perf_counter()
                    load(root)
                    if fresh_cache or i > 0:  # from the snapshot: the first run writes it
                        times.append((time.perf_counter() - start) * 1e3)
            finally:
                clear_cache()
                if saved is None:
                    os.environ.pop(CACHE_ENV, None)
                else:
                    os.environ[CACHE_ENV] = saved
        return times[:runs]

    times = timed(fresh_cache=True)
    snapshot = timed(fresh_cache=False)
    out = {
        "unit": "ms",
        "runs": runs,
        "median": _r(statistics.median(times), 2),
        "p95": _r(percentile(times, 95), 2),
        "min": _r(min(times), 2),
        "max": _r(max(times), 2),
        "from_snapshot_median": _r(statistics.median(snapshot), 2),
        "from_snapshot_p95": _r(percentile(snapshot, 95), 2),
        "goal": GOALS["load_cold"],
    }
    out["meets_goal"] = _meets(GOALS["load_cold"], out)
    return out


def _wall_ms(argv: list[str], runs: int, check: Callable[[str], None] | None = None) -> list[float]:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        times.append((time.perf_counter() - start) * 1e3)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}:\n{proc.stderr}")
        if check:
            check(proc.stdout)
    return times


def _check_contract(stdout: str) -> None:
    data = json.loads(stdout)
    missing = {"care", "causes", "checklist", "disclaimer"} - set(data)
    if missing:
        raise RuntimeError(f"assess --json output lacks {sorted(missing)}")


def bench_cli(content: Content, root: Path, runs: int) -> dict[str, Any]:
    settings = [f"{k}={v}" for k, v in CLI_SETTINGS.items() if k in content.factors]
    argv = [sys.executable, "-m", "legcramps", "--content", str(root), "assess", "--json"]
    for pair in settings:
        argv += ["--set", pair]
    # one untimed run so the first timed run does not pay for writing .pyc files
    _wall_ms(argv, 1, _check_contract)
    times = _wall_ms(argv, runs, _check_contract)
    startup = _wall_ms([sys.executable, "-c", "pass"], runs)
    imports = _wall_ms([sys.executable, "-c", "import legcramps.cli"], runs)
    out = {
        "unit": "ms",
        "runs": runs,
        "command": "python -m legcramps assess --json " + " ".join(f"--set {p}" for p in settings),
        "median": _r(statistics.median(times), 1),
        "min": _r(min(times), 1),
        "max": _r(max(times), 1),
        "python_startup_median": _r(statistics.median(startup), 1),
        "import_legcramps_cli_median": _r(statistics.median(imports), 1),
        "goal": GOALS["cli_assess_json"],
    }
    out["meets_goal"] = _meets(GOALS["cli_assess_json"], out)
    return out


# ---------------------------------------------------------------- machine and packages


def load_average() -> float | None:
    """The 1-minute load average (how busy the machine was; figures on a busy machine are noisier)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # not on every platform
        return None


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }


def installed_versions(names) -> dict[str, str | None]:
    """Version of each installed distribution, None where it is missing (shared with bench.py)."""
    versions: dict[str, str | None] = {}
    for name in names:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def package_versions() -> dict[str, str | None]:
    versions = installed_versions(PACKAGES)
    try:
        import yaml

        versions["PyYAML_libyaml_available"] = str(bool(yaml.__with_libyaml__)).lower()
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        pass
    return versions


# ---------------------------------------------------------------- run, write, show


def run(quick: bool = False, content_root: str | Path | None = None) -> dict[str, Any]:
    """Measure everything and return the figures (nothing is written). `quick` uses small counts."""
    counts = COUNTS[bool(quick)]
    root = Path(content_root).resolve() if content_root is not None else default_root()
    clear_cache()
    content = load(root)
    load_before = load_average()
    figures = {
        "assess": bench_assess(content, counts["assess_calls"], counts["assess_warmup"]),
        "load_cold": bench_load(root, counts["load_runs"]),
        "cli_assess_json": bench_cli(content, root, counts["cli_runs"]),
    }
    machine = {**machine_info(), "load_average_1min_before": load_before, "load_average_1min_after": load_average()}
    return {
        "benchmark": "engine",
        "quick": bool(quick),
        "created": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "content": {
            "root": str(root),
            "factors": len(content.factors),
            "rules": len(content.rules),
            "red_flags": len(content.flags),
            "causes": len(content.causes),
            "checklist_items": len(content.checklist),
        },
        "figures": figures,
        "machine": machine,
        "packages": package_versions(),
    }


def write(result: dict[str, Any], path: str | Path = RESULTS) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def markdown_table(result: dict[str, Any]) -> str:
    f = result["figures"]
    a, ld, cli = f["assess"], f["load_cold"], f["cli_assess_json"]

    def goal(g: dict[str, Any]) -> str:
        return f"{g['metric']} ≤ {g['at_most']:g} {g['unit']}"

    def met(block: dict[str, Any]) -> str:
        return "yes" if block["meets_goal"] else "**no**"

    rows = [
        "| Measure | Result | Goal | Met |",
        "|---|---|---|---|",
        f"| `assess()`, {a['calls']} calls | p50 {a['p50']:.3f} / p95 {a['p95']:.3f} / p99 {a['p99']:.3f} ms"
        f" | {goal(a['goal'])} | {met(a)} |",
        f"| `content.load()` cold, {ld['runs']} runs | median {ld['median']:.1f} / p95 {ld['p95']:.1f} ms"
        f" | {goal(ld['goal'])} | {met(ld)} |",
        f"| `python -m legcramps assess --json`, {cli['runs']} runs | median {cli['median']:.0f} ms"
        f" (python start {cli['python_startup_median']:.0f} ms, `import legcramps.cli`"
        f" {cli['import_legcramps_cli_median']:.0f} ms) | {goal(cli['goal'])} ({cli['goal']['note']}) | {met(cli)} |",
    ]
    m = result["machine"]
    rows.append("")
    busy = m.get("load_average_1min_after")
    rows.append(f"Machine: {m['cpu_count']} CPUs, Python {m['python']} ({m['implementation']}), {m['platform']}"
                + (f", load average {busy:g} at the end." if busy is not None else ".")
                + (" Quick mode: small counts, figures are rough." if result["quick"] else ""))
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark assess(), content.load() and the assess CLI.")
    parser.add_argument("--quick", action="store_true", help="small counts (a smoke test, not real figures)")
    parser.add_argument("--content", help="content folder (default: the shipped content)")
    parser.add_argument("--out", default=str(RESULTS), help=f"JSON file to write (default: {RESULTS})")
    args = parser.parse_args(argv)
    result = run(quick=args.quick, content_root=args.content)
    path = write(result, args.out)
    print(markdown_table(result))
    print(f"\nWritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
