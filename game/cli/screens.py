"""The terminal's screens as text: the board, where you stand and how you win, the cards, the
action menu, a turn's report and the outcome.

Each function takes the engine's values (a :class:`View`, options, events) and a width in
columns, and returns text that fits it; none changes the game.
"""

from __future__ import annotations

from collections.abc import Sequence

from game import tables as t
from game.engine import (
    ActionKind,
    Axis,
    GameEvent,
    Kind,
    Match,
    Option,
    Scenario,
    View,
    outcome,
    view,
)
from game.words import goal
from game.words.actions import card_choice
from game.words.names import date_words, office_post, ordinal
from game.words.odds import odds_text
from game.words.report import choice_tally, sort_report

W = t.WIDTH


# ----- rendering --------------------------------------------------------------------------------


def date_line(v: View) -> str:
    """'Q2 1924 (turn 2 of 24)' from the view's '1924-Q2'."""
    shown = min(v.turn + 1, v.turns)
    return f"{date_words(v.date)} (turn {shown} of {v.turns})"


def line_word(x: float, axis: Axis) -> str:
    """A line on the scenario's axis in words and numbers: 'Left 0.40', 'centre'."""
    if abs(x) < 0.05:
        return "centre"
    return f"{axis.side(x)} {abs(x):.2f}"


def faction_name(v: View, c: int) -> str:
    return v.contenders[c].short if 0 <= c < len(v.contenders) else "uncommitted"


