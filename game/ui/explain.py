"""The words behind every number on the board: what it is, and why it has that value.

Pure functions from the engine's :class:`View` (and the view of the turn before, for changes)
to short pygame_gui tooltip markup. No pygame here, so the texts are tested on their own.
"""

from __future__ import annotations

import html

from game.engine import ActionKind, Axis, GameEvent, Kind, Option, View
from game.engine.view import ContenderInfo, RegionInfo
from game.words.names import in_sentence
from game.words.report import choice_tally

CATEGORIES: tuple[tuple[str, frozenset[ActionKind]], ...] = (
    ("Decisions", frozenset({ActionKind.DECIDE})),
    ("Patronage", frozenset({ActionKind.APPOINT, ActionKind.RECRUIT, ActionKind.SUBVERT})),
    (
        "Ideas and the line",
        frozenset(
            {
                ActionKind.SPEECH,
                ActionKind.ARTICLE,
                ActionKind.SHIFT,
                ActionKind.RESOLUTION,
                ActionKind.PLATFORM,
                ActionKind.RECANT,
            }
        ),
    ),
    ("Alliances", frozenset({ActionKind.ALLY, ActionKind.ACCEPT, ActionKind.BREAK})),
    ("Attack", frozenset({ActionKind.DOSSIER, ActionKind.ACCUSE, ActionKind.CHALLENGE})),
    ("Defence", frozenset({ActionKind.DEFEND, ActionKind.APPEAL})),
    (
        "Yourself and the organs",
        frozenset(
            {
                ActionKind.ARMY,
                ActionKind.REST,
                ActionKind.RESIGN,
                ActionKind.CONVENE,
            }
        ),
    ),
)


def category(kind: ActionKind) -> str:
    for name, kinds in CATEGORIES:
        if kind in kinds:
            return name
    return CATEGORIES[-1][0]


def esc(text: str) -> str:
    """Text for a pygame_gui HTML box: escaped, on one line, drawable (see :func:`drawable`)."""
    return html.escape(" ".join(drawable(str(text)).split()))


def drawable(text: str) -> str:
    """``text`` with what no font can draw replaced: the undecodable bytes of a file name (kept
    by Python as lone surrogates, which the font renderer refuses) and control characters."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("\ufffd" if ch < " " or "\x7f" <= ch < "\xa0" else ch for ch in text)


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def line_words(x: float, axis: Axis) -> str:
    """A line in the scenario's words: '0.40 to the Left (end the NEP, industrialise fast)'."""
    if abs(x) < 0.05:
        return "the centre"
    return f"{abs(x):.2f} to the {esc(axis.side_meaning(x))}"


def _change(now: float, before: float | None, unit: str = " points") -> str:
    if before is None:
        return ""
    d = 100 * (now - before)
    if abs(d) < 0.05:
        return " No change since last turn."
    return f" {'Up' if d > 0 else 'Down'} {abs(d):.1f}{unit} since last turn."


def strongest_regions(v: View, c: int, n: int = 3) -> str:
    ranked = sorted(v.regions, key=lambda r: -r.loyalty[c] * r.members)[:n]
    return ", ".join(f"{esc(in_sentence(r.name))} {pct(r.loyalty[c])}" for r in ranked)


def support(v: View, c: ContenderInfo, before: View | None) -> str:
    prev = before.contenders[c.index].support if before else None
    delegates = round(c.support * v.congress_delegates)
    return (
        f"<b>Support: {pct(c.support)}</b> of the party's members follow {esc(c.short)}: about "
        f"{delegates:,} of {v.congress_delegates:,} delegates if the "
        f"{esc(v.organ_names['congress'])} met now.{_change(c.support, prev)}<br>"
        f"Why: it is each region's loyalty weighted by its members. Strongest in "
        f"{strongest_regions(v, c.index)}. Secretaries pull their region to their patron "
        f"every turn; speeches, articles and recruits add more."
    )


def prestige(c: ContenderInfo) -> str:
    return (
        f"<b>Prestige {c.prestige:.0f} of 100</b>: {esc(c.short)}'s standing as a leader. Votes "
        "won, speeches and the favour of the founders raise it; defeats, changes of line and "
        "accusations lower it. Wavering members side with the more prestigious."
    )


