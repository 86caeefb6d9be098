"""What every sentence of :mod:`game.engine.narrate` reads: one event row of a turn's
:class:`~game.rules.log.Log`, and the scenario's names for the indices it holds."""

from __future__ import annotations

from dataclasses import dataclass

from game.rules import layout as lay
from game.rules import log as L

from .scenario import Scenario


@dataclass(frozen=True, slots=True)
class Row:
    """One event row of a log, read out of its arrays."""

    log: L.Log
    index: int

    def int(self, field: int) -> int:
        return int(self.log.event[self.index, field])

    @property
    def turn(self) -> int:
        return self.int(L.E_TURN)

    @property
    def code(self) -> int:
        return self.int(L.E_CODE)

    @property
    def actors(self) -> tuple[int, ...]:
        return tuple(a for a in (self.int(L.E_ACTOR0), self.int(L.E_ACTOR1),
                                 self.int(L.E_ACTOR2)) if a >= 0)

    @property
    def ref(self) -> int:
        return self.int(L.E_REF)

    @property
    def vote(self) -> int:
        return self.int(L.E_VOTE)

    def x(self, i: int) -> float:
        return float(self.log.event_x[self.index, i])


class Names:
    """The names a sentence uses, from the scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    def name(self, c: int) -> str:
        return self.scenario.contenders[c].short

    def organ(self, organ: int) -> str:
        return getattr(self.scenario.organs, lay.ORGAN_IDS[organ]).name
