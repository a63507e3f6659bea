"""25 hostile strings: script tags, event handlers, javascript: links, SVG payloads, broken HTML."""

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
