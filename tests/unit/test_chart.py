"""The dashboard's relevance chart (legcramps.render.chart) as a reader sees it: one bar per top cause, as long
as its fit on the 0–100 axis, in its grade's colour and pattern, labelled with the cause's short title, in a
picture as tall as the causes it shows, with the same words for a screen reader as the alt text.

Why these and not pixels: the chart is SVG text now (one chart for the Voilà and the in-browser editions), so
what a reader would notice can be read straight from the markup. The SVG must be well-formed XML, which lets
`xml.etree` read it; text extents are the module's own estimate (no font here), held to the picture's box.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from legcramps.engine import assess
from legcramps.render import chart
from legcramps.render.assets import palette

SVG = "{http://www.w3.org/2000/svg}"
#: Many causes of every kind of grade (10 fit: more than the chart's 8 places).
MANY = {"standing_hours_per_day": 10, "footwear": "high_heels", "fluid_litres_per_day": 0.8, "pregnant": True,
        "diuretics": True, "training_without_warmup": True, "cold_water_swimming": True,
        "visible_varicose_veins": True, "back_pain_to_leg": True, "urge_to_move_legs": True,
        "sleep_feet_pointed": True}


def parse(html_text: str) -> tuple[ET.Element, ET.Element]:
    """The `<figure>` and its `<svg>`; fails if the HTML is not well-formed."""
    figure = ET.fromstring(html_text)
    svg = figure.find(f"{SVG}svg")
    assert svg is not None, "no <svg> in the chart"
    return figure, svg


def with_causes(result, causes):
    return dataclasses.replace(result, causes=tuple(causes))


def of_n(content, n: int):
    """A result with `n` causes (the first `n` of MANY's, repeated when more are wanted)."""
    many = assess(MANY, content)
    return with_causes(many, [many.causes[i % len(many.causes)] for i in range(n)])


def renamed(content, cause_id: str, short_title: str):
    """A copy of the content in which one cause has another short title."""
    cause = content.causes[cause_id]
    front = dataclasses.replace(cause.front, short_title=short_title)
    return dataclasses.replace(content, causes={**content.causes, cause_id: dataclasses.replace(cause, front=front)})


def bars(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f".//{SVG}g[@class='lc-chart-bars']/{SVG}rect")


def texts(svg: ET.Element, group: str) -> list[ET.Element]:
    return svg.findall(f".//{SVG}g[@class='{group}']/{SVG}text")


def axis_ends(svg: ET.Element) -> tuple[float, float]:
    """Where 0 and 100 are on the x axis, read from its tick labels."""
    ticks = {t.text: float(t.get("x")) for t in texts(svg, "lc-chart-ticks")}
    assert list(ticks) == ["0", "20", "40", "60", "80", "100"], list(ticks)
    return ticks["0"], ticks["100"]


def view_box(svg: ET.Element) -> tuple[float, float]:
    x, y, width, height = map(float, svg.get("viewBox").split())
    assert (x, y) == (0, 0)
    return width, height


def test_the_chart_is_a_well_formed_scalable_picture_named_by_its_alt_text(content):
    result = assess(MANY, content)
    figure, svg = parse(chart.chart_figure(result, content))
    assert figure.tag == "figure" and figure.get("class") == "lc-chart"
    assert svg.get("role") == "img" and svg.get("width") == "100%" and svg.get("height") is None
    view_box(svg)
    assert svg.get("aria-label") == chart.chart_alt(result, content)
    alt = svg.get("aria-label")
    assert alt.startswith(content.site.dashboard.chart_alt) and "Pregnancy 60 (moderate evidence)" in alt
    caption = figure.find("figcaption")
    assert caption.text == f"{content.site.dashboard.chart_legend} {chart.chart_legend(content)}"
    assert "Not supported (red, back stripes)" in caption.text
    assert chart.chart_figure(result, content) == chart.chart_figure(assess(MANY, content), content), "deterministic"


def test_bars_are_as_long_as_the_fit_numbers_on_the_axis(content):
    result = assess(MANY, content)
    _, svg = parse(chart.chart_figure(result, content))
    zero, hundred = axis_ends(svg)
    shown = bars(svg)
    assert len(shown) == chart.SLOTS < len(result.causes), "the top 8 causes, no more"
    for bar, cause in zip(shown, result.causes, strict=False):
        assert float(bar.get("x")) == zero
        fit = float(bar.get("width")) / (hundred - zero) * 100
        assert fit == pytest.approx(round(cause.relevance * 100), abs=0.1), cause.id


def test_each_bar_has_its_grades_colour_and_pattern(content):
    """Every grade, hatched or solid: a solid bar is its colour; a hatched one is a pattern of that colour
    under lines or dots in the edge colour, each hatch drawn its own way."""
    many = assess(MANY, content)
    grades = list(palette()["grades"])
    result = with_causes(many, [dataclasses.replace(c, evidence=g) for c, g in zip(many.causes, grades, strict=False)])
    _, svg = parse(chart.chart_figure(result, content))
    patterns = {p.get("id"): p for p in svg.iter(f"{SVG}pattern")}
    assert all(i.startswith("lc-chart-hatch-") for i in patterns), "pattern ids are prefixed: one page, many SVGs"
    drawn = {}
    for bar, grade in zip(bars(svg), grades, strict=True):
        look = palette()["grades"][grade]
        if not look["hatch"]:
            assert bar.get("fill") == look["colour"], grade
            continue
        assert bar.get("fill") == f"url(#lc-chart-hatch-{grade})", grade
        pattern = patterns[f"lc-chart-hatch-{grade}"]
        assert pattern[0].tag == f"{SVG}rect" and pattern[0].get("fill") == look["colour"], grade
        marks = ET.tostring(pattern[1], encoding="unicode")
        assert palette()["edge"] in marks, grade
        drawn[look["hatch"]] = marks
    assert set(drawn) == {"..", "//", "xx", "\\\\"}
    assert "circle" in drawn[".."] and "path" not in drawn[".."]
    rising, falling = "l6,-6", "l6,6"
    assert rising in drawn["//"] and falling not in drawn["//"]
    assert falling in drawn["\\\\"] and rising not in drawn["\\\\"]
    assert rising in drawn["xx"] and falling in drawn["xx"]
    assert all(b.get("stroke") is None for b in bars(svg))
    assert svg.find(f".//{SVG}g[@class='lc-chart-bars']").get("stroke") == palette()["edge"]


def test_the_labels_are_the_causes_short_titles_in_rank_order(content):
    result = assess(MANY, content)
    _, svg = parse(chart.chart_figure(result, content))
    labels = [t.text for t in texts(svg, "lc-chart-labels")]
    assert labels == [content.causes[c.id].front.short_title for c in result.causes[: chart.SLOTS]]
    label_y = [float(t.get("y")) for t in texts(svg, "lc-chart-labels")]
    bar_middle = [float(b.get("y")) + float(b.get("height")) / 2 for b in bars(svg)]
    assert label_y == sorted(label_y)
    for y, middle in zip(label_y, bar_middle, strict=True):
        assert middle < y < middle + chart.FONT / 2, "each label beside its own bar"


def test_the_picture_is_as_tall_as_the_causes_it_shows(content):
    """One cause is one bar over its axis, not a bar at the top of a tall empty chart; each further cause adds
    a place (two are always shown), up to 8; the axis and its label stay at the bottom."""
    heights = {n: view_box(parse(chart.chart_figure(of_n(content, n), content))[1])[1] for n in range(11)}
    assert heights[0] == heights[1] == heights[2]
    place = heights[3] - heights[2]
    assert 15 < place < 40
    assert all(heights[n + 1] - heights[n] == place for n in range(2, 8))
    assert heights[8] == heights[9] == heights[10]
    one = parse(chart.chart_figure(of_n(content, 1), content))[1]
    assert len(bars(one)) == 1
    assert heights[1] < heights[8] * 0.6
    axis_label = one.find(f"{SVG}text[@class='lc-chart-axis']")
    assert float(axis_label.get("y")) > max(float(t.get("y")) for t in texts(one, "lc-chart-ticks"))


def test_when_nothing_fits_the_chart_says_so(content):
    result = with_causes(assess({}, content), [])
    _, svg = parse(chart.chart_figure(result, content))
    words = content.site.dashboard
    assert svg.find(f"{SVG}text[@class='lc-chart-title']").text == words.chart_empty
    assert bars(svg) == [] and texts(svg, "lc-chart-labels") == []
    assert svg.get("aria-label") == words.chart_alt_empty == chart.chart_alt(result, content)
    assert svg.find(f"{SVG}defs") is None
    axis_ends(svg)  # the empty axis is still there
    some = parse(chart.chart_figure(assess({}, content), content))[1]
    assert some.find(f"{SVG}text[@class='lc-chart-title']").text == words.chart_title


def extents(svg: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """Each text's estimated box (text, left, right, top, bottom), from its anchor, size and weight."""
    found = []
    for parent in svg.iter():
        for t in parent.findall(f"{SVG}text"):
            anchor = t.get("text-anchor") or parent.get("text-anchor") or "start"
            size = float(t.get("font-size") or svg.get("font-size"))
            width = chart.text_width(t.text, size, bold=t.get("font-weight") == "600")
            x, y = float(t.get("x")), float(t.get("y"))
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            found.append((t.text, left, left + width, y - 0.8 * size, y + 0.25 * size))
    return found


@pytest.mark.parametrize("long_title", [None, "Pain in the calf when walking uphill", "Ödem — Wadenkrämpfe"])
def test_no_text_is_outside_the_picture(content, long_title):
    """No label is cut, even a long one: the left margin is made for the longest short title in the content."""
    if long_title:
        content = renamed(content, "pregnancy", long_title)
    for result in (assess(MANY, content), of_n(content, 1), with_causes(assess({}, content), [])):
        _, svg = parse(chart.chart_figure(result, content))
        width, height = view_box(svg)
        boxes = extents(svg)
        assert len(boxes) >= 7
        for text, left, right, top, bottom in boxes:
            assert left >= 0 and right <= width and top >= 0 and bottom <= height, (text, left, right, top, bottom)
        labels = [b for b in boxes if b[0] in {c.front.short_title for c in content.causes.values()}]
        zero, _ = axis_ends(svg)
        assert all(right < zero for _, _, right, _, _ in labels), "labels end before the axis"
    if long_title:
        assert long_title in chart.chart_figure(assess(MANY, content), content)


def test_text_and_axes_take_the_page_colour_and_numbers_are_short(content):
    """`currentColor`, so the dark theme's light text shows; numbers with one decimal at most (small, the same
    HTML on every machine)."""
    html_text = chart.chart_figure(assess(MANY, content), content)
    _, svg = parse(html_text)
    for t in svg.iter(f"{SVG}text"):
        assert t.get("fill") == "currentColor" or any(
            g.get("fill") == "currentColor" and t in list(g) for g in svg.iter(f"{SVG}g")), t.text
    assert svg.find(f"{SVG}path[@class='lc-chart-axes']").get("stroke") == "currentColor"
    numbers = re.findall(r'(?:x|y|width|height|cx|cy|viewBox)="([^"]+)"', html_text)
    for value in numbers:
        for n in re.findall(r"-?[\d.]+", value):
            assert re.fullmatch(r"-?\d+(\.\d)?", n), value
    for d in re.findall(r' d="([^"]+)"', html_text):
        assert all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in re.findall(r"-?[\d.]+", d)), d


def test_every_text_is_escaped(content):
    odd = 'A <b>"bold"</b> & co'
    content = renamed(content, "pregnancy", odd)
    html_text = chart.chart_figure(assess(MANY, content), content)
    assert "<b>" not in html_text
    _, svg = parse(html_text)
    assert odd in [t.text for t in texts(svg, "lc-chart-labels")]
    assert odd in svg.get("aria-label")
