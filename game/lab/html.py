"""The lab's report as one self-contained HTML page: inline SVG charts (no scripts, no files to
fetch), the tables of the text report, and what the numbers can and cannot say. It prints well.

Arms are told apart by pattern as well as colour (the palette is red, black and cream), so the
charts read in black and white and for readers who cannot tell colours apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from .report import CAVEATS, LabReport
from .stats import Share

RED = "#9B1B1B"
BLACK = "#1C1C1C"
CREAM = "#F4ECD8"
GRID = "#B8AD96"


@dataclass(frozen=True, slots=True)
class Style:
    fill: str  # the bar's colour
    pattern: str  # solid, stripes, dots, cross, hlines, checks, vlines
    name: str  # said in the legend, for readers who do not see the colour


# Baseline first: solid black. Then the what-ifs, red and black in turn, each with a pattern.
STYLES: tuple[Style, ...] = (
    Style(BLACK, "solid", "solid black"),
    Style(RED, "solid", "solid red"),
    Style(RED, "stripes", "red, diagonal stripes"),
    Style(BLACK, "dots", "black, dots"),
    Style(RED, "cross", "red, cross-hatched"),
    Style(BLACK, "stripes", "black, diagonal stripes"),
    Style(RED, "dots", "red, dots"),
    Style(BLACK, "cross", "black, cross-hatched"),
    Style(RED, "hlines", "red, horizontal lines"),
    Style(BLACK, "vlines", "black, vertical lines"),
    Style(RED, "checks", "red, checks"),
    Style(BLACK, "hlines", "black, horizontal lines"),
)


def style(arm: int) -> Style:
    return STYLES[arm % len(STYLES)]


def _pattern_def(i: int, s: Style, prefix: str) -> str:
    """An SVG <pattern> drawing the style's marks in cream over its colour; its id is
    ``{prefix}arm{i}``, so that every chart's ids are its own."""
    pid = f"{prefix}arm{i}"
    body = {
        "solid": "",
        "stripes": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{CREAM}" '
        'stroke-width="1.6"/>',
        "dots": f'<circle cx="4" cy="4" r="1.6" fill="{CREAM}"/>',
        "cross": f'<path d="M0,0 L8,8 M8,0 L0,8" stroke="{CREAM}" stroke-width="1.2"/>',
        "hlines": f'<path d="M0,4 H8" stroke="{CREAM}" stroke-width="1.6"/>',
        "vlines": f'<path d="M4,0 V8" stroke="{CREAM}" stroke-width="1.6"/>',
        "checks": f'<rect width="4" height="4" fill="{CREAM}"/><rect x="4" y="4" width="4" '
        f'height="4" fill="{CREAM}"/>',
    }[s.pattern]
    return (
        f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" fill="{s.fill}"/>{body}</pattern>'
    )


def _defs(n_arms: int, prefix: str) -> str:
    return "<defs>" + "".join(_pattern_def(i, style(i), prefix) for i in range(n_arms)) + "</defs>"


def svg_text(
    x: float, y: float, text: str, anchor: str = "middle", size: int = 12, weight: str = "normal"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-weight="{weight}" fill="{BLACK}">{escape(text)}</text>'
    )


