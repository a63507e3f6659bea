"""Widgets and page parts. Import from here in notebooks: `from legcramps.ui import CauseExplorer`."""

from legcramps.ui import page
from legcramps.ui.dashboard import Dashboard
from legcramps.ui.explorer import CauseExplorer
from legcramps.ui.quiz import Quiz

__all__ = ["CauseExplorer", "Dashboard", "Quiz", "page"]
