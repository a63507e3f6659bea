"""The one-page classroom sheets: each page's summary and the pupils' worksheet, as a teacher and a pupil
see them on paper: every word from content/, the signs that need help before any self-help, the cards and
claims of the lesson, no leftover markup, plain reading. That each sheet prints on exactly one A4 page is
checked with Chromium in tests/integration/classroom/test_print.py; the key points they print are held to
their limits by test_key_points.py.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from legcramps.handouts import build, index_sheet, summary_sheet, worksheet_sheet
from legcramps.markup import plain
from legcramps.readability import reading
from legcramps.render.summary import help_points
from legcramps.schema import HELP_TIERS, TIER_ORDER
from tests.unit.classroom.page_text import squash, visible_text

# ---------------------------------------------------------------- the summaries


def test_a_summary_says_what_the_content_says(content):
    for page in content.pages:
        text = squash(visible_text(summary_sheet(page.slug, content)))
        words = content.sheets.summary
        for expected in (page.title, page.blurb, content.site.disclaimer, words.what_it_is, words.evidence,
                         content.section_heading("helps"), content.section_heading("get_help")):
            assert squash(expected) in text, (page.slug, expected)
        for topic_id in page.topics:
            assert squash(plain(content.topics[topic_id].front.summary)) in text, (page.slug, topic_id)
        for cause_id in page.causes:
            front = content.causes[cause_id].front
            grade = content.grade(front.evidence.grade)
            for expected in (front.title, front.summary, grade.label, grade.meaning, *front.key_points.helps,
                             *(p.text for p in front.key_points.get_help)):
                assert squash(plain(expected)) in text, (page.slug, cause_id, expected)
        for tier, _ in help_points(page.slug, content):
            assert squash(tier.label) in text
            if tier.id in HELP_TIERS:
                assert squash(plain(tier.what_to_do)) in text, (page.slug, tier.id)
        assert f"{page.slug}.html" in text, "the summary points to the longer reading"


def test_a_single_cause_summary_sets_the_article_claim_against_what_studies_found(content):
    page = next(p for p in content.pages if len(p.causes) == 1 and content.causes[p.causes[0]].front.article_says)
    front = content.causes[page.causes[0]].front
    text = squash(visible_text(summary_sheet(page.slug, content)))
    claim = text.index(squash(content.sheets.summary.article_says) + " " + squash(plain(front.article_says)))
    found = text.index(squash(content.sheets.summary.evidence_found) + " " + squash(plain(front.evidence.says)))
    assert claim < found


def test_on_a_summary_the_signs_to_get_help_come_before_any_self_help_most_urgent_first(content):
    """A health page never puts "rub the muscle" above "call 999"."""
    for page in content.pages:
        text = squash(visible_text(summary_sheet(page.slug, content)))
        first_help = min(text.index(squash(plain(h))) for c in page.causes
                         for h in content.causes[c].front.key_points.helps)
        places = [text.index(squash(tier.label)) for tier, _ in help_points(page.slug, content)]
        assert places == sorted(places) and places[-1] < first_help, page.slug
        ranks = [TIER_ORDER.index(tier.id) for tier, _ in help_points(page.slug, content)]
        assert ranks == sorted(ranks, reverse=True), page.slug


def test_a_sign_two_causes_share_is_listed_once(content):
    page = max(content.pages, key=lambda p: len(p.causes))
    signs = [p.text for c in page.causes for p in content.causes[c].front.key_points.get_help]
    shared = next((s for s in signs if signs.count(s) > 1), None)
    if shared is None:
        pytest.skip("no sign is shared on the page with most causes")
    text = squash(visible_text(summary_sheet(page.slug, content)))
    assert text.count(squash(plain(shared))) == 1


# ---------------------------------------------------------------- the worksheet


def test_the_worksheet_has_every_card_every_claim_and_the_exit_ticket(content):
    words = content.sheets.worksheet
    document = worksheet_sheet(content)
    text = squash(visible_text(document))
    for expected in (words.title, words.name, words.date, words.intro, *words.columns, words.other_cause,
                     words.explain_prompt, words.exit_heading, *words.exit_questions):
        assert squash(expected) in text, expected
    for scenario in content.scenarios:
        assert squash(scenario.title) in text
    claims = [c for c in content.causes.values() if c.front.kind == "article"]
    assert re.findall(r'data-cause="([^"]+)"', document) == [c.id for c in claims]
    for cause in claims:
        assert squash(cause.front.short_title) in text
    for grade in content.site.grades:
        assert grade.label in text, "the labels a pupil will meet are listed"
    assert text.count(words.trust[0]) >= len(claims)


def test_a_new_card_is_on_the_worksheet_without_a_code_change(content):
    new = dataclasses.replace(content.scenarios[0], id="footballer", title="Jo, 15, plays football twice a week")
    text = squash(visible_text(worksheet_sheet(dataclasses.replace(content, scenarios=(*content.scenarios, new)))))
    assert "Jo, 15, plays football twice a week" in text


def test_the_worksheet_gives_nothing_away(content):
    """Pupils find the fit and the label on the dashboard: no cause's grade is printed next to its claim."""
    document = worksheet_sheet(content)
    for row in re.findall(r'<tr data-cause="[^"]+">.*?</tr>', document):
        assert not any(g.label in row for g in content.site.grades), row


