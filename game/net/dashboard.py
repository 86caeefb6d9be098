"""The teacher's live page: every game of the lesson, its turn and the contenders' standing,
and, as games finish, the class's outcome chart with links to each game's debrief and to the
class summary.

The page is written here, whole, by the host: it reads without JavaScript (and then reloads
itself every few seconds); where the browser runs scripts, a small one listens on the host's
``/live`` WebSocket and fetches the page again as soon as anything changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.debrief.classview import outcome_chart
from game.debrief.model import ClassSummary
from game.page import esc, masthead, page, pct

from .classroom import GameCard

DOT = " \u00b7 "
REFRESH_SECONDS = 10  # without JavaScript, how often the page reloads itself

_CSS = """
@media screen {
  body { font-size: clamp(13px, 1.15vw, 24px); }
  .sheet { max-width: none; margin: 0; padding: 1.2em 1.6em; box-shadow: none; }
  h1 { font-size: 2.1em; }
  h2 { font-size: 1.25em; margin-top: 1em; }
  .kicker { font-size: .8em; }
  table { font-size: .85em; }
  .small { font-size: .85em; }
}
.masthead .meta { font-size: 1em; }
.join { display: flex; flex-wrap: wrap; gap: .3em 2.5em; margin: .4em 0 0; font-size: 1.15em; }
.join code { font: 700 1em/1.2 "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.tally { font-size: 1.3em; font-weight: 800; margin: .6em 0 0; }
.seats { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2em 2em; }
.seats li.away, .seats li.ai { color: var(--grey); }
.games { display: grid; grid-template-columns: repeat(auto-fill, minmax(15.5em, 1fr));
  gap: .8em; }
.game { border: .15em solid var(--black); padding: .5em .7em; break-inside: avoid; margin: 0; }
.game.playing { border-style: dashed; }
.game h3 { margin: 0; font-size: 1.2em; text-transform: none; letter-spacing: 0;
  overflow-wrap: anywhere; }
.game .where { font-weight: 800; margin: .15em 0 .3em; }
.game .progress { height: .45em; border: .1em solid var(--black); margin: 0 0 .4em; }
.game .progress span { display: block; height: 100%; background: var(--black); }
.game table { margin: 0 0 .2em; table-layout: auto; font-size: .8em; }
.game td { padding: .1em .25em; overflow-wrap: normal; }
.game td:first-child, .game td.num { white-space: nowrap; }
figure { max-width: 50em; }
.game tr.played td { font-weight: 800; }
.game p { margin: 0; }
a[href] { text-decoration: underline; }
"""

# Reload the page's main part whenever the host says something changed; fall back to a reload
# every few seconds when the socket cannot be opened.
_SCRIPT = """<script>
(function () {
  function refresh() {
    fetch(location.pathname, {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var now = document.getElementById("live"), next = doc.getElementById("live");
        if (now ? next : null) { now.replaceWith(next); }
      });
  }
  function listen() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") +
                           location.host + "/live");
    ws.onmessage = refresh;
    ws.onclose = function () { setTimeout(listen, 3000); };
  }
  listen();
})();
</script>"""


def _game(card: GameCard, title: str) -> str:
    """One game's card: who plays, how far the game is (or how it ended for them), and every
    contender's standing, the people's seats in bold."""
    people = [s for s in card.standings if s.human]
    if card.finished:
        ended = (f" \u00b7 {esc(people[0].short)}: {esc(people[0].outcome)}"
                 if len(people) == 1 and people[0].outcome else "")
        where, progress = f"Finished{ended}", ""
    elif not card.begun:
        where, progress = "Waiting to begin", ""
    else:
        where = f"Turn {card.turn + 1} of {card.turns} \u00b7 {esc(card.date)}"
        share = round(100 * card.turn / max(card.turns, 1))
        progress = f'<div class="progress"><span style="width: {share}%"></span></div>'
    rows = []
    for s in sorted(card.standings, key=lambda s: -s.support):
        state = esc(s.outcome if s.outcome is not None else s.rung)
        mine = ' class="played"' if s.human else ""
        rows.append(f"<tr{mine}><td>{esc(s.short)}</td>"
                    f'<td class="num">{pct(s.support)}</td><td>{state}</td></tr>')
    notes = []
    if card.title != title:
        notes.append(esc(card.title))
    if card.finished:
        notes.append(f'<a href="/games/{esc(card.game)}/debrief">the debrief</a>')
    if card.touched:
        notes.append('<span class="tag red">changed from outside the rules</span>')
    playing = "" if card.finished else " playing"
    who = "The networked game" if card.kind == "network" else esc(card.players)
    return (f'<section class="game{playing}" id="game-{esc(card.game)}">'
            f"<h3>{who}</h3>"
            f'<p class="where">{where}</p>{progress}'
            f"<table>{''.join(rows)}</table>"
            f'<p class="small">{DOT.join(notes)}</p></section>')


def _order(card: GameCard) -> tuple:
    """The networked game first, then the solo games by who plays them."""
    return card.kind != "network", card.players.casefold(), card.game


def _seats(seats: dict[str, str], joined: Sequence[str], names: dict[str, str],
           kept: Sequence[str]) -> str:
    items = []
    for cid, person in seats.items():
        if person:
            here = cid in joined
            mark = "" if here else " (away: the AI holds the seat)"
            items.append(f'<li class="{"here" if here else "away"}">{esc(names[cid])}: '
                         f"<b>{esc(person)}</b>{mark}</li>")
        elif cid in kept:
            items.append(f'<li class="kept">{esc(names[cid])}: waiting for a student</li>')
        else:
            items.append(f'<li class="ai">{esc(names[cid])}: the AI</li>')
    return f'<ul class="seats">{"".join(items)}</ul>'


def render_page(
    title: str,
    address: str,
    code: str,
    cards: Sequence[GameCard],
    summary: ClassSummary | None,
    seats: dict[str, str] | None = None,
    joined: Sequence[str] = (),
    names: dict[str, str] | None = None,
    started: bool = True,
    kept: Sequence[str] = (),
) -> str:
    """The whole page. ``seats``/``joined``/``names``/``kept``: the networked game's seats
    (contender id -> the person's name, "" for the AI), who is connected, the contenders'
    names, and the seats kept for a student who has not joined yet."""
    finished = sum(c.finished for c in cards)
    join = (f'<span class="join"><span>Play together: <code>politburo join {esc(address)} '
            f"--code {esc(code)}</code></span> <span>Play alone: <code>politburo play --class "
            f"{esc(address)} --code {esc(code)}</code></span></span>")
    parts = [masthead("Politburo \u00b7 The class, live", title, join), '<main id="live">']
    playing = len(cards) - finished
    parts.append(f'<p class="tally">{len(cards)} game{"s" * (len(cards) != 1)}: '
                 f"{finished} finished, {playing} being played</p>")
    if seats is not None:
        state = "" if started else (" (waiting for every seat to be taken)" if kept
                                    else " (waiting for the teacher to begin it)")
        parts.append(f"<h2>The networked game{state}</h2>"
                     + _seats(seats, joined, names or {}, kept))
    if summary is not None:
        parts.append("<h2>How the class's games ended</h2>"
                     f"<figure>{outcome_chart(summary)}</figure>"
                     '<p><a href="/class">The class summary</a> \u00b7 '
                     '<a href="/class/slide">the outcomes on one slide</a></p>')
    parts.append("<h2>The games</h2>")
    if cards:
        parts.append('<div class="games">'
                     + "".join(_game(c, title) for c in sorted(cards, key=_order)) + "</div>")
    else:
        parts.append("<p>No game has begun yet: students type one of the commands above.</p>")
    parts.append("</main>")
    doc = page("Politburo: the class, live", "\n".join(parts), _CSS)
    noscript = (f'<noscript><meta http-equiv="refresh" content="{REFRESH_SECONDS}" />'
                "</noscript>\n</head>")
    return doc.replace("</head>", noscript, 1).replace("</body>", _SCRIPT + "\n</body>", 1)
