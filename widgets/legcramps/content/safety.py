"""Load-time checks that keep every care card coherent with its tier.

Why a module of its own: these are the checks that guard a reader's safety rather than the shape of a
file. A step that is right for an ordinary cramp (rub the muscle, walk about) can harm or delay on a card
that says "call 999" or "a clot is possible", and a reassuring sentence ("this is common") must never
sit beside a warning sign. The data says where each step and reason may appear (`tiers`, `help_for`,
`site.reassuring_words`); these checks make sure the data can never contradict itself, and name the
file, line and field when it does. The engine then only applies the scopes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from legcramps.schema import HELP_TIERS, TIER_ORDER

if TYPE_CHECKING:
    from legcramps.content.problems import Reporter
    from legcramps.schema import Cause, ChecklistItem, Factor, RedFlag, Rule, ScenariosFile, SiteFile


def reassuring_word(text: str, site: SiteFile | None) -> str | None:
    """The first of `site.reassuring_words` the text contains (case-insensitive), if any."""
    lowered = text.lower()
    return next((w for w in (site.reassuring_words if site else ()) if w.lower() in lowered), None)


def check_scopes(out: Reporter, site: SiteFile | None, rules: Iterable[Rule], flags: Iterable[RedFlag],
                 checklist: Mapping[str, ChecklistItem]) -> None:
    """Every flag's steps can show with it; urgent and emergency flags say where to get help; help comes
    first; nothing reassuring is allowed where a warning sign is."""
    file = "content/checklist.yaml"
    seen_other_now = seen_plain_now = None
    last_help = len(TIER_ORDER)
    for i, item in enumerate(checklist.values()):
        if item.section != "now":
            continue
        if item.help_for is None:
            seen_other_now = seen_other_now or item.id
            if not item.on_care_card:
                seen_plain_now = seen_plain_now or item.id
            elif seen_plain_now:
                out.problem(file, f"items[{i}] ({item.id})", f"an on_care_card step must come before the other "
                            f"`now` steps; move it above {seen_plain_now!r}", path=("items", i, "on_care_card"))
            continue
        if seen_other_now:
            out.problem(file, f"items[{i}] ({item.id})", f"a help_for step must come before every other `now` "
                        f"step, so it is the first thing a reader sees; move it above {seen_other_now!r}",
                        path=("items", i, "help_for"))
        rank = TIER_ORDER.index(item.help_for)
        if rank > last_help:
            out.problem(file, f"items[{i}] ({item.id})", "help_for steps go from the most pressing tier down "
                        "(emergency, then urgent, then see_gp)", path=("items", i, "help_for"))
        last_help = rank
    for i, item in enumerate(checklist.values()):
        word = reassuring_word(item.text, site)
        unsafe = [t for t in item.tiers if t in HELP_TIERS]
        if word and unsafe:
            out.problem(file, f"items[{i}].tiers ({item.id})", f"the text reassures ({word!r}), so it must not "
                        f"show at {', '.join(unsafe)}; scope it to self_care and see_gp", path=("items", i, "tiers"))

    if site and reassuring_word(site.no_match_with_warning, site):
        out.problem("content/site.yaml", "no_match_with_warning", f"reassures "
                    f"({reassuring_word(site.no_match_with_warning, site)!r}) but shows on urgent and emergency cards",
                    path=("no_match_with_warning",))
    file = "content/red_flags.yaml"
    for i, flag in enumerate(flags):
        for item_id in flag.checklist:
            item = checklist.get(item_id)
            if item is not None and flag.tier not in item.tiers:
                out.problem(file, f"flags[{i}].checklist ({flag.id})", f"{item_id!r} never shows at {flag.tier} "
                            f"(its tiers are {list(item.tiers)}), so this flag cannot show it",
                            path=("flags", i, "checklist"))
        if flag.tier in HELP_TIERS:
            helps = [c for c in flag.checklist if c in checklist and checklist[c].help_for == flag.tier]
            if not helps:
                out.problem(file, f"flags[{i}].checklist ({flag.id})", f"an {flag.tier} flag must name a checklist "
                            f"step with help_for: {flag.tier}, saying where to get help",
                            path=("flags", i, "checklist"))
            word = reassuring_word(flag.reason, site)
            if word:
                out.problem(file, f"flags[{i}].reason ({flag.id})", f"reassures ({word!r}) on an {flag.tier} card",
                            path=("flags", i, "reason"))

    file = "content/rules.yaml"
    for i, rule in enumerate(rules):
        word = reassuring_word(rule.because, site)
        unsafe = [t for t in rule.tiers if t in HELP_TIERS]
        if word and unsafe:
            out.problem(file, f"rules[{i}].tiers ({rule.id})", f"the reason reassures ({word!r}), so it must not "
                        f"show at {', '.join(unsafe)}; add tiers: [self_care, see_gp]", path=("rules", i, "tiers"))


def check_key_points(out: Reporter, site: SiteFile | None, causes: Mapping[str, Cause]) -> None:
    """A summary's sign that calls for help today or now must not reassure in the same breath."""
    for cause in causes.values():
        for i, point in enumerate(cause.front.key_points.get_help):
            word = reassuring_word(point.text, site)
            if word and point.tier in HELP_TIERS:
                out.problem(cause.path, f"key_points.get_help[{i}].text", f"reassures ({word!r}), but the sign "
                            f"calls for {point.tier} help", path=("key_points", "get_help", i, "text"))


