"""Stand-in for `IPython.core.interactiveshell`: ipywidgets' Output widget asks whether a shell exists."""

from __future__ import annotations


class InteractiveShell:
    """There is never an interactive shell in the browser page."""

    @classmethod
    def initialized(cls) -> bool:
        return False
