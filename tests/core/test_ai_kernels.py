"""The AI's kernels (game.ai.kernels) choose exactly what the old AI (game.ai.heuristic)
chose, on the states of real all-AI games of every scenario: the standard and easy AI's orders
for the same seed, the noiseless ranking the strong AI fills its variations from, and the
filling itself with options forced in or banned. The same checks run interpreted
(``POLITBURO_JIT=0``) in a subprocess.

Checked: every state of four all-AI games of each scenario (seeds 0-2 with the standard AI in
every seat, seed 0 with the easy AI), every contender who has options: 1,324 decisions, each at
both difficulties with three seeds (7,944 choices of orders)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pytest
from menus import option_arrays

from game.ai import kernels as K
from game.ai.autoplay import ai_seed
from game.ai.heuristic import NOISE, best_first, choose_orders, rivals, sight, value
from game.ai.lookahead import _fill
from game.ai.tables import AITables, ai_tables
from game.engine import ActionKind, GameState, Option, View, legal_actions, view
from game.engine.actions import CONVENABLE, DIRECTIONS, FORUMS
from game.engine.compile import compiled
from game.rules import layout as lay
from game.rules.jit import COMPILED
from helpers import ROOT, cached_ai_game, load, match_states, scenario_params
from oracle import arrays

# the all-AI games checked, of every scenario: (seed, difficulty of every seat)
GAMES = ((0, "standard"), (1, "standard"), (2, "standard"), (0, "easy"))


class Decision(NamedTuple):
    """One contender's decision in one state, as the old AI and the kernels each see it."""

    state: GameState
    view: View
    options: list[Option]
    s: lay.State
    t: lay.Tables
    ai: AITables
    me: int
    rows: np.ndarray
    odds: np.ndarray
    seed: int  # the AI's seed in the game played


def decisions(name: str) -> Iterator[Decision]:
    """Every decision of the checked games of a scenario."""
    sc = load(name)
    t, ai = compiled(sc).tables, ai_tables(sc)
    for game, difficulty in GAMES:
        for state in match_states(cached_ai_game(name, game, difficulty)):
            s = arrays(state)
            for me, c in enumerate(sc.contenders):
                options = legal_actions(state, c.id)
                if options:
                    rows, odds = option_arrays(sc, options)
                    yield Decision(state, view(state, c.id), options, s, t, ai, me, rows, odds,
                                   ai_seed(game, state.turn, me))


def actions(d: Decision, chosen: np.ndarray) -> list[str]:
    return [str(d.options[i].action) for i in chosen]


def old_ranking(d: Decision) -> list[tuple[float, Option]]:
    """The old AI's options worth anything by the position alone, best first (the strong AI's
    ranking, ``lookahead.candidates``)."""
    ranking = rivals(d.view)
    seen = sight(d.view, ranking)
    ranked = [(b, o) for o in d.options if (b := value(d.view, o, ranking, seen)) > 0]
    best_first(ranked)
    return ranked


@pytest.mark.parametrize("name", scenario_params())
def test_orders_are_the_old_ai_s(name):
    """Same orders for the same seed, and exactly one normal draw taken from the generator
    per option worth anything (in a game, the AI draws from the game's own generator)."""
    wrong, checked = [], 0
    for d in decisions(name):
        worth = len(old_ranking(d))
        for difficulty, noise in NOISE.items():
            for seed in (d.seed, 1, 2):
                old = choose_orders(d.view, d.options, difficulty=difficulty, seed=seed)
                rng = np.random.default_rng(seed)
                new = K.choose_orders(d.s, d.t, d.ai, d.me, d.rows, d.odds, noise, rng)
                drawn = np.random.default_rng(seed)
                drawn.normal(0.0, noise, worth)
                checked += 1
                if actions(d, new) != [str(a) for a in old]:
                    wrong.append((d.state.turn, d.me, difficulty, seed, old, actions(d, new)))
                elif rng.bit_generator.state != drawn.bit_generator.state:
                    wrong.append((d.state.turn, d.me, difficulty, seed, "draws differ"))
    assert checked > 50
    assert wrong == []


