"""The dashboard: "what could be causing my cramps?" — every factor, live results, share, export, reset.

Layout is a flex row that wraps: controls on the left and results on the right on a desktop, stacked
(controls first) under about 700 px. The care card spans the top so a warning sign is never below the fold.
We chose plain flex boxes over AppLayout/GridspecLayout (their grid does not stack on a 360 px phone) and
over the gridstack template (drag handles and a second layout engine for no gain here).
"""

from __future__ import annotations

import os
import urllib.parse

import ipywidgets as widgets

from legcramps.answers import parse_query, to_query
from legcramps.content import Content, load
from legcramps.engine import Assessment, assess
from legcramps.export import changed_answers, to_html, to_markdown
from legcramps.render import dashboard as panels
from legcramps.render.links import NOTEBOOKS, Links
from legcramps.ui.chart import RelevanceChart
from legcramps.ui.controls import FactorControls, Looks
from legcramps.ui.view import View
from legcramps.ui.views import CareCard, CauseListView, ChecklistView, HTMLView, stylesheet
from legcramps.voila.visitor import wait_for_request


class Dashboard(View):
    """All controls, and the care card, ranked causes, chart and checklist they produce."""

    def __init__(self, content: Content | None = None, query: str | None = None, links: Links = NOTEBOOKS,
                 lang: str = "en"):
        self.content = content or load(lang=lang)
        query = os.environ.get("QUERY_STRING", "") if query is None else query
        #: "class" hides the personal framing and shows scenario cards (docs/teacher-guide.md). Set from the
        #: query by `apply_query`, so a preheated kernel built before its visitor arrived can still switch.
        self.mode = "personal"
        self.scenario: str | None = None  # the class-mode card whose answers were set, kept in the URL
        self.links = links
        self.looks = looks = Looks()  # one Layout/Style model per look, not per widget
        self.controls = FactorControls(self.content, self.content.factors.values(), grouped=True, looks=looks)
        self.care = CareCard(self.content, looks)
        self.causes = CauseListView(self.content, links=links, looks=looks)
        self.chart = RelevanceChart(self.content, looks=looks)
        self.checklist = ChecklistView(self.content, looks)
        self.notes = looks.html_widget(css_class="lc-notes")
        self.error = looks.html_widget()
        self.share = looks.html_widget(css_class="lc-share")
        # The answers as a list, shown only on paper (printing hides the controls themselves).
        self.summary = HTMLView("lc-print-only", looks)
        self.summary.widget.add_class("lc-answers-summary")
        self.result: Assessment | None = None

        # width auto: ipywidgets' default button (148 px) cuts "Reset all answers" and its icon
        words = self.content.site.dashboard
        self.reset_button = widgets.Button(description=words.reset, icon="undo", layout=looks.auto)
        self.reset_button.add_class("lc-reset")
        self.theme = widgets.ToggleButtons(options=[(words.theme_light, "light"), (words.theme_dark, "dark")],
                                           value="light", description=words.theme, style={"button_width": "auto"})
        self.theme.add_class("lc-theme")
        self.reset_button.on_click(self._on_reset)
        self.theme.observe(self._on_theme, names="value")
        self.controls.observe(self._on_change)

        self.cards = looks.html_widget(css_class="lc-scenarios")
        self.answers_heading = looks.html_widget()
        self.causes_heading = looks.html_widget()
        self.checklist_heading = looks.html_widget()
        actions = widgets.HBox([self.reset_button, self.theme], layout=widgets.Layout(flex_flow="row wrap"))
        actions.add_class("lc-noprint")
        self.left = widgets.VBox([self.answers_heading, self.controls.widget, self.summary.widget, actions],
                                 layout=widgets.Layout(flex="1 1 340px", min_width="0"))
        self.left.add_class("lc-left")
        self._results = (self.causes_heading, self.causes.widget, self.chart.widget, self.checklist_heading,
                         self.checklist.widget, self.share)
        self.right = widgets.VBox(self._results, layout=widgets.Layout(flex="2 1 420px", min_width="0"))
        self.right.add_class("lc-right")
        self.body = widgets.HBox([self.left, self.right], layout=widgets.Layout(flex_flow="row wrap"))
        self.body.add_class("lc-layout")
        self._sheet = stylesheet(self.content)
        self.widget = widgets.VBox([self._sheet, self.cards, self.notes, self.error, self.care.widget, self.body])
        self.widget.add_class("lc-root")
        self.widget.add_class("lc-dashboard")
        self._show_mode(None)
        self.apply_query(query)

    @classmethod
    def serve(cls, content: Content | None = None, lang: str = "en") -> None:
        """Show the dashboard for the page's visitor: the one call of notebooks/dashboard.ipynb.

        In a preheated Voilà kernel the dashboard is built and shown before anyone asks for the page (that
        is the slow part: imports, content, ~170 widgets), then this waits for the visitor and applies their
        share link. Anywhere else the wait returns at once and the link comes from `QUERY_STRING`.
        """
        from IPython.display import display

        dashboard = cls(content, query="", lang=lang)
        display(dashboard.widget)
        wait_for_request()
        query = os.environ.get("QUERY_STRING", "")
        if query:
            dashboard.apply_query(query)

    # -- state from and to the URL

    def apply_query(self, query: str) -> None:
        """Restore a share link: answers, class mode and scenario, colour scheme. Bad parts get a visible note."""
        answers, notes = parse_query(query, self.content)
        params = dict(urllib.parse.parse_qsl(query.lstrip("?")))
        mode = "class" if params.get("mode") == "class" else "personal"
        if mode != self.mode or params.get("scenario"):
            self.mode = mode
            known = {sc.id for sc in self.content.scenarios}
            self.scenario = params.get("scenario") if mode == "class" and params.get("scenario") in known else None
            self._show_mode(self.scenario)
        # `scheme`, not `theme`: Voila reads ?theme= itself (its own page theme, and a preheated kernel is only
        # used when that matches), so old links with theme= still work but take the slow path.
        scheme = params.get("scheme", params.get("theme"))
        if scheme in ("light", "dark"):
            self.theme.value = scheme
        self.notes.value = panels.notes(notes)
        if answers:
            self.controls.set_answers(answers)  # notifies once → update()
            for fid, value in answers.items():  # show what the link changed, e.g. a ticked warning sign
                factor = self.content.factors[fid]
                if value != factor.default and factor.group in self.controls.sections:
                    self.controls.open_group(factor.group)
        else:
            self.update()

    def open_link(self, query: str) -> None:
        """Show one of this page's own links (a class-mode card, a share link) as a fresh page would show it:
        every answer back to its default, then the link applied.

        The in-browser edition follows such links in place (legcramps.browser: a new page would start Python
        in the browser again, ~3 s); the Voilà edition loads them as pages, and this gives the same result.
        """
        self.notes.value = ""
        self.scenario = None
        self.controls.set_answers({fid: f.default for fid, f in self.content.factors.items()}, notify=False)
        self.apply_query(query)
        self._show_mode(self.scenario)  # the card the link names marked, or none

    def _show_mode(self, scenario: str | None) -> None:
        """Words, panels and layout that differ between personal use and class mode.

        Class mode is laid out for a projector (docs/architecture.md, "Class mode"): the cards and then their
        answers on the left, the care card at the top of the results on the right, so at 1280 × 720 the care
        card and the top causes are beside the controls, not below the cards. The stylesheet places the three
        parts (`.lc-class-mode .lc-layout`, a grid that stacks cards, results, answers on a phone).
        """
        class_mode = self.mode == "class"
        queries = {sc.id: to_query(sc.answers, self.content) for sc in self.content.scenarios} if class_mode else {}
        self.cards.value = panels.scenario_cards(self.content, scenario, queries) if class_mode else ""
        self.answers_heading.value = panels.heading(self.content, "answers", class_mode)
        self.causes_heading.value = panels.heading(self.content, "causes", class_mode)
        self.checklist_heading.value = panels.heading(self.content, "checklist", class_mode)
        self.controls.use_class_words(class_mode)
        self.care.class_mode = class_mode
        if class_mode:
            self.widget.add_class("lc-class-mode")
            root = [self._sheet, self.notes, self.error, self.body]
            body, right = [self.cards, self.right, self.left], [self.care.widget, *self._results]
        else:
            self.widget.remove_class("lc-class-mode")
            root = [self._sheet, self.cards, self.notes, self.error, self.care.widget, self.body]
            body, right = [self.left, self.right], list(self._results)
        if list(self.right.children) != right:  # move only on a change of mode: each move redraws the boxes
            self.right.children = right
            self.body.children = body
            self.widget.children = root

    def query(self) -> str:
        """What the share link and the address bar hold: the answers that differ from the defaults, and the
        page options a reload must keep (class mode and its scenario, a dark colour scheme)."""
        parts = []
        if self.mode == "class":
            parts.append("mode=class")
            if self.scenario:
                parts.append("scenario=" + urllib.parse.quote(self.scenario))
        if self.theme.value == "dark":
            parts.append("scheme=dark")
        answers = to_query(self.controls.answers(), self.content)
        return "&".join(parts + ([answers] if answers else []))

    # -- handlers

    def _on_change(self, _answers) -> None:
        self.update()

    def _on_reset(self, _button) -> None:
        self.notes.value = ""
        if self.scenario is not None:  # class mode: back to "pick a card", the card no longer marked
            self.scenario = None
            self._show_mode(None)
        self.controls.reset()

    def _on_theme(self, change) -> None:
        if change["new"] == "dark":
            self.widget.add_class("lc-dark")
        else:
            self.widget.remove_class("lc-dark")
        if self.result is not None:  # the link (and so the address bar) keeps the scheme
            self.share.value = self._share_html(self.result)

    # -- the one public refresh (`View.update` runs it and turns an error into a friendly note)

    def awaiting_card(self) -> bool:
        """Class mode before a card is picked (and with every answer at its default): no result to show yet."""
        return self.mode == "class" and self.scenario is None and not self.controls.changed_answers()

    def refresh(self) -> None:
        """Assess the current answers and refresh every panel."""
        self.result = result = assess(self.controls.answers(), self.content)
        if self.awaiting_card():
            # The prompt takes the care card's place; the stylesheet hides the other results
            # (`.lc-awaiting-card`), and the causes are cleared so no cause is ranked for nobody.
            self.widget.add_class("lc-awaiting-card")
            self.care.set(panels.pick_prompt(self.content))
            self.causes.set("")
        else:
            self.widget.remove_class("lc-awaiting-card")
            # In the order a reader looks, and each is sent as soon as it is set: the care card, causes and
            # checklist first, then the chart (~6 ms to draw), then what is only used on demand (share link
            # and downloads, the printed summary), so nothing the eye is on waits for the exports to be built.
            self.care.show(result)
            self.causes.show(result)
            self.checklist.show(result)
            self.chart.show(result)
        # The share link also keeps the address bar current (a reload must not bring back a card reset away).
        self.share.value = self._share_html(result)
        self.summary.set(panels.answers_summary(changed_answers(result, self.content), self.content))

    def _share_html(self, result: Assessment) -> str:
        return panels.share_panel(self.query(), to_markdown(result, self.content, link=""),
                                  to_html(result, self.content), self.mode == "class", self.content)
