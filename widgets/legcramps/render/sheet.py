"""The printed one-page sheets' shared look: an A4 page, type no smaller than 10 pt, badges and care tiers.

Why a stylesheet of its own rather than the site's: a sheet is made for paper. It sets the page size and
margins, prints the tier colours (browsers drop backgrounds unless told), and uses Arial's metrics
(Liberation Sans on Linux), so the sheet that fits one page in the tests fits one page on a school's
Windows printer too. Pixels are avoided: sizes are in pt and mm, as a printer counts them.
"""

from __future__ import annotations

from legcramps.markup import esc

#: The smallest type on any sheet, in pt: a printed page read at arm's length by a class.
MIN_TYPE_PT = 10

SHEET_CSS = f"""
@page {{ size: A4; margin: 9mm 10mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 10.5pt;
  line-height: 1.28; color: #000; background: #fff; }}
@media screen {{ body {{ max-width: 210mm; margin: 0 auto; padding: 9mm 10mm; }} }}
h1 {{ font-size: 17pt; line-height: 1.15; margin: 0; }}
h2 {{ font-size: 12pt; margin: 0 0 1mm; }}
h3 {{ font-size: {MIN_TYPE_PT}.5pt; margin: 1.6mm 0 0.4mm; }}
p {{ margin: 0 0 1.2mm; }}
ul, ol {{ margin: 0 0 1.2mm; padding-left: 4.5mm; }}
li {{ margin: 0 0 0.3mm; }}
a {{ color: inherit; text-decoration: none; }}
dfn {{ font-style: normal; }}
.lc-kicker {{ font-size: {MIN_TYPE_PT}pt; text-transform: uppercase; letter-spacing: 0.04em; color: #333;
  margin: 0; }}
.lc-disclaimer {{ border-left: 1.2mm solid #005a8c; background: #e2eef7; padding: 1.2mm 2.5mm; margin: 2mm 0; }}
.lc-badge {{ display: inline-block; border: 0.3mm solid currentColor; border-radius: 3mm; padding: 0 1.8mm;
  font-weight: bold; font-size: {MIN_TYPE_PT}pt; line-height: 1.1; white-space: nowrap; }}
.lc-grade-strong {{ color: #00664d; }} .lc-grade-moderate {{ color: #005a8c; }}
.lc-grade-weak, .lc-grade-consensus {{ color: #4a4a4a; }}
.lc-grade-unsupported, .lc-grade-contested {{ color: #8a4b00; border-style: dashed; }}
.lc-tier {{ border-left: 1.2mm solid; padding: 1mm 2mm; }}
.lc-tier-self_care {{ border-color: #00664d; background: #e3f4ee; }}
.lc-tier-see_gp {{ border-color: #005a8c; background: #e2eef7; }}
.lc-tier-urgent {{ border-color: #8a4b00; background: #fdf0d9; }}
.lc-tier-emergency {{ border-color: #a33a00; background: #fbe4da; }}
.lc-box {{ display: inline-block; width: 3.6mm; height: 3.6mm; border: 0.3mm solid #000; vertical-align: -0.6mm;
  margin-right: 1mm; background: #fff; }}
"""


def document(title: str, body: str, css: str, lang: str = "en") -> str:
    """A whole printable HTML page: no script, every style inline, so it prints the same from a USB stick."""
    return (f"<!doctype html><html lang='{esc(lang)}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{esc(title)}</title><style>{SHEET_CSS}{css}</style></head><body><main>{body}</main></body></html>")
