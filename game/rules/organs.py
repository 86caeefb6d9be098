"""The party's organs between votes: which meetings are due, whom a Congress's delegates
follow and the Central Committee they elect, its leader and the Congress's reporter, what a
seated notable owes, and the motions waiting for each organ.

A Congress is where patronage pays: each region sends delegates in proportion to its members,
and its secretary fills part of the uncommitted places with the patron's followers. The
delegates elect the new Central Committee, whose plenum then fills the Politburo
(:mod:`game.rules.meetings` holds the meetings; nothing here votes).
"""

from __future__ import annotations

import numpy as np

from . import ops
from .jit import kernel
from .layout import (
    AGENDA,
    ANSWER_COMINTERN,
    ANSWER_DEFEND,
    ANSWER_PARTY,
    CENTRAL_COMMITTEE,
    CONGRESS,
    IN_CC,
    IN_PARTY,
    M_ANSWERS,
    M_FILED,
    M_ORGAN,
    M_TARGET,
    MOTION_FIELDS,
    N_MOTIONS,
    ORATORY,
    POLITBURO,
    PRESTIGE,
    R_APPEAL_WEIGHT,
    R_DEFENCE_WEIGHT,
    R_DELEGATE_PICK,
    R_PATRONAGE,
    R_SLATE_SHARE,
    TURN,
    State,
    Tables,
)

# ``Tables.meeting`` columns: the organ that meets
MEETS_PLENUM, MEETS_CONGRESS = 0, 1


# ----- the calendar -------------------------------------------------------------------------------
@kernel
def scheduled(t: Tables, turn: int, column: int) -> int:
    """The meeting (a row of the ``meeting_*`` tables) scheduled on ``turn`` for the Central
    Committee (``MEETS_PLENUM``) or the Congress (``MEETS_CONGRESS``), or -1."""
    if turn < 0 or turn >= t.meeting.shape[0]:
        return -1
    return t.meeting[turn, column]


@kernel
def meetings_due(t: Tables, turn: int) -> np.ndarray:
    """The organs that meet on ``turn`` (organ codes): the Politburo, which meets every turn,
    then those scheduled to meet."""
    plenum = scheduled(t, turn, MEETS_PLENUM) >= 0
    congress = scheduled(t, turn, MEETS_CONGRESS) >= 0
    out = np.empty(1 + int(plenum) + int(congress), np.int64)
    out[0] = POLITBURO
    i = 1
    if plenum:
        out[i] = CENTRAL_COMMITTEE
        i += 1
    if congress:
        out[i] = CONGRESS
    return out


# ----- the Congress and the Central Committee it elects -------------------------------------------
@kernel
def delegate_shares(s: State, t: Tables) -> np.ndarray:
    """The factions of a Congress's delegates: the regions' loyalties, weighted by members,
    with each secretary's pick of the uncommitted places going to the patron."""
    n = s.status.shape[0]
    rows = s.loyalty.copy()
    free = rows.shape[1] - 1
    if s.rules[R_PATRONAGE] != 0.0:
        for r in range(rows.shape[0]):
            p = s.patron[r]
            if p >= 0 and ops.in_organ(s, t, p, IN_PARTY):
                moved = s.rules[R_DELEGATE_PICK] * rows[r, free]
                rows[r, free] -= moved
                rows[r, p] += moved
    share = np.zeros(free + 1)
    for r in range(rows.shape[0]):
        for k in range(free + 1):
            share[k] += s.members[r] * rows[r, k]
    share /= ops.party_size(s)
    for c in range(n):
        if not ops.in_organ(s, t, c, IN_PARTY):
            share[free] += share[c]
            share[c] = 0.0
    return share


@kernel
def elect_central_committee(s: State, t: Tables, delegates: np.ndarray) -> np.ndarray:
    """The Congress votes on a slate drafted by whoever sets the agenda: part of the seats go
    to the drafter's followers whatever the delegates' own balance."""
    drafter = -1
    for c in range(s.status.shape[0]):
        if ops.in_organ(s, t, c, IN_PARTY) and ops.has_power(s, t, c, AGENDA):
            drafter = c
            break
    if drafter < 0 or s.rules[R_PATRONAGE] == 0.0:
        return delegates
    share = delegates * (1.0 - s.rules[R_SLATE_SHARE])
    share[drafter] += s.rules[R_SLATE_SHARE]
    return share


@kernel
def leader(s: State, t: Tables) -> int:
    """The contender whose faction is largest in the Central Committee (the first of equals),
    or -1 if none sits there."""
    best = -1
    for c in range(s.status.shape[0]):
        if ops.in_organ(s, t, c, IN_CC) and (best < 0 or s.cc_share[c] > s.cc_share[best]):
            best = c
    return best


@kernel
def reporter(s: State, t: Tables, meeting: int) -> int:
    """Who presents the Central Committee's report to a Congress: the meeting's ``reporter``
    while they sit in the Central Committee, or else the leader of its largest faction."""
    named = t.meeting_reporter[meeting] if meeting >= 0 else -1
    return named if ops.in_organ(s, t, named, IN_CC) else leader(s, t)


@kernel
def owed(s: State, t: Tables, k: int) -> np.ndarray:
    """Whom a seated notable owes their seat to: the Central Committee's factions, each as far
    as its leader's line is one the notable can live with (the rest of a faction's weight
    counts as no one's). So Rykov and Tomsky stay with Bukharin while the Right's line holds,
    and a leader who swings far from a notable's convictions loses them."""
    n = s.status.shape[0]
    mine = t.notable_line[k]
    out = s.cc_share.copy()
    unowed = 0.0
    for c in range(n):
        closeness = 1.0 - abs(mine - s.line[c]) / 2.0
        out[c] = s.cc_share[c] * closeness
        unowed += s.cc_share[c] * (1.0 - closeness)
    out[n] += unowed
    return out


# ----- motions waiting for a vote -----------------------------------------------------------------
@kernel
def take_due(s: State, organ: int) -> np.ndarray:
    """Take the motions waiting for ``organ`` off the list, oldest first. A charge filed this
    turn waits for a later meeting: it must be prepared, and its target can answer it."""
    count = s.ints[N_MOTIONS]
    due = np.zeros((count, MOTION_FIELDS), np.int64)
    taken, kept = 0, 0
    for i in range(count):
        if s.motions[i, M_ORGAN] == organ and s.motions[i, M_FILED] < s.ints[TURN]:
            due[taken] = s.motions[i]
            taken += 1
        else:
            s.motions[kept] = s.motions[i]
            kept += 1
    s.motions[kept:count] = 0
    s.ints[N_MOTIONS] = kept
    return due[:taken]


@kernel
def defence_of(s: State, m: np.ndarray) -> float:
    """The vote swing against a motion (a row of ``State.motions``) that its target's answers
    have won: their defence (scaled by oratory), an appeal to the rank and file (by their
    support), an appeal to the Comintern (by their prestige)."""
    target, answers = m[M_TARGET], m[M_ANSWERS]
    swing = 0.0
    if answers & ANSWER_DEFEND:
        swing += s.rules[R_DEFENCE_WEIGHT] * s.quality[target, ORATORY] / 100
    if answers & ANSWER_PARTY:
        swing += s.rules[R_APPEAL_WEIGHT] * min(1.0, 3.0 * ops.support(s)[target])
    if answers & ANSWER_COMINTERN:
        swing += s.rules[R_APPEAL_WEIGHT] * s.quality[target, PRESTIGE] / 100
    return swing
