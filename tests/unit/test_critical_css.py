"""The rules a page's start needs at its first paint (legcramps.voila.critical_css).

What the reader would notice is tested in a browser (tests/integration/app/test_first_text.py: the prose is
styled before the whole stylesheet arrives, and nothing moves when it does). Here: the selection never drops a
rule that could style the start, keeps the order, and never cuts a declaration in two.
"""

from __future__ import annotations

from legcramps.voila.critical_css import blocks, critical_rules, declarations, may_match, names_in

START = """<body class="jp-Notebook theme-light"><main id="rendered_cells">
<div class='jp-Cell jp-MarkdownCell'><p class="lc-badge lc-grade-strong" style="color: var(--inline-colour)">x</p></div>
</main>"""


def test_the_classes_and_ids_of_the_start_are_found():
    classes, ids = names_in(START)
    assert classes == {"jp-Notebook", "theme-light", "jp-Cell", "jp-MarkdownCell", "lc-badge", "lc-grade-strong"}
    assert ids == {"rendered_cells"}


def test_a_selector_is_dropped_only_when_it_needs_a_class_or_id_that_is_nowhere():
    classes, ids = {"a", "b"}, {"main"}
    assert may_match(".a .b > p:hover::after", classes, ids)
    assert may_match("body", classes, ids) and may_match("[data-x='.c']", classes, ids)
    assert may_match("#main.a", classes, ids)
    assert may_match(".a:not(.missing)", classes, ids), "a :not(.x) matches where .x is absent"
    assert may_match("body:has(.missing) .a", classes, ids), "classes inside :has() are not required"
    assert not may_match(".a .missing", classes, ids)
    assert not may_match("#other .a", classes, ids)
    assert may_match(".a\n.b", classes, ids)


def test_blocks_respect_comments_strings_and_nesting():
    css = """/* .gone { } */ @import url("x.css");
    .a { content: "}{"; }
    @media (min-width: 1px) { .a { color: red } .z { color: blue } }"""
    found = list(blocks(css))
    assert found[0] == ('@import url("x.css")', None)
    assert found[1][0] == ".a" and '"}{"' in found[1][1]
    assert found[2][0] == "@media (min-width: 1px)" and ".z" in found[2][1]


def test_declarations_keep_data_urls_whole():
    body = " --icon: url('data:image/svg+xml;utf8,<svg a=\"1;2\"/>'); color: red ; background:url(data:a;b) "
    assert declarations(body) == [("--icon", "url('data:image/svg+xml;utf8,<svg a=\"1;2\"/>')"),
                                  ("color", "red"), ("background", "url(data:a;b)")]


CSS = """
:root { --used: 1px; --via: var(--used2); --used2: 2px; --unused: url(data:image/png;base64,AAAA);
  --inline-colour: red; }
body { margin: var(--used); }
.lc-badge { padding: var(--via); }
.jp-Dialog { color: blue; }
@media print { .jp-Dialog { color: black } }
@media screen { .lc-grade-strong { background: green } .jp-Toolbar { display: none } }
@font-face { font-family: X; src: url(data:font/woff2;base64,AAAA); }
.jp-Cell.jp-MarkdownCell:not(.jp-mod-active) { border: 0 }
"""


def test_the_critical_rules_are_those_that_can_style_the_start_in_their_order():
    classes, ids = names_in(START)
    out = critical_rules(CSS, classes, ids, START)
    assert "jp-Dialog" not in out and "jp-Toolbar" not in out and "@media print" not in out
    kept = ["body{", ".lc-badge{", "@media screen{", ".lc-grade-strong{", "@font-face", ".jp-Cell.jp-MarkdownCell:not"]
    positions = [out.index(k) for k in kept]
    assert positions == sorted(positions), out


def test_only_the_custom_properties_in_use_are_kept():
    classes, ids = names_in(START)
    out = critical_rules(CSS, classes, ids, START)
    assert "--used:1px" in out and "--via:var(--used2)" in out and "--used2:2px" in out, "used, even through another"
    assert "--inline-colour:red" in out, "used by an inline style of the start"
    assert "--unused" not in out


def test_the_site_stylesheet_rules_for_the_prose_are_all_kept():
    """Every rule of the site's stylesheet that names only classes of a page's prose survives the selection."""
    from legcramps.render.assets import css

    site = css()
    classes = {"lc-root", "lc-doc", "lc-prose", "lc-badge", "lc-grade-strong", "lc-term", "lc-slot", "lc-slot-loading"}
    out = critical_rules(site, classes, set())
    for selector in (".lc-slot-loading", ".lc-root.lc-doc", ".lc-badge"):
        assert selector in out, selector
