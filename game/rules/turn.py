"""One turn: decisions on the cards, actions in a fixed order of phases, meetings, the quiet
drift of loyalties, luck, and the end checks; then the next turn's cards are drawn."""

from __future__ import annotations

import numpy as np

from . import actions, alliances, cards, drift, ending, meetings, ops
from . import log as L
from .jit import kernel
from .layout import A_DECIDE, FINISHED, N_HISTORY, TURN, State, Tables
from .ops import Work


@kernel
def picks_of(s: State, orders: np.ndarray, n_orders: np.ndarray) -> np.ndarray:
    """Each contender's choice on each card, from their ``decide`` orders (-1: none)."""
    picks = np.full((s.status.shape[0], s.fired.shape[0]), -1, np.int64)
    for c in range(orders.shape[0]):
        for i in range(n_orders[c]):
            if orders[c, i, 0] == A_DECIDE:
                picks[c, orders[c, i, 1]] = orders[c, i, 2]
    return picks


@kernel
def resolve(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator,
            orders: np.ndarray, n_orders: np.ndarray) -> None:
    """Play one turn on ``s`` (changed in place: the engine works on a copy) with every
    contender's orders, already checked."""
    cards.resolve_decisions(s, t, w, log, rng, picks_of(s, orders, n_orders))
    actions.act(s, t, w, log, rng, orders, n_orders)
    alliances.settle_offers(s, w, log)
    meetings.hold(s, t, w, log, rng)
    drift.end_of_turn(s, t, w, log, rng)
    ending.mark_milestones(s, t, w)
    s.history[s.ints[N_HISTORY]] = ops.support(s)
    s.ints[N_HISTORY] += 1
    turn = s.ints[TURN]
    if turn + 1 >= t.turns[0]:
        s.ints[FINISHED] = 1
        outcomes, winner = ending.result(s, t, w)
        row = L.record(log, turn, L.K_END, L.C_END, True, L.NO_FACTOR, winner, -1, -1, -1)
        if row >= 0:
            log.event[row, L.E_I0] = outcomes[winner]
    s.ints[TURN] = turn + 1
    if not s.ints[FINISHED]:
        cards.begin_turn(s, t, w, log, rng)