def win_chart(r: LabReport) -> str:
    """Bars: each contender's win share in every arm, with 95% Wilson whiskers."""
    arms = len(r.arms)
    cids = r.contenders
    bar, gap, group_gap = 16, 2, 28
    group = arms * (bar + gap) - gap
    left, top, plot_h, bottom = 52, 24, 260, 44
    width = left + len(cids) * (group + group_gap) + 10
    height = top + plot_h + bottom
    y = lambda p: top + plot_h * (1 - p)  # noqa: E731 - a scale
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="wins-t wins-d">',
        '<title id="wins-t">Win share of each contender in each arm</title>',
        '<desc id="wins-d">Bars show the share of games each contender won in the baseline '
        "and with each what-if; whiskers show 95% Wilson intervals. The tables below give "
        "the same numbers.</desc>",
        _defs(arms, "w-"),
        f'<rect width="{width}" height="{height}" fill="{CREAM}"/>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        ty = y(tick)
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        parts.append(svg_text(left - 6, ty + 4, f"{tick:.0%}", "end", 11))
    for g, cid in enumerate(cids):
        x0 = left + group_gap / 2 + g * (group + group_gap)
        for a in range(arms):
            s = r.win_share(a, cid)
            x = x0 + a * (bar + gap)
            h = plot_h * s.p
            label = (
                f"{r.arms[a].title}: {r.name(cid)} won {s.p:.1%} (95% interval "
                f"{s.low:.1%} to {s.high:.1%})"
            )
            parts.append(
                f'<rect x="{x:.1f}" y="{y(s.p):.1f}" width="{bar}" height="{h:.1f}" '
                f'fill="url(#w-arm{a})" stroke="{BLACK}" stroke-width="0.8">'
                f"<title>{escape(label)}</title></rect>"
            )
            parts.append(_whisker(x + bar / 2, y(s.low), y(s.high)))
        parts.append(
            svg_text(x0 + group / 2, top + plot_h + 18, r.name(cid), size=13, weight="bold")
        )
    parts.append(
        f'<line x1="{left}" x2="{width - 10}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
        f'stroke="{BLACK}" stroke-width="1.2"/>'
    )
    parts.append(
        svg_text(14, top + plot_h / 2, "games won", size=11).replace(
            "<text ", f'<text transform="rotate(-90 14 {top + plot_h / 2:.1f})" '
        )
    )
    parts.append("</svg>")
    return "".join(parts)


def _whisker(x: float, y_low: float, y_high: float, cap: float = 4) -> str:
    """A vertical interval with caps: black on a cream halo, so it shows on a black bar too."""
    d = (
        f"M{x:.1f},{y_low:.1f} V{y_high:.1f} M{x - cap:.1f},{y_low:.1f} H{x + cap:.1f} "
        f"M{x - cap:.1f},{y_high:.1f} H{x + cap:.1f}"
    )
    return halo_path(d)


def halo_path(d: str) -> str:
    """A black line with a cream halo, visible on black bars and red ones alike."""
    return (
        f'<path d="{d}" stroke="{CREAM}" stroke-width="3.4" fill="none"/>'
        f'<path d="{d}" stroke="{BLACK}" stroke-width="1.4" fill="none"/>'
    )


def difference_chart(r: LabReport, a: int) -> str:
    """Horizontal bars: the what-if's change in each contender's win share, with whiskers."""
    cids = r.contenders
    left, right, top, row, bottom = 90, 20, 16, 26, 34
    plot_w = 420
    width = left + plot_w + right
    height = top + row * len(cids) + bottom
    x = lambda d: left + plot_w * (d + 1) / 2  # noqa: E731 - a scale from -100 to +100 points
    tid = f"diff{a}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{tid}">',
        f'<title id="{tid}">Change in win share with the what-if '
        f"{escape(r.arms[a].title)}, in points, with 95% Newcombe intervals</title>",
        _defs(len(r.arms), f"d{a}-"),
        f'<rect width="{width}" height="{height}" fill="{CREAM}"/>',
    ]
    for tick in (-1.0, -0.5, 0.0, 0.5, 1.0):
        parts.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{top - 4}" '
            f'y2="{top + row * len(cids):.1f}" stroke="{BLACK if tick == 0 else GRID}" '
            f'stroke-width="{1.2 if tick == 0 else 0.8}"/>'
        )
        parts.append(
            svg_text(
                x(tick), top + row * len(cids) + 16, f"{100 * tick:+.0f}" if tick else "0", size=11
            )
        )
    for i, cid in enumerate(cids):
        d = r.win_difference(a, cid)
        cy = top + i * row + row / 2
        x1, x2 = sorted((x(0), x(d.d)))
        label = (
            f"{r.name(cid)}: {100 * d.d:+.1f} points (95% interval {100 * d.low:+.1f} to "
            f"{100 * d.high:+.1f})"
        )
        parts.append(
            svg_text(left - 8, cy + 4, r.name(cid), "end", 12, "bold" if d.clear else "normal")
        )
        parts.append(
            f'<rect x="{x1:.1f}" y="{cy - 7:.1f}" width="{max(x2 - x1, 1):.1f}" '
            f'height="14" fill="url(#d{a}-arm{a})" stroke="{BLACK}" stroke-width="0.8">'
            f"<title>{escape(label)}</title></rect>"
        )
        parts.append(
            halo_path(
                f"M{x(d.low):.1f},{cy:.1f} H{x(d.high):.1f} M{x(d.low):.1f},{cy - 4:.1f} "
                f"V{cy + 4:.1f} M{x(d.high):.1f},{cy - 4:.1f} V{cy + 4:.1f}"
            )
        )
    parts.append(svg_text(left + plot_w / 2, height - 4, "change in games won, points", size=11))
    parts.append("</svg>")
    return "".join(parts)


