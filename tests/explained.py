"""A finished game's record checked against itself: :func:`contradictions` lists every place
where the words disagree with the numbers (tests/engine/test_explanations.py shows it can fail;
the calibration suite runs it over two hundred games)."""

from __future__ import annotations

from collections import Counter

from game.engine import GameEvent, Kind, Match


def _bloc_problems(match: Match, e: GameEvent) -> list[str]:
    names = {c.id: c.short for c in match.scenario.contenders}
    tally, out = e.tally, []
    where = f"turn {e.turn}, {e.text!r}"
    if (sum(b.yes for b in tally.blocs), sum(b.no for b in tally.blocs)) != (tally.yes, tally.no):
        out.append(f"{where}: the blocs do not add up to the count")
    for b in tally.blocs:
        if not b.parts:
            continue
        if (sum(p[1] for p in b.parts), sum(p[2] for p in b.parts)) != (b.yes, b.no):
            out.append(f"{where}: bloc {b.label!r}: its parts do not add up to it")
        for who, yes, no in b.parts:
            if who and yes and no:
                out.append(f"{where}: bloc {b.label!r}: {who}'s followers split")
            if who:
                side = "for it" if yes else "against it"
                said = (f"{names[who]}, who is {side}" in b.reason
                        or b.reason.startswith(f"{side}:") or f"; {side}:" in b.reason)
                if (yes or no) and not said:
                    out.append(f"{where}: bloc {b.label!r} votes {side} as {who} does, but its "
                               f"reason does not say so: {b.reason!r}")
            elif yes + no == 1:
                if f"voted {'for' if yes else 'against'}" not in b.reason:
                    out.append(f"{where}: bloc {b.label!r}: the one who judged for himself is "
                               f"misreported: {b.reason!r}")
            elif f"split {yes}\u2013{no}" not in b.reason:
                out.append(f"{where}: bloc {b.label!r}: those who judged split {yes}-{no}, "
                           f"but the reason says otherwise: {b.reason!r}")
    return out


def _card_problems(match: Match, e: GameEvent) -> list[str]:
    card = next(x for x in match.scenario.events if x.id == e.ref)
    taken, backers = e.data["choice"], e.data.get("backers", {})
    where = f"turn {e.turn}, card {card.id}"
    out = []
    label = next(ch.label for ch in card.choices if ch.id == taken)
    if not e.text.endswith(label):
        out.append(f"{where}: reports {e.text!r}, but {taken} was taken")
    votes = e.data.get("votes")
    if votes is not None:
        if votes[taken] != max(votes.values()):
            out.append(f"{where}: {taken} was taken with fewer votes than another: {votes}")
        blocs = e.data.get("blocs", [])
        counted = [sum(b[1][i] for b in blocs) for i in range(len(votes))]
        if blocs and counted != list(votes.values()):
            out.append(f"{where}: the blocs ({counted}) do not add up to the count {votes}")
    elif backers and taken not in backers:
        out.append(f"{where}: {taken} was taken though no one chose it ({backers})")
    return out


def _unreported_actions(match: Match) -> list[str]:
    """Each action (cards' choices apart) tells its actor once what it did."""
    ids = [c.id for c in match.scenario.contenders]
    results = Counter((e.turn, ids[e.actors[0]]) for e in match.events if e.kind is Kind.RESULT)
    out = []
    for turn, orders in enumerate(match.orders):
        for who, acts in orders.items():
            n = sum(1 for a in acts if not a.startswith("decide "))
            if results[(turn, who)] != n:
                out.append(f"turn {turn}: {who} took {n} actions and was told of "
                           f"{results[(turn, who)]}")
    return out


def contradictions(match: Match) -> list[str]:
    """Every place in a finished game's record where the explanation disagrees with the count
    or the action goes unexplained; empty when the record explains itself."""
    out = _unreported_actions(match)
    for e in match.events:
        if e.kind is Kind.VOTE and e.tally is not None:
            out += _bloc_problems(match, e)
        elif e.kind is Kind.DECISION:
            out += _card_problems(match, e)
    return out
