"""The strong AI (game.ai.lookahead): legal, deterministic, blind to rivals' secrets, within its
node budget. A few decisions each, never whole tournaments (bench/strong_ai.py measures
strength)."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from game.ai import SEAT_DIFFICULTIES, ai_orders, seat_orders
from game.ai.lookahead import BUDGET, Budget, Search, _Menu, candidates, strong_orders
from game.engine import GameState, Match, apply_turn, guess_state, legal_actions, view
from helpers import load

MAIN = "succession_1924"


@functools.cache
def states(name: str, seed: int, turns: int) -> tuple[GameState, ...]:
    """The states of an all-standard game, turn 0 up to ``turns``."""
    match = Match.start(load(name), seed)
    out = [match.state]
    while len(out) <= turns and not match.state.finished:
        match.play(ai_orders(match.state))
        out.append(match.state)
    return tuple(out)


def with_secrets(state: GameState, me: int) -> GameState:
    """``state`` with different rivals' secrets: their dossiers, their luck of judgement,
    offers between other contenders, and the luck to come."""
    other = state.copy()
    s = other.arrays
    rivals = [c for c in range(other.n) if c != me]
    for r in rivals:
        s.dossiers[r] = [3 if t != r else 0 for t in range(other.n)]
        s.judgement[r] = -s.judgement[r]
    a, b = rivals[:2]
    s.offers[a, b] = s.offers[b, a] = True
    other.rng = np.random.default_rng(12345)
    return other


def test_strong_is_a_seat_difficulty():
    assert "strong" in SEAT_DIFFICULTIES


@pytest.mark.parametrize("turn", [0, 6, 13])
@pytest.mark.parametrize("cid", ["stalin", "trotsky"])
def test_orders_are_legal(cid, turn):
    state = states(MAIN, 3, 13)[turn]
    search = Search()
    orders = strong_orders(state, cid, search=search)
    legal = {o.action for o in legal_actions(state, cid)}
    assert set(orders) <= legal
    assert len(orders) == len(set(orders))
    apply_turn(state, {cid: orders})  # raises IllegalAction if the set is not legal together
    assert search.candidates >= 1 if legal else orders == []


def test_every_candidate_is_a_legal_set_of_orders():
    state = states(MAIN, 5, 8)[8]
    for cid in ("zinoviev", "bukharin"):
        menu = _Menu(state, cid)
        cands = candidates(menu, 12, np.random.default_rng(7))
        assert len(cands) > 1 and len({frozenset(c) for c in cands}) == len(cands)
        for rows in cands:
            apply_turn(state, {cid: [menu.actions[i] for i in rows]})


def test_the_first_candidate_is_the_standard_choice():
    state = states(MAIN, 2, 4)[4]
    menu = _Menu(state, "kamenev")
    standard = seat_orders(state, "kamenev")
    assert [menu.actions[i] for i in candidates(menu, 6, np.random.default_rng(41))[0]] == (
        standard)
    # with no room to look ahead, the strong AI plays the standard choice
    assert strong_orders(state, "kamenev", Budget(nodes=1)) == standard


def test_deterministic_for_a_game():
    state = states(MAIN, 1, 7)[7]
    first, again = Search(), Search()
    orders = strong_orders(state, "zinoviev", search=first)
    assert strong_orders(state, "zinoviev", search=again) == orders
    assert first.scores == again.scores
    assert seat_orders(state, "zinoviev", "strong") == orders


def test_unknown_difficulties_are_refused():
    state = states(MAIN, 1, 2)[2]
    with pytest.raises(ValueError, match="unknown difficulty"):
        seat_orders(state, "bukharin", "brutal")


@pytest.mark.parametrize("cid", ["stalin", "kamenev"])
def test_rivals_secrets_do_not_change_the_decision(cid):
    state = states(MAIN, 4, 12)[12]
    me = state.scenario.contender_index(cid)
    other = with_secrets(state, me)
    assert other.fingerprint() != state.fingerprint()
    a, b = Search(), Search()
    assert strong_orders(state, cid, search=a) == strong_orders(other, cid, search=b)
    assert a.scores == b.scores  # not only the same choice: the same judgement of every option


def test_guess_state_hides_rivals_secrets_and_keeps_mine():
    state = states(MAIN, 4, 12)[12]
    me = state.scenario.contender_index("stalin")
    before = state.fingerprint()
    other = with_secrets(state, me)
    g1, g2 = guess_state(state, "stalin", 8), guess_state(other, "stalin", 8)
    assert state.fingerprint() == before  # untouched
    assert g1.fingerprint() == g2.fingerprint()  # the secrets made no difference
    assert guess_state(state, "stalin", 8).fingerprint() == g1.fingerprint()
    assert (g1.arrays.dossiers[me] == state.arrays.dossiers[me]).all()
    assert (g1.arrays.judgement[me] == state.arrays.judgement[me]).all()
    others = np.arange(state.n) != me
    assert not g1.arrays.offers[np.ix_(others, others)].any()
    assert (g1.arrays.offers[me] == state.arrays.offers[me]).all()
    assert (g1.arrays.offers[:, me] == state.arrays.offers[:, me]).all()
    assert g1.rng.bit_generator.state != state.rng.bit_generator.state
    assert view(g1, "stalin") == view(state, "stalin")  # what Stalin sees is kept as it is


@pytest.mark.parametrize("nodes", [1, 3, 5, 12, 20])
def test_node_budget_is_respected(nodes):
    state = states(MAIN, 6, 9)[9]
    for cid in ("stalin", "trotsky"):
        budget = Budget(nodes=nodes)
        search = Search()
        strong_orders(state, cid, budget, search)
        assert search.nodes <= nodes
        assert search.candidates <= budget.candidates


def test_default_budget_uses_its_nodes():
    state = states(MAIN, 6, 9)[9]
    search = Search()
    strong_orders(state, "stalin", search=search)
    assert 0 < search.nodes <= BUDGET.nodes
    assert search.candidates > 1


def test_strong_plays_a_small_scenario_to_the_end():
    scenario = load("two_rivals")
    match = Match.start(scenario, 3)
    ids = [c.id for c in scenario.contenders]
    while not match.state.finished:
        orders = {c: seat_orders(match.state, c) for c in ids[1:]}
        orders[ids[0]] = seat_orders(match.state, ids[0], "strong")
        match.play(orders)
    assert match.state.turn == scenario.calendar.turns
