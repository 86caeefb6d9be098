"""The debrief's charts as inline SVG, drawn to read in black and white: contenders are told
apart by dash pattern and marker shape as well as colour, what helped and what hurt by solid
and hatched bars, and every chart says in its own text what it shows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from game.page import BLACK, GREY, RED, RULE, colour, esc, pct

from .model import Debrief, FactorBreakdown, FactorShare, PlayedBy

DASHES = {
    "solid": "",
    "stripes": "9 4",
    "dots": "2 3",
    "cross": "12 3 2 3",
    "checks": "5 2",
    "waves": "14 3 4 3",
}
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus", "star")
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def svg_open(width: float, height: float, ident: str, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" {FONT}>'
        f'<title id="{ident}-title">{esc(title)}</title>'
        f'<desc id="{ident}-desc">{esc(desc)}</desc>'
    )


def hatch(ident: str) -> str:
    return (
        f'<defs><pattern id="{ident}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="5" height="5" fill="#fff" />'
        f'<line x1="0" y1="0" x2="0" y2="5" stroke="{BLACK}" stroke-width="2.2" />'
        "</pattern></defs>"
    )


def marker(kind: str, x: float, y: float, fill: str, r: float = 3.6) -> str:
    """A marker shape, outlined in black so that it reads without colour."""
    attrs = f'fill="{fill}" stroke="{BLACK}" stroke-width="0.8"'
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" {attrs} />'
    if kind == "square":
        return (
            f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r:.1f}" '
            f'height="{2 * r:.1f}" {attrs} />'
        )
    if kind == "triangle":
        p = (
            f"{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r * 0.8:.1f} "
            f"{x + r * 1.1:.1f},{y + r * 0.8:.1f}"
        )
        return f'<polygon points="{p}" {attrs} />'
    if kind == "diamond":
        p = (
            f"{x:.1f},{y - r * 1.25:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r * 1.25:.1f} "
            f"{x - r:.1f},{y:.1f}"
        )
        return f'<polygon points="{p}" {attrs} />'
    if kind == "star":
        p = " ".join(
            f"{x + (r * 1.3 if i % 2 == 0 else r * 0.55) * math.sin(i * math.pi / 5):.1f},"
            f"{y - (r * 1.3 if i % 2 == 0 else r * 0.55) * math.cos(i * math.pi / 5):.1f}"
            for i in range(10)
        )
        return f'<polygon points="{p}" {attrs} />'
    d = r * 1.05
    if kind == "cross":
        path = (
            f"M{x - d:.1f},{y - d:.1f}L{x + d:.1f},{y + d:.1f}M{x - d:.1f},{y + d:.1f}"
            f"L{x + d:.1f},{y - d:.1f}"
        )
    else:
        path = f"M{x - d:.1f},{y:.1f}L{x + d:.1f},{y:.1f}M{x:.1f},{y - d:.1f}L{x:.1f},{y + d:.1f}"
    return f'<path d="{path}" stroke="{fill}" stroke-width="2.4" fill="none" />'


# ----- support over time -------------------------------------------------------------------


def support_chart(d: Debrief, *, tp_marks: Sequence[tuple[int, int]] = (), width: int = 680,
                  plot_h: int = 170) -> str:
    """Each contender's share of the party over time: one line each, told apart by colour,
    dash pattern and marker; the players' lines are thicker. ``tp_marks``: (turn, number) of
    turning points, marked along the top."""
    series = {s.contender: s.points for s in d.support}
    n = max(len(p) for p in series.values())
    left, right, top, bottom = 40, 12, 22 if tp_marks else 8, 26
    legend_rows = math.ceil(len(d.contenders) / 3)
    height = top + plot_h + bottom + 4 + legend_rows * 16
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
        svg_open(width, height, "sc", "Support over time",
             "Share of the party loyal to each contender, from the start to the last turn "
             f"played. At the end: {names}."),
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#fff" '
        f'stroke="{BLACK}" stroke-width="1" />',
    ]
    v = 0.0
    while v <= ymax + 1e-9:
        yy = y(v)
        out.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" '
            f'stroke="{RULE}" stroke-width="{0.7 if v else 1.2}" />'
            f'<text x="{left - 5}" y="{yy + 3.5:.1f}" font-size="9.5" text-anchor="end" '
            f'fill="{BLACK}">{round(v * 100)}%</text>'
        )
        v += step
    for k, label in d.ticks:
        xx = x(k)
        out.append(
            f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{top + plot_h}" '
            f'stroke="{RULE}" stroke-width="0.6" stroke-dasharray="1 3" />'
            f'<text x="{xx:.1f}" y="{top + plot_h + 13}" font-size="9.5" '
            f'text-anchor="middle" fill="{BLACK}">{esc(label)}</text>'
        )
    grouped: dict[int, list[int]] = {}
    for turn, number in tp_marks:
        grouped.setdefault(turn, []).append(number)
    for turn, numbers in sorted(grouped.items()):
        xx = x(min(turn + 0.5, n - 1))
        label = ",".join(str(k) for k in numbers)
        half = max(7.0, 3 * len(label) + 3)
        out.append(
            f'<line x1="{xx:.1f}" y1="{top}" x2="{xx:.1f}" y2="{top + plot_h}" '
            f'stroke="{GREY}" stroke-width="0.7" stroke-dasharray="2 3" />'
            f'<rect x="{xx - half:.1f}" y="{top - 17}" width="{2 * half:.1f}" height="14" '
            f'rx="7" fill="#fff" stroke="{BLACK}" stroke-width="1" />'
            f'<text x="{xx:.1f}" y="{top - 6.5}" font-size="9" font-weight="700" '
            f'text-anchor="middle" fill="{BLACK}">{label}</text>'
        )
    for i, c in enumerate(d.contenders):
        p = series[c.id]
        col = colour(c.colour)
        dash = DASHES.get(c.pattern, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        w = 3.2 if c.human or c.id in d.focus else 1.8
        coords = " ".join(f"{x(k):.1f},{y(val):.1f}" for k, val in enumerate(p))
        out.append(
            f'<polyline points="{coords}" fill="none" stroke="{col}" '
            f'stroke-width="{w}" stroke-linejoin="round"{dash_attr} />'
        )
        every = max(1, (n - 1) // 6)
        for k in range(0, n, every):
            out.append(marker(MARKERS[i % len(MARKERS)], x(k), y(p[k]), col))
    ly = top + plot_h + bottom + 4
    col_w = plot_w / 3
    for i, c in enumerate(d.contenders):
        lx = left + (i % 3) * col_w
        yy = ly + (i // 3) * 16
        col = colour(c.colour)
        dash = DASHES.get(c.pattern, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        w = 3.2 if c.human or c.id in d.focus else 1.8
        tag = " (played)" if c.human else ""
        out.append(
            f'<line x1="{lx:.1f}" y1="{yy:.1f}" x2="{lx + 32:.1f}" y2="{yy:.1f}" '
            f'stroke="{col}" stroke-width="{w}"{dash_attr} />'
            + marker(MARKERS[i % len(MARKERS)], lx + 16, yy, col)
            + f'<text x="{lx + 38:.1f}" y="{yy + 3.5:.1f}" font-size="10" '
            f'fill="{BLACK}">{esc(c.name + tag)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


# ----- the factors, as shares -----------------------------------------------------------------


def percent_axis(x0: float, plot_w: float, y_top: float, y_bottom: float,
                 label_y: float) -> str:
    """Grid lines at 0, 25, 50, 75 and 100% of a bar chart's width, labelled below."""
    out = []
    for t in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + plot_w * t
        out.append(
            f'<line x1="{x:.1f}" y1="{y_top:.1f}" x2="{x:.1f}" y2="{y_bottom:.1f}" '
            f'stroke="{RULE}" stroke-width="{1.2 if t == 0 else 0.5}" />'
            f'<text x="{x:.1f}" y="{label_y:.1f}" font-size="8.5" text-anchor="middle" '
            f'fill="{GREY}">{t:.0%}</text>'
        )
    return "".join(out)


