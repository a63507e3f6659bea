"""The figures a bench run is judged by: each with its unit, goal and baseline, and whether this run met it."""

from __future__ import annotations

from typing import Any

from bench_stats import ratio

GOALS = {
    "tti_preheated_ratio": {"metric": "median ratio", "at_most": 1.15, "unit": "×"},
    "update_text_p95": {"metric": "p95", "at_most": 20.0, "unit": "ms"},
    "update_figure_p95": {"metric": "p95", "at_most": 30.0, "unit": "ms"},
    "kernel_memory_ratio": {"metric": "median RSS ratio", "at_most": 1.1, "unit": "×"},
    "first_text_burst_max": {"metric": "max", "at_most": 500.0, "unit": "ms"},
    "concurrent_tti_p95": {"metric": "p95", "at_most": 3000.0, "unit": "ms"},
    "concurrent_errors": {"metric": "count", "at_most": 0, "unit": "count"},
    "assess_p95": {"metric": "p95", "at_most": 0.2, "unit": "ms"},
    "load_cold": {"metric": "median", "at_most": 50.0, "unit": "ms"},
    "server_rss_after_churn": {"metric": "growth", "at_most": 10.0, "unit": "%"},
    # the in-browser edition (bench_site), side by side with the Voilà edition in the same run
    "site_first_text_max": {"metric": "max", "at_most": 500.0, "unit": "ms"},
    "site_repeat_tti": {"metric": "median", "at_most": 3000.0, "unit": "ms"},
    "site_first_visit_transfer": {"metric": "as sent", "at_most": 25.0, "unit": "MB"},
}


def goal_block(name: str, value: float | None, unit: str, measured: dict[str, Any], baseline: dict[str, Any] | None,
                note: str = "") -> dict[str, Any]:
    goal = GOALS[name]
    block = {"value": value, "unit": unit, "goal": goal, "measured": measured, "baseline": baseline,
             "meets_goal": value is not None and value <= goal["at_most"]}
    if note:
        block["note"] = note
    return block


