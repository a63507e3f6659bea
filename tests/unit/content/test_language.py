"""A language's text pack (legcramps.content.language): its words replace the English ones, key by key, and
nothing of the medical logic changes; every mistake a translator can make is named by file, line and field.

Each test makes a language `xx` in a copy of the content with `i18n xx` (every text empty, as a translator
starts) and gives the texts it needs.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml

import legcramps.schema as schema
from legcramps.content import ContentError, clear_cache, load
from legcramps.content.language import _is_words, _strip, words_of
from legcramps.content.pack_template import logic_files, write_pack
from legcramps.engine import assess
from legcramps.schema.fields import Citation

#: Fields of plain strings that are not words a reader sees (ids, file paths, dates, a source's own
#: citation, a note for the content's keepers), by class name and field. Every other string field must be
#: marked as words, or it would stay English in every language.
NOT_WORDS = {("Source", "authors"), ("Source", "note"), ("Cause", "path"), ("Topic", "path"),
             ("Topic", "body"), ("Cause", "sections"), ("LanguageFile", "name")}


def _records() -> list[type]:
    return [c for c in vars(schema).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


def test_every_string_field_is_words_or_known_not_to_be():
    unmarked = []
    for cls in _records():
        hints = typing.get_type_hints(cls, include_extras=True)
        for field in dataclasses.fields(cls):
            bare, markers = _strip(hints[field.name])
            item = typing.get_args(bare)[0] if typing.get_origin(bare) is tuple else None
            plain = bare is str or (item is not None and _strip(item)[0] is str)
            marked = _is_words(hints[field.name]) or (item is not None and _is_words(item))
            ident = any(getattr(m, "pattern", None) for m in (*markers, *(_strip(item)[1] if item else ())))
            citation = hints[field.name] == Citation  # kept as published, or a keeper's note
            if plain and not marked and not ident and not citation and (cls.__name__, field.name) not in NOT_WORDS:
                unmarked.append(f"{cls.__name__}.{field.name}")
    assert unmarked == [], "string fields neither words nor ids (mark them Text/Phrase, or list them here)"


@pytest.fixture
def xx(content_copy: Path) -> Path:
    """A new language `xx` in a copy of the content: `i18n xx` wrote its pack, every text still empty."""
    folder = content_copy / "text" / "xx"
    folder.mkdir(parents=True)
    (folder / "language.yaml").write_text("name: Test language\nstatus: draft\n", encoding="utf-8")
    write_pack(content_copy, "xx")
    return content_copy


def give(root: Path, rel: str, path: tuple, value) -> None:
    """Set one text of language xx's pack file `rel` (the rest of the file as the tool wrote it)."""
    file = root / "text" / "xx" / rel
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
    node[path[-1]] = value
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fresh(root: Path, lang: str = "xx"):
    """The content as it is on disk now (the test edited it since the last load)."""
    clear_cache()
    return load(root, lang)


def problems(root: Path, lang: str = "xx") -> list[str]:
    with pytest.raises(ContentError) as caught:
        fresh(root, lang)
    return [str(p) for p in caught.value.problems]


def test_an_empty_pack_shows_the_english_and_lists_every_text_it_lacks(xx):
    english, other = load(xx), fresh(xx)
    assert other.lang == "xx" and english.lang == "en"
    assert other.rules == english.rules and other.site == english.site and other.causes == english.causes
    texts = sum(len(words_of(cls, data)) for _, cls, data in logic_files(xx))
    bodies = len(english.causes) + len(english.topics)
    assert len(other.untranslated) == texts + bodies
    assert any("content/text/xx/rules.yaml: rules.low_fluid.because: missing" in t for t in other.untranslated)


def test_a_given_text_replaces_the_english_and_the_logic_stays(xx, content):
    give(xx, "rules.yaml", ("rules", "low_fluid", "because"), "Xx low fluid reason.")
    give(xx, "site.yaml", ("tiers", "urgent", "label"), "Xx urgent")
    other = fresh(xx)
    rule = next(r for r in other.rules if r.id == "low_fluid")
    english_rule = next(r for r in content.rules if r.id == "low_fluid")
    assert rule.because == "Xx low fluid reason."
    assert dataclasses.replace(rule, because=english_rule.because) == english_rule
    assert other.tier("urgent").label == "Xx urgent"
    answers = {**content.defaults(), "fluid_litres_per_day": 0.8, "one_calf_swollen_warm_red": True}
    mine, theirs = assess(answers, other), assess(answers, content)
    assert mine.care.tier == theirs.care.tier == "urgent"
    assert [c.id for c in mine.causes] == [c.id for c in theirs.causes]
    assert [c.relevance for c in mine.causes] == [c.relevance for c in theirs.causes]
    assert "Xx low fluid reason." in {b for c in mine.causes for b in c.because}


