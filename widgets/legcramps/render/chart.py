"""The dashboard's relevance chart as inline SVG: a horizontal bar per top cause, coloured and patterned by its
evidence grade, in a `<figure>` with its words for a screen reader and a visible legend.

Why SVG from the pure render layer and not a matplotlib PNG: one chart path serves both editions, the Voilà
dashboard and the in-browser one (Pyodide, where there is no numpy, matplotlib or PIL), and the dashboard's
kernel no longer loads them at all. Text is real text in the page's font and colour (`currentColor`, so the
dark theme works), and the picture scales from a phone to a desktop without blurring.

No font can be measured here, so text widths are estimated from Helvetica's advance widths with a margin for
wider system fonts (`text_width`); the left margin is sized once from the longest short title in the content,
so the bars do not jump sideways when the causes shown change. The words come from `site.yaml` (`dashboard`),
the colours, hatches and their words from the one palette (static/palette.json).
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from legcramps.markup import esc
from legcramps.render.assets import palette

if TYPE_CHECKING:
    from legcramps.content import Content
    from legcramps.engine import Assessment

#: Places (bars) at most; and at least, however few causes fit (one bar alone in a picture its own height
#: reads as a fault).
SLOTS = 8
MIN_SHOWN = 2

#: The layout, in viewBox units (CSS pixels when the chart is drawn at its widest, see style.css).
WIDTH = 400  # the picture's width unless a long title or label needs more
PAD = 4  # kept clear round the edges
FONT = 12  # labels, ticks, axis label
TITLE_FONT = 13
TITLE_BASELINE = 15
TOP = 24  # where the first place starts, under the title
ROW = 24  # one place
BAR = 18  # a bar's height within its place
TICK = 4  # tick marks' length
LABEL_GAP = 7  # from a label's end to the axis (past the tick mark)
MIN_PLOT = 160  # the bars' area is never narrower than this
BELOW = 40  # under the last place: tick marks, tick labels, axis label
HATCH_CELL = 6  # one tile of a hatch pattern (matplotlib's "//" is ~6 px apart at 72 dpi)
#: Estimated widths are this much wider than Helvetica's: system-ui on Linux is often DejaVu Sans, ~15 % wider
#: (its bold ~25 %), measured in Chromium; the estimate stays a few per cent over it.
SAFETY = 1.2
BOLD = 1.12
PATTERN_ID = "lc-chart-hatch-"  # + grade id: unique on a page that holds other SVGs

#: Helvetica's advance widths (per 1000 units of the font size) for ASCII; other letters count as 600, wide
#: (east Asian) ones as 1000.
_WIDTHS = {ch: width for chars, width in (
    ("|", 260), ("ijl", 222), (" !,./:;I[\\]ft'", 278), ("()-`r", 333), ("{}", 334), ('"', 355), ("*", 389),
    ("^", 469), ("Jcksvxyz", 500), ("#$0123456789?L_abdeghnopqu", 556), ("+<=>~", 584), ("FTZ", 611),
    ("&ABEKPSVXY", 667), ("CDHNRUw", 722), ("GOQ", 778), ("Mm", 833), ("%", 889), ("W", 944), ("@", 1015),
) for ch in chars}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of `text`'s width at font `size`, in the same units (no font is measured here)."""
    units = sum(_WIDTHS.get(ch, 1000 if unicodedata.east_asian_width(ch) in ("W", "F") else 600) for ch in text)
    return units / 1000 * size * SAFETY * (BOLD if bold else 1)


def _n(value: float) -> str:
    """A number for the SVG: one decimal at most, so the HTML is small and the same on every machine."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def shown_bars(result: Assessment, slots: int = SLOTS) -> tuple[tuple[str, int, str], ...]:
    """What the chart shows: (cause id, fit 0–100, grade) of the top causes, best first. Two results with the
    same bars draw the same chart, so a view compares these before drawing again."""
    return tuple((c.id, round(c.relevance * 100), c.evidence) for c in result.causes[:slots])


def chart_alt(result: Assessment, content: Content, slots: int = SLOTS) -> str:
    """The relevance chart in words: every bar's cause, its fit and its evidence grade."""
    words = content.site.dashboard
    if not result.causes:
        return words.chart_alt_empty
    parts = [f"{content.causes[cid].front.short_title} {pct} ({content.grade(grade).label.lower()})"
             for cid, pct, grade in shown_bars(result, slots)]
    return f"{words.chart_alt} " + "; ".join(parts) + "."


def chart_legend(content: Content) -> str:
    """Each grade with the colour and pattern of its bars, in words (site.yaml `grades[].looks`)."""
    return "; ".join(f"{g.label} {g.looks}" for g in content.site.grades)


def _hatch(grade: str) -> str:
    """The `<pattern>` of a hatched grade: its colour under lines or dots in the edge colour, as matplotlib
    draws a hatch ("//" stripes, "\\\\" back stripes, "xx" crosses, ".." dots); "" for a solid grade."""
    look, edge, c = palette()["grades"][grade], palette()["edge"], HATCH_CELL
    hatch = look["hatch"]
    marks = []
    if "/" in hatch or "x" in hatch:  # bottom left to top right, and the bits over the tile's corners
        marks.append(f'<path d="M-1,1 l2,-2 M0,{c} l{c},-{c} M{c - 1},{c + 1} l2,-2"/>')
    if "\\" in hatch or "x" in hatch:
        marks.append(f'<path d="M-1,{c - 1} l2,2 M0,0 l{c},{c} M{c - 1},-1 l2,2"/>')
    if "." in hatch:
        q = c / 4
        marks.append(f'<circle cx="{_n(q)}" cy="{_n(q)}" r="1" stroke="none" fill="{edge}"/>'
                     f'<circle cx="{_n(3 * q)}" cy="{_n(3 * q)}" r="1" stroke="none" fill="{edge}"/>')
    if not marks:
        return ""
    return (f'<pattern id="{PATTERN_ID}{esc(grade)}" patternUnits="userSpaceOnUse" width="{c}" height="{c}">'
            f'<rect width="{c}" height="{c}" fill="{look["colour"]}"/>'
            f'<g stroke="{edge}" stroke-width="0.8">{"".join(marks)}</g></pattern>')


