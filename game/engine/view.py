"""What one contender may see: everything public, plus their own secrets and nobody else's.

Rivals' dossiers and the alliance offers between other contenders never appear in a view. The
AI decides from a view alone, so it cannot cheat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.rules import cards, ops
from game.rules import layout as lay

from .record import GameEvent
from .scenario import AIProfile, Axis
from .state import GameState


@dataclass(frozen=True, slots=True)
class ContenderInfo:
    index: int
    id: str
    name: str
    short: str
    status: str  # rung id
    status_name: str
    can_act: bool
    in_party: bool
    in_politburo: bool
    offices: tuple[str, ...]  # office names, most senior first
    office_ids: tuple[str, ...]
    prestige: float
    oratory: float
    organisation: float
    health: float
    threat: float  # perceived: own quality plus the fear that support brings
    line: float
    platform: bool
    exposed: bool  # compromising evidence against them is public
    support: float
    allies: tuple[int, ...]
    action_points: int


@dataclass(frozen=True, slots=True)
class RegionInfo:
    index: int
    id: str
    name: str
    kind: str
    members: int
    patron: int  # -1: no patron
    loyalty: tuple[float, ...]  # per contender, then uncommitted
    fief_of: int  # holder of an office whose fief this is, -1 none


@dataclass(frozen=True, slots=True)
class PolitburoSeat:
    name: str
    faction: int  # contender the member follows, -1 uncommitted
    contender: int  # the contender sitting, -1 for a notable


@dataclass(frozen=True, slots=True)
class CardInfo:
    event: str
    title: str
    text: str
    history: str
    source: str
    factor: str
    factor_name: str  # what the scenario calls the factor
    choices: tuple[tuple[str, str], ...]  # (choice id, label)
    mine_to_decide: bool
    appeal: tuple[float, ...]  # how much this contender's character favours each choice (AI)


@dataclass(frozen=True, slots=True)
class MotionInfo:
    kind: str
    sponsor: int
    target: int
    organ: str
    office: str | None


@dataclass(frozen=True, slots=True)
class View:
    """The game as contender ``me`` sees it."""

    me: int
    turn: int
    turns: int
    date: str
    finished: bool
    contenders: tuple[ContenderInfo, ...]
    regions: tuple[RegionInfo, ...]
    politburo: tuple[PolitburoSeat, ...]
    cc_share: tuple[float, ...]
    cc_seats: int
    congress_delegates: int
    mood_line: float
    mood_unity: float
    party_line: float
    trust: tuple[float, ...]  # how far I trust each contender
    meetings_this_turn: tuple[str, ...]
    cards: tuple[CardInfo, ...]
    motions: tuple[MotionInfo, ...]
    dossiers: dict[int, int]  # mine only
    offers_to_me: tuple[int, ...]
    offers_from_me: tuple[int, ...]
    personality: AIProfile  # my character, for the AI that may play me
    organ_names: dict[str, str]  # politburo, central_committee, congress -> what they are called
    axis: Axis  # what the line axis is about and what its ends are called
    notable_offices: tuple[tuple[str, str], ...] = ()  # (office name, notable name) held

    @property
    def mine(self) -> ContenderInfo:
        return self.contenders[self.me]


def contender_infos(state: GameState) -> tuple[ContenderInfo, ...]:
    s, sc, t = state.arrays, state.scenario, state.tables
    share = state.support().tolist()
    names = [o.name for o in sc.offices]
    out = []
    for c, d in enumerate(sc.contenders):
        rung = sc.ladder[int(s.status[c])]
        office_ids = tuple(sc.offices[o].id for o in t.by_rank if s.holds[o, c])
        q = s.quality[c].tolist()
        threat = min(100.0, q[lay.THREAT] + float(s.rules[lay.R_THREAT_PER_SUPPORT]) * share[c])
        out.append(
            ContenderInfo(
                c, d.id, d.name, d.short, rung.id, rung.name, rung.can_act, rung.in_party,
                rung.in_politburo,
                tuple(names[o] for o in t.by_rank if s.holds[o, c]), office_ids,
                q[lay.PRESTIGE], q[lay.ORATORY], q[lay.ORGANISATION], q[lay.HEALTH], threat,
                float(s.line[c]), bool(s.platform[c]), bool(s.exposed[c]), share[c],
                tuple(np.flatnonzero(s.allied[c]).tolist()), int(s.action_points[c]),
            )
        )
    return tuple(out)


def region_infos(state: GameState) -> tuple[RegionInfo, ...]:
    s, sc, t = state.arrays, state.scenario, state.tables
    members, patron, loyalty = s.members.tolist(), s.patron.tolist(), s.loyalty.tolist()
    out = []
    for i, r in enumerate(sc.regions):
        fief = -1
        for o in np.flatnonzero(t.fief_of[i]).tolist():
            holders = np.flatnonzero(s.holds[o])
            if holders.size:
                fief = int(holders[0])
        out.append(RegionInfo(i, r.id, r.name, r.kind, round(members[i]), patron[i],
                              tuple(loyalty[i]), fief))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class _Public:
    """The part of every contender's view that is the same for all: built once per state."""

    date: str
    contenders: tuple[ContenderInfo, ...]
    regions: tuple[RegionInfo, ...]
    politburo: tuple[PolitburoSeat, ...]
    cc_share: tuple[float, ...]
    motions: tuple[MotionInfo, ...]
    organ_names: tuple[tuple[str, str], ...]
    notable_offices: tuple[tuple[str, str], ...]


