"""The factor ledger: every change of support is booked under a historians' factor, so a
contender's factors add up exactly to the support they gained or lost over the game; and every
change of office or status is tagged with a factor too."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import Factor, Kind, ledger
from helpers import cached_ai_game, load, match_states, scenario_params


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("name", scenario_params())
def test_factors_add_up_to_the_change_of_support(name, seed):
    books = ledger(cached_ai_game(name, seed, "standard").state)
    assert len(books.history) == load(name).calendar.turns + 1  # the start, then every turn
    change = np.subtract(books.history[-1], books.history[0])
    assert np.allclose(np.sum(books.by_factor, axis=1), change, atol=1e-9)
    assert np.allclose(books.now, books.history[-1], atol=1e-12)  # no cards after the end


@pytest.mark.parametrize("name", scenario_params())
def test_the_books_add_up_at_every_turn(name):
    """Mid-game the factors explain the move from the start to now, the cards that opened the
    turn included (the history's last row is before them)."""
    for state in match_states(cached_ai_game(name, 0, "standard")):
        books = ledger(state)
        assert len(books.history) == state.turn + 1
        change = np.subtract(books.now, books.start)
        assert np.allclose(np.sum(books.by_factor, axis=1), change, atol=1e-9), state.turn


@pytest.mark.parametrize("name", scenario_params())
def test_every_change_of_office_or_status_names_its_factor(name):
    events = cached_ai_game(name, 0, "standard").events
    changes = [e for e in events if e.kind in (Kind.OFFICE, Kind.STATUS)]
    assert changes
    assert all(e.factor in {f.value for f in Factor} for e in changes)