def render_board(
    v: View, g: t.Glyphs = t.ASCII, width: int = W, standing: goal.Standing | None = None
) -> str:
    """The whole board as one contender sees it, in ``width`` columns; with ``standing``, where
    they stand on the ladder of outcomes under the date."""
    shorts = [c.short for c in v.contenders]
    marks = t.unique_marks(shorts)
    narrow = width < 90
    out: list[str] = []
    out.append(g.rule * width)
    head = date_line(v) + "."
    if v.meetings_this_turn:
        head += " Meeting this turn: " + ", ".join(
            v.organ_names.get(m, m.replace("_", " ")) for m in v.meetings_this_turn
        ) + "."
    out.append(t.wrap(head, width, indent="  "))
    if standing is not None:
        out.append(render_standing(standing, g, width))
    out.append(g.rule * width)

    # the mood
    axis_w = max(30, min(70, width - 30))
    ends = (v.axis.left, v.axis.right)
    out.append("THE MOOD OF THE PARTY")
    out.append(
        "  " + t.axis([(v.party_line, "P"), (v.mood_line, "M")], axis_w, *ends)
        + "   M mood, P party line"
    )
    out.append(
        "  "
        + t.axis(list(zip([c.line for c in v.contenders], marks, strict=True)), axis_w, *ends)
        + "   lines"
    )
    out.append(f"  Unity [{t.bar(v.mood_unity, 20, g)}] {t.pct(v.mood_unity)}")
    out.append(
        t.wrap(
            f"(mood {line_word(v.mood_line, v.axis)}, "
            f"party line {line_word(v.party_line, v.axis)})",
            width,
            indent="  ",
        )
    )
    out.append(
        t.wrap("Key: " + ", ".join(f"{m} {s}" for m, s in zip(marks, shorts, strict=True)),
               width, indent="  ")
    )
    out.append("")

    # the Politburo
    out.append(f"THE {v.organ_names['politburo'].upper()} ({len(v.politburo)} members)")
    seats = [f"{s.name} [{faction_name(v, s.faction)}]" for s in v.politburo]
    out.append("  " + t.columns(seats, width - 2).replace("\n", "\n  "))
    counts: dict[int, int] = {}
    for s in v.politburo:
        counts[s.faction] = counts.get(s.faction, 0) + 1
    out.append(
        t.wrap(
            "Votes by faction: "
            + ", ".join(
                f"{faction_name(v, k)} {n}"
                for k, n in sorted(counts.items(), key=lambda kv: -kv[1])
            ),
            width,
            indent="    ",
            first="  ",
        )
    )
    if v.notable_offices:
        out.append(t.wrap("Offices held by notables: " + "; ".join(
            f"{office}: {name}" for office, name in v.notable_offices) + ".", width,
            indent="    ", first="  "))
    out.append("")

    # Central Committee and Congress
    support = [c.support for c in v.contenders]
    support.append(max(0.0, 1.0 - sum(support)))
    bar_w = max(5, min(20, (width - 56) // 2))
    rows = []
    names = shorts + ["uncommitted"]
    for i, name in enumerate(names):
        cc = v.cc_share[i] if i < len(v.cc_share) else 0.0
        rows.append(
            [
                name,
                t.pct(cc),
                f"{cc * v.cc_seats:.0f}",
                t.bar(cc, bar_w, g),
                t.pct(support[i]),
                f"{support[i] * v.congress_delegates:,.0f}",
                t.bar(support[i], bar_w, g),
            ]
        )
    cc_name, congress_name = v.organ_names["central_committee"], v.organ_names["congress"]
    out.append(
        t.wrap(
            f"THE {cc_name.upper()} AND THE {congress_name.upper()} (the delegates) BY FACTION",
            width,
        )
    )
    out.append(
        t.table(
            [
                "Faction",  # the organs are named above: their names may be long
                "Seats",
                f"of {v.cc_seats}",
                "",
                "Delegates",
                f"of {v.congress_delegates:,}",
                "",
            ],
            rows,
            align="lrrlrrl",
            width=width,
            g=g,
        )
    )
    out.append("")

    # regions
    out.append(
        t.wrap(
            "THE REGIONS (Secretary: who appointed the regional secretary; then the loyalty of "
            "the members to each contender, Unc = uncommitted)",
            width,
            indent="  ",
        )
    )
    rows = []
    for r in v.regions:
        patron = faction_name(v, r.patron) if r.patron >= 0 else "-"
        if r.fief_of >= 0:  # mark whose fief it is, beside the patron if that is someone else
            fief = faction_name(v, r.fief_of) + "+"
            patron = fief if r.patron in (-1, r.fief_of) else f"{patron}, {fief}"
        row = [r.name, f"{r.members:,}", patron, *[t.pct(x) for x in r.loyalty]]
        if not narrow:
            row.append(t.stacked(r.loyalty[:-1], marks, 12))
        rows.append(row)
    headers = ["Region", "Members", "Secretary", *marks, "Unc"] + ([] if narrow else ["Loyalty"])
    out.append(
        t.table(
            headers,
            rows,
            align="lrl" + "r" * (len(marks) + 1) + "l",
            width=width,
            g=g,
            shrink=0,
        )
    )
    if any(r.fief_of >= 0 for r in v.regions):
        out.append(
            t.wrap(
                "+ a fief: while the contender marked + keeps the office, nobody else appoints "
                "there",
                width,
                indent="    ",
                first="  ",
            )
        )
    out.append("")

    # contenders
    out.append(t.wrap("THE CONTENDERS (prestige, health and threat run from 0 to 100)", width))
    rows = []
    for c in v.contenders:
        name = c.short + (" (you)" if c.index == v.me else "")
        numbers = [t.pct(c.support), f"{c.prestige:.0f}", f"{c.health:.0f}", f"{c.threat:.0f}"]
        if narrow:  # the status goes to the notes below, the line is on the mood's axis
            rows.append([name, *numbers, str(c.action_points)])
        else:
            rows.append([name, c.status_name, *numbers, line_word(c.line, v.axis),
                         str(c.action_points)])
    if narrow:
        headers, align = ["Contender", "Support", "Prestige", "Health", "Threat", "AP"], "lrrrrr"
    else:
        headers = ["Contender", "Status", "Support", "Prestige", "Health", "Threat", "Line", "AP"]
        align = "llrrrrlr"
    out.append(t.table(headers, rows, align=align, width=width, g=g, shrink=1))
    for c in v.contenders:
        notes = [c.status_name] if narrow else []
        notes.append(", ".join(c.offices) if c.offices else "no office")
        if c.allies:
            notes.append("allied with " + ", ".join(shorts[a] for a in c.allies))
        if c.platform:
            notes.append("has an open opposition platform")
        out.append(t.wrap("; ".join(notes) + ".", width, indent=" " * 4, first=f"  {c.short}: "))
    out.append("")

    # my own affairs
    me = v.mine
    mine = [f"You are {me.name}: {me.status_name}, {me.action_points} action points this turn."]
    if v.dossiers:
        mine.append(
            "Your dossiers: "
            + ", ".join(f"{shorts[k]} {n}" for k, n in sorted(v.dossiers.items()))
            + "."
        )
    if v.offers_to_me:
        mine.append(
            "Alliance offered to you by: "
            + ", ".join(shorts[k] for k in v.offers_to_me)
            + " (accept it from the menu)."
        )
    if v.offers_from_me:
        mine.append(
            "You offered an alliance to: " + ", ".join(shorts[k] for k in v.offers_from_me) + "."
        )
    others = [(shorts[k], x) for k, x in enumerate(v.trust) if k != v.me]
    if others:
        mine.append("Your trust in them: " + ", ".join(f"{n} {x:+.1f}" for n, x in others) + ".")
    out.extend(t.wrap(s, width, indent="    ", first="  ") for s in mine)
    if v.motions:
        out.append("")
        out.append("MOTIONS WAITING FOR A VOTE")
        out += [t.wrap(s, width, indent="    ", first="  ") for s in motion_lines(v)]
    return "\n".join(out)


def motion_lines(v: View) -> list[str]:
    """Each motion waiting for a vote, as a sentence: 'Zinoviev charges Trotsky with
    factionalism (before the Central Committee).'"""
    offices = {o: n for c in v.contenders for o, n in zip(c.office_ids, c.offices, strict=True)}
    out = []
    for m in v.motions:
        sponsor = faction_name(v, m.sponsor)
        organ = v.organ_names.get(m.organ, m.organ.replace("_", " "))
        if m.kind == "accuse":
            what = f"charges {faction_name(v, m.target)} with factionalism"
        elif m.kind == "resign":
            name = offices.get(m.office or "", m.office or "an office")
            what = f"offers to resign {office_post(name)}"
        else:
            what = f"has a motion against {faction_name(v, m.target)}"
        out.append(f"{sponsor} {what} (before the {organ}).")
    return out


def render_standing(st: goal.Standing, g: t.Glyphs = t.ASCII, width: int = W) -> str:
    """'Where you stand: Collective leadership (2nd of 6 outcomes). Next up: Succession won,
    which needs: [ ] you lead a majority of the Politburo; [x] ...'"""
    out = [
        t.wrap(
            f"Where you stand now: {st.rung.name} ({ordinal(st.place)} of {st.rungs} outcomes"
            f"{', the best' if st.place == 1 else ''}).",
            width,
            indent="    ",
            first="  ",
        )
    ]
    if st.above is not None:
        out.append(t.wrap(f"To climb to {st.above.name} you need:", width, indent="    ",
                          first="  "))
        out += [
            t.wrap(c.words + ".", width, indent=" " * 10, first=f"    [{'x' if c.met else ' '}] ")
            for c in st.checks
        ]
    return "\n".join(out)


def render_goal(sc: Scenario, contender: str, length: str, width: int = W) -> str:
    """How you win: the ladder of outcomes of ``sc`` (already cut to ``length``) in the words
    of the player of ``contender``, best first, each with what it needs and what it means."""
    name = next(c.name for c in sc.contenders if c.id == contender)
    out = [
        "HOW YOU WIN",
        t.wrap(
            f"You play {name}, in {goal.length_words(sc, length)}. When it ends, you get the "
            "first of these outcomes that is true for you (the best first):",
            width,
            indent="  ",
        ),
    ]
    for n, r in enumerate(goal.ladder(sc, contender), start=1):
        said = f"{r.name}: {goal.needs_words(r)}."
        out.append(t.wrap(said, width, indent="      ", first=f"  {n:>2}. "))
        out.append(t.wrap(r.description, width, indent="      "))
    return "\n".join(out)


def render_cards(v: View, width: int = W) -> str:
    """This turn's event cards, each with its text, historical note and source."""
    if not v.cards:
        return ""
    out = ["EVENTS THIS TURN"]
    for card in v.cards:
        out.append("")
        out.append(t.wrap(f"== {card.title} ==", width, indent="  ", first="  "))
        out.append(t.wrap(card.text, width, indent="  "))
        if card.history:
            out.append(t.wrap(card.history, width, indent="    ", first="  History: "))
        if card.source:
            out.append(t.wrap(card.source, width, indent="    ", first="  Source: "))
        if card.choices:
            who = "Your decision" if card.mine_to_decide else "To be decided by others"
            out.append(
                t.wrap(" / ".join(label for _, label in card.choices), width, "    ", f"  {who}: ")
            )
    return "\n".join(out)


def option_line(
    n: int, opt: Option, chosen: bool, odds: str | None, width: int = W, label: str | None = None
) -> str:
    """One menu entry: '*' if chosen, number, cost and label (``label``: another than the
    option's own); under it what its odds are the chance of, if it has odds."""
    mark = "*" if chosen else " "
    lead = f" {mark}{n:>3}. {opt.cost} AP  "
    text = t.wrap(label or opt.label, width, indent=" " * len(lead), first=lead)
    if odds:
        text += "\n" + t.wrap(odds, width, indent=" " * (len(lead) + 2), first=" " * len(lead))
    return text


def render_menu(
    options: Sequence[Option], picks: Sequence[int], v: View, sc: Scenario, width: int = W
) -> str:
    """The numbered action menu: decisions first, each card's choices under its title, then
    actions, in the engine's order."""
    lines = []
    decisions = [i for i, o in enumerate(options) if o.action.kind == ActionKind.DECIDE]
    rest = [i for i, o in enumerate(options) if o.action.kind != ActionKind.DECIDE]
    for title, group in (("YOUR DECISIONS", decisions), ("YOUR ACTIONS", rest)):
        if not group:
            continue
        lines.append(f"{title}   (number, cost, what)")
        card = None
        for i in group:
            choice = card_choice(options[i], v)
            if choice and choice[0] != card:
                card = choice[0]
                lines.append(t.wrap(f"{card}:", width, indent="    ", first="  "))
            odds = odds_text(options[i], v, sc)
            lines.append(option_line(i + 1, options[i], i in picks, odds, width,
                                     choice[1] if choice else None))
    return "\n".join(lines)


def vote_lines(e: GameEvent, g: t.Glyphs, blocs: bool = True) -> list[str]:
    tally = e.tally
    assert tally is not None
    verdict = "carried" if tally.passed else "defeated"
    out = [f"{tally.organ}: {tally.motion} {g.dash} {verdict} {tally.yes} to {tally.no}"]
    if blocs:
        out += [f"{b.label}: {b.yes} for, {b.no} against {g.dash} {b.reason}" for b in tally.blocs]
    return out


def render_events(
    events: Sequence[GameEvent],
    g: t.Glyphs = t.ASCII,
    *,
    width: int = W,
    blocs: bool = True,
    skip: frozenset[Kind] = frozenset(),
) -> str:
    """A turn's events, one tagged entry each; votes with their bloc-by-bloc breakdown."""
    out = []
    for e in events:
        if e.kind in skip:
            continue
        tag = f"  {Kind(e.kind).tag:<9}"
        if e.kind == Kind.VOTE and e.tally is not None:
            first, *more = vote_lines(e, g, blocs)
            out.append(t.wrap(first, width, indent=" " * 13, first=tag + " "))
            out += [t.wrap(s, width, indent=" " * 17, first=" " * 13) for s in more]
        else:
            out.append(t.wrap(e.text, width, indent=" " * 13, first=tag + " "))
            if blocs:  # a card or an election the Central Committee voted on: its count
                out += [t.wrap(s, width, indent=" " * 17, first=" " * 13) for s in choice_tally(e)]
    return "\n".join(out)


def render_report(played: str, events: Sequence[GameEvent], g: t.Glyphs, width: int = W,
                  scenario: Scenario | None = None, me: str | None = None) -> str:
    """A turn's report, headed by the turn it happened in: for a reader with a seat (``me``)
    first what they did and what it changed, then what others did to them, then the rest."""
    parts = sort_report(scenario, events, me) if scenario is not None else None
    out = []
    if parts is not None and me is not None:
        out.append(f"WHAT YOU DID IN {played.upper()}")
        out += [t.wrap(line, width, indent="    ", first="  - ") for line in parts.did] or [
            "  Nothing: you took no action."]
        if parts.touched:
            out += ["", "WHAT OTHERS DID TO YOU", render_events(parts.touched, g, width=width)]
        out += ["", f"WHAT ELSE HAPPENED IN {played.upper()}"]
        rest = parts.rest
    else:
        out.append(f"WHAT HAPPENED IN {played.upper()}")
        rest = list(events)
    out.append(render_events(rest, g, width=width) or "  Nothing of note.")
    return "\n".join(out)


def render_outcome(
    match: Match, g: t.Glyphs = t.ASCII, me: str | None = None, width: int = W
) -> str:
    """Every contender's outcome, best placed first, and the scenario's epilogue."""
    result = outcome(match.state)
    if result is None:
        return ""
    sc = match.scenario
    v = view(match.state, sc.contenders[0].id)
    info = {c.id: c for c in v.contenders}
    ranked = result.ranked()
    rungs = len(sc.outcomes)
    order = {o.id: i for i, o in enumerate(sc.outcomes, start=1)}
    narrow = width < 80  # the status goes to the lines below the table
    rows = []
    for place, o in enumerate(ranked, start=1):
        c = info[o.contender]
        row = [
            ordinal(place),
            c.short + (" (you)" if o.contender == me else ""),
            f"{o.name} ({ordinal(order.get(o.outcome, rungs))} of {rungs})",
            t.pct(c.support),
        ]
        rows.append(row if narrow else [*row, c.status_name])
    headers = ["Place", "Contender", "Outcome (rung)", "Support"] + ([] if narrow else ["Status"])
    out = [
        "THE OUTCOME",
        t.wrap(f"Best placed first. Beside each outcome, its rung on the ladder of {rungs} "
               "outcomes (the 1st is the best).", width, indent="  ", first="  "),
        t.table(headers, rows, align="lllrl", width=width, g=g, shrink=2),
        t.wrap(
            f"Best placed: {info[result.winner].name} ({result.of(result.winner).name}).",
            width,
            indent="    ",
            first="  ",
        ),
        "",
    ]
    for o in ranked:
        if o.description:
            c = info[o.contender]
            who = f"{c.short} ({c.status_name})" if narrow else c.short
            out.append(t.wrap(o.description, width, indent="    ", first=f"  {who}: "))
    if sc.epilogue:
        out += ["", "WHAT FOLLOWED IN HISTORY", t.wrap(sc.epilogue, width, indent="  ")]
    return "\n".join(out)
