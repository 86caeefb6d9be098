"""The agenda: whoever sets it chooses when the organs meet, and may convene a plenum or a
Congress of their own to bring the waiting votes on now."""

from __future__ import annotations

from . import log as L
from . import ops
from . import reasons as why
from .jit import kernel
from .layout import (
    AGENDA,
    CONVENE_CONGRESS,
    CONVENE_PLENUM,
    LAST_CONGRESS,
    R_CONVENE_CONGRESS_GAP,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work


@kernel
def meets_this_turn(s: State, t: Tables, organ: int) -> bool:
    """Whether a plenum (``CONVENE_PLENUM``) or a Congress is scheduled this turn."""
    turn = s.ints[TURN]
    if turn < 0 or turn >= t.meeting.shape[0]:
        return False
    return t.meeting[turn, organ] >= 0


@kernel
def check_convene(s: State, t: Tables, c: int, organ: int) -> tuple[int, int]:
    if organ != CONVENE_PLENUM and organ != CONVENE_CONGRESS:
        return why.SAY_ORGAN, -1
    if not ops.has_power(s, t, c, AGENDA):
        return why.NO_AGENDA, -1
    if meets_this_turn(s, t, organ):
        return why.MEETS_THIS_TURN, organ
    if (organ == CONVENE_CONGRESS
            and s.ints[TURN] - s.ints[LAST_CONGRESS] < s.rules[R_CONVENE_CONGRESS_GAP]):
        return why.CONGRESS_TOO_SOON, -1
    return why.requires_party(s, t, c)


@kernel
def convene(s: State, w: Work, log: L.Log, c: int, organ: int) -> None:
    """The organ meets this turn, after the actions (``Work.convened``)."""
    w.convened[organ] = True
    e = L.record(log, s.ints[TURN], L.K_ACTION, L.C_CONVENES, True, w.ints[W_FACTOR], c, -1,
                 -1, -1)
    if e >= 0:
        log.event[e, L.E_I0] = organ
