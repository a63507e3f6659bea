"""Widgets and page parts. Import from here in notebooks: `from legcramps.ui import CauseExplorer`.

Names are loaded on first use, so `legcramps.ui.page` (the notebooks' static page parts) can be imported
without pulling in ipywidgets and matplotlib, and without import cycles. The HTML itself is made by the
pure `legcramps.render`; the modules here only arrange widgets around it.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "CauseExplorer": "legcramps.ui.explorer",
    "Dashboard": "legcramps.ui.dashboard",
    "Quiz": "legcramps.ui.quiz",
    "page": "legcramps.ui.page",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(_EXPORTS[name])
        return module if name == "page" else getattr(module, name)
    raise AttributeError(f"module 'legcramps.ui' has no attribute {name!r}")
