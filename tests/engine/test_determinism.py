"""Same scenario, seed and actions: the same state, bit for bit, in any process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from game.engine import Match, apply_turn, new_game
from game.rules import layout as lay
from helpers import ROOT, TESTS_DIR, cached_ai_game, load, play_ai_game, scenario_params

SEED = 4

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from helpers import load, play_ai_game
match = play_ai_game(load({name!r}), {seed})
print(match.state.fingerprint())
"""


def fingerprint_in_fresh_process(name: str, seed: int, hash_seed: str) -> str:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(tests=str(TESTS_DIR), name=name, seed=seed)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("name", scenario_params())
def test_same_fingerprint_in_separate_processes(name):
    """Two fresh interpreters, with different string-hash seeds (so any dependence on the order
    of a set of strings shows), and this process all reach the same state."""
    first = fingerprint_in_fresh_process(name, SEED, "1")
    second = fingerprint_in_fresh_process(name, SEED, "2024")
    here = cached_ai_game(name, SEED).state.fingerprint()
    assert len(first) == 64
    assert first == second == here


@pytest.mark.parametrize("name", scenario_params())
def test_replay_reaches_the_same_state(name):
    match = cached_ai_game(name, SEED)
    again = Match.replay(load(name), SEED, match.orders)
    assert again.state.fingerprint() == match.state.fingerprint()
    assert again.orders == match.orders
    assert [e.to_dict() for e in again.events] == [e.to_dict() for e in match.events]


@pytest.mark.parametrize("name", scenario_params())
def test_replay_from_a_json_record(name):
    """A save holds the orders as JSON text; that record replays to the same state too."""
    match = cached_ai_game(name, SEED)
    record = json.loads(json.dumps({"seed": match.seed, "orders": match.orders}))
    again = Match.replay(load(name), record["seed"], record["orders"])
    assert again.state.fingerprint() == match.state.fingerprint()


@pytest.mark.parametrize("name", scenario_params())
def test_playing_twice_in_one_process_is_identical(name):
    a = cached_ai_game(name, SEED)
    b = play_ai_game(load(name), SEED)
    assert b.state.fingerprint() == a.state.fingerprint()
    assert b.orders == a.orders
    np.testing.assert_array_equal(b.state.arrays.ledger, a.state.arrays.ledger)


@pytest.mark.parametrize("name", scenario_params())
def test_the_suite_plays_the_games_the_product_plays(name):
    """tests/helpers.py plays its all-AI games independently of game.ai.autoplay (the terminal
    game's --auto seats, the lab, the benchmarks); both give the same game."""
    from game.ai.autoplay import play_ai_game as product_game

    mine = cached_ai_game(name, SEED)
    theirs = product_game(load(name), SEED)
    assert theirs.orders == mine.orders
    assert theirs.state.fingerprint() == mine.state.fingerprint()


@pytest.mark.parametrize("name", scenario_params())
def test_new_game_is_deterministic(name):
    scenario = load(name)
    (s1, e1), (s2, e2) = new_game(scenario, 99), new_game(scenario, 99)
    assert s1.fingerprint() == s2.fingerprint()
    assert [e.to_dict() for e in e1] == [e.to_dict() for e in e2]
    assert apply_turn(s1, {}).state.fingerprint() == apply_turn(s2, {}).state.fingerprint()


@pytest.mark.parametrize("name", scenario_params())
def test_different_seeds_usually_differ(name):
    matches = [cached_ai_game(name, seed) for seed in range(5)]
    prints = {m.state.fingerprint() for m in matches}
    assert len(prints) == len(matches)
    # Not only the generator's state: the play itself differs from seed to seed.
    loyalties = {m.state.arrays.loyalty.round(6).tobytes() for m in matches}
    assert len(loyalties) >= 3
    histories = {json.dumps(m.orders, sort_keys=True) for m in matches}
    assert len(histories) >= 3


def test_fingerprint_changes_with_the_state():
    state = Match.start(load("two_rivals"), 0).state
    base = state.fingerprint()
    marshal = [o.id for o in state.scenario.offices].index("marshal")
    for change in (
        lambda s: s.loyalty.__setitem__((0, 0), s.loyalty[0, 0] + 1e-12),
        lambda s: s.quality.__setitem__((0, lay.PRESTIGE), s.quality[0, lay.PRESTIGE] + 1),
        lambda s: s.dossiers.__setitem__((1, 0), 1),
        lambda s: s.holds.__setitem__(marshal, False),
        lambda s: s.offers.__setitem__((0, 1), True),
        lambda s: s.reals.__setitem__(lay.MOOD_LINE, 0.25),
    ):
        other = state.copy()
        change(other.arrays)
        assert other.fingerprint() != base
    other = state.copy()
    other.rng.random()
    assert other.fingerprint() != base
    assert state.fingerprint() == base
    # The scenario's named flags (two_rivals has none; the main scenario has several).
    main = Match.start(load("succession_1924"), 0).state
    other = main.copy()
    other.arrays.flags[0] += 1.0
    assert other.fingerprint() != main.fingerprint()


@pytest.mark.parametrize("field", ["LAST_CONGRESS", "CONGRESS_DELEGATES"])
def test_fingerprint_covers_every_field_that_decides_play(field):
    """These change at a Congress and decide future play (when a Congress may be convened, how
    many delegates vote); they once were left out of the fingerprint."""
    state = Match.start(load("two_rivals"), 0).state
    other = state.copy()
    other.arrays.ints[getattr(lay, field)] += 3
    assert other.fingerprint() != state.fingerprint()
