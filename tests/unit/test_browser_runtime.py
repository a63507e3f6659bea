"""The in-browser edition's Python half (legcramps.browser.runtime), driven in CPython by a fake page: the
widgets' messages go out through `post` and come back through `receive`, as the worker passes them.

Why here: the bridge is the only new code between the Voilà edition's widgets and the browser, so a message
lost or mangled here would be a page that looks alive and answers nothing. The browser itself is tested in
tests/integration/browser/test_static_edition.py.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import comm
import pytest

import legcramps
from legcramps.browser import bundle, runtime
from legcramps.markup import esc


class FakePage:
    """What the page's live.js keeps: every comm by id, each widget's state as the page would hold it."""

    def __init__(self):
        self.opened: dict[str, dict] = {}
        self.state: dict[str, dict] = {}
        self.closed: list[str] = []
        self.parents: list[str | None] = []

    def post(self, kind: str, payload: str, buffers: list) -> None:
        message = json.loads(payload)
        comm_id = message["comm_id"]
        self.parents.append(message.get("parent"))
        if kind == "comm_open":
            self.opened[comm_id] = message
            self.state[comm_id] = dict(message["data"].get("state", {}))
        elif kind == "comm_msg" and message["data"].get("method") in ("update", "echo_update"):
            self.state[comm_id].update(message["data"]["state"])
        elif kind == "comm_close":
            self.closed.append(comm_id)

    def html_with_class(self, css_class: str) -> list[str]:
        """The `value` of every HTML widget whose own classes include `css_class`."""
        return [s.get("value", "") for s in self.state.values()
                if s.get("_model_name") == "HTMLModel" and css_class in (s.get("_dom_classes") or [])]

    def find(self, model: str, description: str) -> str:
        """The comm of the widget of this model whose label starts with `description` (a slider's label
        ends with its unit)."""
        return next(i for i, s in self.state.items()
                    if s.get("_model_name") == model and str(s.get("description", "")).startswith(description))


@pytest.fixture
def page(tmp_path, content):
    """The bridge connected to a fake page; `comm.create_comm` put back afterwards (other tests share it)."""
    before = comm.create_comm
    fake = FakePage()
    runtime.connect(fake.post)
    path = tmp_path / "content.pickle"
    path.write_bytes(bundle.content_pickle(content))
    fake.content_path = str(path)
    yield fake
    comm.create_comm = before
    runtime._alive.clear()


def test_the_dashboard_opens_every_widget_on_the_page_and_names_its_root(page):
    root = runtime.start({"part": "dashboard"}, page.content_path, "")
    assert root in page.opened
    assert page.state[root]["_model_name"] == "VBoxModel"
    assert all(m["target_name"] == "jupyter.widget" for m in page.opened.values())
    assert all(m["metadata"].get("version", "").startswith("2.") for m in page.opened.values())
    cards = page.html_with_class("lc-care-view")
    assert cards and 'data-tier="self_care"' in cards[0]


def test_a_share_link_with_a_clot_sign_opens_on_the_urgent_card(page, content):
    runtime.start({"part": "dashboard"}, page.content_path, "one_calf_swollen_warm_red=true")
    card = page.html_with_class("lc-care-view")[0]
    assert 'data-tier="urgent"' in card
    assert esc(content.checklist["massage_muscle"].text) not in card


def test_a_tick_from_the_page_reaches_python_and_the_card_follows(page, content):
    runtime.start({"part": "dashboard"}, page.content_path, "")
    box = page.find("CheckboxModel", content.factors["leg_cold_pale_numb"].label)
    runtime.receive(box, json.dumps({"method": "update", "state": {"value": True}, "buffer_paths": []}), [])
    card = page.html_with_class("lc-care-view")[0]
    assert 'data-tier="emergency"' in card
    assert esc(content.checklist["call_999_now"].text) in card
    # the share link (and so the address bar) holds the tick
    assert any("leg_cold_pale_numb=true" in v for v in page.html_with_class("lc-share"))


def test_what_python_sends_while_handling_a_move_names_that_move(page, content):
    """ipywidgets' JavaScript matches each echo of a value to the message that set it (a kernel's parent
    header); without the parent, fast key presses on a slider were rolled back by the echoes of older ones."""
    runtime.start({"part": "dashboard"}, page.content_path, "")
    page.parents.clear()
    slider = page.find("FloatSliderModel", content.factors["fluid_litres_per_day"].label)
    runtime.receive(slider, json.dumps({"method": "update", "state": {"value": 0.9}, "buffer_paths": []}), [],
                    "m7")
    assert page.parents and set(page.parents) == {"m7"}
    assert page.state[slider]["value"] == 0.9
    page.parents.clear()
    runtime.start({"part": "quiz", "slug": "02-overload", "causes": []}, page.content_path, "")
    assert set(page.parents) == {None}, "nothing the page asked for"


def _card_query(content, scenario_id: str) -> str:
    from legcramps.answers import to_query

    card = next(sc for sc in content.scenarios if sc.id == scenario_id)
    return f"mode=class&scenario={card.id}&{to_query(card.answers, content)}"


def test_a_card_followed_in_place_shows_what_a_fresh_page_at_its_link_shows(page, content):
    """Class mode in the in-browser edition: picking a card does not load the page again (Python would start
    again), so the dashboard must end exactly where a fresh page at the card's link starts."""
    first, second = content.scenarios[0].id, content.scenarios[1].id
    runtime.start({"part": "dashboard"}, page.content_path, _card_query(content, first))
    runtime.start({"part": "dashboard"}, page.content_path, _card_query(content, second))
    followed, fresh = runtime._alive
    followed.open_link(_card_query(content, second))
    assert followed.controls.answers() == fresh.controls.answers()
    assert followed.scenario == fresh.scenario == second
    assert followed.result.to_dict() == fresh.result.to_dict()
    for part in ("care", "causes"):
        assert getattr(followed, part).widget.value == getattr(fresh, part).widget.value, part
    assert followed.cards.value == fresh.cards.value and followed.share.value == fresh.share.value
    runtime.open_link("mode=class")  # every dashboard of the page: back to "pick a card", nothing ranked
    assert followed.scenario is None and followed.awaiting_card()
    assert "lc-awaiting-card" in followed.widget._dom_classes