def _factor_desc(fbs: Sequence[FactorBreakdown], names: dict[str, str]) -> str:
    return "; ".join(
        f"{names[fb.contender]}: "
        + ", ".join(f"{f.name} {f.share:.0%} {'for' if f.helped else 'against'}"
                    for f in fb.factors if f.share >= 0.005)
        for fb in fbs
    )


def share_table(fbs: Sequence[FactorBreakdown], heads: Sequence[str], title: str,
                last_row: str = "") -> str:
    """Every contender's factors as a table of shares, each signed for (+) or against (−);
    ``heads`` name the columns, ``last_row`` is an extra row of HTML."""
    head = "".join(f'<th class="num">{esc(h)}</th>' for h in heads)
    rows = [
        f"<tr><td>{esc(f0.name)}</td>"
        + "".join(f'<td class="num">{signed_share(fb.factors[k])}</td>' for fb in fbs)
        + "</tr>"
        for k, f0 in enumerate(fbs[0].factors)
    ]
    return (
        f"<h3>{esc(title)}</h3>"
        '<table><colgroup><col style="width:30%" /></colgroup>'
        f"<thead><tr><th>Factor</th>{head}</tr></thead><tbody>{''.join(rows)}{last_row}"
        "</tbody></table>"
    )


def signed_share(f: FactorShare) -> str:
    """A factor's share with its side: ``+34%`` for, ``−12%`` against, ``–`` for nothing."""
    if f.share < 0.005:
        return "\u2013"
    sign = "+" if f.helped else "\u2212"
    return f"{sign}{f.share:.0%}"


