"""Is the content due for review? `python -m legcramps check` warns; `check --strict` fails on it.

Why a warning and not a load error: a page does not become wrong on the day its review falls due, and a
test or a deployment that passed yesterday must not fail today only because the calendar moved. But a
health explainer must be re-read by a clinician regularly (site.yaml `review_within_days`), so CI of the
content repository runs `check --strict`, and whoever publishes sees what is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from legcramps.content.problems import Problem
from legcramps.content.store import Content


def due(content: Content, today: dt.date | None = None) -> Iterator[Problem]:
    """A problem for each page whose last review is older than the site's limit, or set in the future."""
    today = today or dt.date.today()
    limit = content.site.review_within_days
    fronts = [(c.path, c.front.review_date) for c in content.causes.values()]
    fronts += [(t.path, t.front.review_date) for t in content.topics.values()]
    for path, reviewed in fronts:
        age = (today - reviewed).days
        line = _line_of(content, path, "review_date:") if age < 0 or age > limit else None
        if age < 0:
            yield Problem(path, "review_date", f"{reviewed} is in the future; use the day of the last review", line)
        elif age > limit:
            yield Problem(path, "review_date", f"last reviewed {reviewed}, {age} days ago (the limit is {limit}); "
                          "ask a clinician to review the page, then set the date", line)
    for source in content.sources.values():
        if source.last_checked > today:
            yield Problem("content/sources.yaml", f"sources.{source.id}.last_checked",
                          f"{source.last_checked} is in the future; use the day you opened the link")


def _line_of(content: Content, path: str, prefix: str) -> int | None:
    """The line of a front-matter field in a content file (None when the file cannot be read)."""
    try:
        lines = (content.root / path.removeprefix("content/")).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((i for i, line in enumerate(lines, 1) if line.startswith(prefix)), None)
