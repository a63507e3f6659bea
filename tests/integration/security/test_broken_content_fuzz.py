"""Any damaged content file gives a ContentError naming content files, or still-valid content that works.

Each example validates the whole content folder (about a tenth of a second), so this fuzz runs with the
integration tests, not in `make test-fast`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legcramps.content import ContentError, clear_cache, default_root, load
from legcramps.engine import assess

FILES = ["site.yaml", "factors.yaml", "rules.yaml", "red_flags.yaml", "checklist.yaml", "sources.yaml",
         "glossary.yaml", "pages.yaml", "causes/05-flat-foot.md", "quizzes/05-flat-foot.yaml"]


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory) -> Path:
    """One copy of content/ for every example: each example damages one file and puts it back."""
    root = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(default_root(), root)
    return root


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FILES), st.binary(max_size=200) | st.text(max_size=200), st.integers(0, 2000))
def test_any_broken_content_file_gives_content_error_naming_the_file(fuzz_root, name, junk, cut):
    path: Path = fuzz_root / name
    original = path.read_bytes()
    blob = junk if isinstance(junk, bytes) else junk.encode()
    path.write_bytes(original[:cut] + blob)
    clear_cache()
    try:
        content = load(fuzz_root)
    except ContentError as exc:
        assert exc.problems
        assert all(p.file.startswith("content/") or str(fuzz_root) in p.file for p in exc.problems)
    else:  # the damage left valid content (a cut past the end, junk that is still valid text): it must work
        assert assess({}, content).care.tier == "self_care"
    finally:
        path.write_bytes(original)
        clear_cache()