def test_a_mistyped_key_is_named_with_its_file_line_and_field(xx):
    pack = xx / "text" / "xx" / "rules.yaml"
    pack.write_text(pack.read_text(encoding="utf-8").replace("  low_fluid:\n", "  low_fluidd:\n", 1),
                    encoding="utf-8")
    found = [p for p in problems(xx) if "low_fluidd" in p]
    assert len(found) == 1
    assert re.match(r"content/text/xx/rules\.yaml:\d+: rules\.low_fluidd\.because: is not a text of "
                    r"content/rules\.yaml", found[0]), found


def test_a_list_where_english_has_a_text_is_refused(xx):
    give(xx, "checklist.yaml", ("items", "stretch_calf", "text"), ["one", "two"])
    assert any(p.startswith("content/text/xx/checklist.yaml") and "items.stretch_calf.text: must be a text"
               in p for p in problems(xx))


def test_a_complete_pack_must_give_every_text(xx):
    (xx / "text" / "xx" / "language.yaml").write_text("name: Test\nstatus: complete\n", encoding="utf-8")
    found = problems(xx)
    assert any(re.match(r"content/text/xx/red_flags\.yaml:\d+: flags\.\w+\.reason: missing", p) for p in found)
    assert any("content/text/xx/causes/02-overload.md: file is missing" in p for p in found)


def test_a_glossary_mark_may_name_the_english_term(xx):
    give(xx, "rules.yaml", ("rules", "low_fluid", "because"), "Xx [[xx salts|body salts]] xx.")
    give(xx, "glossary.yaml", ("terms", "electrolyte", "term"), "xx-salts")
    give(xx, "glossary.yaml", ("terms", "electrolyte", "definition"), "Xx definition of salts.")
    other = fresh(xx)
    assert other.term("body salts").definition == "Xx definition of salts."
    assert other.term("xx-salts") is other.term("body salts")
    give(xx, "rules.yaml", ("rules", "low_fluid", "because"), "Xx [[xx salts|no such term]] xx.")
    assert any("no such term" in p for p in problems(xx))


def test_a_body_in_the_language_uses_its_own_headings(xx, content):
    for section in content.site.cause_sections:
        give(xx, "site.yaml", ("cause_sections", section.id, "heading"), f"Xx {section.id}")
    body = "".join(f"## Xx {s.id}\n\nXx text of {s.id}.\n\n" for s in content.site.cause_sections)
    (xx / "text" / "xx" / "causes" / "02-overload.md").write_text(body, encoding="utf-8")
    other = fresh(xx)
    assert other.causes["overload"].sections["helps"] == "Xx text of helps."
    assert other.causes["dvt"].sections == content.causes["dvt"].sections  # not given yet: the English
    (xx / "text" / "xx" / "causes" / "02-overload.md").write_text(body.replace("## Xx helps", "## What helps"),
                                                                  encoding="utf-8")
    assert any(p.startswith("content/causes/02-overload.md: ## What helps: is not one of the cause sections")
               for p in problems(xx))


def test_an_unknown_language_says_which_there_are(xx):
    assert any("no language 'zz' here (the content has: en, " in p for p in problems(xx, "zz"))


def test_assess_in_another_language_keeps_ids_tiers_and_numbers(xx):
    give(xx, "site.yaml", ("disclaimer",), "Xx disclaimer, not a diagnosis.")
    run = [sys.executable, "-m", "legcramps", "--content", str(xx), "assess", "--json",
           "--set", "one_calf_swollen_warm_red=true", "--set", "fluid_litres_per_day=0.8"]
    english = json.loads(subprocess.run(run, capture_output=True, text=True, check=True).stdout)
    other = json.loads(subprocess.run([*run, "--lang", "xx"], capture_output=True, text=True, check=True).stdout)
    assert other["disclaimer"] == "Xx disclaimer, not a diagnosis." != english["disclaimer"]
    assert other["care"]["tier"] == english["care"]["tier"] == "urgent"
    assert [(c["id"], c["relevance"], c["evidence"]) for c in other["causes"]] == \
        [(c["id"], c["relevance"], c["evidence"]) for c in english["causes"]]