MOTION_KINDS = {lay.ACCUSE: "accuse", lay.RELIEVE: "relieve", lay.RESIGN: "resign"}


def politburo_seats(state: GameState) -> tuple[PolitburoSeat, ...]:
    """Every Politburo member: the contenders who sit there, then the seated notables, each
    with the faction they follow."""
    s, sc, t = state.arrays, state.scenario, state.tables
    faction, contender, notable = ops.politburo(s, t)
    return tuple(
        PolitburoSeat(sc.contenders[c].short if c >= 0 else sc.notables[k].name, int(f), int(c))
        for f, c, k in zip(faction.tolist(), contender.tolist(), notable.tolist(), strict=True)
    )


def motion_infos(state: GameState) -> tuple[MotionInfo, ...]:
    s, sc = state.arrays, state.scenario
    out = []
    for m in s.motions[: s.ints[lay.N_MOTIONS]].tolist():
        office = sc.offices[m[lay.M_OFFICE]].id if m[lay.M_OFFICE] >= 0 else None
        out.append(MotionInfo(MOTION_KINDS[m[lay.M_KIND]], m[lay.M_SPONSOR], m[lay.M_TARGET],
                              lay.ORGAN_IDS[m[lay.M_ORGAN]], office))
    return tuple(out)


def _public(state: GameState) -> _Public:
    calendar = state.scenario.calendar
    return _Public(
        date=calendar.label(min(state.turn, calendar.turns - 1)),
        contenders=contender_infos(state),
        regions=region_infos(state),
        politburo=politburo_seats(state),
        cc_share=tuple(state.arrays.cc_share.tolist()),
        motions=motion_infos(state),
        organ_names=tuple((k, o.name) for k, o in state.scenario.organs),
        notable_offices=notable_offices(state),
    )


def notable_offices(state: GameState) -> tuple[tuple[str, str], ...]:
    """The offices notables hold, most senior first: (office name, notable name)."""
    sc, s = state.scenario, state.arrays
    return tuple((sc.offices[o].name, sc.notables[s.office_notable[o]].name)
                 for o in state.tables.by_rank.tolist() if s.office_notable[o] >= 0)


def build_view(state: GameState, me: int, meetings: tuple[str, ...]) -> View:
    public = state.derived.get("view")
    if public is None:
        public = state.derived["view"] = _public(state)
    s, sc = state.arrays, state.scenario
    cards = [sc.events[e].id for e in s.cards[: s.ints[lay.N_CARDS]].tolist()]
    return View(
        me=me,
        turn=state.turn,
        turns=sc.calendar.turns,
        date=public.date,
        finished=state.finished,
        contenders=public.contenders,
        regions=public.regions,
        politburo=public.politburo,
        cc_share=public.cc_share,
        cc_seats=int(s.ints[lay.CC_SEATS]),
        congress_delegates=int(s.ints[lay.CONGRESS_DELEGATES]),
        mood_line=float(s.reals[lay.MOOD_LINE]),
        mood_unity=float(s.reals[lay.MOOD_UNITY]),
        party_line=float(s.reals[lay.PARTY_LINE]),
        trust=tuple(s.trust[me].tolist()),
        meetings_this_turn=meetings,
        cards=tuple(card_info(state, e, me) for e in cards),
        motions=public.motions,
        dossiers={t: k for t, k in enumerate(s.dossiers[me].tolist()) if k},
        offers_to_me=tuple(np.flatnonzero(s.offers[:, me]).tolist()),
        offers_from_me=tuple(np.flatnonzero(s.offers[me]).tolist()),
        personality=sc.contenders[me].ai,
        organ_names=dict(public.organ_names),
        axis=sc.axis,
        notable_offices=public.notable_offices,
    )


def visible_to(event: GameEvent, me: int) -> bool:
    return event.public or me in event.actors


def card_info(state: GameState, event_id: str, me: int) -> CardInfo:
    """What ``me`` sees of one of this turn's cards (and may decide on it)."""
    sc, s = state.scenario, state.arrays
    i = next(k for k, e in enumerate(sc.events) if e.id == event_id)
    e = sc.events[i]
    waiting = s.decisions[: s.ints[lay.N_DECISIONS]].tolist()
    mine = i in waiting and bool(s.deciders[waiting.index(i), me])
    open_choices = e.choices if e.forced_choice is None else []  # a forced card asks nothing
    appeal = state.derived.get(("appeal", me))
    if appeal is None:  # every card of the view reads one table
        appeal = state.derived[("appeal", me)] = cards.appeal(s, state.tables, me)
    appeal = appeal[i]
    return CardInfo(
        event=e.id,
        title=e.title,
        text=e.text,
        history=e.history,
        source=e.source,
        factor=str(e.factor),
        factor_name=sc.factor_name(str(e.factor)),
        choices=tuple((ch.id, ch.label) for ch in open_choices),
        mine_to_decide=mine,
        appeal=tuple(float(appeal[j]) for j in range(len(open_choices))),
    )