@pytest.mark.parametrize("name", scenario_params())
def test_greedy_ranking_is_the_old_one(name):
    """The strong AI's ranking by the position alone: no noise, no character weights; equal
    values in the order of the actions' text, as the old ``best_first``; the rivals by the
    danger they pose, as the old ``rivals``."""
    for d in decisions(name):
        assert K.sight(d.s, d.t, d.me).ranking.tolist() == rivals(d.view)
        old = old_ranking(d)
        rows, scores = K.ranked(d.s, d.t, d.ai, d.me, d.rows, d.odds)
        assert actions(d, rows) == [str(o.action) for _, o in old]
        np.testing.assert_allclose(scores, [b for b, _ in old], rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["succession_1924", "two_rivals"])
def test_filling_with_options_forced_or_banned(name):
    """``pack_orders`` as the strong AI uses it (``lookahead._fill``): an option forced in at
    the head of the ranking with an infinite score, or an action banned."""
    for d in decisions(name):
        old = old_ranking(d)
        rows, scores = K.ranked(d.s, d.t, d.ai, d.me, d.rows, d.odds)
        budget = d.s.action_points[d.me]
        for j, (_, option) in enumerate(old):
            i = rows[j]
            banned = np.zeros(len(d.options), np.bool_)
            banned[i] = True
            got = K.pack_orders(d.rows, rows, scores, budget, banned)
            assert actions(d, got) == [str(a) for a in _fill(d.view, old, banned={option.action})]
            head = np.concatenate(([i], rows[rows != i]))
            first = np.concatenate(([np.inf], scores[rows != i]))
            got = K.pack_orders(d.rows, head, first, budget, np.zeros_like(banned))
            assert actions(d, got) == [str(a) for a in _fill(d.view, old, forced=[option])]


@pytest.mark.parametrize("name", scenario_params())
def test_equal_scores_go_in_the_order_of_the_actions_text(name):
    for d in decisions(name):
        everything = np.arange(len(d.options))
        order = K.best_first(d.ai, d.rows, everything, np.zeros(len(d.options)))
        assert actions(d, order) == sorted(str(o.action) for o in d.options)


def test_the_kernels_read_nothing_secret():
    """Rivals' dossiers and the offers between others change nothing the AI chooses."""
    rng = np.random.default_rng(5)
    for d in decisions("succession_1924"):
        s = lay.copy_state(d.s)
        others = np.arange(s.dossiers.shape[0]) != d.me
        s.dossiers[others] = rng.integers(0, 5, s.dossiers[others].shape)
        between = np.outer(others, others)
        s.offers[between] = rng.random(int(between.sum())) < 0.5
        for noise in NOISE.values():
            a = K.choose_orders(d.s, d.t, d.ai, d.me, d.rows, d.odds, noise,
                                np.random.default_rng(d.seed))
            b = K.choose_orders(s, d.t, d.ai, d.me, d.rows, d.odds, noise,
                                np.random.default_rng(d.seed))
            assert a.tolist() == b.tolist()


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


def test_the_kernels_run_as_asked():
    """Compiled by numba unless ``POLITBURO_JIT=0`` (or numba cannot load), when they are the
    Python functions they are written as."""
    assert hasattr(K.choose_orders, "py_func") == COMPILED
    if os.environ.get("POLITBURO_JIT") == "0":
        assert not COMPILED


@pytest.mark.skipif(not COMPILED, reason="this run is the interpreted one")
def test_the_same_interpreted():
    """Every check above, with the kernels run as Python (``POLITBURO_JIT=0``)."""
    env = {**os.environ, "POLITBURO_JIT": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         str(Path(__file__)), "-k", "not interpreted"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
