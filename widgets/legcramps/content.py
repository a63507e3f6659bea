"""Load, validate and cross-check everything in `content/`.

`load()` is the only way the rest of the package sees medical text. It reads every file, collects *all*
problems (schema errors, bad YAML, unknown ids, unused factors …) and raises one `ContentError` listing
them as `file:line: field: message`, so a content editor fixes a whole batch per run. A good load is cached
per directory and process: each kernel loads once (a preheated kernel does it before any visitor arrives).

Why a snapshot: validating needs PyYAML, pydantic (and its big core schemas), markdown-it and nh3, which
together cost a kernel over 12 MiB and a tenth of a second, to re-check files that have not changed. So a
good load is also pickled to a cache folder, keyed by a hash of every file under the content root, and a
later process with the same files unpickles it instead: that path imports none of those libraries. The
snapshot holds pydantic-free records (`legcramps.records`) and the HTML of every piece of content
Markdown the pages render, pre-rendered and sanitised at validation time (`Content.rendered`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import legcramps
from legcramps import safety_checks
from legcramps.records import (
    CAUSE_SECTIONS,
    TERM_MARK,
    Cause,
    ChecklistItem,
    ClinicalCase,
    Factor,
    FactorGroup,
    FigureSpec,
    GlossaryTerm,
    GradeInfo,
    Page,
    QuizFile,
    RedFlag,
    Rule,
    Scenario,
    SiteFile,
    Source,
    TierInfo,
    Topic,
    freeze,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

#: What to write when a required field is missing, for the fields whose absence is a safety question.
MISSING_HINTS = {
    "tiers": "say at which care tiers this step may appear, for example tiers: [self_care, see_gp]",
    "expected_first_step": "name the checklist step that must come first under 'what to do now'",
}

NUMERIC_OPS = ("below", "at_most", "above", "at_least")
CHOICE_OPS = ("in", "not_in")

#: A compiled test: (factor id, operator, value). Operators: eq, below, at_most, above, at_least, in, not_in.
CompiledTest = tuple[str, str, Any]
#: A compiled `when`: any clause may hold; within a clause, every test must hold.
CompiledWhen = tuple[tuple[CompiledTest, ...], ...]


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


@dataclasses.dataclass(frozen=True)
class Content:
    """Everything in `content/`, validated. Read-only; shared between sessions."""

    root: Path
    site: SiteFile
    sources: dict[str, Source]
    glossary: dict[str, GlossaryTerm]  # lower-case term or alias -> entry
    groups: dict[str, FactorGroup]
    factors: dict[str, Factor]
    rules: tuple[Rule, ...]
    flags: tuple[RedFlag, ...]
    checklist: dict[str, ChecklistItem]
    causes: dict[str, Cause]  # in reading order
    topics: dict[str, Topic]
    pages: tuple[Page, ...]
    quizzes: dict[str, QuizFile]  # by page slug
    compiled: dict[str, CompiledWhen]  # "rule:<id>" / "flag:<id>" -> compiled conditions
    figures: dict[str, FigureSpec]  # by cause id
    scenarios: tuple[Scenario, ...] = ()
    clinical: tuple[ClinicalCase, ...] = ()  # clinical test cases (scenarios.yaml), never shown to readers
    reassuring_answers: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: ("inline" | "block", Markdown source) -> sanitised HTML, for every text the pages render (legcramps.markup)
    rendered: Mapping[tuple[str, str], str] = dataclasses.field(default_factory=dict)

    def factors_for(self, cause_id: str) -> list[Factor]:
        """The factors that any rule of this cause looks at, in the order of factors.yaml."""
        used = {t[0] for r in self.rules if r.cause == cause_id for clause in self.compiled[f"rule:{r.id}"]
                for t in clause}
        return [f for f in self.factors.values() if f.id in used]

    def rules_for(self, cause_id: str) -> list[Rule]:
        return [r for r in self.rules if r.cause == cause_id]

    def defaults(self) -> dict[str, Any]:
        return {f.id: f.default for f in self.factors.values()}

    def page(self, slug: str) -> Page:
        for page in self.pages:
            if page.slug == slug:
                return page
        raise KeyError(f"no page {slug!r}; pages are {[p.slug for p in self.pages]}")

    def grade(self, grade_id: str) -> GradeInfo:
        return next(g for g in self.site.grades if g.id == grade_id)

    def tier(self, tier_id: str) -> TierInfo:
        return next(t for t in self.site.tiers if t.id == tier_id)

    def term(self, word: str) -> GlossaryTerm | None:
        return self.glossary.get(word.strip().lower())


# ---------------------------------------------------------------- locating the content


#: Environment variable naming another content folder (a deployment's reviewed copy, or a test's fixtures).
CONTENT_ENV = "LEGCRAMPS_CONTENT"


def default_root() -> Path:
    """$LEGCRAMPS_CONTENT, else content shipped in the wheel (`legcramps/_content`), else the repo's `content/`."""
    override = os.environ.get(CONTENT_ENV)
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve().parent
    packaged = here / "_content"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "content"


