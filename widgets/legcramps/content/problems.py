"""What is wrong with the content, and where: every check reports here, and `load()` raises them all at once.

Why collect instead of raising the first: a content editor (a writer or a clinician, not a programmer)
fixes a whole batch per run of `python -m legcramps check`, and each message names the file, the line and
the field, e.g. `content/rules.yaml:41: rules[3].weight (low_fluid): Input should be less than or equal to 1`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, located as precisely as we can."""

    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(Exception):
    """Raised by `load()` with every problem found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in the content"
        super().__init__(count + ":\n" + "\n".join(f"  {p}" for p in problems))


def line_map(text: str) -> dict[tuple, int]:
    """Each path in a YAML document (('rules', 3, 'weight')) → its 1-based line.

    Only built for a file that has a problem to report: composing the node tree in Python was a third of a
    full validation, and a good file never needs it.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}

    def walk(node: Any, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*path, key.value)] = key.start_mark.line + 1
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return lines


class Reporter:
    """Collects problems; finds a problem's line from its path in the file's YAML (only when one is reported)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._yaml: dict[str, tuple[str, int]] = {}  # file → (YAML text, line offset), for the lazy line map
        self._lines: dict[str, dict[tuple, int]] = {}

    def remember_yaml(self, file: str, text: str, line_offset: int = 0) -> None:
        """Keep a file's YAML text, so a later problem at a path in it can be given its line."""
        self._yaml[file] = (text, line_offset)

    def problem(self, file: str, field: str, message: str, path: tuple = (), line: int | None = None) -> None:
        if line is None and path:
            if file not in self._lines and file in self._yaml:
                text, offset = self._yaml[file]
                self._lines[file] = {k: v + offset for k, v in line_map(text).items()}
            table = self._lines.get(file, {})
            probe = path
            while probe and probe not in table:
                probe = probe[:-1]
            line = table.get(probe)
        self.problems.append(Problem(file, field, message, line))

    def unknown(self, file: str, field: str, what: str, value: str, known: Iterable[str], path: tuple = ()) -> None:
        """An id that names nothing: say which ids come close, or which exist."""
        known = sorted(known)
        import difflib  # only for a mistake's "did you mean": not on every start (~45 ms in the browser)

        close = difflib.get_close_matches(value, known, n=3)
        if close:
            hint = f"; did you mean {', '.join(close)}?"
        elif len(known) <= 15:
            hint = f"; expected one of: {', '.join(known)}"
        else:
            hint = f"; it is not among the {len(known)} defined (check the spelling, or add it)"
        self.problem(file, field, f"unknown {what} {value!r}{hint}", path=path)

    def duplicates(self, items: Iterable[tuple[str, str]], file: str, what: str) -> None:
        """Each (id, field) whose id was seen before is a problem."""
        seen: set[str] = set()
        for ident, field in items:
            if ident in seen:
                self.problem(file, field, f"duplicate {what} {ident!r}")
            seen.add(ident)

    def need(self, file: str, field: str, what: str, ids: Iterable[str], known: Iterable[str],
             path: tuple = ()) -> None:
        """Every id must be one of `known` (source ids a claim cites, checklist ids a rule names …)."""
        known = list(known)
        for ident in ids:
            if ident not in known:
                self.unknown(file, field, what, ident, known, path)
