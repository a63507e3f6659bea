"""Command line: `python -m legcramps check | assess | factors`.

The CLI is the quickest way for a content editor to test an edit ("does this rule fire?") without a
browser, and the interface scripts and tests rely on. Exit codes: 0 ok, 1 content problems, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from legcramps.answers import parse_pairs
from legcramps.content import ContentError, load
from legcramps.engine import AnswerError, Assessment, assess
from legcramps.render.assessment import section_titles
from legcramps.render.text import words
from legcramps.schema import HELP_TIERS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m legcramps", description=__doc__.splitlines()[0])
    parser.add_argument("--content", help="content folder (default: the shipped content)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the content; print every problem as file:line: field: message")
    check.add_argument("--strict", action="store_true",
                       help="also fail on warnings: pages due for a clinician's review (site.yaml review_within_days)")
    check.add_argument("--lang", help="check this language only, listing each text its pack lacks "
                                      "(default: every language, the lacking texts counted)")
    i18n = sub.add_parser("i18n", help="write a language's text pack files (content/text/LANG/), each text it "
                                       "lacks as \"\" with the English above it (docs/translating.md)")
    i18n.add_argument("lang", help="the language's code, e.g. ru")
    assess_p = sub.add_parser("assess", help="assess answers given as --set factor_id=value")
    assess_p.add_argument("--lang", default="en", help="the language of the words (en, ru …); ids, tiers and "
                                                       "numbers are the same in every language")
    assess_p.add_argument("--set", dest="pairs", action="append", default=[], metavar="ID=VALUE",
                          help="an answer, e.g. --set fluid_litres_per_day=0.8 (repeat for more)")
    assess_p.add_argument("--json", action="store_true", help="print the JSON contract instead of text")
    sub.add_parser("factors", help="list every factor id with its kind, range or options and default")
    sub.add_parser("notebooks", help="write notebooks/*.ipynb and the README table from content/pages.yaml")
    hand = sub.add_parser("handouts", help="write the printable sheets: one-page summaries, a worksheet, long "
                                           "handouts, a glossary sheet and the answer key")
    hand.add_argument("--out", default="build/handouts", help="output folder (default: build/handouts)")
    slides = sub.add_parser("slides", help="write the lesson's reveal.js slides (they work offline)")
    slides.add_argument("--out", default="build/slides", help="output folder (default: build/slides)")
    site = sub.add_parser("site", help="write the in-browser edition: static pages, Python running in the "
                                       "reader's browser (any static host; docs/deploy.md)")
    site.add_argument("--out", default="build/site", help="output folder (default: build/site)")
    return parser


def _render_text(result: Assessment, content) -> str:
    """The assessment as a terminal shows it: content sentences as their words (no glossary marks or Markdown)."""
    terminal = content.site.terminal
    lines = [f"{terminal.care} {content.tier(result.care.tier).label}"]
    lines += [f"  - {words(r, content)}" for r in result.care.reasons]
    lines.append("")
    empty = content.site.no_match_with_warning if result.care.tier in HELP_TIERS else content.site.no_match
    lines.append(terminal.causes if result.causes else words(empty, content))
    for c in result.causes:
        lines.append(f"  {c.relevance:4.0%}  {c.title}  [{content.grade(c.evidence).label}]")
        lines.append(f"        {content.site.card.because}")
        lines += [f"        - {words(b, content)}" for b in c.because]
    for key, title in section_titles(content).items():  # the same titles as the page's and the exports' list
        items = getattr(result.checklist, key)
        if items:
            lines.append("")
            lines.append(title + ":")
            lines += [f"  [ ] {words(t, content)}" for t in items]
    lines += ["", result.disclaimer]
    return "\n".join(lines)


def _problems(exc: ContentError) -> int:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
    return 1


def _check_languages(args: argparse.Namespace, content) -> int:
    """Every other language's pack (or `--lang`'s only): its problems, and what a draft lacks (warnings)."""
    from legcramps.content.language import available

    codes = [args.lang] if args.lang else [c for c in available(content.root) if c != content.lang]
    for code in codes:
        try:
            other = load(args.content, code)
        except ContentError as exc:
            return _problems(exc)
        hard = _hard_pages(other)
        if args.lang:
            for text in (*other.untranslated, *hard):
                print(f"warning: {text}", file=sys.stderr)
        lacking = f"a draft, {len(other.untranslated)} texts not given yet (shown in English)" \
            if not other.complete else "complete, every text given"
        print(f"language {code}: content OK, {lacking}; {len(hard)} pages read harder than its bar")
    return 0


def _hard_pages(content) -> list[str]:
    """Each page that reads harder than its language's bar (language.yaml `min_reading_ease`), with the
    sentences to start with."""
    if content.min_reading_ease is None or content.lang != "ru":
        return []
    from legcramps.readability import hardest, reading
    from legcramps.render.page import page_text

    out = []
    for page in content.pages:
        text = page_text(page.slug, content)
        ease = reading(text, content.lang).ease_ru
        if ease < content.min_reading_ease:
            worst = "; ".join(s for _, s in hardest(text, 2, content.lang))
            out.append(f"pages.yaml: {page.slug}: reads at ease {ease:.0f}, below {content.min_reading_ease:g} "
                       f"(hardest: {worst})")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "i18n":
        return _write_pack(args)
    try:
        content = load(args.content, getattr(args, "lang", None) or "en")
    except ContentError as exc:
        return _problems(exc)
    if args.command == "check":
        from legcramps.content.review import due
        from legcramps.expectations import check as check_cases

        failed = check_cases(content)
        for problem in failed:
            print(problem, file=sys.stderr)
        if failed:
            print(f"{len(failed)} problem(s) found: the engine does not give what scenarios.yaml expects.",
                  file=sys.stderr)
            return 1
        warnings = list(due(content))
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if warnings and args.strict:
            print(f"{len(warnings)} warning(s), and --strict fails on warnings.", file=sys.stderr)
            return 1
        print(f"content OK: {len(content.causes)} causes, {len(content.factors)} factors, {len(content.rules)} rules, "
              f"{len(content.flags)} red flags, {len(content.sources)} sources, "
              f"{len(content.scenarios) + len(content.clinical)} scenarios held, "
              f"{len({id(t) for t in content.glossary.values()})} glossary terms")
        return _check_languages(args, content)
    if args.command == "notebooks":
        from legcramps.notebooks import write_all

        for path in write_all():
            print(f"wrote {path}")
        return 0
    if args.command == "handouts":
        from pathlib import Path

        from legcramps.handouts import build

        for path in build(Path(args.out), content):
            print(f"wrote {path}")
        return 0
    if args.command == "slides":
        from pathlib import Path

        from legcramps.slides import SlidesError
        from legcramps.slides import build as build_slides

        try:
            for path in build_slides(Path(args.out), content):
                print(f"wrote {path}")
        except SlidesError as exc:
            print(f"cannot build the slides: {exc}", file=sys.stderr)
            return 2
        return 0
    if args.command == "site":
        from pathlib import Path

        from legcramps.browser.build import SiteError
        from legcramps.browser.build import build as build_site

        try:
            files = build_site(Path(args.out), content)
        except SiteError as exc:
            print(f"cannot build the site: {exc}", file=sys.stderr)
            return 2
        total = sum(f.stat().st_size for f in files)
        print(f"wrote {len(files)} files ({total / 1e6:.1f} MB) to {args.out}")
        return 0
    if args.command == "factors":
        for f in content.factors.values():
            if f.kind == "slider":
                spec = f"{f.min:g}..{f.max:g} {f.unit} (step {f.step:g})"
            elif f.kind == "choice":
                spec = " | ".join(f.option_values)
            else:
                spec = "true | false"
            print(f"{f.id:32} {f.kind:9} {spec}   default {f.default}")
        return 0
    pairs = []
    for item in args.pairs:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            print(f"error: --set needs ID=VALUE, got {item!r}", file=sys.stderr)
            return 2
        pairs.append((key.strip(), value))
    try:
        result = assess(parse_pairs(pairs, content), content)
    except AnswerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(_render_text(result, content))
    return 0


def _write_pack(args: argparse.Namespace) -> int:
    """`i18n LANG`: write or bring up to date the language's text pack (a new language starts as a draft)."""
    from pathlib import Path

    from legcramps.content import default_root
    from legcramps.content.language import PACKS
    from legcramps.content.pack_template import write_pack

    root = Path(args.content).resolve() if args.content else default_root()
    about = root / PACKS / args.lang / "language.yaml"
    if not about.is_file():
        about.parent.mkdir(parents=True, exist_ok=True)
        about.write_text(f"name: {args.lang}\nstatus: draft\n", encoding="utf-8")
        print(f"wrote {about} (a new language: give its own name there)")
    empty = 0
    for path, texts, lacking in write_pack(root, args.lang):
        empty += lacking
        print(f"wrote {path}: {texts} texts, {lacking} still to give")
    print(f"{empty} texts still to give in {args.lang} (docs/translating.md)")
    return 0
