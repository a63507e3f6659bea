"""A bench run written out: benchmarks/results/latest.json (everything) and latest.md (the table), with the
machine and package versions."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import bench_engine
import psutil
from bench_goals import GOALS
from bench_pages import CHROMIUM

RESULTS = Path(__file__).resolve().parent / "results"

PACKAGES = ("legcramps", "voila", "ipywidgets", "jupyter_server", "jupyter_client", "ipykernel", "matplotlib",
            "tornado", "pydantic", "playwright", "psutil")


def machine_info() -> dict[str, Any]:
    info = bench_engine.machine_info()
    info["ram_gib"] = round(psutil.virtual_memory().total / 2**30, 1)
    info["ram_available_gib_at_start"] = round(psutil.virtual_memory().available / 2**30, 1)
    info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def package_versions(browser_version: str | None) -> dict[str, str | None]:
    versions = bench_engine.installed_versions(PACKAGES)
    try:
        out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        out = None
    versions["chromium"] = out
    versions["chromium_playwright_reports"] = browser_version
    return versions


def _fmt(value: Any, unit: str) -> str:
    if value is None:
        return "n/a"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "count":
        return f"{value:g}"
    if unit == "ms" and value < 1:
        return f"{value:.3f} ms"
    return f"{value:,.1f} {unit}" if isinstance(value, float) else f"{value} {unit}"


def _churn_rss(block: dict[str, Any]) -> str:
    rss = block["measured"].get("rss_mb") or {}
    if not rss:
        return block["measured"].get("error") or "no figures"
    objects = (block["measured"].get("python_objects_growth_percent") or {}).get("objects")
    return f"{rss['start_after_warmup']} → {rss['end']} MB, peak {rss['peak']} MB; Python objects {objects:+} %"


def markdown_table(result: dict[str, Any]) -> str:
    f = result["figures"]
    m = result["measured"]

    def goal(name: str) -> str:
        g = GOALS[name]
        return f"{g['metric']} ≤ {_fmt(g['at_most'], g['unit'])}"

    def met(name: str) -> str:
        return "yes" if f[name]["meets_goal"] else "**no**"

    def s(block: dict[str, Any]) -> str:
        if not block.get("n"):
            return "n/a"
        return f"median {block['median']:,.0f} / p95 {block['p95']:,.0f} ms (n={block['n']})"

    t = f["tti_preheated_ratio"]
    u = m["updates"]
    k = f["kernel_memory_ratio"]
    c = m["concurrent"]
    pre = m["tti_preheated"]
    cold = m["tti_cold"]


    def lat(key: str) -> str:
        return "; ".join(f"{kind} {u[kind][key].get('p95', 'n/a')}" for kind in ("slider", "checkbox", "dropdown"))

    rows = [
        "| Figure | Measured | Baseline | Goal | Met? |",
        "|---|---|---|---|---|",
        f"| Dashboard time to interactive ÷ bare one-slider notebook, both preheated | {_fmt(t['value'], '×')} "
        f"(dashboard {s(pre['dashboard']['tti'])}) | bare slider {s(pre['bare']['tti'])} "
        f"| {goal('tti_preheated_ratio')} | {met('tti_preheated_ratio')} |",
        f"| Control change → care card, causes, checklist updated (p95; per kind: {lat('text_updated')}) "
        f"| {_fmt(f['update_text_p95']['value'], 'ms')} (median {u['all']['text_updated'].get('median')} ms, "
        f"n={u['all']['moves']}) | round trip to a bare slider + HTML: p95 {u['echo']['text_updated'].get('p95')} / "
        f"median {u['echo']['text_updated'].get('median')} ms | {goal('update_text_p95')} | {met('update_text_p95')} |",
        f"| Control change → chart updated and painted (p95; per kind: {lat('figure_settled')}) "
        f"| {_fmt(f['update_figure_p95']['value'], 'ms')} (median {u['all']['figure_settled'].get('median')} ms) "
        f"| round trip to a bare slider + one-bar PNG: p95 {u['echo']['figure_settled'].get('p95')} / "
        f"median {u['echo']['figure_settled'].get('median')} ms | {goal('update_figure_p95')} "
        f"| {met('update_figure_p95')} |",
        f"| Kernel memory per dashboard session ÷ bare ipywidgets + matplotlib kernel | {_fmt(k['value'], '×')} "
        f"(RSS {k['measured']['dashboard_rss_mib']} MiB, USS {k['measured']['dashboard_uss_mib']} MiB) "
        f"| RSS {k['baseline']['rss_mib']} MiB, USS {k['baseline']['uss_mib']} MiB "
        f"| {goal('kernel_memory_ratio')} | {met('kernel_memory_ratio')} |",
        *_first_text_row(f, goal, met),
        *_site_rows(f, m, goal, met, s),
        f"| {c['sessions']} concurrent dashboard sessions: time to interactive "
        f"({c['browser_sessions']} in Chromium, the rest websocket clients; preheated pool of {c['sessions']}) "
        f"| {s(c['tti'])}; Chromium pages p95 {_fmt(c['tti_browsers'].get('p95'), 'ms')}; "
        f"{c['sessions_not_interactive']} not interactive within {c['timeout_s']:.0f} s (counted as that) "
        f"| one session alone, preheated: {s(pre['dashboard']['tti'])} | {goal('concurrent_tti_p95')} "
        f"| {met('concurrent_tti_p95')} |",
        f"| {c['sessions']} concurrent dashboard sessions: errors (burst, then {c['load_s']:.0f} s of moves) "
        f"| {f['concurrent_errors']['value']} (Voilà logged {c['server_iopub_timeouts']} IOPub timeouts) | – "
        f"| {goal('concurrent_errors')} | {met('concurrent_errors')} |",
        f"| `assess()` p95 | {_fmt(f['assess_p95']['value'], 'ms')} | – | {goal('assess_p95')} "
        f"| {met('assess_p95')} |",
        f"| Voilà server RSS after {(f['server_rss_after_churn']['measured'].get('sessions') or {}).get('total')} "
        "abandoned sessions and the cull, growth from after one warm-up session "
        f"| {_fmt(f['server_rss_after_churn']['value'], '%')} ({_churn_rss(f['server_rss_after_churn'])}) "
        f"| plain `voila`: +74 % | {goal('server_rss_after_churn')} | {met('server_rss_after_churn')} |",
        f"| `content.load()` with full validation (no snapshot yet), median "
        f"| {_fmt(f['load_cold']['value'], 'ms')}; from the snapshot, as kernels load it: "
        f"{_fmt(f['load_cold']['measured'].get('from_snapshot_median_ms'), 'ms')} | – | {goal('load_cold')} "
        f"| {met('load_cold')} |",
    ]
    d = result.get("diagnostics", {})
    extra = _first_text_table(m.get("first_text"))
    extra += [
        "",
        "| Also measured | Result |",
        "|---|---|",
        *_site_info(m),
        f"| Time to interactive, cold kernel: dashboard | {s(cold['dashboard']['tti'])} |",
        f"| Time to interactive, cold kernel: bare slider | {s(cold['bare']['tti'])} |",
        f"| HTML fully served, cold dashboard / preheated dashboard "
        f"| {cold['dashboard']['html_response_end'].get('median')} / "
        f"{pre['dashboard']['html_response_end'].get('median')} ms (median) |",
        f"| Share link applied: cold kernel / preheated kernel "
        f"| {m['share_link_cold']['applied']} / {m['share_link_preheated_dashboard']['applied']} |",
        f"| Kernel RSS after {u['all']['moves']} moves | "
        f"{(u.get('kernel_memory_after_moves') or {}).get('rss_mib')} MiB |",
        f"| WebSocket frames received per move (median) | {u['all']['ws_frames_in_per_move'].get('median')} |",
        f"| {c['sessions']} sessions under load: moves, move → kernel idle (websocket clients) "
        f"| {c['load_moves']} moves ({c['load_moves_per_s']}/s): {s(c['load_move_to_idle'])}; CPU share "
        + ", ".join(f"{k} {v:.0%}" for k, v in c["cpu_share_under_load"].items()) + " |",
        f"| {c['sessions']} sessions: kernels' RSS / USS in total; burst CPU s (server / kernels); wall "
        f"| {c['kernels_rss_total_mib']:,.0f} / {c['kernels_uss_total_mib']:,.0f} MiB; "
        f"{c['cpu_s_burst']['voila_server']:g} / {c['cpu_s_burst']['kernels']:g}; {c['wall_s']:g} s |",
        "| Tabs closed whose kernel the page's shutdown beacon did not free (plain Voilà: all, voila#1458) "
        f"| {cold['dashboard']['kernels_left_running_after_tab_close']} of {cold['dashboard']['visits']} |",
        "| Widget phase (kernel WebSocket open → first control), preheated: bare / dashboard "
        "| " + " / ".join(f"{pre[k]['ws_open_to_tti'].get('median')}" for k in ("bare", "dashboard"))
        + " ms (median) |",
        "| First visit (empty browser cache), preheated: bare / dashboard "
        "| " + " / ".join(f"{pre[k]['first_visit_tti_ms']}" for k in ("bare", "dashboard")) + " ms |",
    ]
    if "error" not in d:
        extra += [
            f"| Kernel side (plain process): import ipywidgets / the rest of the dashboard (drawing libraries "
            f"loaded: {d.get('drawing_libraries_loaded', 0):g}) | {d['import_ipywidgets_ms']} / "
            f"{d['import_dashboard_rest_ms']} ms |",
            "| `python -X importtime` (cumulative ms): "
            + ", ".join(f"{k} {v:g}" for k, v in d.get("importtime_ms", {}).items()) + " | |",
            f"| Kernel side: `Dashboard()` / one `update()` / chart SVG | {d['dashboard_init_ms']} / "
            f"{d['update_ms']} / {d['chart_svg_ms']} ms |",
            f"| Widget models in one dashboard / their state | {d['widget_models']:g} / "
            f"{d['widget_state_kib']:,.0f} KiB |",
        ]
    mach = result["machine"]
    pk = result["packages"]
    extra += [
        "",
        f"Machine: {mach['cpu_count']} CPUs, {mach['ram_gib']} GiB RAM, Python {mach['python']}, {mach['platform']}; "
        f"load average {mach['load_average_at_start']} at start, {mach.get('load_average_at_end')} at end. "
        f"voila {pk['voila']}, ipywidgets {pk['ipywidgets']}, jupyter_server {pk['jupyter_server']}, "
        f"matplotlib {pk['matplotlib']}, {pk['chromium']}. Run took {result['duration_s']:.0f} s"
        + (" (quick mode: small counts, rough figures)." if result["quick"] else "."),
    ]
    return "\n".join(rows + extra) + "\n"


def _site_rows(f: dict[str, Any], m: dict[str, Any], goal, met, s) -> list[str]:
    """The in-browser edition's rows, each beside the Voilà edition's figure of the same run."""
    site = m.get("site")
    if not site or "site_repeat_tti" not in f:
        return []
    dash, cause = site["dashboard"], site["cause_page"]
    tr = f["site_first_visit_transfer"]
    return [
        f"| In-browser edition: first text (first contentful paint; dashboard and a cause page, first and repeat "
        f"visits) | worst {_fmt(f['site_first_text_max']['value'], 'ms')} (dashboard first visit "
        f"{s(dash['first_visit']['first_text'])}) | Voilà edition, same run: first text in a burst above "
        f"| {goal('site_first_text_max')} | {met('site_first_text_max')} |",
        f"| In-browser edition: dashboard time to interactive, repeat visit (offline cache; Python in the page) "
        f"| {s(dash['repeat_visit']['tti'])}; first visit {s(dash['first_visit']['tti'])}; cause page repeat "
        f"{s(cause['repeat_visit']['tti'])} | Voilà edition, preheated: {s(m['tti_preheated']['dashboard']['tti'])} "
        f"| {goal('site_repeat_tti')} | {met('site_repeat_tti')} |",
        f"| In-browser edition: a first visit's transfer (static server, no compression; the offline cache "
        f"included) | {_fmt(tr['value'], 'MB')} ({tr['measured'].get('requests_200')} files; gzip "
        f"{_fmt(tr['measured'].get('gzip_mb'), 'MB')}; whole site {_fmt(site['size']['total_mb'], 'MB')}) "
        f"| Voilà edition: ~100 MB of server memory per reader instead | {goal('site_first_visit_transfer')} "
        f"| {met('site_first_visit_transfer')} |",
    ]


def _site_info(m: dict[str, Any]) -> list[str]:
    """The in-browser edition's figures without a goal: update latency, the steps of a visit, the build."""
    site = m.get("site")
    if not site:
        return []
    upd = site["updates"]["all"]
    repeat = site["dashboard"]["repeat_visit"]
    steps = repeat["steps"]
    order = ("widgets_js", "pyodide", "python", "built_0", "shown_0")
    return [
        f"| In-browser edition: control change → care card, causes, checklist updated, p95 / median (Voilà "
        f"edition, same moves: p95 {m['updates']['all']['text_updated'].get('p95')} ms) "
        f"| {upd['text_updated'].get('p95')} / {upd['text_updated'].get('median')} ms; chart painted p95 "
        f"{upd['figure_settled'].get('p95')} ms (n={upd['moves']}) |",
        "| In-browser edition, repeat visit, median ms from navigation start: widgets' JavaScript ready / "
        "Pyodide ready (restored from the first visit's snapshot in "
        f"{repeat.get('restored_from_snapshot', 0)} of {repeat.get('visits', 0)} visits) / our Python ready / "
        "dashboard built / shown "
        "| " + " / ".join(str(steps.get(k, {}).get("median")) for k in order) + " |",
        f"| In-browser edition: `make site` build time | {site['build_s']} s |",
    ]