def health(c: ContenderInfo) -> str:
    return (
        f"<b>Health {c.health:.0f} of 100</b>. Below half, a contender has fewer action points; "
        "rest restores it. Illness strikes by chance, more often when health is low."
    )


def threat(c: ContenderInfo) -> str:
    return (
        f"<b>Threat {c.threat:.0f} of 100</b>: how much the others fear {esc(c.short)} will "
        "seize power alone. It grows with support and with the army; the feared attract "
        "alliances against them. Heirs of a revolution fear a Bonaparte above all."
    )


def line(c: ContenderInfo, v: View) -> str:
    gap = abs(c.line - v.mood_line)
    fit = "close to" if gap < 0.2 else ("some way from" if gap < 0.5 else "far from")
    return (
        f"<b>Line: {line_words(c.line, v.axis)}</b>. It is {fit} the party's mood, which is "
        f"{line_words(v.mood_line, v.axis)}: the closer, the more a speech or article wins."
    )


def action_points(c: ContenderInfo, left: int | None = None) -> str:
    head = f"<b>Action points: {c.action_points} this turn</b>"
    if left is not None:
        head += f", {left} not yet spent"
    return (
        f"{head}. Every action costs one or two. Offices and good health give more; illness "
        "and a fall down the ladder give fewer."
    )


def offices(c: ContenderInfo) -> str:
    if not c.offices:
        return f"<b>{esc(c.short)} holds no office.</b>"
    return f"<b>Offices</b>: {esc(', '.join(c.offices))}. Each office brings powers and " + (
        "action points; hover an office name in the encyclopedia for what it does."
    )


def status(c: ContenderInfo, v: View) -> str:
    return (
        f"<b>{esc(c.status_name)}</b>: {esc(c.short)}'s place on the ladder that runs down "
        f"from the {esc(v.organ_names['politburo'])} and out of the party. Accusations carried "
        "by the organs move a contender one step down."
    )


def region(v: View, r: RegionInfo) -> str:
    names = [c.short for c in v.contenders] + ["uncommitted"]
    parts = sorted(zip(r.loyalty, names, strict=False), reverse=True)
    loyal = ", ".join(f"{esc(n)} {pct(x)}" for x, n in parts if x >= 0.005)
    if r.patron >= 0:
        sec = (
            f"Its secretary owes the post to {esc(names[r.patron])}, and pulls members "
            "that way every turn."
        )
    else:
        sec = "Its secretary owes nobody: an office with the power to appoint could fill the post."
    fief = ""
    if r.fief_of >= 0:
        fief = f" It is {esc(names[r.fief_of])}'s fief: nobody else may appoint here."
    return f"<b>{esc(r.name)}</b>: {r.members:,} party members. Loyalty: {loyal}.<br>{sec}{fief}"


def politburo_seat(v: View, name: str, faction: int, contender: int) -> str:
    names = [c.short for c in v.contenders]
    who = "a contender" if contender >= 0 else "a senior leader who is not a contender"
    held = [office for office, holder in v.notable_offices if holder == name]
    if held and contender < 0:
        who += f" ({esc(' and '.join(held))})"
    if faction >= 0:
        votes = f"votes with {esc(names[faction])}'s faction"
    else:
        votes = "is uncommitted and votes on each question as it comes"
    return (
        f"<b>{esc(name)}</b>, {who}, {votes}. The "
        f"{esc(v.organ_names['politburo'])} decides by majority, one vote per member."
    )


def central_committee(v: View, shares: list[tuple[str, float]]) -> str:
    parts = ", ".join(f"{esc(n)} {round(x * v.cc_seats)}" for n, x in shares if x >= 0.005)
    return (
        f"<b>{esc(v.organ_names['central_committee'])}: {v.cc_seats} seats</b> ({parts}). "
        f"The {esc(v.organ_names['congress'])} elects it, so it changes only when a "
        f"{esc(v.organ_names['congress'])} meets. It votes on accusations and removals at "
        "its plenums."
    )


def congress(v: View, shares: list[tuple[str, float]]) -> str:
    parts = ", ".join(f"{esc(n)} {pct(x)}" for n, x in shares if x >= 0.005)
    return (
        f"<b>{esc(v.organ_names['congress'])}: {v.congress_delegates:,} delegates</b> if it "
        f"met now ({parts}). Delegates follow the members' loyalty, and regional "
        "secretaries choose who goes: the root of the power to appoint."
    )


