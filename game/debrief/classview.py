"""The class summary as printable HTML, and its one-page slide for the projector.

The summary lists every student with the contender they played and how it ended, the
outcomes by seat for each lesson length, how close each length's games came to history
(closeness is compared only within a length: each has its own record to follow), the turning
points that recur, the factors' shares across the class, and every file that could not be
counted. The slide is one landscape page: the class's outcomes in one large chart.
"""

from __future__ import annotations

from game.page import esc, masthead, page

from .charts import factor_chart, outcome_bars, share_table
from .html import touched_words
from .model import ClassSummary, GameLine, PlayedBy

KIND_TAG = {"swing": "support", "office": "office", "status": "seat", "vote": "vote"}


def _names(s: ClassSummary) -> dict[str, str]:
    names = {c.id: c.name for c in s.contenders}
    names[""] = "All-AI games (the winner)"
    names["played"] = "The seats people played"
    return names


def _bar_labels(s: ClassSummary) -> tuple[list[PlayedBy], dict[str, str]]:
    """The seats as bars, named with their length when the class played more than one; each
    bar gets a key of its own."""
    names = _names(s)
    several = len({p.length for p in s.played}) > 1
    bars, labels = [], {}
    for i, p in enumerate(s.played):
        key = f"bar{i}"
        name = names.get(p.contender, p.contender)
        labels[key] = f"{name} ({p.length})" if several else name
        bars.append(p.model_copy(update={"contender": key}))
    return bars, labels


def outcome_chart(s: ClassSummary, width: int = 680) -> str:
    """The class's outcomes as one chart (SVG): a bar per seat played, its parts the outcomes;
    the teacher's live page shows it as games finish."""
    bars, labels = _bar_labels(s)
    return outcome_bars(bars, labels, width=width, ident="live")


def _game(line: GameLine, names: dict[str, str]) -> str:
    outs = "; ".join(f"{names.get(k, k)}: {v}" for k, v in line.outcomes.items())
    touched = (' <span class="tag red">changed with the debug console</span>'
               if line.touches else "")
    return (
        f"<b>{esc(line.players)}</b> \u2014 seed {line.seed}{touched}<br />{esc(outs)}<br />"
        f"<b>{line.distance:g} quarters</b> from history, {line.divergences} divergences"
    )


def _touched_games(s: ClassSummary) -> str:
    """A warning above everything when games changed with the modders' tools are counted."""
    touched = [g for g in s.game_list if g.touches]
    if not touched:
        return ""
    n = len(touched)
    files = ", ".join(g.path.replace("\\", "/").rsplit("/", 1)[-1] for g in touched)
    return (
        f'<div class="box warn"><b>{n} of the {s.games} games counted '
        f"{'was' if n == 1 else 'were'} changed with the debug console</b> (or had "
        f"{'its' if n == 1 else 'their'} scenario reloaded mid-game): {esc(files)}. Their "
        "outcomes are counted below, but they are not a record of play by the rules alone; "
        "the list of games says what was changed.</div>"
    )


