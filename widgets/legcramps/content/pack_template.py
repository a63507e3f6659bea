"""`python -m legcramps i18n <lang>`: write a language's text pack files, ready for a translator.

Why a tool: a pack must give every field of words of every logic file, by key, and nothing else; written by
hand, keys get mistyped and texts forgotten. This writes each pack file in the English file's order: every
text the pack already gives is kept, every text it lacks is an empty string `""` with the English in a comment
above it (an empty text counts as not given: a draft shows the English there, as gettext does with an empty
msgstr). Run it again after English gains a text: nothing translated is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from legcramps import schema
from legcramps.content.files import _FRONT_MATTER, parse_yaml
from legcramps.content.language import PACKS, Path_, flatten, unflatten, words_of

#: Each logic file with words, and the class it is read as (Markdown: its front matter).
LOGIC_FILES: tuple[tuple[str, type], ...] = (
    ("site.yaml", schema.SiteFile), ("factors.yaml", schema.FactorsFile), ("rules.yaml", schema.RulesFile),
    ("red_flags.yaml", schema.RedFlagsFile), ("checklist.yaml", schema.ChecklistFile),
    ("glossary.yaml", schema.GlossaryFile), ("pages.yaml", schema.PagesFile),
    ("figures.yaml", schema.FiguresFile), ("scenarios.yaml", schema.ScenariosFile),
    ("lesson.yaml", schema.LessonFile), ("sheets.yaml", schema.SheetsFile), ("words.yaml", schema.WordsFile),
)


def logic_files(root: Path) -> Iterator[tuple[str, type, Any]]:
    """(path under the content folder, class, parsed data) of every logic file with words."""
    for name, cls in LOGIC_FILES:
        yield name, cls, parse_yaml((root / name).read_text(encoding="utf-8"))
    for folder, cls in (("causes", schema.CauseFront), ("topics", schema.TopicFront)):
        for path in sorted((root / folder).glob("*.md")):
            match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
            if match:
                yield f"{folder}/{path.name}", cls, parse_yaml(match.group(1))
    for path in sorted((root / "quizzes").glob("*.yaml")):
        yield f"quizzes/{path.name}", schema.QuizFile, parse_yaml(path.read_text(encoding="utf-8"))


def _scalar(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=10_000, default_flow_style=True).strip().removesuffix(
        "\n...").strip()


def _emit(node: Any, english: dict[Path_, Any], path: Path_, indent: int, lines: list[str]) -> None:
    pad = "  " * indent
    items = node.items() if isinstance(node, dict) else enumerate(node)
    for key, value in items:
        here = (*path, key)
        head = f"{pad}- " if isinstance(node, list) else f"{pad}{_scalar(key)}:"
        if isinstance(value, dict | list) and here not in english:
            if isinstance(node, list):  # a record in a list without ids: its fields under the dash
                sub: list[str] = []
                _emit(value, english, here, indent + 1, sub)
                lines.append(head + sub[0].lstrip() if sub else head + "{}")
                lines.extend(sub[1:])
            else:
                lines.append(head)
                _emit(value, english, here, indent + 1, lines)
            continue
        if value in ("", []):
            shown = english[here]
            shown = " / ".join(shown) if isinstance(shown, list) else shown
            lines.append(f"{pad}# en: {shown}".replace("\n", "\\n"))  # one comment line, whatever the text
        lines.append(f"{head} {_scalar(value)}" if not isinstance(node, list) else f"{head}{_scalar(value)}")


def pack_text(cls: type, data: Any, existing: Any) -> str:
    """One pack file: the English keys in order, each with the pack's text or `""` (English in a comment)."""
    english = words_of(cls, data)
    given = dict(flatten(existing)) if isinstance(existing, dict) else {}
    entries = {k: given.get(k, [] if isinstance(v, list) else "") for k, v in english.items()}
    lines: list[str] = []
    _emit(unflatten(entries), english, (), 0, lines)
    return "\n".join(lines) + "\n"


def write_pack(root: Path, code: str) -> list[tuple[Path, int, int]]:
    """Write (or bring up to date) every pack file of language `code`: (file, texts, texts still empty)."""
    folder = root / PACKS / code
    written = []
    for rel, cls, data in logic_files(root):
        english = words_of(cls, data)
        if not english:
            continue
        target = folder / (rel.removesuffix(".md") + ".yaml" if rel.endswith(".md") else rel)
        existing = parse_yaml(target.read_text(encoding="utf-8")) if target.is_file() else None
        text = pack_text(cls, data, existing)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        given = dict(flatten(parse_yaml(text)))
        written.append((target, len(english), sum(1 for k in english if given.get(k) in ("", [], None))))
    return written
