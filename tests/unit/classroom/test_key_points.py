"""Key points in the cause files: what a content editor sees when one is missing, too long or out of order.

The one-page summaries (test_sheets.py) print these short points instead of the long sections, so the
schema holds them to what fits: 2 to 3 of each, a word limit, the most urgent sign first, nothing
reassuring beside a sign that calls for help, and plain reading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from legcramps.content import ContentError, load
from legcramps.markup import plain
from legcramps.readability import reading
from legcramps.schema import HELP_TIERS, KEY_POINT_WORDS

SALT = "causes/03-salt-balance.md"


def problems_after(root: Path, old: str, new: str, file: str = SALT) -> list:
    """Edit one content file of a copy, load it, and return the problems reported *in that file* (a cause
    that fails its schema is left out, so other files then also report its id as unknown)."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load(root)
    return [p for p in caught.value.problems if p.file == f"content/{file}"]


def line_of(root: Path, needle: str, file: str = SALT) -> int:
    lines = (root / file).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def key_points_block(text: str) -> str:
    return re.search(r"^key_points:\n(?:  .*\n)+", text, re.M).group(0)


def test_a_cause_without_key_points_is_rejected_with_file_line_and_a_hint(content_copy):
    text = (content_copy / SALT).read_text(encoding="utf-8")
    found = problems_after(content_copy, key_points_block(text), "")
    (problem,) = [p for p in found if p.field == "key_points"]
    assert problem.file == "content/" + SALT
    assert problem.line is not None and problem.line > 1
    assert "required" in problem.message and "helps" in problem.message and "get_help" in problem.message


def test_a_key_point_over_the_word_limit_is_rejected_at_its_own_line(content_copy):
    first = load().causes["salt_balance"].front.key_points.helps[0]
    long = " ".join(["Drink"] + ["water"] * KEY_POINT_WORDS) + "."
    found = problems_after(content_copy, f'"{first}"', f'"{long}"')
    (problem,) = found
    assert (problem.file, problem.field) == ("content/" + SALT, "key_points.helps[0]")
    assert problem.line == line_of(content_copy, long)
    assert f"{KEY_POINT_WORDS + 1} words" in problem.message and f"at most {KEY_POINT_WORDS}" in problem.message


def test_a_help_sign_over_the_word_limit_is_rejected_at_its_own_line(content_copy):
    sign = load().causes["salt_balance"].front.key_points.get_help[0].text
    long = sign + " " + " ".join(["Really"] * KEY_POINT_WORDS)
    found = problems_after(content_copy, f'text: "{sign}"', f'text: "{long}"')
    (problem,) = found
    assert problem.field == "key_points.get_help[0].text"
    assert problem.line == line_of(content_copy, long)


@pytest.mark.parametrize(("count", "says"), [(1, "at least 2"), (4, "at most 3")])
def test_too_few_or_too_many_key_points_are_rejected(content_copy, count, says):
    helps = load().causes["salt_balance"].front.key_points.helps
    text = (content_copy / SALT).read_text(encoding="utf-8")
    block = re.search(r"  helps:\n(?:    - .*\n)+", text).group(0)
    items = [*helps, *helps][:count]
    (problem,) = problems_after(content_copy, block, "  helps:\n" + "".join(f'    - "{h}"\n' for h in items))
    assert problem.field == "key_points.helps" and says in problem.message
    assert problem.line == line_of(content_copy, "  helps:") + 1, "the line where the list starts"


def test_help_signs_must_come_most_urgent_first(content_copy):
    points = load().causes["dvt"].front.key_points.get_help
    assert points[0].tier == "emergency"
    file = "causes/11-dvt.md"
    text = (content_copy / file).read_text(encoding="utf-8")
    first, second = [re.search(rf"    - {{tier: {p.tier}, text: .*\n", text).group(0) for p in points[:2]]
    found = problems_after(content_copy, first + second, second + first, file)
    (problem,) = found
    assert problem.field == "key_points.get_help" and "most urgent" in problem.message


def test_a_sign_that_calls_for_help_may_not_reassure(content_copy):
    word = load().site.reassuring_words[0]
    sign = load().causes["salt_balance"].front.key_points.get_help[0]
    assert sign.tier in HELP_TIERS
    found = problems_after(content_copy, f'"{sign.text}"', f'"{sign.text} It is {word}."')
    assert any(p.field == "key_points.get_help[0].text" and word in p.message for p in found), found


def test_every_cause_has_key_points_within_the_limits(content):
    for cause in content.causes.values():
        points = cause.front.key_points
        assert 2 <= len(points.helps) <= 3 and 2 <= len(points.get_help) <= 3, cause.path
        texts = [*points.helps, *(p.text for p in points.get_help)]
        assert all(len(plain(t).split()) <= KEY_POINT_WORDS for t in texts), cause.path


def test_key_points_read_at_grade_8_or_below(content):
    for cause in content.causes.values():
        points = cause.front.key_points
        text = "\n".join(f"- {t}" for t in [*points.helps, *(p.text for p in points.get_help)])
        assert reading(text).grade <= 8, (cause.path, reading(text).grade)
