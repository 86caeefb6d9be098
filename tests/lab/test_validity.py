"""Validity: the model must answer the way the evidence points. Historians agree that the
General Secretary's power of appointment was a large part of Stalin's success, so switching
patronage off must lower Stalin's win share clearly: the 95% interval of the difference must
exclude zero.

The full measurement is 200 games per arm (docs/lab.md: Stalin 79.0% -> 56.5%, a difference of
-22.5 points, 95% interval -31.1 to -13.4). The suite plays the smallest sample that still
shows it with a margin: 60 games per arm (seeds 0-59, the same in both arms), where the
interval's upper end is about -6.5 points; over seeds 0-N-1 the interval first excludes zero
at N = 45, and does so for every N from 45 to 200 measured in steps of 5. The games are fixed
by their seeds, so the test is not flaky: it fails only if a change to the model or the AI
weakens the effect of patronage, and that is what it is for. About 120 games: 20 to 40 seconds
on two cores.
"""

from __future__ import annotations

import os

from game.lab import lab
from helpers import load

GAMES = 60


def test_switching_off_patronage_clearly_lowers_stalins_win_share():
    report = lab(
        load("succession_1924"), ["no_patronage"], GAMES, seed=0, jobs=min(2, os.cpu_count() or 1)
    )
    assert not report.crashed()
    base, without = report.win_share(0, "stalin"), report.win_share(1, "stalin")
    d = report.win_difference(1, "stalin")
    shown = f"Stalin wins {base.p:.1%} with patronage, {without.p:.1%} without: {d}"
    assert d.d < 0 and d.clear, shown
    assert base.p > 0.5, shown  # and with it, he wins most games, as he did
