"""The debrief of one game as printable HTML: the full report (at most eight pages, with a
contents list) and the two-page handout for a class. ``teacher=True`` adds, after the
questions, each one's model answer, the points a good answer may use and the mark scheme.

Both are drawn from a :class:`~game.debrief.model.Debrief` alone, on the shared page of
:mod:`game.page`; the charts are in :mod:`game.debrief.charts`.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.page import esc, masthead, page, pct, swatch

from .charts import factor_chart, share_table, support_chart, timeline_chart
from .model import Debrief, Question, TurningPoint, VoteRecord

KIND_TAG = {"swing": "support", "office": "office", "status": "seat", "vote": "vote"}
DIV_TAG = {
    "earlier": "earlier",
    "later": "later",
    "never": "never",
    "not_in_record": "new",
    "choice": "choice",
    "card_missing": "no card",
}
HANDOUT_QUESTIONS = 3
HANDOUT_POINTS = 3
REPORT_POINTS = 8
HANDOUT_EVIDENCE = 2  # hints under each question in the handout
READING, READING_BRIEF = 6, 3  # works listed in the report and in the handout
BLOC_VOTES = 2  # the closest Congress and Central Committee votes are shown bloc by bloc
DOT = " \u00b7 "
NOTE_CHARS = 150  # a historical note in the quarter-by-quarter table is cut to this


def _names(d: Debrief) -> dict[str, str]:
    return {c.id: c.short for c in d.contenders}


def _cut(text: str, limit: int = NOTE_CHARS) -> str:
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _who_played(d: Debrief) -> str:
    def who(cid: str) -> str:
        name = d.names.get(cid)
        return f"{name} ({d.contender(cid).short})" if name else d.contender(cid).name

    if d.humans:
        return " and ".join(who(h) for h in d.humans)
    named = [c for c in d.focus if c in d.names]
    if named:
        return " and ".join(who(c) for c in named) + ", every seat by the computer"
    return "nobody (every seat was played by the computer)"


def _length_text(d: Debrief) -> str:
    span = f"{d.quarters[0]} to {d.quarters[-1]}" if d.quarters else ""
    return f"{d.length} game ({d.length_turns} turns, {span})"


def _meta(d: Debrief) -> str:
    first = d.outcome_of(d.focus[0])
    state = (
        "" if d.finished else f" \u00b7 <b>stopped after {d.turns} of {d.length_turns} turns</b>"
    )
    return (
        f"Played by <b>{esc(_who_played(d))}</b> \u00b7 {esc(_length_text(d))} \u00b7 seed "
        f"<b>{d.seed}</b>{state} \u00b7 {esc(d.contender(first.contender).short)}: "
        f"<b>{esc(first.name)}</b>"
    )


def _stopped(d: Debrief) -> str:
    if d.finished:
        return ""
    return (
        '<div class="box warn"><b>This game was stopped early.</b> It was played for '
        f"{d.turns} of its {d.length_turns} turns, to {esc(d.end_date)}. This debrief covers "
        "what was played; the standings below are where everyone stood when it stopped, and no "
        "ending is graded until the game is finished.</div>"
    )


TOUCHES_SHOWN = 6  # lines of a touched game's changes named; the rest are counted


def touched_words(touches: Sequence[str]) -> str:
    """A touched game in plain words, for a teacher who must not take it for a game played by
    the rules: what the modders' tools changed, the first few changes named."""
    shown = "; ".join(touches[:TOUCHES_SHOWN])
    more = len(touches) - TOUCHES_SHOWN
    rest = f"; and {more} more" if more > 0 else ""
    return (f"This game was changed with the debug console (or its scenario reloaded from the "
            f"file mid-game), so it is not a record of play by the rules alone: {shown}{rest}.")


def _touched(d: Debrief) -> str:
    if not d.touches:
        return ""
    head, _, rest = touched_words(d.touches).partition(", so")
    return f'<div class="box warn"><b>{esc(head)}</b>, so{esc(rest)}</div>'


# ----- sections ---------------------------------------------------------------------------------


