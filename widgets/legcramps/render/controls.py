"""The few HTML pieces around the answer controls: a factor's help text, a group's introduction, and the
rule that hides checklist items no longer on the list (the widgets themselves are `legcramps.ui.controls`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from legcramps.markup import esc, unmark

if TYPE_CHECKING:
    from legcramps.schema import Factor, FactorGroup


def factor_help(factor: Factor) -> str:
    """The help under a control; its id is what the a11y script points the control's aria-describedby at."""
    # help is plain text (escaped, not Markdown); a glossary mark in it shows as its words
    return f'<div class="lc-help" id="help-{esc(factor.id)}">{esc(unmark(factor.help))}</div>'


def group_help(group: FactorGroup, class_mode: bool = False) -> str:
    """A group's introduction under its header, for a reader or (class mode) about someone else."""
    return f'<p class="lc-help">{esc(group.words(class_mode)[1])}</p>'


def hide_rule(scope: str, selectors: Iterable[str]) -> str:
    """One `<style>` rule that hides `selectors` inside `scope` ('' when there is nothing to hide).

    Why a rule and not removed widgets: see `legcramps.ui.views.ChecklistView` (one small message per move).
    """
    hidden = list(selectors)
    return f"<style>{scope} :is({', '.join(hidden)}) {{ display: none !important; }}</style>" if hidden else ""