def _swatch(a: int) -> str:
    return (
        f'<svg width="22" height="14" aria-hidden="true"><defs>'
        f'{_pattern_def(a, style(a), "sw-")}</defs><rect width="22" height="14" '
        f'fill="url(#sw-arm{a})" stroke="{BLACK}"/></svg>'
    )


def html_table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if i >= numeric_from else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """A scenario's text for the page: escaped, with its `ids` set as code, never as raw
    backticks."""
    return CODE.sub(r"<code>\1</code>", escape(" ".join(text.split())))


def _pct(s: Share) -> str:
    return f"{100 * s.p:.1f}%"


CSS = f"""
body {{ font-family: Georgia, 'Times New Roman', serif; background: {CREAM}; color: {BLACK};
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }}
h1 {{ color: {RED}; border-bottom: 3px solid {RED}; padding-bottom: .2rem; }}
h2 {{ color: {RED}; margin-top: 2rem; border-bottom: 1px solid {GRID}; }}
table {{ border-collapse: collapse; margin: .6rem 0 1rem; }}
th, td {{ border-bottom: 1px solid {GRID}; padding: .2rem .6rem; text-align: left; }}
th {{ border-bottom: 2px solid {BLACK}; }}
td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
code {{ background: #EAE0C8; padding: 0 .2rem; }}
.legend {{ list-style: none; padding: 0; }}
.legend li {{ margin: .2rem 0; }}
.legend svg {{ vertical-align: middle; margin-right: .4rem; }}
.note {{ font-size: .92rem; }}
section {{ break-inside: avoid; }}
@media print {{ body {{ background: white; margin: 0; max-width: none; }}
  h2 {{ break-after: avoid; }} }}
"""


