"""The deployment files say what docs/deploy.md says they do, and stay consistent with the project.

Static checks run everywhere: the YAML parses and uses keys the tools know, the container runs as a normal
user with the committed Voilà config, Binder installs this package and finds its config, the hub settings
open the dashboard and are sized from deploy/capacity.json. `docker build` runs only where a Docker engine
answers (`docker info`); elsewhere that test is skipped and says why.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
DASHBOARD = "dashboard.ipynb"
PYPROJECT = (REPO / "pyproject.toml").read_text(encoding="utf-8")
PROJECT_NAME = re.search(r'^name\s*=\s*"([^"]+)"', PYPROJECT, re.M).group(1)
REQUIRES_PYTHON = re.search(r'^requires-python\s*=\s*"([^"]+)"', PYPROJECT, re.M).group(1)


# ---------------------------------------------------------------- Dockerfile

def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with continuation lines joined and comments dropped."""
    out, buf = [], ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        keyword, _, rest = buf.partition(" ")
        out.append((keyword.upper(), rest.strip()))
        buf = ""
    return out


def _stages(path: Path) -> dict[str, dict]:
    stages: dict[str, dict] = {}
    current = None
    for keyword, args in _instructions(path):
        if keyword == "FROM":
            parts = args.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else f"#{len(stages)}"
            current = stages[name] = {"from": parts[0], "steps": [], "order": len(stages)}
        elif current is not None:
            current["steps"].append((keyword, args))
    return stages


def _last(stage: dict, keyword: str) -> str | None:
    values = [a for k, a in stage["steps"] if k == keyword]
    return values[-1] if values else None


def _inherited(stages: dict[str, dict], name: str, keyword: str) -> str | None:
    """The value of the last `keyword` in this stage or the stages it is built FROM."""
    while name in stages:
        value = _last(stages[name], keyword)
        if value is not None:
            return value
        name = stages[name]["from"]
    return None


def _chain(stages: dict[str, dict], name: str) -> list[str]:
    """This stage and the stages it is built FROM, nearest first."""
    chain = []
    while name in stages:
        chain.append(name)
        name = stages[name]["from"]
    return chain


def _base_image(stages: dict[str, dict], name: str) -> str:
    while name in stages:
        name = stages[name]["from"]
    return name


@pytest.fixture(scope="module")
def dockerfile() -> dict[str, dict]:
    return _stages(REPO / "Dockerfile")


@pytest.fixture(scope="module")
def final_stage(dockerfile) -> str:
    return max(dockerfile, key=lambda n: dockerfile[n]["order"])


def test_dockerfile_builds_on_python_311_slim(dockerfile, final_stage):
    for name in dockerfile:
        assert _base_image(dockerfile, name) == "python:3.11-slim", name


@pytest.mark.parametrize("stage", ["final", "singleuser"])
def test_every_image_runs_as_a_normal_user(dockerfile, final_stage, stage):
    name = final_stage if stage == "final" else stage
    user = _inherited(dockerfile, name, "USER")
    assert user, f"stage {name} never sets USER, so it runs as root"
    assert user.split(":")[0] not in ("root", "0"), f"stage {name} runs as {user}"


def test_dashboard_image_serves_the_committed_config(dockerfile, final_stage):
    cmd = json.loads(_inherited(dockerfile, final_stage, "CMD"))
    assert cmd[:3] == ["python", "-m", "legcramps.voila"] and "--Voila.ip=0.0.0.0" in cmd and "--port=8866" in cmd, cmd
    # Nothing on the command line overrides notebooks/voila.json (tracebacks, sources, culling) …
    assert not [a for a in cmd if re.search(r"VoilaConfiguration|show_tracebacks|strip_sources|KernelManager", a)]
    # … and Voilà starts in the folder notebooks/ (with voila.json) was copied to, as `make run` does.
    copies = [a.split() for name in _chain(dockerfile, final_stage) for k, a in dockerfile[name]["steps"]
              if k == "COPY" and "--from" not in a]
    target = next(dst for *src, dst in copies if src and src[-1].rstrip("/") == "notebooks")
    assert _inherited(dockerfile, final_stage, "WORKDIR") == target
    assert (REPO / "notebooks" / "voila.json").is_file()
    assert any(src and src[-1].rstrip("/") == "content" for *src, _ in copies), "content/ is not copied"
    assert "8866" in (_inherited(dockerfile, final_stage, "EXPOSE") or "")


