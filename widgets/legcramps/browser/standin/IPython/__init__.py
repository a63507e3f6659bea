"""A stand-in for IPython in the in-browser edition: the four names ipywidgets imports from it, nothing else.

Why: ipywidgets imports IPython (`get_ipython`, `display`, `clear_output`, `InteractiveShell`) for the notebook
front end it runs under; with no kernel in the browser there is no shell, so each of those does nothing or
says "none". The real IPython package (and Pygments, which it imports) took 0.54 s of the 0.94 s that
importing ipywidgets costs under Pyodide, on every visit (measured in Node, see docs/architecture.md). This is
shipped only in the browser bundle (`legcramps.browser.bundle`), never installed beside the real IPython;
tests/unit/test_browser_runtime.py checks it offers every name ipywidgets imports from IPython.
"""

from __future__ import annotations

__version__ = "0+legcramps.standin"
version_info = (0, 0, 0)


def get_ipython() -> None:
    """No interactive shell runs in the browser page."""
    return None
