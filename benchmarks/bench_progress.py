"""Progress lines of a bench run, and how long each phase of it took."""

from __future__ import annotations

import time

PHASES: dict[str, float] = {}  # phase name → seconds it took, in this run
_phase: list = []


def log(msg: str, phase: str | None = None) -> None:
    """Print a progress line; with `phase`, also start timing a new phase (ending the previous one)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)
    if phase:
        end_phase()
        _phase.append((phase, time.monotonic()))


def end_phase() -> None:
    if _phase:
        name, start = _phase.pop()
        PHASES[name] = round(time.monotonic() - start, 1)
