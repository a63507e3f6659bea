"""The rules of a stylesheet that can style a page's start: what the first paint needs, and nothing else.

Why: a page's start (legcramps.voila.page_start) used to link one 270 kB stylesheet (JupyterLab's, its
theme's and the site's) from <head>. A browser paints nothing until every stylesheet in <head> has arrived
and been parsed, so in a burst of visitors the prose waited on a second request to the busy server (up to
~0.8 s measured) and on parsing 7,000 lines of CSS. The start's elements use a few dozen classes; the rules
that can match them are ~15 % of the whole. Those go inline in <head>; the whole stylesheet follows the
prose, where it holds back only what comes after it (the live parts), not the text above it.

The selection is conservative: a rule is kept unless one of its selectors' classes or ids is nowhere in the
start, so every element of the start gets the same computed style from the kept rules as from the whole
sheet, and nothing moves when the whole sheet arrives. Classes inside functional pseudo-classes (`:not()`,
`:is()`, `:has()`, ...) are not counted (a `:not(.x)` matches where `.x` is absent). At-rules that are not
conditional groups (`@font-face`, `@keyframes`, `@property`, ...) are always kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: At-rules whose body is a list of rules (kept when any rule inside is kept).
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container", "@document", "@scope")

_CLASS_ATTR = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_CLASS = re.compile(r"\.(-?[_a-zA-Z\u00a0-\uffff][\w\u00a0-\uffff-]*)")
_ID = re.compile(r"#(-?[_a-zA-Z\u00a0-\uffff][\w\u00a0-\uffff-]*)")


def names_in(html: str) -> tuple[set[str], set[str]]:
    """The classes and the ids the elements of `html` carry."""
    classes = {c for m in _CLASS_ATTR.finditer(html) for c in (m.group(1) or m.group(2) or "").split()}
    ids = {(m.group(1) or m.group(2) or "").strip() for m in _ID_ATTR.finditer(html)}
    return classes, ids - {""}


def blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """The top-level statements of `css`: (prelude, body) for a block, (statement, None) for `@import ...;`.

    Comments are dropped; strings and nested braces are respected."""
    prelude: list[str] = []
    i, n = 0, len(css)
    while i < n:
        ch = css[i]
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "\"'":
            end = _string_end(css, i)
            prelude.append(css[i:end])
            i = end
        elif ch == ";":
            text = "".join(prelude).strip()
            if text:
                yield text, None
            prelude, i = [], i + 1
        elif ch == "{":
            end = _block_end(css, i)
            yield "".join(prelude).strip(), css[i + 1:end - 1]
            prelude, i = [], end
        else:
            prelude.append(ch)
            i += 1


def _string_end(css: str, i: int) -> int:
    quote, j = css[i], i + 1
    while j < len(css) and css[j] != quote:
        j += 2 if css[j] == "\\" else 1
    return min(j + 1, len(css))


def _block_end(css: str, i: int) -> int:
    """The index just after the `}` that closes the `{` at `i`."""
    depth, j, n = 0, i, len(css)
    while j < n:
        ch = css[j]
        if css.startswith("/*", j):
            end = css.find("*/", j + 2)
            j = n if end < 0 else end + 2
            continue
        if ch in "\"'":
            j = _string_end(css, j)
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return n


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split on its top-level commas (not those inside `:is(a, b)`)."""
    out, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [s.strip() for s in out if s.strip()]


def _outside_functions(selector: str) -> str:
    """`selector` without the arguments of its functional pseudo-classes and its attribute selectors."""
    out, depth = [], 0
    for ch in selector:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def may_match(selector: str, classes: set[str], ids: set[str]) -> bool:
    """False only when `selector` needs a class or an id that no element has."""
    plain = _outside_functions(selector)
    return (all(c in classes for c in _CLASS.findall(plain))
            and all(i in ids for i in _ID.findall(plain)))


def critical_rules(css: str, classes: set[str], ids: set[str], html: str = "") -> str:
    """The rules of `css` that may style an element with these classes and ids, in their order, with only
    the custom properties (`--name: ...`) that they, or `html`'s inline styles, use (JupyterLab's theme
    defines ~2,000, most of them icons as data URLs)."""
    kept = list(_kept(blocks(css), classes, ids))
    used = _used_properties(kept, html)
    return "\n".join(_written(kept, used))


#: A kept statement: (prelude, declarations or None for a group or a statement, the group's rules).
Kept = tuple[str, "list[tuple[str, str]] | None", "list[Kept] | None"]
_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _kept(statements: Iterable[tuple[str, str | None]], classes: set[str], ids: set[str]) -> Iterator[Kept]:
    for prelude, body in statements:
        if body is None:
            yield prelude + ";", None, None
        elif prelude.lower().startswith(GROUPING_AT_RULES):
            inner = list(_kept(blocks(body), classes, ids))
            if inner:
                yield prelude, None, inner
        elif prelude.startswith("@"):
            yield f"{prelude}{{{body}}}", None, None
        elif any(may_match(s, classes, ids) for s in _split_selectors(prelude)):
            yield prelude, declarations(body), None


def declarations(body: str) -> list[tuple[str, str]]:
    """A rule's declarations as (property, value), split on the semicolons outside strings and brackets
    (a `url(data:image/svg+xml;...)` holds some)."""
    out, depth, current, i = [], 0, [], 0
    while i < len(body):
        ch = body[i]
        if body.startswith("/*", i):
            end = body.find("*/", i + 2)
            i = len(body) if end < 0 else end + 2
            continue
        if ch in "\"'":
            end = _string_end(body, i)
            current.append(body[i:end])
            i = end
            continue
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == ";" and depth <= 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    out.append("".join(current))
    pairs = [d.split(":", 1) for d in out if ":" in d]
    return [(name.strip(), value.strip()) for name, value in pairs]


def _all_declarations(kept: list[Kept]) -> Iterator[tuple[str, str]]:
    for _prelude, decls, inner in kept:
        yield from decls or ()
        if inner:
            yield from _all_declarations(inner)


def _used_properties(kept: list[Kept], html: str) -> set[str]:
    """The custom properties that the kept rules' declarations (or `html`) use, directly or through others."""
    decls = list(_all_declarations(kept))
    defined: dict[str, list[str]] = {}
    for name, value in decls:
        if name.startswith("--"):
            defined.setdefault(name, []).append(value)
    todo = set(_VAR.findall(html))
    for name, value in decls:
        if not name.startswith("--"):
            todo.update(_VAR.findall(value))
    used: set[str] = set()
    while todo:
        name = todo.pop()
        if name not in used:
            used.add(name)
            for value in defined.get(name, ()):
                todo.update(_VAR.findall(value))
    return used


def _written(kept: list[Kept], used: set[str]) -> Iterator[str]:
    for prelude, decls, inner in kept:
        if inner is not None:
            text = "\n".join(_written(inner, used))
            if text:
                yield f"{prelude}{{\n{text}\n}}"
        elif decls is None:
            yield prelude
        else:
            body = ";".join(f"{n}:{v}" for n, v in decls if not n.startswith("--") or n in used)
            if body:
                yield f"{prelude}{{{body}}}"
