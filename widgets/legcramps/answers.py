"""Turn text (command-line `--set id=value`, share-link query strings) into checked answers.

Text input is where most bad values come from, so every problem becomes a sentence a person can act on,
and `parse_query` keeps whatever is good when some parameters are bad: nothing a person entered is lost.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from legcramps.engine import AnswerError, check_value, unknown_factor_message

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.schema import Factor

TRUE_WORDS = frozenset({"true", "yes", "on", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "off", "0", "n"})


def parse_value(factor: Factor, raw: str) -> Any:
    """Read one value as the factor's kind needs it; raise AnswerError with what is allowed (the factor's
    own message, so the command line, a share link and the engine word a bad value the same way)."""
    text = raw.strip()
    value: Any = text
    if factor.kind == "checkbox":
        value = True if text.lower() in TRUE_WORDS else False if text.lower() in FALSE_WORDS else raw
    elif factor.kind == "slider":
        try:
            value = float(text)
        except ValueError:
            value = raw
    return check_value(factor, value)


def parse_pairs(pairs: Iterable[tuple[str, str]], content: Content) -> dict[str, Any]:
    """Parse (id, text) pairs strictly: the first problem raises AnswerError (used by the CLI)."""
    answers: dict[str, Any] = {}
    for factor_id, raw in pairs:
        factor = content.factors.get(factor_id)
        if factor is None:
            raise AnswerError(unknown_factor_message(factor_id, content))
        answers[factor_id] = parse_value(factor, raw)
    return answers


def parse_query(query: str, content: Content) -> tuple[dict[str, Any], list[str]]:
    """Parse a share-link query string leniently: good answers are kept, each bad one gives a note."""
    answers: dict[str, Any] = {}
    notes: list[str] = []
    for factor_id, raw in urllib.parse.parse_qsl(query.lstrip("?"), keep_blank_values=True):
        factor = content.factors.get(factor_id)
        if factor is None:
            if factor_id not in IGNORED_PARAMS:
                notes.append(content.site.dashboard.link_unknown.format(param=repr(factor_id)))
            continue
        try:
            answers[factor_id] = parse_value(factor, raw)
        except AnswerError as exc:
            notes.append(content.site.dashboard.link_bad_value.format(param=repr(factor_id), problem=exc))
    return answers, notes


#: Query parameters that are not answers (page options), so they need no note.
IGNORED_PARAMS = frozenset({"mode", "scenario", "scheme", "theme", "template", "voila-template", "voila-theme"})


def to_query(answers: dict[str, Any], content: Content) -> str:
    """A share-link query string holding only the answers that differ from the defaults, in factor order."""
    parts = []
    for factor in content.factors.values():
        if factor.id not in answers or answers[factor.id] == factor.default:
            continue
        value = answers[factor.id]
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = str(value)
        parts.append((factor.id, text))
    return urllib.parse.urlencode(parts)
