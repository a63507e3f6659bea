"""The widget classes, driven headless: set a control's value → the rendered HTML / figure changes.

No kernel and no browser: ipywidgets objects work without a front end, and every view's output is a
string (`widget.value`) or a list of child widgets, so these tests read exactly what a page would show.
"""

from __future__ import annotations

import base64
import html
import re
import urllib.parse

import ipywidgets as widgets
import pytest

from legcramps import export
from legcramps.markup import inline, unmark
from legcramps.ui import CauseExplorer, Dashboard, Quiz
from legcramps.ui import dashboard as dashboard_module
from legcramps.ui import explorer as explorer_module
from legcramps.ui.controls import FactorControls

#: One answer per cause that makes it fit better ("toward risk"), written out so a reader sees the story.
#: `checklist`: whether this one answer also adds checklist items (age has no checklist items of its own;
#: at night, pointed feet add nothing that the default night cramps have not already added).
TOWARD_RISK = {
    "cold_water": ("cold_water_swimming", True, True),
    "body_position": ("sleep_feet_pointed", True, False),
    "overload": ("training_without_warmup", True, True),
    "salt_balance": ("fluid_litres_per_day", 0.5, True),
    "varicose_veins": ("visible_varicose_veins", True, True),
    "flat_foot": ("footwear", "high_heels", True),
    "neurological": ("back_pain_to_leg", True, True),
    "medicines": ("diuretics", True, True),
    "pregnancy": ("pregnant", True, True),
    "age": ("age_years", 80, False),
    "dialysis": ("kidney_condition", "dialysis", True),
    "dvt": ("one_calf_swollen_warm_red", True, True),
    "claudication": ("calf_pain_walking_eases_rest", True, True),
    "restless_legs": ("urge_to_move_legs", True, True),
    "bakers_cyst": ("lump_behind_knee", True, True),
}


