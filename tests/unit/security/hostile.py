"""25 hostile strings (script tags, event handlers, javascript: links, SVG payloads, broken HTML), and a copy of
content/ full of them: shared by the unit audit of every renderer and the browser test that runs the site on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from legcramps.content import clear_cache, default_root, load

MARK = "__pwned"

PAYLOADS = [
    f"<script>window.{MARK}=1</script>",
    f'<img src=x onerror="window.{MARK}=1">',
    f'<svg onload="window.{MARK}=1">',
    f"<svg><script>window.{MARK}=1</script></svg>",
    f"javascript:window.{MARK}=1",
    f"[click me](javascript:window.{MARK}=1)",
    f'<a href="javascript:window.{MARK}=1">link</a>',
    f'<iframe src="javascript:window.{MARK}=1"></iframe>',
    f'"><script>window.{MARK}=1</script>',
    f"'><img src=x onerror=window.{MARK}=1>",
    f"<body onload=window.{MARK}=1>",
    f"<details open ontoggle=window.{MARK}=1>",
    f"<math><mtext><table><mglyph><style><img src=x onerror=window.{MARK}=1>",
    "<style>body{display:none}</style>",
    f'<object data="javascript:window.{MARK}=1"></object>',
    f'<embed src="javascript:window.{MARK}=1">',
    f"<input autofocus onfocus=window.{MARK}=1>",
    f'<a href="data:text/html,<script>window.{MARK}=1</script>">data</a>',
    f'![x](x" onerror="window.{MARK}=1)',
    f'<div style="background:url(javascript:window.{MARK}=1)">styled</div>',
    f"</textarea><script>window.{MARK}=1</script>",
    f"<<script>script>window.{MARK}=1<</script>/script>",
    f"<scr<script>ipt>window.{MARK}=1</script>",
    f'<video><source onerror="window.{MARK}=1"></video>',
    f"<marquee onstart=window.{MARK}=1>broken <b>html",
]


def write_hostile_content(root: Path) -> Path:
    """Copy content/ to `root` with a payload in every field a visitor can see; it still loads."""
    shutil.copytree(default_root(), root)
    payloads = iter(PAYLOADS * 4)

    def poison(file: str, edit) -> None:
        path = root / file
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def site(d):
        d["tagline"] = next(payloads)
        d["no_warning_signs"] = next(payloads)
        d["tiers"][0]["what_to_do"] = next(payloads)

    def factors(d):
        for f in d["factors"][:8]:
            f["label"] = f"{f['label']} {next(payloads)}"
            f["help"] = next(payloads)
        d["groups"][0]["label"] = next(payloads)

    def rules(d):
        for r in d["rules"]:
            r["because"] = f"{r['because']} {next(payloads)}"

    def checklist(d):
        for item in d["items"][:6]:
            item["text"] = f"{item['text']} {next(payloads)}"

    def sources(d):
        d["sources"][0]["title"] = next(payloads)

    poison("site.yaml", site)
    poison("factors.yaml", factors)
    poison("rules.yaml", rules)
    poison("checklist.yaml", checklist)
    poison("sources.yaml", sources)
    cause = root / "causes" / "05-flat-foot.md"
    text = cause.read_text(encoding="utf-8")
    text = text.replace("## What happens in the body\n", "## What happens in the body\n\n" + "\n\n".join(PAYLOADS) +
                        "\n\n", 1)
    cause.write_text(text, encoding="utf-8")
    clear_cache()
    load(root)  # the payloads are valid text: content still loads
    return root
