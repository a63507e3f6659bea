"""Every scenario of content/scenarios.yaml holds on every way a reader meets the card.

A class scenario or clinical case names the tier, the first "what to do now" step, and the steps that must
not be on the card. These tests hold the engine, the CLI's JSON contract, the dashboard's care card and
checklist (headless widgets), and the exported GP checklist to them, each case alone and on top of the
reassuring answers (`legcramps.expectations`). The browser tests for the same cases are in
tests/integration/browser/test_triage.py.
"""

from __future__ import annotations

import json
import re

import pytest

from legcramps import cli, expectations
from legcramps.content import load
from legcramps.export import to_html, to_markdown
from legcramps.markup import unmark
from legcramps.schema import HELP_TIERS
from legcramps.ui import Dashboard

CONTENT = load()
CASES = [case for _, _, case in expectations.cases(CONTENT)]
IDS = [case.id for case in CASES]


def answer_args(answers) -> list[str]:
    args = []
    for key, value in answers.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        args += ["--set", f"{key}={text}"]
    return args


def test_there_are_enough_clinical_cases_and_every_warning_sign_has_one():
    assert len(CONTENT.clinical) >= 40
    alone = {next(iter(c.answers)) for c in CONTENT.clinical if len(c.answers) == 1}
    flagged = {t[0] for f in CONTENT.flags for clause in CONTENT.flag_when[f.id] for t in clause}
    warning_signs = {f.id for f in CONTENT.factors.values() if f.group == "warning_signs"}
    covered = {fid for c in CONTENT.clinical for fid in c.answers}
    assert warning_signs <= covered, f"warning signs with no clinical case: {sorted(warning_signs - covered)}"
    assert warning_signs <= flagged
    assert alone, "some cases must test a sign on its own"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_engine_gives_what_the_case_expects(case):
    assert expectations.failures(case, CONTENT) == []


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_cli_json_contract_gives_the_same_card(case, capsys):
    for _, answers in expectations.backgrounds(case, CONTENT):
        assert cli.main(["assess", "--json", *answer_args(answers)]) == 0
        card = json.loads(capsys.readouterr().out)
        assert card["care"]["tier"] == case.expected_tier
        assert card["checklist"]["now"][0] == CONTENT.checklist[case.expected_first_step].text
        everything = [t for section in card["checklist"].values() for t in section]
        for item_id in case.must_not_include:
            assert CONTENT.checklist[item_id].text not in everything, f"{item_id} on the card"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_dashboard_care_card_and_checklist_lead_with_the_expected_step(case):
    dashboard = Dashboard(CONTENT, query="")
    dashboard.controls.set_answers(dict(case.answers))
    card = dashboard.care.widget.value
    assert f'data-tier="{case.expected_tier}"' in card
    first = CONTENT.checklist[case.expected_first_step]
    steps = re.search(r'<ol class="lc-care-steps"[^>]*>(.*?)</ol>', card, re.S)
    if case.expected_tier in HELP_TIERS or first.help_for:
        assert steps, "the care card must show where to get help"
        assert unmark(first.text)[:40] in unmark(re.sub("<[^>]+>", "", steps.group(1)))[:len(first.text) + 10]
    shown = [box._dom_classes[-1].removeprefix("lc-check-") for box in dashboard.checklist.shown_boxes()]
    now = [i for i in shown if CONTENT.checklist[i].section == "now"]
    assert now[0] == case.expected_first_step
    for item_id in case.must_not_include:
        assert item_id not in shown
        assert unmark(CONTENT.checklist[item_id].text) not in unmark(card)
    if case.expected_tier == "emergency":
        for word in CONTENT.site.reassuring_words:
            assert word not in dashboard.causes.widget.value.lower()
            assert word not in card.lower()


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_exported_gp_checklist_leads_with_the_expected_step(case):
    from legcramps.engine import assess

    result = assess(case.answers, CONTENT)
    first = unmark(CONTENT.checklist[case.expected_first_step].text)
    markdown = to_markdown(result, CONTENT)
    now = markdown.split("## What to do now", 1)[1]
    assert now.strip().splitlines()[0] == f"- [ ] {first}"
    page = to_html(result, CONTENT)
    for item_id in case.must_not_include:
        text = unmark(CONTENT.checklist[item_id].text)
        assert text not in markdown
        assert text not in page
    if case.expected_tier in HELP_TIERS:
        do_first = markdown.split("**Do this first:**", 1)[1].strip().splitlines()[0]
        assert do_first == f"1. {first}"
        assert markdown.index("Do this first") < markdown.index("## My answers")


def test_a_card_cites_the_guidance_for_its_own_warning_sign_not_for_others():
    """The shared "get help today" step cites the guidance of every sign that uses it (clot, tetanus, poor
    circulation); a clot card must cite the clot guidance, not tetanus or poor circulation."""
    from legcramps.engine import assess
    from legcramps.render import care_card

    card = care_card(assess({"one_calf_swollen_warm_red": True}, CONTENT), CONTENT)
    cited = {sid for sid, src in CONTENT.sources.items() if f'href="{src.url}"' in card}
    flag = next(f for f in CONTENT.flags if f.id == "possible_dvt")
    assert set(flag.sources) <= cited
    assert not {"nhs-tetanus", "nhs-pad"} & cited, cited