def test_health_check_starts_no_kernel(dockerfile, final_stage):
    check = _inherited(dockerfile, final_stage, "HEALTHCHECK")
    assert check and "CMD" in check
    assert "/voila/render" not in check, "polling a page would start a kernel every interval"


def test_package_is_installed_and_checked_in_the_image(dockerfile):
    runs = " ".join(a for stage in dockerfile.values() for k, a in stage["steps"] if k == "RUN")
    assert "pip wheel" in runs and "pip install /tmp/wheels/" in runs
    assert "python -m legcramps check" in runs


def test_dockerignore_keeps_the_context_small_but_complete():
    lines = [ln.strip() for ln in (REPO / ".dockerignore").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines[0] == "**", "start from nothing and re-include what the build needs"
    included = {ln[1:].rstrip("/") for ln in lines if ln.startswith("!")}
    sources = set()
    for stage in _stages(REPO / "Dockerfile").values():
        for keyword, args in stage["steps"]:
            if keyword == "COPY" and "--from" not in args:
                sources.update(p.rstrip("/") for p in args.split()[:-1])
    assert sources <= included, f"COPY needs files the context leaves out: {sources - included}"


def _docker_engine() -> str | None:
    """None if a Docker engine answers, else why not."""
    if not shutil.which("docker"):
        return "no docker CLI"
    try:
        proc = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"docker info failed: {exc}"
    if proc.returncode != 0:
        reason = (proc.stderr or proc.stdout).strip().splitlines()
        return f"no Docker engine reachable (docker info: {reason[-1] if reason else proc.returncode})"
    return None


def test_docker_build_and_check():
    reason = _docker_engine()
    if reason:
        pytest.skip(reason)
    tag = "legcramps-test:latest"
    subprocess.run(["docker", "build", "-t", tag, str(REPO)], check=True, timeout=1800)
    try:
        user = subprocess.run(["docker", "run", "--rm", tag, "id", "-u"], capture_output=True, text=True,
                              check=True, timeout=120).stdout.strip()
        assert user != "0"
        subprocess.run(["docker", "run", "--rm", tag, "python", "-m", "legcramps", "check"], check=True,
                       timeout=120)
    finally:
        subprocess.run(["docker", "image", "rm", "-f", tag], capture_output=True, timeout=120)


# ---------------------------------------------------------------- Binder

BINDER = DEPLOY / "binder"


def test_binder_config_is_found_at_the_repository_root():
    link = REPO / ".binder"
    assert link.exists(), ".binder is missing: Binder only reads binder/ or .binder/ at the root"
    assert link.resolve() == BINDER.resolve(), ".binder must point at deploy/binder (one copy, no drift)"


def test_binder_installs_this_package():
    reqs = [ln.split("#", 1)[0].strip() for ln in (BINDER / "requirements.txt").read_text().splitlines()]
    reqs = [r for r in reqs if r]
    # repo2docker runs pip from the repository root, after copying the whole repository, for local paths
    assert "." in reqs or "-e ." in reqs, reqs
    assert PROJECT_NAME == "legcramps"
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert re.fullmatch(r"python-3\.1[1-9]", runtime), runtime
    minimum = re.search(r">=\s*3\.(\d+)", REQUIRES_PYTHON).group(1)
    assert int(runtime.split(".")[1]) >= int(minimum)


def test_binder_post_build_applies_the_committed_voila_settings():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text()
    assert text.startswith("#!") and "set -euo pipefail" in text
    assert "notebooks/voila.json" in text and "${NB_PYTHON_PREFIX}/etc/jupyter" in text
    assert "python -m legcramps check" in text
    subprocess.run(["bash", "-n", str(post)], check=True)


def test_binder_link_in_the_docs_opens_the_dashboard():
    docs = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)>\]]+", docs)
    assert links, "docs/deploy.md has no Binder link"
    for link in links:
        match = re.search(r"urlpath=voila(?:/|%2F)render(?:/|%2F)(.+)$", link)
        assert match, link
        assert (REPO / match.group(1).replace("%2F", "/")).is_file(), link


# ---------------------------------------------------------------- JupyterHub

TLJH_KEYS = {"base_url", "auth", "users", "limits", "http", "https", "traefik_api", "user_environment", "services"}
TLJH_CULL_KEYS = {"enabled", "timeout", "every", "concurrency", "users", "max_age", "remove_named_servers"}


def _load_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


def _bytes(size: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMGT])i?", str(size).strip())
    assert match, f"not a size: {size}"
    return int(float(match.group(1)) * 1024 ** "KMGT".index(match.group(2)) * 1024)


