"""Review dates warn, they do not break: `check` names pages due for review, `check --strict` fails on them.

A calendar day must never turn a green run red, so every date here is either fixed (`today=`) or far from
any real review date.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from legcramps.cli import main
from legcramps.content import clear_cache, load
from legcramps.content.review import due


def test_a_page_past_the_review_limit_is_due_and_named_with_its_line(content):
    newest = max([*(c.front.review_date for c in content.causes.values()),
                  *(t.front.review_date for t in content.topics.values()),
                  *(s.last_checked for s in content.sources.values())])
    oldest = min(c.front.review_date for c in content.causes.values())
    limit = content.site.review_within_days
    assert list(due(content, today=newest)) == []
    today = max(newest, oldest + dt.timedelta(days=limit + 1))
    late = list(due(content, today=today))
    pages = [*content.causes.values(), *content.topics.values()]
    assert {p.file for p in late} == {x.path for x in pages if (today - x.front.review_date).days > limit}
    first = next(p for p in late if p.file == next(c for c in content.causes.values()
                                                   if c.front.review_date == oldest).path)
    assert first.field == "review_date" and first.line and "ask a clinician" in first.message
    text = (content.root / first.file.removeprefix("content/")).read_text(encoding="utf-8").splitlines()
    assert text[first.line - 1].startswith("review_date:")


def test_a_review_date_in_the_future_is_due(content):
    oldest = min(c.front.review_date for c in content.causes.values())
    early = list(due(content, today=oldest - dt.timedelta(days=1)))
    assert any("in the future" in p.message for p in early)


def _age_one_page(content_copy: Path) -> Path:
    path = sorted((content_copy / "causes").glob("*.md"))[0]
    path.write_text(re.sub(r"^review_date: .*$", "review_date: 2001-01-01", path.read_text(encoding="utf-8"),
                           flags=re.M), encoding="utf-8")
    return path


def test_check_warns_and_strict_fails_on_a_page_due_for_review(content_copy, capsys):
    path = _age_one_page(content_copy)
    clear_cache()
    try:
        assert main(["--content", str(content_copy), "check"]) == 0
        err = capsys.readouterr().err
        assert f"warning: content/causes/{path.name}:" in err and "2001-01-01" in err
        assert main(["--content", str(content_copy), "check", "--strict"]) == 1
        assert "--strict fails on warnings" in capsys.readouterr().err
    finally:
        clear_cache()
    assert load(content_copy).causes  # the old date is a warning, never a load error
