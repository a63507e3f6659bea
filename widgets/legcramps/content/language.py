"""A second language: each language's words for the content, kept apart from the medical logic.

How the content is split:
- the logic files (content/*.yaml, the front matter of causes/*.md and topics/*.md) hold the medical logic
  (ids, `when`, weights, tiers, sources, grades) once, with the English words: English is the reference;
- a language's text pack, `content/text/<lang>/`, gives every field of words again, and nothing else. Its
  files have the logic files' names (`rules.yaml`; a Markdown file's front matter is `causes/NN-slug.yaml`).
  A list of records is keyed there by each record's id (or `value`, `slug`, `term`), so a translator
  writes `rules: {low_fluid: {because: "…"}}` and never sees a `when` or a weight to get wrong; a list
  without ids (a cause's `get_help` lines) is a list in the same order.
- which fields are words is said once, in the schema: every field whose type carries `WORDS`
  (legcramps.schema.fields.Words). A translator's file is checked key by key against the English: every
  missing and every extra key is reported as `content/text/ru/…:line: field: message`.

A pack is `draft` (being written: a missing text shows in English, and `check` lists it as a warning) or
`complete` (a missing text is a problem, like any other): `content/text/<lang>/language.yaml`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from legcramps.content.problems import Problem, Reporter
from legcramps.schema.fields import Words

#: The language every other is checked against: the logic files' own words.
REFERENCE = "en"
#: Where a language's text pack lives, under the content folder.
PACKS = "text"
#: A record's key in a text pack: the first of these fields it has.
KEY_FIELDS = ("id", "value", "slug", "term")

Path_ = tuple[str | int, ...]
Kind = Literal["words", "word_list", "record", "records"]


# ---------------------------------------------------------------- the schema: which fields are words


def _strip(hint: Any) -> tuple[Any, tuple]:
    """(the bare type, its `Annotated` markers), with `X | None` read as X."""
    markers: tuple = ()
    while True:
        origin = typing.get_origin(hint)
        if origin is typing.Annotated:
            markers += hint.__metadata__
            hint = typing.get_args(hint)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            if len(args) != 1:
                return hint, markers
            hint = args[0]
        else:
            return hint, markers


def _is_words(hint: Any) -> bool:
    bare, markers = _strip(hint)
    return bare is str and any(isinstance(m, Words) for m in markers)


@functools.cache
def shape(cls: type) -> tuple[tuple[str, Kind, type | None, Any], ...]:
    """The fields of a content class that hold words, directly or in records: (name, kind, record class,
    default). `word_list` is a list of words given whole (a translation may have another number of them)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for field in dataclasses.fields(cls):
        hint = hints[field.name]
        default = field.default if field.default is not dataclasses.MISSING else None
        bare, _ = _strip(hint)
        if _is_words(hint):
            out.append((field.name, "words", None, default))
        elif typing.get_origin(bare) is tuple:
            item = typing.get_args(bare)[0]
            if _is_words(item):
                out.append((field.name, "word_list", None, default))
            elif dataclasses.is_dataclass(_strip(item)[0]) and shape(_strip(item)[0]):
                out.append((field.name, "records", _strip(item)[0], None))
        elif dataclasses.is_dataclass(bare) and shape(bare):
            out.append((field.name, "record", bare, None))
    return tuple(out)


def _key(item: dict, cls: type) -> str | None:
    names = {f.name for f in dataclasses.fields(cls)}
    return next((str(item[k]) for k in KEY_FIELDS if k in names and k in item), None)


def map_words(cls: type, data: Any, fn: Callable[[Path_, Any], Any], path: Path_ = ()) -> Any:
    """`data` (a file's parsed YAML, read as `cls`) with each field of words replaced by `fn(key path, words)`.

    Key paths are the text pack's: a record in a list is named by its id. A field of words left out of the
    data but given a default by the schema is visited too (its words are still words a reader sees)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for name, kind, sub, default in shape(cls):
        here = (*path, name)
        value = data.get(name)
        if kind == "words":
            if isinstance(value, str) or (value is None and name not in data and isinstance(default, str)
                                          and default):
                out[name] = fn(here, default if value is None else value)
        elif kind == "word_list":
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[name] = fn(here, value)
        elif kind == "record":
            if isinstance(value, dict):
                out[name] = map_words(sub, value, fn, here)
        elif isinstance(value, list):
            items = []
            for i, item in enumerate(value):
                key = _key(item, sub) if isinstance(item, dict) else None
                items.append(map_words(sub, item, fn, (*here, key if key is not None else i)))
            out[name] = items
    return out


def words_of(cls: type, data: Any) -> dict[Path_, Any]:
    """Every field of words in `data`, by its key path in a text pack."""
    found: dict[Path_, Any] = {}

    def keep(path: Path_, value: Any) -> Any:
        found[path] = value
        return value

    map_words(cls, data, keep)
    return found


def flatten(pack: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    """A text pack's entries by key path: a text, or a list of texts, is a leaf."""
    if isinstance(pack, dict):
        for key, value in pack.items():
            yield from flatten(value, (*path, key))
    elif isinstance(pack, list) and not all(isinstance(v, str) for v in pack):
        for i, value in enumerate(pack):
            yield from flatten(value, (*path, i))
    else:
        yield path, pack


