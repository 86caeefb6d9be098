"""Look-up tables derived once from a scenario, so that hot paths need not rebuild them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .actions import SPECS, ActionKind
from .scenario import EventDef, Meeting, OfficeDef, Scenario


@dataclass(frozen=True, slots=True)
class Index:
    contender: dict[str, int]
    region: dict[str, int]
    rung_ids: tuple[str, ...]
    organ_flags: tuple[dict[str, bool], ...]  # per rung: politburo, central_committee, party
    can_act: tuple[bool, ...]  # per rung
    falls_to: tuple[int, ...]  # per rung: the rung a successful charge sends one to
    offices_by_rank: tuple[OfficeDef, ...]  # most senior first
    office: dict[str, OfficeDef]
    event: dict[str, EventDef]
    turn: dict[str, int]  # every date the scenario mentions -> turn index
    region_line: np.ndarray  # (regions,) each region's own lean
    army: np.ndarray  # (regions,) bool: the army's party organisations
    region_ids: tuple[str, ...]
    rival_ids: tuple[tuple[str, ...], ...]  # per contender: every other contender's id
    cost: dict[ActionKind, int]  # action points each kind of action costs here
    fiefs: tuple[tuple[str, ...], ...]  # per region: the offices whose fief it is
    meetings: dict[int, tuple[Meeting, ...]]  # turn -> the meetings scheduled then
    cards: dict[int, tuple[EventDef, ...]]  # turn -> the events dated then, in the scenario's order
    masks: dict[tuple[str, ...], np.ndarray] = field(default_factory=dict)  # made as asked

    def regions_mask(self, ids: list[str] | tuple[str, ...]) -> np.ndarray:
        """A (regions,) float mask with 1 for each listed region (`all`: every region). Made
        once per list of regions and shared, so it is read-only."""
        key = tuple(ids)
        mask = self.masks.get(key)
        if mask is None:
            mask = np.zeros(len(self.region))
            if "all" in ids:
                mask[:] = 1.0
            for r in ids:
                if r in self.region:
                    mask[self.region[r]] = 1.0
            mask.flags.writeable = False
            self.masks[key] = mask
        return mask


_CACHE: dict[int, tuple[Scenario, Index]] = {}


def index_of(scenario: Scenario) -> Index:
    """The scenario's look-up tables (built on first use; scenarios are immutable)."""
    hit = _CACHE.get(id(scenario))
    if hit is not None and hit[0] is scenario:
        return hit[1]
    cal = scenario.calendar
    dates = {m.when for m in scenario.meetings}
    for e in scenario.events:
        dates |= {d for d in (e.when, *(e.window or ())) if d}
    dates |= {m.when for m in scenario.milestones}
    built = Index(
        contender={c.id: i for i, c in enumerate(scenario.contenders)},
        region={r.id: i for i, r in enumerate(scenario.regions)},
        rung_ids=tuple(r.id for r in scenario.ladder),
        organ_flags=tuple(
            {"politburo": r.in_politburo, "central_committee": r.in_central_committee,
             "party": r.in_party}
            for r in scenario.ladder
        ),
        can_act=tuple(r.can_act for r in scenario.ladder),
        falls_to=tuple(
            next((j for j, x in enumerate(scenario.ladder) if x.id == r.falls_to), i + 1)
            for i, r in enumerate(scenario.ladder)
        ),
        offices_by_rank=tuple(sorted(scenario.offices, key=lambda o: -o.rank)),
        office={o.id: o for o in scenario.offices},
        event={e.id: e for e in scenario.events},
        turn={d: cal.turn_of(d) for d in dates},
        region_line=np.array([r.line for r in scenario.regions]),
        army=np.array([r.kind == "army" for r in scenario.regions]),
        region_ids=tuple(r.id for r in scenario.regions),
        rival_ids=tuple(
            tuple(d.id for d in scenario.contenders if d.id != c.id) for c in scenario.contenders
        ),
        cost={k: scenario.action_costs.get(k.value, s.default_cost) for k, s in SPECS.items()},
        fiefs=tuple(
            tuple(o.id for o in scenario.offices if o.fief and r.id in o.base_regions)
            for r in scenario.regions
        ),
        meetings={
            t: tuple(m for m in scenario.meetings if cal.turn_of(m.when) == t)
            for t in {cal.turn_of(m.when) for m in scenario.meetings}
        },
        cards=_cards_by_turn(scenario),
    )
    _CACHE[id(scenario)] = (scenario, built)
    return built


def _cards_by_turn(scenario: Scenario) -> dict[int, tuple[EventDef, ...]]:
    """Turn -> the events whose date (``when``) or ``window`` covers it, in the scenario's order:
    each turn asks only those whether they fire."""
    cal = scenario.calendar
    cards: dict[int, list[EventDef]] = {}
    for e in scenario.events:
        first, last = (cal.turn_of(d) for d in (e.window or (e.when, e.when)))
        for t in range(first, last + 1):
            cards.setdefault(t, []).append(e)
    return {t: tuple(es) for t, es in cards.items()}
