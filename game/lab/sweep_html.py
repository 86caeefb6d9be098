"""A sweep's report as one self-contained HTML page (``politburo lab --sweep ... -o FILE``):
one small chart per contender of the share of games won against the rule's value, with its 95%
interval as a hatched band, then the tables of the text report. Inline SVG, no scripts, and
drawn to read printed in black and white: the share is a black line with round markers, the
interval a band of grey hatching between two dotted lines, the scenario's own value a dashed
red line that is labelled in words.
"""

from __future__ import annotations

from html import escape

from game.content.rule_values import value_text

from .html import BLACK, CREAM, CSS, GRID, RED, html_table, svg_text
from .sweep import SWEEP_CAVEATS, SweepReport

MAX_TICKS = 6  # value labels under a chart's axis; the tables give every value

# A row of charts may start at the foot of a page (a row is one line box, and orphans would
# otherwise carry it over with the next); a long table may run on over a page break.
SWEEP_CSS = """
.charts { orphans: 1; widows: 1; }
.charts svg { display: inline-block; margin: 0 1rem .8rem 0; break-inside: avoid; }
section { break-inside: auto; }
tr { break-inside: avoid; }
"""


def _ticks(n: int) -> list[int]:
    """The indices of the values labelled under the axis: all of a few, else the first, the
    last and evenly spaced ones between."""
    if n <= MAX_TICKS:
        return list(range(n))
    step = -(-(n - 1) // (MAX_TICKS - 1))
    picked = list(range(0, n - 1, step))
    if n - 1 - picked[-1] < step / 2:
        picked.pop()
    return [*picked, n - 1]


def contender_chart(r: SweepReport, cid: str, index: int) -> str:
    """The share of games ``cid`` won at each value, with the 95% Wilson interval as a band."""
    values = [float(v) for v in r.sweep.values]
    shares = [r.share(i, cid) for i in range(len(values))]
    name = r.lab.name(cid)
    width, height = 330, 230
    left, right, top, bottom = 46, 16, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = min(values), max(values)
    span = hi - lo

    def x(v: float) -> float:
        return left + (plot_w * (v - lo) / span if span else plot_w / 2)

    def y(p: float) -> float:
        return top + plot_h * (1 - p)

    ident = f"sweep{index}"
    desc = "; ".join(
        f"{value_text(v)}: {s.p:.1%} (95% interval {s.low:.1%} to {s.high:.1%})"
        for v, s in zip(r.sweep.values, shares, strict=True)
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d">',
        f'<title id="{ident}-t">{escape(name)}: share of games won against '
        f"{escape(r.sweep.rule)}</title>",
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
        f'<defs><pattern id="{ident}-band" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{CREAM}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{GRID}" stroke-width="2"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="{CREAM}"/>',
        svg_text(left, 18, name, "start", 14, "bold"),
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.8"/>'
        )
        parts.append(svg_text(left - 6, y(tick) + 4, f"{tick:.0%}", "end", 11))
    own = float(r.own)
    if lo <= own <= hi:
        parts.append(
            f'<line x1="{x(own):.1f}" x2="{x(own):.1f}" y1="{top - 4}" y2="{top + plot_h}" '
            f'stroke="{RED}" stroke-width="1.4" stroke-dasharray="5 3"/>'
        )
        anchor = "end" if x(own) > left + plot_w * 0.6 else "start"
        nudge = -3 if anchor == "end" else 3
        parts.append(svg_text(x(own) + nudge, top + 8, "scenario", anchor, 10))
    if len(values) > 1:
        upper = [f"{x(v):.1f},{y(s.high):.1f}" for v, s in zip(values, shares, strict=True)]
        lower = [f"{x(v):.1f},{y(s.low):.1f}" for v, s in zip(values, shares, strict=True)]
        parts.append(
            f'<polygon points="{" ".join(upper + lower[::-1])}" fill="url(#{ident}-band)" '
            'stroke="none"/>'
        )
        for edge in (upper, lower):
            parts.append(
                f'<polyline points="{" ".join(edge)}" fill="none" stroke="{BLACK}" '
                'stroke-width="0.7" stroke-dasharray="1.5 2"/>'
            )
        line = " ".join(f"{x(v):.1f},{y(s.p):.1f}" for v, s in zip(values, shares, strict=True))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{BLACK}" stroke-width="2"/>')
    else:
        s, cx = shares[0], x(values[0])
        parts.append(
            f'<path d="M{cx:.1f},{y(s.low):.1f} V{y(s.high):.1f}" stroke="{BLACK}" '
            'stroke-width="1.2"/>'
        )
    for v, s in zip(r.sweep.values, shares, strict=True):
        label = (f"{r.sweep.rule} = {value_text(v)}: {name} won {s.k} of {s.n}, {s.p:.1%} "
                 f"(95% interval {s.low:.1%} to {s.high:.1%})")
        parts.append(
            f'<circle cx="{x(float(v)):.1f}" cy="{y(s.p):.1f}" r="3.4" fill="{BLACK}" '
            f'stroke="{CREAM}" stroke-width="1"><title>{escape(label)}</title></circle>'
        )
    axis_y = top + plot_h
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="{BLACK}" '
        'stroke-width="1.2"/>'
    )
    for i in _ticks(len(values)):
        parts.append(
            f'<line x1="{x(values[i]):.1f}" x2="{x(values[i]):.1f}" y1="{axis_y}" '
            f'y2="{axis_y + 4}" stroke="{BLACK}" stroke-width="1"/>'
        )
        parts.append(svg_text(x(values[i]), axis_y + 16, value_text(r.sweep.values[i]), size=11))
    parts.append(svg_text(left + plot_w / 2, height - 6, r.sweep.rule, size=11))
    parts.append("</svg>")
    return "".join(parts)


