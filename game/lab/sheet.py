"""The lab's one-page student sheet for one what-if: the question, what the switch changes,
one chart of who won with and without it, what the numbers say in sentences, what they cannot
say, and three tasks with room to write. It prints on one page of A4 or Letter, in black and
white (``politburo lab --what-if ID --sheet FILE``)."""

from __future__ import annotations

from game.debrief.charts import hatch, percent_axis, svg_open
from game.page import BLACK, esc, masthead, page

from .html import inline
from .report import CAVEATS, LabReport

DESCRIPTION_CHARS = 700  # a longer description is cut; the full report has it whole
MAX_FINDINGS = 3  # sentences on the contenders whose share changed most; the chart has the rest
CSS = """
.question { font-size: 12pt; font-weight: 700; margin: 0 0 2mm; }
.task { margin: 0 0 1mm; }
.write { border-bottom: .2mm solid #B9B1A4; height: 6mm; }
.caveats { font-size: 7.6pt; color: #5E5750; }
h1 { font-size: 16pt; }
code { font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 8.6pt; }
"""


def pair_chart(r: LabReport, a: int, width: int = 680) -> str:
    """For each contender, the share of games won in the baseline (solid) and with the what-if
    (hatched), with 95% whiskers and the numbers written beside the bars."""
    cids = r.contenders
    label_w, right, bar_h, gap, top = 110, 64, 10, 7, 8
    group = 2 * bar_h + 2 + gap
    plot_w = width - label_w - right
    height = top + len(cids) * group + 18
    title = f"Games won, without and with: {r.arms[a].title}"
    desc = "; ".join(
        f"{r.name(c)}: {r.win_share(0, c).p:.0%} as written, {r.win_share(a, c).p:.0%} with it"
        for c in cids
    )
    out = [
        svg_open(width, height, "pc", title, desc),
        hatch("pc"),
        percent_axis(label_w, plot_w, top - 4, height - 16, height - 4),
    ]
    for i, c in enumerate(cids):
        y0 = top + i * group
        out.append(
            f'<text x="{label_w - 8}" y="{y0 + bar_h + 4}" font-size="11" font-weight="700" '
            f'text-anchor="end" fill="{BLACK}">{esc(r.name(c))}</text>'
        )
        for j, arm in enumerate((0, a)):
            s = r.win_share(arm, c)
            y = y0 + j * (bar_h + 2)
            fill = BLACK if j == 0 else "url(#pc-hatch)"
            lo, hi = label_w + plot_w * s.low, label_w + plot_w * s.high
            whisker = (
                f"M{lo:.1f},{y + bar_h / 2:.1f} H{hi:.1f} M{lo:.1f},{y + 2} V{y + bar_h - 2} "
                f"M{hi:.1f},{y + 2} V{y + bar_h - 2}"
            )
            out.append(
                f'<rect x="{label_w}" y="{y}" width="{max(plot_w * s.p, 1):.1f}" '
                f'height="{bar_h}" fill="{fill}" stroke="{BLACK}" stroke-width="0.6" />'
                f'<path d="{whisker}" stroke="#fff" stroke-width="3.2" fill="none" />'
                f'<path d="{whisker}" stroke="{BLACK}" stroke-width="1.1" fill="none" />'
                f'<text x="{hi + 4:.1f}" y="{y + bar_h - 2}" font-size="9" fill="{BLACK}">'
                f"{s.p:.0%}</text>"
            )
    out.append("</svg>")
    return "".join(out)


def _cut(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " \u2026 (the lab's report has it all)"


def _findings(r: LabReport, a: int) -> list[str]:
    """What the numbers say, a sentence per contender whose win share clearly changed."""
    arm = r.arms[a]
    out = []
    clear = [c for c in r.contenders if r.win_difference(a, c).clear]
    biggest = sorted(clear, key=lambda c: -abs(r.win_difference(a, c).d))[:MAX_FINDINGS]
    for c in r.contenders:
        base, new, d = r.win_share(0, c), r.win_share(a, c), r.win_difference(a, c)
        if c not in biggest:
            continue
        way = "rose" if d.d > 0 else "fell"
        out.append(
            f"With \u201c{arm.title}\u201d, {r.name(c)} won {new.p:.0%} of the games instead of "
            f"{base.p:.0%}: the share {way} by {abs(100 * d.d):.0f} points (95% interval "
            f"{100 * d.low:+.0f} to {100 * d.high:+.0f})."
        )
    if len(clear) > len(biggest):
        more = len(clear) - len(biggest)
        out.append(f"{more} more contender{'s' * (more != 1)} changed clearly: see the chart.")
    return out or [
        f"No contender's share of wins changed clearly with \u201c{arm.title}\u201d: every "
        "difference could be chance in games this many."
    ]


def render_sheet(r: LabReport, a: int = 1) -> str:
    """The student sheet for arm ``a`` (a what-if) as an HTML document."""
    arm = r.arms[a]
    n = r.games
    seeds = f"seeds {r.seed}-{r.seed + n - 1}" if n > 1 else f"seed {r.seed}"
    question = arm.question or f"What did \u201c{arm.title}\u201d change in the struggle?"
    tasks = [
        "Which contender gained or lost most from the change? How can you tell the difference "
        "is not just chance?",
        "How far does this experiment support an answer to the question above? Use two "
        "numbers from this sheet.",
        "What can an experiment played by the computer not tell you about what happened in "
        f"{r.scenario.dates}? Give one reason.",
    ]
    body = (
        masthead(
            "Politburo \u00b7 The lab \u00b7 Student sheet",
            f"What if: {arm.title}",
            f"{esc(r.scenario.title)} \u00b7 {n} games as written and {n} with the change "
            f"({esc(seeds)}) \u00b7 again: <b>{esc(r.command())}</b>",
        )
        + f'<main><p class="question">{inline(question)}</p>'
        + f"<h3>What the switch changes</h3><p>{inline(_cut(arm.description))}</p>"
        + f"<figure>{pair_chart(r, a)}<figcaption>Solid: as written; hatched: with the "
        "change; thin lines: 95% intervals (where they overlap a lot, the difference may be "
        "chance).</figcaption></figure>"
        + "<h3>What the numbers say</h3><ul>"
        + "".join(f"<li>{esc(x)}</li>" for x in _findings(r, a))
        + "</ul><h3>What they cannot say</h3>"
        + f'<p class="caveats">{esc(" ".join(CAVEATS))}</p>'
        + "<h3>Your turn</h3><ol>"
        + "".join(
            f'<li class="task">{esc(t)}<div class="write"></div><div class="write"></div></li>'
            for t in tasks
        )
        + "</ol></main>"
    )
    return page(f"Lab sheet: {arm.title}", body, CSS)