def _outcome(d: Debrief, *, table: bool = True) -> str:
    parts = ['<section id="outcome">', "<h2>The outcome</h2>", _stopped(d)]
    for cid in d.focus if len(d.focus) <= 2 or table else []:
        o = d.outcome_of(cid)
        c = d.contender(cid)
        whose = "You" if c.human else c.short
        offices = f"; offices: {', '.join(o.offices)}." if o.offices else "; no office."
        parts.append(
            '<div class="verdict">'
            f'<div class="big"><small>{esc(c.name)}</small>{esc(o.name)}</div>'
            f'<div class="why"><p>{esc(o.description)}</p>'
            f'<p class="small">{esc(whose)} ended with {esc(pct(o.support))} of the party '
            f"loyal, as: {esc(o.status)}{esc(offices)}</p></div></div>"
        )
    if table or len(d.focus) > 2:
        parts.append(
            '<table><colgroup><col style="width:26%" /><col style="width:27%" />'
            '<col style="width:11%" /><col style="width:36%" /></colgroup>'
            '<thead><tr><th>Contender</th><th>Outcome</th><th class="num">Support</th>'
            "<th>Standing at the end</th></tr></thead><tbody>"
        )
        for o in d.outcomes if table else [d.outcome_of(cid) for cid in d.focus]:
            c = d.contender(o.contender)
            mark = ' <span class="tag red">best placed</span>' if o.winner else ""
            you = ' <span class="tag">played</span>' if c.human else ""
            offices = f" \u2014 {', '.join(o.offices)}" if o.offices else ""
            parts.append(
                f"<tr><td>{swatch(c.colour)}{esc(c.name)}{you}</td><td>{esc(o.name)}{mark}</td>"
                f'<td class="num">{esc(pct(o.support))}</td>'
                f"<td>{esc(o.status + offices)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def _beside_history(d: Debrief) -> str:
    return (
        '<section id="beside-history"><h2>Your game beside history</h2>'
        f"<figure>{timeline_chart(d)}<figcaption>Above the line: the steps this game took "
        "(offices and seats lost, expulsions, exile, the votes the scenario marks). Below it: "
        "the same steps where history dates them. A red dashed line joins a step that came "
        "earlier or later than in history; a hollow marker is a step found on one side only. "
        f"Distance from history: {d.distance.total:g} quarters.</figcaption></figure></section>"
    )


def _point(tp: TurningPoint) -> str:
    return (
        f'<li><span class="date">{esc(tp.date)}</span> '
        f'<span class="tag">{esc(KIND_TAG[tp.kind])}</span> {esc(tp.text)}'
        f'<span class="cause">Why: {esc(_cut(tp.cause, 105))}</span></li>'
    )


def _turning(d: Debrief, points: Sequence[TurningPoint] | None = None) -> str:
    shown = list(d.turning_points if points is None else points)
    parts = ['<section id="turning-points">', "<h2>Turning points</h2>"]
    if not shown:
        parts.append("<p>No single moment stood out: support moved slowly all game.</p>")
    else:
        parts.append('<ol class="points">' + "".join(_point(tp) for tp in shown) + "</ol>")
    parts.append("</section>")
    return "\n".join(parts)


def _factor_explainer(d: Debrief) -> str:
    who = " and ".join(d.contender(c).short for c in d.focus)
    return (
        f"<p>Every change in {esc(who)}'s support during the game is booked under one of the "
        "historians' factors. Each bar is that factor's share of all the movement, so the "
        "shares add up to 100%: a solid bar worked for them (won support), a hatched bar "
        "against them (cost support). On the right, the votes booked under the factor that "
        "went their way and against them. A large share is evidence for an essay, not a "
        "verdict: say how the factors worked together.</p>"
    )


def _factors(d: Debrief, *, table: bool = True) -> str:
    names = _names(d)
    fbs = [next(f for f in d.factors if f.contender == cid) for cid in d.focus]
    explain = _factor_explainer(d) if table else (
        "<p>Each bar is one factor's share of everything that moved support (the shares add up "
        "to 100%): solid worked for, hatched against. Right: votes under it won / lost.</p>"
    )
    parts = [
        '<section id="factors">',
        "<h2>What moved support: the factors</h2>",
        explain,
        f"<figure>{factor_chart(fbs, names)}</figure>",
    ]
    if table:
        net = "".join(
            f'<td class="num">{esc(pct(fb.start))} \u2192 {esc(pct(fb.end))}</td>'
            for fb in d.factors
        )
        parts.append(
            share_table(
                d.factors, [c.short for c in d.contenders],
                "Every contender: each factor's share, for (+) or against (\u2212)",
                f"<tr><td><b>Support, start \u2192 end</b></td>{net}</tr>",
            )
        )
    parts.append("</section>")
    return "\n".join(parts)


def _support(d: Debrief) -> str:
    marks = [(tp.turn, i + 1) for i, tp in enumerate(d.turning_points[:REPORT_POINTS])]
    return (
        '<section id="support"><h2>Support over time</h2>'
        f"<figure>{support_chart(d, tp_marks=marks, plot_h=130)}<figcaption>Share of all "
        "party members loyal to each contender, at the start and after every quarter played. "
        "Lines differ in colour, dash and marker; the contender played is drawn thicker. The "
        "numbers along the top mark the turning points.</figcaption></figure></section>"
    )


def _divergences(d: Debrief) -> str:
    parts = ['<section id="divergences">', "<h2>Where your game left history</h2>"]
    if not d.divergences:
        parts.append("<p>This game followed the scenario's record at every point it reached.</p>")
    else:
        parts.append(
            "<p>Compared with the dated steps and the event cards of the scenario's record. "
            f"Distance from history: <b>{d.distance.total:g} quarters</b> "
            f"({d.distance.steps:g} from steps, {d.distance.choices:g} from choices).</p>"
            '<div class="flow">'
        )
        for x in d.divergences:
            if x.kind == "card_missing":
                continue
            parts.append(
                f'<p><span class="date">{esc(x.date)}</span> '
                f'<span class="tag red">{esc(DIV_TAG[x.kind])}</span> <b>{esc(x.title)}</b>. '
                f"<i>Game:</i> {esc(_cut(x.game, 90))} <i>History:</i> "
                f"{esc(_cut(x.history, 90))} <i>Why:</i> {esc(_cut(x.why, 100))}</p>"
            )
        parts.append("</div>")
        missing = [x for x in d.divergences if x.kind == "card_missing"]
        if missing:
            parts.append(
                "<p><b>Cards of the record that never came up in this game:</b> "
                + "; ".join(f"{esc(x.title)} ({esc(x.date)})" for x in missing)
                + ". Each needed something the game did not give it.</p>"
            )
    parts.append(f'<p class="small">{esc(d.distance.rule)}</p></section>')
    return "\n".join(parts)


def _odds(x: float | None) -> str:
    return "" if x is None else f" ({x:.0%})"


def _order(label: str) -> str:
    """An order as the menu named it, without the explanation in brackets."""
    return label.split(" (", 1)[0]


def _quarters(d: Debrief) -> str:
    names = _names(d)
    who = " and ".join(names[c] for c in d.focus)
    title = "Your decisions, quarter by quarter" if d.humans else f"{who}'s decisions"
    parts = [
        '<section id="quarters">',
        f"<h2>{esc(title)}</h2>",
        f"<p>Each quarter: {esc(who)}'s orders (with the odds of any vote they called), what "
        "came of them, and the scenario's record for that quarter (cards and meetings; those "
        "the game left are marked).</p>",
        '<div class="flow">',
    ]
    for row in d.timeline:
        mine = []
        for p in row.players:
            prefix = f"{names[p.contender]}: " if len(row.players) > 1 else ""
            orders = "; ".join(_order(x.label) + _odds(x.odds) for x in p.decisions)
            results = "; ".join(p.results)
            room = {1: 1.0, 2: 0.7, 3: 0.5}.get(len(row.players), 0.35)  # hotseat: less each
            mine.append(
                f"<b>{esc(prefix)}</b>{esc(_cut(orders, int(120 * room)) or 'no orders')}."
                + (f" \u2192 {esc(_cut(results, int(90 * room)))}" if results else "")
            )
        hist = []
        for h in row.history:
            if h.diverged:
                hist.append(f'<b>{esc(h.title)}</b> <span class="tag red">left history</span>')
            else:
                hist.append(esc(_cut(h.title, 45)))
        record = f'<span class="cause"><i>Record:</i> {DOT.join(hist)}</span>' if hist else ""
        parts.append(
            f'<p><span class="date">{esc(row.date)}</span> {" ".join(mine)}{record}</p>'
        )
    parts.append("</div></section>")
    return "\n".join(parts)


def _bloc_table(v: VoteRecord) -> str:
    """One vote's blocs in a paragraph: each bloc's tally and why it voted so."""
    blocs = " \u00b7 ".join(
        f"<b>{esc(b.label)}</b> {b.yes}\u2013{b.no} ({esc(b.reason)})" for b in v.blocs
    )
    return (
        f'<p><span class="date">{esc(v.date)}</span> \u00b7 '
        f"<b>{esc(v.organ)}</b>: {esc(v.headline)}.</p>"
        f'<p class="small">For\u2013against, by bloc: {blocs}.</p>'
    )


def _votes(d: Debrief) -> str:
    parts = ['<section id="votes">', f"<h2>Every vote ({len(d.votes)})</h2>"]
    if not d.votes:
        parts.append("<p>No vote was taken in this game.</p></section>")
        return "\n".join(parts)
    parts.append(
        '<table class="dense"><colgroup><col style="width:9%" /><col style="width:18%" />'
        '<col style="width:56%" /><col style="width:17%" /></colgroup><thead><tr><th>When</th>'
        "<th>Where</th><th>Motion</th><th>Result</th></tr></thead><tbody>"
    )
    for v in d.votes:
        verdict = "carried" if v.passed else "defeated"
        parts.append(
            f'<tr><td class="nowrap">{esc(v.date)}</td><td>{esc(v.organ)}</td>'
            f"<td>{esc(v.motion)}</td><td>{verdict}, {v.yes}\u2013{v.no}</td></tr>"
        )
    parts.append("</tbody></table>")
    big = [v for v in d.votes if v.body != "politburo" and v.yes + v.no > 0]
    closest = sorted(big, key=lambda v: abs(v.yes - v.needed) / (v.yes + v.no))[:BLOC_VOTES]
    if closest:
        parts.append("<h3>The closest votes, bloc by bloc</h3>")
        parts += [_bloc_table(v) for v in sorted(closest, key=lambda v: v.turn)]
    parts.append("</section>")
    return "\n".join(parts)


def _question(q: Question, *, brief: bool) -> str:
    evidence = q.evidence[:HANDOUT_EVIDENCE] if brief else q.evidence
    hints = (
        "<ul>" + "".join(f'<li class="small">{esc(_cut(e, 170))}</li>' for e in evidence)
        + "</ul>"
        if evidence
        else ""
    )
    obj = (
        f'<br /><span class="small">Objective {q.objective_index + 1}: '
        f"{esc(q.objective)}</span>"
        if q.objective_index >= 0 and q.objective and not brief
        else ""
    )
    return f"<li><b>{esc(q.text)}</b>{obj}{hints}</li>"


def _questions(d: Debrief, qs: Sequence[Question], *, brief: bool = False) -> str:
    parts = [
        '<section id="questions">',
        "<h2>Questions: how far?</h2>",
        "<p>Each question asks you to weigh one cause against others with evidence from your "
        "own game, then compare it with what happened in history.</p>",
        '<ol class="questions">',
        *(_question(q, brief=brief) for q in qs),
        "</ol>",
    ]
    if d.essay and not brief:
        parts.append(
            f'<p class="small">For the essay: \u201c{esc(d.essay)}\u201d \u2014 the teacher '
            "pack has a scaffold for it.</p>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def _answer_key(d: Debrief, qs: Sequence[Question]) -> str:
    parts = [
        '<section id="answers" class="pagebreak">',
        "<h2>For the teacher: model answers and mark scheme</h2>",
        "<p class=\"small\">Model answers are built from this game's record and the "
        "historians' arguments; accept any well-supported judgement.</p>",
    ]
    for i, q in enumerate(qs, start=1):
        parts.append(f"<h3>{i}. {esc(q.text)}</h3>")
        parts.append(
            '<div class="answer">' + "".join(f"<p>{esc(p)}</p>" for p in q.model_answer)
            + "</div>"
        )
        if q.indicative:
            parts.append(
                '<p class="small"><b>A good answer may use:</b></p><ul>'
                + "".join(f'<li class="small">{esc(x)}</li>' for x in q.indicative[:6])
                + "</ul>"
            )
    levels = qs[0].levels if qs else []
    if levels:
        parts.append(
            "<h3>Mark scheme (every question)</h3>"
            '<table><colgroup><col style="width:10%" /><col style="width:12%" /></colgroup>'
            '<thead><tr><th>Level</th><th>Marks</th><th>Descriptor</th></tr></thead><tbody>'
            + "".join(
                f"<tr><td>{lv.level}</td><td>{esc(lv.marks)}</td><td>{esc(lv.descriptor)}</td>"
                "</tr>"
                for lv in levels
            )
            + "</tbody></table>"
        )
    if d.mark_note:
        parts.append(f'<p class="small">{esc(d.mark_note)}</p>')
    parts.append("</section>")
    return "\n".join(parts)


def _sources(d: Debrief, *, brief: bool = False) -> str:
    parts = ['<section id="sources">', "<h2>Sources and further reading</h2>"]
    # Only the documents the teacher's material describes are known not to be historians'
    # works; a scenario of another era may cite histories, said as the scenario names them.
    if d.sources and not all(s.kind for s in d.sources):
        parts.append(
            '<p class="small">The historical notes of the cards in this game cite these works, '
            "as the scenario names them.</p>"
            '<ul class="twocol">'
        )
        parts += [f"<li>{esc(s.source)}.</li>" for s in d.sources]
        parts.append("</ul>")
    elif d.sources and brief:
        parts.append(
            f'<p class="small">The cards\' notes draw on {len(d.sources)} document'
            f"{'s' * (len(d.sources) != 1)}, none of them a historian's work (the full report "
            "says what each is): check dates in them, but in an essay cite historians.</p>"
        )
    elif d.sources:
        parts.append(
            "<p>The historical notes of the cards in this game draw on these documents, said "
            "here as what they are. None is a historian's work: use them to check a date, and "
            "cite the historians below in an essay.</p>"
            '<ul class="twocol">'
        )
        for s in d.sources:
            kind = f" \u2014 {esc(s.kind)}" if s.kind else ""
            note = f" {esc(_cut(s.note, 110))}" if s.note and not brief else ""
            parts.append(f"<li>{esc(s.source)}{kind}.{note}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>No card that came up in this game cites a source.</p>")
    if d.reading:
        shown = d.reading[: READING_BRIEF if brief else READING]
        parts.append('<h3>To cite in an essay: historians\' works</h3><ul class="twocol">')
        for w in shown:
            argues = "" if brief else f'<span class="cause">{esc(w.argues)}</span>'
            primary = " \u2014 a primary source" if w.kind == "primary source" else ""
            parts.append(
                f"<li>{esc(w.author)}, <i>{esc(w.title)}</i> ({esc(w.publisher)}, {w.year})"
                f"{primary}.{argues}</li>"
            )
        parts.append("</ul>")
        if len(shown) < len(d.reading) and not brief:
            parts.append(
                f'<p class="small">{len(d.reading) - len(shown)} more in the further reading of '
                "the teacher pack (politburo teacher-pack).</p>"
            )
    parts.append("</section>")
    return "\n".join(parts)


def _epilogue(d: Debrief) -> str:
    if not d.epilogue:
        return ""
    paras = "".join(f"<p>{esc(p.strip())}</p>" for p in d.epilogue.split("\n") if p.strip())
    return f'<section id="epilogue"><h2>What followed in history</h2>{paras}</section>'


def _footer(d: Debrief) -> str:
    return (
        f"<footer>Made by Politburo from the game's record: scenario {esc(d.scenario_id)}, "
        f"{esc(d.length)} length, seed {d.seed}. The same save replays to the same game, so "
        "this page can be made again at any time.</footer>"
    )


CONTENTS = (
    ("outcome", "The outcome"),
    ("beside-history", "Your game beside history"),
    ("turning-points", "Turning points"),
    ("factors", "What moved support: the factors"),
    ("support", "Support over time"),
    ("divergences", "Where your game left history"),
    ("quarters", "Decisions, quarter by quarter"),
    ("votes", "Every vote"),
    ("questions", "Questions: how far?"),
    ("answers", "For the teacher: model answers and mark scheme"),
    ("sources", "Sources and further reading"),
    ("epilogue", "What followed in history"),
)


def _contents(d: Debrief, teacher: bool) -> str:
    items = [
        (ident, name)
        for ident, name in CONTENTS
        if (ident != "answers" or teacher) and (ident != "epilogue" or d.epilogue)
    ]
    return (
        '<nav class="contents box" aria-label="Contents"><b>Contents</b> \u2014 '
        + DOT.join(f'<a href="#{i}">{n}.&#160;{esc(name)}</a>'
                   for n, (i, name) in enumerate(items, start=1))
        + "</nav>"
    )


def render_debrief(d: Debrief, *, teacher: bool = False) -> str:
    """The full report of one game (a string of HTML): it prints on at most eight pages, plus
    the answer key with ``teacher``."""
    kicker = "Politburo \u00b7 Debrief of one game" + (" \u00b7 teacher's copy" if teacher else "")
    body = [
        masthead(kicker, d.scenario_title, _meta(d)),
        "<main>",
        _touched(d),
        _contents(d, teacher),
        _outcome(d),
        _beside_history(d),
        _turning(d, d.turning_points[:REPORT_POINTS]),
        _factors(d),
        _support(d),
        _divergences(d),
        _quarters(d),
        _votes(d),
        _questions(d, d.questions),
        _answer_key(d, d.questions) if teacher else "",
        _sources(d),
        _epilogue(d),
        "</main>",
        _footer(d),
    ]
    return page(f"Debrief: {d.scenario_title} (seed {d.seed})", "\n".join(body))


def _key_points(d: Debrief) -> list[TurningPoint]:
    """The handout's turning points: the most decisive for the players (else for anyone), in
    date order."""
    best = d.pivotal_points(d.focus)[:HANDOUT_POINTS]
    others = [tp for tp in d.pivotal_points([c.id for c in d.contenders]) if tp not in best]
    best += others[: HANDOUT_POINTS - len(best)]
    return sorted(best, key=lambda tp: (tp.turn, -tp.weight))


def render_handout(d: Debrief, *, teacher: bool = False) -> str:
    """The handout of one game (a string of HTML) for a student: the outcome, the game beside
    history, three turning points, the factor shares and three questions, on at most two
    pages of A4 or Letter; ``teacher`` adds the answer key on the pages after."""
    qs = d.questions[:HANDOUT_QUESTIONS]
    kicker = "Politburo \u00b7 Handout" + (" \u00b7 teacher's copy" if teacher else "")
    body = [
        masthead(kicker, d.scenario_title, _meta(d)),
        "<main>",
        _touched(d),
        _outcome(d, table=False),
        _beside_history(d),
        _turning(d, _key_points(d)),
        _factors(d, table=False),
        _questions(d, qs, brief=True),
        _answer_key(d, qs) if teacher else "",
        _sources(d, brief=True),
        "</main>",
        _footer(d),
    ]
    return page(f"Handout: {d.scenario_title} (seed {d.seed})", "\n".join(body))
