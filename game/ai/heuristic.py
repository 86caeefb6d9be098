"""The heuristic AI: score each option from the view, then fill the action points greedily."""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from game.engine import Action, ActionKind, GameState, Option, View

if TYPE_CHECKING:  # the types of a view's parts, for annotations only
    from game.engine.view import ContenderInfo, RegionInfo

NOISE = {"easy": 0.9, "standard": 0.3}


def rivals(view: View) -> list[int]:
    """Other contenders still in the game, most dangerous first: support, Politburo faction
    and perceived threat, discounted for allies."""
    me = view.me
    seats = [s.faction for s in view.politburo]

    def danger(c: int) -> float:
        info = view.contenders[c]
        pb = seats.count(c) / max(len(seats), 1)
        score = info.support + pb + info.threat / 200 + 0.5 * view.cc_share[c]
        score *= 0.6 + 0.4 * abs(info.line - view.mine.line)  # a rival's programme matters
        return score * (0.4 if c in view.mine.allies else 1.0)

    others = [c.index for c in view.contenders if c.index != me and c.can_act]
    return sorted(others, key=lambda c: -danger(c))


class Sight(NamedTuple):
    """What the values of one decision's options read from the view, worked out once for the
    decision rather than once per option."""

    view: View
    me: ContenderInfo
    ranking: list[int]
    main_rival: int
    index: dict[str, int]  # contender id -> index
    regions: dict[str, RegionInfo]  # region id -> region


def sight(view: View, ranking: list[int]) -> Sight:
    return Sight(
        view,
        view.mine,
        ranking,
        ranking[0] if ranking else -1,
        {c.id: c.index for c in view.contenders},
        {r.id: r for r in view.regions},
    )


def _target(s: Sight, option: Option) -> int:
    return s.index.get(option.action.target or "", -1)


def _region_weight(s: Sight, region: RegionInfo) -> float:
    """A region's share of the members, times the number of regions (1 for an average one)."""
    view = s.view
    return region.members / sum(r.members for r in view.regions) * len(view.regions)


def _decide(s: Sight, option: Option) -> float:
    a = option.action
    card = next(c for c in s.view.cards if c.event == a.target)
    idx = [cid for cid, _ in card.choices].index(a.option)
    return 5.0 + card.appeal[idx]


def _appoint(s: Sight, option: Option) -> float:
    r = s.regions[option.action.target or ""]
    me = s.view.me
    rival_patron = 0.5 if r.patron >= 0 and r.patron != me else 0.0
    return 1.2 * _region_weight(s, r) * (1.0 - r.loyalty[me] + rival_patron)


def _recruit(s: Sight, option: Option) -> float:
    r = s.regions[option.action.target or ""]
    return 1.5 * _region_weight(s, r) if r.patron == s.view.me else 0.1


def _dossier(s: Sight, option: Option) -> float:
    t = _target(s, option)
    return 0.9 if t == s.main_rival else 0.3 if t in s.ranking[:2] else 0.05


def _persuade(s: Sight, option: Option) -> float:
    me = s.me
    fit = 1.0 - abs(me.line - s.view.mood_line) / 2
    return (1.0 - me.support) * fit * (1.3 if me.platform else 1.0)


def _army(s: Sight, option: Option) -> float:
    return 0.9


def _rest(s: Sight, option: Option) -> float:
    return 2.0 if s.me.health < 45 else 0.0


def _ally(s: Sight, option: Option) -> float:
    view, me, t = s.view, s.me, _target(s, option)
    if t == s.main_rival or t in view.offers_from_me or not view.contenders[t].can_act:
        return 0.0
    closeness = max(0.0, 1.0 - abs(view.contenders[t].line - me.line)) ** 2
    # an ally is worth most against a common danger, and to the weak
    useful = 0.6 if s.main_rival not in view.contenders[t].allies else 0.1
    return (useful + 0.4 * (1.0 - me.support)) * closeness + 0.4 * view.trust[t]


def _accept(s: Sight, option: Option) -> float:
    view, t = s.view, _target(s, option)
    closeness = max(0.0, 1.0 - abs(view.contenders[t].line - s.me.line))
    return 0.0 if t == s.main_rival else (1.0 + view.trust[t]) * (0.3 + closeness)


