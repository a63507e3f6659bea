"""Read content files (YAML, Markdown with front matter) and check them against `legcramps.schema`.

Only the validating path imports this module: it needs PyYAML and pydantic, which a kernel that loads the
snapshot never pays for. Every failure becomes a problem with the file, the line and the field, in words
a content editor can act on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import TypeAdapter, ValidationError

from legcramps.content.problems import Reporter

if TYPE_CHECKING:
    from legcramps.content.language import Language

#: What to write when a required field is missing, for the fields whose absence is a safety question.
MISSING_HINTS = {
    "tiers": "say at which care tiers this step may appear, for example tiers: [self_care, see_gp]",
    "expected_first_step": "name the checklist step that must come first under 'what to do now'",
    "key_points": "add 2 to 3 short points each for the one-page summary, written from this file's own "
                  "sections: key_points: {helps: [...], get_help: [{tier: urgent, text: ...}]}",
}

#: Top-level keys that start with this hold YAML anchors shared by the entries below (`x-help-now: &help`),
#: as in docker-compose files; they are not data.
ANCHOR_PREFIX = "x-"

_FRONT_MATTER = re.compile(r"^---\s*\n(.*?)\n---\s*\n?(.*)$", re.S)
_HEADING = re.compile(r"^##\s+(.+?)\s*$")


@functools.cache
def _adapter(cls: type) -> TypeAdapter:
    """One TypeAdapter per content class (building one compiles its core schema: worth doing once)."""
    return TypeAdapter(cls)


def parse_yaml(text: str) -> Any:
    """The data of one YAML document, parsed and built by libyaml in C when PyYAML has it (the pure-Python
    loader is about 10x slower; same results)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class Reader:
    """Reads the files of one content folder, reporting what it cannot read or what does not fit the schema."""

    def __init__(self, root: Path, out: Reporter, language: Language | None = None):
        self.root = root
        self.out = out
        #: The language whose text pack gives the words (None: the logic files' own English).
        self.language = language

    def rel(self, path: Path) -> str:
        """`content/…` as editors know the file (its path under the content folder)."""
        try:
            return f"content/{path.relative_to(self.root).as_posix()}"
        except ValueError:
            return str(path)

    def text(self, path: Path) -> str | None:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.out.problem(self.rel(path), "", f"cannot be read as UTF-8 text: {exc}")
            return None

    def yaml(self, path: Path, line_offset: int = 0, text: str | None = None) -> Any:
        """The file's data (anchor keys dropped), or None after reporting why there is none."""
        file = self.rel(path)
        if text is None:
            if not path.is_file():
                self.out.problem(file, "", "file is missing (expected it here)")
                return None
            text = self.text(path)
            if text is None:
                return None
        try:
            data = parse_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark else None
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.out.problem(file, "", f"is not valid YAML: {what}", line=line)
            return None
        self.out.remember_yaml(file, text, line_offset)
        if data is None:
            self.out.problem(file, "", "is empty (expected YAML content)")
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith(ANCHOR_PREFIX))}
        return data

    def read(self, path: Path, cls: type, translate: bool = True) -> Any:
        """A YAML file checked against a content class (in the reader's language unless `translate` is
        false), or None after reporting its problems."""
        return self.validate(cls, self._words(cls, self.yaml(path), path, translate), self.rel(path))

    def _words(self, cls: type, data: Any, path: Path, translate: bool = True) -> Any:
        if self.language is None or not translate:
            return data
        return self.language.apply(self, cls, data, self.rel(path))

    def validate(self, cls: type, data: Any, file: str) -> Any:
        """`data` as an instance of `cls`, or None after reporting each problem with its line and field."""
        if data is None:
            return None
        if not isinstance(data, dict):
            self.out.problem(file, "", f"expected a mapping of fields, got {type(data).__name__}")
            return None
        try:
            return _adapter(cls).validate_python(data)
        except ValidationError as exc:
            seen: set[str] = set()
            for err in exc.errors():
                field, path = _format_loc(err["loc"], data)
                msg = err["msg"].removeprefix("Value error, ")
                if err["type"] == "missing":
                    name = str(err["loc"][-1])
                    if not field.endswith(name):
                        field = ".".join(filter(None, [field, name]))
                    hint = MISSING_HINTS.get(name)
                    msg = f"{msg}: {hint}" if hint else msg
                elif err["type"] == "unexpected_keyword_argument":
                    msg = "is not a field here (a typo?)"
                key = f"{field}:{msg}"
                if key not in seen:
                    seen.add(key)
                    self.out.problem(file, field + _item_label(data, path), msg, path=path)
            return None

    def markdown(self, path: Path, front_cls: type) -> tuple[Any, str, str] | None:
        """(front matter checked against `front_cls`, Markdown body, the body's language), or None after
        reporting why not. The body is the language's own (`text/<lang>/causes/NN-slug.md`) when its pack has
        one; a draft pack that lacks it shows the English."""
        file = self.rel(path)
        text = self.text(path)
        if text is None:
            return None
        match = _FRONT_MATTER.match(text)
        if not match:
            self.out.problem(file, "front matter", "must start with a '---' line, YAML fields, then a '---' line",
                             line=1)
            return None
        data = self._words(front_cls, self.yaml(path, line_offset=1, text=match.group(1)), path)
        front = self.validate(front_cls, data, file)
        if front is None:
            return None
        if self.language is None:
            return front, match.group(2), "en"
        own = self.language.body_path(file)
        if own.is_file():
            body = self.text(own)
            return (front, body, self.language.code) if body is not None else None
        self.language.lack(f"content/{own.relative_to(self.root).as_posix()}", "",
                           f"file is missing: the Markdown of {file} in this language (its sections, with this "
                           "language's headings)")
        return front, match.group(2), "en"


def split_sections(body: str) -> dict[str, str]:
    """A Markdown body's `## heading` sections: heading → text under it (stripped)."""
    sections: dict[str, str] = {}
    current: str | None = None
    for line in body.splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = heading.group(1)
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
    return {k: v.strip() for k, v in sections.items()}


def _format_loc(loc: Iterable[Any], data: Any) -> tuple[str, tuple]:
    """Turn a pydantic location into `rules[3].weight`, dropping parts that are not in the data itself."""
    parts: list[str] = []
    path: list[Any] = []
    node = data
    for part in loc:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            parts.append(f"[{part}]")
            path.append(part)
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            parts.append(("." if parts else "") + part)
            path.append(part)
            node = node.get(part)
        elif isinstance(part, str) and node is None and not parts:
            parts.append(part)
    return "".join(parts), tuple(path)


def _item_label(data: Any, path: tuple) -> str:
    """For `rules[3]…`, say which rule: ` (low_fluid)` helps people who edit by id, not by index."""
    node = data
    label = ""
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            if isinstance(node, dict):
                ident = node.get("id") or node.get("term") or node.get("slug")
                if ident:
                    label = f" ({ident})"
        else:
            break
    return label
