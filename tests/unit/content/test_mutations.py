"""Break the content in many ways; every message must name the file and the field (or line) at fault.

This is what a content editor sees after a typo, so each case asserts the words that let them find it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from legcramps.content import ContentError, load

Mutation = Callable[[Path], None]
#: Where the first factor of the "activity" group sits in factors.yaml: the message names it by index.
FIRST_ACTIVITY = next(i for i, f in enumerate(load().factors.values()) if f.group == "activity")


def edit(file: str, old: str, new: str, count: int = 1) -> Mutation:
    def apply(root: Path) -> None:
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"mutation target {old!r} not found in {file}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
    return apply


def write(file: str, text: str) -> Mutation:
    def apply(root: Path) -> None:
        (root / file).write_text(text, encoding="utf-8")
    return apply


def delete(file: str) -> Mutation:
    return lambda root: (root / file).unlink()


def first_cause_with(root: Path, needle: str) -> Path:
    return next(p for p in sorted((root / "causes").glob("*.md")) if needle in p.read_text(encoding="utf-8"))


def cause_edit(old_pattern: str, new: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / "causes" / "03-salt-balance.md"
        text = path.read_text(encoding="utf-8")
        changed = re.sub(old_pattern, new, text, count=1, flags=re.M)
        assert changed != text, f"pattern {old_pattern!r} not found"
        path.write_text(changed, encoding="utf-8")
    return apply


# (name, mutation, file named in the message, field or line text named in the message)
CASES: list[tuple[str, Mutation, str, str]] = [
    ("missing field", edit("rules.yaml", "    weight: 0.5\n", "", 1), "content/rules.yaml", "rules[0].weight"),
    ("wrong type", edit("rules.yaml", "weight: 0.5", "weight: heavy"), "content/rules.yaml", "rules[0].weight"),
    ("weight out of range", edit("rules.yaml", "weight: 0.5", "weight: 5"), "content/rules.yaml", "rules[0].weight"),
    ("typo in a key", edit("rules.yaml", "    weight: 0.5", "    wieght: 0.5"), "content/rules.yaml", "wieght"),
    ("unknown factor in a rule", edit("rules.yaml", "{cold_water_swimming: true}", "{cold_water_swiming: true}"),
     "content/rules.yaml", "rules[0].when.cold_water_swiming"),
    ("unknown cause in a rule", edit("rules.yaml", "cause: cold_water", "cause: cold_wather"),
     "content/rules.yaml", "rules[0].cause"),
    ("unknown option in a rule", edit("rules.yaml", "{footwear: high_heels}", "{footwear: stilettos}"),
     "content/rules.yaml", ".when.footwear"),
    ("slider compared with one value", edit("rules.yaml", "{fluid_litres_per_day: {below: 1.2},",
                                            "{fluid_litres_per_day: 1.2,"), "content/rules.yaml",
     ".when.fluid_litres_per_day"),
    ("unknown operator", edit("rules.yaml", "{below: 1.2}", "{less_than: 1.2}"), "content/rules.yaml",
     ".when.fluid_litres_per_day"),
    ("unknown checklist item", edit("rules.yaml", "[stop_in_sport, warm_up]", "[stop_in_sport, warm_upp]"),
     "content/rules.yaml", ".checklist"),
    ("bad YAML", edit("factors.yaml", "groups:\n", "groups: [\n"), "content/factors.yaml", "line"),
    ("empty file", write("sources.yaml", ""), "content/sources.yaml", "empty"),
    ("missing file", delete("checklist.yaml"), "content/checklist.yaml", "missing"),
    ("slider default out of range", edit("factors.yaml", "    default: 1.8", "    default: 9"),
     "content/factors.yaml", "fluid_litres_per_day"),
    ("choice default not an option", edit("factors.yaml", "    default: supportive", "    default: sandals"),
     "content/factors.yaml", "footwear"),
    ("duplicate factor id", edit("factors.yaml", "id: statins", "id: diuretics"), "content/factors.yaml",
     "duplicate factor id"),
    ("factor used by no rule", edit("factors.yaml", "  - id: liver_disease\n", "  - id: kidney_stones\n"),
     "content/factors.yaml", "kidney_stones"),
    ("unknown factor group", edit("factors.yaml", "group: activity", "group: sport"), "content/factors.yaml",
     f"factors[{FIRST_ACTIVITY}].group"),
    ("unknown source id", edit("checklist.yaml", "sources: [nhs-dvt, nhs-tetanus, nhs-pad, nhs-stroke]",
                                "sources: [nhs-cramp]"), "content/checklist.yaml", "items[0].sources"),
    # -- the checks that keep a care card coherent with its tier (legcramps.safety_checks)
    ("checklist step without a tier scope", edit("checklist.yaml", "    tiers: [emergency]\n", ""),
     "content/checklist.yaml", "items[0].tiers (call_999_now): Field required: say at which care tiers"),
    ("tier scope naming a tier twice", edit("checklist.yaml", "tiers: [emergency]", "tiers: [emergency, emergency]"),
     "content/checklist.yaml", "items[0].tiers"),
    ("help step outside its tiers", edit("checklist.yaml", "tiers: [emergency]", "tiers: [urgent]"),
     "content/checklist.yaml", "help_for emergency must be one of its tiers"),
    ("help step below a self-care step", edit("checklist.yaml", "    always: true\n    tiers: [self_care, see_gp]\n"
                                              "  - id: warmth_after", "    always: true\n    tiers: [self_care, "
                                              "see_gp]\n    help_for: see_gp\n  - id: warmth_after"),
     "content/checklist.yaml", "painkillers_after): a help_for step must come before every other `now` step"),
    ("care-card step below an ordinary step", edit("checklist.yaml", "    always: true\n    tiers: [self_care, "
                                                   "see_gp]\n  - id: warmth_after", "    always: true\n    tiers: "
                                                   "[self_care, see_gp]\n    on_care_card: true\n  - id: warmth_after"),
     "content/checklist.yaml", "(painkillers_after): an on_care_card step must come before the other `now` steps"),
    ("urgent flag that says nowhere to get help", edit("red_flags.yaml", "checklist: [get_help_today, do_not_rub_leg]",
                                                       "checklist: [do_not_rub_leg]"),
     "content/red_flags.yaml", "(possible_dvt): an urgent flag must name a checklist step with help_for: urgent"),
    ("flag naming a step its tier hides", edit("red_flags.yaml", "checklist: [call_999_now]\n",
                                               "checklist: [call_999_now, massage_muscle]\n"),
     "content/red_flags.yaml", "'massage_muscle' never shows at emergency"),
    ("reassuring reason allowed on an urgent card",
     edit("rules.yaml", "    tiers: [self_care, see_gp]  # reassures", "  #"),
     "content/rules.yaml", "(cramps_at_night): the reason reassures ('not a warning sign')"),
    ("reassuring words on an emergency flag", edit("red_flags.yaml", "reason: Chest pain, trouble breathing",
                                                   "reason: Not a warning sign. Chest pain, trouble breathing"),
     "content/red_flags.yaml", "(chest_pain_or_breathless): reassures"),
    ("scenario naming an unknown step", edit("scenarios.yaml", "expected_first_step: call_midwife_now",
                                             "expected_first_step: call_the_midwife"),
     "content/scenarios.yaml", "expected_first_step: unknown checklist item 'call_the_midwife'"),
    ("scenario expecting a prevent step first", edit("scenarios.yaml", "expected_first_step: call_midwife_now",
                                                     "expected_first_step: usual_fluid"),
     "content/scenarios.yaml", "'usual_fluid' is a prevent step"),
    ("scenario with a bad answer", edit("scenarios.yaml", "answers: {cramps_disturb_sleep: true}",
                                        "answers: {cramps_disturb_sleep: often}"),
     "content/scenarios.yaml", "cramps_disturb_sleep is a tick box"),
    ("source url not https", edit("sources.yaml", "url: https://www.aafp.org", "url: http://www.aafp.org"),
     "content/sources.yaml", "sources[0].url"),
    ("unknown tier", edit("red_flags.yaml", "tier: urgent", "tier: soon"), "content/red_flags.yaml", ".tier"),
    ("unknown glossary term", edit("rules.yaml", "You swim in cold water.", "You swim in [[zzzqx]] water."),
     "content/rules.yaml", "rules.swims_in_cold_water.because"),
    ("cause without grade", cause_edit(r"^  grade: .*\n", ""), "content/causes/03-salt-balance.md",
     "evidence.grade"),
    ("cause with unknown grade", cause_edit(r"^  grade: \w+", "  grade: maybe"),
     "content/causes/03-salt-balance.md", "evidence.grade"),
    ("cause without review date", cause_edit(r"^review_date: .*\n", ""), "content/causes/03-salt-balance.md",
     "review_date"),
    ("cause with a bad date", cause_edit(r"^review_date: .*$", "review_date: someday"),
     "content/causes/03-salt-balance.md", "review_date"),
    ("cause missing a section", cause_edit(r"^## What helps$", "## Helpful things"),
     "content/causes/03-salt-balance.md", "## What helps"),
    ("cause without front matter", cause_edit(r"\A---\n", ""), "content/causes/03-salt-balance.md",
     "front matter"),
    ("quiz with two right answers", lambda root: _two_correct(root), "content/quizzes/", "questions[0]"),
    ("quiz question too long for a slide",
     edit("quizzes/08-when-to-get-help.yaml", '"Your calf aches', '"Since last month, your calf aches'),
     "content/quizzes/08-when-to-get-help.yaml", "questions[3].question (pain_on_walking)"),
    ("page naming an unknown cause", edit("pages.yaml", "causes: [overload]", "causes: [overlord]"),
     "content/pages.yaml", "pages[2].causes"),
]


def _two_correct(root: Path) -> None:
    path = sorted((root / "quizzes").glob("*.yaml"))[0]
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # make the first answer of the first question correct as well as the real one
    for i, line in enumerate(lines):
        if line.lstrip().startswith("- text:") and "correct: true" not in "".join(lines[i:i + 3]):
            indent = line[: len(line) - len(line.lstrip())]
            lines.insert(i + 1, indent + "  correct: true\n")
            break
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("name", "mutate", "file", "field"), CASES, ids=[c[0] for c in CASES])
def test_broken_content_names_file_and_field(content_copy, name, mutate, file, field):
    mutate(content_copy)
    with pytest.raises(ContentError) as err:
        load(content_copy)
    message = str(err.value)
    matching = [str(p) for p in err.value.problems if file in p.file]
    assert matching, f"{name}: no problem names {file}:\n{message}"
    if field == "line":
        assert any(p.line for p in err.value.problems if file in p.file), message
    else:
        assert any(field in m for m in matching), f"{name}: no message names {field!r}:\n{message}"


def test_many_problems_are_reported_in_one_run(content_copy):
    by_name = {c[0]: c[1] for c in CASES}
    for name in ("wrong type", "unknown tier", "unknown source id"):
        by_name[name](content_copy)
    with pytest.raises(ContentError) as err:
        load(content_copy)
    files = {p.file for p in err.value.problems}
    assert {"content/rules.yaml", "content/red_flags.yaml", "content/checklist.yaml"} <= files


def test_line_numbers_point_at_the_field(content_copy):
    edit("rules.yaml", "weight: 0.45\n    because: You sleep", "weight: -1\n    because: You sleep")(content_copy)
    with pytest.raises(ContentError) as err:
        load(content_copy)
    problem = next(p for p in err.value.problems if "weight" in p.field)
    text = (content_copy / "rules.yaml").read_text().splitlines()
    assert "weight: -1" in text[problem.line - 1]
