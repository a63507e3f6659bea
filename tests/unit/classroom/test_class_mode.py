"""Class mode for a room, headless: a prompt before a card is picked, "their" words throughout, the projector
layout's parts, and the footballer card's whole result.

What a class sees is read from the widgets' HTML after setting values, as a browser would get it; the words
come from content/ (site.yaml `class_mode`, the tiers' `class_label`, factors.yaml `class_label`).
"""

from __future__ import annotations

import html
import re

import pytest

from legcramps.answers import to_query
from legcramps.readability import reading
from legcramps.render import first_step_ids
from legcramps.ui import Dashboard

FOOTBALLER = "teen_footballer"


def card_link(content, scenario_id: str) -> str:
    """The query of a card's link, as class mode shows it (what a click on the card opens)."""
    cards = Dashboard(content, query="mode=class").cards.value
    found = re.search(rf'data-scenario="{scenario_id}".*?<a class="lc-scenario-link" href="\?([^"]+)"', cards, re.S)
    assert found, f"no link on the {scenario_id} card"
    return html.unescape(found.group(1))


def picked(content, scenario_id: str) -> Dashboard:
    return Dashboard(content, query=card_link(content, scenario_id))


def shown_checklist(dashboard: Dashboard) -> list[str]:
    return [box._dom_classes[-1].removeprefix("lc-check-") for box in dashboard.checklist.shown_boxes()]


