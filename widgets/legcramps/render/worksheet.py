"""The pupils' worksheet (`build/handouts/worksheet.html`): one A4 sheet to fill in beside the dashboard.

A name line and a tick for the pupil's scenario card, then the grid the lesson is about: one row per claim
of the source article (its causes, which the dashboard ranks), with "does it fit your card?", the evidence
label the dashboard shows and "would you trust it?". Then room to explain one answer, and an exit ticket
to cut off.

Why nothing here is filled in from the content's answers: the pupils find the fit and the labels on the
dashboard themselves; the sheet only names the claims and, as a key, the labels they will meet. The cards
and the claims are read from the content, so a new card or cause changes the sheet with no code change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from legcramps.markup import esc

if TYPE_CHECKING:
    from legcramps.content import Content

WORKSHEET_CSS = """
.lc-worksheet h1 { font-size: 16pt; }
.lc-worksheet .lc-who { display: flex; gap: 4mm; margin: 2mm 0 1.5mm; }
.lc-worksheet .lc-who span { flex: 1; }
.lc-fill { display: inline-block; border-bottom: 0.3mm solid #000; min-width: 40mm; height: 4.5mm; }
.lc-who .lc-fill { width: 70%; }
.lc-cards { display: flex; flex-wrap: wrap; gap: 0.8mm 5mm; margin: 0 0 1.5mm; padding: 0; list-style: none; }
.lc-cards li { margin: 0; }
.lc-grid { border-collapse: collapse; width: 100%; margin: 1mm 0 1mm; table-layout: fixed; }
.lc-grid th, .lc-grid td { border: 0.3mm solid #000; padding: 1mm 1.5mm; vertical-align: middle; text-align: left; }
.lc-grid thead th { background: #e2eef7; font-size: 10pt; }
.lc-grid tbody th { font-weight: bold; }
.lc-grid td { height: 9.5mm; white-space: nowrap; }
.lc-grid td span + span { margin-left: 3mm; }
.lc-grid col.lc-claim { width: 27%; } .lc-grid col.lc-fit { width: 19%; } .lc-grid col.lc-label { width: 27%; }
.lc-grid tr.lc-other th { font-weight: normal; }
.lc-grid tr.lc-other .lc-fill { display: block; min-width: 0; width: 100%; }
.lc-labels { font-size: 10pt; margin: 0 0 2mm; }
.lc-labels .lc-badge { margin: 0 0.8mm 0.8mm 0; }
.lc-line { border-bottom: 0.3mm solid #777; height: 8mm; }
.lc-exit { border-top: 0.5mm dashed #000; margin-top: 3mm; padding-top: 1.5mm; }
.lc-exit h2 { display: inline; margin-right: 2mm; }
.lc-exit ol { margin: 1mm 0 0; padding-left: 5mm; }
.lc-exit li { margin: 0 0 1mm; }
"""


def _ticks(options: tuple[str, ...]) -> str:
    """Tick boxes to fill in with a pen: an empty square before each option."""
    return "".join(f'<span><span class="lc-box" aria-hidden="true"></span>{esc(o)}</span>' for o in options)


def claim_rows(content: Content) -> list[tuple[str, str]]:
    """(cause id, short title) of each claim of the source article, in reading order."""
    return [(c.id, c.front.short_title) for c in content.causes.values() if c.front.kind == "article"]


def worksheet(content: Content) -> str:
    """The body of the pupils' worksheet (`legcramps.handouts` makes it a document)."""
    words = content.sheets.worksheet
    cards = "".join(f"<li>{_ticks((s.title,))}</li>" for s in content.scenarios)
    heads = "".join(f'<th scope="col">{esc(c)}</th>' for c in words.columns)
    cells = f"<td>{_ticks(words.fits)}</td><td></td><td>{_ticks(words.trust)}</td>"
    rows = "".join(f'<tr data-cause="{esc(cid)}"><th scope="row">{esc(title)}</th>{cells}</tr>'
                   for cid, title in claim_rows(content))
    rows += (f'<tr class="lc-other"><th scope="row">{esc(words.other_cause)}<span class="lc-fill"></span></th>'
             f"{cells}</tr>")
    labels = " ".join(f'<span class="lc-badge lc-grade-{esc(g.id)}">{esc(g.label)}</span>' for g in content.site.grades)
    lines = '<div class="lc-line"></div>' * 5
    questions = "".join(f'<li>{esc(q)}<div class="lc-line"></div></li>' for q in words.exit_questions)
    return (
        f'<div class="lc-sheet lc-worksheet"><h1>{esc(words.title)}</h1>'
        f'<p class="lc-who"><span>{esc(words.name)} <span class="lc-fill"></span></span>'
        f'<span>{esc(words.date)} <span class="lc-fill"></span></span></p>'
        f'<p><strong>{esc(words.card)}</strong></p><ul class="lc-cards">{cards}</ul>'
        f"<p>{esc(words.intro)}</p>"
        '<table class="lc-grid"><colgroup><col class="lc-claim"><col class="lc-fit"><col class="lc-label"><col>'
        f"</colgroup><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="lc-labels">{esc(words.labels)} {labels}</p>'
        f"<h2>{esc(words.explain_heading)}</h2><p>{esc(words.explain_prompt)}</p>{lines}"
        f'<section class="lc-exit"><span aria-hidden="true">✂</span> <h2>{esc(words.exit_heading)}</h2>'
        f"<span>{esc(words.exit_note)}</span>"
        f'<p class="lc-who"><span>{esc(words.name)} <span class="lc-fill"></span></span></p>'
        f"<ol>{questions}</ol></section></div>")
