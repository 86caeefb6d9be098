"""A turn's report, sorted for the person reading it: what they did themselves (each action with
what it moved, and the cards they decided), what others did to them, then everything else.
Both front ends draw the same sections, in the same order (the terminal under `WHAT YOU DID`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.engine import GameEvent, Kind, Scenario
from game.engine.explain import titled


@dataclass(frozen=True, slots=True)
class Report:
    did: list[str]  # one line per own action and per card the reader had a say on
    touched: list[GameEvent]  # what others did that concerns the reader
    rest: list[GameEvent]  # everything else the reader may see, in order


def decision_line(scenario: Scenario, e: GameEvent, me: str) -> str | None:
    """What became of the reader's say on a card: taken, or outvoted (with the count when the
    Central Committee, by the scenario's name, voted), or made for them when they chose
    nothing; None if they had no say."""
    backers: dict[str, list[str]] = e.data.get("backers", {})
    mine = next((choice for choice, who in backers.items() if me in who), None)
    card = next((x for x in scenario.events if x.id == e.ref), None)
    asked = scenario.contender_index(me) in e.actors
    if card is None or (mine is None and not asked):
        return None
    label = {ch.id: ch.label for ch in card.choices}
    taken = e.data.get("choice")
    if mine is None:
        return titled(card.title, f"you made no choice, so it went "
                                  f"\u201c{label.get(taken or '', taken)}\u201d.")
    votes: dict[str, int] = e.data.get("votes", {})
    count = ", ".join(f"\u201c{label[c]}\u201d {n}" for c, n in votes.items()) if votes else ""
    organ = e.data.get("organ", scenario.organs.central_committee.name)
    tally = f" (the {organ}'s votes: {count})" if count else ""
    if mine == taken:
        return titled(card.title, f"your choice, \u201c{label[mine]}\u201d, was taken{tally}.")
    return titled(card.title, f"your choice, \u201c{label[mine]}\u201d, was outvoted; the card "
                              f"went \u201c{label.get(taken or '', taken)}\u201d{tally}.")


def choice_tally(e: GameEvent) -> list[str]:
    """How the Central Committee chose between a card's choices or an office's candidates:
    the count, then each bloc with its votes and why; empty for an event with no such vote."""
    votes: dict[str, int] = e.data.get("votes", {})
    labels: dict[str, str] = e.data.get("labels", {})
    if not votes or not labels:
        return []
    count = ", ".join(f"\u201c{labels[c]}\u201d {n}" for c, n in votes.items())
    out = [f"The {e.data.get('organ', 'Central Committee')}'s vote: {count}."]
    for label, split, reason in e.data.get("blocs", []):
        cast = ", ".join(f"{n} for \u201c{labels[c]}\u201d"
                         for c, n in zip(votes, split, strict=True) if n)
        out.append(f"{label}: {cast or 'no votes'} \u2014 {reason}.")
    return out


def sort_report(scenario: Scenario, events: Sequence[GameEvent], me: str | None) -> Report:
    """The events a reader may see, sorted into the report's sections (``me``: the reader's
    contender id; None: a reader with no seat, who gets everything under `rest`)."""
    if me is None:
        return Report([], [], list(events))
    index = scenario.contender_index(me)
    did, touched, rest = [], [], []
    for e in events:
        if e.kind == Kind.RESULT and index in e.actors:
            did.append(e.text)
            continue
        if e.kind == Kind.DECISION and (line := decision_line(scenario, e, me)):
            did.append(line)
            continue
        if index in e.actors[1:] or (e.kind == Kind.ALLIANCE and index in e.actors
                                     and not e.public):
            touched.append(e)
            continue
        rest.append(e)
    return Report(did, touched, rest)
