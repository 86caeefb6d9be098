"""What happened: the events a turn reports, in a form the UI, saves and the debrief can read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    CARD = "card"  # an event card was drawn
    DECISION = "decision"  # an event card was decided
    ACTION = "action"  # a contender's action took effect
    RESULT = "result"  # what one's own action did, with the numbers it moved (private)
    VOTE = "vote"  # a vote was taken
    OFFICE = "office"  # an office changed hands
    STATUS = "status"  # a contender moved on the removal ladder
    ALLIANCE = "alliance"  # an alliance was made or broken
    MEETING = "meeting"  # a plenum or Congress met
    LUCK = "luck"  # illness and other chance
    END = "end"  # the game ended

    @property
    def tag(self) -> str:
        """A one-word label for logs and reports: 'Event', 'Decided', 'Vote', ..."""
        return {"card": "Event", "decision": "Decided"}.get(self.value, self.value.capitalize())


@dataclass(frozen=True, slots=True)
class Bloc:
    """One line of a vote's breakdown: who they are, how they voted, and why."""

    label: str
    yes: int
    no: int
    reason: str
    # Who cast the votes: (contender id whose lead they followed, or "" for those who judged
    # for themselves, votes for, votes against); they add up to yes and no.
    parts: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Tally:
    organ: str
    motion: str
    yes: int
    no: int
    passed: bool
    blocs: tuple[Bloc, ...]
    needed: int = 0  # votes for that carry it
    body: str = ""  # which organ: politburo, central_committee or congress (``organ`` is its name)

    def headline(self) -> str:
        verdict = "carried" if self.passed else "defeated"
        qualified = self.needed > (self.yes + self.no) // 2 + 1
        extra = f" ({self.needed} needed)" if qualified else ""
        return f"{self.motion}: {verdict}, {self.yes} to {self.no}{extra}"


@dataclass(frozen=True, slots=True)
class GameEvent:
    """One thing that happened. ``public`` is false for what only ``actors`` may know."""

    turn: int
    kind: Kind
    text: str
    actors: tuple[int, ...] = ()
    factor: str | None = None
    ref: str | None = None  # event id, office id, region id ... that this is about
    tally: Tally | None = None
    public: bool = True
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
