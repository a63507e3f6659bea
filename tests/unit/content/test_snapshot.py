"""The validated snapshot: the same content as validating, never stale, never in the way of a load.

`content.load()` pickles a good load, keyed by a hash of every content file, and later processes unpickle
it. These tests prove that the snapshot never outlives the files it was made from, never breaks a load, and
never exists for content with problems. That a kernel using it imports none of the checking libraries is
proved in fresh interpreters, in tests/integration/content/test_snapshot_kernel.py.
"""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from legcramps.content import (
    CACHE_ENV,
    CONTENT_ENV,
    ContentError,
    clear_cache,
    default_root,
    load,
    loader,
    snapshot,
    snapshot_key,
)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty snapshot folder of our own, and a cold in-process cache around the test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    clear_cache()
    yield folder
    clear_cache()


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots fully validated during the test (a snapshot hit adds nothing)."""
    seen: list[Path] = []
    build = loader.build

    def counting(root: Path, lang: str = "en"):
        seen.append(root)
        return build(root, lang)

    monkeypatch.setattr(loader, "build", counting)
    return seen


def snapshots(folder: Path) -> list[Path]:
    return sorted(folder.glob("content-*.pickle")) if folder.is_dir() else []


def leftovers(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if not p.name.endswith(".pickle")) if folder.is_dir() else []


# ---------------------------------------------------------------- same objects either way


def test_a_snapshot_gives_the_same_content_as_validating(cache, validations):
    fresh = load()
    assert validations == [default_root()] and len(snapshots(cache)) == 1
    clear_cache()
    again = load()
    assert validations == [default_root()], "the second load came from the snapshot"
    assert again is not fresh and again == fresh
    assert again.rendered and again.rendered == fresh.rendered


def test_loaded_content_holds_records_not_pydantic_models(cache):
    def walk(value: object) -> Iterator[object]:
        if dataclasses.is_dataclass(value):
            assert type(value).__module__.startswith("legcramps.schema."), type(value)
            yield value
            for v in vars(value).values():
                yield from walk(v)
        elif isinstance(value, list | tuple | frozenset | set):
            for v in value:
                yield from walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                yield from walk(v)
        else:
            assert type(value).__module__.split(".")[0] not in ("pydantic", "pydantic_core"), type(value)

    content = load()
    found = [r for name in vars(content) for r in walk(getattr(content, name))]
    assert len(found) > 100
    factor = content.factors["fluid_litres_per_day"]
    assert factor.check(1) == 1.0
    with pytest.raises(ValueError, match="between"):
        factor.check(99)
    with pytest.raises(AttributeError, match="cannot assign"):
        factor.default = 2.0
    assert pickle.loads(pickle.dumps(factor)) == factor


def test_copies_with_the_same_files_share_a_snapshot_but_keep_their_own_root(cache, tmp_path, validations):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(default_root(), a)
    shutil.copytree(default_root(), b)
    assert load(a).root == a.resolve()
    assert load(b).root == b.resolve()
    assert validations == [a.resolve()] and len(snapshots(cache)) == 1


# ---------------------------------------------------------------- the snapshot follows the files


@pytest.mark.parametrize("change", [
    pytest.param(lambda root: _replace(root / "rules.yaml", "You swim in cold water.", "You swim in icy water."),
                 id="yaml"),
    pytest.param(lambda root: _replace(root / "causes" / "03-salt-balance.md", "## What helps\n",
                                       "## What helps\n\nDrink a little more.\n"), id="markdown"),
    pytest.param(lambda root: (root / "notes.txt").write_text("not content, still a file\n"), id="new file"),
    pytest.param(lambda root: (root / "topics" / "introduction.md").rename(root / "topics" / "intro.md"),
                 id="renamed file"),
])
def test_any_change_under_the_content_root_makes_a_new_snapshot(cache, content_copy, monkeypatch, validations,
                                                                 change):
    monkeypatch.setenv(CONTENT_ENV, str(content_copy))
    before = load()
    key = snapshot_key(content_copy.resolve())
    change(content_copy)
    clear_cache()
    assert snapshot_key(content_copy.resolve()) != key
    after = load()
    assert len(validations) == 2, "the edited content was validated again, not taken from the old snapshot"
    assert len(snapshots(cache)) == 2
    if "icy" in (content_copy / "rules.yaml").read_text():
        assert after.rules != before.rules and any("icy" in r.because for r in after.rules)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- a snapshot never breaks a load


@pytest.mark.parametrize("damage", [
    pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
    pytest.param(lambda data: b"", id="empty"),
    pytest.param(lambda data: b"\x80\x05 not a pickle at all" + data[40:], id="garbage"),
    pytest.param(lambda data: pickle.dumps("a string, not a snapshot"), id="wrong shape"),
    pytest.param(lambda data: pickle.dumps((0, "stale", None)), id="old format"),
])
def test_a_damaged_snapshot_is_ignored_and_rewritten(cache, validations, damage):
    good = load()
    (path,) = snapshots(cache)
    path.write_bytes(damage(path.read_bytes()))
    clear_cache()
    assert load() == good
    assert len(validations) == 2, "the damaged snapshot was not used"
    clear_cache()
    assert load() == good
    assert len(validations) == 2, "the rewritten snapshot is used"
    assert snapshots(cache) == [path] and not leftovers(cache)


def test_a_cache_folder_that_cannot_be_written_still_loads(tmp_path, monkeypatch, validations):
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache folder cannot be made under a file (even as root)")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    clear_cache()
    assert load().causes
    clear_cache()
    assert load().causes
    assert len(validations) == 2
    clear_cache()


def test_a_failed_rename_leaves_no_temp_file_and_the_load_works(cache, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "read-only file system", str(dst))

    monkeypatch.setattr(snapshot.os, "replace", refuse)
    assert load().causes
    assert cache.is_dir() and list(cache.iterdir()) == []


def test_content_with_problems_raises_and_writes_no_snapshot(cache, content_copy):
    _replace(content_copy / "rules.yaml", "weight: 0.5", "weight: heavy")
    with pytest.raises(ContentError) as caught:
        load(content_copy)
    assert "content/rules.yaml:" in str(caught.value) and "rules[0].weight" in str(caught.value)
    assert snapshots(cache) == [] and not leftovers(cache)


def test_old_snapshots_are_pruned(cache, content_copy, monkeypatch):
    monkeypatch.setattr(snapshot, "KEEP_SNAPSHOTS", 2)
    for i in range(4):
        (content_copy / "notes.txt").write_text(f"edit {i}\n")
        clear_cache()
        load(content_copy)
    assert len(snapshots(cache)) == 2
