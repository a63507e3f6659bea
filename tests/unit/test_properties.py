"""Properties that must hold for *any* answers, checked with hypothesis.

The strategies are built from factors.yaml, and the expectations from rules.yaml and red_flags.yaml, so
adding a factor or a rule extends these tests without editing them.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legcramps.content import load
from legcramps.engine import assess
from legcramps.schema import TIER_ORDER, Factor

CONTENT = load()
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def value_strategy(factor: Factor) -> st.SearchStrategy:
    if factor.kind == "checkbox":
        return st.booleans()
    if factor.kind == "choice":
        return st.sampled_from(factor.option_values)
    steps = round((factor.max - factor.min) / factor.step)
    on_grid = st.integers(0, steps).map(lambda i: min(factor.max, factor.min + i * factor.step))
    anywhere = st.floats(factor.min, factor.max, allow_nan=False)
    return st.one_of(on_grid, anywhere)


ANSWERS = st.fixed_dictionaries({}, optional={f.id: value_strategy(f) for f in CONTENT.factors.values()})


def satisfying_value(factor: Factor, op: str, expected: Any) -> Any:
    """A value that makes one compiled test hold."""
    if op == "eq":
        return expected
    if op in ("below", "at_most"):
        return factor.min
    if op in ("above", "at_least"):
        return factor.max
    if op == "in":
        return sorted(expected)[0]
    return next(v for v in factor.option_values if v not in expected)


@PROFILE
@given(ANSWERS)
def test_assess_never_raises_on_in_range_answers(answers):
    result = assess(answers, CONTENT)
    rel = [c.relevance for c in result.causes]
    assert all(0 < r <= 1 for r in rel)
    assert rel == sorted(rel, reverse=True)
    assert len(result.checklist.ids) == len(set(result.checklist.ids))
    assert result.care.tier in TIER_ORDER and result.care.reasons


@PROFILE
@given(ANSWERS, st.sampled_from(CONTENT.flags), st.data())
def test_a_red_flag_gives_at_least_its_tier_whatever_else_is_set(answers, flag, data):
    clauses = CONTENT.flag_when[flag.id]
    clause = data.draw(st.sampled_from(clauses))
    forced = dict(answers)
    for factor_id, op, expected in clause:
        forced[factor_id] = satisfying_value(CONTENT.factors[factor_id], op, expected)
    result = assess(forced, CONTENT)
    assert TIER_ORDER.index(result.care.tier) >= TIER_ORDER.index(flag.tier)
    assert flag.reason in result.care.reasons


def risk_directions() -> list[tuple[str, str, str, Any]]:
    """(cause, factor, direction, risky set) for factors that push a cause only one way.

    direction is 'up' (higher is riskier), 'down', or 'choice' (moving into the risky options).
    """
    seen: dict[tuple[str, str], set] = {}
    risky_options: dict[tuple[str, str], set] = {}
    for rule in CONTENT.rules:
        for clause in CONTENT.rule_when[rule.id]:
            for factor_id, op, expected in clause:
                factor = CONTENT.factors[factor_id]
                key = (rule.cause, factor_id)
                if op in ("above", "at_least"):
                    seen.setdefault(key, set()).add("up")
                elif op in ("below", "at_most"):
                    seen.setdefault(key, set()).add("down")
                elif factor.kind == "checkbox":
                    seen.setdefault(key, set()).add("up" if expected else "down")
                else:
                    options = {expected} if op == "eq" else set(expected) if op == "in" else \
                        set(factor.option_values) - set(expected)
                    seen.setdefault(key, set()).add("choice")
                    risky_options.setdefault(key, set()).update(options)
    return [(cause, factor, next(iter(dirs)), risky_options.get((cause, factor)))
            for (cause, factor), dirs in sorted(seen.items()) if len(dirs) == 1]


DIRECTIONS = risk_directions()


def test_most_factors_have_a_clear_risk_direction():
    assert len(DIRECTIONS) >= 40


@PROFILE
@given(ANSWERS, st.sampled_from(DIRECTIONS), st.data())
def test_raising_a_risk_factor_never_lowers_that_causes_relevance(answers, direction, data):
    cause_id, factor_id, way, risky = direction
    factor = CONTENT.factors[factor_id]
    before_answers = dict(answers)
    current = before_answers.get(factor_id, factor.default)
    if factor.kind == "checkbox":
        after = way == "up"
    elif factor.kind == "slider":
        target = factor.max if way == "up" else factor.min
        after = data.draw(st.floats(min(current, target), max(current, target), allow_nan=False))
    else:
        if current in risky:
            return  # moving between two risky options is not "raising" a factor
        after = data.draw(st.sampled_from(sorted(risky)))
    after_answers = {**before_answers, factor_id: after}

    def relevance(a):
        found = assess(a, CONTENT).cause(cause_id)
        return found.relevance if found else 0.0

    assert relevance(after_answers) >= relevance(before_answers)


# ---------------------------------------------------------------- triage safety: the whole card follows its tier

#: Steps that help an ordinary cramp but could harm or delay when a clot or an emergency is possible. Written
#: out here, not read from the tiers in checklist.yaml, so a wrong edit of those tiers fails this test.
HARMFUL_WHEN_URGENT = {"stretch_calf", "stand_and_walk", "massage_muscle", "stretch_before_bed", "painkillers_after",
                       "warmth_after", "leave_cold_water"}
WARNING_SIGNS = [f.id for f in CONTENT.factors.values() if f.group == "warning_signs"]


def card_text(result) -> str:
    parts = [*result.care.reasons, *(b for c in result.causes for b in c.because)]
    parts += [*result.checklist.now, *result.checklist.prevent, *result.checklist.ask_doctor]
    return " ".join(parts).lower()


@PROFILE
@given(ANSWERS, st.lists(st.sampled_from(WARNING_SIGNS), max_size=4))
def test_an_urgent_or_emergency_card_leads_with_help_and_holds_nothing_that_harms(answers, signs):
    result = assess({**answers, **dict.fromkeys(signs, True)}, CONTENT)
    tier = result.care.tier
    for item_id in result.checklist.ids:
        assert tier in CONTENT.checklist[item_id].tiers
    if tier not in ("urgent", "emergency"):
        return
    now = [i for i in result.checklist.ids if CONTENT.checklist[i].section == "now"]
    assert now, "an urgent card with nothing to do now"
    assert CONTENT.checklist[now[0]].help_for == tier, f"{tier} card starts with {now[0]}"
    assert not HARMFUL_WHEN_URGENT & set(result.checklist.ids)
    text = card_text(result)
    for word in CONTENT.site.reassuring_words:
        assert word.lower() not in text, f"{word!r} on a {tier} card"


@PROFILE
@given(ANSWERS, st.sampled_from(WARNING_SIGNS))
def test_ticking_a_warning_sign_never_lowers_the_tier(answers, sign):
    before = assess({**answers, sign: False}, CONTENT).care.tier
    after = assess({**answers, sign: True}, CONTENT).care.tier
    assert TIER_ORDER.index(after) >= TIER_ORDER.index(before)


@PROFILE
@given(ANSWERS, st.sampled_from([f for f in CONTENT.flags if f.tier in ("urgent", "emergency")]), st.data())
def test_an_urgent_flag_always_shows_where_to_get_help(answers, flag, data):
    clause = data.draw(st.sampled_from(CONTENT.flag_when[flag.id]))
    forced = dict(answers)
    for factor_id, op, expected in clause:
        forced[factor_id] = satisfying_value(CONTENT.factors[factor_id], op, expected)
    result = assess(forced, CONTENT)
    helps = [i for i in result.checklist.ids if CONTENT.checklist[i].help_for == result.care.tier]
    assert helps, f"{flag.id} fired but the {result.care.tier} card says nowhere to get help"
