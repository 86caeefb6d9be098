"""The factor ledger: every change of support is booked under a historians' factor, so a
contender's factors add up exactly to the support they gained or lost over the game; and every
change of office or status is tagged with a factor too."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import Factor, Kind
from helpers import cached_ai_game, scenario_params


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("name", scenario_params())
def test_factors_add_up_to_the_change_of_support(name, seed):
    state = cached_ai_game(name, seed, "standard").state
    n = state.n
    change = state.support_history[-1][:n] - state.support_history[0][:n]
    assert np.allclose(state.ledger.sum(axis=1), change, atol=1e-9)


@pytest.mark.parametrize("name", scenario_params())
def test_every_change_of_office_or_status_names_its_factor(name):
    events = cached_ai_game(name, 0, "standard").events
    changes = [e for e in events if e.kind in (Kind.OFFICE, Kind.STATUS)]
    assert changes
    assert all(e.factor in {f.value for f in Factor} for e in changes)
