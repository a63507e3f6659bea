"""The live parts of the pages. Import from here in notebooks: `from legcramps.ui import CauseExplorer`.

A page's prose is in its notebook's Markdown cells (`legcramps.notebooks`); only what is live is a widget.
Names are loaded on first use, so importing this package costs nothing until a widget is asked for. The
HTML itself is made by the pure `legcramps.render`; the modules here only arrange widgets around it.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "CauseExplorer": "legcramps.ui.explorer",
    "Dashboard": "legcramps.ui.dashboard",
    "Quiz": "legcramps.ui.quiz",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'legcramps.ui' has no attribute {name!r}")
