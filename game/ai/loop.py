"""Games played by the AI alone, start to finish in one kernel: the lab's, ``politburo check``'s
and the strong AI's look-ahead's way to play many games fast.

Each turn every seat's menu is listed (:func:`game.rules.legality.options`), the AI judges it
(:func:`game.ai.kernels.choose_orders`, with the seat's own noise), and the turn is resolved
(:func:`game.rules.turn.resolve`): exactly what :func:`game.ai.autoplay.play_ai_game` does
through the engine's interface, so the same seed gives the same game either way (a test plays
both). Nothing is narrated: the log of each turn is cleared, and what a report needs is kept as
numbers (:class:`Tally`).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from game.rules import legality, setup, turn
from game.rules import log as L
from game.rules.jit import kernel
from game.rules.layout import (
    FINISHED,
    IN_PARTY,
    IN_POLITBURO,
    KINDS,
    LUCK,
    MOST_ORDERS,
    TURN,
    State,
    Tables,
)
from game.rules.ops import new_work

from .kernels import KIND, choose_orders
from .tables import AITables


class Tally(NamedTuple):
    """What a game showed besides its final state: the kinds of action anyone could order
    and anyone did order, the turns played, and when each contender first left the Politburo
    and the party (the lab's decisive events)."""

    legal: np.ndarray  # (KINDS,) bool
    chosen: np.ndarray  # (KINDS,) bool
    turns: np.ndarray  # (1,) int64
    left: np.ndarray  # (N, 2) int64: first turn out of [the Politburo, the party]; -1 never


LEFT_POLITBURO, LEFT_PARTY = 0, 1


def new_tally(n: int) -> Tally:
    return Tally(np.zeros(KINDS, np.bool_), np.zeros(KINDS, np.bool_), np.zeros(1, np.int64),
                 np.full((n, 2), -1, np.int64))


@kernel
def note_departures(start: State, s: State, t: Tables, turn: int, tally: Tally) -> None:
    """Note, for ``turn``, who is now outside an organ of the two they started in (in the
    scenario's starting position ``start``), if they had not left it before."""
    for c in range(s.status.shape[0]):
        for k in range(2):
            flag = IN_POLITBURO if k == LEFT_POLITBURO else IN_PARTY
            if (tally.left[c, k] < 0 and t.rung[start.status[c], flag]
                    and not t.rung[s.status[c], flag]):
                tally.left[c, k] = turn


@kernel
def judge(s: State, t: Tables, ai: AITables, noise: np.ndarray, skip: int,
          orders: np.ndarray, counts: np.ndarray, tally: Tally) -> None:
    """Every seat's orders this turn, as the AI judges them (seat ``c`` with ``noise[c]``),
    into ``orders`` and ``counts``; seat ``skip`` (-1: none) is left as it is."""
    rows = np.zeros((legality.MOST, 4), np.int64)
    odds = np.zeros(legality.MOST)
    for c in range(s.status.shape[0]):
        if c == skip:
            continue
        counts[c] = 0
        k = legality.options(s, t, c, rows, odds)
        if k == 0:
            continue
        for i in range(k):
            tally.legal[rows[i, KIND]] = True
        chosen = choose_orders(s, t, ai, c, rows[:k], odds[:k], noise[c])
        m = min(chosen.shape[0], MOST_ORDERS)
        for j in range(m):
            orders[c, j] = rows[chosen[j], :3]
            tally.chosen[rows[chosen[j], KIND]] = True
        counts[c] = m


@kernel
def play_turn(s: State, t: Tables, log: L.Log, rng: np.random.Generator,
              orders: np.ndarray, counts: np.ndarray, tally: Tally) -> None:
    """Resolve one turn of ``s`` (in place) with these orders; ``log`` is cleared first."""
    log.counts[:] = 0
    turn.resolve(s, t, new_work(s.status.shape[0], LUCK), log, rng, orders, counts)
    tally.turns[0] += 1


@kernel
def play_on(start: State, s: State, t: Tables, ai: AITables, log: L.Log,
            rng: np.random.Generator, noise: np.ndarray, until: int, tally: Tally) -> None:
    """Play ``s`` on (in place) with the AI in every seat, seat ``c`` judging with
    ``noise[c]``, until the game ends or turn ``until`` begins. ``log`` is reused (cleared
    each turn); departures are counted from the starting position ``start``."""
    n = s.status.shape[0]
    orders = np.zeros((n, MOST_ORDERS, 3), np.int64)
    counts = np.zeros(n, np.int64)
    while s.ints[FINISHED] == 0 and s.ints[TURN] < until:
        judge(s, t, ai, noise, -1, orders, counts, tally)
        play_turn(s, t, log, rng, orders, counts, tally)
        note_departures(start, s, t, s.ints[TURN] - 1, tally)


@kernel
def play_game(template: State, t: Tables, ai: AITables, log: L.Log,
              rng: np.random.Generator, noise: np.ndarray, tally: Tally) -> State:
    """A whole game from the scenario's starting position (``template``), as
    :func:`game.engine.new_game` starts it and the AI plays it; the final state."""
    s = setup.new_game(template, t, new_work(noise.shape[0], LUCK), log, rng)
    note_departures(template, s, t, 0, tally)
    play_on(template, s, t, ai, log, rng, noise, t.turns[0], tally)
    return s
