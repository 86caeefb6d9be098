"""Every scenario under test plays to the end with the AI in every seat, at both difficulties."""

from __future__ import annotations

import pytest

from game.ai import DIFFICULTIES, seat_orders
from game.engine import Kind, Match, legal_actions, outcome
from helpers import cached_ai_game, load, scenario_params

SEEDS = range(20)
EASY_SEEDS = range(5)


def check_finished(match: Match) -> None:
    scenario = match.scenario
    state = match.state
    assert state.finished
    assert state.turn == scenario.calendar.turns
    assert len(match.orders) == scenario.calendar.turns
    res = outcome(state)
    assert res is not None
    assert [o.contender for o in res.outcomes] == [c.id for c in scenario.contenders]
    outcome_ids = {o.id: o for o in scenario.outcomes}
    for o in res.outcomes:
        assert o.outcome in outcome_ids
        assert o.rank == outcome_ids[o.outcome].rank and o.name
    assert res.winner in {c.id for c in scenario.contenders}
    best = max(o.rank for o in res.outcomes)
    assert res.of(res.winner).rank == best  # the winner has the best outcome
    assert res.ranked()[0].contender == res.winner
    ends = [e for e in match.events if e.kind is Kind.END]
    # The end is reported once, in the last turn played, under no historians' factor.
    assert len(ends) == 1 and ends[0].turn == scenario.calendar.turns - 1
    assert ends[0].factor is None


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", scenario_params())
def test_all_ai_game_ends_with_an_outcome(name, seed):
    check_finished(cached_ai_game(name, seed, "standard"))


@pytest.mark.parametrize("seed", EASY_SEEDS)
@pytest.mark.parametrize("name", scenario_params())
def test_easy_ai_game_ends_with_an_outcome(name, seed):
    check_finished(cached_ai_game(name, seed, "easy"))


@pytest.mark.parametrize("name", scenario_params())
def test_the_ai_acts(name):
    """The AI does give orders, so the games above are not all-pass games."""
    match = cached_ai_game(name, 0)
    given = sum(len(acts) for turn in match.orders for acts in turn.values())
    assert given >= len(match.orders)


@pytest.mark.parametrize("name", scenario_params(["succession_1924"]))
def test_more_than_one_ending_is_reached(name):
    """Over twenty seeds the AI games of the main scenario do not all end alike (in the tiny
    scenario the secretary may well win every time)."""
    results = [outcome(cached_ai_game(name, seed).state) for seed in SEEDS]
    endings = {tuple(o.outcome for o in r.outcomes) for r in results}
    assert len(endings) >= 2


def test_difficulties():
    assert set(DIFFICULTIES) == {"easy", "standard"}
    state = Match.start(load("two_rivals"), 0).state
    options = legal_actions(state, "vera")
    for d in DIFFICULTIES:
        chosen = seat_orders(state, "vera", d)
        assert set(chosen) <= {o.action for o in options}
        assert chosen == seat_orders(state, "vera", d)
    with pytest.raises(ValueError, match="unknown difficulty"):
        seat_orders(state, "vera", "brutal")