def goal_figures(measured: dict[str, Any], engine: dict[str, Any]) -> dict[str, Any]:
    """The figures with goals (name → block, see `goal_block`), from a run's measurements and the engine's."""
    pre, cold, upd, conc = measured["tti_preheated"], measured["tti_cold"], measured["updates"], measured["concurrent"]
    figures: dict[str, Any] = {}
    dash_pre, bare_pre = pre["dashboard"]["tti"].get("median"), pre["bare"]["tti"].get("median")
    figures["tti_preheated_ratio"] = goal_block(
        "tti_preheated_ratio", ratio(dash_pre, bare_pre), "×",
        {"dashboard_median_ms": dash_pre, "dashboard_p95_ms": pre["dashboard"]["tti"].get("p95")},
        {"name": "bare one-slider notebook, preheated", "median_ms": bare_pre, "p95_ms": pre["bare"]["tti"].get("p95")},
        "time to the first slider handle on screen, from navigation start; both pages on preheated kernels")
    echo = upd["echo"]
    figures["update_text_p95"] = goal_block(
        "update_text_p95", upd["all"]["text_updated"].get("p95"), "ms",
        {"median_ms": upd["all"]["text_updated"].get("median"),
         **{k: upd[k]["text_updated"] for k in ("slider", "checkbox", "dropdown")}},
        {"name": "bare round trip: slider → HTML text (baseline/echo.ipynb), same run",
         "p95_ms": echo["text_updated"].get("p95"), "median_ms": echo["text_updated"].get("median"),
         "design_md_p95_ms": 13},
        "key/click/change event → last mutation of care card, causes and checklist")
    figures["update_figure_p95"] = goal_block(
        "update_figure_p95", upd["all"]["figure_settled"].get("p95"), "ms",
        {"median_ms": upd["all"]["figure_settled"].get("median"),
         **{k: upd[k]["figure_settled"] for k in ("slider", "checkbox", "dropdown")}},
        {"name": "bare round trip: slider → one-bar matplotlib PNG (baseline/echo.ipynb), same run",
         "p95_ms": echo["figure_settled"].get("p95"), "median_ms": echo["figure_settled"].get("median"),
         "design_md_p95_ms": 42},
        "key/click/change event → chart <svg> swapped and in the next frame (the baseline: <img> swapped and decoded)")
    dash_rss = cold["dashboard"]["kernel_rss_mib"].get("median")
    base_rss = measured["memory_widgets_mpl"]["kernel_rss_mib"].get("median")
    figures["kernel_memory_ratio"] = goal_block(
        "kernel_memory_ratio", ratio(dash_rss, base_rss), "×",
        {"dashboard_rss_mib": dash_rss, "dashboard_uss_mib": cold["dashboard"]["kernel_uss_mib"].get("median"),
         "dashboard_rss_after_moves_mib": (upd.get("kernel_memory_after_moves") or {}).get("rss_mib")},
        {"name": "bare ipywidgets + matplotlib kernel", "rss_mib": base_rss,
         "uss_mib": measured["memory_widgets_mpl"]["kernel_uss_mib"].get("median"),
         "one_slider_rss_mib": cold["bare"]["kernel_rss_mib"].get("median")},
        "kernel process RSS (children included) after the page is complete and the machine quiet")
    ft = measured.get("first_text")
    if ft:
        site_pages = ("home", "dashboard", "cause page")
        worst = [ft[p]["first_text_max_ms"] for p in site_pages]
        bare = ft["bare Voilà page"]
        figures["first_text_burst_max"] = goal_block(
            "first_text_burst_max", None if None in worst else max(worst), "ms",
            {p: {f"visitor_{n}": {k: ft[p][f"visitor_{n}"][k] for k in ("text_ms", "control_ms")}
                 for n in ft["measured_visitors"]} for p in site_pages},
            {"name": "bare one-slider Voilà page, same server settings, same burst",
             **{f"visitor_{n}": {k: bare[f"visitor_{n}"][k] for k in ("text_ms", "control_ms")}
                for n in ft["measured_visitors"]}},
            f"first sentence on screen, from navigation start, for visitors {ft['measured_visitors']} of "
            f"{ft['burst']} arriving {ft['spacing_s']} s apart (the others websocket clients); worst of the "
            "home page, the dashboard and a cause page")
    figures["concurrent_tti_p95"] = goal_block(
        "concurrent_tti_p95", conc["tti"].get("p95"), "ms",
        {"sessions": conc["sessions"], "median_ms": conc["tti"].get("median"), "max_ms": conc["tti"].get("max"),
         "browsers_p95_ms": conc["tti_browsers"].get("p95"),
         "websocket_clients_p95_ms": conc["tti_websocket_clients"].get("p95")},
        {"name": "one dashboard alone, preheated, Chromium", "median_ms": pre["dashboard"]["tti"].get("median")},
        f"{conc['sessions']} sessions opened at once ({conc['browser_sessions']} Chromium pages, the rest websocket "
        "clients that fetch the page and the full widget state), preheated server with a pool that size")
    figures["concurrent_errors"] = goal_block(
        "concurrent_errors", conc["errors"] + conc["server_iopub_timeouts"], "count",
        {"sessions": conc["sessions"], "samples": conc["error_samples"], "load_moves": conc["load_moves"]}, None,
        "timeouts, HTTP errors, pages without widgets or with error output, page errors, moves without an answer, "
        "IOPub timeouts in the server log; during the burst and the load that follows")
    a = engine["figures"]["assess"]
    figures["assess_p95"] = goal_block("assess_p95", a["p95"], "ms", {"p50": a["p50"], "p99": a["p99"],
                                                                       "calls": a["calls"]}, None)
    ld = engine["figures"]["load_cold"]
    figures["load_cold"] = goal_block(
        "load_cold", ld["median"], "ms",
        {"p95": ld["p95"], "runs": ld["runs"], "from_snapshot_median_ms": ld.get("from_snapshot_median"),
         "from_snapshot_p95_ms": ld.get("from_snapshot_p95")}, None,
        "full validation with no snapshot (after a content edit, `legcramps check`, the first kernel); kernels "
        "after that load the snapshot")

    ch = measured["churn"]
    rss = ch.get("voila_rss_mb", {})
    figures["server_rss_after_churn"] = goal_block(
        "server_rss_after_churn", rss.get("growth_percent"), "%",
        {"sessions": ch.get("sessions"), "rss_mb": rss, "kernels": ch.get("kernels"),
         "python_objects_growth_percent": ch.get("voila_python_heap", {}).get("growth_percent"),
         "test_passed": ch.get("test_passed"), "error": ch.get("error")},
        {"name": "the same server after one warm-up session of each kind", "rss_mb": rss.get("start_after_warmup")},
        "Voilà server RSS after that many sessions were opened and dropped without closing (plain GETs and "
        "Chromium pages) and the culler freed their kernels")

    site = measured.get("site")
    if site:
        figures.update(site_figures(site, measured))
    return figures


