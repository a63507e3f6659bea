"""Text answers from the CLI and share links."""

from __future__ import annotations

import pytest

from legcramps.answers import parse_pairs, parse_query, to_query
from legcramps.engine import AnswerError


def test_query_round_trip(content):
    answers = {"fluid_litres_per_day": 0.8, "footwear": "high_heels", "pregnant": True, "age_years": 40.0}
    query = to_query(answers, content)
    assert "age_years" not in query, "defaults stay out of the link"
    parsed, notes = parse_query(query, content)
    assert notes == []
    assert parsed == {"fluid_litres_per_day": 0.8, "footwear": "high_heels", "pregnant": True}


def test_bad_query_parts_are_ignored_with_a_note_and_good_ones_kept(content):
    parsed, notes = parse_query("?fluid_litres_per_day=99&footwear=high_heels&shoes=1&pregnant=perhaps", content)
    assert parsed == {"footwear": "high_heels"}
    assert len(notes) == 3
    assert any("fluid_litres_per_day" in n and "between 0 and 5" in n for n in notes)
    assert any("'shoes'" in n and "not one of the questions" in n for n in notes)


def test_page_options_in_the_query_are_not_answers(content):
    parsed, notes = parse_query("mode=class&theme=dark", content)
    assert parsed == {} and notes == []


def test_pairs_are_strict(content):
    assert parse_pairs([("pregnant", "yes"), ("cramps_per_week", " 3 ")], content) == {
        "pregnant": True, "cramps_per_week": 3.0}
    with pytest.raises(AnswerError):
        parse_pairs([("cramps_per_week", "many")], content)
