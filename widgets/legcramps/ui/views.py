"""Widgets that show an Assessment: care card, ranked causes, checklist with ticks (the chart: `ui.chart`).

Each view owns its widget(s) and has one `show(result)` method. Views never decide anything medical.
They only skip work when nothing they show has changed, because every skipped widget message makes the
page settle sooner after a slider move.
"""

from __future__ import annotations

import ipywidgets as widgets

from legcramps import render
from legcramps.content import Content
from legcramps.engine import Assessment
from legcramps.render.controls import hide_rule
from legcramps.render.links import NOTEBOOKS, Links
from legcramps.render.page import page_scripts
from legcramps.render.text import words
from legcramps.ui.controls import Looks


def stylesheet(content: Content | None = None) -> widgets.HTML:
    """The shared stylesheet and the page scripts (`legcramps.render.page.page_scripts`) as a hidden widget:
    put it once at the top of a page. With `content`, it also carries the session guard."""
    return widgets.HTML(page_scripts(content), layout=widgets.Layout(display="none"))


class HTMLView:
    """An HTML widget that is only sent to the browser when its text really changes."""

    def __init__(self, css_class: str, looks: Looks | None = None):
        self.widget = (looks or Looks()).html_widget(css_class=css_class)

    def set(self, html: str) -> None:
        if self.widget.value != html:
            self.widget.value = html


class CareCard(HTMLView):
    """The care card; with `class_mode` set, worded about the made-up person of a scenario card."""

    def __init__(self, content: Content, looks: Looks | None = None):
        super().__init__("lc-care-view", looks)
        self.content = content
        self.class_mode = False

    def show(self, result: Assessment) -> None:
        self.set(render.care_card(result, self.content, class_mode=self.class_mode))


class CauseListView(HTMLView):
    def __init__(self, content: Content, links: Links = NOTEBOOKS, looks: Looks | None = None):
        super().__init__("lc-causes-view", looks)
        self.content = content
        self.links = links

    def show(self, result: Assessment) -> None:
        self.set(render.cause_list(result, self.content, self.links))


class ChecklistView:
    """The checklist with real tick boxes. A tick is kept while the item stays on the list (and after).

    Items that leave the list stay in the box, hidden by one generated `<style>` rule: replacing the box's
    children makes the browser re-create the view of every box after the first change (measured: ~4 ms more
    per move that changes the checklist, the difference between the slider/dropdown and checkbox moves in
    benchmarks/bench.py), while a new rule is one small message. Boxes are created when an item is first
    needed, so the page starts with only the items the first answers show. The box keeps checklist.yaml
    order, which is also the engine's order, so hiding never reorders what a reader sees.
    """

    def __init__(self, content: Content, looks: Looks | None = None):
        self.content = content
        self.looks = looks = looks or Looks()
        self._order = {item_id: i for i, item_id in enumerate(content.checklist)}
        self._boxes: dict[str, widgets.Checkbox] = {}
        self._headings = {key: looks.html_widget(render.checklist_heading(key, content), f"lc-check-heading-{key}")
                          for key in render.SECTIONS}
        self._hide = looks.html_widget()  # <style> that hides the items (and headings) not on the list now
        self.widget = looks.vbox([self._hide])
        self.widget.add_class("lc-checklist-view")
        self._shown: tuple[str, ...] = ()
        self._in_box: list[str] = []

    def _box(self, item_id: str) -> widgets.Checkbox:
        box = self._boxes.get(item_id)
        if box is None:
            item = self.content.checklist[item_id]
            # a description is plain text: the item's words, never its glossary marks or Markdown
            box = widgets.Checkbox(value=False, description=words(item.text, self.content), indent=False,
                                   layout=self.looks.fit, style=self.looks.check_item)
            box.add_class("lc-check-item")
            box.add_class(f"lc-check-{item_id}")
            self._boxes[item_id] = box
        return box

    def show(self, result: Assessment) -> None:
        if result.checklist.ids == self._shown:
            return
        self._shown = result.checklist.ids
        wanted = set(self._shown)
        if not wanted.issubset(self._in_box):
            self._in_box = sorted(wanted.union(self._in_box), key=self._order.__getitem__)
            children: list[widgets.Widget] = [self._hide]
            for key in render.SECTIONS:
                ids = [i for i in self._in_box if self.content.checklist[i].section == key]
                if ids:
                    children.append(self._headings[key])
                    children.extend(self._box(i) for i in ids)
            self.widget.children = children
        hidden = [f".lc-check-{i}" for i in self._in_box if i not in wanted]
        hidden += [f".lc-check-heading-{key}" for key in render.SECTIONS
                   if not any(self.content.checklist[i].section == key for i in wanted)]
        self._hide.value = hide_rule(".lc-checklist-view", hidden)

    def shown_boxes(self) -> list[widgets.Checkbox]:
        """The tick boxes on the list now, in order (the box also holds hidden ones from earlier answers)."""
        shown = set(self._shown)
        return [self._boxes[i] for i in self._in_box if i in shown]

    def ticked(self) -> list[str]:
        return [i for i in self._shown if self._boxes[i].value]