def relevance(html_text: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-relevance="(\d+)"', html_text)]


def checklist_items(view) -> list[str]:
    return [c.description for c in view.shown_boxes()]


def img_data(html_text: str) -> str:
    match = re.search(r'src="data:image/png;base64,([^"]+)"', html_text)
    assert match, "no PNG in the figure"
    return match.group(1)


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# ---------------------------------------------------------------- FactorControls


def test_every_cause_has_a_toward_risk_answer(content):
    assert set(TOWARD_RISK) == set(content.causes)


def test_factor_controls_make_the_right_widget_for_each_kind(content):
    controls = FactorControls(content, content.factors.values(), grouped=True)
    shown = set(descendants(controls.widget))
    assert all(control in shown for control in controls.controls.values()), "every control is on the page"
    for fid, factor in content.factors.items():
        control = controls.controls[fid]
        assert f"lc-factor-{fid}" in control._dom_classes
        if factor.kind == "checkbox":
            assert isinstance(control, widgets.Checkbox)
        elif factor.kind == "choice":
            assert isinstance(control, widgets.Dropdown)
            assert [v for _, v in control.options] == [o.value for o in factor.options]
        else:
            assert isinstance(control, widgets.IntSlider | widgets.FloatSlider)
            assert control.continuous_update is False, "sliders send on release (the debounce)"
            assert (control.min, control.max, control.step) == (factor.min, factor.max, factor.step)
            assert factor.unit in control.description
        assert control.value == factor.default
    assert controls.answers() == content.defaults()
    assert controls.changed_answers() == {}


def test_set_answers_notifies_once_and_reset_restores_defaults(content):
    controls = FactorControls(content, content.factors.values())
    calls = []
    controls.observe(calls.append)
    controls.set_answers({"fluid_litres_per_day": 0.8, "footwear": "high_heels", "pregnant": True,
                          "not_a_factor": 1})
    assert len(calls) == 1, "a batch of answers is one update, not one per control"
    assert calls[0]["footwear"] == "high_heels" and calls[0]["fluid_litres_per_day"] == pytest.approx(0.8)
    assert controls.changed_answers().keys() == {"fluid_litres_per_day", "footwear", "pregnant"}
    controls.controls["diabetes"].value = True  # one control by hand: one update
    assert len(calls) == 2 and calls[1]["diabetes"] is True
    controls.reset()
    assert len(calls) == 3
    assert controls.answers() == content.defaults()


# ---------------------------------------------------------------- CauseExplorer


@pytest.mark.parametrize("cause_id", list(TOWARD_RISK))
def test_cause_explorer_explanation_checklist_and_figure_follow_a_control(cause_id, content):
    factor_id, value, adds_items = TOWARD_RISK[cause_id]
    explorer = CauseExplorer(cause_id, content)
    assert factor_id in explorer.controls.controls, f"{factor_id} is not one of {cause_id}'s controls"
    figure, mpl_figure, figure_widget = explorer.figure, explorer.figure.figure, explorer.figure.widget
    explanation_widget, checklist_widget = explorer.explanation.widget, explorer.checklist.widget
    before_html, before_items = explanation_widget.value, checklist_items(explorer.checklist)
    before_png = img_data(figure_widget.value)
    (before_fit,) = relevance(before_html)

    explorer.controls.controls[factor_id].value = value  # what the reader does

    after_html = explanation_widget.value
    assert after_html != before_html
    (after_fit,) = relevance(after_html)
    assert after_fit > before_fit, f"{factor_id}={value!r} should make {cause_id} fit better"
    assert "Because:" in after_html
    if adds_items:
        assert checklist_items(explorer.checklist) != before_items
    assert img_data(figure_widget.value) != before_png, "the figure shows the reader's answer"
    # persistent: the same figure, canvas and widgets are updated in place, never re-created
    assert explorer.figure is figure and figure.figure is mpl_figure and figure.widget is figure_widget
    assert explorer.explanation.widget is explanation_widget and explorer.checklist.widget is checklist_widget
    assert not explorer.error.value

    explorer.controls.reset()
    assert explanation_widget.value == before_html
    assert checklist_items(explorer.checklist) == before_items


@pytest.mark.parametrize("cause_id", ["body_position", "salt_balance", "neurological", "medicines", "age"])
def test_figure_is_laid_out_once_and_redraws_the_same_picture(cause_id, content):
    """Layout runs on the first draw only; a later redraw of the same answers gives the same PNG bytes."""
    factor_id, value, _ = TOWARD_RISK[cause_id]
    explorer = CauseExplorer(cause_id, content)
    first = img_data(explorer.figure.widget.value)
    explorer.controls.controls[factor_id].value = value
    assert img_data(explorer.figure.widget.value) != first
    explorer.controls.reset()
    assert img_data(explorer.figure.widget.value) == first


@pytest.mark.parametrize("page", ["07-medicines-and-other-causes", "08-when-to-get-help"])
def test_explorer_for_several_causes_explains_each(page, content):
    causes = list(content.page(page).causes)
    explorer = CauseExplorer(causes, content)
    for cause_id in causes:
        factor_id, value, _ = TOWARD_RISK[cause_id]
        before = relevance(explorer.explanation.widget.value)
        explorer.controls.controls[factor_id].value = value
        after = relevance(explorer.explanation.widget.value)
        assert after[causes.index(cause_id)] > before[causes.index(cause_id)]
        explorer.controls.reset()
    assert len(relevance(explorer.explanation.widget.value)) == len(causes)


def test_explorer_rejects_an_unknown_cause(content):
    with pytest.raises(KeyError, match="unknown cause"):
        CauseExplorer("gout", content)


def test_explorer_shows_a_friendly_error_and_recovers(content, monkeypatch):
    explorer = CauseExplorer("salt_balance", content)
    good = explorer.explanation.widget.value

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(explorer_module, "assess", broken)
    explorer.controls.controls["diuretics"].value = True
    assert content.site.dashboard.friendly_error in html.unescape(explorer.error.value)
    assert explorer.explanation.widget.value == good, "the last good explanation stays"
    assert "Traceback" not in explorer.error.value and "boom" not in explorer.error.value
    monkeypatch.undo()
    explorer.controls.controls["heavy_sweating"].value = True
    assert explorer.error.value == ""
    assert explorer.explanation.widget.value != good


# ---------------------------------------------------------------- Dashboard


def tier(dashboard: Dashboard) -> str:
    return re.search(r'data-tier="([a-z_]+)"', dashboard.care.widget.value).group(1)


def test_dashboard_restores_answers_from_a_share_link(content):
    dashboard = Dashboard(content, query="fluid_litres_per_day=0.8&footwear=high_heels&theme=dark")
    assert dashboard.controls.answers()["fluid_litres_per_day"] == pytest.approx(0.8)
    assert dashboard.controls.answers()["footwear"] == "high_heels"
    assert dashboard.notes.value == ""
    assert "lc-dark" in dashboard.widget._dom_classes
    assert dict(urllib.parse.parse_qsl(dashboard.query())) == {"fluid_litres_per_day": "0.8",
                                                               "footwear": "high_heels", "scheme": "dark"}
    assert "salt_balance" in dashboard.causes.widget.value


def test_dashboard_keeps_good_link_parts_and_notes_bad_ones(content):
    dashboard = Dashboard(content, query="fluid_litres_per_day=99&footwear=high_heels&shoe=1&pregnant=perhaps")
    notes = html.unescape(dashboard.notes.value)
    assert notes.count('class="lc-note"') == 3
    assert "fluid_litres_per_day" in notes and "shoe" in notes and "pregnant" in notes
    answers = dashboard.controls.answers()
    assert answers["footwear"] == "high_heels"
    assert answers["fluid_litres_per_day"] == content.factors["fluid_litres_per_day"].default
    assert answers["pregnant"] is False


def test_dashboard_reads_the_query_string_from_voila(content, monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "pregnant=true")
    assert Dashboard(content).controls.answers()["pregnant"] is True


def test_a_dashboard_built_before_its_visitor_switches_to_their_link(content):
    """What a preheated kernel does: build with no query, then apply the visitor's link when it arrives."""
    dashboard = Dashboard(content, query="")
    assert "Your answers" in dashboard.answers_heading.value and dashboard.cards.value == ""
    dashboard.apply_query("mode=class&scenario=runner_with_swollen_calf&scheme=dark&pregnant=true")
    assert dashboard.mode == "class"
    assert "Their answers" in dashboard.answers_heading.value
    assert "Their checklist" in dashboard.checklist_heading.value
    assert 'data-scenario="runner_with_swollen_calf" aria-current="true"' in dashboard.cards.value
    assert "lc-class-mode" in dashboard.widget._dom_classes and "lc-dark" in dashboard.widget._dom_classes
    assert dashboard.controls.answers()["pregnant"] is True
    assert dashboard.query() == "mode=class&scenario=runner_with_swollen_calf&scheme=dark&pregnant=true"
    assert dashboard.notes.value == ""


def test_dashboard_serve_waits_for_the_visitor_then_applies_their_link(content, monkeypatch):
    from legcramps.ui import dashboard as module

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda w: shown.append(w))
    monkeypatch.setattr(module, "wait_for_request",
                        lambda: monkeypatch.setenv("QUERY_STRING", "footwear=high_heels") or {})
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert Dashboard.serve(content) is None
    (root,) = shown
    assert "lc-dashboard" in root._dom_classes

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    footwear = next(w for w in walk(root) if "lc-factor-footwear" in w._dom_classes)
    assert footwear.value == "high_heels"