def _fill(grade: str) -> str:
    """A bar's fill: its grade's colour, or the pattern that holds that colour under the hatch."""
    look = palette()["grades"][grade]
    return f"url(#{PATTERN_ID}{esc(grade)})" if look["hatch"] else look["colour"]


def _layout(content: Content) -> tuple[float, float, float]:
    """(left, right, width): where the bars' area starts and ends, and the picture's width.

    The left margin holds the longest short title of any cause, so no label is cut and the layout is the same
    for every answer; the area is widened (and the picture with it) when the title or the axis label would not
    fit above or under it.
    """
    words = content.site.dashboard
    longest = max((text_width(c.front.short_title, FONT) for c in content.causes.values()), default=0.0)
    left = PAD + longest + LABEL_GAP
    right_margin = PAD + text_width("100", FONT) / 2
    axis = text_width(words.chart_axis, FONT)
    plot = max(WIDTH - left - right_margin, MIN_PLOT, axis - 2 * min(left, right_margin))
    title = max(text_width(t, TITLE_FONT, bold=True) for t in (words.chart_title, words.chart_empty))
    plot = max(plot, title + PAD - right_margin - left)  # the title starts at the bars' area
    return left, left + plot, left + plot + right_margin


def chart_svg(result: Assessment, content: Content, slots: int = SLOTS) -> str:
    """The chart as an inline `<svg>`: title, a bar per top cause with its short title, the 0–100 axis.

    `role="img"` with the alt text as its `aria-label`: a screen reader hears the bars in words, not the
    picture's pieces (no `<title>` as well: a browser would make it the description, heard a second time).
    Text and axis lines take the page's colour (`currentColor`).
    """
    words = content.site.dashboard
    bars = shown_bars(result, slots)
    left, right, width = _layout(content)
    places = max(len(bars), MIN_SHOWN)
    bottom = TOP + places * ROW
    height = bottom + BELOW
    scale = (right - left) / 100
    alt = esc(chart_alt(result, content, slots))
    title = words.chart_title if bars else words.chart_empty
    patterns = "".join(_hatch(grade) for grade in dict.fromkeys(grade for _, _, grade in bars))
    labels, rects, ticks = [], [], []
    for i, (cid, pct, grade) in enumerate(bars):
        middle = TOP + (i + 0.5) * ROW
        labels.append(f'<text x="{_n(left - LABEL_GAP)}" y="{_n(middle + 0.35 * FONT)}">'
                      f"{esc(content.causes[cid].front.short_title)}</text>")
        rects.append(f'<rect x="{_n(left)}" y="{_n(middle - BAR / 2)}" width="{_n(pct * scale)}" height="{BAR}" '
                     f'fill="{_fill(grade)}" data-cause="{esc(cid)}"/>')
        ticks.append(f"M{_n(left - TICK)},{_n(middle)}h{TICK}")
    tick_labels = []
    for value in range(0, 101, 20):
        x = left + value * scale
        ticks.append(f"M{_n(x)},{_n(bottom)}v{TICK}")
        tick_labels.append(f'<text x="{_n(x)}" y="{_n(bottom + TICK + FONT)}">{value}</text>')
    title_x = left if left + text_width(title, TITLE_FONT, bold=True) <= width - PAD else PAD
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
        f'role="img" aria-label="{alt}" font-size="{FONT}">'
        + (f"<defs>{patterns}</defs>" if patterns else "")
        + f'<text class="lc-chart-title" x="{_n(title_x)}" y="{TITLE_BASELINE}" font-size="{TITLE_FONT}" '
        f'font-weight="600" fill="currentColor">{esc(title)}</text>'
        f'<g class="lc-chart-labels" fill="currentColor" text-anchor="end">{"".join(labels)}</g>'
        f'<g class="lc-chart-bars" stroke="{palette()["edge"]}" stroke-width="0.8">{"".join(rects)}</g>'
        f'<path class="lc-chart-axes" fill="none" stroke="currentColor" stroke-width="1" '
        f'd="M{_n(left)},{TOP}V{_n(bottom)}H{_n(right)}{"".join(ticks)}"/>'
        f'<g class="lc-chart-ticks" fill="currentColor" text-anchor="middle">{"".join(tick_labels)}</g>'
        f'<text class="lc-chart-axis" x="{_n((left + right) / 2)}" y="{_n(bottom + TICK + FONT + 18)}" '
        f'fill="currentColor" text-anchor="middle">{esc(words.chart_axis)}</text></svg>'
    )


def chart_figure(result: Assessment, content: Content, slots: int = SLOTS) -> str:
    """The whole chart: `<figure class="lc-chart">`, the SVG, and the legend as its visible caption."""
    caption = f"{esc(content.site.dashboard.chart_legend)} {esc(chart_legend(content))}"
    return f'<figure class="lc-chart">{chart_svg(result, content, slots)}<figcaption>{caption}</figcaption></figure>'

