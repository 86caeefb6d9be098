"""The AI's kernels (game.ai.kernels) and the compiled game loop (game.ai.loop): what the AI
reads, how it breaks ties and fills its action points, and that the loop plays exactly the game
the engine's interface plays. The parity with the interpreted kernels is tests/ai/test_parity.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import pytest

from game.ai import kernels as K
from game.ai.autoplay import seat_orders, tallied_game
from game.ai.kernels import NOISE
from game.ai.tables import AITables, ai_tables
from game.engine import (
    ActionKind,
    GameState,
    cards_fired,
    legal_actions,
    legal_rows,
    milestones,
)
from game.engine.actions import CONVENABLE, DIRECTIONS, FORUMS
from game.rules import layout as lay
from game.rules.jit import COMPILED
from helpers import cached_ai_game, load, match_states, scenario_params


class Decision(NamedTuple):
    """One contender's decision in one state of a real game."""

    state: GameState
    cid: str
    me: int
    rows: np.ndarray
    odds: np.ndarray
    ai: AITables


def decisions(name: str, seeds: tuple[int, ...] = (0, 1)) -> Iterator[Decision]:
    sc = load(name)
    for seed in seeds:
        for state in match_states(cached_ai_game(name, seed)):
            for me, c in enumerate(sc.contenders):
                rows, odds = legal_rows(state, c.id)
                if len(rows):
                    yield Decision(state, c.id, me, rows, odds, ai_tables(sc))


def choose(d: Decision, s: lay.State, noise: float) -> list[int]:
    return K.choose_orders(s, d.state.tables, d.ai, d.me, d.rows, d.odds, noise).tolist()


def test_the_menu_rows_are_the_legal_actions():
    for d in decisions("succession_1924", (0,)):
        options = legal_actions(d.state, d.cid)
        assert [(o.cost, o.odds) for o in options] == [
            (int(c), None if np.isnan(p) else float(p)) for c, p in zip(d.rows[:, 3], d.odds,
                                                                       strict=True)]
        assert [lay.KIND_IDS[k] for k in d.rows[:, 0]] == [o.action.kind.value for o in options]


def test_the_kernels_read_nothing_secret():
    """Rivals' dossiers, their luck of judgement and the offers between others change nothing
    the AI chooses; its own luck does."""
    rng = np.random.default_rng(5)
    changed = 0
    for d in decisions("succession_1924"):
        s = lay.copy_state(d.state.arrays)
        others = np.arange(s.dossiers.shape[0]) != d.me
        s.dossiers[others] = rng.integers(0, 5, s.dossiers[others].shape)
        s.judgement[others] = rng.normal(0.0, 1.0, s.judgement[others].shape)
        between = np.outer(others, others)
        s.offers[between] = rng.random(int(between.sum())) < 0.5
        for noise in NOISE.values():
            assert choose(d, d.state.arrays, noise) == choose(d, s, noise)
        s.judgement[d.me] = rng.normal(0.0, 1.0, s.judgement.shape[1])
        changed += choose(d, d.state.arrays, 0.9) != choose(d, s, 0.9)
    assert changed > 10


def test_seat_orders_are_the_kernel_s_choice_and_draw_nothing():
    for d in decisions("two_rivals", (0,)):
        before = d.state.rng.bit_generator.state
        chosen = choose(d, d.state.arrays, NOISE["standard"])
        options = legal_actions(d.state, d.cid)
        assert seat_orders(d.state, d.cid) == [options[i].action for i in chosen]
        assert d.state.rng.bit_generator.state == before


@pytest.mark.parametrize("name", ["succession_1924", "two_rivals"])
def test_equal_scores_go_in_the_order_of_the_actions_text(name):
    for d in decisions(name, (0,)):
        everything = np.arange(len(d.rows))
        order = K.best_first(d.ai, d.rows, everything, np.zeros(len(d.rows)))
        options = legal_actions(d.state, d.cid)
        assert [str(options[i].action) for i in order] == sorted(str(o.action) for o in options)


