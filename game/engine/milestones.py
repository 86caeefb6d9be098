"""Milestones: the turning points history dates, noted as a game reaches them.

A scenario's milestones are its backtest: each names a date and a condition (Trotsky no longer
holds the War Commissariat). At the end of every turn, after the meetings and the drift and
before the next turn's cards, the engine notes the first turn at which each condition holds, so
the lab and ``politburo check`` can say how often, and how near history's date, games reach it.
"""

from __future__ import annotations

from .context import Context


def mark(ctx: Context) -> None:
    """Note every milestone whose condition holds now for the first time."""
    s = ctx.state
    for m in ctx.scenario.milestones:
        if m.id not in s.milestones and m.condition.holds(ctx):
            s.milestones[m.id] = s.turn
