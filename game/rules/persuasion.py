"""Ideology and the mood of the times: speeches, articles, changing one's line, resolutions.

The mood runs from Left (-1: end the NEP, industrialise fast) to Right (+1: keep the NEP and the
peasant alliance). Members drift towards contenders whose line fits the mood; a contender far
from the party's official line loses members. Shifting one's own line costs credibility, less
when the shift follows the mood: the patient centrist can change sides when the mood turns.
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops, votes
from . import reasons as why
from .jit import kernel
from .layout import (
    IN_PARTY,
    IN_POLITBURO,
    LEFT,
    MOOD_LINE,
    ORATORY,
    PARTY_LINE,
    POLITBURO,
    PRESS,
    PRESTIGE,
    R_ARTICLE_STRENGTH,
    R_LINE_SHIFT_COST,
    R_LINE_STEP,
    R_RESOLUTION_STEP,
    R_SPEECH_STRENGTH,
    RESOLUTION,
    RIGHT,
    TURN,
    State,
    Tables,
)
from .ops import Work


@kernel
def fit(line: float, mood: float) -> float:
    """How well a line suits the mood: 1 on it, 0 at the opposite end."""
    return 1.0 - abs(line - mood) / 2.0


@kernel
def persuade(s: State, t: Tables, w: Work, c: int, strength: float) -> None:
    """Win over uncommitted members in every region, more where the region's lean and the
    mood fit."""
    line = s.line[c]
    reach = strength * fit(line, s.reals[MOOD_LINE])
    amounts = np.empty(t.region_line.shape[0])
    for r in range(amounts.shape[0]):
        amounts[r] = reach * fit(line, t.region_line[r])
    ops.win_over(s, w, c, amounts)


@kernel
def speech(s: State, t: Tables, w: Work, c: int) -> None:
    """Wins over members across the regions: more with oratory, a line that fits the mood,
    and twice as much from an open platform."""
    boost = 2.0 if s.platform[c] else 1.0
    persuade(s, t, w, c, s.rules[R_SPEECH_STRENGTH] * boost * s.quality[c, ORATORY] / 100)
    ops.change_quality(s, c, PRESTIGE, 1.0)


@kernel
def article(s: State, t: Tables, w: Work, c: int) -> None:
    """Wins over members through the press; a newspaper of one's own multiplies its reach,
    and writing from outside the party reaches few."""
    reach = 2.5 if ops.has_power(s, t, c, PRESS) else 1.0
    if not ops.in_organ(s, t, c, IN_PARTY):
        reach *= 0.3
    persuade(s, t, w, c,
             s.rules[R_ARTICLE_STRENGTH] * reach * (0.5 + s.quality[c, PRESTIGE] / 100))


@kernel
def check_direction(s: State, t: Tables, c: int, direction: int) -> tuple[int, int]:
    if direction != LEFT and direction != RIGHT:
        return why.SAY_DIRECTION, -1
    return why.requires_party(s, t, c)


@kernel
def check_resolution(s: State, t: Tables, c: int, direction: int) -> tuple[int, int]:
    if not ops.in_organ(s, t, c, IN_POLITBURO):
        return why.NOT_IN_POLITBURO, -1
    return check_direction(s, t, c, direction)


@kernel
def sign(direction: int) -> int:
    """-1 for the Left, +1 for the Right."""
    return -1 if direction == LEFT else 1


@kernel
def shift_cost(s: State, c: int, toward: int) -> float:
    """Credibility lost by shifting (``toward`` -1: to the Left, +1: to the Right): half when the
    shift follows the mood, more against it, double when the contender shifted last turn too."""
    line, mood = s.line[c], s.reals[MOOD_LINE]
    new = ops.clamp(line + toward * s.rules[R_LINE_STEP], -1.0, 1.0)
    against = abs(new - mood) > abs(line - mood)
    cost = s.rules[R_LINE_SHIFT_COST] * (1.5 if against else 0.5)
    return cost * (2.0 if s.last_shift[c] == s.ints[TURN] - 1 else 1.0)


@kernel
def shift(s: State, c: int, direction: int) -> None:
    """Moves one's line, at the cost in prestige of :func:`shift_cost`."""
    k = sign(direction)
    ops.change_quality(s, c, PRESTIGE, -shift_cost(s, c, k))
    ops.move_line(s, c, k * s.rules[R_LINE_STEP])
    s.last_shift[c] = s.ints[TURN]


@kernel
def resolution(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, c: int,
               direction: int, notes: np.ndarray) -> None:
    """Put a resolution to this turn's Politburo; if carried, the party's line moves, and its
    mover wins prestige as far as the new line suits the mood. ``notes``: carried (1 or 0),
    the votes for and against."""
    k = sign(direction)
    # int(): a constant argument would make numba compile the whole vote again for it alone
    passed, row = votes.take_vote(s, t, w, log, rng, votes.question(RESOLUTION, c, -1, k),
                                  int(POLITBURO))
    notes[0] = 1 if passed else 0
    if row >= 0 and log.event[row, L.E_VOTE] >= 0:
        v = log.event[row, L.E_VOTE]
        notes[1], notes[2] = log.vote[v, L.V_YES], log.vote[v, L.V_NO]
    if passed:
        step = s.rules[R_RESOLUTION_STEP]
        before = fit(s.reals[PARTY_LINE], s.reals[MOOD_LINE])
        s.reals[PARTY_LINE] = ops.clamp(s.reals[PARTY_LINE] + k * step, -1.0, 1.0)
        gain = 6.0 * (fit(s.reals[PARTY_LINE], s.reals[MOOD_LINE]) - before) / step + 1.0
        ops.change_quality(s, c, PRESTIGE, gain)
    else:
        ops.change_quality(s, c, PRESTIGE, -2.0)
