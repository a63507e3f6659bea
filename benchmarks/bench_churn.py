"""Server memory after churn: the kernel-lifetime test (tests/ops/test_kernel_lifetime.py) run in full, its figures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


#: Abandoned sessions in the churn phase (tests/ops/test_kernel_lifetime.py run in full; make test runs 20).
CHURN_SESSIONS = {False: 100, True: 5}
CHURN_RESULT = REPO / "tests" / "results" / "kernel-churn.json"


def churn(sessions: int) -> dict[str, Any]:
    """The kernel-lifetime test run with `sessions` abandoned sessions; its figures (or why there are none).

    The test is the measurement (a server, plain GETs and Chromium pages dropped abruptly, the cull, the
    server's RSS before and after): the bench runs it in full and reports what it wrote.
    """
    CHURN_RESULT.unlink(missing_ok=True)
    env = {**os.environ, "LEGCRAMPS_CHURN_SESSIONS": str(sessions)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/ops/test_kernel_lifetime.py"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=1800)
    if not CHURN_RESULT.exists():
        return {"error": f"the churn test wrote no figures (exit {proc.returncode}): {proc.stdout[-800:]}"}
    figures = json.loads(CHURN_RESULT.read_text(encoding="utf-8"))
    figures["test_passed"] = proc.returncode == 0
    return figures
