"""Seats played by the AI, with seeds fixed by the game's seed: the same seeded game plays out
the same in any process. Used by the terminal game, the tests and the benchmarks."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from game.engine import Action, GameState, Match, Scenario, legal_actions, view

from .heuristic import choose_orders


def ai_seed(seed: int, turn: int, seat: int) -> int:
    """The AI's seed for one seat and turn."""
    digest = hashlib.sha256(f"politburo-ai:{seed}:{turn}:{seat}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def seat_orders(
    state: GameState, cid: str, seed: int, difficulty: str = "standard"
) -> list[Action]:
    """The AI's orders for one seat this turn, decided from that seat's view alone."""
    options = legal_actions(state, cid)
    if not options:
        return []
    seat = state.scenario.contender_index(cid)
    return choose_orders(view(state, cid), options, difficulty=difficulty,
                         seed=ai_seed(seed, state.turn, seat), state=state)


def ai_orders(
    state: GameState,
    seed: int,
    difficulty: str = "standard",
    seats: Iterable[str] | None = None,
    overrides: Mapping[str, str] | None = None,
) -> dict[str, list[Action]]:
    """The AI's orders for every listed seat (all seats by default), each at ``difficulty``
    unless ``overrides`` gives its seat another (contender id -> difficulty)."""
    ids = [c.id for c in state.scenario.contenders] if seats is None else list(seats)
    other = overrides or {}
    return {cid: seat_orders(state, cid, seed, other.get(cid, difficulty)) for cid in ids}


def play_ai_game(
    scenario: Scenario,
    seed: int,
    difficulty: str = "standard",
    overrides: Mapping[str, str] | None = None,
) -> Match:
    """A whole game with the AI in every seat (at ``difficulty``, or as ``overrides`` says for
    a seat); the finished Match."""
    match = Match.start(scenario, seed)
    while not match.state.finished:
        match.play(ai_orders(match.state, seed, difficulty, overrides=overrides))
    return match
