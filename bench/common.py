"""What the benchmarks share: finding a scenario and playing an all-AI game.

The games are those of :mod:`game.ai.autoplay`, the all-AI seats of the terminal game and the
tests: game N of a benchmark is the game ``politburo play --auto --seed N`` plays.
"""

from __future__ import annotations

import os
from pathlib import Path

from game import paths

# Before the engine is imported: the benchmarks time the compiled rules (compiling what the
# user cache folder lacks on first use), unless POLITBURO_JIT says otherwise.
os.environ.setdefault("POLITBURO_JIT", "1")
paths.use_kernel_cache()

from game.ai.autoplay import play_ai_game  # noqa: E402
from game.content.loader import find_scenario, load_scenario  # noqa: E402
from game.engine import Match, Scenario  # noqa: E402

__all__ = ["load", "play", "scenario_label"]


def load(name: str) -> Scenario:
    """A scenario from a shipped id (``succession_1924``) or a path to a YAML file."""
    return load_scenario(find_scenario(name))


def scenario_label(name: str) -> str:
    p = Path(name)
    return p.stem if p.suffix in (".yaml", ".yml") else name


def play(scenario: Scenario, seed: int, difficulty: str = "standard") -> Match:
    """A whole game with the AI in every seat."""
    return play_ai_game(scenario, seed, difficulty)