def unflatten(entries: dict[Path_, Any]) -> dict:
    """The nested mapping a text pack file holds (list indexes as lists, in order)."""
    root: dict = {}
    for path, value in entries.items():
        node: Any = root
        for part, following in zip(path, (*path[1:], None), strict=True):
            if following is None:
                node[part] = value
                break
            fresh: Any = [] if isinstance(following, int) else {}
            if isinstance(node, list):
                while len(node) <= part:
                    node.append(None)
                if node[part] is None:
                    node[part] = fresh
                node = node[part]
            else:
                node = node.setdefault(part, fresh)
    return root


def dotted(path: Path_) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + str(p) for i, p in enumerate(path))


# ---------------------------------------------------------------- a language's pack, applied while loading


@dataclasses.dataclass
class Language:
    """One language's text pack in a content folder, applied to each file as the loader reads it."""

    root: Path
    code: str
    out: Reporter
    complete: bool = False
    name: str = ""
    min_reading_ease: float | None = None
    #: What a draft pack lacks (a complete one reports these as problems instead).
    missing: list[Problem] = dataclasses.field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.root / PACKS / self.code

    def pack_rel(self, logic_rel: str) -> str:
        """`rules.yaml` for `content/rules.yaml`; a Markdown file's words are its `.yaml` (`causes/NN-slug.yaml`)."""
        rel = logic_rel.removeprefix("content/")
        return rel.removesuffix(".md") + ".yaml" if rel.endswith(".md") else rel

    def apply(self, reader: Any, cls: type, data: Any, logic_rel: str) -> Any:
        """`data` of the logic file `logic_rel`, with this language's words in place of the English ones."""
        if not isinstance(data, dict):
            return data
        english = words_of(cls, data)
        if not english:
            return data
        rel = self.pack_rel(logic_rel)
        file = f"content/{PACKS}/{self.code}/{rel}"
        path = self.folder / rel
        pack = reader.yaml(path) if path.is_file() else None
        entries = dict(flatten(pack)) if isinstance(pack, dict) else {}
        given = {k: v for k, v in entries.items() if v not in ("", [], None)}  # empty: not translated yet
        if not path.is_file():
            self.lack(file, "", f"file is missing: {len(english)} texts of {logic_rel} to give in this language "
                                 f"(`python -m legcramps i18n {self.code}` writes it, with the English to replace)")
        for key in entries.keys() - english.keys():
            self.out.problem(file, dotted(key), f"is not a text of {logic_rel} (a typo, or a text English no "
                                                "longer has?)", path=key)
        lacking = [k for k in english if k not in given] if path.is_file() else []
        for key in lacking:
            self.lack(file, dotted(key), f"missing: give it in this language (English: {_short(english[key])})",
                       key)

        def swap(key: Path_, value: Any) -> Any:
            if key not in given:
                return value
            mine = given[key]
            if isinstance(value, str) != isinstance(mine, str) or not isinstance(mine, str | list):
                want = "a text" if isinstance(value, str) else "a list of texts"
                self.out.problem(file, dotted(key), f"must be {want}, as in English", path=key)
                return value
            return mine

        return map_words(cls, data, swap)

    def body_path(self, logic_rel: str) -> Path:
        """Where this language's Markdown of a cause or topic file is: `text/ru/causes/02-overload.md`."""
        return self.folder / logic_rel.removeprefix("content/")

    def lack(self, file: str, field: str, message: str, path: Path_ = ()) -> None:
        """A text this language does not give yet: a problem for a complete pack, a warning for a draft."""
        if self.complete:
            self.out.problem(file, field, message, path=path)
        else:
            self.missing.append(Problem(file, field, message))


def _short(text: Any) -> str:
    text = " / ".join(text) if isinstance(text, list) else str(text)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def available(root: Path) -> tuple[str, ...]:
    """The languages of a content folder: English and each folder of `text/` with a `language.yaml`."""
    folder = root / PACKS
    found = sorted(p.parent.name for p in folder.glob("*/language.yaml")) if folder.is_dir() else []
    return (REFERENCE, *[c for c in found if c != REFERENCE])
