"""Bad answers and share links give a clear message, never a crash. The command line and damaged content files
are fuzzed in tests/integration/security/ (a process, or a full content load, per example)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legcramps.answers import parse_query, to_query
from legcramps.content import load
from legcramps.engine import AnswerError, assess

CONTENT = load()
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
ANY_VALUE = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20),
                      st.lists(st.integers(), max_size=3))
KEYS = st.one_of(st.sampled_from(list(CONTENT.factors)), st.text(max_size=20))


@FAST
@given(st.dictionaries(KEYS, ANY_VALUE, max_size=6))
def test_engine_either_assesses_or_says_what_is_wrong(answers):
    try:
        result = assess(answers, CONTENT)
    except AnswerError as exc:
        message = str(exc)
        assert message and "Traceback" not in message
        assert any(k in message for k in map(str, answers)) or "unknown factor" in message
    else:
        assert result.care.tier
        for key, value in answers.items():  # accepted means checked: each answer is in the card as its factor reads it
            assert result.answers[key] == CONTENT.factors[key].check(value), key


@FAST
@given(st.text(max_size=300))
def test_any_query_string_is_parsed_without_raising(query):
    answers, notes = parse_query(query, CONTENT)
    assess(answers, CONTENT)  # whatever survived parsing is valid
    assert all(isinstance(n, str) and n for n in notes)


@FAST
@given(st.dictionaries(st.sampled_from(list(CONTENT.factors)), st.text(max_size=12), max_size=8))
def test_good_answers_survive_a_round_trip_and_bad_ones_leave_notes(raw):
    from urllib.parse import urlencode

    answers, notes = parse_query(urlencode(raw), CONTENT)
    assert len(answers) + len(notes) == len(raw)
    again, more_notes = parse_query(to_query(answers, CONTENT), CONTENT)
    assert more_notes == []
    defaults = CONTENT.defaults()
    assert {k: v for k, v in again.items()} == {k: v for k, v in answers.items() if v != defaults[k]}
