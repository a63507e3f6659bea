"""Checks across files: every id a file names exists in the file that defines it, and nothing is left over.

Each file on its own can fit the schema and the whole still be wrong: a rule for a cause that no page
explains, a claim citing a source that is not in sources.yaml, a control that no rule reads ("every
control must change something"), a `[[term]]` the glossary does not define. These checks run on the
parts the loader could read, so one broken file does not hide the problems of the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from legcramps.content.conditions import When, factors_in
from legcramps.content.lesson_check import words
from legcramps.content.quiz_order import fairness_problems
from legcramps.schema import SLIDE_WORDS, TERM_MARK, TIER_ORDER

if TYPE_CHECKING:
    from legcramps.content.problems import Reporter
    from legcramps.content.texts import Passage
    from legcramps.schema import (
        Cause,
        ChecklistItem,
        Factor,
        GlossaryTerm,
        Page,
        QuizFile,
        RedFlag,
        Rule,
        SiteFile,
        Source,
        Topic,
    )


def check_site(out: Reporter, site: SiteFile | None, sources: Mapping[str, Source]) -> None:
    """Each tier once, each grade once, each cause section once; tier advice cites real sources."""
    if site is None:
        return
    file = "content/site.yaml"
    for i, t in enumerate(site.tiers):
        out.need(file, f"tiers[{i}].sources", "source id", t.sources, sources, ("tiers", i, "sources"))
    tier_ids = [t.id for t in site.tiers]
    if sorted(tier_ids) != sorted(TIER_ORDER):
        out.problem(file, "tiers", f"must list each care tier once, got {tier_ids}")
    grade_ids = [g.id for g in site.grades]
    if len(set(grade_ids)) != len(grade_ids):
        out.problem(file, "grades", f"must list each grade once, got {grade_ids}")
    out.duplicates(((s.id, f"cause_sections[{i}].id") for i, s in enumerate(site.cause_sections)), file,
                   "cause section")


def check_logic(out: Reporter, factors: Mapping[str, Factor], rules: Iterable[Rule], flags: Iterable[RedFlag],
                checklist: Mapping[str, ChecklistItem], sources: Mapping[str, Source], causes: Mapping[str, Cause],
                whens: Iterable[When] | None) -> None:
    """Rules point to causes and steps; flags and steps cite sources; every factor is read by something.

    `whens` is None when rules.yaml or red_flags.yaml could not be read: "unused factor" would then be noise.
    """
    for i, rule in enumerate(rules):
        if rule.cause not in causes:
            out.unknown("content/rules.yaml", f"rules[{i}].cause ({rule.id})", "cause id", rule.cause, causes,
                        ("rules", i, "cause"))
        out.need("content/rules.yaml", f"rules[{i}].checklist ({rule.id})", "checklist item", rule.checklist,
                 checklist, ("rules", i, "checklist"))
    for i, flag in enumerate(flags):
        out.need("content/red_flags.yaml", f"flags[{i}].sources ({flag.id})", "source id", flag.sources, sources,
                 ("flags", i, "sources"))
        out.need("content/red_flags.yaml", f"flags[{i}].checklist ({flag.id})", "checklist item", flag.checklist,
                 checklist, ("flags", i, "checklist"))
    for i, item in enumerate(checklist.values()):
        out.need("content/checklist.yaml", f"items[{i}].sources ({item.id})", "source id", item.sources, sources,
                 ("items", i, "sources"))
    if whens is None:
        return
    used = set().union(*(factors_in(w) for w in whens))
    for i, factor in enumerate(factors.values()):
        if factor.id not in used:
            out.problem("content/factors.yaml", f"factors[{i}].id ({factor.id})",
                        "is not used by any rule or red flag; every control must change something",
                        path=("factors", i, "id"))


def check_prose(out: Reporter, causes: Mapping[str, Cause], topics: Mapping[str, Topic], rules: Iterable[Rule] | None,
                sources: Mapping[str, Source]) -> None:
    """Causes and topics cite real sources; every cause but a look-alike has a rule (None: rules unreadable)."""
    for cause in causes.values():
        f = cause.front
        out.need(cause.path, "evidence.sources", "source id", f.evidence.sources, sources)
        for j, claim in enumerate(f.claims):
            out.need(cause.path, f"claims[{j}].sources ({claim.id})", "source id", claim.sources, sources)
        if rules is not None and f.kind != "look_alike" and not any(r.cause == f.id for r in rules):
            out.problem(cause.path, "id", f"no rule in rules.yaml points to cause {f.id!r}")
    for topic in topics.values():
        out.need(topic.path, "sources", "source id", topic.front.sources, sources)
        for j, claim in enumerate(topic.front.claims):
            out.need(topic.path, f"claims[{j}].sources ({claim.id})", "source id", claim.sources, sources)


def check_pages(out: Reporter, pages: tuple[Page, ...] | None, causes: Mapping[str, Cause],
                topics: Mapping[str, Topic], quizzes: Mapping[str, QuizFile], sources: Mapping[str, Source]) -> None:
    """The page registry names real causes and topics, explains every cause, and each quiz has its page; each
    quiz question fits a slide and the quiz does not give its answers away."""
    if pages is None:
        return
    file = "content/pages.yaml"
    slugs = [p.slug for p in pages]
    out.duplicates(((s, f"pages[{i}].slug") for i, s in enumerate(slugs)), file, "page")
    covered = set()
    for i, page in enumerate(pages):
        covered.update(page.causes)
        out.need(file, f"pages[{i}].causes", "cause id", page.causes, causes, ("pages", i, "causes"))
        out.need(file, f"pages[{i}].topics", "topic id", page.topics, topics, ("pages", i, "topics"))
    for cid, cause in causes.items():
        if cid not in covered:
            out.problem(cause.path, "id", f"cause {cid!r} is on no page in pages.yaml")
    for slug, quiz in quizzes.items():
        quiz_file = f"content/quizzes/{slug}.yaml"
        if slug not in slugs:
            out.unknown(quiz_file, "page", "page", slug, slugs)
        for j, q in enumerate(quiz.questions):
            out.need(quiz_file, f"questions[{j}].sources ({q.id})", "source id", q.sources, sources)
            count = words(q.question) + sum(words(a.text) for a in q.answers)
            if count > SLIDE_WORDS:  # each question is a slide of the page's deck (render.page_deck)
                out.problem(quiz_file, f"questions[{j}].question ({q.id})",
                            f"shows {count} words; a quiz question and its options hold at most {SLIDE_WORDS} "
                            "(it is one slide)", path=("questions", j, "question"))
        for field, message in fairness_problems(quiz):  # a quiz that gives its answers away
            out.problem(quiz_file, field, message, path=("questions",))


def check_glossary_marks(out: Reporter, texts: Iterable[Passage], glossary: Mapping[str, GlossaryTerm]) -> None:
    """Every `[[term]]` in any text names a glossary entry (by its term or an alias)."""
    for passage in texts:
        for match in TERM_MARK.finditer(passage.text):
            term = (match.group(2) or match.group(1)).strip().lower()
            if term not in glossary:
                out.unknown(passage.file, passage.field, "glossary term", term, glossary)
