"""Alliances: offers, acceptance and betrayal, with trust as their memory.

An offer made this turn reaches its target at the start of the next (and is secret to the two);
two offers crossing in the same turn seal the alliance at once. Allies vote together, cannot
accuse each other, and breaking an alliance costs the breaker trust with everybody.
"""

from __future__ import annotations

from . import log as L
from . import ops
from . import reasons as why
from .jit import kernel
from .layout import IN_PARTY, PRESTIGE, R_ALLIANCE_BREAK_TRUST, TURN, State, Tables
from .ops import W_FACTOR, Work


@kernel
def rival_check(s: State, c: int, k: int) -> tuple[int, int]:
    """Whether ``k`` names a rival of ``c``: another contender."""
    if k < 0 or k >= s.status.shape[0]:
        return why.NO_CONTENDER, k
    if k == c:
        return why.YOURSELF, -1
    return why.OK, -1


@kernel
def bar_to_alliance(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    if s.allied[c, k]:
        return why.ALREADY_ALLIED, k
    if not ops.in_organ(s, t, k, IN_PARTY):
        return why.NOT_IN_PARTY, k
    return why.OK, -1


@kernel
def check_ally(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    reason, arg = rival_check(s, c, k)
    if reason == why.OK:
        reason, arg = bar_to_alliance(s, t, c, k)
    if reason == why.OK:
        reason, arg = why.requires_party(s, t, c)
    return reason, arg


@kernel
def ally(s: State, w: Work, log: L.Log, c: int, k: int) -> None:
    """A secret offer; if accepted next turn (or offered back now), the factions vote
    together."""
    L.record(log, s.ints[TURN], L.K_ALLIANCE, L.C_OFFER, False, w.ints[W_FACTOR], c, k, -1, -1)
    w.pending[c, k] = True


@kernel
def check_accept(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    reason, arg = rival_check(s, c, k)
    if reason == why.OK and not s.offers[k, c]:
        return why.NO_OFFER, k
    return check_ally(s, t, c, k)  # which asks rival_check again, with the same answer


@kernel
def seal(s: State, w: Work, log: L.Log, a: int, b: int) -> None:
    """An alliance made: the two factions vote together, and trust each other more."""
    ops.set_alliance(s, w, log, a, b, True)
    ops.change_trust(s, a, b, 0.3)
    ops.change_trust(s, b, a, 0.3)


@kernel
def check_break(s: State, c: int, k: int) -> tuple[int, int]:
    reason, arg = rival_check(s, c, k)
    if reason == why.OK and not s.allied[c, k]:
        return why.NOT_ALLIED, k
    return reason, arg


@kernel
def break_alliance(s: State, w: Work, log: L.Log, c: int, k: int) -> None:
    """Frees the breaker to attack; costs trust with everyone, and much more with the
    betrayed, and prestige."""
    ops.set_alliance(s, w, log, c, k, False)
    ops.change_trust(s, k, c, -s.rules[R_ALLIANCE_BREAK_TRUST])
    for j in range(s.status.shape[0]):
        ops.change_trust(s, j, c, -0.1)
    ops.change_quality(s, c, PRESTIGE, -2.0)


@kernel
def settle_offers(s: State, w: Work, log: L.Log) -> None:
    """Offers that crossed this turn become alliances; the rest wait one turn for an answer.
    Last turn's offers were answered this turn, or never: those lapse, and their two are
    told."""
    n = s.status.shape[0]
    for a in range(n):
        for b in range(a + 1, n):
            if w.pending[a, b] and w.pending[b, a]:
                seal(s, w, log, a, b)
    for a in range(n):
        for b in range(n):
            if s.offers[a, b] and not s.allied[a, b]:
                L.record(log, s.ints[TURN], L.K_ALLIANCE, L.C_OFFER_LAPSES, False,
                         w.ints[W_FACTOR], a, b, -1, -1)
    for a in range(n):
        for b in range(n):
            s.offers[a, b] = w.pending[a, b] & ~s.allied[a, b]