def test_dashboard_care_card_follows_the_warning_signs(content):
    dashboard = Dashboard(content, query="")
    assert tier(dashboard) == "self_care"
    dashboard.controls.controls["cramps_per_week"].value = 5
    assert tier(dashboard) == "see_gp"
    dashboard.controls.controls["one_calf_swollen_warm_red"].value = True
    assert tier(dashboard) == "urgent"
    assert 'role="alert"' in dashboard.care.widget.value
    dashboard.controls.controls["breathless_or_chest_pain"].value = True
    assert tier(dashboard) == "emergency"
    assert any("call_999_now" in c._dom_classes[-1] for c in dashboard.checklist.shown_boxes())


def test_dashboard_reset_restores_the_defaults(content):
    dashboard = Dashboard(content, query="fluid_litres_per_day=99")
    fresh = Dashboard(content, query="")
    dashboard.controls.set_answers({"one_calf_swollen_warm_red": True, "footwear": "narrow", "age_years": 80})
    assert tier(dashboard) == "urgent"
    chart = dashboard.chart.widget.value
    dashboard.reset_button.click()
    assert dashboard.controls.answers() == content.defaults()
    assert dashboard.notes.value == "", "reset clears the notes about a bad link"
    assert tier(dashboard) == "self_care"
    assert dashboard.care.widget.value == fresh.care.widget.value
    assert dashboard.causes.widget.value == fresh.causes.widget.value
    assert checklist_items(dashboard.checklist) == checklist_items(fresh.checklist)
    assert dashboard.chart.widget.value != chart
    assert dashboard.query() == ""