def render_html(r: LabReport) -> str:
    sc = r.scenario
    n = r.games
    seeds = f"seeds {r.seed}-{r.seed + n - 1}" if n > 1 else f"seed {r.seed}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Lab: {escape(sc.title)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>What-if lab: {escape(sc.title)}</h1>",
        f"<p>{n} all-AI games per arm ({seeds}, the same seeds in every arm), AI difficulty "
        f"{escape(r.difficulty)}; {len(r.arms)} arms, {n * len(r.arms)} games, "
        f"{len(r.crashed())} crashed. Play them again with:</p>",
        f"<p><code>{escape(r.command())}</code></p>",
        '<ul class="note">' + "".join(f"<li>{escape(c)}</li>" for c in CAVEATS) + "</ul>",
        "<h2>Who wins, in each arm</h2>",
        '<ul class="legend">'
        + "".join(
            f"<li>{_swatch(a)}{escape(arm.title)} <small>({escape(style(a).name)})</small></li>"
            for a, arm in enumerate(r.arms)
        )
        + "</ul>",
        win_chart(r),
    ]
    rows = []
    for cid in r.contenders:
        s = r.win_share(0, cid)
        rows.append([r.name(cid), str(s.k), _pct(s), f"{100 * s.low:.1f}% - {100 * s.high:.1f}%"])
    years = r.years()
    out += [
        "<section><h2>Baseline: the scenario as written</h2>",
        html_table(["Contender", "Wins", "Share", "95% interval"], rows),
        "<p>Graded outcomes (% of games):</p>",
        html_table(
            ["Contender", *r.outcome_headers()],
            [
                [r.name(c), *[r.outcome_cell(r.outcome_share(0, c, o.id).p) for o in sc.outcomes]]
                for c in r.contenders
            ],
        ),
        "<p>Support at the end of each year (% of the party's members loyal, mean of the "
        "games):</p>",
        html_table(
            ["Contender", *years],
            [
                [r.name(c), *[f"{100 * r.support_mean(0, c, y):.1f}" for y in range(len(years))]]
                for c in r.contenders
            ],
        ),
    ]
    shown = r.milestones_shown()
    if shown:
        out.append(
            html_table(
                ["Decisive event", "Median date, share of games"],
                [[r.milestone_label(c, k), r.when(r.milestone(0, c, k))] for c, k in shown],
                numeric_from=9,
            )
        )
    out.append("</section>")
    for a in range(1, len(r.arms)):
        arm = r.arms[a]
        out.append(
            f"<section><h2>What if: {escape(arm.title)} <small>(<code>"
            f"{escape(arm.id)}</code>)</small></h2>"
        )
        if arm.question:
            out.append(f"<p><b>Question:</b> {inline(arm.question)}</p>")
        if arm.description:
            out.append(f"<p>{inline(arm.description)}</p>")
        out.append(difference_chart(r, a))
        rows = []
        for cid in r.contenders:
            base, s, d = r.win_share(0, cid), r.win_share(a, cid), r.win_difference(a, cid)
            rows.append(
                [
                    r.name(cid),
                    _pct(base),
                    _pct(s),
                    f"{100 * d.d:+.1f}",
                    f"{100 * d.low:+.1f} to {100 * d.high:+.1f}",
                    "yes" if d.clear else "no",
                ]
            )
        out.append(
            html_table(
                [
                    "Contender",
                    "Baseline",
                    "What-if",
                    "Difference (points)",
                    "95% interval",
                    "Clear",
                ],
                rows,
            )
        )
        out.append(
            "<p>Graded outcomes (% of games, baseline &rarr; what-if; * a clear change):</p>"
        )
        out.append(
            html_table(
                ["Contender", *r.outcome_headers()],
                [
                    [r.name(c), *[r.outcome_change(a, c, o.id) for o in sc.outcomes]]
                    for c in r.contenders
                ],
            )
        )
        out.append(
            "<p>Support at the end of each year (% of members loyal, mean; baseline &rarr; "
            "what-if; * a clear change):</p>"
        )
        out.append(
            html_table(
                ["Contender", *years],
                [
                    [r.name(c), *[r.support_change(a, c, y) for y in range(len(years))]]
                    for c in r.contenders
                ],
            )
        )
        if shown:
            out.append(
                html_table(
                    ["Decisive event", "Baseline", "What-if", "Change in share"],
                    [
                        [
                            r.milestone_label(c, k),
                            r.when(r.milestone(0, c, k)),
                            r.when(r.milestone(a, c, k)),
                            r.milestone_change(a, c, k),
                        ]
                        for c, k in shown
                    ],
                    numeric_from=3,
                )
            )
        out.append("</section>")
    crashed = r.crashed()
    if crashed:
        out += [
            "<h2>Games that crashed</h2>",
            html_table(
                ["Arm", "Seed", "Error"],
                [[a.id, str(rec.seed), rec.error or ""] for a, rec in crashed],
                numeric_from=9,
            ),
        ]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