def render_sweep_html(r: SweepReport) -> str:
    lab = r.lab
    sc = lab.scenario
    values = r.sweep.values
    names = [lab.name(c) for c in r.contenders]
    own_shown = any(r.is_own(i) for i in range(len(values)))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"/>',
        f"<title>Sweep of {escape(r.sweep.rule)}: {escape(sc.title)}</title>",
        f"<style>{CSS}{SWEEP_CSS}</style></head><body>",
        f"<h1>Sweep of <code>{escape(r.sweep.rule)}</code>: {escape(sc.title)}</h1>",
        *[f"<p>{escape(line)}</p>" for line in r.about()],
        "<p>Play them again with:</p>",
        f"<p><code>{escape(r.command())}</code></p>",
        f"<h2>Share of games won against {escape(r.sweep.rule)}</h2>",
        "<p>For each contender: the share of games won at each value (black line and dots), "
        "its 95% interval (the hatched band between dotted lines) and, dashed, the "
        "scenario's own value.</p>",
        '<div class="charts">'
        + "".join(contender_chart(r, c, i) for i, c in enumerate(r.contenders))
        + "</div>",
        "<section><h2>What these numbers can and cannot say</h2>",
        '<ul class="note">'
        + "".join(f"<li>{escape(c)}</li>" for c in SWEEP_CAVEATS)
        + "</ul></section>",
        "<section><h2>Win share by value (% of games won)</h2>",
        html_table(
            ["Value", *names, *([""] if own_shown else [])],
            [
                [value_text(v), *[f"{100 * r.share(i, c).p:.1f}" for c in r.contenders],
                 *(["the scenario's value" if r.is_own(i) else ""] if own_shown else [])]
                for i, v in enumerate(values)
            ],
            numeric_from=0,
        ),
        "</section>",
        "<section><h2>Win shares with 95% intervals (Wilson)</h2>",
        html_table(
            ["Contender", "Value", "Wins", "Games", "Share", "95% interval"],
            [
                [lab.name(c), value_text(v), str(s.k), str(s.n), f"{100 * s.p:.1f}%",
                 f"{100 * s.low:.1f}% - {100 * s.high:.1f}%"]
                for c in r.contenders
                for i, v in enumerate(values)
                for s in (r.share(i, c),)
            ],
        ),
        "</section>",
    ]
    if len(values) > 1:
        first, last = value_text(values[0]), value_text(values[-1])
        out += [
            f"<section><h2>Change from {escape(first)} to {escape(last)}</h2>",
            "<p>Points of win share, with Newcombe's 95% interval; clear where the interval "
            "excludes zero.</p>",
            html_table(
                ["Contender", "Change (points)", "95% interval", "Clear"],
                [
                    [lab.name(c), f"{100 * d.d:+.1f}",
                     f"{100 * d.low:+.1f} to {100 * d.high:+.1f}", "yes" if d.clear else "no"]
                    for c in r.contenders
                    for d in (r.change(c),)
                ],
            ),
            "</section>",
        ]
    crashed = lab.crashed()
    if crashed:
        out += [
            "<h2>Games that crashed</h2>",
            html_table(["Value", "Seed", "Error"],
                       [[a.title, str(rec.seed), rec.error or ""] for a, rec in crashed],
                       numeric_from=9),
        ]
    out.append("</body></html>")
    return "\n".join(out) + "\n"