def factor_chart(fbs: Sequence[FactorBreakdown], names: dict[str, str], *, ident: str = "fc",
                 width: int = 680) -> str:
    """Each factor's share of what moved a contender's support, as a bar from 0 to 100%:
    solid where the factor worked for them, hatched where it worked against them, with the
    votes booked under it beside it. Several contenders are grouped under each factor."""
    if len(fbs) > 2:
        return _factor_grid(fbs, names, ident=ident, width=width)
    rows = [f.name for f in fbs[0].factors]
    k = len(fbs)
    label_w, votes_w, right = 228, 96, 10
    bar_h = 13 if k == 1 else 10
    group = k * (bar_h + 3) + 6
    top = 24
    bottom = top + len(rows) * group
    height = bottom + 34
    plot_w = width - label_w - votes_w - right
    desc = _factor_desc(fbs, names)
    out = [
        svg_open(width, height, ident, "What moved support: the factors' shares", desc),
        hatch(ident),
        f'<text x="{label_w}" y="12" font-size="9" fill="{GREY}">share of all the movement '
        "in support (the shares add up to 100%)</text>",
        f'<text x="{width - right}" y="12" font-size="9" text-anchor="end" fill="{GREY}">'
        "votes won / lost</text>",
    ]
    out.append(percent_axis(label_w, plot_w, top - 6, bottom, bottom + 10))
    for i, name in enumerate(rows):
        y0 = top + i * group
        out.append(
            f'<text x="{label_w - 6}" y="{y0 + group / 2 + 1:.1f}" font-size="9.5" '
            f'text-anchor="end" fill="{BLACK}">{esc(name)}</text>'
        )
        for j, fb in enumerate(fbs):
            f = fb.factors[i]
            yy = y0 + 3 + j * (bar_h + 3)
            length = plot_w * f.share
            fill = RED if f.helped else f"url(#{ident}-hatch)"
            if f.share >= 0.005:
                out.append(
                    f'<rect x="{label_w}" y="{yy:.1f}" width="{max(length, 1):.1f}" '
                    f'height="{bar_h}" fill="{fill}" stroke="{BLACK}" stroke-width="0.6" />'
                )
            who = f"{names[fb.contender]}: " if k > 1 else ""
            size = "\u2013" if f.share < 0.005 else (
                f"{f.share:.0%} {'for' if f.helped else 'against'}"
            )
            out.append(
                f'<text x="{label_w + length + 4:.1f}" y="{yy + bar_h - 2.5:.1f}" '
                f'font-size="{9.5 if k == 1 else 8.5}" font-weight="700" fill="{BLACK}">'
                f"{esc(who)}{size}</text>"
            )
            if f.votes_won or f.votes_lost:
                out.append(
                    f'<text x="{width - right}" y="{yy + bar_h - 2.5:.1f}" font-size="9" '
                    f'text-anchor="end" fill="{BLACK}">{f.votes_won} / {f.votes_lost}</text>'
                )
    ky = height - 4
    out.append(
        f'<rect x="{label_w}" y="{ky - 8}" width="14" height="9" fill="{RED}" '
        f'stroke="{BLACK}" stroke-width="0.6" /><text x="{label_w + 18}" y="{ky}" '
        f'font-size="9" fill="{BLACK}">worked for them (won support)</text>'
        f'<rect x="{label_w + 190}" y="{ky - 8}" width="14" height="9" '
        f'fill="url(#{ident}-hatch)" stroke="{BLACK}" stroke-width="0.6" />'
        f'<text x="{label_w + 208}" y="{ky}" font-size="9" fill="{BLACK}">worked against '
        "them (lost support)</text>"
    )
    out.append("</svg>")
    return "".join(out)


