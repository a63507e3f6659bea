"""The command line, run as a person would run it: a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "legcramps", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=60)


def test_check_passes_on_the_shipped_content():
    proc = run("check")
    assert proc.returncode == 0, proc.stderr
    assert "content OK" in proc.stdout


def test_assess_json_with_defaults():
    proc = run("assess", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["care"]["tier"] == "self_care"
    assert data["disclaimer"].startswith("This explains possible causes")


def test_assess_json_with_settings():
    proc = run("assess", "--set", "fluid_litres_per_day=0.8", "--set", "footwear=high_heels",
               "--set", "one_calf_swollen_warm_red=yes", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["care"]["tier"] == "urgent"
    assert "flat_foot" in [c["id"] for c in data["causes"]]


def test_assess_text_output_reads_like_a_report():
    proc = run("assess", "--set", "pregnant=true")
    assert proc.returncode == 0
    assert "Care: Look after it yourself" in proc.stdout
    assert "Pregnancy" in proc.stdout or "pregnan" in proc.stdout.lower()
    assert "[ ]" in proc.stdout


def test_bad_input_exits_2_with_a_clear_message():
    for args, needle in [
        (("--set", "fluid_litres_per_day=twelve"), "needs a number"),
        (("--set", "fluid_litres_per_day=12"), "between 0 and 5"),
        (("--set", "shoes=heels"), "unknown factor 'shoes'"),
        (("--set", "footwear=heels"), "must be one of"),
        (("--set", "pregnant=maybe"), "true or false"),
        (("--set", "no-equals-sign"), "ID=VALUE"),
    ]:
        proc = run("assess", *args)
        assert proc.returncode == 2, (args, proc.stdout)
        assert needle in proc.stderr
        assert "Traceback" not in proc.stderr


def test_check_reports_broken_content_with_exit_1(content_copy):
    (content_copy / "rules.yaml").write_text("rules: [\n", encoding="utf-8")
    proc = run("--content", str(content_copy), "check")
    assert proc.returncode == 1
    assert "content/rules.yaml:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_check_fails_when_a_scenario_no_longer_holds(content_copy):
    """A tier edit that lets "rub the muscle" onto an urgent card loads fine, but check names every case it breaks."""
    path = content_copy / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    rub = "    text: Rub the tight muscle firmly.\n    grade: consensus\n    sources: [nhs-cramps]\n    always: true\n"
    scoped = rub + "    tiers: [self_care, see_gp]\n"
    assert scoped in text
    path.write_text(text.replace(scoped, rub + "    tiers: [self_care, see_gp, urgent]\n"), encoding="utf-8")
    proc = run("--content", str(content_copy), "check")
    assert proc.returncode == 1, proc.stdout
    lines = proc.stderr.splitlines()
    dvt = [ln for ln in lines if "(possible_clot_in_the_leg)" in ln and "'massage_muscle' is on the card" in ln]
    assert dvt and dvt[0].startswith("content/scenarios.yaml:"), proc.stderr
    assert any("with the reassuring answers underneath" in ln for ln in dvt)
    assert lines[-1].endswith("the engine does not give what scenarios.yaml expects.")
    assert "Traceback" not in proc.stderr


def test_factors_lists_every_factor(content):
    proc = run("factors")
    assert proc.returncode == 0
    for factor_id in content.factors:
        assert factor_id in proc.stdout


def test_check_reports_every_language_and_the_pages_that_read_too_hard():
    """`check` names each language's state; `check --lang ru` warns of exactly the pages below its bar."""
    from legcramps.content import load
    from legcramps.readability import reading
    from legcramps.render.page import page_text

    assert "language ru: content OK" in run("check").stdout
    proc = run("check", "--lang", "ru")
    assert proc.returncode == 0, proc.stderr
    russian = load(lang="ru")
    hard = {p.slug for p in russian.pages
            if reading(page_text(p.slug, russian), "ru").ease_ru < russian.min_reading_ease}
    warned = {line.split(": ")[2] for line in proc.stderr.splitlines() if line.startswith("warning: pages.yaml:")}
    assert warned == hard


def test_assess_in_russian_has_the_english_tier_ids_and_numbers_and_russian_words():
    args = ("assess", "--set", "one_calf_swollen_warm_red=true", "--set", "fluid_litres_per_day=0.8", "--json")
    english, russian = json.loads(run(*args).stdout), json.loads(run(*args, "--lang", "ru").stdout)
    assert russian["care"]["tier"] == english["care"]["tier"] == "urgent"
    assert [(c["id"], c["relevance"], c["kind"]) for c in russian["causes"]] == \
        [(c["id"], c["relevance"], c["kind"]) for c in english["causes"]]
    cyrillic = [russian["disclaimer"], *russian["care"]["reasons"], *russian["checklist"]["now"],
                *(c["title"] for c in russian["causes"])]
    assert all(any("а" <= ch <= "я" for ch in text.lower()) for text in cyrillic), cyrillic
    text = run("assess", "--set", "leg_cold_pale_numb=true", "--lang", "ru").stdout
    assert "103" in text and "112" in text, text