def test_dashboard_chart_is_updated_in_place(content, monkeypatch):
    """One widget for the chart's life; a move that changes its bars redraws it, one that does not sends nothing."""
    from legcramps.render import chart as render_chart

    dashboard = Dashboard(content, query="")
    chart, widget = dashboard.chart, dashboard.chart.widget
    before = widget.value
    assert before.startswith('<figure class="lc-chart"><svg') and "lc-figure" in widget._dom_classes
    dashboard.controls.controls["training_without_warmup"].value = True
    assert widget.value != before and "<svg" in widget.value
    assert dashboard.chart is chart and chart.widget is widget
    drawn = []
    monkeypatch.setattr(render_chart, "chart_figure", lambda *a, **k: drawn.append(a) or "")
    chart.show(dashboard.result)  # the same bars
    assert drawn == [] and "<svg" in widget.value
    dashboard.controls.controls["training_without_warmup"].value = False
    assert len(drawn) == 1


def test_dashboard_shows_a_friendly_error_and_recovers(content, monkeypatch):
    dashboard = Dashboard(content, query="")

    def broken(*_args, **_kwargs):
        raise ValueError("the engine fell over")

    monkeypatch.setattr(dashboard_module, "assess", broken)
    dashboard.controls.controls["one_calf_swollen_warm_red"].value = True
    shown = html.unescape(dashboard.error.value)
    assert content.site.dashboard.friendly_error in shown and 'role="alert"' in shown
    for part in (dashboard.error, dashboard.care.widget, dashboard.causes.widget, dashboard.share):
        assert "Traceback" not in part.value and "fell over" not in part.value
    assert tier(dashboard) == "self_care", "the last good result stays on screen"
    monkeypatch.undo()
    dashboard.controls.controls["cramps_per_week"].value = 4  # the next change works again
    assert dashboard.error.value == ""
    assert tier(dashboard) == "urgent", "the answer given during the failure is kept"


# ---------------------------------------------------------------- Quiz


@pytest.mark.parametrize("slug", ["00-start-here", "05-flat-foot", "08-when-to-get-help"])
def test_quiz_gives_feedback_for_right_and_wrong_answers(slug, content):
    quiz = Quiz(slug, content)
    assert len(quiz.questions) == len(content.quizzes[slug].questions)
    for view in quiz.questions:
        answers = view.question.answers
        view.update()
        assert "Pick an answer first." in view.feedback.value
        right = next(i for i, a in enumerate(answers) if a.correct)
        shown = view.answer(right)
        assert "<strong>Right.</strong>" in shown and inline(answers[right].feedback, content) in shown
        assert "lc-quiz-feedback right" in shown
        for wrong in (i for i, a in enumerate(answers) if not a.correct):
            shown = view.answer(wrong)
            assert "<strong>Not quite.</strong>" in shown and inline(answers[wrong].feedback, content) in shown
            assert "lc-quiz-feedback wrong" in shown
        view.choices.value = right  # choosing again clears the old feedback until "Check" is pressed
        assert view.feedback.value == ""


def test_quiz_options_and_answer_key_show_words_not_glossary_marks(content):
    """Radio options are plain text: a `[[term]]` mark must show as its words (it used to show brackets)."""
    from legcramps.content.quiz_order import letter, shown_answers
    from legcramps.render.quiz import answer_key

    marked = 0
    for slug in content.quizzes:
        for view in Quiz(slug, content).questions:
            labels = [label for label, _ in view.choices.options]
            shown = shown_answers(content.quizzes[slug], view.question)
            assert labels == [f"{letter(k)}. {unmark(a.text)}" for k, a in enumerate(shown)]
            assert not any("[[" in label or "]]" in label for label in labels), (slug, labels)
            marked += sum("[[" in a.text for a in view.question.answers)
            assert view.check.layout.width == "auto", "the button must fit its whole label"
        assert "[[" not in answer_key(slug, content), slug
    assert marked, "no quiz option carries a glossary mark: this test would not notice the bug"


def test_quiz_check_button_checks_the_chosen_answer(content):
    view = Quiz("03-salt-balance", content).questions[0]
    right = next(i for i, a in enumerate(view.question.answers) if a.correct)
    view.choices.value = right
    view.check.click()
    assert "Right." in view.feedback.value


# ---------------------------------------------------------------- export ("bring this to your GP")

CHANGED = {"fluid_litres_per_day": 0.8, "footwear": "high_heels", "diuretics": True}


