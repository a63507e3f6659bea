"""The "try it" part of a cause page: this cause's factors, and the explanation they produce, live."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from legcramps import render
from legcramps.content import Content, load
from legcramps.engine import assess
from legcramps.render.dashboard import heading
from legcramps.ui.controls import FactorControls, Looks
from legcramps.ui.view import View
from legcramps.ui.views import CareCard, ChecklistView, HTMLView, stylesheet

__all__ = ["CauseExplorer"]


class CauseExplorer(View):
    """Controls for one cause's factors, and the explanation + checklist + figure they produce."""

    def __init__(self, cause_ids: str | Sequence[str], content: Content | None = None, figure: bool = True,
                 lang: str = "en"):
        self.content = content or load(lang=lang)
        self.cause_ids = (cause_ids,) if isinstance(cause_ids, str) else tuple(cause_ids)
        for cause_id in self.cause_ids:
            if cause_id not in self.content.causes:
                raise KeyError(f"unknown cause {cause_id!r}; causes are {', '.join(self.content.causes)}")
        cause_id = self.cause_id = self.cause_ids[0]
        wanted = {f.id for cid in self.cause_ids for f in self.content.factors_for(cid)}
        factors = [f for f in self.content.factors.values() if f.id in wanted]
        looks = Looks()  # one Layout/Style model per look, shared by the views
        self.controls = FactorControls(self.content, factors, grouped=False, looks=looks)
        self.explanation = HTMLView("lc-explanation", looks)
        self.care = CareCard(self.content, looks)
        self.checklist = ChecklistView(self.content, looks)
        self.error = widgets.HTML()
        self.figure = None
        if figure:
            from legcramps.ui.figures import figure_for

            self.figure = figure_for(cause_id, self.content)
        self.controls.observe(self._on_change)
        results = [self.error, self.explanation.widget]
        if self.figure is not None:
            results.append(self.figure.widget)
        results += [widgets.HTML(heading(self.content, "checklist", False, level=3)), self.checklist.widget,
                    self.care.widget]
        left = widgets.VBox([widgets.HTML(heading(self.content, "answers", False, level=3)), self.controls.widget],
                            layout=widgets.Layout(flex="1 1 320px", min_width="0"))
        right = widgets.VBox(results, layout=widgets.Layout(flex="2 1 360px", min_width="0"))
        body = widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap"))
        body.add_class("lc-layout")
        self.widget = widgets.VBox([stylesheet(self.content), body])
        self.widget.add_class("lc-root")
        self.widget.add_class("lc-explorer")
        self.update()

    def _on_change(self, _answers) -> None:
        self.update()

    def describe(self) -> str:
        return f"CauseExplorer for {', '.join(self.cause_ids)}"

    def refresh(self) -> None:
        """Re-assess from the controls and refresh every view."""
        answers = self.controls.answers()
        result = assess(answers, self.content)
        self.explanation.set("".join(render.cause_fit(cid, result, self.content) for cid in self.cause_ids))
        self.checklist.show(result)
        self.care.show(result)
        if self.figure is not None:  # last: text reaches the reader before the PNG is drawn and sent
            self.figure.show(answers, result)