def _break(s: Sight, option: Option) -> float:
    # break with an ally who has grown much stronger and whose line has moved away
    view, me = s.view, s.me
    ally = view.contenders[_target(s, option)]
    apart = abs(ally.line - me.line)
    if ally.support > 2 * me.support and apart > 0.6:
        return 1.4
    # once my own faction holds the Politburo, an ally sitting there is only a rival
    mine = sum(1 for seat in view.politburo if seat.faction == view.me) / max(
        len(view.politburo), 1
    )
    return 1.2 * view.personality.aggression if mine > 0.5 and ally.in_politburo else 0.0


def _platform(s: Sight, option: Option) -> float:
    me = s.me
    fit = 1.0 - abs(me.line - s.view.mood_line) / 2
    return 0.8 * fit if me.support < 0.25 and not me.offices else 0.0


def _recant(s: Sight, option: Option) -> float:
    """Once expelled, recanting is the way back into the party; before that, the standard AI
    stands by its platform, as the oppositions of the 1920s did until they were thrown out."""
    return 2.5 if not s.me.in_party else 0.0


def _accuse(s: Sight, option: Option) -> float:
    view, t = s.view, _target(s, option)
    profile = view.personality
    p = option.odds or 0.0
    importance = 1.5 if t == s.main_rival else 0.7 if view.contenders[t].can_act else 0.4
    threshold = 0.35 * profile.caution
    return 0.0 if p < threshold else 2.2 * p * importance * profile.aggression


def _challenge(s: Sight, option: Option) -> float:
    """Like a charge, but at a rival's office: worth most against the main rival's fief."""
    view = s.view
    profile = view.personality
    p = option.odds or 0.0
    holder = next((c.index for c in view.contenders if option.action.target in c.office_ids), -1)
    importance = 1.2 if holder == s.main_rival else 0.5
    threshold = 0.35 * profile.caution
    return 0.0 if p < threshold else 1.8 * p * importance * profile.aggression


def _subvert(s: Sight, option: Option) -> float:
    r = s.regions[option.action.target or ""]
    rival = 1.5 if r.patron == s.main_rival else 1.0 if r.patron >= 0 else 0.6
    return 1.2 * (option.odds or 0.0) * _region_weight(s, r) * rival


def _defend(s: Sight, option: Option) -> float:
    return 3.0


def _appeal(s: Sight, option: Option) -> float:
    if option.action.target == "comintern":
        return 1.5
    return 1.2 if s.me.support > 0.12 else 0.2


def _resolution(s: Sight, option: Option) -> float:
    toward = -1 if option.action.target == "left" else 1
    wants = (s.me.line - s.view.party_line) * toward > 0.25
    return 0.8 * (option.odds or 0.0) if wants else 0.0


def _shift(s: Sight, option: Option) -> float:
    """Worth more the further the mood has moved away from one's line that way."""
    toward = -1 if option.action.target == "left" else 1
    gap = (s.view.mood_line - s.me.line) * toward
    return max(0.0, gap - 0.2) * 3.0


def _resign(s: Sight, option: Option) -> float:
    p = option.odds if option.odds is not None else 1.0
    return 0.6 if p < 0.1 and s.me.prestige < 45 else 0.0


def _convene(s: Sight, option: Option) -> float:
    view = s.view
    mine = [m for m in view.motions if m.sponsor == view.me and m.organ != "politburo"]
    organ = "congress" if option.action.target == "congress" else "central_committee"
    return 1.6 if any(m.organ == organ for m in mine) else 0.0


VALUES = {  # every kind of action has its value
    ActionKind.DECIDE: _decide,
    ActionKind.APPOINT: _appoint,
    ActionKind.RECRUIT: _recruit,
    ActionKind.DOSSIER: _dossier,
    ActionKind.SPEECH: _persuade,
    ActionKind.ARTICLE: _persuade,
    ActionKind.ARMY: _army,
    ActionKind.REST: _rest,
    ActionKind.ALLY: _ally,
    ActionKind.ACCEPT: _accept,
    ActionKind.BREAK: _break,
    ActionKind.PLATFORM: _platform,
    ActionKind.RECANT: _recant,
    ActionKind.ACCUSE: _accuse,
    ActionKind.RESOLUTION: _resolution,
    ActionKind.SHIFT: _shift,
    ActionKind.RESIGN: _resign,
    ActionKind.CONVENE: _convene,
    ActionKind.CHALLENGE: _challenge,
    ActionKind.SUBVERT: _subvert,
    ActionKind.DEFEND: _defend,
    ActionKind.APPEAL: _appeal,
}


