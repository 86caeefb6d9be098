"""Personal qualities: the army, rest and health, and offers to resign an office."""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops
from . import reasons as why
from .jit import kernel
from .layout import (
    ARMY,
    CENTRAL_COMMITTEE,
    HEALTH,
    M_SPONSOR,
    R_ARMY_STRENGTH,
    RESIGN,
    THREAT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work


@kernel
def check_army(s: State, t: Tables, c: int) -> tuple[int, int]:
    if not ops.has_power(s, t, c, ARMY):
        return why.NO_ARMY, -1
    return why.requires_party(s, t, c)


@kernel
def army(s: State, t: Tables, w: Work, c: int) -> None:
    """Wins the army's party organisations, and feeds the fear of a Bonaparte."""
    ops.shift_loyalties(s, w, c, s.rules[R_ARMY_STRENGTH] * t.army)
    ops.change_quality(s, c, THREAT, 6.0)


@kernel
def rest(s: State, c: int, figures: np.ndarray) -> None:
    """Restores health (ill contenders have fewer action points). ``figures``: health before
    and after."""
    figures[0] = s.quality[c, HEALTH]
    ops.change_quality(s, c, HEALTH, 15.0)
    figures[1] = s.quality[c, HEALTH]


@kernel
def check_resign(s: State, t: Tables, c: int, office: int) -> tuple[int, int]:
    if office < 0 or office >= s.holds.shape[0] or not s.holds[office, c]:
        return why.NOT_YOUR_OFFICE, office
    if ops.waiting(s, RESIGN, M_SPONSOR, c):
        return why.RESIGNATION_WAITING, -1
    return why.requires_party(s, t, c)


@kernel
def resign(s: State, w: Work, log: L.Log, c: int, office: int) -> None:
    """A gamble at the next plenum: refused, the offer wins prestige and trust; accepted, the
    office is gone."""
    ops.add_motion(s, RESIGN, c, -1, CENTRAL_COMMITTEE, office, 0)
    L.record(log, s.ints[TURN], L.K_ACTION, L.C_OFFERS_RESIGNATION, True, w.ints[W_FACTOR], c,
             -1, -1, office)
