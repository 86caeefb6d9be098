"""AI opponents: they decide from a contender's view alone, so they cannot see rivals' secrets.

Each contender's character comes from the scenario (``ai`` weights per action kind,
aggression, caution): Stalin's AI likes appointments and dossiers, Trotsky's speeches and the
army. The standard AI scores every legal option by what it would gain in this position, weighs
it by character, and fills its action points greedily; the easy AI judges with much more noise.
"""

from __future__ import annotations

from .autoplay import ai_orders, ai_seed, play_ai_game, seat_orders
from .heuristic import choose_orders

__all__ = [
    "DIFFICULTIES", "ai_orders", "ai_seed", "choose_orders", "play_ai_game", "seat_orders",
]

DIFFICULTIES = ("easy", "standard")
