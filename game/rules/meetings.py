"""Meetings: the Politburo every turn, Central Committee plenums and Party Congresses on their
dates (or when the holder of the agenda convenes them).

A Congress hears the Central Committee's report, votes on the motions waiting for it and elects
a new Central Committee (:mod:`game.rules.organs`: patronage pays there); a plenum votes on its
motions, fills the offices it elects and the Politburo's seats.
"""

from __future__ import annotations

import numpy as np

from . import layout as lay
from . import log as L
from . import motions, ops, organs, programs, votes
from .jit import kernel
from .layout import (
    CC_SEATS,
    CONFIDENCE,
    CONGRESS_DELEGATES,
    IN_PARTY,
    IN_POLITBURO,
    LAST_CONGRESS,
    PATRONAGE,
    POLITBURO_SEATS,
    PRESTIGE,
    R_NOTABLE_DRIFT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work
from .organs import MEETS_CONGRESS, MEETS_PLENUM
from .votes import Question

PRESTIGE_PER_CANDIDATE = 25.0  # a candidate's prestige over this is their pull in log-odds

# Organ codes go to the kernels that vote as ``lay.CONGRESS`` and so on: numba reads a module's
# attribute as a number, but a name imported on its own as a literal, and compiles the kernel
# it is passed to once more for each such value.


@kernel
def congress(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator,
             meeting: int) -> None:
    """A Congress (``meeting`` -1: an extraordinary one): the Central Committee's report is put
    to the delegates (its ``carried`` or ``defeated`` effects follow), then the motions
    waiting for the Congress, then the election of a new Central Committee."""
    turn = s.ints[TURN]
    if meeting >= 0 and t.meeting_delegates[meeting] > 0:
        s.ints[CONGRESS_DELEGATES] = t.meeting_delegates[meeting]
    row = L.record(log, turn, L.K_MEETING, L.C_CONGRESS_OPENS, True, w.ints[W_FACTOR], -1, -1,
                   -1, meeting)
    if row >= 0:
        log.event[row, L.E_I0] = s.ints[CONGRESS_DELEGATES]
    head = organs.reporter(s, t, meeting)
    if head >= 0:
        before = w.ints[W_FACTOR]
        w.ints[W_FACTOR] = PATRONAGE
        q = Question(CONFIDENCE, head, -1, 0, 0, -1, 0.5, 0.0)
        passed, _ = votes.take_vote(s, t, w, log, rng, q, lay.CONGRESS)
        ops.change_quality(s, head, PRESTIGE, 4.0 if passed else -10.0)
        if meeting >= 0:
            effects = t.meeting_carried[meeting] if passed else t.meeting_defeated[meeting]
            programs.apply(s, t, w, log, effects)
        w.ints[W_FACTOR] = before
    motions.vote_motions(s, t, w, log, rng, lay.CONGRESS)
    s.cc_share[:] = organs.elect_central_committee(s, t, organs.delegate_shares(s, t))
    if meeting >= 0 and t.meeting_cc_seats[meeting] > 0:
        s.ints[CC_SEATS] = t.meeting_cc_seats[meeting]
    s.ints[LAST_CONGRESS] = turn
    head = organs.leader(s, t)
    if head >= 0:
        row = L.record(log, turn, L.K_MEETING, L.C_CC_ELECTED, True, w.ints[W_FACTOR], head,
                       -1, -1, -1)
        if row >= 0:
            log.event[row, L.E_I0] = s.ints[CC_SEATS]
            log.event_x[row, 0] = s.cc_share[head]


@kernel
def plenum(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, meeting: int,
           seats: int) -> None:
    """Vote on waiting motions, then elect the Politburo: seated notables lean towards the
    Central Committee that elects them, and empty seats are filled. (``meeting`` -1: an
    extraordinary plenum; ``seats`` 0: the Politburo keeps its size.)"""
    L.record(log, s.ints[TURN], L.K_MEETING, L.C_PLENUM, True, w.ints[W_FACTOR], -1, -1, -1,
             meeting)
    motions.vote_motions(s, t, w, log, rng, lay.CENTRAL_COMMITTEE)
    elect_offices(s, t, w, log, rng)
    if seats > 0:
        s.ints[POLITBURO_SEATS] = seats
    drift = s.rules[R_NOTABLE_DRIFT]
    for k in range(s.notable_seated.shape[0]):
        if s.notable_seated[k]:
            s.notable_loyalty[k] = (1.0 - drift) * s.notable_loyalty[k] + drift * organs.owed(
                s, t, k)
    ops.fill_politburo(s, t, w, log)


@kernel
def _ally_to_back(s: State, k: int, running: np.ndarray) -> int:
    """The candidate (an index into ``running``) that ``k``'s faction votes for when ``k``
    does not stand: the allied candidate ``k`` trusts most (the nearest in line, of equals;
    the first, of equals again), or -1 if none is allied."""
    best = -1
    for i in range(running.shape[0]):
        c = running[i]
        if not s.allied[k, c]:
            continue
        if best < 0:
            best = i
            continue
        b = running[best]
        if s.trust[k, c] != s.trust[k, b]:
            better = s.trust[k, c] > s.trust[k, b]
        else:
            better = abs(s.line[c] - s.line[k]) < abs(s.line[b] - s.line[k])
        if better:
            best = i
    return best


@kernel
def elect_offices(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator) -> None:
    """Fill a vacant seat of every office the Central Committee elects (``elected``) that no
    notable holds: the candidates are the contenders in the Politburo who do not hold it and
    have not lost it before; each candidate's faction
    votes for him, a faction whose leader does not stand votes for the allied candidate its
    leader trusts most (the nearest in line, of equals), and everyone else leans to the
    candidates with the most prestige."""
    n = s.status.shape[0]
    for o in range(t.elected.shape[0]):
        if not t.elected[o] or ops.holder_count(s, o) >= t.holders[o] or s.office_notable[o] >= 0:
            continue
        count = 0
        for c in range(n):
            if ops.in_organ(s, t, c, IN_POLITBURO) and not s.lost[o, c] and not s.holds[o, c]:
                count += 1
        if count == 0:
            continue
        running = np.empty(count, np.int64)
        backed = np.full(n, -1, np.int64)
        lean = np.empty(count)
        i = 0
        for c in range(n):
            if ops.in_organ(s, t, c, IN_POLITBURO) and not s.lost[o, c] and not s.holds[o, c]:
                running[i] = c
                backed[c] = i
                lean[i] = s.quality[c, PRESTIGE] / PRESTIGE_PER_CANDIDATE
                i += 1
        for k in range(n):
            if backed[k] < 0 and ops.in_organ(s, t, k, IN_PARTY):
                backed[k] = _ally_to_back(s, k, running)
        count, v = votes.choose(s, t, log, rng, backed, lean, votes.SWAY_PRESTIGE)
        winner = running[int(np.argmax(count))]
        before = w.ints[W_FACTOR]
        w.ints[W_FACTOR] = PATRONAGE
        row = L.record(log, s.ints[TURN], L.K_MEETING, L.C_ELECTS, True, PATRONAGE, winner, -1,
                       -1, o)
        L.attach(log, row, v)
        if row >= 0:
            for c in running:
                log.event[row, L.E_I0] |= 1 << c
        ops.set_holder(s, t, w, log, o, winner)
        w.ints[W_FACTOR] = before


@kernel
def _politburo_seats(t: Tables, plenum_due: int, congress_due: int) -> int:
    """The Politburo's size as this turn's meetings set it (the first in the calendar that
    sets one), or 0: unchanged."""
    for m in (min(plenum_due, congress_due), max(plenum_due, congress_due)):
        if m >= 0 and t.meeting_politburo_seats[m] > 0:
            return t.meeting_politburo_seats[m]
    return 0


@kernel
def hold(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator) -> None:
    """This turn's meetings, in order: Congress, plenum, Politburo."""
    turn = s.ints[TURN]
    plenum_due = organs.scheduled(t, turn, MEETS_PLENUM)
    congress_due = organs.scheduled(t, turn, MEETS_CONGRESS)
    if congress_due >= 0 or w.convened[MEETS_CONGRESS]:
        congress(s, t, w, log, rng, congress_due)
    if plenum_due >= 0 or congress_due >= 0 or w.convened[MEETS_PLENUM] \
            or w.convened[MEETS_CONGRESS]:
        plenum(s, t, w, log, rng, plenum_due, _politburo_seats(t, plenum_due, congress_due))
    motions.vote_motions(s, t, w, log, rng, lay.POLITBURO)