def value(view: View, option: Option, ranking: list[int], seen: Sight | None = None) -> float:
    """What taking ``option`` is worth to the contender, before character weights. ``seen``
    (:func:`sight` of the view and ranking) saves working it out again for every option."""
    return VALUES[option.action.kind](seen or sight(view, ranking), option)


def choose_orders(
    view: View,
    options: Sequence[Option],
    *,
    difficulty: str = "standard",
    seed: int,
    state: GameState | None = None,
) -> list[Action]:
    """Pick this turn's orders for ``view.me`` from the legal ``options``. The ``strong``
    difficulty looks ahead (:mod:`game.ai.lookahead`) and needs the game ``state`` too; it
    never reads rivals' secrets from it."""
    if difficulty == "strong":
        from .lookahead import strong_choice  # imported late: the look-ahead imports this module

        return strong_choice(view, options, state=state, seed=seed)
    if difficulty == "historical":
        from .historical import historical_orders

        if state is None:
            raise ValueError("the historical AI needs the game state (for the scenario's record)")
        return historical_orders(view, options, state)
    if difficulty not in NOISE:
        known = sorted([*NOISE, "strong", "historical"])
        raise ValueError(f"unknown difficulty {difficulty!r}; choose from {known}")
    ranking = rivals(view)
    weights = view.personality.weights
    seen = sight(view, ranking)
    worth = [(base, o) for o in options if (base := VALUES[o.action.kind](seen, o)) > 0]
    # one draw of noise per option worth anything, in the order of the options (drawn together,
    # they are the same numbers as drawn one by one)
    luck = np.exp(np.random.default_rng(seed).normal(0.0, NOISE[difficulty], len(worth)))
    scored = []
    for (base, option), draw in zip(worth, luck.tolist(), strict=True):
        score = base * weights.get(option.action.kind, 1.0) * draw
        if score > 0:
            scored.append((score, option))
    best_first(scored)
    return pack_orders(scored, view.mine.action_points)


def best_first(scored: list[tuple[float, Option]]) -> None:
    """Sort by score, best first, equal scores in the order of the actions' text. The scores
    carry noise, so they hardly ever tie: the text is made only when two do."""
    scored.sort(key=itemgetter(0), reverse=True)
    if len(set(map(itemgetter(0), scored))) < len(scored):
        scored.sort(key=lambda so: (-so[0], str(so[1].action)))


_MANY = (ActionKind.APPOINT, ActionKind.RECRUIT)  # up to three of these a turn
_AT_A_RIVAL = (ActionKind.ACCUSE, ActionKind.ALLY)  # not at a rival already attacked or courted


def pack_orders(
    scored: Sequence[tuple[float, Option]], budget: int, banned: frozenset[Action] = frozenset()
) -> list[Action]:
    """Fill ``budget`` action points greedily from options best first: at most three
    appointments or recruits and one of any other kind, one choice per card, one attack or
    offer per rival, nothing scored under 0.15 (a score of inf always goes in if it fits)."""
    chosen: list[Action] = []
    kinds: dict[ActionKind, int] = {}
    touched: set[str] = set()
    for score, option in scored:
        a = option.action
        kind = a.kind
        # the cheap tests first: comparing actions (``in banned``, ``in chosen``) costs more
        if kind is ActionKind.DECIDE:
            if a.target in touched or a in banned or a in chosen:
                continue
            touched.add(a.target or "")
        elif (
            score < 0.15 or option.cost > budget
            or kinds.get(kind, 0) >= (3 if kind in _MANY else 1)
            or (kind in _AT_A_RIVAL and a.target in touched)
            or a in banned or a in chosen
        ):
            continue
        chosen.append(a)
        budget -= option.cost
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind in (ActionKind.ACCUSE, ActionKind.ALLY, ActionKind.BREAK):
            touched.add(a.target or "")
    return chosen
