"""Summaries of a run's timings: n, median, p95, min, max; rounding and ratios for the figures."""

from __future__ import annotations

import statistics
from typing import Any

from bench_engine import percentile


def rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(float(value), digits)


def summary(values: list[float], digits: int = 1) -> dict[str, Any]:
    """n, median, p95, min, max of a list of timings (empty list → n 0 and no figures)."""
    vals = [v for v in values if v is not None]
    if not vals:
        return {"n": 0}
    return {"n": len(vals), "median": rounded(statistics.median(vals), digits),
            "p95": rounded(percentile(vals, 95), digits), "min": rounded(min(vals), digits),
            "max": rounded(max(vals), digits)}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None
