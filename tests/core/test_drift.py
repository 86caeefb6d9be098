"""The end of a turn as kernels (:mod:`game.rules.drift`) does what the old engine did, on every
turn of real all-AI games of every scenario: the same state to 1e-9, the same draws of chance,
the same events with the same sentences."""

from __future__ import annotations

import pytest
from turns import disagreements, points

from game.engine import alliances, factions, ideology, patronage, personal, turn
from game.rules import drift
from helpers import scenario_params

SEEDS = (0, 1)

# name: (the old engine's rule, the kernel with the arguments every kernel here may take)
PARTS = {
    "patronage": (patronage.drift, lambda s, t, w, log, rng: drift.patronage_drift(s, t, w)),
    "ideology": (ideology.drift, lambda s, t, w, log, rng: drift.ideology_drift(s, t, w)),
    "outcasts": (factions.decay_outcasts, lambda s, t, w, log, rng: drift.decay_outcasts(s, t, w)),
    "health": (personal.health_and_luck, drift.health_and_luck),
    "trust": (alliances.decay_trust, lambda s, t, w, log, rng: drift.decay_trust(s)),
    "end_of_turn": (turn._end_of_turn, drift.end_of_turn),
}


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("name", scenario_params())
def test_drift_as_the_old_engine(name: str, part: str) -> None:
    old_rule, kernel = PARTS[part]
    for seed in SEEDS:
        for p in points(name, seed):
            state = p.before_end
            assert disagreements(state, old_rule, kernel) == [], (seed, state.turn)

