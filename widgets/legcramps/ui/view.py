"""The one base of the page widgets (dashboard, cause explorer, quiz question): display, and an `update()`
that never lets a traceback reach the page.

Why a base: every widget that refreshes on a reader's move needs the same guard (a page must never show a
traceback; the server log gets it, the reader a friendly line and their settings kept), and copies of it
had begun to differ.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import ipywidgets as widgets

from legcramps.render.dashboard import error

if TYPE_CHECKING:
    from legcramps.content import Content

log = logging.getLogger(__name__)

__all__ = ["Displayed", "View"]


class Displayed:
    """Shows its `widget` when it is the last value of a notebook cell."""

    widget: widgets.Widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


class View(Displayed):
    """A displayed widget whose `refresh()` is run by `update()`, with failures turned into a friendly note.

    Subclasses set `self.error` (the HTML widget the note goes in) and implement `refresh()`.
    """

    error: widgets.HTML
    content: Content

    def refresh(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """Who failed, for the log line."""
        return type(self).__name__

    def update(self) -> None:
        """Run `refresh()`; on any error log it and show the friendly note. The next good update clears it."""
        try:
            self.refresh()
        except Exception:  # a page must never show a traceback; the server log gets it
            log.exception("%s.update failed", self.describe())
            self.error.value = error(self.content)
            return
        if self.error.value == error(self.content):
            self.error.value = ""
