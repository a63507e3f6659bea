"""The engine's mechanics, whatever today's weights and sentences are.

What the engine must say for a given person (tier, first step, top cause, steps that must or must not be on
the card) is data: the class scenarios and clinical cases of content/scenarios.yaml, checked for every case
by tests/unit/clinical/test_scenarios.py and by `python -m legcramps check`. These tests check how a card is
put together from the content, over every one of those cases.
"""

from __future__ import annotations

import json
import math

import pytest

from legcramps import expectations
from legcramps.content import load
from legcramps.engine import AnswerError, assess
from legcramps.schema import TIER_ORDER

CONTENT = load()
CASES = [case for _, _, case in expectations.cases(CONTENT)]
IDS = [case.id for case in CASES]


def test_no_answers_give_self_care_with_the_always_steps(content):
    result = assess({}, content)
    assert result.care.tier == "self_care"
    assert result.care.reasons == (content.site.no_warning_signs,)
    always = [i.id for i in content.checklist.values() if i.always and "self_care" in i.tiers]
    assert set(always) <= set(result.checklist.ids)
    assert result.checklist.now, "a person always gets something to do during a cramp"
    assert result.disclaimer == content.site.disclaimer


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_tier_is_the_highest_warning_sign_and_its_reason_comes_first(case):
    result = assess(case.answers, CONTENT)
    flags = {f.id: f for f in CONTENT.flags}
    tiers = [TIER_ORDER.index(flags[f].tier) for f in result.care.flags]
    assert tiers == sorted(tiers, reverse=True), "reasons most pressing first"
    if result.care.flags:
        assert result.care.tier == flags[result.care.flags[0]].tier
        assert result.care.reasons == tuple(flags[f].reason for f in result.care.flags)
    else:
        assert result.care.tier == "self_care"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_cause_is_the_noisy_or_of_its_rules_with_their_reasons_and_its_evidence_grade(case):
    result = assess(case.answers, CONTENT)
    rules = {r.id: r for r in CONTENT.rules}
    for cause in result.causes:
        fired = [rules[r] for r in cause.rules]
        assert fired and all(r.cause == cause.id for r in fired)
        assert cause.relevance == pytest.approx(1 - math.prod(1 - r.weight for r in fired), abs=1e-4)
        assert cause.because == tuple(r.because for r in fired)
        assert cause.evidence == CONTENT.causes[cause.id].front.evidence.grade
    order = list(CONTENT.causes)
    assert [c.id for c in result.causes] == [c.id for c in sorted(result.causes,
                                                                  key=lambda c: (-c.relevance, order.index(c.id)))]


def test_more_reasons_raise_relevance(content):
    one = assess({"training_without_warmup": True}, content).cause("overload").relevance
    two = assess({"training_without_warmup": True, "heavy_monotonous_work": True}, content).cause("overload")
    assert two.relevance > one
    assert len(two.because) == 2


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_checklist_has_no_duplicates_follows_file_order_and_only_steps_this_tier_allows(case):
    result = assess(case.answers, CONTENT)
    ids = result.checklist.ids
    assert len(ids) == len(set(ids))
    order = list(CONTENT.checklist)
    assert list(ids) == sorted(ids, key=order.index)
    assert all(result.care.tier in CONTENT.checklist[i].tiers for i in ids)
    texts = {section: [CONTENT.checklist[i].text for i in ids if CONTENT.checklist[i].section == section]
             for section in ("now", "prevent", "ask_doctor")}
    assert texts == {"now": list(result.checklist.now), "prevent": list(result.checklist.prevent),
                     "ask_doctor": list(result.checklist.ask_doctor)}


def test_assess_is_deterministic(content):
    answers = {"fluid_litres_per_day": 0.5, "diabetes": True, "age_years": 80}
    assert assess(answers, content).to_dict() == assess(dict(reversed(answers.items())), content).to_dict()


def test_json_contract_shape(content):
    data = assess({"footwear": "narrow"}, content).to_dict()
    assert set(data) == {"care", "causes", "checklist", "disclaimer"}
    assert data["care"]["tier"] in {"self_care", "see_gp", "urgent", "emergency"}
    for cause in data["causes"]:
        assert {"id", "title", "relevance", "evidence", "because"} <= set(cause)
        assert 0 < cause["relevance"] <= 1
    rel = [c["relevance"] for c in data["causes"]]
    assert rel == sorted(rel, reverse=True)
    assert set(data["checklist"]) == {"now", "prevent", "ask_doctor"}
    json.dumps(data)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"fluid": 1.0}, "unknown factor 'fluid'"),
        ({"fluid_litres_per_day": 9}, "between 0 and 5 litres a day; got 9"),
        ({"fluid_litres_per_day": -1}, "between 0 and 5"),
        ({"fluid_litres_per_day": "lots"}, "needs a number"),
        ({"fluid_litres_per_day": float("nan")}, "needs a number"),
        ({"footwear": "clogs"}, "must be one of supportive, narrow, high_heels, orthopaedic_insoles"),
        ({"pregnant": "yes"}, "tick box"),
        ({"age_years": True}, "needs a number"),
    ],
)
def test_bad_answers_give_clear_errors(content, answers, message):
    with pytest.raises(AnswerError) as err:
        assess(answers, content)
    assert message in str(err.value)


def test_unknown_factor_suggests_the_right_id(content):
    with pytest.raises(AnswerError, match="Did you mean fluid_litres_per_day"):
        assess({"fluid_litre_per_day": 1.0}, content)