def _download(dashboard: Dashboard, css_class: str) -> str:
    href = re.search(rf'class="{css_class}"[^>]*href="data:[^;]+;charset=utf-8;base64,([^"]+)"',
                     dashboard.share.value).group(1)
    return base64.b64decode(href).decode("utf-8")


def test_export_markdown_has_the_checklist_and_the_changed_answers(content):
    dashboard = Dashboard(content, query="")
    dashboard.controls.set_answers(CHANGED)
    markdown = _download(dashboard, "lc-export-md")
    assert markdown == export.to_markdown(dashboard.result, content, link="")
    for text in (*dashboard.result.checklist.now, *dashboard.result.checklist.prevent,
                 *dashboard.result.checklist.ask_doctor):
        assert f"- [ ] {unmark(text)}" in markdown
    assert "- How much you drink: 0.8 litres a day" in markdown
    heels = next(o.label for o in content.factors["footwear"].options if o.value == "high_heels")
    assert f"- {content.factors['footwear'].label}: {heels}" in markdown
    assert f"- {content.factors['diuretics'].label}: yes" in markdown
    assert "[[" not in markdown, "glossary marks become plain words"
    assert content.site.disclaimer in markdown


def test_export_html_has_the_checklist_and_the_changed_answers(content):
    dashboard = Dashboard(content, query="")
    dashboard.controls.set_answers(CHANGED)
    page = _download(dashboard, "lc-export-html")
    assert page == export.to_html(dashboard.result, content)
    text = visible_text(page)
    for item_id in dashboard.result.checklist.ids:
        assert unmark(content.checklist[item_id].text) in text
    for label, value in export.changed_answers(dashboard.result, content):
        assert f"{label}: {value}" in text
    assert len(export.changed_answers(dashboard.result, content)) == len(CHANGED)
    assert "<script" not in page.lower()


def test_export_with_defaults_says_so(content):
    dashboard = Dashboard(content, query="")
    assert "(all answers left at their defaults)" in _download(dashboard, "lc-export-md")
    assert "All answers at their defaults" in _download(dashboard, "lc-export-html")


def test_checklist_hides_items_that_leave_the_list_instead_of_rebuilding_the_box(content):
    dashboard = Dashboard(content, query="fluid_litres_per_day=1.2")
    checklist, fluid = dashboard.checklist, dashboard.controls.controls["fluid_litres_per_day"]
    before = checklist_items(checklist)
    fluid.value = 1.1  # a move that adds an item
    added = [d for d in checklist_items(checklist) if d not in before]
    assert added, "the move should change the checklist"
    children = checklist.widget.children
    box = next(b for b in checklist.shown_boxes() if b.description == added[0])
    box.value = True  # the reader ticks it
    fluid.value = 1.2  # the item leaves the list: hidden by the style rule, not removed
    assert checklist_items(checklist) == before
    assert checklist.widget.children == children
    item_class = box._dom_classes[-1]
    assert item_class in checklist._hide.value and "display: none" in checklist._hide.value
    fluid.value = 1.1  # and comes back, still ticked, with no new widgets
    assert checklist.widget.children == children and box.value is True
    assert item_class not in checklist._hide.value


def test_the_dashboards_own_words_come_from_the_content(content_copy):
    """A translation edits site.yaml, not Python: the buttons, the share panel, the way to the pages and the
    chart's title and axis say what the content says (here, made-up words)."""
    from legcramps.content import load
    from legcramps.render.dashboard import header

    path = content_copy / "site.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in (("  reset: Reset all answers", "  reset: Start again zz"),
                     ("  share_heading: Share or save", "  share_heading: Keep it zz"),
                     ("  privacy: Bring this to your GP.", "  privacy: Show your GP zz."),
                     ("  read_pages: Read about each cause", "  read_pages: All the pages zz"),
                     ("  chart_title: Possible causes", "  chart_title: Maybe these zz"),
                     ("  chart_axis: How well", "  chart_axis: Fit zz, how well")):
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    edited = load(content_copy)
    dashboard = Dashboard(content=edited, query="")
    assert dashboard.reset_button.description == "Start again zz"
    assert "Keep it zz" in dashboard.share.value and "Show your GP zz." in dashboard.share.value
    assert "Share or save" not in dashboard.share.value
    assert "All the pages zz" in header(edited)
    drawn = dashboard.chart.widget.value
    assert ">Maybe these zz</text>" in drawn and "Fit zz, how well" in drawn and "Possible causes" not in drawn
