"""ipywidgets controls built from factors.yaml: one control per factor, grouped, labelled, with help.

A control's description is its label plus unit, so a screen reader announces "How much you drink (litres
a day)"; the help text sits right under it. Sliders send their value on release (and on each arrow key),
which is the debounce: a drag produces one update, not fifty.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_int import SliderStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from legcramps.content import Content
from legcramps.render.controls import factor_help, group_help
from legcramps.schema import Factor

STYLE = {"description_width": "initial"}
FULL_WIDTH = {"width": "100%", "max_width": "560px"}


def _label(factor: Factor) -> str:
    return f"{factor.label} ({factor.unit})" if factor.kind == "slider" else factor.label


class Looks:
    """Layout and Style models shared by many widgets (one per look, not one per widget). Never change them in
    place: a widget whose layout changes (a section body that is shown and hidden) gets a Layout of its own.
    Every widget model costs the browser time before the first control is usable; sharing the looks took the
    dashboard from ~480 models to ~150 (benchmarks/bench.py, "widget phase")."""

    # Made on first use: a view given no Looks of its own makes one, and should not pay for eleven models.
    # Never at import: a widget made then has no way to the page (in the browser, the bridge to the page is
    # connected after the imports: legcramps.browser.runtime.prepare), and would be shared by every page.

    @functools.cached_property
    def auto(self) -> widgets.Layout:
        return widgets.Layout(width="auto")

    @functools.cached_property
    def plain(self) -> widgets.Layout:
        return widgets.Layout()

    @functools.cached_property
    def full(self) -> widgets.Layout:
        return widgets.Layout(**FULL_WIDTH)

    @functools.cached_property
    def full_auto(self) -> widgets.Layout:
        return widgets.Layout(width="100%", height="auto")

    @functools.cached_property
    def fit(self) -> widgets.Layout:
        return widgets.Layout(width="auto", height="auto")

    @functools.cached_property
    def checkbox(self) -> CheckboxStyle:
        return CheckboxStyle(**STYLE)

    @functools.cached_property
    def check_item(self) -> CheckboxStyle:
        return CheckboxStyle()

    @functools.cached_property
    def slider(self) -> SliderStyle:
        return SliderStyle(**STYLE)

    @functools.cached_property
    def description(self) -> DescriptionStyle:
        return DescriptionStyle(**STYLE)

    @functools.cached_property
    def html(self) -> HTMLStyle:
        return HTMLStyle()

    @functools.cached_property
    def button(self) -> ButtonStyle:
        return ButtonStyle()

    def html_widget(self, value: str = "", css_class: str | None = None) -> widgets.HTML:
        """A static or view HTML widget with the shared plain layout and style."""
        widget = widgets.HTML(value, layout=self.plain, style=self.html)
        if css_class:
            widget.add_class(css_class)
        return widget

    def vbox(self, children: list[widgets.Widget]) -> widgets.VBox:
        """A plain vertical box with the shared layout (never for a box whose layout is changed later)."""
        return widgets.VBox(children, layout=self.plain)


def make_control(factor: Factor, looks: Looks | None = None) -> widgets.ValueWidget:
    """The widget for one factor, its value set to the default (with `looks`, sharing its layout and style)."""
    full = looks.full if looks else widgets.Layout(**FULL_WIDTH)
    if factor.kind == "checkbox":
        control = widgets.Checkbox(value=factor.default, description=factor.label, indent=False,
                                   layout=looks.auto if looks else widgets.Layout(width="auto"),
                                   style=looks.checkbox if looks else STYLE)
    elif factor.kind == "choice":
        control = widgets.Dropdown(options=[(o.label, o.value) for o in factor.options], value=factor.default,
                                   description=factor.label, layout=full, style=looks.description if looks else STYLE)
    else:
        integral = float(factor.step).is_integer() and float(factor.min).is_integer()
        cls = widgets.IntSlider if integral else widgets.FloatSlider
        kwargs = {} if integral else {"readout_format": ".1f"}
        cast = int if integral else float
        control = cls(value=cast(factor.default), min=cast(factor.min), max=cast(factor.max),
                      step=cast(factor.step), description=_label(factor), continuous_update=False,
                      layout=full, style=looks.slider if looks else STYLE, **kwargs)
    control.add_class("lc-control")
    control.add_class(f"lc-factor-{factor.id}")
    return control


class Section:
    """One group of controls behind a header button that shows or hides it (a disclosure).

    Not `widgets.Accordion`: in ipywidgets 8 its headers are plain <div>s that Tab never reaches, and only
    one section can be open at a time. A real <button> is reached with Tab and works with Enter or Space;
    the page script in `views.stylesheet()` mirrors the open state into `aria-expanded` for screen readers.
    """

    def __init__(self, title: str, body: widgets.Widget, opened: bool = False, key: str = "",
                 looks: Looks | None = None, tooltips: tuple[str, str] = ("Show", "Hide")):
        self.title = title
        self.tooltips = tooltips  # (show, hide): the header button's words for a screen reader and a tooltip
        looks = looks or Looks()
        self.header = widgets.Button(description=title, layout=looks.full_auto, style=looks.button)
        self.header.add_class("lc-section-toggle")
        self.body = body  # has a Layout of its own: set_open changes it
        self.body.add_class("lc-section-body")
        self.widget = looks.vbox([self.header, self.body])
        self.widget.add_class("lc-section")
        if key:
            self.widget.add_class(f"lc-group-{key}")
        self.opened = not opened
        self.set_open(opened)
        self.header.on_click(self._on_click)

    def _on_click(self, _button) -> None:
        self.set_open(not self.opened)

    def set_title(self, title: str) -> None:
        """New words on the header button (class mode words a group about someone else)."""
        if title != self.title:
            self.title = title
            self.header.description = title

    def set_open(self, opened: bool) -> None:
        if opened == self.opened:
            return
        self.opened = opened
        with self.header.hold_sync():
            self.header.icon = "caret-down" if opened else "caret-right"
            self.header.tooltip = self.tooltips[1] if opened else self.tooltips[0]
        self.body.layout.display = None if opened else "none"
        if opened:
            self.widget.add_class("lc-open")
        else:
            self.widget.remove_class("lc-open")


class FactorControls:
    """A set of factor controls. `answers()` reads them; `set_answers()` writes them in one batch."""

    def __init__(self, content: Content, factors: Iterable[Factor], grouped: bool = True,
                 looks: Looks | None = None):
        self.content = content
        self.factors: dict[str, Factor] = {f.id: f for f in factors}
        self.looks = looks or Looks()
        self.controls: dict[str, widgets.ValueWidget] = {fid: make_control(f, self.looks)
                                                         for fid, f in self.factors.items()}
        self._callbacks: list[Callable[[dict], None]] = []
        self._batch = False
        self.sections: dict[str, Section] = {}
        self._intros: dict[str, widgets.HTML] = {}
        self.class_mode = False
        for control in self.controls.values():
            control.observe(self._on_value, names="value")
        self.widget = self._grouped() if grouped else self._flat(self.factors.values())
        self.widget.add_class("lc-controls")

    # -- layout

    def _item(self, factor: Factor) -> tuple[widgets.Widget, widgets.Widget]:
        """A control and its help text, side by side in the parent box (no box of their own: one widget model
        fewer per factor, ~15 % of the dashboard's models, and every model costs the browser time to draw)."""
        help_html = widgets.HTML(factor_help(factor), layout=self.looks.plain, style=self.looks.html)
        help_html.add_class("lc-help-widget")
        return self.controls[factor.id], help_html

    def _flat(self, factors: Iterable[Factor]) -> widgets.VBox:
        return self.looks.vbox([w for f in factors for w in self._item(f)])

    def _grouped(self) -> widgets.Widget:
        groups = [g for g in self.content.groups.values() if any(f.group == g.id for f in self.factors.values())]
        if len(groups) <= 1:
            return self._flat(self.factors.values())
        words = self.content.site.dashboard
        for i, group in enumerate(groups):
            members = [f for f in self.factors.values() if f.group == group.id]
            self._intros[group.id] = intro = self.looks.html_widget(group_help(group))
            self.sections[group.id] = Section(self._title(group.id), widgets.VBox([intro, self._flat(members)]),
                                              opened=(i == 0), key=group.id, looks=self.looks,
                                              tooltips=(words.show_questions, words.hide_questions))
        return self.looks.vbox([s.widget for s in self.sections.values()])

    def _title(self, group_id: str) -> str:
        count = sum(f.group == group_id for f in self.factors.values())
        return f"{self.content.groups[group_id].words(self.class_mode)[0]} ({count})"

    def use_class_words(self, class_mode: bool) -> None:
        """Word the groups for a reader ("Your cramps") or, in class mode, about someone else ("Their cramps").

        The words are content (factors.yaml `class_label`, `class_help`); only what changes is sent.
        """
        self.class_mode = class_mode
        for group_id, section in self.sections.items():
            section.set_title(self._title(group_id))
            intro = group_help(self.content.groups[group_id], class_mode)
            if self._intros[group_id].value != intro:
                self._intros[group_id].value = intro

    def open_group(self, group_id: str, opened: bool = True) -> None:
        """Open (or close) the section of one group, e.g. "warning_signs"."""
        self.sections[group_id].set_open(opened)

    # -- values

    def answers(self) -> dict[str, Any]:
        return {fid: control.value for fid, control in self.controls.items()}

    def changed_answers(self) -> dict[str, Any]:
        """Only the answers that differ from the defaults (what a share link needs)."""
        return {fid: v for fid, v in self.answers().items() if v != self.factors[fid].default}

    def set_answers(self, answers: Mapping[str, Any], notify: bool = True) -> None:
        """Set many controls and notify once (a share link, a scenario, reset); `notify=False` when another
        change follows at once and will notify (a link opened in place: defaults, then the link)."""
        self._batch = True
        try:
            for fid, value in answers.items():
                if fid in self.controls:
                    self.controls[fid].value = value
        finally:
            self._batch = False
        if notify:
            self._notify()

    def reset(self) -> None:
        self.set_answers({fid: f.default for fid, f in self.factors.items()})

    def observe(self, callback: Callable[[dict], None]) -> None:
        """Call `callback(answers)` after any change (once per batch)."""
        self._callbacks.append(callback)

    def _on_value(self, _change: dict) -> None:
        if not self._batch:
            self._notify()

    def _notify(self) -> None:
        answers = self.answers()
        for callback in self._callbacks:
            callback(answers)
