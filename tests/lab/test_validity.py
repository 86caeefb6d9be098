"""Validity: the model must answer the way the evidence points. Historians agree that the
General Secretary's power of appointment was a large part of Stalin's success, so switching
patronage off must clearly lower the share of games Stalin wins outright (the top rung of the
ladder, `succession_won`: a Politburo majority and every rival out of it): the 95% interval of
the difference must exclude zero.

(The game's winner, best placed at the end, is a coarser measure: without patronage Stalin
still often ends as the strongest member of a collective leadership, with about half the
following he has with it. docs/lab.md gives both at 200 games per arm.) The suite plays 60
games per arm (seeds 0-59, the same in both arms). The games are fixed by their seeds, so the
test is not flaky: it fails only if a change to the model or the AI weakens the effect of
patronage, and that is what it is for. About 120 games: 20 to 40 seconds on two cores.
"""

from __future__ import annotations

import os

from game.lab import lab
from helpers import load

GAMES = 60


def test_switching_off_patronage_clearly_lowers_stalins_outright_wins():
    report = lab(
        load("succession_1924"), ["no_patronage"], GAMES, seed=0, jobs=min(2, os.cpu_count() or 1)
    )
    assert not report.crashed()
    base = report.outcome_share(0, "stalin", "succession_won")
    without = report.outcome_share(1, "stalin", "succession_won")
    d = report.outcome_difference(1, "stalin", "succession_won")
    shown = f"Stalin wins outright {base.p:.1%} with patronage, {without.p:.1%} without: {d}"
    assert d.d < 0 and d.clear, shown
    assert base.p > 0.5, shown  # and with it, he wins most games outright, as he did
