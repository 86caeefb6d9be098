"""AI opponents: they decide from a contender's view alone (the strong AI also from states in which
rivals' secrets are guessed afresh, :func:`game.engine.guess_state`), so they cannot see them.

Each contender's character comes from the scenario (``ai`` weights per action kind,
aggression, caution): Stalin's AI likes appointments and dossiers, Trotsky's speeches and the
army. The standard AI scores every legal option by what it would gain in this position, weighs
it by character, and fills its action points greedily; the easy AI judges with much more noise.
The strong AI (:mod:`game.ai.lookahead`) looks ahead: it plays the standard AI's choice and a few
variations forward over states in which rivals' secrets are guessed, and keeps the best.
"""

from __future__ import annotations

from .autoplay import DIFFICULTIES, SEAT_DIFFICULTIES, ai_orders, play_ai_game, seat_orders

__all__ = ["DIFFICULTIES", "SEAT_DIFFICULTIES", "ai_orders", "play_ai_game", "seat_orders"]
