"""The validated snapshot: a good load pickled, so the next process with the same files skips validation.

Why: validating needs PyYAML, pydantic (and its big core schemas), markdown-it and nh3, which together cost
a kernel over 12 MiB and a tenth of a second, to re-check files that have not changed. So a good load is
pickled to a cache folder, keyed by a hash of every file under the content root and of the code that
shapes it, and a later process with the same files unpickles it instead: that path imports none of those
libraries. A snapshot never outlives its files and never breaks a load: any doubt means "validate again".
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import legcramps
from legcramps.content.store import Content

#: Environment variable naming the folder for snapshots (default $XDG_CACHE_HOME/legcramps, ~/.cache/legcramps).
CACHE_ENV = "LEGCRAMPS_CACHE_DIR"
#: Bump when the pickled layout changes in a way the hash of the package's sources would not show.
SNAPSHOT_FORMAT = 2
#: Snapshots kept per cache folder (newest first); each edit of the content makes a new one.
KEEP_SNAPSHOTS = 20
#: What shapes a snapshot besides the content: the validator and sanitiser libraries.
_SNAPSHOT_LIBRARIES = ("pydantic", "PyYAML", "markdown-it-py", "nh3")


def snapshot_dir() -> Path | None:
    """$LEGCRAMPS_CACHE_DIR, else $XDG_CACHE_HOME/legcramps, else ~/.cache/legcramps; None without a home.

    Only the kernel's own user should be able to write there: a snapshot is a pickle, so whoever can write
    it can run code in the kernel (as with `__pycache__`). The folder is made private (0700).
    """
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "legcramps"
    try:
        return Path.home() / ".cache" / "legcramps"
    except RuntimeError:  # no $HOME and no passwd entry (an arbitrary container user): load without a snapshot
        return None


def _installed_versions(names: Iterable[str]) -> dict[str, str]:
    """Installed version of each distribution, read from the `<name>-<version>.dist-info` folder names on
    sys.path. `importlib.metadata` gives the same answer but costs every kernel ~28 ms to import (email, zipfile,
    csv …) before the snapshot can even be looked up; a folder listing costs well under 1 ms."""
    wanted = {re.sub(r"[-_.]+", "_", name).lower(): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            items = os.listdir(entry or ".")
        except OSError:
            continue
        for item in items:
            if item.endswith(".dist-info"):
                dist, _, version = item.removesuffix(".dist-info").partition("-")
                name = wanted.get(re.sub(r"[-_.]+", "_", dist).lower())
                if name is not None:
                    found.setdefault(name, version)
    return found


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """What, besides the content, decides a snapshot: our version and sources, the libraries' versions.

    The sources count too, so an editable install that changes a check or the sanitiser does not reuse
    HTML or records made by the old code; the libraries do, so an nh3 upgrade re-sanitises everything.
    """
    digest = hashlib.sha256(f"format {SNAPSHOT_FORMAT}\0{legcramps.__version__}\0{sys.version_info[:2]}\0".encode())
    versions = _installed_versions(_SNAPSHOT_LIBRARIES)
    for name in _SNAPSHOT_LIBRARIES:
        digest.update(f"{name} {versions.get(name, '-')}\0".encode())
    package = Path(legcramps.__file__).parent
    for source in sorted([*package.glob("*.py"), *package.glob("content/*.py"), *package.glob("schema/*.py")]):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return digest.digest()


def _content_files(root: Path) -> list[tuple[str, Path]]:
    """Every file under `root` (following folder links, once each) by its relative path, sorted."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        base = Path(folder)
        found += [((base / name).relative_to(root).as_posix(), base / name) for name in files]
    return sorted(found)


def snapshot_key(root: Path) -> str | None:
    """A hash of the relative path and bytes of every file under `root`, and of the code; None if unreadable."""
    digest = hashlib.sha256(_code_fingerprint())
    try:
        for rel, path in _content_files(root):
            data = path.read_bytes()
            digest.update(f"{rel}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None  # the loader reports what it cannot read
    return digest.hexdigest()


def read(path: Path, key: str) -> Content | None:
    """The snapshot at `path` if it is a whole one for `key`; None (load from the files) on any doubt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        fmt, found_key, content = pickle.loads(data)
    except Exception:  # truncated, corrupt or stale: any failure only means "validate again"
        return None
    if fmt != SNAPSHOT_FORMAT or found_key != key or not isinstance(content, Content):
        return None
    return content


def write(path: Path, key: str, content: Content) -> None:
    """Write atomically (temp file, then rename); a read-only or full cache folder just means no snapshot."""
    tmp = None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".content-", suffix=".tmp", delete=False) as f:
            tmp = f.name
            pickle.dump((SNAPSHOT_FORMAT, key, content), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent)
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(folder: Path) -> None:
    """Keep the newest KEEP_SNAPSHOTS snapshots, so editing content does not fill the disk."""
    snapshots = []
    for path in folder.glob("content-*.pickle"):
        with contextlib.suppress(OSError):
            snapshots.append((path.stat().st_mtime, path))
    for _, path in sorted(snapshots, reverse=True)[KEEP_SNAPSHOTS:]:
        with contextlib.suppress(OSError):
            path.unlink()

