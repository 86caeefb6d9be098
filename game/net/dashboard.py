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

REFRESH_SECONDS = 10  # without JavaScript, how often the page reloads itself

_CSS = """
.games { display: grid; grid-template-columns: repeat(auto-fill, minmax(17em, 1fr));
  gap: .8em; }
.game { border: 1px solid #8C8273; padding: .5em .7em; break-inside: avoid; }
.game h3 { margin: 0 0 .2em; font-size: 1em; }
.game table { width: 100%; border-collapse: collapse; font-size: .85em; }
.game td { padding: 1px 3px; }
.game td.n { text-align: right; }
.done { background: #F3EFE6; }
.seats li.away { color: #8C8273; }
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


def _game(card: GameCard) -> str:
    where = ("finished" if card.finished
             else f"turn {card.turn + 1} of {card.turns}, {esc(card.date)}")
    rows = []
    for s in sorted(card.standings, key=lambda s: -s.support):
        who = f"{esc(s.short)}" + (f" <i>({esc(s.player)})</i>" if s.player else "")
        state = esc(s.outcome if s.outcome is not None else s.rung)
        rows.append(f'<tr><td>{who}</td><td class="n">{pct(s.support)}</td>'
                    f"<td>{state}</td></tr>")
    link = (f' \u00b7 <a href="/games/{esc(card.game)}/debrief">debrief</a>'
            if card.finished else "")
    touched = ' <span class="tag red">changed from outside the rules</span>' if card.touched \
        else ""
    kind = "played over the network" if card.kind == "network" else "played alone"
    return (f'<section class="game{" done" if card.finished else ""}" id="game-{esc(card.game)}">'
            f"<h3>{esc(card.players)}</h3>"
            f'<p class="small">{esc(card.title)}: {where} ({kind}){link}{touched}</p>'
            f"<table>{''.join(rows)}</table></section>")


def _seats(seats: dict[str, str], joined: Sequence[str], names: dict[str, str]) -> str:
    items = []
    for cid, person in seats.items():
        if person:
            here = cid in joined
            mark = "" if here else " (away: the AI holds the seat)"
            items.append(f'<li class="{"here" if here else "away"}">{esc(names[cid])}: '
                         f"{esc(person)}{mark}</li>")
        else:
            items.append(f"<li>{esc(names[cid])}: the AI</li>")
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
) -> str:
    """The whole page. ``seats``/``joined``/``names``: the networked game's seats (contender
    id -> the person's name, "" for the AI), who is connected, and the contenders' names."""
    finished = sum(c.finished for c in cards)
    meta = (f"Join with <b>politburo join {esc(address)} --code {esc(code)}</b> \u00b7 "
            f"{len(cards)} game{'s' * (len(cards) != 1)}, {finished} finished")
    parts = [masthead("Politburo \u00b7 The class, live", title, meta), '<main id="live">']
    if seats is not None:
        state = "" if started else " (waiting for every seat to be taken)"
        parts.append(f"<h2>The networked game{state}</h2>"
                     + _seats(seats, joined, names or {}))
    if summary is not None:
        parts.append("<h2>How the class's games ended</h2>"
                     f"<figure>{outcome_chart(summary)}</figure>"
                     '<p><a href="/class">The class summary</a> \u00b7 '
                     '<a href="/class/slide">the outcomes on one slide</a></p>')
    parts.append("<h2>The games</h2>")
    if cards:
        parts.append('<div class="games">'
                     + "".join(_game(c) for c in sorted(cards, key=lambda c: c.game)) + "</div>")
    else:
        parts.append("<p>No game has begun yet. Students join with the command above, or play "
                     f"alone with <b>politburo play --class {esc(address)}</b>.</p>")
    parts.append("</main>")
    doc = page("Politburo: the class, live", "\n".join(parts), _CSS)
    noscript = (f'<noscript><meta http-equiv="refresh" content="{REFRESH_SECONDS}" />'
                "</noscript>\n</head>")
    return doc.replace("</head>", noscript, 1).replace("</body>", _SCRIPT + "\n</body>", 1)
