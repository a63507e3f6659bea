"""The engine, through honest scenarios a person could set on the dashboard."""

from __future__ import annotations

import json

import pytest

from legcramps.engine import AnswerError, assess


def ranked_ids(result) -> list[str]:
    return [c.id for c in result.causes]


def test_defaults_are_self_care_with_the_always_checklist(content):
    result = assess({}, content)
    assert result.care.tier == "self_care"
    assert result.care.reasons == (content.site.no_warning_signs,)
    assert result.checklist.now, "a person always gets something to do during a cramp"
    assert any("toes" in item for item in result.checklist.now)
    assert result.disclaimer.startswith("This explains possible causes. It is not a diagnosis.")


def test_low_fluid_long_standing_high_heels_ranks_the_article_causes(content):
    result = assess({"fluid_litres_per_day": 0.8, "standing_hours_per_day": 10, "footwear": "high_heels"}, content)
    top3 = set(ranked_ids(result)[:3])
    assert top3 == {"flat_foot", "varicose_veins", "salt_balance"}
    flat, veins, salt = (result.cause(i) for i in ("flat_foot", "varicose_veins", "salt_balance"))
    assert any("high heels" in b for b in flat.because)
    assert any("8 hours or more" in b for b in veins.because)
    assert any("1.2 litres" in b for b in salt.because)
    assert flat.evidence == "unsupported"
    assert veins.evidence == "contested"
    # the honest part: each "because" also says what the evidence found
    assert any("no study" in b or "untested" in b for b in flat.because)
    assert any("did not find" in b or "no link" in b for b in veins.because)
    assert result.care.tier == "self_care"
    joined = " ".join(result.checklist.prevent)
    assert "glasses a day" in joined and "low heel" in joined and "long standing" in joined


def test_one_swollen_warm_calf_is_urgent(content):
    result = assess({"one_calf_swollen_warm_red": True}, content)
    assert result.care.tier == "urgent"
    assert "blood clot" in result.care.reasons[0]
    assert result.causes[0].id == "dvt"
    assert any("urgent GP appointment today" in i for i in result.checklist.now)
    assert any("Do not rub" in i for i in result.checklist.now)


def test_swollen_calf_and_breathlessness_is_an_emergency(content):
    result = assess({"one_calf_swollen_warm_red": True, "breathless_or_chest_pain": True}, content)
    assert result.care.tier == "emergency"
    assert "lung" in result.care.reasons[0]
    assert any("999" in i for i in result.checklist.now)
    # the lower-tier reason is still listed, after the emergency ones
    assert any("DVT" in r for r in result.care.reasons[1:])


def test_night_only_cramps_alone_are_self_care(content):
    result = assess({"cramp_timing": "night", "cramps_per_week": 1}, content)
    assert result.care.tier == "self_care"
    assert ranked_ids(result) == ["body_position"]
    assert "not a warning sign" in result.causes[0].because[0]


def test_frequent_cramps_mean_see_a_gp(content):
    result = assess({"cramps_per_week": 5}, content)
    assert result.care.tier == "see_gp"
    assert any("quinine" in i and "not for routine use" in i for i in result.checklist.ask_doctor)


def test_medicines_never_say_stop(content):
    result = assess({"diuretics": True, "statins": True, "asthma_inhaler": True}, content)
    assert result.causes[0].id == "medicines"
    text = json.dumps(result.to_dict()).lower()
    assert "keep taking your medicines" in text
    assert "stop your medicine" not in text and "stop taking" not in text


def test_more_reasons_raise_relevance(content):
    one = assess({"training_without_warmup": True}, content).cause("overload").relevance
    two = assess({"training_without_warmup": True, "heavy_monotonous_work": True}, content).cause("overload")
    assert two.relevance > one
    assert len(two.because) == 2


def test_checklist_has_no_duplicates_and_follows_file_order(content):
    result = assess({"diuretics": True, "statins": True, "new_medicine_before_cramps": True}, content)
    ids = result.checklist.ids
    assert len(ids) == len(set(ids))
    order = list(content.checklist)
    assert list(ids) == sorted(ids, key=order.index)
    assert sum("Do not stop a medicine" in i for i in result.checklist.ask_doctor) == 1


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