def _factor_grid(fbs: Sequence[FactorBreakdown], names: dict[str, str], *, ident: str,
                 width: int) -> str:
    """The factor chart for three players or more: a column per player, a row per factor,
    each cell a bar from 0 to 100% (solid: for them; hatched: against them)."""
    rows = [f.name for f in fbs[0].factors]
    label_w, right, row_h, top = 200, 6, 17, 30
    col_w = (width - label_w - right) / len(fbs)
    bottom = top + len(rows) * row_h
    height = bottom + 22
    desc = _factor_desc(fbs, names)
    out = [
        svg_open(width, height, ident, "What moved support: the factors' shares", desc),
        hatch(ident),
        f'<text x="{label_w}" y="10" font-size="8.5" fill="{GREY}">each bar: the factor\'s '
        "share of all that moved that player's support (0 to 100%)</text>",
    ]
    for j, fb in enumerate(fbs):
        x0 = label_w + j * col_w
        out.append(
            f'<text x="{x0 + 4:.1f}" y="{top - 6}" font-size="9.5" font-weight="700" '
            f'fill="{BLACK}">{esc(names[fb.contender])}</text>'
            f'<line x1="{x0:.1f}" y1="{top - 4}" x2="{x0:.1f}" y2="{bottom}" stroke="{RULE}" '
            'stroke-width="0.8" />'
        )
        for i, f in enumerate(fb.factors):
            yy = top + i * row_h + 3
            length = (col_w - 40) * f.share
            if f.share >= 0.005:
                fill = RED if f.helped else f"url(#{ident}-hatch)"
                out.append(
                    f'<rect x="{x0 + 3:.1f}" y="{yy}" width="{max(length, 1):.1f}" '
                    f'height="{row_h - 6}" fill="{fill}" stroke="{BLACK}" stroke-width="0.5" />'
                    f'<text x="{x0 + 6 + length:.1f}" y="{yy + row_h - 8:.1f}" font-size="8" '
                    f'fill="{BLACK}">{f.share:.0%}</text>'
                )
    for i, name in enumerate(rows):
        out.append(
            f'<text x="{label_w - 6}" y="{top + i * row_h + row_h - 5:.1f}" font-size="9" '
            f'text-anchor="end" fill="{BLACK}">{esc(name)}</text>'
        )
    ky = height - 5
    out.append(
        f'<rect x="{label_w}" y="{ky - 8}" width="14" height="9" fill="{RED}" '
        f'stroke="{BLACK}" stroke-width="0.6" /><text x="{label_w + 18}" y="{ky}" '
        f'font-size="9" fill="{BLACK}">worked for them</text>'
        f'<rect x="{label_w + 130}" y="{ky - 8}" width="14" height="9" '
        f'fill="url(#{ident}-hatch)" stroke="{BLACK}" stroke-width="0.6" />'
        f'<text x="{label_w + 148}" y="{ky}" font-size="9" fill="{BLACK}">worked against '
        "them</text>"
    )
    out.append("</svg>")
    return "".join(out)


