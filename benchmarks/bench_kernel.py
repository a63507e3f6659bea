"""Kernel-side costs of the dashboard, measured in a plain process: imports, `Dashboard()`, one update, the chart
(render.chart's SVG: the dashboard loads no drawing library, which `drawing_libraries_loaded` checks)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench_stats import rounded

REPO = Path(__file__).resolve().parent.parent


DIAG_SCRIPT = r"""
import io, json, statistics, time
t0 = time.perf_counter()
import ipywidgets
t1 = time.perf_counter()
from legcramps.ui import Dashboard
from legcramps.render.chart import chart_figure
t2 = time.perf_counter()
import sys
from ipywidgets.widgets.widget import _instances
n0 = len(_instances)
dash = Dashboard(query="")
t3 = time.perf_counter()
models = len(_instances) - n0
state = sum(len(json.dumps(w.get_state(), default=str)) for w in list(_instances.values()))
def timed(fn, n=15):
    out = []
    for i in range(n):
        s = time.perf_counter(); fn(i); out.append((time.perf_counter() - s) * 1e3)
    return statistics.median(out)
box = dash.controls.controls["sleep_feet_pointed"]
svg = timed(lambda i: chart_figure(dash.result, dash.content))
drawing = sorted({m.split(".")[0] for m in sys.modules} & {"matplotlib", "numpy", "PIL"})
update = timed(lambda i: setattr(box, "value", not box.value))
print(json.dumps({"import_ipywidgets_ms": (t1 - t0) * 1e3, "import_dashboard_rest_ms": (t2 - t1) * 1e3,
                  "dashboard_init_ms": (t3 - t2) * 1e3, "widget_models": models,
                  "widget_state_kib": state / 1024, "chart_svg_ms": svg, "update_ms": update,
                  "drawing_libraries_loaded": len(drawing)}))
"""


def diagnostics(runs: int) -> dict[str, Any]:
    """Kernel-side costs measured in a plain process (no kernel: widget messages are not serialised)."""
    rows = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", DIAG_SCRIPT], capture_output=True, text=True, timeout=120,
                              cwd=REPO)
        if proc.returncode != 0:
            return {"error": proc.stderr[-2000:]}
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out: dict[str, Any] = {"unit": "ms", "runs": runs, "note": "median over runs; a fresh process each run"}
    for key in rows[0]:
        out[key] = rounded(statistics.median(r[key] for r in rows), 1)
    out["importtime_ms"] = importtime()
    return out


#: Packages whose cumulative import time `python -X importtime` reports for the dashboard's imports.
IMPORT_WATCH = ("ipykernel.ipkernel", "ipywidgets", "numpy", "matplotlib", "matplotlib.figure",
                "matplotlib.backends.backend_agg", "PIL.Image", "pydantic", "yaml", "markdown_it", "nh3",
                "legcramps.schema", "legcramps.content", "legcramps.engine", "legcramps.ui.views",
                "legcramps.ui.dashboard")


def importtime() -> dict[str, float]:
    """Cumulative import times (ms) of the big packages behind `from legcramps.ui import Dashboard`, as a
    kernel pays them (ipykernel first), from `python -X importtime` in a fresh process."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import ipykernel.ipkernel\nfrom legcramps.ui import Dashboard"],
                          capture_output=True, text=True, timeout=120, cwd=REPO)
    found: dict[str, float] = {}
    total = 0.0
    for line in proc.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].strip()
        cumulative = int(parts[1]) / 1000
        if name in IMPORT_WATCH and name not in found:
            found[name] = round(cumulative, 1)
        if parts[2] == " " + name:  # a top-level import
            total += cumulative
    found["total_top_level"] = round(total, 1)
    return found
