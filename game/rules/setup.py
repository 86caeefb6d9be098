"""The first state of a game: the scenario's starting position (compiled by the engine into a
template), its Politburo seated, its opening effects applied, and the first turn's cards."""

from __future__ import annotations

import numpy as np

from . import cards, ops, programs
from . import log as L
from .jit import kernel
from .layout import N_HISTORY, State, Tables, copy_state
from .ops import Work


@kernel
def new_game(template: State, t: Tables, w: Work, log: L.Log,
             rng: np.random.Generator) -> State:
    """A new game from the scenario's template: the Politburo filled; the opening effects
    applied to the starting position (after which the Central Committee and the Politburo are
    those of the changed party, and the factors' ledger starts from zero: the opening is where
    the game starts, not something it did); the support at the start noted; the first turn's
    cards drawn. Seating the first Politburo is the starting position, not news: only the
    cards are recorded."""
    s = copy_state(template)
    ops.fill_politburo(s, t, w, log)
    if t.opening[0] >= 0:
        programs.apply(s, t, w, log, t.opening[0])
        s.cc_share[:] = ops.support(s)
        ops.fill_politburo(s, t, w, log)
        s.ledger[:, :] = 0.0
    log.counts[:] = 0
    s.history[0] = ops.support(s)
    s.ints[N_HISTORY] = 1
    cards.begin_turn(s, t, w, log, rng)
    return s
