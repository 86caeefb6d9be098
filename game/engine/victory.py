"""Graded outcomes: the first of the scenario's outcomes whose condition holds for each
contender, and the game's winner (best outcome, then Politburo faction, then support)."""

from __future__ import annotations

from dataclasses import dataclass

from .context import Context
from .state import GameState


@dataclass(frozen=True, slots=True)
class Outcome:
    contender: str
    outcome: str  # outcome id
    name: str
    rank: int
    description: str


@dataclass(frozen=True, slots=True)
class Result:
    outcomes: tuple[Outcome, ...]  # in the scenario's contender order
    winner: str  # contender id

    def of(self, contender: str) -> Outcome:
        return next(o for o in self.outcomes if o.contender == contender)

    def ranked(self) -> list[Outcome]:
        order = {o.contender: i for i, o in enumerate(self.outcomes)}
        return sorted(self.outcomes, key=lambda o: (-o.rank, o.contender != self.winner,
                                                    order[o.contender]))


def grade(ctx: Context, c: int) -> Outcome:
    ctx.subject = c
    d = ctx.scenario.contenders[c]
    for o in ctx.scenario.outcomes:
        if o.condition is None or o.condition.holds(ctx):
            return Outcome(d.id, o.id, o.name, o.rank, o.description)
    last = ctx.scenario.outcomes[-1]
    return Outcome(d.id, last.id, last.name, last.rank, last.description)


def result(state: GameState) -> Result:
    ctx = Context(state)
    outcomes = tuple(grade(ctx, c) for c in range(state.n))
    support = state.support()

    def strength(c: int) -> tuple[float, float, float]:
        return (outcomes[c].rank, ctx.politburo_faction_share(c, False), float(support[c]))

    best = max(range(state.n), key=strength)
    return Result(outcomes, state.scenario.contenders[best].id)
