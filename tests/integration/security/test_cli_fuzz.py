"""Any --set arguments, typed at a real shell: the command line answers with exit 0 or 2, never a traceback.

Each example starts a Python process (`python -m legcramps assess`), so this fuzz lives with the
integration tests; the engine and the share-link parser are fuzzed in-process in
tests/unit/security/test_fuzz_inputs.py.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                        max_size=25), max_size=4))
def test_cli_never_shows_a_traceback(args):
    proc = subprocess.run([sys.executable, "-m", "legcramps", "assess", *[f"--set={a}" for a in args]],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode in (0, 2), proc.stderr
    assert "Traceback" not in proc.stderr