def _first_text_row(f: dict[str, Any], goal, met) -> list[str]:
    block = f.get("first_text_burst_max")
    if not block:
        return []
    return [f"| First text on screen, worst of home / dashboard / cause page, for visitors 1, 3 and 10 of a "
            f"burst of ten | {_fmt(block['value'], 'ms')} | bare one-slider Voilà page: "
            + ", ".join(f"{k.replace('_', ' ')} {_fmt(v['text_ms'], 'ms')}" for k, v in block["baseline"].items()
                        if isinstance(v, dict))
            + f" | {goal('first_text_burst_max')} | {met('first_text_burst_max')} |"]


def _first_text_table(ft: dict[str, Any] | None) -> list[str]:
    """First text and first control per page type and measured visitor (ms from navigation start)."""
    if not ft:
        return []
    visitors = ft["measured_visitors"]
    rows = ["", f"First text / first control (ms from navigation start), a burst of {ft['burst']} visitors "
            f"{ft['spacing_s']} s apart on a warm server; visitors {visitors} are Chromium pages:", "",
            "| Page | " + " | ".join(f"visitor {n}" for n in visitors) + " | other visitors: page served / "
            "interactive (median) | errors |",
            "|---|" + "---|" * len(visitors) + "---|---|"]
    for page, block in ft.items():
        if not isinstance(block, dict) or "first_text_max_ms" not in block:
            continue
        cells = []
        for n in visitors:
            v = block[f"visitor_{n}"]
            cells.append(f"{_fmt(v['text_ms'], 'ms')} / {_fmt(v['control_ms'], 'ms') if v['control_ms'] else '–'}")
        served, interactive = block["background_page_served"], block["background_interactive"]
        bg = f"{served.get('median', '–')} / {interactive.get('median', '–')} ms"
        rows.append(f"| {page} | " + " | ".join(cells) + f" | {bg} | {len(block['errors'])} |")
    return rows


def write(result: dict[str, Any], out_dir: Path = RESULTS) -> tuple[Path, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    js = out_dir / "latest.json"
    md = out_dir / "latest.md"
    js.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text("# Benchmark results\n\n" + markdown_table(result), encoding="utf-8")
    return js, md
