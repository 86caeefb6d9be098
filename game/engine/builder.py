"""The writer of the programs that conditions and effects compile to (see
:mod:`game.rules.programs`).

Every condition and effect class knows its own code: its ``emit`` method writes its rows into a
:class:`Builder`, beside the model and docstring a modder reads, so a new kind of condition or
effect is one class. The Builder collects the rows and turns the names they use into indices.
It knows a scenario only by its names (:func:`game.engine.compile.builder` makes one for a
scenario), so the conditions and effects, and the scenario model that holds them, stand above
it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from game.rules import layout as lay
from game.rules import programs as prog

ORGAN_CODES = {"politburo": lay.POLITBURO, "central_committee": lay.CENTRAL_COMMITTEE,
               "congress": lay.CONGRESS, "party": lay.PARTY}
ORGAN_FLAGS = {"politburo": lay.IN_POLITBURO, "central_committee": lay.IN_CC,
               "party": lay.IN_PARTY}


@dataclass
class Builder:
    """Collects program rows while conditions and effects emit themselves, and names their
    references by index: the ids are in the scenario's order (``choice_ids[i]``: those of event
    ``i``'s choices); ``turn_of`` reads a date of the scenario's calendar."""

    contender_ids: Sequence[str]
    office_ids: Sequence[str]
    region_ids: Sequence[str]
    rung_ids: Sequence[str]
    event_ids: Sequence[str]
    choice_ids: Sequence[Sequence[str]]
    notable_ids: Sequence[str]
    turn_of: Callable[[str], int]
    code: list[list[int]] = field(default_factory=list)
    value: list[tuple[float, float]] = field(default_factory=list)
    programs: list[tuple[int, int]] = field(default_factory=list)
    masks: list[tuple[float, ...]] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._contender = {cid: i for i, cid in enumerate(self.contender_ids)}
        self._office = {oid: i for i, oid in enumerate(self.office_ids)}
        self._region = {rid: i for i, rid in enumerate(self.region_ids)}
        self._rung = {rid: i for i, rid in enumerate(self.rung_ids)}
        self._event = {eid: i for i, eid in enumerate(self.event_ids)}
        self._notable = {nid: i for i, nid in enumerate(self.notable_ids)}

    # ----- rows and programs
    def row(self, op: int, a: int = 0, b: int = 0, c: int = 0, d: int = 0, e: int = 0,
            x: float = 0.0, y: float = 0.0) -> None:
        self.code.append([op, a, b, c, d, e])
        self.value.append((float(x), float(y)))

    def here(self) -> int:
        """The index the next row will have."""
        return len(self.code)

    def patch(self, row: int, column: int, value: int) -> None:
        """Fill in an argument of a row written before its value was known (a branch's
        length)."""
        self.code[row][column] = value

    def condition(self, condition) -> int:
        """The program of a condition (None: -1, always true)."""
        if condition is None:
            return -1
        first = len(self.code)
        condition.emit(self)
        return self._close(first)

    def effects(self, effects: Iterable) -> int:
        """The program of an effect list (possibly empty)."""
        first = len(self.code)
        for effect in effects:
            effect.emit(self)
        return self._close(first)

    def _close(self, first: int) -> int:
        self.programs.append((first, len(self.code) - first))
        return len(self.programs) - 1

    # ----- names to indices
    def who(self, ref: str) -> int:
        """A contender reference: an id, ``self``, ``decider``, ``chooser``, ``nobody`` or
        ``office:<id>`` (an unknown name: nobody, as the validator reports it)."""
        if ref in self._contender:
            return self._contender[ref]
        special = {"self": prog.SELF, "decider": prog.DECIDER, "chooser": prog.CHOOSER,
                   "nobody": prog.NOBODY}
        if ref in special:
            return special[ref]
        if ref.startswith("office:") and ref[7:] in self._office:
            return prog.OFFICE_BASE - self._office[ref[7:]]
        return prog.NOBODY

    def office(self, office_id: str) -> int:
        return self._office[office_id]

    def region(self, region_id: str) -> int:
        return self._region[region_id]

    def notable(self, notable_id: str) -> int:
        return self._notable[notable_id]

    def event(self, event_id: str) -> int:
        return self._event[event_id]

    def choice(self, event_id: str, choice_id: str | None) -> int:
        if choice_id is None:
            return -1
        choices = self.choice_ids[self._event[event_id]]
        return next(i for i, cid in enumerate(choices) if cid == choice_id)

    def rung(self, rung_id: str) -> int:
        return self._rung[rung_id]

    def rungs(self, rung_ids: Sequence[str]) -> int:
        """A bit mask of ladder rungs."""
        return sum(1 << self._rung[r] for r in rung_ids if r in self._rung)

    def organ(self, organ: str) -> int:
        return ORGAN_CODES[organ]

    def organ_flag(self, organ: str) -> int:
        return ORGAN_FLAGS[organ]

    def turn(self, date: str) -> int:
        return self.turn_of(date)

    def rule(self, name: str) -> int:
        return lay.RULE_IDS.index(name)

    def flag(self, name: str) -> int:
        return self.flags.setdefault(name, len(self.flags))

    def regions(self, region_ids: Sequence[str]) -> int:
        """A region mask's index (``all``: every region)."""
        ids = set(region_ids)
        mask = tuple(1.0 if ("all" in ids or r in ids) else 0.0 for r in self.region_ids)
        if mask not in self.masks:
            self.masks.append(mask)
        return self.masks.index(mask)
