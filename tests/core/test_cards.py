"""Cards, the first state of a game, the ending and the milestones as kernels, against the old
engine on the states of real games of every scenario."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import setup as old_setup
from game.engine import victory as old_victory
from game.engine.actions import ActionKind
from game.engine.compile import compiled
from game.engine.context import Context
from game.engine.events import begin_turn as old_begin_turn
from game.engine.events import resolve_decisions as old_resolve
from game.engine.milestones import mark as old_mark
from game.engine.scenario import Factor
from game.rules import cards, ending, setup
from game.rules import log as L
from helpers import cached_ai_game, load, match_states, scenario_params
from oracle import arrays, differences, log, tables, work

LUCK = list(Factor).index(Factor.LUCK)


def _kinds(lg, upto=None):
    return [int(k) for k in lg.event[: lg.counts[L.N_EVENTS], L.E_KIND]][:upto]


@pytest.mark.parametrize("name", scenario_params())
@pytest.mark.parametrize("seed", range(3))
def test_a_new_game_is_the_old_engines(name, seed):
    scenario = load(name)
    old, events = old_setup.new_game(scenario, seed)
    c = compiled(scenario)
    rng = np.random.default_rng(seed)
    lg = log(old)
    new = setup.new_game(c.start, c.tables, work(old), lg, rng)
    assert differences(arrays(old), new) == []
    assert rng.random() == old.rng.random()
    assert lg.counts[L.N_EVENTS] == len(events)


@pytest.mark.parametrize("name", scenario_params())
def test_the_cards_of_a_turn_are_drawn_as_before(name):
    for state in match_states(cached_ai_game(name, 0))[:-1]:
        old = state.copy()
        ctx = Context(old)
        old_begin_turn(ctx)
        new = arrays(state)
        rng = state.copy().rng
        lg = log(state)
        cards.begin_turn(new, tables(state), work(state, LUCK), lg, rng)
        assert differences(arrays(old), new) == []
        assert rng.random() == old.rng.random()
        assert lg.counts[L.N_EVENTS] == len(ctx.events)


@pytest.mark.parametrize("name", scenario_params())
def test_decisions_are_settled_as_before(name):
    match = cached_ai_game(name, 1)
    for state, orders in zip(match_states(match), match.orders, strict=False):
        if not state.decisions:
            continue
        events = [e.id for e in state.scenario.events]
        picks_old: dict[int, dict[str, str]] = {}
        picks = np.full((state.n, len(events)), -1, np.int64)
        for cid, acts in orders.items():
            c = state.scenario.contender_index(cid)
            for text in acts:
                kind, *rest = text.split()
                if kind == ActionKind.DECIDE:
                    event, choice = rest
                    picks_old.setdefault(c, {})[event] = choice
                    e = events.index(event)
                    picks[c, e] = [ch.id for ch in state.scenario.events[e].choices].index(choice)
        old = state.copy()
        ctx = Context(old)
        old_resolve(ctx, picks_old)
        new = arrays(state)
        rng = state.copy().rng
        lg = log(state)
        cards.resolve_decisions(new, tables(state), work(state, LUCK), lg, rng, picks)
        assert differences(arrays(old), new) == []
        assert rng.random() == old.rng.random()
        assert lg.counts[L.N_EVENTS] == len(ctx.events)


@pytest.mark.parametrize("name", scenario_params())
def test_outcomes_and_milestones_as_before(name):
    for seed in range(3):
        states = match_states(cached_ai_game(name, seed))
        for state in states[::4] + [states[-1]]:
            res = old_victory.result(state)
            new = arrays(state)
            outcomes, winner = ending.result(new, tables(state), work(state))
            ids = [o.id for o in state.scenario.outcomes]
            assert [ids[o] for o in outcomes] == [o.outcome for o in res.outcomes]
            assert state.scenario.contenders[winner].id == res.winner
            old = state.copy()
            old.milestones = {}
            old_mark(Context(old))
            new.milestones[:] = -1
            ending.mark_milestones(new, tables(state), work(state))
            assert differences(arrays(old), new) == []


@pytest.mark.parametrize("name", scenario_params())
def test_the_records_read_as_the_old_events(name):
    """New games' cards, decisions and the votes on cards, narrated, are the old events."""
    from game.engine.narrate import narrate

    scenario = load(name)
    for seed in range(3):
        old, events = old_setup.new_game(scenario, seed)
        c = compiled(scenario)
        lg = log(old)
        setup.new_game(c.start, c.tables, work(old, LUCK), lg, np.random.default_rng(seed))
        assert narrate(scenario, lg) == list(events)
    match = cached_ai_game(name, 1)
    for state, orders in zip(match_states(match), match.orders, strict=False):
        if not state.decisions:
            continue
        events = [e.id for e in state.scenario.events]
        picks_old: dict[int, dict[str, str]] = {}
        picks = np.full((state.n, len(events)), -1, np.int64)
        for cid, acts in orders.items():
            for text in acts:
                kind, *rest = text.split()
                if kind == ActionKind.DECIDE:
                    c, e = state.scenario.contender_index(cid), events.index(rest[0])
                    picks_old.setdefault(c, {})[rest[0]] = rest[1]
                    picks[c, e] = [ch.id for ch in state.scenario.events[e].choices].index(
                        rest[1])
        ctx = Context(state.copy())
        old_resolve(ctx, picks_old)
        lg = log(state)
        cards.resolve_decisions(arrays(state), tables(state), work(state, LUCK), lg,
                                state.copy().rng, picks)
        assert narrate(state.scenario, lg) == ctx.events