@pytest.fixture(scope="module")
def capacity() -> dict:
    return json.loads((DEPLOY / "capacity.json").read_text(encoding="utf-8"))


def test_capacity_figures_are_recorded_with_units_machine_and_date(capacity):
    assert {"date", "machine", "units", "summary"} <= set(capacity)
    summary = capacity["summary"]
    for key in ("mb_per_session_rss", "sessions_per_gb", "cpu_s_per_render", "renders_per_minute_all_cores",
                "hub_single_user_server_mb"):
        assert summary[key] and summary[key] > 0, key


def test_tljh_config_uses_only_keys_tljh_knows():
    cfg = _load_yaml(DEPLOY / "jupyterhub" / "tljh-config.yaml")
    assert set(cfg) <= TLJH_KEYS, set(cfg) - TLJH_KEYS
    cull = cfg["services"]["cull"]
    assert set(cull) <= TLJH_CULL_KEYS and cull["enabled"] is True
    assert isinstance(cull["timeout"], int) and isinstance(cull["every"], int) and cull["every"] < cull["timeout"]
    assert cfg["user_environment"]["default_app"] in ("jupyterlab", "classic")  # the only values TLJH accepts


def test_tljh_snippet_opens_the_dashboard():
    source = (DEPLOY / "jupyterhub" / "tljh-legcramps.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    assigned = {ast.unparse(node.targets[0]): node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)}
    assert ast.literal_eval(assigned["c.Spawner.default_url"]) == f"/voila/render/{DASHBOARD}"
    assert "c.Spawner.notebook_dir" in assigned
    args = ast.literal_eval(assigned["c.Spawner.args"])
    assert all(a.startswith("--MappingKernelManager.") for a in args)


def test_tljh_memory_limit_fits_a_server_and_a_page(capacity):
    cfg = _load_yaml(DEPLOY / "jupyterhub" / "tljh-config.yaml")
    need = capacity["summary"]["hub_single_user_server_mb"] + 2 * capacity["summary"]["mb_per_session_rss"]
    assert _bytes(cfg["limits"]["memory"]) >= need * 1024 * 1024


@pytest.fixture(scope="module")
def z2jh() -> dict:
    return _load_yaml(DEPLOY / "jupyterhub" / "z2jh-values.yaml")


def test_z2jh_opens_the_dashboard_from_the_singleuser_image(z2jh):
    single = z2jh["singleuser"]
    assert single["defaultUrl"] == f"/voila/render/{DASHBOARD}"
    assert (REPO / "notebooks" / DASHBOARD).is_file()
    assert single["image"]["name"] and str(single["image"]["tag"])
    assert single["cmd"] == "jupyterhub-singleuser"
    assert single["extraEnv"]["LEGCRAMPS_CONTENT"].startswith("/srv/legcramps/")
    assert single["storage"]["type"] == "none"


def test_z2jh_culls_idle_servers(z2jh):
    cull = z2jh["cull"]
    assert cull["enabled"] is True
    assert isinstance(cull["timeout"], int) and isinstance(cull["every"], int) and cull["every"] < cull["timeout"]


def test_z2jh_memory_is_sized_from_the_measured_session(z2jh, capacity):
    memory = z2jh["singleuser"]["memory"]
    guarantee, limit = _bytes(memory["guarantee"]), _bytes(memory["limit"])
    summary = capacity["summary"]
    one_page = (summary["hub_single_user_server_mb"] + summary["mb_per_session_rss"]) * 1024 * 1024
    assert one_page <= guarantee <= limit, "the guarantee must hold a server with the dashboard open"
    assert limit >= one_page + summary["mb_per_session_rss"] * 1024 * 1024 * 3, "room for a few cause pages"


def test_z2jh_kernel_culling_file_uses_real_traits(z2jh):
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager

    files = z2jh["singleuser"]["extraFiles"]
    known = set(MappingKernelManager.class_trait_names(config=True))
    for spec in files.values():
        assert spec["mountPath"].startswith("/usr/local/etc/jupyter/"), "python:3.11-slim's sys.prefix is /usr/local"
        for section, values in spec["data"].items():
            assert section == "MappingKernelManager"
            assert set(values) <= known, set(values) - known


def test_deploy_docs_cover_every_route():
    docs = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    for needle in ("proxy_set_header Upgrade", "docker build", "mybinder.org", "tljh-config", "helm",
                   "cull_idle_timeout", "cull_connected", "## Preheated kernels: pool size and bursts", "fill_delay",
                   "deploy/capacity.json"):
        assert needle in docs, needle