def render_class(s: ClassSummary) -> str:
    """The class summary as an HTML document (a string)."""
    names = _names(s)
    lengths = ", ".join(f"{g.games} {g.length}" for g in s.lengths)
    parts = [
        masthead(
            "Politburo \u00b7 Class summary",
            s.scenario_title,
            f"<b>{s.games}</b> game{'s' * (s.games != 1)} counted ({esc(lengths)}) \u00b7 "
            f"<b>{len(s.skipped)}</b> file{'s' * (len(s.skipped) != 1)} skipped",
        ),
        "<main>",
        _touched_games(s),
    ]
    touched = {g.path for g in s.game_list if g.touches}
    # The students.
    parts.append('<section id="students"><h2>Who played what</h2>')
    if s.students:
        parts.append(
            '<table><colgroup><col style="width:26%" /><col style="width:16%" />'
            '<col style="width:10%" /><col style="width:30%" /><col style="width:18%" />'
            "</colgroup><thead><tr><th>Student</th><th>Contender</th><th>Length</th>"
            '<th>Outcome</th><th class="num">From history</th></tr></thead><tbody>'
        )
        for st in sorted(s.students, key=lambda x: (x.student.lower() or "~", x.path)):
            who = esc(st.student) if st.student else (
                f'<span class="small">no name \u2014 {esc(st.path)}</span>'
            )
            best = ' <span class="tag red">best placed</span>' if st.best_placed else ""
            if st.path in touched:
                best += ' <span class="tag red">changed with the debug console</span>'
            parts.append(
                f"<tr><td>{who}</td><td>{esc(names.get(st.contender, st.contender))}</td>"
                f"<td>{esc(st.length)}</td><td>{esc(st.outcome)}{best}</td>"
                f'<td class="num">{st.distance:g} quarters</td></tr>'
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>Every game counted was played by the computer alone.</p>")
    parts.append("</section>")
    # Outcomes.
    parts.append('<section id="outcomes"><h2>Outcomes by contender played</h2>')
    if s.played:
        bars, labels = _bar_labels(s)
        parts.append(
            f"<figure>{outcome_bars(bars, labels)}<figcaption>Each bar is one seat (at one "
            "lesson length); its parts are that seat's outcomes, best first and darkest, with "
            "the number of games.</figcaption></figure>"
        )
    else:
        parts.append("<p>No game could be counted.</p>")
    parts.append("</section>")
    # Closeness to history, per length.
    parts.append('<section id="history"><h2>Closest to history, furthest from it</h2>')
    for g in s.lengths:
        parts.append(
            f"<h3>The {esc(g.length)} games ({g.games}, {g.turns} turns): on average "
            f"{g.mean_distance:.1f} quarters from history</h3>"
            + (
                f'<div class="box"><p class="small">The only game of this length</p><p>'
                f"{_game(g.closest, names)}</p></div>"
                if g.games == 1
                else f'<div class="cols"><div class="box"><p class="small">Closest</p><p>'
                f"{_game(g.closest, names)}</p></div>"
                f'<div class="box"><p class="small">Furthest</p><p>'
                f"{_game(g.furthest, names)}</p></div></div>"
            )
        )
    parts.append(
        f'<p class="small">Games are compared only with games of the same length, which '
        f"follow the same stretch of the record. {esc(s.distance_rule)}</p></section>"
    )
    # Turning points.
    parts.append('<section id="common-turning-points"><h2>The most common turning points</h2>')
    if s.common_turning_points:
        parts.append(
            '<table><colgroup><col style="width:56%" /><col style="width:12%" />'
            '<col style="width:16%" /><col style="width:16%" /></colgroup><thead><tr>'
            '<th>Turning point</th><th>Kind</th><th class="num">Games</th><th>Typical date</th>'
            "</tr></thead><tbody>"
        )
        for tp in s.common_turning_points:
            parts.append(
                f"<tr><td>{esc(tp.label)}</td><td>{esc(KIND_TAG.get(tp.kind, tp.kind))}</td>"
                f'<td class="num">{tp.games} ({tp.share:.0%})</td>'
                f"<td>{esc(tp.typical_date)}</td></tr>"
            )
        parts.append("</tbody></table>")
    else:
        parts.append("<p>No turning points to compare.</p>")
    parts.append("</section>")
    # Factors.
    parts.append('<section id="factors"><h2>What moved support, across the class</h2>')
    if s.factors_played is not None:
        parts.append(
            f"<figure>{factor_chart([s.factors_played], names, ident='cf')}<figcaption>The "
            "seats people played, averaged per game: each factor's share of all the movement "
            "in their support, solid where it worked for them and hatched where it worked "
            "against them.</figcaption></figure>"
        )
    if s.factors:
        parts.append(
            share_table(
                s.factors, [c.short for c in s.contenders],
                "Every contender, averaged over the games: share, for (+) or against (\u2212)",
            )
        )
    parts.append("</section>")
    # All games.
    parts.append(f'<section id="games"><h2>The games counted ({s.games})</h2>')
    if s.game_list:
        parts.append(
            '<table><colgroup><col style="width:30%" /><col style="width:9%" />'
            '<col style="width:10%" /><col style="width:35%" /><col style="width:16%" />'
            '</colgroup><thead><tr><th>Save</th><th class="num">Seed</th><th>Length</th>'
            '<th>Played: outcome</th><th class="num">From history</th></tr></thead><tbody>'
        )
        for g in s.game_list:
            outs = "; ".join(f"{names.get(k, k)}: {v}" for k, v in g.outcomes.items())
            if g.touches:
                outs += f" \u2014 {touched_words(g.touches)}"
            parts.append(
                f'<tr><td>{esc(g.path)}</td><td class="num">{g.seed}</td>'
                f"<td>{esc(g.length)}</td><td>{esc(outs)}</td>"
                f'<td class="num">{g.distance:g}</td></tr>'
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
        "<footer>Made by Politburo from the saves' records; every game counted was replayed "
        "from its seed and orders.</footer>",
    ]
    return page(f"Class summary: {s.scenario_title}", "\n".join(parts))


SLIDE_CHART_H = 420  # of 1000 across: the chart fills a landscape page under the title
SLIDE_CSS = """
@page { size: A4 landscape; margin: 10mm; }
.sheet { max-width: 277mm; }
.slide h1 { font-size: 26pt; }
.slide .meta { font-size: 13pt; }
.slide figure { margin-top: 4mm; }
.slide .lead { font-size: 14pt; margin: 3mm 0 0; }
"""


def render_slide(s: ClassSummary) -> str:
    """The class's outcomes on one landscape page, large enough to read from the back of a
    room: one bar per seat played, its parts the outcomes, with one line on history."""
    bars, labels = _bar_labels(s)
    rows = max(len(bars), 1)
    bar_h = max(20, min(70, int(SLIDE_CHART_H / (rows * 1.45))))
    chart = (
        outcome_bars(bars, labels, width=1000, bar_h=bar_h, font=min(22, 10 + bar_h / 4),
                     ident="slide")
        if bars
        else "<p>No game could be counted.</p>"
    )
    closest = "; ".join(
        f"{g.length} games: closest to history, {g.closest.players} "
        f"({g.closest.distance:g} quarters)"
        for g in s.lengths
    )
    body = (
        '<div class="slide">'
        + masthead(
            "Politburo \u00b7 The class's games",
            s.scenario_title,
            f"{s.games} game{'s' * (s.games != 1)}: how did each seat end?",
        )
        + f"<figure>{chart}</figure>"
        + (f'<p class="lead">{esc(closest)}.</p>' if closest else "")
        + "</div>"
    )
    return page(f"Class slide: {s.scenario_title}", body, SLIDE_CSS)
