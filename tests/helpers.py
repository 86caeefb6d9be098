"""Shared helpers for the test suite: the scenarios under test, all-AI games, random legal play,
and scenario variants built from a base file.

Only the engine's public interface (``game.engine``) and the AI's ``seat_orders`` are used to
play, as the UI, CLI and lab do.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from game.ai import play_ai_game
from game.content.loader import load_scenario
from game.engine import (
    Action,
    ActionKind,
    GameState,
    Match,
    Scenario,
    apply_turn,
    legal_actions,
)

TESTS_DIR = Path(__file__).resolve().parent
ROOT = TESTS_DIR.parent
SCENARIO_DIR = ROOT / "scenarios"
TWO_RIVALS = TESTS_DIR / "data" / "two_rivals.yaml"
MAIN = SCENARIO_DIR / "succession_1924.yaml"

# The source documents cover 1924-1929 only. A shipped scenario of another era takes its facts
# from general historical knowledge: each of its cards cites one of the standard histories its
# header names, by author and title, and carries no `source_key` (there is no fingerprinted
# document to hold it).
GENERAL_HISTORIES: dict[str, frozenset[str]] = {
    "succession_1953": frozenset({
        'William Taubman, "Khrushchev: The Man and His Era" (2003)',
        'Robert Service, "A History of Modern Russia" (third edition, 2009)',
        'Geoffrey Hosking, "A History of the Soviet Union" (1992)',
        'Amy Knight, "Beria: Stalin\'s First Lieutenant" (1993)',
    }),
}


def scenario_paths() -> dict[str, Path]:
    """The scenarios every engine test runs on: the tiny fictional one, the main one (whether or
    not it has been written yet) and any other scenario shipped in ``scenarios/``."""
    paths = {"two_rivals": TWO_RIVALS, "succession_1924": MAIN}
    for p in sorted(SCENARIO_DIR.glob("*.yaml")):
        paths.setdefault(p.stem, p)
    return paths


def scenario_params(names: list[str] | None = None) -> list[Any]:
    """``pytest.param`` per scenario, skipped with a reason when its file does not exist yet."""
    out = []
    for name, path in scenario_paths().items():
        if names is not None and name not in names:
            continue
        marks = []
        if not path.exists():
            marks.append(
                pytest.mark.skip(reason=f"{path.relative_to(ROOT)} has not been written yet")
            )
        out.append(pytest.param(name, id=name, marks=marks))
    return out


@functools.cache
def load(name: str) -> Scenario:
    """A scenario under test, loaded once per session (a Scenario is immutable)."""
    return load_scenario(scenario_paths()[name])


# ----- all-AI games -------------------------------------------------------------------------


@functools.cache
def cached_ai_game(name: str, seed: int, difficulty: str = "standard") -> Match:
    """``play_ai_game`` on a scenario under test, played once per session. Do not change it."""
    return play_ai_game(load(name), seed, difficulty)


def match_states(match: Match) -> list[GameState]:
    """Every state of a finished match, from the first turn to the end, by replaying it."""
    state = Match.start(match.scenario, match.seed).state
    states = [state]
    for turn_orders in match.orders:
        orders = {c: [Action.parse(a) for a in acts] for c, acts in turn_orders.items()}
        state = apply_turn(state, orders).state
        states.append(state)
    return states


# ----- random legal play ----------------------------------------------------------------------


def random_orders(
    state: GameState, rng: np.random.Generator, keep: float = 0.6
) -> dict[str, list[Action]]:
    """For each contender, a random affordable subset of its legal actions, with at most one
    choice per event card. Some contenders are left out of the orders altogether."""
    orders: dict[str, list[Action]] = {}
    for c in state.scenario.contenders:
        if rng.random() < 0.1:
            continue  # a missing contender gives no orders
        options = legal_actions(state, c.id)
        budget = int(state.arrays.action_points[state.scenario.contender_index(c.id)])
        chosen: list[Action] = []
        decided: set[str | None] = set()
        for i in rng.permutation(len(options)):
            o = options[int(i)]
            if rng.random() > keep or o.cost > budget:
                continue
            if o.action.kind is ActionKind.DECIDE:
                if o.action.target in decided:
                    continue
                decided.add(o.action.target)
            chosen.append(o.action)
            budget -= o.cost
        orders[c.id] = chosen
    return orders


def random_game(scenario: Scenario, seed: int, play_seed: int) -> Iterator[tuple[GameState, Any]]:
    """Random legal play: yields (state before, TurnResult) for every turn until the end."""
    rng = np.random.default_rng(play_seed)
    state = Match.start(scenario, seed).state
    while not state.finished:
        result = apply_turn(state, random_orders(state, rng))
        yield state, result
        state = result.state


def advance(state: GameState, turns: int) -> GameState:
    """The state after ``turns`` turns in which nobody orders anything."""
    for _ in range(turns):
        state = apply_turn(state, {}).state
    return state


# ----- scenario variants ------------------------------------------------------------------------


@functools.cache
def _raw(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def variant(change: Callable[[dict[str, Any]], None], path: Path = TWO_RIVALS) -> Scenario:
    """A scenario built from ``path`` after ``change`` edits its data (a deep copy) in place."""
    data = copy.deepcopy(_raw(path))
    change(data)
    return Scenario.model_validate(data)


def three_rivals() -> Scenario:
    """The two-rivals scenario with a third contender, for cases that need a bystander."""

    def add(data: dict[str, Any]) -> None:
        data["contenders"].append(
            {
                "id": "nina", "name": "Nina Kovac", "short": "Kovac", "bio": "A bystander.",
                "qualities": {"prestige": 55, "oratory": 50, "organisation": 50, "health": 70,
                              "threat": 20},
                "line": 0.3, "status": "council",
            }
        )
        data["organs"]["politburo"]["seats"] = 4

    return variant(add)


def autosaves(home: Path) -> list[Path]:
    """The autosaves in a data folder, one per game, oldest first."""
    folder = home / "autosaves"
    files = list(folder.glob("*.json")) if folder.is_dir() else []
    return sorted(files, key=lambda p: p.stat().st_mtime)