# ---------------------------------------------------------------- all sheets


def sheets(content) -> dict[str, str]:
    found = {f"{p.slug}.summary.html": summary_sheet(p.slug, content) for p in content.pages}
    return {**found, "worksheet.html": worksheet_sheet(content), "index.html": index_sheet(content)}


def test_no_sheet_shows_raw_markup(content):
    for name, document in sheets(content).items():
        text = visible_text(document)
        for leftover in ("[[", "]]", "**", "&amp;", "&lt;"):
            assert leftover not in text, (name, leftover)


def test_the_summaries_read_at_grade_8_or_below(content):
    for page in content.pages:
        text = visible_text(summary_sheet(page.slug, content))
        text = text.split(content.sheets.summary.sources)[0]  # titles of journal papers are not ours to simplify
        grade = reading(text).grade
        assert grade <= 8, (page.slug, grade)


def test_the_worksheet_reads_at_grade_8_or_below(content):
    """Its words as a pupil reads them: the prompts as sentences, the headings and questions as list items
    (the grid's cells, run together, are not sentences)."""
    words = content.sheets.worksheet
    parts = [words.intro, words.explain_prompt, *(f"- {c}" for c in words.columns),
             *(f"- {q}" for q in words.exit_questions), *(f"- {s.title}" for s in content.scenarios)]
    grade = reading("\n\n".join(parts)).grade
    assert grade <= 8, grade


def test_make_handouts_writes_the_sheets_next_to_the_long_reading(content, tmp_path):
    written = {p.relative_to(tmp_path).as_posix() for p in build(tmp_path, content)}
    for page in content.pages:
        assert {f"{page.slug}.summary.html", f"{page.slug}.html"} <= written
    assert {"worksheet.html", "index.html", "glossary.html", "teachers/answer-key.html"} <= written
    for code, _ in content.languages:  # English here, each other language in its folder, with its own index
        folder = "" if code == "en" else f"{code}/"
        mine = {w.removeprefix(folder) for w in written if w.startswith(folder) and
                (folder or not any(w.startswith(f"{c}/") for c, _ in content.languages if c != "en"))}
        index = (tmp_path / folder / "index.html").read_text(encoding="utf-8")
        assert f"<html lang='{code}'>" in index
        links = set(re.findall(r'href="([^"]+)"', index))
        assert links == mine - {"index.html"}, f"the {code} index links every sheet, and only sheets that exist"
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    words = content.sheets.index
    text = squash(visible_text(index))
    assert words.summaries in text and words.reading in text
