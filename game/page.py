"""The printed page every report shares (the debrief, the handout, the class summary and slide,
the teacher pack, the lab's sheet): one self-contained HTML document with inline CSS, nothing
fetched, no script.

It is designed for a school photocopier: black text on white, one red accent that turns grey
in black and white, no filled backgrounds, and every distinction made by a word, a pattern or
a shape as well as a colour. The text column (180 mm) fits A4 and Letter alike. The markup is
polyglot (it parses as HTML5 and as XML) and all text goes through :func:`esc`.
"""

from __future__ import annotations

import html
import re

RED = "#A4221A"
BLACK = "#1A1A1A"
GREY = "#5E5750"
RULE = "#B9B1A4"
PALE = "#F1ECE2"

CSS = f"""
:root {{ --red: {RED}; --black: {BLACK}; --grey: {GREY}; --rule: {RULE}; --pale: {PALE}; }}
* {{ box-sizing: border-box; }}
html {{ background: #DCD6CB; }}
body {{ margin: 0; color: var(--black); font: 10pt/1.4 "Helvetica Neue", Helvetica, Arial,
  "Liberation Sans", "DejaVu Sans", sans-serif; }}
.sheet {{ max-width: 190mm; margin: 8mm auto; background: #fff; padding: 8mm 9mm;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }}
header.masthead {{ border-bottom: 1.2mm solid var(--black); padding-bottom: 2mm;
  margin-bottom: 3mm; }}
header.masthead::after {{ content: ""; display: block; height: .6mm; background: var(--red);
  margin-top: 1mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
.kicker {{ font-weight: 800; letter-spacing: .25em; text-transform: uppercase; font-size: 8pt;
  margin: 0; color: var(--grey); }}
h1 {{ font: 900 20pt/1.05 "Arial Black", "Helvetica Neue", Arial, sans-serif;
  text-transform: uppercase; margin: 1mm 0 1.5mm; }}
.meta {{ margin: 0; font-size: 9pt; }}
section {{ margin-top: 5mm; }}
h2 {{ font: 900 12pt/1.15 "Arial Black", "Helvetica Neue", Arial, sans-serif;
  text-transform: uppercase; letter-spacing: .03em; margin: 0 0 2mm; padding: 0 0 .8mm 2.5mm;
  border-left: 2.5mm solid var(--black); border-bottom: .3mm solid var(--black);
  break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 10pt; margin: 3mm 0 1mm; text-transform: uppercase; letter-spacing: .04em;
  break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0 0 1.6mm; }}
ul, ol {{ margin: 0 0 2mm; padding-left: 5mm; }}
li {{ margin: 0 0 .8mm; break-inside: avoid; page-break-inside: avoid; }}
a {{ color: inherit; text-decoration: none; }}
.small {{ font-size: 8.3pt; color: var(--grey); }}
.nowrap {{ white-space: nowrap; }}
.box {{ border: .4mm solid var(--black); padding: 2mm 3mm; margin: 0 0 2.5mm;
  break-inside: avoid; page-break-inside: avoid; }}
.box.warn {{ border-style: dashed; }}
.verdict {{ display: grid; grid-template-columns: 46mm minmax(0, 1fr); gap: 3mm;
  margin-bottom: 2.5mm; break-inside: avoid; page-break-inside: avoid; }}
.verdict .big {{ border: .8mm solid var(--black); padding: 2mm 3mm;
  font: 900 13pt/1.1 "Arial Black", Arial, sans-serif; text-transform: uppercase; }}
.verdict .big small {{ display: block; font: 700 8pt/1.3 Arial, sans-serif;
  letter-spacing: .1em; color: var(--grey); }}
.verdict .why {{ border-left: .4mm solid var(--rule); padding: 0 0 0 3mm; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.6pt;
  margin: 1mm 0 2.5mm; }}
th, td {{ text-align: left; vertical-align: top; padding: .7mm 1.4mm;
  border-bottom: .2mm solid var(--rule); overflow-wrap: anywhere; }}
th {{ font-weight: 800; text-transform: uppercase; font-size: 7.4pt; letter-spacing: .05em;
  border-bottom: .5mm solid var(--black); overflow-wrap: normal; }}
table.dense {{ font-size: 7.9pt; }}
table.dense td {{ padding: .45mm 1.2mm; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
thead {{ display: table-header-group; }}
.swatch {{ display: inline-block; width: 2.8mm; height: 2.8mm; margin-right: 1.2mm;
  vertical-align: -0.3mm; border: .2mm solid var(--black); }}
figure {{ margin: 1mm 0 2.5mm; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; display: block; }}
figcaption {{ font-size: 8pt; color: var(--grey); margin-top: .8mm; }}
.tag {{ display: inline-block; font-size: 6.8pt; font-weight: 800; letter-spacing: .07em;
  text-transform: uppercase; padding: 0 1mm; margin-right: 1mm; border: .25mm solid;
  vertical-align: .3mm; }}
.tag.red {{ color: var(--red); }}
.date {{ font-weight: 800; white-space: nowrap; }}
.cause {{ display: block; font-size: 8.3pt; color: #3d3833; }}
ol.points {{ padding-left: 0; list-style: none; counter-reset: tp; margin: 0; }}
ol.points li {{ counter-increment: tp; position: relative; padding: 1mm 0 1mm 8mm;
  border-bottom: .2mm solid var(--rule); }}
ol.points li::before {{ content: counter(tp); position: absolute; left: 0; top: 1.1mm;
  width: 5.6mm; height: 5.6mm; border: .4mm solid var(--black); border-radius: 50%;
  font-weight: 900; text-align: center; line-height: 5mm; font-size: 8pt; }}
.cols {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 6mm; }}
.cols > * {{ min-width: 0; }}
.flow {{ columns: 2; column-gap: 5mm; font-size: 8.2pt; }}
.flow p {{ margin: 0 0 1.2mm; break-inside: avoid; page-break-inside: avoid; }}
ul.twocol {{ columns: 2; column-gap: 6mm; font-size: 8.4pt; }}
.contents {{ font-size: 8.4pt; }}
.answer {{ border-left: .8mm solid var(--black); padding-left: 3mm; margin: 1mm 0 2mm; }}
.answer p {{ font-size: 9pt; }}
.lines {{ border-bottom: .2mm solid var(--rule); height: 6.5mm; }}
footer {{ margin-top: 5mm; padding-top: 1.5mm; border-top: .4mm solid var(--black);
  font-size: 7.8pt; color: var(--grey); }}
.pagebreak {{ break-before: page; page-break-before: always; }}
@page {{ margin: 12mm; }}
@media print {{
  html, body {{ background: #fff; }}
  body {{ font-size: 9pt; }}
  table {{ font-size: 8.2pt; }}
  table.dense {{ font-size: 7.6pt; }}
  .flow {{ font-size: 7.8pt; }}
  .sheet {{ max-width: none; width: auto; margin: 0; box-shadow: none; padding: 0; }}
  a[href^="#"] {{ text-decoration: none; }}
  p:last-child, li:last-child, ul:last-child, ol:last-child {{ margin-bottom: 0; }}
}}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def title_html(text: str) -> str:
    """Escaped, with spans that keep words joined by hyphens (``1924-1929``) on one line."""
    return re.sub(r"(\S+-\S+)", r'<span class="nowrap">\1</span>', esc(text))


def colour(value: str) -> str:
    """A scenario colour, or black if it is not a plain ``#rgb``/``#rrggbb`` (it lands in CSS
    and SVG attributes)."""
    v = value.strip()
    ok = (
        v.startswith("#")
        and len(v) in (4, 7)
        and all(ch in "0123456789abcdefABCDEF" for ch in v[1:])
    )
    return v if ok else BLACK


def swatch(hex_colour: str) -> str:
    return f'<span class="swatch" style="background:{esc(colour(hex_colour))}"></span>'


def page(title: str, body: str, extra_css: str = "") -> str:
    """A whole document around ``body`` (already escaped HTML)."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="generator" content="Politburo" />\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n"
        f'<body>\n<div class="sheet">\n{body}\n</div>\n</body>\n</html>\n'
    )


def masthead(kicker: str, title: str, meta: str) -> str:
    """The top of a document: a kicker, the title and a line of facts (``meta`` is HTML)."""
    return (
        '<header class="masthead">\n'
        f'<p class="kicker">{esc(kicker)}</p>\n'
        f"<h1>{title_html(title)}</h1>\n"
        f'<p class="meta">{meta}</p>\n'
        "</header>"
    )
