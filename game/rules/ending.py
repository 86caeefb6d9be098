"""The end of a game: each contender's graded outcome, and the winner; and the milestones, the
turning points history dates, noted as a game reaches them."""

from __future__ import annotations

import numpy as np

from . import ops, programs
from .jit import kernel
from .layout import TURN, State, Tables
from .ops import W_SUBJECT, Work


@kernel
def grade(s: State, t: Tables, w: Work, c: int) -> int:
    """The first of the scenario's outcomes whose condition holds for ``c`` (the last if
    none does)."""
    before = w.ints[W_SUBJECT]
    w.ints[W_SUBJECT] = c
    found = t.outcome_rank.shape[0] - 1
    for o in range(t.outcome_rank.shape[0]):
        if programs.holds(s, t, w, t.outcome_condition[o]):
            found = o
            break
    w.ints[W_SUBJECT] = before
    return found


@kernel
def result(s: State, t: Tables, w: Work) -> tuple[np.ndarray, int]:
    """Every contender's outcome, and the winner: the best outcome, then the largest
    Politburo faction, then the largest following (the first of equals)."""
    n = s.status.shape[0]
    outcomes = np.zeros(n, np.int64)
    for c in range(n):
        outcomes[c] = grade(s, t, w, c)
    share = ops.support(s)
    best = 0
    best_key = (-1e18, -1.0, -1.0)
    for c in range(n):
        key = (float(t.outcome_rank[outcomes[c]]), ops.politburo_share(s, t, c, False),
               share[c])
        if key > best_key:
            best, best_key = c, key
    return outcomes, best


@kernel
def mark_milestones(s: State, t: Tables, w: Work) -> None:
    """Note every milestone whose condition holds now for the first time."""
    for m in range(s.milestones.shape[0]):
        if s.milestones[m] < 0 and programs.holds(s, t, w, t.milestone_condition[m]):
            s.milestones[m] = s.ints[TURN]
