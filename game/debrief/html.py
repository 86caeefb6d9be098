"""Drawing a debrief as one self-contained HTML file: inline CSS, charts as inline SVG drawn
here, no script, nothing fetched from the network. It prints on A4 and Letter: the text column
fits both pages' printable width (180 mm), and charts, tables' rows and vote blocks are kept
whole across page breaks.

The markup is polyglot: it parses as HTML5 and as well-formed XML, and every piece of text
goes through :func:`html.escape`.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Sequence

from .model import ClassSummary, ContenderRef, Debrief, FactorBreakdown, VoteRecord

RED = "#B3261E"
BLACK = "#1A1A1A"
CREAM = "#F4EBD9"
PAPER = "#FBF7EE"
GREY = "#6B6259"

DASHES = {
    "solid": "",
    "stripes": "9 4",
    "dots": "2 3",
    "cross": "12 3 2 3",
    "checks": "5 2",
    "waves": "14 3 4 3",
}
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "star")

CSS = f"""
:root {{ --red: {RED}; --black: {BLACK}; --cream: {CREAM}; --paper: {PAPER}; --grey: {GREY}; }}
* {{ box-sizing: border-box; }}
html {{ background: #E6D9BF; }}
body {{ margin: 0; color: var(--black); font: 10.5pt/1.45 "Helvetica Neue", Helvetica, Arial,
  "Liberation Sans", sans-serif; }}
.sheet {{ max-width: 190mm; margin: 8mm auto; background: var(--paper); padding: 0 0 8mm;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }}
.poster {{ background: var(--black); color: var(--cream); padding: 7mm 9mm 6mm;
  position: relative; overflow: hidden; border-bottom: 3mm solid var(--red); }}
.poster::before {{ content: ""; position: absolute; right: -30mm; top: -10mm; width: 90mm;
  height: 70mm; background: var(--red); transform: rotate(-28deg); }}
.poster > * {{ position: relative; }}
.kicker {{ font-weight: 900; letter-spacing: .32em; text-transform: uppercase; font-size: 9pt;
  color: var(--cream); margin: 0; }}
.poster h1 {{ font: 900 27pt/1.02 "Arial Black", "Helvetica Neue", Arial, sans-serif;
  text-transform: uppercase; letter-spacing: .01em; margin: 2mm 0 2mm; max-width: 150mm; }}
.poster .meta {{ margin: 0; font-size: 9.5pt; max-width: 140mm; }}
.poster .meta b {{ color: #fff; }}
main {{ padding: 0 9mm; }}
section {{ margin-top: 7mm; }}
h2 {{ font: 900 14pt/1.15 "Arial Black", "Helvetica Neue", Arial, sans-serif;
  text-transform: uppercase; letter-spacing: .03em; margin: 0 0 3mm; padding: 1.2mm 3mm;
  background: var(--black); color: var(--cream); border-left: 5mm solid var(--red);
  break-after: avoid; page-break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 4mm 0 1.5mm; text-transform: uppercase; letter-spacing: .04em;
  break-after: avoid; page-break-after: avoid; }}
p {{ margin: 0 0 2mm; }}
.lede {{ font-size: 11pt; }}
.nowrap {{ white-space: nowrap; }}
.small {{ font-size: 8.5pt; color: var(--grey); }}
.verdict {{ display: grid; grid-template-columns: 50mm minmax(0, 1fr); gap: 4mm;
  margin-bottom: 3mm; break-inside: avoid; page-break-inside: avoid; }}
.verdict .big {{ background: var(--red); color: #fff; padding: 3mm 4mm;
  font: 900 15pt/1.1 "Arial Black", Arial, sans-serif; text-transform: uppercase; }}
.verdict .big small {{ display: block; font: 700 8.5pt/1.3 Arial, sans-serif;
  letter-spacing: .12em; }}
.verdict .why {{ border: .5mm solid var(--black); padding: 2.5mm 3.5mm; }}
table {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt;
  margin: 1mm 0 3mm; }}
th, td {{ text-align: left; vertical-align: top; padding: 1.1mm 1.6mm;
  border-bottom: .25mm solid #CDBF9F; overflow-wrap: anywhere; }}
th {{ background: var(--cream); font-weight: 800; text-transform: uppercase; font-size: 7.8pt;
  letter-spacing: .05em; border-bottom: .5mm solid var(--black); overflow-wrap: normal; }}
li {{ break-inside: avoid; page-break-inside: avoid; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
thead {{ display: table-header-group; }}
.swatch {{ display: inline-block; width: 3mm; height: 3mm; margin-right: 1.2mm;
  vertical-align: -0.3mm; border: .2mm solid var(--black); }}
figure {{ margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }}
figure svg {{ width: 100%; height: auto; display: block; }}
figcaption {{ font-size: 8.5pt; color: var(--grey); margin-top: 1mm; }}
ol.points {{ padding-left: 0; list-style: none; counter-reset: tp; margin: 0; }}
ol.points li {{ counter-increment: tp; position: relative; padding: 1.5mm 0 1.5mm 10mm;
  border-bottom: .25mm solid #CDBF9F; break-inside: avoid; page-break-inside: avoid; }}
ol.points li::before {{ content: counter(tp); position: absolute; left: 0; top: 1.6mm;
  width: 7mm; height: 7mm; border-radius: 50%; background: var(--red); color: #fff;
  font-weight: 900; text-align: center; line-height: 7mm; font-size: 9pt; }}
.tag {{ display: inline-block; font-size: 7pt; font-weight: 800; letter-spacing: .08em;
  text-transform: uppercase; padding: .2mm 1.2mm; margin-right: 1mm; border: .3mm solid;
  vertical-align: .3mm; }}
.tag.red {{ background: var(--red); color: #fff; border-color: var(--red); }}
.tag.black {{ background: var(--black); color: var(--cream); border-color: var(--black); }}
.date {{ font-weight: 800; white-space: nowrap; }}
.cause {{ display: block; font-size: 9pt; color: #3d3833; }}
.vote {{ border-top: .5mm solid var(--black); padding-top: 1.2mm; margin-top: 2.5mm;
  break-inside: avoid; page-break-inside: avoid; }}
.vote p {{ margin: 0 0 .8mm; }}
.vote table {{ font-size: 8pt; margin-bottom: 1mm; }}
.vote td, .vote th {{ padding: .5mm 1.2mm; }}
.votes {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: 5mm; }}
.keep-head {{ break-inside: avoid; page-break-inside: avoid; }}
.carried {{ color: var(--red); font-weight: 800; }}
.defeated {{ color: var(--black); font-weight: 800; text-decoration: underline; }}
.timeline td ul {{ margin: 0; padding-left: 4mm; }}
.timeline td li {{ margin: 0 0 .6mm; }}
.timeline .hist {{ background: #F7F0E2; }}
.timeline .off {{ border-left: 1.2mm solid var(--red); }}
.note {{ font-size: 8.3pt; color: #3d3833; display: block; }}
.diverged {{ color: var(--red); font-weight: 700; }}
#sources {{ break-inside: avoid; page-break-inside: avoid; }}
ol.questions li {{ margin-bottom: 2.2mm; break-inside: avoid; page-break-inside: avoid; }}
.objective {{ display: block; font-size: 8.3pt; color: var(--grey); }}
.cards {{ display: flex; gap: 4mm; margin-bottom: 2mm; }}
.cards > div {{ flex: 1; border: .5mm solid var(--black); padding: 2.5mm 3.5mm;
  break-inside: avoid; page-break-inside: avoid; }}
.cards h3 {{ margin-top: 0; color: var(--red); }}
footer {{ margin: 8mm 9mm 0; padding-top: 2mm; border-top: .5mm solid var(--black);
  font-size: 8pt; color: var(--grey); }}
@page {{ margin: 15mm; }}
@media print {{
  html, body {{ background: #fff; }}
  body {{ font-size: 9.5pt; }}
  .sheet {{ max-width: none; width: auto; margin: 0; box-shadow: none; padding: 0;
    background: #fff; }}
  main {{ padding: 0; }}
  footer {{ margin: 6mm 0 0; }}
  .poster, h2, .verdict .big, th, .tag, ol.points li::before, .timeline .hist {{
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  section {{ margin-top: 5mm; }}
}}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def pts(x: float) -> str:
    return f"{100 * x:+.1f}"


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="generator" content="Politburo" />\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f'<body>\n<div class="sheet">\n{body}\n</div>\n</body>\n</html>\n'
    )


def _title(text: str) -> str:
    """Escaped, with spans that keep words joined by hyphens (``1924-1929``) on one line."""
    return re.sub(r"(\S+-\S+)", r'<span class="nowrap">\1</span>', esc(text))


def _swatch(c: ContenderRef) -> str:
    return f'<span class="swatch" style="background:{esc(_colour(c.colour))}"></span>'


def _colour(value: str) -> str:
    """A scenario colour, or black if it is not a plain ``#rgb``/``#rrggbb`` (it lands in CSS
    and SVG attributes)."""
    v = value.strip()
    ok = (
        v.startswith("#")
        and len(v) in (4, 7)
        and all(ch in "0123456789abcdefABCDEF" for ch in v[1:])
    )
    return v if ok else BLACK


# ----- charts ---------------------------------------------------------------------------------


def _marker(kind: str, x: float, y: float, colour: str, r: float = 3.6) -> str:
    fill = f'fill="{colour}" stroke="{BLACK}" stroke-width="0.7"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {fill} />'
    if kind == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" '
            f'height="{2 * r:.1f}" {fill} />'
        )
    if kind == "triangle":
        pts_ = (
            f"{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r * 0.8:.1f} "
            f"{x + r * 1.1:.1f},{y + r * 0.8:.1f}"
        )
        return f'<polygon points="{pts_}" {fill} />'
    if kind == "diamond":
        pts_ = (
            f"{x:.1f},{y - r * 1.25:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r * 1.25:.1f} "
            f"{x - r:.1f},{y:.1f}"
        )
        return f'<polygon points="{pts_}" {fill} />'
    if kind == "star":
        pts_ = " ".join(
            f"{x + (r * 1.3 if i % 2 == 0 else r * 0.55) * math.sin(i * math.pi / 5):.1f},"
            f"{y - (r * 1.3 if i % 2 == 0 else r * 0.55) * math.cos(i * math.pi / 5):.1f}"
            for i in range(10)
        )
        return f'<polygon points="{pts_}" {fill} />'
    d = r * 1.05
    if kind == "cross":
        path = (
            f"M{x - d:.1f},{y - d:.1f}L{x + d:.1f},{y + d:.1f}M{x - d:.1f},{y + d:.1f}"
            f"L{x + d:.1f},{y - d:.1f}"
        )
    else:
        path = f"M{x - d:.1f},{y:.1f}L{x + d:.1f},{y:.1f}M{x:.1f},{y - d:.1f}L{x:.1f},{y + d:.1f}"
    return f'<path d="{path}" stroke="{colour}" stroke-width="2.4" fill="none" />'


def support_chart(d: Debrief, *, tp_marks: Sequence[tuple[int, int]] = (), width: int = 680) -> str:
    """Each contender's share of the party over time: one line each, told apart by colour,
    dash pattern and marker; the players' lines are thicker. ``tp_marks``: (turn, number) of
    turning points, marked along the top."""
    series = {s.contender: s.points for s in d.support}
    n = max(len(p) for p in series.values())
    left, right, top, bottom = 46, 14, 26, 30
    legend_rows = math.ceil(len(d.contenders) / 3)
    plot_h = 205
    height = top + plot_h + bottom + 8 + legend_rows * 18
    plot_w = width - left - right
    peak = max(max(p) for p in series.values())
    ymax = max(0.1, math.ceil(peak * 10 + 0.25) / 10)
    step = 0.05 if ymax <= 0.3 else 0.1

    def x(k: float) -> float:
        return left + plot_w * k / max(n - 1, 1)

    def y(v: float) -> float:
        return top + plot_h * (1 - v / ymax)

    names = ", ".join(f"{c.short} {pct(series[c.id][-1])}" for c in d.contenders)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="sc-title sc-desc" font-family="Helvetica, Arial, sans-serif">',
        '<title id="sc-title">Support over time</title>',
        f'<desc id="sc-desc">Share of the party loyal to each contender, from the start to '
        f"the end of the game. At the end: {esc(names)}.</desc>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        f'stroke="{BLACK}" stroke-width="1" />',
    ]
    v = 0.0
    while v <= ymax + 1e-9:
        yy = y(v)
        out.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" '
            f'stroke="#D8CCB2" stroke-width="{1 if v else 1.4}" />'
        )
        out.append(
            f'<text x="{left - 6}" y="{yy + 3.5:.1f}" font-size="10" text-anchor="end" '
            f'fill="{BLACK}">{round(v * 100)}%</text>'
        )
        v += step
    for k, label in d.ticks:
        xx = x(k)
        out.append(
            f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{top + plot_h}" '
            f'stroke="#EFE6D3" stroke-width="1" />'
        )
        out.append(
            f'<text x="{xx:.1f}" y="{top + plot_h + 14}" font-size="10" '
            f'text-anchor="middle" fill="{BLACK}">{esc(label)}</text>'
        )
    grouped: dict[int, list[int]] = {}
    for turn, number in tp_marks:
        grouped.setdefault(turn, []).append(number)
    for turn, numbers in sorted(grouped.items()):
        xx = x(min(turn + 0.5, n - 1))
        label = ",".join(str(k) for k in numbers)
        half = max(8.0, 3.2 * len(label) + 3)
        out.append(
            f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{top + plot_h}" '
            f'stroke="{RED}" stroke-width="0.8" stroke-dasharray="2 3" />'
        )
        out.append(
            f'<rect x="{xx - half:.1f}" y="{top - 18}" width="{2 * half:.1f}" '
            f'height="16" rx="8" fill="{RED}" />'
        )
        out.append(
            f'<text x="{xx:.1f}" y="{top - 6.5}" font-size="9.5" font-weight="700" '
            f'text-anchor="middle" fill="#fff">{label}</text>'
        )
    for i, c in enumerate(d.contenders):
        p = series[c.id]
        colour = _colour(c.colour)
        dash = DASHES.get(c.pattern, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        w = 3.4 if c.human or c.id in d.focus else 2.0
        coords = " ".join(f"{x(k):.1f},{y(val):.1f}" for k, val in enumerate(p))
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="{w}" stroke-linejoin="round"{dash_attr} />'
        )
        every = max(1, (n - 1) // 6)
        for k in range(0, n, every):
            out.append(_marker(MARKERS[i % len(MARKERS)], x(k), y(p[k]), colour))
    ly = top + plot_h + bottom + 6
    col_w = plot_w / 3
    for i, c in enumerate(d.contenders):
        lx = left + (i % 3) * col_w
        yy = ly + (i // 3) * 18
        colour = _colour(c.colour)
        dash = DASHES.get(c.pattern, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        w = 3.4 if c.human or c.id in d.focus else 2.0
        out.append(
            f'<line x1="{lx:.1f}" y1="{yy:.1f}" x2="{lx + 34:.1f}" y2="{yy:.1f}" '
            f'stroke="{colour}" stroke-width="{w}"{dash_attr} />'
        )
        out.append(_marker(MARKERS[i % len(MARKERS)], lx + 17, yy, colour))
        tag = " (played)" if c.human else ""
        out.append(
            f'<text x="{lx + 40:.1f}" y="{yy + 3.5:.1f}" font-size="10.5" '
            f'fill="{BLACK}">{esc(c.name + tag)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def factor_chart(fb: FactorBreakdown, who: str, *, ident: str = "fc", width: int = 680) -> str:
    """A diverging bar chart: what each factor won (right, red) or cost (left, black and
    hatched) one contender, in points of support, with the net change beneath."""
    rows = fb.factors
    label_w, right = 230, 16
    bar_h, gap, top = 17, 7, 22
    height = top + len(rows) * (bar_h + gap) + 34
    plot_w = width - label_w - right
    span = max([abs(f.amount) for f in rows] + [0.005])
    scale = (plot_w / 2 - 44) / span
    zero = label_w + plot_w / 2
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        'font-family="Helvetica, Arial, sans-serif">',
        f'<title id="{ident}-title">What won and lost support: {esc(who)}</title>',
        f'<desc id="{ident}-desc">'
        + esc("; ".join(f"{f.name} {pts(f.amount)} points" for f in rows))
        + f". Net change {esc(pts(fb.change))} points.</desc>",
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{BLACK}" />'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#8a8178" stroke-width="2.2" />'
        "</pattern></defs>",
        f'<text x="{zero - 8:.1f}" y="13" font-size="9.5" text-anchor="end" '
        f'fill="{GREY}">\u2190 cost support</text>',
        f'<text x="{zero + 8:.1f}" y="13" font-size="9.5" fill="{GREY}">won support \u2192</text>',
    ]
    for i, f in enumerate(rows):
        yy = top + i * (bar_h + gap)
        out.append(
            f'<text x="{label_w - 8}" y="{yy + bar_h * 0.7:.1f}" font-size="10.5" '
            f'text-anchor="end" fill="{BLACK}">{esc(f.name)}</text>'
        )
        length = abs(f.amount) * scale
        if f.amount >= 0:
            bx = zero
            fill = RED
        else:
            bx = zero - length
            fill = f"url(#{ident}-hatch)"
        out.append(
            f'<rect x="{bx:.1f}" y="{yy}" width="{max(length, 0.8):.1f}" '
            f'height="{bar_h}" fill="{fill}" />'
        )
        tx = zero + length + 5 if f.amount >= 0 else zero - length - 5
        anchor = "start" if f.amount >= 0 else "end"
        out.append(
            f'<text x="{tx:.1f}" y="{yy + bar_h * 0.72:.1f}" font-size="10" '
            f'font-weight="700" text-anchor="{anchor}" fill="{BLACK}">'
            f"{esc(pts(f.amount))}</text>"
        )
    bottom = top + len(rows) * (bar_h + gap)
    out.append(
        f'<line x1="{zero:.1f}" y1="{top - 4}" x2="{zero:.1f}" y2="{bottom:.1f}" '
        f'stroke="{BLACK}" stroke-width="1.4" />'
    )
    out.append(
        f'<text x="{label_w - 8}" y="{bottom + 20}" font-size="11" font-weight="800" '
        f'text-anchor="end" fill="{BLACK}">Net change</text>'
        f'<text x="{zero:.1f}" y="{bottom + 20}" font-size="11" font-weight="800" '
        f'text-anchor="middle" fill="{RED if fb.change >= 0 else BLACK}">'
        f"{esc(pts(fb.change))} points ({esc(pct(fb.start))} \u2192 {esc(pct(fb.end))})</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def outcome_bars(played: Sequence, names: dict[str, str], width: int = 680) -> str:
    """Stacked bars: for each seat played, how its games ended, best outcome first and darkest;
    each part is named where it has room, and a key below names every shade."""
    outcomes: dict[int, str] = {}
    for p in played:
        for oc in p.outcomes:
            outcomes.setdefault(oc.rank, oc.name)
    ranks = sorted(outcomes, reverse=True)
    shades = ["#7A1913", RED, "#D9705F", "#C9B28A", "#8C8273", "#4A443E", BLACK]
    colour = {r: shades[min(i, len(shades) - 1)] for i, r in enumerate(ranks)}
    light = {"#C9B28A", "#D9705F"}
    label_w, bar_h, gap, top = 170, 18, 8, 6
    plot_w = width - label_w - 10
    key_y = top + len(played) * (bar_h + gap) + 10
    per_row = 3
    height = key_y + math.ceil(len(ranks) / per_row) * 18 + 4
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="ob-title ob-desc" font-family="Helvetica, Arial, sans-serif">',
        '<title id="ob-title">Outcomes by the contender played</title>',
        '<desc id="ob-desc">'
        + esc(
            "; ".join(
                f"{names.get(p.contender, p.contender)}: "
                + ", ".join(f"{oc.name} {oc.games}" for oc in p.outcomes)
                for p in played
            )
        )
        + "</desc>",
    ]
    for i, p in enumerate(played):
        yy = top + i * (bar_h + gap)
        out.append(
            f'<text x="{label_w - 8}" y="{yy + bar_h * 0.7:.1f}" font-size="10.5" '
            f'text-anchor="end" fill="{BLACK}">{esc(names.get(p.contender, p.contender))}'
            "</text>"
        )
        x0 = float(label_w)
        for oc in p.outcomes:
            w = plot_w * oc.games / max(p.games, 1)
            fill = colour[oc.rank]
            out.append(
                f'<rect x="{x0:.1f}" y="{yy}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{fill}" stroke="#fff" stroke-width="1" />'
            )
            text = f"{oc.name} {oc.games}"
            if w < 5.6 * len(text) + 8:
                text = str(oc.games)
            if w > 5.6 * len(text) + 4:
                out.append(
                    f'<text x="{x0 + w / 2:.1f}" y="{yy + bar_h * 0.72:.1f}" '
                    f'font-size="9.5" font-weight="700" text-anchor="middle" '
                    f'fill="{BLACK if fill in light else "#fff"}">{esc(text)}</text>'
                )
            x0 += w
    col_w = plot_w / per_row
    for i, r in enumerate(ranks):
        lx = label_w + (i % per_row) * col_w
        ly = key_y + (i // per_row) * 18
        out.append(
            f'<rect x="{lx:.1f}" y="{ly}" width="12" height="12" fill="{colour[r]}" />'
            f'<text x="{lx + 17:.1f}" y="{ly + 10}" font-size="10" fill="{BLACK}">'
            f"{esc(outcomes[r])}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


# ----- sections of the game debrief -----------------------------------------------------------


def _names(d: Debrief) -> dict[str, str]:
    return {c.id: c.short for c in d.contenders}


def _who_played(d: Debrief) -> str:
    if d.humans:
        return " and ".join(d.contender(h).name for h in d.humans)
    return "nobody (all seats were played by the AI)"


def _header(d: Debrief) -> str:
    played = _who_played(d)
    first = d.outcome_of(d.focus[0])
    return (
        '<header class="poster">\n'
        '<p class="kicker">Politburo \u00b7 Debrief of one game</p>\n'
        f"<h1>{_title(d.scenario_title)}</h1>\n"
        f'<p class="meta">Played by <b>{esc(played)}</b> \u00b7 seed <b>{d.seed}</b> \u00b7 '
        f"{d.turns} turns, {esc(d.dates[1])} to {esc(d.dates[-1])} \u00b7 "
        f"{esc(d.contender(first.contender).short)}: <b>{esc(first.name)}</b></p>\n"
        "</header>"
    )


def _outcome_section(d: Debrief) -> str:
    parts = ['<section id="outcome">', "<h2>The outcome</h2>"]
    for cid in d.focus:
        o = d.outcome_of(cid)
        c = d.contender(cid)
        whose = "You" if c.human else c.short
        parts.append(
            '<div class="verdict">'
            f'<div class="big"><small>{esc(c.name)}</small>{esc(o.name)}</div>'
            f'<div class="why"><p class="lede">{esc(o.description)}</p>'
            f'<p class="small">{esc(whose)} ended with {esc(pct(o.support))} of the party '
            f"loyal, as: {esc(o.status)}"
            + (f"; offices: {esc(', '.join(o.offices))}." if o.offices else "; no office.")
            + "</p></div></div>"
        )
    parts.append(
        '<table class="keep"><colgroup><col style="width:25%" /><col style="width:24%" />'
        '<col style="width:12%" /><col style="width:39%" /></colgroup>'
        '<thead><tr><th>Contender</th><th>Outcome</th><th class="num">Support</th>'
        "<th>Standing at the end</th></tr></thead><tbody>"
    )
    for o in d.outcomes:
        c = d.contender(o.contender)
        mark = ' <span class="tag red">best placed</span>' if o.winner else ""
        you = ' <span class="tag black">played</span>' if c.human else ""
        offices = f" \u2014 {', '.join(o.offices)}" if o.offices else ""
        parts.append(
            f"<tr><td>{_swatch(c)}{esc(c.name)}{you}</td><td>{esc(o.name)}{mark}</td>"
            f'<td class="num">{esc(pct(o.support))}</td><td>{esc(o.status + offices)}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    return "\n".join(parts)


def _support_section(d: Debrief) -> str:
    marks = [(tp.turn, i + 1) for i, tp in enumerate(d.turning_points)]
    rows = []
    for k, label in d.ticks + (
        [] if d.ticks and d.ticks[-1][0] == len(d.dates) - 1 else [(len(d.dates) - 1, "End")]
    ):
        cells = "".join(f'<td class="num">{esc(pct(s.points[k]))}</td>' for s in d.support)
        rows.append(f"<tr><td>{esc(label)}</td>{cells}</tr>")
    head = "".join(f'<th class="num">{esc(c.short)}</th>' for c in d.contenders)
    return (
        '<section id="support"><div class="keep-head"><h2>Support over time</h2>\n'
        f"<figure>{support_chart(d, tp_marks=marks)}\n"
        "<figcaption>Share of all party members loyal to each contender, at the start and at "
        "the end of every quarter. Lines differ in colour, dash and marker; the contender "
        "played is drawn thicker. Red numbers mark the turning points listed below."
        "</figcaption></figure></div>\n"
        '<table class="keep"><colgroup><col style="width:22%" /></colgroup><thead><tr>'
        f"<th>At the start of</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        "</section>"
    )


def _factor_section(d: Debrief) -> str:
    parts = [
        '<section id="factors">',
        '<div class="keep-head">',
        "<h2>What won and lost support</h2>",
        "<p>Every change of support in the game is booked under one of the historians' "
        "factors. The bars add up to the net change; followers who drifted away are taken "
        "off the factors that had won them. Members change sides again and again, so over "
        "the years one factor can win or cost more than a contender holds at the end: what "
        "counts is how the factors weigh against each other.</p>",
    ]
    for i, cid in enumerate(d.focus):
        fb = next(f for f in d.factors if f.contender == cid)
        c = d.contender(cid)
        parts.append(
            f"<figure>{factor_chart(fb, c.name, ident=f'fc{i}')}\n"
            f"<figcaption>{esc(c.name)}: points of support (percentage points of the "
            "party) each factor won or cost over the whole game. Losses are hatched."
            "</figcaption></figure>"
        )
        if i == 0:
            parts.append("</div>")
    head = "".join(f'<th class="num">{esc(c.short)}</th>' for c in d.contenders)
    parts.append("<h3>Every contender, in points (and share of all their movement)</h3>")
    parts.append(
        '<table class="keep"><colgroup><col style="width:30%" /></colgroup>'
        f"<thead><tr><th>Factor</th>{head}</tr></thead><tbody>"
    )
    names = [f.name for f in d.factors[0].factors]
    for k, name in enumerate(names):
        cells = "".join(
            f'<td class="num">{esc(pts(fb.factors[k].amount))} '
            f'<span class="small">({fb.factors[k].share:.0%})</span></td>'
            for fb in d.factors
        )
        parts.append(f"<tr><td>{esc(name)}</td>{cells}</tr>")
    net = "".join(f'<td class="num"><b>{esc(pts(fb.change))}</b></td>' for fb in d.factors)
    parts.append(f"<tr><td><b>Net change</b></td>{net}</tr></tbody></table></section>")
    return "\n".join(parts)


KIND_TAG = {"swing": "support", "office": "office", "status": "seat", "vote": "vote"}


def _turning_section(d: Debrief) -> str:
    parts = ['<section id="turning-points">', "<h2>Turning points</h2>"]
    if not d.turning_points:
        parts.append("<p>No single moment stood out: support moved slowly all game.</p>")
    else:
        parts.append('<ol class="points">')
        for tp in d.turning_points:
            parts.append(
                f'<li><span class="date">{esc(tp.date)}</span> '
                f'<span class="tag black">{esc(KIND_TAG[tp.kind])}</span> {esc(tp.text)}'
                f'<span class="cause">Why: {esc(tp.cause)}</span></li>'
            )
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


DIV_TAG = {
    "earlier": "earlier",
    "later": "later",
    "never": "never",
    "not_in_record": "new",
    "choice": "choice",
    "card_missing": "no card",
}


def _divergence_section(d: Debrief) -> str:
    parts = ['<section id="divergences">', "<h2>Where your game left history</h2>"]
    if not d.divergences:
        parts.append("<p>This game followed the scenario's record at every point it gives.</p>")
    else:
        parts.append(
            "<p>Compared with the dated steps and the event cards of the scenario's historical "
            f"record. Distance from history: <b>{d.distance.total:g} quarters</b> "
            f"({d.distance.steps:g} from steps, {d.distance.choices:g} from choices).</p>"
        )
        parts.append(
            '<table><colgroup><col style="width:13%" /><col style="width:29%" />'
            '<col style="width:29%" /><col style="width:29%" /></colgroup>'
            "<thead><tr><th>When</th><th>In your game</th><th>In history</th><th>Why</th>"
            "</tr></thead><tbody>"
        )
        for x in d.divergences:
            parts.append(
                f'<tr><td><span class="date">{esc(x.date)}</span><br />'
                f'<span class="tag red">{esc(DIV_TAG[x.kind])}</span></td>'
                f"<td><b>{esc(x.title)}</b><br />{esc(x.game)}</td>"
                f"<td>{esc(x.history)}</td><td>{esc(x.why)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append(f'<p class="small">{esc(d.distance.rule)}</p></section>')
    return "\n".join(parts)


def _odds(x: float | None) -> str:
    return "" if x is None else f" (odds {x:.0%})"


def _timeline_section(d: Debrief) -> str:
    names = _names(d)
    who = " and ".join(names[c] for c in d.focus)
    title = "Your decisions beside history" if d.humans else f"{who}'s decisions beside history"
    parts = [
        '<section id="timeline">',
        f"<h2>{esc(title)}</h2>",
        '<table class="timeline"><colgroup><col style="width:11%" /><col style="width:44%" />'
        '<col style="width:45%" /></colgroup>'
        f"<thead><tr><th>Quarter</th><th>{esc(who)}: orders and what came of them</th>"
        "<th>In history</th></tr></thead><tbody>",
    ]
    for row in d.timeline:
        mine = []
        for p in row.players:
            prefix = f"{names[p.contender]}: " if len(row.players) > 1 else ""
            orders = "; ".join(x.label + _odds(x.odds) for x in p.decisions) or "no orders"
            mine.append(f"<li><b>{esc(prefix)}Orders:</b> {esc(orders)}</li>")
            mine += [f"<li>{esc(r)}</li>" for r in p.results]
        hist = []
        for h in row.history:
            mark = ' class="diverged"' if h.diverged else ""
            hist.append(
                f"<li><b>{esc(h.title)}.</b> {esc(h.note)}"
                f'<span class="note"><span{mark}>{esc(h.in_game)}</span></span></li>'
            )
        off = ' class="off"' if row.divergences else ""
        flag = '<br /><span class="tag red">left history</span>' if row.divergences else ""
        parts.append(
            f'<tr><td{off}><span class="date">{esc(row.date)}</span>{flag}</td>'
            f"<td><ul>{''.join(mine)}</ul></td>"
            f'<td class="hist">{"<ul>" + "".join(hist) + "</ul>" if hist else ""}</td></tr>'
        )
    parts.append("</tbody></table></section>")
    return "\n".join(parts)


def _vote_block(v: VoteRecord) -> str:
    verdict = "carried" if v.passed else "defeated"
    qualified = v.needed > (v.yes + v.no) // 2 + 1
    need = f", {v.needed} needed" if qualified else ""
    rows = "".join(
        f'<tr><td>{esc(b.label)}<span class="note">{esc(b.reason)}</span></td>'
        f'<td class="num">{b.yes}</td><td class="num">{b.no}</td></tr>'
        for b in v.blocs
    )
    return (
        '<div class="vote">'
        f'<p><span class="date">{esc(v.date)}</span> \u00b7 <b>{esc(v.organ)}</b><br />'
        f'{esc(v.motion)} \u2014 <span class="{verdict}">{verdict}</span>, {v.yes} to {v.no}'
        f"{esc(need)}</p>"
        '<table><colgroup><col style="width:64%" /><col style="width:18%" />'
        '<col style="width:18%" /></colgroup>'
        '<thead><tr><th>Bloc, and why</th><th class="num">For</th><th class="num">Against</th>'
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _votes_section(d: Debrief) -> str:
    parts = ['<section id="votes">', f"<h2>Every vote ({len(d.votes)})</h2>"]
    if not d.votes:
        parts.append("<p>No vote was taken in this game.</p>")
    else:
        parts.append('<div class="votes">' + "".join(_vote_block(v) for v in d.votes) + "</div>")
    parts.append("</section>")
    return "\n".join(parts)


def _questions_section(d: Debrief) -> str:
    parts = [
        '<section id="questions">',
        "<h2>Questions for discussion</h2>",
        '<ol class="questions">',
    ]
    for q in d.questions:
        obj = (
            f'<span class="objective">Objective {q.objective_index + 1}: {esc(q.objective)}</span>'
            if q.objective_index >= 0
            else ""
        )
        parts.append(f"<li>{esc(q.text)}{obj}</li>")
    parts.append("</ol>")
    if d.learning_objectives:
        parts.append("<h3>The scenario's learning objectives</h3><ol>")
        parts += [f"<li>{esc(o)}</li>" for o in d.learning_objectives]
        parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _sources_section(d: Debrief) -> str:
    parts = ['<section id="sources">', "<h2>Sources cited</h2>"]
    if not d.sources:
        parts.append("<p>No card that came up in this game cites a source.</p>")
    else:
        parts.append(
            "<p>The historical notes of the cards that came up in this game draw "
            "on these documents:</p><ul>"
        )
        for s in d.sources:
            parts.append(
                f'<li>{esc(s.source)} <span class="small">\u2014 cards: '
                f"{esc(', '.join(s.cards))}</span></li>"
            )
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _epilogue_section(d: Debrief) -> str:
    if not d.epilogue:
        return ""
    paras = "".join(f"<p>{esc(p.strip())}</p>" for p in d.epilogue.split("\n\n") if p.strip())
    return f'<section id="epilogue"><h2>What followed in history</h2>{paras}</section>'


def render_debrief(d: Debrief) -> str:
    """The whole debrief of one game as an HTML document (a string)."""
    body = "\n".join(
        [
            _header(d),
            "<main>",
            _outcome_section(d),
            _support_section(d),
            _factor_section(d),
            _turning_section(d),
            _divergence_section(d),
            _timeline_section(d),
            _votes_section(d),
            _questions_section(d),
            _sources_section(d),
            _epilogue_section(d),
            "</main>",
            f"<footer>Made by Politburo from the game's record: scenario {esc(d.scenario_id)}, "
            f"seed {d.seed}. The same save replays to the same game, so this debrief can be "
            "made again at any time.</footer>",
        ]
    )
    return _page(f"Debrief: {d.scenario_title} (seed {d.seed})", body)


# ----- the class summary ------------------------------------------------------------------------


def render_class(s: ClassSummary) -> str:
    """The class summary as an HTML document (a string)."""
    names = {c.id: c.name for c in s.contenders}
    names[""] = "All-AI games (the winner)"
    names["played"] = "The seats people played"
    parts = [
        '<header class="poster">',
        '<p class="kicker">Politburo \u00b7 Class summary</p>',
        f"<h1>{_title(s.scenario_title)}</h1>",
        f'<p class="meta"><b>{s.games}</b> game{"s" * (s.games != 1)} counted \u00b7 '
        f"<b>{len(s.skipped)}</b> file{'s' * (len(s.skipped) != 1)} skipped</p>",
        "</header>",
        "<main>",
    ]
    # Outcomes.
    parts.append('<section id="outcomes"><h2>Outcomes by contender played</h2>')
    if s.played:
        parts.append(
            f"<figure>{outcome_bars(s.played, names)}<figcaption>Each bar is one "
            "seat; its parts are that seat's outcomes, best first (darkest), with the "
            "number of games.</figcaption></figure>"
        )
        parts.append(
            '<table class="keep"><colgroup><col style="width:26%" />'
            '<col style="width:10%" /><col style="width:10%" /></colgroup>'
            '<thead><tr><th>Played</th><th class="num">Games</th>'
            '<th class="num">Best placed</th><th>Outcomes</th></tr></thead><tbody>'
        )
        for p in s.played:
            outs = " \u00b7 ".join(f"{o.name} {o.games}" for o in p.outcomes)
            parts.append(
                f"<tr><td>{esc(names.get(p.contender, p.contender))}</td>"
                f'<td class="num">{p.games}</td><td class="num">{p.wins}</td>'
                f"<td>{esc(outs)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No game could be counted.</p>")
    parts.append("</section>")
    # Turning points.
    parts.append('<section id="common-turning-points"><h2>The most common turning points</h2>')
    if s.common_turning_points:
        parts.append(
            '<table class="keep"><colgroup><col style="width:52%" />'
            '<col style="width:12%" /><col style="width:18%" /><col style="width:18%"'
            " /></colgroup><thead><tr><th>Turning point</th><th>Kind</th>"
            '<th class="num">Games</th><th>Typical date</th></tr></thead><tbody>'
        )
        for tp in s.common_turning_points:
            parts.append(
                f"<tr><td>{esc(tp.label)}</td><td>{esc(KIND_TAG.get(tp.kind, tp.kind))}"
                f'</td><td class="num">{tp.games} ({tp.share:.0%})</td>'
                f"<td>{esc(tp.typical_date)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No turning points to compare.</p>")
    parts.append("</section>")
    # Factors.
    parts.append('<section id="factors"><h2>What won and lost support, across the class</h2>')
    if s.factors_played is not None:
        parts.append(
            f"<figure>{factor_chart(s.factors_played, names['played'], ident='cf')}"
            "<figcaption>The seats people played, averaged per game: points of "
            "support each factor won or cost.</figcaption></figure>"
        )
    if s.factors:
        head = "".join(f'<th class="num">{esc(c.short)}</th>' for c in s.contenders)
        parts.append(
            "<h3>Every contender, averaged over the games (points)</h3>"
            '<table class="keep"><colgroup><col style="width:30%" /></colgroup>'
            f"<thead><tr><th>Factor</th>{head}</tr></thead><tbody>"
        )
        for k, f in enumerate(s.factors[0].factors):
            cells = "".join(
                f'<td class="num">{esc(pts(fb.factors[k].amount))}</td>' for fb in s.factors
            )
            parts.append(f"<tr><td>{esc(f.name)}</td>{cells}</tr>")
        net = "".join(f'<td class="num"><b>{esc(pts(fb.change))}</b></td>' for fb in s.factors)
        parts.append(f"<tr><td><b>Net change</b></td>{net}</tr></tbody></table>")
    parts.append("</section>")
    # Closest and furthest.
    parts.append('<section id="history"><h2>Closest to history, furthest from it</h2>')
    if s.closest is not None and s.furthest is not None:
        parts.append('<div class="cards">')
        for title, g in (("Closest to history", s.closest), ("Furthest from history", s.furthest)):
            outs = "; ".join(f"{names.get(k, k)}: {v}" for k, v in g.outcomes.items())
            played = ", ".join(names.get(h, h) for h in g.humans) or "all AI"
            parts.append(
                f"<div><h3>{esc(title)}</h3><p><b>{esc(g.path)}</b></p>"
                f"<p>Seed {g.seed} \u00b7 played: {esc(played)}<br />"
                f"Best placed: {esc(names.get(g.winner, g.winner))}<br />{esc(outs)}</p>"
                f"<p><b>{g.distance:g} quarters</b> from history, {g.divergences} "
                "divergences</p></div>"
            )
        parts.append("</div>")
    parts.append(f'<p class="small">{esc(s.distance_rule)}</p></section>')
    # All games.
    parts.append(f'<section id="games"><h2>The games counted ({s.games})</h2>')
    if s.game_list:
        parts.append(
            '<table><colgroup><col style="width:28%" /><col style="width:9%" />'
            '<col style="width:35%" /><col style="width:13%" /><col style="width:15%" />'
            '</colgroup><thead><tr><th>Save</th><th class="num">Seed</th>'
            '<th>Played: outcome</th><th class="num">Distance</th>'
            '<th class="num">Divergences</th></tr></thead><tbody>'
        )
        for g in s.game_list:
            outs = "; ".join(f"{names.get(k, k)}: {v}" for k, v in g.outcomes.items())
            parts.append(
                f'<tr><td>{esc(g.path)}</td><td class="num">{g.seed}</td>'
                f'<td>{esc(outs)}</td><td class="num">{g.distance:g}</td>'
                f'<td class="num">{g.divergences}</td></tr>'
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    # Skipped.
    parts.append(f'<section id="skipped"><h2>Files skipped ({len(s.skipped)})</h2>')
    if s.skipped:
        parts.append(
            '<table><colgroup><col style="width:35%" /></colgroup><thead><tr>'
            "<th>File</th><th>Why it was not counted</th></tr></thead><tbody>"
        )
        parts += [f"<tr><td>{esc(x.path)}</td><td>{esc(x.reason)}</td></tr>" for x in s.skipped]
        parts.append("</tbody></table>")
    else:
        parts.append("<p>Every file given was counted.</p>")
    parts.append("</section>")
    if s.learning_objectives:
        parts.append('<section id="objectives"><h2>Learning objectives</h2><ol>')
        parts += [f"<li>{esc(o)}</li>" for o in s.learning_objectives]
        parts.append("</ol></section>")
    parts += [
        "</main>",
        "<footer>Made by Politburo from the saves' records; every game counted "
        "was replayed from its seed and orders.</footer>",
    ]
    return _page(f"Class summary: {s.scenario_title}", "\n".join(parts))
