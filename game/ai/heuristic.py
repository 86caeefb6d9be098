"""The heuristic AI: score each option from the view, then fill the action points greedily."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from game.engine import Action, ActionKind, Option, View

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


def _target(view: View, option: Option) -> int:
    ids = {c.id: c.index for c in view.contenders}
    return ids.get(option.action.target or "", -1)


def _region(view: View, option: Option):
    return next(r for r in view.regions if r.id == option.action.target)


def value(view: View, option: Option, ranking: list[int]) -> float:
    """What taking ``option`` is worth to the contender, before character weights."""
    me = view.mine
    a = option.action
    kind = a.kind
    total_members = sum(r.members for r in view.regions)
    main_rival = ranking[0] if ranking else -1
    profile = view.personality
    if kind is ActionKind.DECIDE:
        card = next(c for c in view.cards if c.event == a.target)
        idx = [cid for cid, _ in card.choices].index(a.option)
        return 5.0 + card.appeal[idx]
    if kind is ActionKind.APPOINT:
        r = _region(view, option)
        weight = r.members / total_members * len(view.regions)
        rival_patron = 0.5 if r.patron >= 0 and r.patron != view.me else 0.0
        return 1.2 * weight * (1.0 - r.loyalty[view.me] + rival_patron)
    if kind is ActionKind.RECRUIT:
        r = _region(view, option)
        weight = r.members / total_members * len(view.regions)
        return 1.5 * weight if r.patron == view.me else 0.1
    if kind is ActionKind.DOSSIER:
        t = _target(view, option)
        return 0.9 if t == main_rival else 0.3 if t in ranking[:2] else 0.05
    if kind in (ActionKind.SPEECH, ActionKind.ARTICLE):
        fit = 1.0 - abs(me.line - view.mood_line) / 2
        return (1.0 - me.support) * fit * (1.3 if me.platform else 1.0)
    if kind is ActionKind.ARMY:
        return 0.9
    if kind is ActionKind.REST:
        return 2.0 if me.health < 45 else 0.0
    if kind is ActionKind.ALLY:
        t = _target(view, option)
        if t == main_rival or t in view.offers_from_me or not view.contenders[t].can_act:
            return 0.0
        closeness = max(0.0, 1.0 - abs(view.contenders[t].line - me.line)) ** 2
        # an ally is worth most against a common danger, and to the weak
        useful = 0.6 if main_rival not in view.contenders[t].allies else 0.1
        return (useful + 0.4 * (1.0 - me.support)) * closeness + 0.4 * view.trust[t]
    if kind is ActionKind.ACCEPT:
        t = _target(view, option)
        closeness = max(0.0, 1.0 - abs(view.contenders[t].line - me.line))
        return 0.0 if t == main_rival else (1.0 + view.trust[t]) * (0.3 + closeness)
    if kind is ActionKind.BREAK:
        # break with an ally who has grown much stronger and whose line has moved away
        t = _target(view, option)
        ally = view.contenders[t]
        apart = abs(ally.line - me.line)
        if ally.support > 2 * me.support and apart > 0.6:
            return 1.4
        # once my own faction holds the Politburo, an ally sitting there is only a rival
        mine = sum(1 for s in view.politburo if s.faction == view.me) / max(len(view.politburo), 1)
        return 1.2 * profile.aggression if mine > 0.5 and ally.in_politburo else 0.0
    if kind is ActionKind.PLATFORM:
        fit = 1.0 - abs(me.line - view.mood_line) / 2
        return 0.8 * fit if me.support < 0.25 and not me.offices else 0.0
    if kind is ActionKind.RECANT:
        accused = any(m.target == view.me for m in view.motions)
        return 2.5 if not me.in_party else 1.2 if accused and not me.in_politburo else 0.0
    if kind is ActionKind.ACCUSE:
        t = _target(view, option)
        p = option.odds or 0.0
        importance = 1.5 if t == main_rival else 0.7 if view.contenders[t].can_act else 0.4
        threshold = 0.35 * profile.caution
        return 0.0 if p < threshold else 2.2 * p * importance * profile.aggression
    if kind is ActionKind.RESOLUTION:
        toward = -1 if a.target == "left" else 1
        wants = (me.line - view.party_line) * toward > 0.25
        return 0.8 * (option.odds or 0.0) if wants else 0.0
    if kind is ActionKind.SHIFT:
        toward = -1 if a.target == "left" else 1
        gap = view.mood_line - me.line
        return 1.0 if gap * toward > 0.45 else 0.0
    if kind is ActionKind.RESIGN:
        p = option.odds if option.odds is not None else 1.0
        return 0.6 if p < 0.1 and me.prestige < 45 else 0.0
    if kind is ActionKind.CONVENE:
        mine = [m for m in view.motions if m.sponsor == view.me and m.organ != "politburo"]
        organ = "congress" if a.target == "congress" else "central_committee"
        return 1.6 if any(m.organ == organ for m in mine) else 0.0
    return 0.0


def choose_orders(
    view: View, options: Sequence[Option], *, difficulty: str = "standard", seed: int
) -> list[Action]:
    """Pick this turn's orders for ``view.me`` from the legal ``options``."""
    if difficulty not in NOISE:
        raise ValueError(f"unknown difficulty {difficulty!r}; choose from {sorted(NOISE)}")
    rng = np.random.default_rng(seed)
    ranking = rivals(view)
    weights = view.personality.weights
    scored = []
    for option in options:
        base = value(view, option, ranking)
        if base <= 0:
            continue
        w = weights.get(option.action.kind.value, 1.0)
        score = base * w * float(np.exp(rng.normal(0.0, NOISE[difficulty])))
        if score > 0:
            scored.append((score, option))
    scored.sort(key=lambda so: (-so[0], str(so[1].action)))
    budget = view.mine.action_points
    chosen: list[Action] = []
    kinds: dict[ActionKind, int] = {}
    touched: set[str] = set()
    for score, option in scored:
        a = option.action
        limit = 3 if a.kind in (ActionKind.APPOINT, ActionKind.RECRUIT) else 1
        if a.kind is ActionKind.DECIDE:
            if a.target in touched:
                continue
            touched.add(a.target or "")
        elif kinds.get(a.kind, 0) >= limit or option.cost > budget or score < 0.15:
            continue
        if a.kind in (ActionKind.ACCUSE, ActionKind.ALLY) and a.target in touched:
            continue
        chosen.append(a)
        budget -= option.cost
        kinds[a.kind] = kinds.get(a.kind, 0) + 1
        if a.kind in (ActionKind.ACCUSE, ActionKind.ALLY, ActionKind.BREAK):
            touched.add(a.target or "")
    return chosen