def text(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


# ---------------------------------------------------------------- before a card is picked


def test_before_a_card_is_picked_there_is_a_prompt_and_no_result(content):
    dashboard = Dashboard(content, query="mode=class")
    card = dashboard.care.widget.value
    assert text(content.site.class_mode.pick) in text(card)
    assert "data-tier" not in card
    for tier in content.site.tiers:
        assert tier.label not in card and tier.class_label not in card
    assert dashboard.causes.widget.value == "", "a cause is ranked for nobody"
    # the checklist, chart and share panel are hidden by the stylesheet while the root has this class
    assert "lc-awaiting-card" in dashboard.widget._dom_classes
    assert dashboard.awaiting_card()


def test_picking_a_card_shows_the_results_and_reset_goes_back_to_the_prompt(content):
    dashboard = Dashboard(content, query="mode=class")
    dashboard.apply_query(card_link(content, FOOTBALLER))  # a preheated kernel gets the link like this
    assert 'data-tier="self_care"' in dashboard.care.widget.value
    assert 'data-cause="overload"' in dashboard.causes.widget.value
    assert "lc-awaiting-card" not in dashboard.widget._dom_classes
    dashboard.reset_button.click()
    assert "data-tier" not in dashboard.care.widget.value
    assert text(content.site.class_mode.pick) in text(dashboard.care.widget.value)
    assert 'aria-current="true"' not in dashboard.cards.value
    assert dashboard.query() == "mode=class", "a reload after reset must not bring the card back"


def test_answers_set_by_hand_in_class_mode_show_their_results(content):
    """A teacher may build a person without a card ("what if Sam had a swollen calf?")."""
    dashboard = Dashboard(content, query="mode=class")
    dashboard.controls.controls["one_calf_swollen_warm_red"].value = True
    assert 'data-tier="urgent"' in dashboard.care.widget.value
    assert "lc-awaiting-card" not in dashboard.widget._dom_classes


def test_a_reader_never_sees_the_prompt(content):
    dashboard = Dashboard(content, query="")
    assert 'data-tier="self_care"' in dashboard.care.widget.value
    assert text(content.site.class_mode.pick) not in text(dashboard.care.widget.value)
    assert "lc-awaiting-card" not in dashboard.widget._dom_classes


# ---------------------------------------------------------------- "their" words


def test_class_mode_words_the_whole_dashboard_about_their_person(content):
    words = content.site.class_mode
    dashboard = picked(content, "shop_worker")
    assert text(dashboard.answers_heading.value) == words.headings.answers
    assert text(dashboard.causes_heading.value) == words.headings.causes
    assert text(dashboard.checklist_heading.value) == words.headings.checklist
    tier = content.tier("self_care")
    card = dashboard.care.widget.value
    assert tier.class_label in text(card) and tier.label not in text(card)
    assert text(tier.class_what_to_do) in text(card)
    assert text(words.no_warning_signs) in text(card) and text(content.site.no_warning_signs) not in text(card)
    for group_id, section in dashboard.controls.sections.items():
        group = content.groups[group_id]
        assert section.header.description.startswith(group.class_label or group.label), group_id
    assert any(g.class_label for g in content.groups.values()), "no group has class words"
    assert dashboard.controls.sections["your_cramps"].header.description.startswith(
        content.groups["your_cramps"].class_label)
    help_now = content.groups["warning_signs"].class_help
    assert help_now and help_now in dashboard.controls._intros["warning_signs"].value


def test_a_reader_keeps_the_you_words_and_a_class_visit_can_turn_personal(content):
    dashboard = picked(content, "shop_worker")
    dashboard.apply_query(to_query({"footwear": "high_heels"}, content))  # a plain link: personal again
    assert dashboard.mode == "personal"
    assert text(dashboard.answers_heading.value) == content.site.headings.answers
    assert text(dashboard.causes_heading.value) == content.site.headings.causes
    assert content.tier("self_care").label in text(dashboard.care.widget.value)
    assert dashboard.controls.sections["your_cramps"].header.description.startswith(content.groups["your_cramps"].label)


def test_an_urgent_card_in_class_mode_keeps_its_help_steps_first(content):
    """Their wording changes the words around the card, never what it tells anyone to do first."""
    runner = next(s for s in content.scenarios if s.id == "runner_with_swollen_calf")
    dashboard = picked(content, runner.id)
    card = dashboard.care.widget.value
    assert content.tier("urgent").class_label in text(card)
    steps = re.search(r'<ol class="lc-care-steps"[^>]*>(.*?)</ol>', card, re.S)
    assert steps and text(content.checklist[runner.expected_first_step].text)[:40] in text(steps.group(1))


# ---------------------------------------------------------------- the projector layout's parts


def test_class_mode_puts_the_care_card_at_the_top_of_the_results_beside_the_answers(content):
    klass = picked(content, FOOTBALLER)
    assert klass.right.children[0] is klass.care.widget
    assert list(klass.body.children) == [klass.cards, klass.right, klass.left]
    assert klass.care.widget not in klass.widget.children and klass.cards not in klass.widget.children
    assert klass.notes in klass.widget.children, "a bad share link is still said above everything"
    personal = Dashboard(content, query="")
    assert personal.care.widget in personal.widget.children, "a reader's care card spans the top"
    assert list(personal.body.children) == [personal.left, personal.right]
    klass.apply_query("")  # a plain visit after a class one: everything back in its place
    assert list(klass.widget.children)[1:] == [klass.cards, klass.notes, klass.error, klass.care.widget, klass.body]
    assert list(klass.body.children) == [klass.left, klass.right]
    assert klass.care.widget not in klass.right.children


def test_the_picked_card_is_marked_and_its_questions_are_one_click_away(content):
    cards = picked(content, FOOTBALLER).cards.value
    assert 'class="lc-panel lc-picked"' in cards
    card = re.search(rf'<li class="lc-scenario lc-active" data-scenario="{FOOTBALLER}".*?</details></li>', cards, re.S)
    assert card, "the footballer card is not the active one"
    footballer = next(s for s in content.scenarios if s.id == FOOTBALLER)
    summary = re.search(r"<details[^>]*><summary>(.*?)</summary>(.*?)</details>", card.group(0), re.S)
    assert summary and text(summary.group(1)) == content.site.class_mode.questions
    assert [text(q) for q in re.findall(r"<li>(.*?)</li>", summary.group(2))] == list(footballer.questions)
    name = footballer.title.split(",")[0]
    assert content.site.class_mode.set_answers.replace("{name}", name) in text(card.group(0))


# ---------------------------------------------------------------- the footballer card


def test_the_footballer_card_gives_the_nhs_picture_of_an_exercise_cramp(content):
    """A teenager cramping late in a long match on a hot day: tired muscles (overload) fit best, ahead of
    lost salt; no warning sign, so self-care; stop, stretch, walk, usual fluids, warm up next time."""
    dashboard = picked(content, FOOTBALLER)
    result = dashboard.result
    assert result.care.tier == "self_care"
    assert result.care.flags == ()
    assert [c.id for c in result.causes[:2]] == ["overload", "salt_balance"]
    shown = shown_checklist(dashboard)
    now = [i for i in shown if content.checklist[i].section == "now"]
    assert now[:2] == ["stretch_calf", "stop_in_sport"]
    assert {"usual_fluid", "warm_up"} <= set(shown)
    assert not {"cool_down_now", "call_999_now", "call_999_if_not_cooler"} & set(shown), "sweat is not heat illness"
    assert first_step_ids(result, content) == [], "no help step on a self-care card"
    assert content.tier("self_care").class_label in text(dashboard.care.widget.value)


def test_ticking_heat_exhaustion_on_the_footballer_card_puts_cooling_first(content):
    """The card's third question: the warning sign to know on a hot day."""
    dashboard = picked(content, FOOTBALLER)
    dashboard.controls.controls["heat_exhaustion_signs"].value = True
    assert first_step_ids(dashboard.result, content)[0] == "cool_down_now"
    assert "call_999_if_not_cooler" in shown_checklist(dashboard)
    dashboard.controls.controls["heatstroke_signs"].value = True
    assert dashboard.result.care.tier == "emergency"
    assert first_step_ids(dashboard.result, content)[0] == "call_999_now"


@pytest.mark.parametrize("part", ["story", "questions"])
def test_scenario_cards_read_at_grade_8_or_below(content, part):
    texts = [sc.story if part == "story" else "\n\n".join(sc.questions) for sc in content.scenarios]
    for sc, words in zip(content.scenarios, texts, strict=True):
        assert reading(words).grade <= 8, f"{sc.id} {part} reads at grade {reading(words).grade:.1f}"
