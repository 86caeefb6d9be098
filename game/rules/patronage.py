"""Patronage: appointing regional secretaries, winning over a rival's, and recruitment drives.

An appointed secretary pulls their region's members towards the patron a little every turn;
loyal regions send loyal delegates to the Congress, which elects a loyal Central Committee,
which fills the Politburo. The effect climbs the pyramid with a lag.

Each action kernel takes the order's target (a region index) and fills ``notes`` (int64) and
``figures`` (float64), what its actor is told (:mod:`game.rules.actions` puts them in the
action's RESULT row).
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops
from . import reasons as why
from .jit import kernel
from .layout import (
    APPOINT,
    IN_PARTY,
    ORGANISATION,
    PRESTIGE,
    R_ENROLMENT,
    R_ENROLMENT_OPEN,
    R_PATRONAGE,
    R_PATRONAGE_STRENGTH,
    R_RECRUIT_FRACTION,
    R_SUBVERT_CHANCE,
    RECRUIT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work


@kernel
def is_region(s: State, r: int) -> bool:
    return 0 <= r < s.members.shape[0]


@kernel
def fief_holder(s: State, t: Tables, r: int) -> int:
    """The holder of an office whose fief region ``r`` is (while in the party), or -1."""
    for o in range(t.fief_of.shape[1]):
        if t.fief_of[r, o]:
            h = ops.holder(s, o)
            if h >= 0 and ops.in_organ(s, t, h, IN_PARTY):
                return h
    return -1


@kernel
def may_appoint(s: State, t: Tables, c: int) -> tuple[int, int]:
    """Only the power to appoint (the General Secretary's), while appointments are allowed."""
    if not ops.has_power(s, t, c, APPOINT):
        return why.CANNOT_APPOINT, -1
    if s.rules[R_PATRONAGE] == 0.0:
        return why.PATRONAGE_OFF, -1
    return why.OK, -1


@kernel
def check_appoint(s: State, t: Tables, c: int, r: int) -> tuple[int, int]:
    if not is_region(s, r):
        return why.NO_REGION, r
    reason, arg = may_appoint(s, t, c)
    if reason != why.OK:
        return reason, arg
    if s.patron[r] == c:
        return why.SECRETARY_YOURS, r
    lord = fief_holder(s, t, r)
    if lord >= 0 and lord != c:
        return why.STRONGHOLD, lord
    return why.requires_party(s, t, c)


@kernel
def appoint(s: State, w: Work, c: int, r: int, figures: np.ndarray) -> None:
    """The new secretary owes ``c`` his post, and brings part of the region with him."""
    figures[0] = s.loyalty[r, c]
    s.patron[r] = c
    ops.shift_loyalty(s, w, r, c, s.rules[R_PATRONAGE_STRENGTH] / 2)
    figures[1] = s.loyalty[r, c]


@kernel
def check_subvert(s: State, t: Tables, c: int, r: int) -> tuple[int, int]:
    if not is_region(s, r):
        return why.NO_REGION, r
    if s.patron[r] == c:
        return why.SECRETARY_YOURS, r
    return why.requires_party(s, t, c)


@kernel
def subvert_chance(s: State, t: Tables, c: int, r: int) -> float:
    """The chance of turning a region's secretary: best for a good organiser whose followers
    are many there, worst where the patron's are; halved in another's stronghold."""
    patron = s.patron[r]
    hold = s.loyalty[r, patron] if patron >= 0 else 0.0
    mine = s.loyalty[r, c]
    p = (s.rules[R_SUBVERT_CHANCE] * (0.5 + s.quality[c, ORGANISATION] / 200)
         * (1.0 - hold + mine))
    lord = fief_holder(s, t, r)
    if lord >= 0 and lord != c:
        p *= 0.5
    return min(max(p, 0.0), 0.95)


@kernel
def subvert(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, c: int,
            r: int, notes: np.ndarray, figures: np.ndarray) -> None:
    """Work on a region's secretary: by luck (the game's dice against the chance), the
    secretary comes to owe you their post; if not, their patron hears of it."""
    patron = s.patron[r]
    chance = subvert_chance(s, t, c, r)
    roll = rng.random()
    won = roll < chance
    notes[0] = 1 if won else 0
    figures[0] = chance
    figures[1] = roll
    turn, factor = s.ints[TURN], w.ints[W_FACTOR]
    if won:
        s.patron[r] = c
        ops.shift_loyalty(s, w, r, c, s.rules[R_PATRONAGE_STRENGTH] / 2)
        L.record(log, turn, L.K_ACTION, L.C_SECRETARY_WON, True, factor, c, -1, -1, r)
        return
    ops.change_trust(s, patron, c, -0.2)
    ops.change_quality(s, c, PRESTIGE, -1.0)
    L.record(log, turn, L.K_ACTION, L.C_SECRETARY_RESISTS, False, factor, c, patron, -1, r)


@kernel
def may_recruit(s: State, t: Tables, c: int) -> tuple[int, int]:
    """Only an office that runs the membership, while a recruitment drive is open."""
    if not ops.has_power(s, t, c, RECRUIT):
        return why.CANNOT_RECRUIT, -1
    if s.rules[R_ENROLMENT] == 0.0 or s.rules[R_ENROLMENT_OPEN] == 0.0:
        return why.NO_DRIVE, -1
    return why.requires_party(s, t, c)


@kernel
def check_recruit(s: State, t: Tables, c: int, r: int) -> tuple[int, int]:
    if not is_region(s, r):
        return why.NO_REGION, r
    return may_recruit(s, t, c)


@kernel
def recruit(s: State, w: Work, r: int, figures: np.ndarray) -> None:
    """New members owe their careers to the region's secretary and follow their patron."""
    before = s.members[r]
    ops.add_members(s, w, r, s.rules[R_RECRUIT_FRACTION], True)
    figures[0] = s.members[r] - before