def mood(v: View) -> str:
    return (
        f"<b>The party's mood: {line_words(v.mood_line, v.axis)}</b>. Where the members stand "
        f"on {esc(v.axis.about)}. It drifts with events; a contender whose line is near it "
        "wins more with words. "
        f"<br><b>The official line: {line_words(v.party_line, v.axis)}</b>, set by resolutions."
    )


def unity(v: View) -> str:
    return (
        f"<b>Unity {pct(v.mood_unity)}</b>: how much the party fears a split. The higher it "
        "is, the more an open opposition platform is punished as factionalism under the Ban "
        "on Factions."
    )


def trust(v: View, c: ContenderInfo) -> str:
    x = v.trust[c.index]
    word = "trust" if x > 0.3 else ("distrust" if x < -0.3 else "are wary of")
    return (
        f"<b>Your trust in {esc(c.short)}: {x:+.1f}</b>. You {word} them. Broken alliances and "
        "attacks lower trust; it decides whether an offered alliance is accepted."
    )


def option(o: Option, odds: str | None = None) -> str:
    """An action's tooltip: what it is, its cost, why it does what it does, and its odds in
    the words the menu gives them (``odds``: '96% chance the Politburo adopts the
    resolution')."""
    said = ""
    if odds:
        said = f"<br><b>{esc(odds)}</b>, from how things stand today."
    return f"<b>{esc(o.label)}</b> ({o.cost} AP)<br>{esc(o.why)}{said}"


def event_html(e: GameEvent, counted: bool = False) -> str:
    """One event for a log or a report: its tag in bold, then what happened; a vote with its
    tally (``counted``: a card or an election the Central Committee voted on, with its count
    bloc by bloc and the reasons, indented below)."""
    if e.kind == Kind.VOTE and e.tally is not None:
        t = e.tally
        verdict = "carried" if t.passed else "defeated"
        return f"<b>Vote</b>: {esc(t.organ)}: {esc(t.motion)}: {verdict}, {t.yes} to {t.no}"
    line = f"<b>{Kind(e.kind).tag}</b>: {esc(e.text)}"
    tally = choice_tally(e) if counted else []
    return "<br>".join([line, *(f"&nbsp;&nbsp;&nbsp;&nbsp;<i>{esc(x)}</i>" for x in tally)])


def goal_html(
    scenario, contender: str, length: str, standing=None, descriptions: bool = False
) -> str:
    """How you win, for a text box: the ladder of outcomes of ``scenario`` (already cut to
    ``length``) in the words of the player of ``contender``, best first (``descriptions``: with
    what each outcome means); with ``standing``, where they stand on it now."""
    from game.words import goal

    parts = [
        f"<b>How you win.</b> You play {esc(_name(scenario, contender))}, in "
        f"{esc(goal.length_words(scenario, length))}. When it ends, you get the first of these "
        "outcomes that is true for you (the best first):<br>"
    ]
    for n, r in enumerate(goal.ladder(scenario, contender), start=1):
        now = standing is not None and r.id == standing.rung.id
        name = f"<b>{esc(r.name)}</b>" + (" <i>(where you stand now)</i>" if now else "")
        parts.append(f"{n}. {name}: {esc(goal.needs_words(r))}.<br>")
        if descriptions and r.description:
            parts.append(f"<i>{esc(r.description)}</i><br>")
    if standing is not None:
        parts.append("<br>" + standing_html(standing))
    return "".join(parts)


def standing_html(st) -> str:
    """Where you stand on the ladder and, part by part, what the rung above needs."""
    head = (
        f"<b>Where you stand now: {esc(st.rung.name)}</b> ({st.place} of {st.rungs} outcomes"
        f"{', the best' if st.place == 1 else ''})."
    )
    if st.above is None:
        return head
    checks = "".join(
        f"<br>{'✓' if c.met else '✗'} {esc(c.words)}" for c in st.checks
    )
    return f"{head}<br>To climb to <b>{esc(st.above.name)}</b> you need:{checks}"


def _name(scenario, contender: str) -> str:
    return next(c.name for c in scenario.contenders if c.id == contender)
