"""The shipped content: complete, cross-referenced, honest, and fresh."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from legcramps.content import load
from legcramps.schema import TERM_MARK

CONTENT = load()
ARTICLE_CAUSES = ["cold_water", "body_position", "overload", "salt_balance", "varicose_veins", "flat_foot",
                  "neurological"]
MISSING_CAUSES = ["medicines", "pregnancy", "age", "dialysis"]
LOOK_ALIKES = ["dvt", "claudication", "restless_legs", "bakers_cyst"]

#: Every sub-item of the source article, per cause: words that must appear in that cause's claims.
ARTICLE_ITEMS = {
    "cold_water": ["cold"],
    "body_position": ["vessel", "stand", "massage", "toes"],
    "overload": ["warm", "monotonous|repetitive", "massage"],
    "salt_balance": ["sodium", "potassium", "calcium", "magnesium", "diet|micronutrient|food variety",
                     "fluid|drink", "kidney", "food poisoning|vomit|diarrh", "parathyroid", "diabetes",
                     "diuretic|water tablet", "alcohol", "treatment|drinking regimen"],
    "varicose_veins": ["walk|stand", "night", "surgery|severity"],
    "flat_foot": ["load", "nerve", "blood", "long walk", "narrow", "high heel", "insole|orthopaedic",
                  "massage", "exercise"],
    "neurological": ["intoxication|poison|toxin", "infection", "cerebral|stroke|brain circulation",
                     "hernia|disc", "tumour", "raynaud", "physiotherapy|surgery|long-term"],
}


def all_causes():
    return list(CONTENT.causes.values())


def test_every_expected_cause_is_there():
    assert set(ARTICLE_CAUSES + MISSING_CAUSES + LOOK_ALIKES) <= set(CONTENT.causes)
    assert [c for c in CONTENT.causes if c in ARTICLE_CAUSES] == ARTICLE_CAUSES, "article order kept"


@pytest.mark.parametrize("cause_id", list(ARTICLE_ITEMS))
def test_every_item_of_the_source_article_is_explained(cause_id):
    claims = CONTENT.causes[cause_id].front.claims
    text = " ".join(f"{c.id} {c.article_says} {c.evidence_says}" for c in claims).lower()
    missing = [item for item in ARTICLE_ITEMS[cause_id] if not re.search(item, text)]
    assert not missing, f"{cause_id}: claims never mention {missing}"
    assert all(c.grade and c.sources for c in claims)


def test_introduction_corrects_the_night_cramps_claim():
    intro = CONTENT.topics["introduction"]
    text = (intro.body + " ".join(c.evidence_says for c in intro.front.claims)).lower()
    assert "night" in text and "not a warning sign" in text


@pytest.mark.parametrize("cause", all_causes(), ids=lambda c: c.id)
def test_every_cause_section_says_something(cause, content):
    """The loader checks that each section of site.yaml is there and not empty; not that it says something.
    (Review dates are `check` warnings, tests/unit/test_review.py: a calendar day must not fail a test.)"""
    assert list(cause.sections) == [s.id for s in content.site.cause_sections]
    for section_id, text in cause.sections.items():
        assert len(text) > 40, (cause.path, content.section_heading(section_id))


@pytest.mark.parametrize("cause", all_causes(), ids=lambda c: c.id)
def test_article_causes_say_what_the_evidence_says(cause):
    expected = {"cold_water": "weak", "overload": "moderate", "varicose_veins": "contested",
                "flat_foot": "unsupported"}
    if cause.id in expected:
        assert cause.front.evidence.grade == expected[cause.id]
    if cause.front.kind == "article":
        assert cause.front.article_says


def test_every_source_is_cited_and_checked():
    cited = set()
    for cause in all_causes():
        cited.update(cause.front.evidence.sources)
        for claim in cause.front.claims:
            cited.update(claim.sources)
    for item in CONTENT.checklist.values():
        cited.update(item.sources)
    for flag in CONTENT.flags:
        cited.update(flag.sources)
    for topic in CONTENT.topics.values():
        cited.update(topic.front.sources)
    for tier in CONTENT.site.tiers:
        cited.update(tier.sources)
    assert set(CONTENT.sources) - cited == set(), "sources nobody cites"
    for source in CONTENT.sources.values():
        assert source.last_checked <= dt.date.today()


def all_prose() -> list[tuple[str, str]]:
    """Every text of the content (the loader's own walk: a new text field is covered here too), with its file."""
    return [(f"{p.file} {p.field}", p.text) for p in CONTENT.passages()]


BANNED = [
    r"\bstop (taking )?your (medicine|medication|tablets)\b",
    r"magnesium (will|can|does) (help|cure|stop|prevent|fix)",
    r"quinine (will|can|does) (cure|stop|fix)",
    r"\byou have (a |an )?(dvt|neuropathy|disease|varicose|flat)",
    r"\bcures?\b",
]


@pytest.mark.parametrize("pattern", BANNED)
def test_no_promises_no_diagnosis_no_stop_your_medicine(pattern):
    hits = [(where, text[:80]) for where, text in all_prose() if re.search(pattern, text, re.I)]
    assert not hits, hits


def test_glossary_marks_resolve_and_glossary_is_used():
    used = set()
    for _, text in all_prose():
        for m in TERM_MARK.finditer(text):
            used.add((m.group(2) or m.group(1)).strip().lower())
    assert used, "content marks no glossary words"
    assert all(CONTENT.term(u) for u in used)
    entries = {id(t) for t in CONTENT.glossary.values()}
    assert len(entries) >= 20