# ----- the game beside history ------------------------------------------------------------------


SHORTER = (
    (re.compile(r" removed from the "), " out of the "),
    (re.compile(r" expelled from the party"), " expelled"),
    (re.compile(r" loses the post of "), " loses "),
    (re.compile(r"People's Commissar for "), "Commissar for "),
)


def short_label(label: str) -> str:
    """A step's label in fewer words, for the timeline's crowded lanes."""
    for pattern, words in SHORTER:
        label = pattern.sub(words, label)
    return label


def _span(x: float, label: str, char_w: float, limit: float) -> tuple[float, float, bool]:
    """Where a label beside a marker at ``x`` goes: (start, end, on the left): to the right of
    the marker, or to its left where it would run past ``limit``."""
    width = len(label) * char_w + 6
    if x + width <= limit:
        return x - 4, x + width, False
    return x - width, x + 4, True


def _lanes(spans: list[tuple[float, float, bool]], gap: float) -> list[int]:
    """A level for each label's span, so that labels on one level do not overlap."""
    levels: list[list[tuple[float, float]]] = []
    out = []
    for a, b, _ in spans:
        for n, taken in enumerate(levels):
            if all(b + gap <= lo or a >= hi + gap for lo, hi in taken):
                taken.append((a, b))
                out.append(n)
                break
        else:
            levels.append([(a, b)])
            out.append(len(levels) - 1)
    return out


def _label(x: float, y: float, text: str, left: bool, size: float, fill: str) -> str:
    anchor = ' text-anchor="end"' if left else ""
    tx = x - 5 if left else x + 5
    return (
        f'<text x="{tx:.1f}" y="{y + 3:.1f}" font-size="{size}"{anchor} fill="{fill}">'
        f"{esc(text)}</text>"
    )


