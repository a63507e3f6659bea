"""`display` and `clear_output` for the in-browser edition: the page shows widgets itself (see runtime.py)."""

from __future__ import annotations

from typing import Any


def display(*objs: Any, **kwargs: Any) -> None:
    """Nothing to do: the page displays the one widget the runtime names (`start_dashboard`)."""


def clear_output(wait: bool = False) -> None:
    """Nothing to do: no output area exists without a notebook."""
