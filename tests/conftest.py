"""Shared fixtures: the real content, and throw-away copies of it for tests that break things."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from legcramps.content import Content, clear_cache, default_root, load

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def content() -> Content:
    return load()


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of content/ that a test may edit; the loader cache is cleared around it."""
    target = tmp_path / "content"
    shutil.copytree(default_root(), target)
    clear_cache()
    yield target
    clear_cache()
