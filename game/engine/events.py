"""Event cards: which fire at the start of a turn, who decides them, and what they do."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from .context import Context
from .explain import titled
from .record import Kind
from .scenario import EventDef
from .state import Decision
from .votes import choose


def _eligible(ctx: Context, e: EventDef) -> bool:
    """Whether a card dated this turn (``index.cards``) fires: once only unless it repeats,
    if its condition holds, by its chance."""
    s = ctx.state
    if e.id in s.fired and not e.repeat:
        return False
    if e.condition is not None and not e.condition.holds(ctx):
        return False
    return e.chance >= 1.0 or s.rng.random() < e.chance


def deciders(ctx: Context, e: EventDef) -> tuple[int, ...]:
    if e.decider == "vote":
        return tuple(c for c in range(ctx.n_contenders) if ctx.can_act(c))
    c = ctx.resolve(e.decider or "")
    return (c,) if c >= 0 and ctx.can_act(c) else ()


def action_points(ctx: Context, c: int) -> int:
    """Base points, plus offices, plus a point for a gift for organisation; illness costs one."""
    rec = ctx.state.contenders[c]
    if not ctx.can_act(c):
        return 0
    if not ctx.in_organ(c, "party"):
        return 1
    offices = ctx.index.office
    points = ctx.state.rules.base_action_points
    points += sum(offices[o].action_points for o in ctx.offices_of(c))
    points += rec.organisation >= 70
    points -= rec.health < 40
    return max(int(points), 1)


def begin_turn(ctx: Context) -> None:
    """Start a turn: reset action points, then draw the cards that fire now."""
    s = ctx.state
    for c, rec in enumerate(s.contenders):
        rec.action_points = action_points(ctx, c)
    s.cards = []
    s.decisions = []
    for e in ctx.index.cards.get(s.turn, ()):
        if not _eligible(ctx, e):
            continue
        s.cards.append(e.id)
        ctx.report(Kind.CARD, e.title, ref=e.id)
        if e.choices and e.forced_choice is None:
            s.fired.setdefault(e.id, "")
            s.decisions.append(Decision(e.id, deciders(ctx, e)))
        elif e.choices:
            _take_forced_choice(ctx, e)
        else:
            s.fired[e.id] = ""
            with ctx.tagged(e.factor):
                for effect in e.effects:
                    effect.apply(ctx)


def _take_forced_choice(ctx: Context, e: EventDef) -> None:
    """A card whose choice is fixed (``forced_choice``): nobody is asked; its effects and the
    choice's apply at once, with the usual decider (if there is one) standing as `decider`."""
    s = ctx.state
    choice = next(ch for ch in e.choices if ch.id == e.forced_choice)
    s.fired[e.id] = choice.id
    who = deciders(ctx, e) if e.decider != "vote" else ()
    ctx.decider = who[0] if who else None
    with ctx.tagged(e.factor):
        for effect in (*e.effects, *choice.effects):
            effect.apply(ctx)
    ctx.decider = None
    ctx.report(Kind.DECISION, titled(e.title, choice.label), who, ref=e.id,
               data={"choice": choice.id})


def resolve_decisions(ctx: Context, picks: Mapping[int, Mapping[str, str]]) -> None:
    """Settle every card waiting for a choice. ``picks[c][event]`` is c's choice. With one
    decider, their pick (or the first choice) is taken; in a vote, each contender's Central
    Committee following weighs for the choice they back."""
    s = ctx.state
    for d in s.decisions:
        e = ctx.index.event[d.event]
        choice_ids = [ch.id for ch in e.choices]
        backers: dict[str, list[int]] = {cid: [] for cid in choice_ids}
        for c in d.deciders:
            pick = picks.get(c, {}).get(e.id)
            if pick in backers:
                backers[pick].append(c)
        ids = ctx.scenario.contenders
        data: dict[str, object] = {
            "backers": {cid: [ids[c].id for c in cs] for cid, cs in backers.items() if cs},
        }
        if e.decider == "vote":
            votes, blocs = card_vote(ctx, e, backers)
            winner = choice_ids[int(np.argmax(votes))]  # the first of equals
            data |= {"votes": dict(zip(choice_ids, votes, strict=True)), "blocs": blocs,
                     "labels": {ch.id: ch.label for ch in e.choices},
                     "organ": ctx.organ_name("central_committee")}
        else:
            chosen = [cid for cid in choice_ids if backers[cid]]
            winner = chosen[0] if chosen else choice_ids[0]
        s.fired[e.id] = winner
        ctx.decider = d.deciders[0] if len(d.deciders) == 1 else None
        with ctx.tagged(e.factor):
            for effect in e.effects:
                effect.apply(ctx)
            for ch in e.choices:
                if ch.id == winner:
                    for effect in ch.effects:
                        effect.apply(ctx)
                if backers[ch.id]:
                    ctx.choosers = tuple(backers[ch.id])
                    for effect in ch.chooser_effects:
                        effect.apply(ctx)
                    ctx.choosers = ()
        ctx.decider = None
        label = next(ch.label for ch in e.choices if ch.id == winner)
        ctx.report(Kind.DECISION, titled(e.title, label), d.deciders, ref=e.id,
                   data={"choice": winner, **data})
    s.decisions = []


def card_vote(ctx: Context, e: EventDef, backers: dict[str, list[int]]):
    """The Central Committee votes on a card's choices (:func:`votes.choose`): factions as
    their leaders back them, the rest leaning by each choice's ``party_appeal``."""
    backed = {c: i for i, cid in enumerate(backers) for c in backers[cid]}
    lean = np.array([ch.party_appeal for ch in e.choices])
    return choose(ctx, [ch.label for ch in e.choices], backed, lean)