def test_a_message_for_a_closed_widget_is_ignored(page):
    runtime.start({"part": "dashboard"}, page.content_path, "")
    runtime.receive("no-such-comm", json.dumps({"method": "update", "state": {}}), [])


@pytest.mark.parametrize("part", [{"part": "explore", "causes": ["overload"], "slug": "02-overload"},
                                  {"part": "quiz", "slug": "02-overload", "causes": ["overload"]}])
def test_a_cause_page_s_parts_are_built_without_matplotlib(page, part):
    root = runtime.start(part, page.content_path, "")
    assert root in page.opened
    assert not any("<img" in v for v in page.html_with_class("lc-figure")), "the figure is drawn at build time"


def test_an_unknown_part_is_refused(page):
    with pytest.raises(ValueError, match="unknown live part"):
        runtime.start({"part": "teleport"}, page.content_path, "")


def _ipython_names_ipywidgets_imports() -> set[tuple[str, str]]:
    """(module, name) of every `from IPython… import name` in ipywidgets' own modules (not its tests)."""
    import ipywidgets

    found = set()
    for path in Path(ipywidgets.__file__).parent.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "IPython":
                found |= {(node.module, alias.name) for alias in node.names}
    return found


def test_the_ipython_stand_in_offers_every_name_ipywidgets_imports():
    wanted = _ipython_names_ipywidgets_imports()
    assert ("IPython", "get_ipython") in wanted
    script = ("import importlib, json, sys\nmissing = []\n"
              f"for module, name in {sorted(wanted)!r}:\n"
              "    if not hasattr(importlib.import_module(module), name): missing.append(module + '.' + name)\n"
              "import IPython\nprint(json.dumps([IPython.__file__, missing]))")
    out = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": str(bundle.STANDIN)},
                         capture_output=True, text=True, check=True).stdout
    where, missing = json.loads(out)
    assert Path(where).is_relative_to(bundle.STANDIN)
    assert missing == []


def test_the_dashboard_imports_only_the_libraries_the_bundle_ships(tmp_path):
    """Import the dashboard with the stand-in IPython first on the path: every module it loads is the
    standard library, our package or one of `bundle.LIBRARIES` (anything else would be missing in the page)."""
    script = ("import sys\nbefore = set(sys.modules)\nimport legcramps.ui.dashboard, legcramps.ui.explorer, "
              "legcramps.ui.quiz, legcramps.browser.runtime\n"
              "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
              "print(' '.join(sorted(m for m in new if m not in sys.stdlib_module_names)))")
    package_root = Path(legcramps.__file__).resolve().parents[1]
    paths = [str(bundle.STANDIN), str(package_root), *sys.path[1:]]
    out = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": ":".join(paths)},
                         capture_output=True, text=True, check=True).stdout.split()
    allowed = {"legcramps", "IPython", *bundle.LIBRARIES}
    assert set(out) <= allowed, f"not in the browser bundle: {set(out) - allowed}"


def test_what_a_python_snapshot_keeps_holds_no_widget(tmp_path, content):
    """`runtime.prepare` is what a repeat visit restores (worker.mjs keeps Python's memory after it): it must
    leave no widget behind. A widget made while importing (a layout shared at module level did) has no way
    to the page, since the bridge is connected after the snapshot, and the page then waited ~18 s on
    "widget model not found" for every view that named it."""
    path = tmp_path / "content.pickle"
    path.write_bytes(bundle.content_pickle(content))
    script = ("import comm\nfrom ipywidgets.widgets.widget import _instances\n"
              "from legcramps.browser import runtime\n"
              f"runtime.prepare({str(path)!r})\n"
              "print(len(_instances), len(comm.get_comm_manager().comms), len(runtime._alive))")
    package_root = Path(legcramps.__file__).resolve().parents[1]
    paths = [str(bundle.STANDIN), str(package_root), *sys.path[1:]]
    out = subprocess.run([sys.executable, "-c", script], env={"PYTHONPATH": ":".join(paths)},
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "0", "0"], "widgets, comms and live parts left by runtime.prepare"


def test_the_bundle_holds_the_package_the_libraries_and_the_stand_in():
    files = bundle.python_files()
    for name in ("legcramps/browser/runtime.py", "legcramps/ui/dashboard.py", "legcramps/static/style.css",
                 "IPython/__init__.py", "ipywidgets/__init__.py", "traitlets/__init__.py", "comm/__init__.py",
                 "typing_extensions.py"):
        assert name in files, name
    assert not any(n.startswith("legcramps/browser/standin/") or "/tests/" in n for n in files)