def timeline_chart(d: Debrief, *, width: int = 680, ident: str = "tl") -> str:
    """One time axis for the game's length: above it the steps taken in this game (offices and
    seats lost, expulsions, exile), below it the dated steps of the scenario's record. A step
    found in both is joined by a dashed line, so a step that came early or late leans; a step
    only in one is drawn hollow."""
    turns = d.length_turns
    left, right = 8, 8
    plot_w = width - left - right

    def x(turn: float) -> float:
        return left + plot_w * (turn + 0.5) / max(turns, 1)

    colours = {c.id: colour(c.colour) for c in d.contenders}
    shapes = {c.id: MARKERS[i % len(MARKERS)] for i, c in enumerate(d.contenders)}
    played = d.turns
    game = sorted(((s.game_turn, s) for s in d.steps if s.game_turn is not None),
                  key=lambda x: x[0])
    record = sorted(((s.history_turn, s) for s in d.steps
                     if s.history_turn is not None and s.history_turn < turns),
                    key=lambda x: x[0])
    char_w, fs = 4.4, 8
    g_text = [short_label(s.label) + (" (new)" if s.history_turn is None else "")
              for _, s in game]
    h_text = [short_label(s.label) + (" (not in your game)" if s.game_turn is None
                                      and t < played else "")
              for t, s in record]
    g_spans = [_span(x(t), label, char_w, width - right) for (t, _), label in
               zip(game, g_text, strict=True)]
    h_spans = [_span(x(t), label, char_w, width - right) for (t, _), label in
               zip(record, h_text, strict=True)]
    g_levels = _lanes(g_spans, 6)
    h_levels = _lanes(h_spans, 6)
    lane_h = 11
    g_n = max(g_levels, default=-1) + 1
    h_n = max(h_levels, default=-1) + 1
    top = 16 + max(g_n, 1) * lane_h
    axis = top + 10
    height = axis + 38 + max(h_n, 1) * lane_h + 8
    desc = (
        "In your game: " + ("; ".join(f"{d.dates[t + 1]} {s.label}" for t, s in game) or "no "
                            "office or seat changed hands")
        + ". In history: " + ("; ".join(f"{d.quarters[t]} {s.label}" for t, s in record)
                              or "no dated step in these years") + "."
    )
    out = [
        svg_open(width, height, ident, "Your game beside history", desc),
        f'<text x="{left}" y="11" font-size="9" font-weight="700" fill="{BLACK}">IN YOUR '
        "GAME</text>",
        f'<text x="{left}" y="{height - 4}" font-size="9" font-weight="700" fill="{BLACK}">IN '
        "HISTORY (the scenario's record)</text>",
        f'<line x1="{left}" y1="{axis}" x2="{width - right}" y2="{axis}" stroke="{BLACK}" '
        'stroke-width="1.6" />',
    ]
    if played < turns:
        xs = left + plot_w * played / turns
        out.append(
            f'<rect x="{xs:.1f}" y="{axis - 4}" width="{width - right - xs:.1f}" height="8" '
            f'fill="#fff" stroke="{BLACK}" stroke-width="0.6" stroke-dasharray="2 2" />'
            f'<text x="{xs + 3:.1f}" y="{axis - 6}" font-size="8" fill="{GREY}">not played</text>'
        )
    cal_year = None
    for t in range(turns):
        year = d.quarters[t].split("-")[0] if t < len(d.quarters) else None
        if year and year != cal_year:
            cal_year = year
            out.append(
                f'<line x1="{x(t) - plot_w / turns / 2:.1f}" y1="{axis - 3}" '
                f'x2="{x(t) - plot_w / turns / 2:.1f}" y2="{axis + 12}" stroke="{BLACK}" '
                f'stroke-width="0.8" /><text x="{x(t) - plot_w / turns / 2 + 2:.1f}" '
                f'y="{axis + 11}" font-size="8.5" fill="{BLACK}">{esc(year)}</text>'
            )
        out.append(
            f'<line x1="{x(t):.1f}" y1="{axis - 2}" x2="{x(t):.1f}" y2="{axis + 2}" '
            f'stroke="{BLACK}" stroke-width="0.6" />'
        )
    game_pos: dict[int, tuple[float, float]] = {}
    for (t, s), level, label, span in zip(game, g_levels, g_text, g_spans, strict=True):
        yy = top - level * lane_h
        hollow = s.history_turn is None
        out.append(
            f'<line x1="{x(t):.1f}" y1="{axis - 5:.1f}" x2="{x(t):.1f}" y2="{axis:.1f}" '
            f'stroke="{BLACK}" stroke-width="1" />'
            + marker(shapes.get(s.contender or "", "circle"), x(t), yy,
                     "#fff" if hollow else colours.get(s.contender or "", BLACK), 3)
            + _label(x(t), yy, label, span[2], fs, BLACK)
        )
        game_pos[id(s)] = (x(t), yy)
    base = axis + 34
    for (t, s), level, label, span in zip(record, h_levels, h_text, h_spans, strict=True):
        yy = base + level * lane_h
        missed = s.game_turn is None and t < played
        later = t >= played
        out.append(
            f'<line x1="{x(t):.1f}" y1="{axis:.1f}" x2="{x(t):.1f}" y2="{axis + 5:.1f}" '
            f'stroke="{BLACK}" stroke-width="1" />'
            + marker(shapes.get(s.contender or "", "circle"), x(t), yy,
                     "#fff" if missed or later else colours.get(s.contender or "", BLACK), 3)
            + _label(x(t), yy, label, span[2], fs, GREY if later else BLACK)
        )
        if s.game_turn is not None and id(s) in game_pos and s.game_turn != t:
            gx, gy = game_pos[id(s)]
            out.append(
                f'<line x1="{gx:.1f}" y1="{axis + 6:.1f}" x2="{x(t):.1f}" y2="{base - 8:.1f}" '
                f'stroke="{RED}" stroke-width="1.2" stroke-dasharray="3 2" />'
            )
    out.append("</svg>")
    return "".join(out)