def site_figures(site: dict[str, Any], measured: dict[str, Any]) -> dict[str, Any]:
    """The in-browser edition's goal figures, each with the Voilà edition's figure of the same run beside it."""
    dash, cause = site["dashboard"], site["cause_page"]
    texts = [dash[v]["first_text"].get("max") for v in ("first_visit", "repeat_visit")]
    texts += [cause[v]["first_text"].get("max") for v in ("first_visit", "repeat_visit")]
    ft = measured.get("first_text") or {}
    voila_text = {p: ft[p].get("first_text_max_ms") for p in ("dashboard", "cause page") if p in ft}
    pre = measured["tti_preheated"]["dashboard"]["tti"]
    transfer = site["first_visit_transfer"]
    return {
        "site_first_text_max": goal_block(
            "site_first_text_max", None if None in texts else max(texts), "ms",
            {"dashboard_first_visit": dash["first_visit"]["first_text"],
             "dashboard_repeat_visit": dash["repeat_visit"]["first_text"],
             "cause_page_first_visit": cause["first_visit"]["first_text"],
             "cause_page_repeat_visit": cause["repeat_visit"]["first_text"]},
            {"name": "Voilà edition, same run: worst first text in a burst of visitors", **voila_text},
            "first contentful paint (the page's title), from navigation start; worst of the dashboard and a "
            "cause page, first and repeat visits"),
        "site_repeat_tti": goal_block(
            "site_repeat_tti", dash["repeat_visit"]["tti"].get("median"), "ms",
            {"repeat_visit": dash["repeat_visit"]["tti"], "first_visit": dash["first_visit"]["tti"],
             "cause_page_repeat_visit": cause["repeat_visit"]["tti"],
             "steps_repeat_visit_median_ms": {k: v.get("median") for k, v in dash["repeat_visit"]["steps"].items()}},
            {"name": "Voilà edition, same run: dashboard on a preheated kernel", "median_ms": pre.get("median"),
             "p95_ms": pre.get("p95")},
            "navigation start → a slider handle on screen (the dashboard's controls drawn by Python in the page); "
            "repeat visit: same browser profile, after the first visit's page was open 10 s"),
        "site_first_visit_transfer": goal_block(
            "site_first_visit_transfer", transfer.get("sent_mb"), "MB",
            {**transfer, "site_total_mb": site["size"]["total_mb"], "site_files": site["size"]["files"]},
            {"name": "Voilà edition: a kernel per reader instead (see kernel memory)",
             "gzip_mb": transfer.get("gzip_mb")},
            "bytes the static server sent for a first visit to the dashboard, the offline cache's own fetches "
            "included (gzip_mb: the same files compressed, as a CDN sends them)"),
    }


def info_rows(measured: dict[str, Any]) -> dict[str, Any]:
    """Figures without a goal, for the table: time to interactive, cold and preheated."""
    cold, pre = measured["tti_cold"], measured["tti_preheated"]
    return {
        "tti_cold_bare_ms": cold["bare"]["tti"], "tti_cold_dashboard_ms": cold["dashboard"]["tti"],
        "tti_preheated_bare_ms": pre["bare"]["tti"], "tti_preheated_dashboard_ms": pre["dashboard"]["tti"],
    }