@functools.lru_cache(maxsize=8)
def _load_cached(root: Path) -> Content:
    key = snapshot_key(root)
    folder = snapshot_dir()
    path = folder / f"content-{key}.pickle" if key and folder else None
    content = _read_snapshot(path, key) if path else None
    if content is not None:
        # Two folders with the same files share a snapshot; `root` is the one asked for.
        return content if content.root == root else dataclasses.replace(content, root=root)
    content = _Loader(root).run()  # raises ContentError, so broken content never gets a snapshot
    if path and snapshot_key(root) == key:  # not edited while we validated
        _write_snapshot(path, key, content)
    return content


def load(root: str | Path | None = None) -> Content:
    """Validated content from `root` (default: the shipped content). Cached per directory."""
    path = Path(root).resolve() if root is not None else default_root()
    return _load_cached(path)


def clear_cache() -> None:
    """Forget loaded content (tests that edit a content directory call this). Snapshots on disk stay."""
    _load_cached.cache_clear()


# ---------------------------------------------------------------- the validated snapshot


#: Environment variable naming the folder for snapshots (default $XDG_CACHE_HOME/legcramps, ~/.cache/legcramps).
CACHE_ENV = "LEGCRAMPS_CACHE_DIR"
#: Bump when the pickled layout changes in a way the hash of the package's sources would not show.
SNAPSHOT_FORMAT = 1
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
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
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


def _read_snapshot(path: Path, key: str) -> Content | None:
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


def _write_snapshot(path: Path, key: str, content: Content) -> None:
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


# ---------------------------------------------------------------- YAML with line numbers


def _parse_yaml(text: str) -> Any:
    """The data of one YAML document, parsed and built by libyaml in C when PyYAML has it (the pure-Python
    loader is about 10x slower; same results)."""
    import yaml  # only the validating path needs it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _line_map(text: str) -> dict[tuple, int]:
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
            key = "in" if part == "in_" else part
            parts.append(("." if parts else "") + key)
            path.append(key)
            node = node.get(key)
        elif isinstance(part, str) and node is None and not parts:
            parts.append(part)
    return "".join(parts), tuple(path)


def _item_label(data: Any, path: tuple) -> str:
    """For `rules[3]…`, say which rule: ` (id 'low_fluid')` helps people who edit by id, not by index."""
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


