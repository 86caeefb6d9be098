"""How you win, said: the ladder of outcomes a contender can climb, what each rung needs in
words a 15-year-old reads, and where the player stands on it now.

The ladder is ``scenario.outcomes`` of the scenario as cut to the length played
(``Scenario.with_length``), best first: at the end each contender gets the first rung whose
condition holds for them. The words are in the second person for the player ("you sit in the
Politburo") and in the third for anyone else the condition names ("Trotsky is out of the Central
Committee").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine import GameState, Scenario, holds, view
from game.engine import standing as outcome_now
from game.engine.scenario import OfficeDef

from .conditions import describe_condition
from .names import date_words, holding, join, office_post


@dataclass(frozen=True, slots=True)
class Rung:
    """One outcome on the ladder, with what it needs of the player."""

    id: str
    name: str
    description: str
    needs: str  # "" for a rung that needs nothing: the one you get if no rung above holds
    parts: tuple[Any, ...]  # the conditions that must all hold (the engine's condition values)
    open: bool = True  # False: written about the player as a rival, so never theirs


@dataclass(frozen=True, slots=True)
class Check:
    """One thing a rung needs, and whether it is true now."""

    words: str
    met: bool


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a contender stands on the ladder now, and what the rung above needs."""

    rung: Rung
    place: int  # 1 for the top rung
    rungs: int  # how many rungs the ladder has
    above: Rung | None  # the next rung up (None at the top)
    checks: tuple[Check, ...]  # each part of what ``above`` needs, met or not


def ladder(scenario: Scenario, contender: str) -> tuple[Rung, ...]:
    """The outcomes of ``scenario`` (already cut to its length), best first, in the words of
    the player who plays ``contender``."""
    said = _Sayer(scenario, contender)
    out = []
    for o in scenario.outcomes:
        parts = tuple(_parts(o.condition))
        out.append(Rung(o.id, o.name, " ".join(o.description.split()),
                        join([said(p) for p in parts]), parts, not _against(parts, contender)))
    return tuple(out)


def needs_words(rung: Rung) -> str:
    """What a rung needs, said to the player, including the rungs that need nothing (the last)
    and those that can never be theirs."""
    if not rung.open:
        return "not open to you: it needs you to have fallen yourself"
    return rung.needs or "if none of the outcomes above is yours"


def length_words(scenario: Scenario, length: str) -> str:
    """The length played, in words: 'the short game: 8 turns, from Q1 1924 to Q4 1925'
    (``scenario`` already cut to ``length``)."""
    cal = scenario.calendar
    span = f"from {date_words(cal.label(0))} to {date_words(cal.label(cal.turns - 1))}"
    alone = length == "full" and len(scenario.lesson_lengths()) == 1  # no shorter ones to name
    name = "the game" if alone else f"the {length} game"
    return f"{name}: {cal.turns} turns, {span}"


def _against(parts: tuple[Any, ...], contender: str) -> bool:
    """True if a rung needs ``contender`` by name to have fallen (Trotsky out of the Central
    Committee): the scenario wrote it for their rivals, so it can never be theirs."""
    return any(p.type == "not" and getattr(p.value, "who", None) == contender for p in parts)


def standing(state: GameState, contender: str) -> Standing:
    """Where ``contender`` stands on the ladder now: the outcome they would get if the game
    ended this turn, and what the rung above it needs, part by part."""
    scenario = state.scenario
    rungs = ladder(scenario, contender)
    now = outcome_now(state, contender).outcome
    place = next(i for i, r in enumerate(rungs) if r.id == now)
    above = next((r for r in reversed(rungs[:place]) if r.open), None)
    said = _Sayer(scenario, contender)
    checks = ()
    if above is not None:
        checks = tuple(
            Check(said(p) + _still_there(state, contender, p), holds(state, p, contender))
            for p in above.parts
        )
    return Standing(rungs[place], place + 1, len(rungs), above, checks)


# ----- conditions in words ---------------------------------------------------------------------


def _parts(condition: Any) -> list[Any]:
    """A rung's condition as the list of things that must all hold."""
    if condition is None:
        return []
    if condition.type == "all":
        return [p for item in condition.items for p in _parts(item)]
    return [condition]


