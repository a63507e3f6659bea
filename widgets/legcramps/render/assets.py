"""Page assets as strings: the stylesheet, the palette and the accessibility script, from `legcramps/static/`.

Why here and not beside the widgets: the notebooks' static page parts, the handouts and the tests need the
same stylesheet text the dashboard shows, and none of them should import ipywidgets to get it. The palette
lives in one JSON file next to the CSS, so the relevance chart and the cause figures cannot drift apart.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legcramps.markup import esc

if TYPE_CHECKING:
    pass

STATIC = Path(__file__).resolve().parent.parent / "static"

#: A 1×1 GIF. HTML widgets set innerHTML, which never runs <script> elements but does run event-handler
#: attributes, so a page script runs as the onload of a hidden pixel.
PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"

#: Accessibility repairs ipywidgets 8 cannot do from Python: a slider handle (noUiSlider, role="slider") gets
#: no accessible name from the visible <label>, so it gets that label as aria-label, and its editable readout
#: gets one too; each control gets aria-describedby pointing at its help text; a group's header button says
#: whether it is open (aria-expanded). A MutationObserver repeats this whenever widgets are (re)drawn.
#: It only sets aria-* attributes on our own widgets (inside .lc-root); nothing depends on it to work.
A11Y_JS = """(function () {
  if (window.lcA11y) { window.lcA11y(); return; }
  var queued = false;
  function fix() {
    queued = false;
    document.querySelectorAll('.lc-root .lc-control').forEach(function (c) {
      var label = c.querySelector('.widget-label');
      var name = label ? label.textContent.trim() : '';
      var m = /lc-factor-([a-z0-9_]+)/.exec(c.className);
      var help = m && document.getElementById('help-' + m[1]);
      c.querySelectorAll('.noUi-handle, .widget-readout, select, input').forEach(function (el) {
        var isReadout = el.classList.contains('widget-readout');
        if (name && (isReadout || el.classList.contains('noUi-handle'))) {
          var want = isReadout ? name + ', type a number' : name;
          if (el.getAttribute('aria-label') !== want) el.setAttribute('aria-label', want);
          if (isReadout && el.getAttribute('role') !== 'textbox') el.setAttribute('role', 'textbox');
        }
        if (help && el.getAttribute('aria-describedby') !== help.id) el.setAttribute('aria-describedby', help.id);
      });
    });
    document.querySelectorAll('.lc-root .lc-section').forEach(function (s) {
      var b = s.querySelector('.lc-section-toggle');
      var open = s.classList.contains('lc-open') ? 'true' : 'false';
      if (b && b.getAttribute('aria-expanded') !== open) b.setAttribute('aria-expanded', open);
    });
  }
  window.lcA11y = function () { if (!queued) { queued = true; setTimeout(fix, 0); } };
  new MutationObserver(window.lcA11y).observe(document.body,
    {childList: true, subtree: true, attributes: true, attributeFilter: ['class']});
  fix();
})();"""


@functools.cache
def css() -> str:
    """The one stylesheet of every page (static/style.css)."""
    return (STATIC / "style.css").read_text(encoding="utf-8")


def deck_css() -> str:
    """The slides' stylesheet (static/deck.css): a projector's large type, the site's colours, no theme."""
    return (STATIC / "deck.css").read_text(encoding="utf-8")


@functools.cache
def palette() -> dict[str, Any]:
    """The one palette (static/palette.json): Okabe–Ito colours, grade colours, hatches (their words are
    content: site.yaml `grades[].looks`)."""
    return json.loads((STATIC / "palette.json").read_text(encoding="utf-8"))


def script(css_class: str, js: str, **data: str) -> str:
    """A page script as a hidden pixel whose onload runs `js` (with `data-*` attributes it can read)."""
    attrs = "".join(f'data-{name}="{esc(value)}" ' for name, value in data.items())
    return f'<img class="{css_class}" alt="" hidden src="{PIXEL}" {attrs}onload="{esc(js)}">'
