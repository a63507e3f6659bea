"""The "try it" part of a cause page: this cause's factors, and the explanation they produce, live."""

from __future__ import annotations

import logging

import ipywidgets as widgets

from legcramps.content import Content, load
from legcramps.engine import assess
from legcramps.markup import esc
from legcramps.ui import render
from legcramps.ui.controls import FactorControls
from legcramps.ui.views import CareCard, ChecklistView, HTMLView, stylesheet

log = logging.getLogger(__name__)
FRIENDLY_ERROR = ("Sorry, something went wrong while updating this page. Your settings are kept; "
                  "try changing a control again.")


class CauseExplorer:
    """Controls for one cause's factors, and the explanation + checklist + figure they produce."""

    def __init__(self, cause_id: str, content: Content | None = None, figure: bool = True):
        self.content = content or load()
        if cause_id not in self.content.causes:
            raise KeyError(f"unknown cause {cause_id!r}; causes are {', '.join(self.content.causes)}")
        self.cause_id = cause_id
        self.controls = FactorControls(self.content, self.content.factors_for(cause_id), grouped=False)
        self.explanation = HTMLView("lc-explanation")
        self.care = CareCard(self.content)
        self.checklist = ChecklistView(self.content)
        self.error = widgets.HTML()
        self.figure = None
        if figure:
            from legcramps.ui.figures import figure_for

            self.figure = figure_for(cause_id, self.content)
        self.controls.observe(self._on_change)
        results = [self.error, self.explanation.widget]
        if self.figure is not None:
            results.append(self.figure.widget)
        results += [widgets.HTML("<h3>Your checklist</h3>"), self.checklist.widget, self.care.widget]
        left = widgets.VBox([widgets.HTML("<h3>Your answers</h3>"), self.controls.widget],
                            layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        right = widgets.VBox(results, layout=widgets.Layout(flex="2 1 360px", min_width="0"))
        body = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap", gap="16px"))
        body.add_class("lc-layout")
        self.widget = widgets.VBox([stylesheet(), body])
        self.widget.add_class("lc-root")
        self.widget.add_class("lc-explorer")
        self.update()

    def _on_change(self, _answers) -> None:
        self.update()

    def update(self) -> None:
        """Re-assess from the controls and refresh every view. Never raises into the page."""
        try:
            answers = self.controls.answers()
            result = assess(answers, self.content)
            self.explanation.set(render.cause_fit(self.cause_id, result, self.content))
            if self.figure is not None:
                self.figure.show(answers, result)
            self.checklist.show(result)
            self.care.show(result)
            if self.error.value:
                self.error.value = ""
        except Exception:  # a page must never show a traceback; the server log gets it
            log.exception("CauseExplorer.update failed for %s", self.cause_id)
            self.error.value = f'<p class="lc-error" role="alert">{esc(FRIENDLY_ERROR)}</p>'

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