# ----- the class's outcomes -----------------------------------------------------------------


def outcome_bars(played: Sequence[PlayedBy], names: dict[str, str], width: int = 680,
                 *, bar_h: int = 18, font: float = 10.5, ident: str = "ob") -> str:
    """Stacked bars: for each seat played, how its games ended, best outcome first and darkest;
    each part is named where it has room, and a key below names every shade."""
    outcomes: dict[int, str] = {}
    for p in played:
        for oc in p.outcomes:
            outcomes.setdefault(oc.rank, oc.name)
    ranks = sorted(outcomes, reverse=True)
    shades = [BLACK, "#4A443E", "#8C8273", "#C9BFAE", "#E8E2D6", "#fff", "#fff"]
    fills = {r: shades[min(i, len(shades) - 1)] for i, r in enumerate(ranks)}
    dark = {BLACK, "#4A443E"}
    longest = max((len(names.get(p.contender, p.contender)) for p in played), default=10)
    label_w, gap, top = min(width * 0.45, longest * font * 0.56 + 14), bar_h * 0.45, 6
    plot_w = width - label_w - 10
    key_y = top + len(played) * (bar_h + gap) + 8
    key_w = max(len(n) for n in outcomes.values()) * font * 0.56 + font * 2.5 if outcomes else 1
    per_row = max(1, min(4, int(plot_w // key_w)))
    key_h = font * 1.7
    height = key_y + math.ceil(len(ranks) / per_row) * key_h + 4
    desc = "; ".join(
        f"{names.get(p.contender, p.contender)}: "
        + ", ".join(f"{oc.name} {oc.games}" for oc in p.outcomes)
        for p in played
    )
    out = [svg_open(width, height, ident, "Outcomes by the contender played", desc)]
    for i, p in enumerate(played):
        yy = top + i * (bar_h + gap)
        out.append(
            f'<text x="{label_w - 8:.1f}" y="{yy + bar_h * 0.7:.1f}" font-size="{font}" '
            f'text-anchor="end" fill="{BLACK}">{esc(names.get(p.contender, p.contender))}'
            "</text>"
        )
        x0 = float(label_w)
        for oc in p.outcomes:
            w = plot_w * oc.games / max(p.games, 1)
            fill = fills[oc.rank]
            out.append(
                f'<rect x="{x0:.1f}" y="{yy:.1f}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{fill}" stroke="{BLACK}" stroke-width="0.8" />'
            )
            text = f"{oc.name} {oc.games}"
            if w < font * 0.55 * len(text) + 8:
                text = str(oc.games)
            if w > font * 0.55 * len(text) + 4:
                out.append(
                    f'<text x="{x0 + w / 2:.1f}" y="{yy + bar_h * 0.68:.1f}" '
                    f'font-size="{font * 0.92:.1f}" font-weight="700" text-anchor="middle" '
                    f'fill="{"#fff" if fill in dark else BLACK}">{esc(text)}</text>'
                )
            x0 += w
    col_w = plot_w / per_row
    for i, r in enumerate(ranks):
        lx = label_w + (i % per_row) * col_w
        ly = key_y + (i // per_row) * key_h
        box, size = font * 1.1, font * 0.92
        out.append(
            f'<rect x="{lx:.1f}" y="{ly:.1f}" width="{box:.1f}" height="{box:.1f}" '
            f'fill="{fills[r]}" stroke="{BLACK}" stroke-width="0.8" />'
            f'<text x="{lx + font * 1.5:.1f}" y="{ly + font * 0.95:.1f}" font-size="{size:.1f}" '
            f'fill="{BLACK}">{esc(outcomes[r])}</text>'
        )
    out.append("</svg>")
    return "".join(out)
