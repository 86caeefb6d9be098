"""Seats played by the AI: the terminal game's, the window's, the tests' and the benchmarks'.

The easy and standard AI judge a seat's menu with the kernels of :mod:`game.ai.kernels`, from
what the seat may see; their noise is the seat's judgement this turn, which the rules draw from
the game's own generator as each turn begins. So the same seeded game plays out the same in any
process, played on or replayed from its orders, with or without the compiled game loop
(:mod:`game.ai.loop`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from game.engine import (
    Action,
    GameState,
    Match,
    Scenario,
    apply_turn,
    legal_actions,
    legal_rows,
    new_game,
    view,
)
from game.engine.compile import compiled
from game.rules import layout as lay
from game.rules.log import new_log

from . import kernels
from .historical import historical_orders
from .kernels import NOISE
from .loop import Tally, new_tally, note_departures, play_game
from .tables import ai_tables

DIFFICULTIES = tuple(NOISE)
"""Difficulties that judge from the position alone (the compiled game loop plays these)."""

SEAT_DIFFICULTIES = (*DIFFICULTIES, "strong", "historical")
"""Every difficulty a seat can be played at: ``strong`` looks ahead (:mod:`game.ai.lookahead`);
``historical`` plays the scenario's record of what each contender did (the model's backtest)."""


def judged_orders(state: GameState, cid: str, noise: float) -> list[Action]:
    """The orders the AI judges best for ``cid`` this turn, with luck of spread ``noise``."""
    table, odds = legal_rows(state, cid)
    if not len(table):
        return []
    me = state.scenario.contender_index(cid)
    chosen = kernels.choose_orders(state.arrays, state.tables, ai_tables(state.scenario), me,
                                   table, odds, noise)
    options = legal_actions(state, cid)
    return [options[i].action for i in chosen.tolist()]


def seat_orders(state: GameState, cid: str, difficulty: str = "standard") -> list[Action]:
    """The AI's orders for one seat this turn, at ``difficulty``."""
    if difficulty in NOISE:
        return judged_orders(state, cid, NOISE[difficulty])
    if difficulty == "strong":
        from .lookahead import strong_orders  # imported late: it is the heavy one

        return strong_orders(state, cid)
    if difficulty == "historical":
        options = legal_actions(state, cid)
        return historical_orders(view(state, cid), options, state) if options else []
    raise ValueError(f"unknown difficulty {difficulty!r}; choose from {list(SEAT_DIFFICULTIES)}")


def ai_orders(
    state: GameState,
    difficulty: str = "standard",
    seats: Iterable[str] | None = None,
    overrides: Mapping[str, str] | None = None,
) -> dict[str, list[Action]]:
    """The AI's orders for every listed seat (all seats by default), each at ``difficulty``
    unless ``overrides`` gives its seat another (contender id -> difficulty)."""
    ids = [c.id for c in state.scenario.contenders] if seats is None else list(seats)
    other = overrides or {}
    return {cid: seat_orders(state, cid, other.get(cid, difficulty)) for cid in ids}


def play_ai_game(
    scenario: Scenario,
    seed: int,
    difficulty: str = "standard",
    overrides: Mapping[str, str] | None = None,
) -> Match:
    """A whole game with the AI in every seat (at ``difficulty``, or as ``overrides`` says for
    a seat), through the engine's interface; the finished Match with its record."""
    match = Match.start(scenario, seed)
    while not match.state.finished:
        match.play(ai_orders(match.state, difficulty, overrides=overrides))
    return match


def tallied_game(
    scenario: Scenario,
    seed: int,
    difficulty: str = "standard",
    overrides: Mapping[str, str] | None = None,
) -> tuple[GameState, Tally]:
    """The game :func:`play_ai_game` plays, as ``politburo check`` and the lab read it: the
    final state and its :class:`~game.ai.loop.Tally`. When every seat judges (easy or
    standard) it is played start to finish in the compiled game loop; otherwise turn by turn
    through the engine's interface. Either way it is the same game."""
    other = overrides or {}
    seats = [other.get(c.id, difficulty) for c in scenario.contenders]
    tally = new_tally(len(seats))
    start = compiled(scenario).start
    if all(d in NOISE for d in seats):
        rng = np.random.default_rng(seed)
        log = new_log(len(seats), max([len(e.choices) for e in scenario.events] or [1]))
        noise = np.array([NOISE[d] for d in seats])
        final = play_game(start, compiled(scenario).tables, ai_tables(scenario), log, rng,
                          noise, tally)
        return GameState(scenario, seed, final, rng), tally
    state, _ = new_game(scenario, seed)
    note_departures(start, state.arrays, state.tables, 0, tally)
    limit = scenario.calendar.turns + 1
    while not state.finished:
        if tally.turns[0] >= limit:
            raise RuntimeError(f"the game did not end after {limit} turns")
        for c in scenario.contenders:
            tally.legal[legal_rows(state, c.id)[0][:, 0]] = True
        orders = ai_orders(state, difficulty, overrides=other)
        for actions in orders.values():
            for a in actions:
                tally.chosen[lay.KIND_IDS.index(a.kind.value)] = True
        state = apply_turn(state, orders).state
        tally.turns[0] += 1
        note_departures(start, state.arrays, state.tables, state.turn - 1, tally)
    return state, tally
