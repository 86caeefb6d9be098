"""Real games stopped inside their turns, for the kernels of the meetings and the end of a turn.

:func:`turn_points` replays an all-AI game with the old engine and keeps, for every turn, the
state just before the meetings (with the organs convened that turn) and the state just before
the end of the turn. :func:`disagreements` runs an old rule and its kernel on the same state
and lists where they differ: the state, the generator and the events (:func:`same_events`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

import oracle
from game.engine import Action, ActionKind, GameState, Match, alliances, events, meetings, turn
from game.engine.context import Context
from game.engine.narrate import narrate
from game.engine.narrate_meetings import SENTENCES
from game.engine.record import GameEvent
from game.engine.scenario import Scenario
from game.rules import log as L
from helpers import cached_ai_game, match_states


@dataclass(frozen=True)
class Point:
    """One turn of a real game, stopped twice."""

    before_meetings: GameState  # after the cards' decisions, the actions and the offers
    convened: frozenset[str]  # the organs convened by an action this turn
    before_end: GameState  # after the meetings, before the end of the turn


def turn_points(match: Match) -> list[Point]:
    """Every turn of ``match``, replayed as :func:`game.engine.turn.resolve` plays it."""
    points = []
    index = {c.id: i for i, c in enumerate(match.scenario.contenders)}
    for state, turn_orders in zip(match_states(match), match.orders, strict=False):
        s = state.copy()
        ctx = Context(s)
        orders = {index[c]: [Action.parse(a) for a in acts] for c, acts in turn_orders.items()}
        picks = {c: {a.target or "": a.option or "" for a in acts if a.kind is ActionKind.DECIDE}
                 for c, acts in orders.items()}
        events.resolve_decisions(ctx, picks)
        turn._act(ctx, orders)
        alliances.settle_offers(ctx)
        before = s.copy()
        meetings.hold(ctx)
        points.append(Point(before, frozenset(ctx.convened), s.copy()))
    return points


@functools.cache
def points(name: str, seed: int) -> tuple[Point, ...]:
    """:func:`turn_points` of the all-AI game of scenario ``name`` and ``seed``, once a session."""
    return tuple(turn_points(cached_ai_game(name, seed)))


OldRule = Callable[[Context], None]
Kernel = Callable[..., None]  # (state, tables, work, log, generator)


def disagreements(state: GameState, old_rule: OldRule, kernel: Kernel,
                  convened: frozenset[str] = frozenset()) -> list[str]:
    """Run the old engine's rule on ``state`` (in a fresh :class:`Context`, with ``convened``)
    and the kernel on its arrays, each with a copy of the same generator; where the results
    differ: the states (:func:`oracle.differences`), the generators, the events."""
    old = state.copy()
    ctx = Context(old)
    ctx.convened = set(convened)
    old_rule(ctx)
    new, rng = oracle.arrays(state), state.copy().rng
    w, log = oracle.work(state), oracle.log(state)
    w.convened[:] = ["central_committee" in convened, "congress" in convened]
    kernel(new, oracle.tables(state), w, log, rng)
    out = oracle.differences(oracle.arrays(old), new)
    if not same_generator(rng, old.rng):
        out.append("the generators stand at different draws")
    return out + same_events(ctx.events, log, state.scenario)


def same_generator(a: np.random.Generator, b: np.random.Generator) -> bool:
    """Whether two generators stand at the same point of the same stream."""
    return a.bit_generator.state == b.bit_generator.state


def same_events(old: list[GameEvent], log: L.Log, sc: Scenario) -> list[str]:
    """Where the log, narrated (with the meetings' words), differs from the old engine's events:
    each event that differs in anything (kind, sentence, actors, factor, ref, tally, data)."""
    new = narrate(sc, log, SENTENCES)
    out = [f"event {i}: {a} != {b}" for i, (a, b) in enumerate(zip(new, old, strict=False))
           if a != b]
    if len(new) != len(old):
        out.append(f"{len(new)} events for {len(old)}: {[e.text for e in old]}")
    return out