def test_packing_keeps_the_limits_of_a_turn():
    """At most three appointments or recruits and one of any other kind, one choice per card,
    one attack or offer per rival, within the action points; a banned option never, a forced
    one (score inf) first."""
    for d in decisions("succession_1924", (1,)):
        ranked, scores = K.ranked(d.state.arrays, d.state.tables, d.ai, d.me, d.rows, d.odds)
        budget = int(d.state.arrays.action_points[d.me])
        banned = np.zeros(len(d.rows), np.bool_)
        for j in range(0, len(ranked), 3):
            banned[ranked[j]] = True
        got = K.pack_orders(d.rows, ranked, scores, budget, banned)
        kinds = d.rows[got, 0].tolist()
        assert not banned[got].any()
        assert int(d.rows[got, 3].sum()) <= budget
        for k in set(kinds):
            many = k in (lay.A_APPOINT, lay.A_RECRUIT)
            if k != lay.A_DECIDE:
                assert kinds.count(k) <= (3 if many else 1)
        cards = [int(d.rows[i, 1]) for i in got if d.rows[i, 0] == lay.A_DECIDE]
        assert len(cards) == len(set(cards))
        if len(ranked) > 1:
            last = ranked[-1]
            head = np.concatenate(([last], ranked[:-1]))
            first = np.concatenate(([np.inf], scores[:-1]))
            forced = K.pack_orders(d.rows, head, first, budget, np.zeros_like(banned))
            assert d.rows[last, 3] > budget or forced[0] == last


def test_ai_tables_read_each_contender_s_character():
    sc = load("succession_1924")
    ai = ai_tables(sc)
    for c, contender in enumerate(sc.contenders):
        profile = contender.ai
        for k, kind in enumerate(lay.KIND_IDS):
            assert ai.weights[c, k] == profile.weights.get(kind, 1.0)
        assert (ai.aggression[c], ai.caution[c]) == (profile.aggression, profile.caution)
    assert any(ai.weights[c, k] != 1.0 for c in range(len(sc.contenders)) for k in range(22))
    # the targets' words, indexed as the kernels index them (docs/core.md)
    assert (DIRECTIONS[lay.LEFT], DIRECTIONS[lay.RIGHT]) == ("left", "right")
    assert (CONVENABLE[lay.CONVENE_PLENUM], CONVENABLE[lay.CONVENE_CONGRESS]) == (
        "plenum", "congress")
    assert (FORUMS[lay.FORUM_PARTY], FORUMS[lay.FORUM_COMINTERN]) == ("party", "comintern")
    assert [k.value for k in ActionKind] == list(lay.KIND_IDS)


@pytest.mark.parametrize("name", scenario_params())
@pytest.mark.parametrize("difficulty", ["standard", "easy"])
def test_the_compiled_loop_plays_the_engine_s_game(name, difficulty):
    """The lab's loop and the engine's interface, turn by turn, play the same game: the same
    final state, the same generator state, the same cards and milestones."""
    for seed in (0, 3):
        match = cached_ai_game(name, seed, difficulty)
        state, tally = tallied_game(load(name), seed, difficulty)
        assert state.fingerprint() == match.state.fingerprint()
        assert cards_fired(state) == cards_fired(match.state)
        assert milestones(state) == milestones(match.state)
        assert int(tally.turns[0]) == len(match.orders)
        chosen = {a.split()[0] for turn in match.orders for acts in turn.values() for a in acts}
        assert {k for k, on in zip(lay.KIND_IDS, tally.chosen, strict=True) if on} == chosen


def test_the_kernels_run_as_asked():
    """Compiled by numba unless ``POLITBURO_JIT=0`` (or numba cannot load), when they are the
    Python functions they are written as."""
    assert hasattr(K.choose_orders, "py_func") == COMPILED
