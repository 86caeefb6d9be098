"""What one contender may see: everything public, plus their own secrets and nobody else's.

Rivals' dossiers and the alliance offers between other contenders never appear in a view. The
AI decides from a view alone, so it cannot cheat.
"""

from __future__ import annotations

from dataclasses import dataclass

from .context import ReadingContext, notable_faction, perceived_threat
from .index import index_of
from .record import GameEvent
from .scenario import AIProfile
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

    @property
    def mine(self) -> ContenderInfo:
        return self.contenders[self.me]


def contender_infos(state: GameState) -> tuple[ContenderInfo, ...]:
    ctx = ReadingContext(state)
    support = ctx.support().tolist()
    allied = state.allied.tolist()
    names = {o.id: o.name for o in state.scenario.offices}
    out = []
    for c, (d, rec) in enumerate(zip(state.scenario.contenders, state.contenders, strict=True)):
        rung = ctx.rung(c)
        office_ids = tuple(ctx.offices_of(c))
        out.append(
            ContenderInfo(
                c, d.id, d.name, d.short, rung.id, rung.name, rung.can_act, rung.in_party,
                rung.in_politburo,
                tuple(names[o] for o in office_ids), office_ids, rec.prestige, rec.oratory,
                rec.organisation, rec.health, perceived_threat(state, c, support),
                rec.line, rec.platform, rec.exposed, support[c],
                tuple(k for k, yes in enumerate(allied[c]) if yes), rec.action_points,
            )
        )
    return tuple(out)


def region_infos(state: GameState) -> tuple[RegionInfo, ...]:
    fiefs: dict[str, int] = {}
    for o in state.scenario.offices:
        holder = state.holder.get(o.id, -1)
        if o.fief and holder >= 0:
            for r in o.base_regions:
                fiefs[r] = holder
    members, patron, loyalty = (a.tolist() for a in (state.members, state.patron, state.loyalty))
    return tuple(
        RegionInfo(
            i, r.id, r.name, r.kind, round(members[i]), patron[i], tuple(loyalty[i]),
            fiefs.get(r.id, -1),
        )
        for i, r in enumerate(state.scenario.regions)
    )


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


def _public(ctx: ReadingContext) -> _Public:
    state = ctx.state
    calendar = state.scenario.calendar
    return _Public(
        date=calendar.label(min(state.turn, calendar.turns - 1)),
        contenders=contender_infos(state),
        regions=region_infos(state),
        politburo=tuple(
            PolitburoSeat(label, faction, c) for label, faction, c, _ in ctx.politburo_members()
        ),
        cc_share=tuple(state.cc_share.tolist()),
        motions=tuple(
            MotionInfo(m.kind, m.sponsor, m.target, m.organ, m.office) for m in state.motions
        ),
        organ_names=tuple((k, o.name) for k, o in state.scenario.organs),
    )


def build_view(state: GameState, me: int, meetings: tuple[str, ...]) -> View:
    ctx = ReadingContext(state)
    public = ctx.remember("view", lambda: _public(ctx))
    rec = state.contenders[me]
    return View(
        me=me,
        turn=state.turn,
        turns=state.scenario.calendar.turns,
        date=public.date,
        finished=state.finished,
        contenders=public.contenders,
        regions=public.regions,
        politburo=public.politburo,
        cc_share=public.cc_share,
        cc_seats=state.cc_seats,
        congress_delegates=state.congress_delegates,
        mood_line=state.mood_line,
        mood_unity=state.mood_unity,
        party_line=state.party_line,
        trust=tuple(state.trust[me].tolist()),
        meetings_this_turn=meetings,
        cards=tuple(card_info(state, e, me) for e in state.cards),
        motions=public.motions,
        dossiers=dict(rec.dossiers),
        offers_to_me=tuple(sorted(a for a, b in state.offers if b == me)),
        offers_from_me=tuple(sorted(b for a, b in state.offers if a == me)),
        personality=state.scenario.contenders[me].ai,
        organ_names=dict(public.organ_names),
    )


def visible_to(event: GameEvent, me: int) -> bool:
    return event.public or me in event.actors


__all__ = ["View", "build_view", "visible_to", "notable_faction"]


def card_info(state: GameState, event_id: str, me: int) -> CardInfo:
    """What ``me`` sees of one of this turn's cards (and may decide on it)."""
    e = index_of(state.scenario).event[event_id]
    pending = next((d for d in state.decisions if d.event == event_id), None)
    open_choices = e.choices if e.forced_choice is None else []  # a forced card asks nothing
    return CardInfo(
        event=e.id,
        title=e.title,
        text=e.text,
        history=e.history,
        source=e.source,
        factor=str(e.factor),
        choices=tuple((ch.id, ch.label) for ch in open_choices),
        mine_to_decide=pending is not None and me in pending.deciders,
        appeal=tuple(
            ch.ai_appeal.get(state.scenario.contenders[me].id, 0.0) for ch in open_choices
        ),
    )
