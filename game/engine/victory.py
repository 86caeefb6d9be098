"""Graded outcomes: the first of the scenario's outcomes whose condition holds for each
contender, and the game's winner (best outcome, then Politburo faction, then support); worked
out by the rules (:mod:`game.rules.ending`), named here."""

from __future__ import annotations

from dataclasses import dataclass

from game.rules import ending
from game.rules.layout import LUCK
from game.rules.ops import new_work

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


def result(state: GameState) -> Result:
    """Every contender's graded outcome in ``state`` and the winner, as if the game ended now."""
    sc = state.scenario
    outcomes, winner = ending.result(state.arrays, state.tables, new_work(state.n, LUCK))
    graded = tuple(
        Outcome(c.id, sc.outcomes[o].id, sc.outcomes[o].name, sc.outcomes[o].rank,
                sc.outcomes[o].description)
        for c, o in zip(sc.contenders, outcomes.tolist(), strict=True)
    )
    return Result(graded, sc.contenders[int(winner)].id)