def check_cases(out: Reporter, scenarios_f: ScenariosFile | None, factors: Mapping[str, Factor],
                causes: Mapping[str, Any], checklist: Mapping[str, ChecklistItem]) -> None:
    """Class scenarios and clinical cases name real factors, values, causes and checklist steps."""
    file = "content/scenarios.yaml"
    if scenarios_f is None:
        return
    _check_answers(out, file, "reassuring_answers", scenarios_f.reassuring_answers, factors, ("reassuring_answers",))
    for key in ("scenarios", "clinical"):
        cases = getattr(scenarios_f, key)
        ids = [(c.id, f"{key}[{i}].id") for i, c in enumerate(cases)]
        seen: dict[str, str] = {}
        for cid, field in ids:
            if cid in seen:
                out.problem(file, field, f"duplicate id {cid!r} (also {seen[cid]})")
            seen[cid] = field
        for i, case in enumerate(cases):
            where = f"{key}[{i}]"
            _check_answers(out, file, f"{where}.answers", case.answers, factors, (key, i, "answers"))
            if case.expected_top_cause and case.expected_top_cause not in causes:
                out.unknown(file, f"{where}.expected_top_cause", "cause id", case.expected_top_cause, causes,
                            (key, i, "expected_top_cause"))
            first = checklist.get(case.expected_first_step)
            if first is None:
                out.unknown(file, f"{where}.expected_first_step", "checklist item", case.expected_first_step,
                            checklist, (key, i, "expected_first_step"))
            elif first.section != "now":
                out.problem(file, f"{where}.expected_first_step", f"{first.id!r} is a {first.section} step, not a "
                            "`now` step", path=(key, i, "expected_first_step"))
            for field in ("must_not_include", "must_include"):
                for item_id in getattr(case, field):
                    if item_id not in checklist:
                        out.unknown(file, f"{where}.{field}", "checklist item", item_id, checklist, (key, i, field))
            both = set(case.must_not_include) & {*case.must_include, case.expected_first_step}
            if both:
                out.problem(file, f"{where}.must_not_include", f"{sorted(both)} cannot be both required and "
                            "forbidden", path=(key, i, "must_not_include"))


def _check_answers(out: Reporter, file: str, field: str, answers: Mapping[str, Any], factors: Mapping[str, Factor],
                   path: tuple) -> None:
    for factor_id, value in answers.items():
        factor = factors.get(factor_id)
        if factor is None:
            out.unknown(file, f"{field}.{factor_id}", "factor", factor_id, factors, (*path, factor_id))
            continue
        try:
            factor.check(value)
        except ValueError as exc:
            out.problem(file, f"{field}.{factor_id}", str(exc), path=(*path, factor_id))