# ---------------------------------------------------------------- the loader


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        self.lines: dict[str, dict[tuple, int]] = {}
        self._yaml_text: dict[str, tuple[str, int]] = {}  # file → (text, line offset), for the lazy line map

    # -- helpers

    def rel(self, path: Path) -> str:
        try:
            return f"content/{path.relative_to(self.root).as_posix()}"
        except ValueError:
            return str(path)

    def problem(self, file: str, field: str, message: str, path: tuple = (), line: int | None = None) -> None:
        if line is None and path:
            if file not in self.lines and file in self._yaml_text:
                text, offset = self._yaml_text[file]
                self.lines[file] = {k: v + offset for k, v in _line_map(text).items()}
            table = self.lines.get(file, {})
            probe = path
            while probe and probe not in table:
                probe = probe[:-1]
            line = table.get(probe)
        self.problems.append(Problem(file, field, message, line))

    def read_yaml(self, path: Path, line_offset: int = 0, text: str | None = None) -> Any:
        file = self.rel(path)
        if text is None:
            if not path.is_file():
                self.problem(file, "", "file is missing (expected it here)")
                return None
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.problem(file, "", f"cannot be read as UTF-8 text: {exc}")
                return None
        import yaml

        try:
            data = _parse_yaml(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 + line_offset if mark else None
            what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            self.problem(file, "", f"is not valid YAML: {what}", line=line)
            return None
        self._yaml_text[file] = (text, line_offset)
        if data is None:
            self.problem(file, "", "is empty (expected YAML content)")
        return data

    def validate(self, model: type[BaseModel], data: Any, file: str, prefix: tuple = ()) -> Any:
        if data is None:
            return None
        if not isinstance(data, dict):
            self.problem(file, ".".join(map(str, prefix)), f"expected a mapping of fields, got {type(data).__name__}")
            return None
        from pydantic import ValidationError

        try:
            return model.model_validate(data)
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
                key = f"{field}:{msg}"
                if key in seen:
                    continue
                seen.add(key)
                full = ".".join(str(p) for p in prefix) + ("." if prefix and field else "") + field
                self.problem(file, full + _item_label(data, path), msg, path=(*prefix, *path))
            return None

    def duplicates(self, items: Iterable[tuple[str, str]], file: str, what: str) -> None:
        seen: set[str] = set()
        for ident, field in items:
            if ident in seen:
                self.problem(file, field, f"duplicate {what} {ident!r}")
            seen.add(ident)

    def unknown(self, file: str, field: str, what: str, value: str, known: Iterable[str], path: tuple = ()) -> None:
        known = sorted(known)
        close = difflib.get_close_matches(value, known, n=3)
        if close:
            hint = f"; did you mean {', '.join(close)}?"
        elif len(known) <= 15:
            hint = f"; expected one of: {', '.join(known)}"
        else:
            hint = f"; it is not among the {len(known)} defined (check the spelling, or add it)"
        self.problem(file, field, f"unknown {what} {value!r}{hint}", path=path)

    # -- markdown with front matter

    def read_markdown(self, path: Path, front_model: type[BaseModel]) -> tuple[Any, str] | None:
        file = self.rel(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problem(file, "", f"cannot be read as UTF-8 text: {exc}")
            return None
        match = re.match(r"^---\s*\n(.*?)\n---\s*\n?(.*)$", text, re.S)
        if not match:
            self.problem(file, "front matter", "must start with a '---' line, YAML fields, then a '---' line", line=1)
            return None
        data = self.read_yaml(path, line_offset=1, text=match.group(1))
        front = self.validate(front_model, data, file)
        if front is None:
            return None
        return front, match.group(2)

    @staticmethod
    def split_sections(body: str) -> dict[str, str]:
        sections: dict[str, str] = {}
        current: str | None = None
        for line in body.splitlines():
            heading = re.match(r"^##\s+(.+?)\s*$", line)
            if heading:
                current = heading.group(1)
                sections[current] = ""
            elif current is not None:
                sections[current] += line + "\n"
        return {k: v.strip() for k, v in sections.items()}

    # -- the run

    def run(self) -> Content:
        """Validate every file; return the content as records with its Markdown pre-rendered."""
        from legcramps import models  # pydantic: only this path pays for it

        if not self.root.is_dir():
            raise ContentError([Problem(str(self.root), "", "content folder not found")])
        r = self.root

        def read(name: str, model: type[BaseModel]) -> Any:
            return self.validate(model, self.read_yaml(r / name), f"content/{name}")

        site = read("site.yaml", models.SiteFile)
        sources_f = read("sources.yaml", models.SourcesFile)
        glossary_f = read("glossary.yaml", models.GlossaryFile)
        factors_f = read("factors.yaml", models.FactorsFile)
        rules_f = read("rules.yaml", models.RulesFile)
        flags_f = read("red_flags.yaml", models.RedFlagsFile)
        checklist_f = read("checklist.yaml", models.ChecklistFile)
        pages_f = read("pages.yaml", models.PagesFile)
        figures_f = read("figures.yaml", models.FiguresFile)
        scenarios_f = read("scenarios.yaml", models.ScenariosFile)

        causes: dict[str, models.Cause] = {}
        cause_files = sorted((r / "causes").glob("*.md"))
        if not cause_files:
            self.problem("content/causes", "", "no cause files found (expected causes/NN-slug.md)")
        for path in cause_files:
            parsed = self.read_markdown(path, models.CauseFront)
            if parsed is None:
                continue
            front, body = parsed
            sections = self.split_sections(body)
            for heading in CAUSE_SECTIONS:
                if not sections.get(heading):
                    self.problem(self.rel(path), f"## {heading}", "section is missing or empty")
            if front.id in causes:
                self.problem(self.rel(path), "id", f"duplicate cause id {front.id!r} (also in {causes[front.id].path})")
            causes[front.id] = models.Cause(front=front, sections=sections, path=self.rel(path))
        causes = dict(sorted(causes.items(), key=lambda kv: (kv[1].front.order, kv[0])))

        topics: dict[str, models.Topic] = {}
        for path in sorted((r / "topics").glob("*.md")):
            parsed = self.read_markdown(path, models.TopicFront)
            if parsed is not None:
                front, body = parsed
                if not body.strip():
                    self.problem(self.rel(path), "body", "is empty (expected Markdown text after the front matter)")
                topics[front.id] = models.Topic(front=front, body=body.strip(), path=self.rel(path))

        quizzes: dict[str, models.QuizFile] = {}
        for path in sorted((r / "quizzes").glob("*.yaml")):
            quiz = self.validate(models.QuizFile, self.read_yaml(path), self.rel(path))
            if quiz is not None:
                if path.stem != quiz.page:
                    self.problem(self.rel(path), "page", f"must match the file name {path.stem!r}, got {quiz.page!r}")
                quizzes[quiz.page] = quiz

        sources = {s.id: s for s in sources_f.sources} if sources_f else {}
        glossary: dict[str, models.GlossaryTerm] = {}
        if glossary_f:
            for i, t in enumerate(glossary_f.terms):
                for word in (t.term, *t.aliases):
                    if word.lower() in glossary:
                        self.problem("content/glossary.yaml", f"terms[{i}].term", f"{word!r} is defined twice")
                    glossary[word.lower()] = t
        groups = {g.id: g for g in factors_f.groups} if factors_f else {}
        factors = {f.id: f for f in factors_f.factors} if factors_f else {}
        checklist = {c.id: c for c in checklist_f.items} if checklist_f else {}

        if sources_f:
            self.duplicates(((s.id, f"sources[{i}].id") for i, s in enumerate(sources_f.sources)),
                            "content/sources.yaml", "source id")
        if factors_f:
            self.duplicates(((f.id, f"factors[{i}].id") for i, f in enumerate(factors_f.factors)),
                            "content/factors.yaml", "factor id")
            for i, f in enumerate(factors_f.factors):
                if f.group not in groups:
                    self.unknown("content/factors.yaml", f"factors[{i}].group", "group", f.group, groups,
                                 ("factors", i, "group"))
        if checklist_f:
            self.duplicates(((c.id, f"items[{i}].id") for i, c in enumerate(checklist_f.items)),
                            "content/checklist.yaml", "checklist id")

        compiled: dict[str, CompiledWhen] = {}
        self.rules_ok = rules_f is not None and flags_f is not None
        rules = tuple(rules_f.rules) if rules_f else ()
        flags = tuple(flags_f.flags) if flags_f else ()
        if rules_f:
            self.duplicates(((x.id, f"rules[{i}].id") for i, x in enumerate(rules)), "content/rules.yaml", "rule id")
        if flags_f:
            self.duplicates(((x.id, f"flags[{i}].id") for i, x in enumerate(flags)), "content/red_flags.yaml",
                            "flag id")
        if factors_f:
            for i, rule in enumerate(rules):
                compiled[f"rule:{rule.id}"] = self.compile_when(rule.when, factors, "content/rules.yaml",
                                                                ("rules", i, "when"))
            for i, flag in enumerate(flags):
                compiled[f"flag:{flag.id}"] = self.compile_when(flag.when, factors, "content/red_flags.yaml",
                                                                ("flags", i, "when"))

        figures = {f.cause: f for f in figures_f.figures} if figures_f else {}
        for i, fig in enumerate(figures.values()):
            where = f"figures[{i}]"
            if fig.cause not in causes:
                self.unknown("content/figures.yaml", f"{where}.cause", "cause id", fig.cause, causes,
                             ("figures", i, "cause"))
            for sid in fig.sources:
                if sid not in sources:
                    self.unknown("content/figures.yaml", f"{where}.sources", "source id", sid, sources,
                                 ("figures", i, "sources"))
            factor_id = fig.data.get("answer_factor")
            if factor_id is not None and factor_id not in factors:
                self.unknown("content/figures.yaml", f"{where}.data.answer_factor", "factor", str(factor_id),
                             factors, ("figures", i, "data", "answer_factor"))
        scenarios = tuple(scenarios_f.scenarios) if scenarios_f else ()
        clinical = tuple(scenarios_f.clinical) if scenarios_f else ()
        reassuring = dict(scenarios_f.reassuring_answers) if scenarios_f else {}
        safety_checks.check_cases(self, scenarios_f, factors, causes, checklist)
        safety_checks.check_scopes(self, site, rules, flags, checklist)
        self.cross_check(site, sources, glossary, factors, rules, flags, checklist, causes, topics,
                         pages_f, quizzes, compiled)
        if self.problems:
            raise ContentError(self.problems)
        # Records, not pydantic models: the same fields and methods, and a snapshot of them unpickles
        # without importing pydantic. One memo, so an object shared by two fields stays shared.
        memo: dict[int, tuple[Any, Any]] = {}
        fields = dict(root=self.root, site=site, sources=sources, glossary=glossary, groups=groups, factors=factors,
                      rules=rules, flags=flags, checklist=checklist, causes=causes, topics=topics,
                      pages=tuple(pages_f.pages), quizzes=quizzes, compiled=compiled, figures=figures,
                      scenarios=scenarios, clinical=clinical, reassuring_answers=reassuring)
        content = Content(**{name: freeze(value, memo) for name, value in fields.items()})
        from legcramps import markup

        return dataclasses.replace(content, rendered=markup.prerender(_prose(content), content))

    def compile_when(self, when: list[dict], factors: dict[str, Factor], file: str, path: tuple) -> CompiledWhen:
        clauses = []
        for c, clause in enumerate(when):
            tests: list[CompiledTest] = []
            if not clause:
                self.problem(file, _dotted(path, c), "an empty condition always holds; name at least one factor",
                             path=(*path, c))
            for factor_id, expected in clause.items():
                field = _dotted(path, c if len(when) > 1 else None) + f".{factor_id}"
                where = (*path, c, factor_id) if len(when) > 1 else (*path, factor_id)
                factor = factors.get(factor_id)
                if factor is None:
                    self.unknown(file, field, "factor", factor_id, factors, where)
                    continue
                test = self.compile_test(factor, expected, file, field, where)
                if test:
                    tests.append(test)
            clauses.append(tuple(tests))
        return tuple(clauses)

    def compile_test(self, factor: Factor, expected: Any, file: str, field: str, where: tuple) -> CompiledTest | None:
        def bad(message: str) -> None:
            self.problem(file, field, message, path=where)

        if isinstance(expected, dict):
            if len(expected) != 1:
                bad(f"use exactly one operator, got {sorted(expected)}")
                return None
            (op, value), = expected.items()
            if op in NUMERIC_OPS:
                if factor.kind != "slider":
                    bad(f"{op!r} only works on sliders; {factor.id} is a {factor.kind}")
                    return None
                if isinstance(value, bool) or not isinstance(value, int | float):
                    bad(f"{op!r} needs a number, got {value!r}")
                    return None
                if not factor.min <= value <= factor.max:
                    bad(f"{value} is outside the slider's range {factor.min}..{factor.max}")
                    return None
                return (factor.id, op, float(value))
            if op in CHOICE_OPS:
                if factor.kind != "choice":
                    bad(f"{op!r} only works on choices; {factor.id} is a {factor.kind}")
                    return None
                if not isinstance(value, list) or not value:
                    bad(f"{op!r} needs a list of options, got {value!r}")
                    return None
                for v in value:
                    if v not in factor.option_values:
                        self.unknown(file, field, f"option of {factor.id}", str(v), factor.option_values, where)
                        return None
                return (factor.id, op, frozenset(value))
            bad(f"unknown operator {op!r}; use one of {', '.join(NUMERIC_OPS + CHOICE_OPS)}")
            return None
        if factor.kind == "checkbox":
            if not isinstance(expected, bool):
                bad(f"a checkbox is true or false, got {expected!r}")
                return None
        elif factor.kind == "choice":
            if expected not in factor.option_values:
                self.unknown(file, field, f"option of {factor.id}", str(expected), factor.option_values, where)
                return None
        else:
            bad("compare a slider with below, at_most, above or at_least, not with one exact value")
            return None
        return (factor.id, "eq", expected)

    def cross_check(self, site, sources, glossary, factors, rules, flags, checklist, causes, topics, pages_f,
                    quizzes, compiled) -> None:
        def need_sources(file: str, field: str, ids: Iterable[str], path: tuple = ()) -> None:
            for sid in ids:
                if sid not in sources:
                    self.unknown(file, field, "source id", sid, sources, path)

        def need_checklist(file: str, field: str, ids: Iterable[str], path: tuple) -> None:
            for cid in ids:
                if cid not in checklist:
                    self.unknown(file, field, "checklist item", cid, checklist, path)

        if site:
            for i, t in enumerate(site.tiers):
                need_sources("content/site.yaml", f"tiers[{i}].sources", t.sources, ("tiers", i, "sources"))
            tier_ids = [t.id for t in site.tiers]
            if sorted(tier_ids) != sorted(["self_care", "see_gp", "urgent", "emergency"]):
                self.problem("content/site.yaml", "tiers", f"must list each care tier once, got {tier_ids}")
            grade_ids = [g.id for g in site.grades]
            if len(set(grade_ids)) != len(grade_ids):
                self.problem("content/site.yaml", "grades", f"must list each grade once, got {grade_ids}")

        for i, rule in enumerate(rules):
            if rule.cause not in causes:
                self.unknown("content/rules.yaml", f"rules[{i}].cause ({rule.id})", "cause id", rule.cause, causes,
                             ("rules", i, "cause"))
            need_checklist("content/rules.yaml", f"rules[{i}].checklist ({rule.id})", rule.checklist,
                           ("rules", i, "checklist"))
        for i, flag in enumerate(flags):
            need_sources("content/red_flags.yaml", f"flags[{i}].sources ({flag.id})", flag.sources,
                         ("flags", i, "sources"))
            need_checklist("content/red_flags.yaml", f"flags[{i}].checklist ({flag.id})", flag.checklist,
                           ("flags", i, "checklist"))
        for i, item in enumerate(checklist.values()):
            need_sources("content/checklist.yaml", f"items[{i}].sources ({item.id})", item.sources,
                         ("items", i, "sources"))

        used = {t[0] for when in compiled.values() for clause in when for t in clause}
        rules_loaded = self.rules_ok  # when rules.yaml is broken, "unused" would be noise
        for i, factor in enumerate(factors.values() if rules_loaded else ()):
            if factor.id not in used:
                self.problem("content/factors.yaml", f"factors[{i}].id ({factor.id})",
                             "is not used by any rule or red flag; every control must change something",
                             path=("factors", i, "id"))

        for cause in causes.values():
            f = cause.front
            need_sources(cause.path, "evidence.sources", f.evidence.sources)
            for j, claim in enumerate(f.claims):
                need_sources(cause.path, f"claims[{j}].sources ({claim.id})", claim.sources)
            if rules_loaded and f.kind != "look_alike" and not any(r.cause == f.id for r in rules):
                self.problem(cause.path, "id", f"no rule in rules.yaml points to cause {f.id!r}")
        for topic in topics.values():
            need_sources(topic.path, "sources", topic.front.sources)
            for j, claim in enumerate(topic.front.claims):
                need_sources(topic.path, f"claims[{j}].sources ({claim.id})", claim.sources)

        if pages_f:
            slugs = [p.slug for p in pages_f.pages]
            self.duplicates(((s, f"pages[{i}].slug") for i, s in enumerate(slugs)), "content/pages.yaml", "page")
            covered = set()
            for i, page in enumerate(pages_f.pages):
                for cid in page.causes:
                    covered.add(cid)
                    if cid not in causes:
                        self.unknown("content/pages.yaml", f"pages[{i}].causes", "cause id", cid, causes,
                                     ("pages", i, "causes"))
                for tid in page.topics:
                    if tid not in topics:
                        self.unknown("content/pages.yaml", f"pages[{i}].topics", "topic id", tid, topics,
                                     ("pages", i, "topics"))
            for cid, cause in causes.items():
                if cid not in covered:
                    self.problem(cause.path, "id", f"cause {cid!r} is on no page in pages.yaml")
            for slug, quiz in quizzes.items():
                file = f"content/quizzes/{slug}.yaml"
                if slug not in slugs:
                    self.unknown(file, "page", "page", slug, slugs)
                for j, q in enumerate(quiz.questions):
                    need_sources(file, f"questions[{j}].sources ({q.id})", q.sources)

        for file, field, text in self.texts(site, factors, rules, flags, checklist, causes, topics, quizzes):
            for match in TERM_MARK.finditer(text):
                term = (match.group(2) or match.group(1)).strip().lower()
                if term not in glossary:
                    self.unknown(file, field, "glossary term", term, glossary)

    @staticmethod
    def texts(site, factors, rules, flags, checklist, causes, topics, quizzes) -> Iterator[tuple[str, str, str]]:
        """Every piece of prose, with where it lives, so glossary marks can be checked wherever they are."""
        for f in factors.values():
            yield "content/factors.yaml", f"factors.{f.id}.help", f.help
        for r in rules:
            yield "content/rules.yaml", f"rules.{r.id}.because", r.because
        for fl in flags:
            yield "content/red_flags.yaml", f"flags.{fl.id}.reason", fl.reason
        for c in checklist.values():
            yield "content/checklist.yaml", f"items.{c.id}.text", c.text
        for cause in causes.values():
            f = cause.front
            yield cause.path, "summary", f.summary
            yield cause.path, "evidence.says", f.evidence.says
            for claim in f.claims:
                yield cause.path, f"claims.{claim.id}", claim.article_says + " " + claim.evidence_says
            for heading, body in cause.sections.items():
                yield cause.path, f"## {heading}", body
        for topic in topics.values():
            yield topic.path, "summary", topic.front.summary
            yield topic.path, "body", topic.body
        for slug, quiz in quizzes.items():
            for q in quiz.questions:
                texts = [q.question] + [a.text + " " + a.feedback for a in q.answers]
                yield f"content/quizzes/{slug}.yaml", f"questions.{q.id}", " ".join(texts)
        if site:
            for t in site.tiers:
                yield "content/site.yaml", f"tiers.{t.id}.what_to_do", t.what_to_do


def _prose(content: Content) -> Iterator[tuple[str, str]]:
    """Every content text the pages render as Markdown: ("block", text) for prose, ("inline", text) otherwise.

    Rendered once at validation time into `Content.rendered`, so that a kernel using a snapshot never needs
    markdown-it or nh3. A text missed here still renders (`legcramps.markup` falls back to rendering it),
    only at the price of importing them; tests/content/test_snapshot.py checks the dashboard needs none.
    """
    site = content.site
    yield from (("inline", t) for t in (site.no_match, site.no_match_with_warning, site.no_warning_signs))
    yield from (("inline", t.what_to_do) for t in site.tiers)
    yield from (("inline", r.because) for r in content.rules)
    yield from (("inline", f.reason) for f in content.flags)
    yield from (("inline", c.text) for c in content.checklist.values())
    for cause in content.causes.values():
        f = cause.front
        yield from (("inline", t) for t in (f.summary, f.evidence.says, *f.objectives) if t)
        if f.article_says:
            yield "inline", f.article_says
        for claim in f.claims:
            yield from (("inline", claim.article_says), ("inline", claim.evidence_says))
        yield from (("block", body) for body in cause.sections.values())
    for topic in content.topics.values():
        yield from (("inline", topic.front.summary), ("block", topic.body))
        for claim in topic.front.claims:
            yield from (("inline", claim.article_says), ("inline", claim.evidence_says))
    yield from (("inline", p.try_this) for p in content.pages if p.try_this)
    for quiz in content.quizzes.values():
        for q in quiz.questions:
            yield "inline", q.question
            yield from (("inline", a.feedback) for a in q.answers)


def _dotted(path: tuple, index: int | None) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + part)
    return out + (f"[{index}]" if index is not None else "")
