"""Build a `Content` from a content folder: read every file, check everything, raise all problems at once.

The order: read and validate each file against `legcramps.schema` (a file that fails becomes empty, so the
others are still checked), index by id, compile every `when`, run the cross-file, safety and glossary
checks, and only when there is no problem pre-render the Markdown every page shows, so a kernel using the
snapshot needs neither markdown-it nor nh3.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from legcramps import markup, schema
from legcramps.content import crosscheck, safety
from legcramps.content.conditions import compile_when
from legcramps.content.files import Reader, split_sections
from legcramps.content.language import PACKS, REFERENCE, Language, available
from legcramps.content.lesson_check import check_lesson
from legcramps.content.problems import ContentError, Problem, Reporter
from legcramps.content.store import Content
from legcramps.content.texts import passages


def build(root: Path, lang: str = REFERENCE) -> Content:
    """Validate every file under `root`, with the words of language `lang` (legcramps.content.language);
    the content as records with its Markdown pre-rendered."""
    if not root.is_dir():
        raise ContentError([Problem(str(root), "", "content folder not found")])
    out = Reporter()
    language = _language(root, lang, out)
    read = Reader(root, out, language)

    site = read.read(root / "site.yaml", schema.SiteFile)
    # The English site words too, in another language: a draft pack's English sections keep English headings.
    site_en = read.read(root / "site.yaml", schema.SiteFile, translate=False) if language else site
    sources_f = read.read(root / "sources.yaml", schema.SourcesFile)
    glossary_f = read.read(root / "glossary.yaml", schema.GlossaryFile)
    factors_f = read.read(root / "factors.yaml", schema.FactorsFile)
    rules_f = read.read(root / "rules.yaml", schema.RulesFile)
    flags_f = read.read(root / "red_flags.yaml", schema.RedFlagsFile)
    checklist_f = read.read(root / "checklist.yaml", schema.ChecklistFile)
    pages_f = read.read(root / "pages.yaml", schema.PagesFile)
    figures_f = read.read(root / "figures.yaml", schema.FiguresFile)
    scenarios_f = read.read(root / "scenarios.yaml", schema.ScenariosFile)
    lesson = read.read(root / "lesson.yaml", schema.LessonFile)
    sheets = read.read(root / "sheets.yaml", schema.SheetsFile)
    words_f = read.read(root / "words.yaml", schema.WordsFile)
    causes = _causes(read, site, site_en)
    topics = _topics(read)
    quizzes = _quizzes(read)

    sources = _by_id(out, sources_f.sources if sources_f else (), "content/sources.yaml", "sources", "source id")
    groups = {g.id: g for g in factors_f.groups} if factors_f else {}
    factors = _by_id(out, factors_f.factors if factors_f else (), "content/factors.yaml", "factors", "factor id")
    for i, f in enumerate(factors_f.factors if factors_f else ()):
        if f.group not in groups:
            out.unknown("content/factors.yaml", f"factors[{i}].group", "group", f.group, groups,
                        ("factors", i, "group"))
    checklist = _by_id(out, checklist_f.items if checklist_f else (), "content/checklist.yaml", "items",
                       "checklist id")
    rules = rules_f.rules if rules_f else ()
    flags = flags_f.flags if flags_f else ()
    _by_id(out, rules, "content/rules.yaml", "rules", "rule id")
    _by_id(out, flags, "content/red_flags.yaml", "flags", "flag id")
    glossary = _glossary(out, glossary_f.terms if glossary_f else ())
    if language is not None and glossary_f is not None:
        # A mark may name a term by its English key ([[shown words|cramp]]), in every language: it is the
        # entry's id. The entry shown is this language's.
        english = read.read(root / "glossary.yaml", schema.GlossaryFile, translate=False)
        for en, mine in zip(english.terms if english else (), glossary_f.terms, strict=False):
            for word in (en.term, *en.aliases):
                glossary.setdefault(word.lower(), mine)
    rule_when = {r.id: compile_when(r.when, factors, out, "content/rules.yaml", ("rules", i, "when"))
                 for i, r in enumerate(rules)} if factors_f else {}
    flag_when = {f.id: compile_when(f.when, factors, out, "content/red_flags.yaml", ("flags", i, "when"))
                 for i, f in enumerate(flags)} if factors_f else {}
    figures = {f.cause: f for f in figures_f.figures} if figures_f else {}
    _check_figures(out, figures, causes, sources, factors)

    logic_readable = rules_f is not None and flags_f is not None
    crosscheck.check_site(out, site, sources)
    crosscheck.check_logic(out, factors, rules, flags, checklist, sources, causes,
                           [*rule_when.values(), *flag_when.values()] if logic_readable and factors_f else None)
    crosscheck.check_prose(out, causes, topics, rules if logic_readable else None, sources)
    crosscheck.check_pages(out, pages_f.pages if pages_f else None, causes, topics, quizzes, sources)
    safety.check_cases(out, scenarios_f, factors, causes, checklist)
    check_lesson(out, lesson, site, quizzes, scenarios_f.scenarios if scenarios_f else (), sources)
    safety.check_scopes(out, site, rules, flags, checklist)
    safety.check_key_points(out, site, causes)
    crosscheck.check_glossary_marks(out, passages(site, factors.values(), rules, flags, checklist.values(),
                                                  causes.values(), topics.values(), pages_f.pages if pages_f else (),
                                                  quizzes, lesson), glossary)
    if out.problems:
        raise ContentError(out.problems)

    content = Content(
        root=root, site=site, sources=sources, glossary=glossary, groups=groups, factors=factors, rules=rules,
        flags=flags, checklist=checklist, causes=causes, topics=topics, pages=pages_f.pages, quizzes=quizzes,
        rule_when=rule_when, flag_when=flag_when, figures=figures, sheets=sheets, words=words_f,
        scenarios=scenarios_f.scenarios,
        clinical=scenarios_f.clinical, reassuring_answers=dict(scenarios_f.reassuring_answers), lesson=lesson,
        lang=lang, languages=_languages(root),
        untranslated=tuple(str(p) for p in language.missing) if language else (),
        min_reading_ease=language.min_reading_ease if language else None,
        complete=language.complete if language else True)
    texts = ((p.render, p.text) for p in content.passages() if p.render != "plain")
    return dataclasses.replace(content, rendered=markup.prerender(texts, content))


def _by_id(out: Reporter, items: tuple[Any, ...], file: str, key: str, what: str) -> dict[str, Any]:
    """Items by id, in file order; a repeated id is a problem."""
    out.duplicates(((x.id, f"{key}[{i}].id") for i, x in enumerate(items)), file, what)
    return {x.id: x for x in items}


def _glossary(out: Reporter, terms: tuple[schema.GlossaryTerm, ...]) -> dict[str, schema.GlossaryTerm]:
    """Each entry under its lower-case term and every alias (one shared record)."""
    glossary: dict[str, schema.GlossaryTerm] = {}
    for i, t in enumerate(terms):
        for word in (t.term, *t.aliases):
            if word.lower() in glossary:
                out.problem("content/glossary.yaml", f"terms[{i}].term", f"{word!r} is defined twice")
            glossary[word.lower()] = t
    return glossary


def _language(root: Path, lang: str, out: Reporter) -> Language | None:
    """The text pack of `lang` (None for English, the logic files' own words)."""
    if lang == REFERENCE:
        return None
    if lang not in available(root):
        raise ContentError([Problem(f"content/{PACKS}/{lang}/language.yaml", "",
                                    f"no language {lang!r} here (the content has: {', '.join(available(root))})")])
    reader = Reader(root, out)
    about = reader.read(root / PACKS / lang / "language.yaml", schema.LanguageFile)
    if about is None:
        raise ContentError(out.problems)
    return Language(root, lang, out, complete=about.status == "complete", name=about.name,
                    min_reading_ease=about.min_reading_ease)


def _languages(root: Path) -> tuple[tuple[str, str], ...]:
    """(code, own name) of every language here, English first (a language without a readable name: its code)."""
    reader = Reader(root, Reporter())
    named = []
    for code in available(root):
        about = root / PACKS / code / "language.yaml"
        info = reader.read(about, schema.LanguageFile) if about.is_file() else None
        named.append((code, info.name if info else ("English" if code == REFERENCE else code)))
    return tuple(named)


def _causes(read: Reader, site: schema.SiteFile | None, site_en: schema.SiteFile | None
            ) -> dict[str, schema.Cause]:
    """causes/*.md in reading order (`order`, then id), sections keyed by the section ids of site.yaml
    (by their headings in the body's language)."""
    causes: dict[str, schema.Cause] = {}
    files = sorted((read.root / "causes").glob("*.md"))
    if not files:
        read.out.problem("content/causes", "", "no cause files found (expected causes/NN-slug.md)")
    for path in files:
        parsed = read.markdown(path, schema.CauseFront)
        if parsed is None:
            continue
        front, body, body_lang = parsed
        wanted = (site_en if body_lang == REFERENCE else site)
        wanted = wanted.cause_sections if wanted else ()
        file = read.rel(path)
        by_heading = split_sections(body)
        for heading in by_heading.keys() - {s.heading for s in wanted}:
            if wanted:
                read.out.problem(file, f"## {heading}", "is not one of the cause sections of site.yaml: "
                                 + ", ".join(s.heading for s in wanted))
        for s in wanted:
            if not by_heading.get(s.heading):
                read.out.problem(file, f"## {s.heading}", "section is missing or empty")
        if front.id in causes:
            read.out.problem(file, "id", f"duplicate cause id {front.id!r} (also in {causes[front.id].path})")
        sections = {s.id: by_heading.get(s.heading, "") for s in wanted}
        causes[front.id] = schema.Cause(front=front, sections=sections, path=file)
    return dict(sorted(causes.items(), key=lambda kv: (kv[1].front.order, kv[0])))


def _topics(read: Reader) -> dict[str, schema.Topic]:
    topics: dict[str, schema.Topic] = {}
    for path in sorted((read.root / "topics").glob("*.md")):
        parsed = read.markdown(path, schema.TopicFront)
        if parsed is not None:
            front, body, _ = parsed
            if not body.strip():
                read.out.problem(read.rel(path), "body", "is empty (expected Markdown text after the front matter)")
            topics[front.id] = schema.Topic(front=front, body=body.strip(), path=read.rel(path))
    return topics


def _quizzes(read: Reader) -> dict[str, schema.QuizFile]:
    """quizzes/<page slug>.yaml by page slug; the file name must be the page it belongs to."""
    quizzes: dict[str, schema.QuizFile] = {}
    for path in sorted((read.root / "quizzes").glob("*.yaml")):
        quiz = read.read(path, schema.QuizFile)
        if quiz is not None:
            if path.stem != quiz.page:
                read.out.problem(read.rel(path), "page", f"must match the file name {path.stem!r}, got {quiz.page!r}")
            quizzes[quiz.page] = quiz
    return quizzes


def _check_figures(out: Reporter, figures: dict[str, schema.FigureSpec], causes: dict, sources: dict,
                   factors: dict) -> None:
    for i, fig in enumerate(figures.values()):
        where, path = f"figures[{i}]", ("figures", i)
        if fig.cause not in causes:
            out.unknown("content/figures.yaml", f"{where}.cause", "cause id", fig.cause, causes, (*path, "cause"))
        out.need("content/figures.yaml", f"{where}.sources", "source id", fig.sources, sources, (*path, "sources"))
        rows = fig.data.get({"by_age": "groups", "ratios": "bars"}.get(fig.kind, ""), ())
        if rows and len(rows) != len(fig.labels):
            out.problem("content/figures.yaml", f"{where}.labels",
                        f"has {len(fig.labels)} labels for {len(rows)} groups or bars (one each, in order)",
                        path=(*path, "labels"))
        factor_id = fig.data.get("answer_factor")
        if factor_id is not None and factor_id not in factors:
            out.unknown("content/figures.yaml", f"{where}.data.answer_factor", "factor", str(factor_id), factors,
                        (*path, "data", "answer_factor"))