class _Sayer:
    """Puts conditions into words for the player of one contender."""

    def __init__(self, scenario: Scenario, contender: str) -> None:
        self.sc, self.me = scenario, contender
        self.organs = {
            "politburo": f"the {scenario.organs.politburo.name}",
            "central_committee": f"the {scenario.organs.central_committee.name}",
        }

    def __call__(self, cond: Any, negated: bool = False) -> str:
        kind = cond.type
        if kind == "not":
            return self(cond.value, not negated)
        if kind in ("all", "any"):
            return self.several(cond, negated)
        words = self.simple(cond, negated)
        if words is None:  # a kind without words of its own here: the debrief's plain words
            words = describe_condition(self.sc, cond)
            return f"it is not so that {words}" if negated else words
        return words

    def several(self, cond: Any, negated: bool) -> str:
        items = list(cond.items)
        if (
            cond.type == "any"
            and len(items) > 1
            and all(i.type == "holds_office" for i in items)
            and len({i.who for i in items}) == 1
        ):  # "you hold one of these offices: A, B or C"
            you, who = self.who(items[0].who)
            names = join([self.office_name(i.office) for i in items], "or")
            return (
                f"{who} {'hold' if you else 'holds'} {'none' if negated else 'one'} "
                f"of these offices: {names}"
            )
        word = "or" if (cond.type == "any") != negated else "and"
        return join([self(i, negated) for i in items], word)

    def simple(self, cond: Any, neg: bool) -> str | None:  # noqa: C901 - one case per kind
        kind = cond.type
        if kind in ("in_organ", "rivals_out_of", "status", "holds_office", "platform",
                    "politburo_majority", "support", "leads"):
            you, who = self.who(cond.who)
        if kind == "in_organ":
            if cond.organ == "party":
                if neg:
                    return f"{who} {'are' if you else 'is'} out of the party"
                return f"{who} {'are' if you else 'is'} still in the party"
            organ = self.organs[cond.organ]
            if neg:
                return f"{who} {'are' if you else 'is'} out of {organ}"
            return f"{who} {'sit' if you else 'sits'} in {organ}"
        if kind == "rivals_out_of":
            whose = "your" if you else f"{who}'s"
            where = "the party" if cond.organ == "party" else self.organs[cond.organ]
            if neg:
                return f"one of {whose} rivals is still in {where}"
            if cond.organ == "party":
                return f"none of {whose} rivals is still in the party"
            return f"none of {whose} rivals sits in {where}"
        if kind == "politburo_majority":
            allies = ""
            if cond.with_allies:
                allies = " with your allies" if you else " with their allies"
            organ = self.organs["politburo"]
            if neg:
                return f"{who} {'do' if you else 'does'} not lead a majority of {organ}{allies}"
            return f"{who} {'lead' if you else 'leads'} a majority of {organ}{allies}"
        if kind == "leads":
            whose = "your" if you else f"{who}'s"
            is_ = "is not" if neg else "is"
            if cond.organ == "party":
                return f"{whose} following {is_} the largest in the party"
            if cond.organ == "politburo":
                return f"{whose} faction {is_} the largest in {self.organs['politburo']}"
            return f"{whose} following {is_} the largest in {self.organs[cond.organ]}"
        if kind == "holds_office":
            return f"{who} {holding(self.office(cond.office), you, neg)}"
        if kind == "status":
            rungs = {r.id: r.name for r in self.sc.ladder}
            names = join([f"\u201c{rungs.get(r, r)}\u201d" for r in cond.is_], "or")
            whose = "your" if you else f"{who}'s"
            return f"{whose} status is {'not ' if neg else ''}{names}"
        if kind == "platform":
            if neg:
                return f"{who} {'have' if you else 'has'} no open opposition platform"
            return f"{who} {'have' if you else 'has'} an open opposition platform"
        if kind == "support":
            share = f"{cond.at_least:.0%}"
            whom = "you" if you else who
            return f"{'less than' if neg else 'at least'} {share} of the party follows {whom}"
        if kind == "allied":
            (ya, a), (yb, b) = self.who(cond.a), self.who(cond.b)
            if yb:
                (ya, a), (yb, b) = (yb, b), (ya, a)
            verb = "are" if ya else "is"
            return f"{a} {verb} {'not ' if neg else ''}allied with {b}"
        if kind == "after":
            when = date_words(cond.value)
            return f"it is before {when}" if neg else f"it is {when} or later"
        if kind == "before":
            when = date_words(cond.value)
            return f"it is {when} or later" if neg else f"it is before {when}"
        return None

    def who(self, ref: str) -> tuple[bool, str]:
        """(True, 'you') for the player, else (False, a name)."""
        if ref in ("self", self.me):
            return True, "you"
        if ref.startswith("office:"):
            return False, f"whoever holds {office_post(self.office(ref[7:]))}"
        for c in self.sc.contenders:
            if c.id == ref:
                return False, c.short
        return False, ref

    def office_name(self, office: str) -> str:
        return next((o.name for o in self.sc.offices if o.id == office), office)

    def office(self, office: str) -> OfficeDef | str:
        """The office's definition (for the scenario's own words for it), or its id."""
        return next((o for o in self.sc.offices if o.id == office), office)


def _still_there(state: GameState, contender: str, cond: Any) -> str:
    """For 'none of your rivals sits in the Politburo': who still does (' (still there:
    Trotsky, Zinoviev)'); '' otherwise."""
    if cond.type != "rivals_out_of" or cond.who not in ("self", contender):
        return ""
    flag = {"politburo": "in_politburo", "central_committee": "in_central_committee",
            "party": "in_party"}[cond.organ]
    rungs = {r.id: r for r in state.scenario.ladder}
    seen = view(state, contender)
    inside = [c.short for c in seen.contenders
              if c.id != contender and getattr(rungs[c.status], flag)]
    return f" (still there: {join(inside)})" if inside else ""

