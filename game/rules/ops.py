"""The primitives every rule uses to read and change the state.

Every change of loyalty goes through :func:`shift_loyalties`, :func:`win_over`, :func:`fade` or
:func:`add_members`, which book the change of each contender's support in the ledger under the
factor in force (``work.ints[W_FACTOR]``). Every change of office or status is recorded in the
log. ``s`` is the :class:`~game.rules.layout.State`, ``t`` the
:class:`~game.rules.layout.Tables`, ``w`` the turn's :class:`Work`, ``log`` the
:class:`~game.rules.log.Log`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from . import log as L
from .jit import kernel
from .layout import (
    ACCUSE,
    CAN_ACT,
    CC_SEATS,
    CENTRAL_COMMITTEE,
    CONGRESS_DELEGATES,
    HOLDS_OFFICES,
    IN_CC,
    IN_PARTY,
    IN_POLITBURO,
    M_FILED,
    M_KIND,
    M_LEVERAGE,
    M_OFFICE,
    M_ORGAN,
    M_SPONSOR,
    M_TARGET,
    MOOD_LINE,
    MOOD_UNITY,
    N_MOTIONS,
    NO_ORGAN,
    POLITBURO,
    POLITBURO_SEATS,
    R_BASE_LOSS,
    R_OFFICES_FIRST,
    R_THREAT_PER_SUPPORT,
    RELIEVE,
    THREAT,
    TURN,
    State,
    Tables,
)

# ----- the turn's working context -----------------------------------------------------------------
W_FACTOR, W_SUBJECT, W_DECIDER = 0, 1, 2
WORK_INTS = 3
FOLLOW_THRESHOLD = 0.35  # a notable follows the contender they are this loyal to, at least


class Work(NamedTuple):
    """What one turn's resolution keeps while it runs: the factor in force, whom a condition is
    about (``self``), who decided the card being applied, who backed its choice, the alliance
    offers made this turn and the organs convened."""

    ints: np.ndarray  # (WORK_INTS,) int64: W_FACTOR, W_SUBJECT, W_DECIDER (-1: none)
    choosers: np.ndarray  # (N,) bool
    pending: np.ndarray  # (N, N) bool: [from, to] offers made this turn
    convened: np.ndarray  # (2,) bool: [plenum, congress] convened this turn


@kernel
def new_work(n: int, factor: int) -> Work:
    """A turn's working context, empty, with ``factor`` in force."""
    ints = np.full(WORK_INTS, -1, np.int64)
    ints[W_FACTOR] = factor
    return Work(ints, np.zeros(n, np.bool_), np.zeros((n, n), np.bool_), np.zeros(2, np.bool_))


# ----- reading ------------------------------------------------------------------------------------
@kernel
def clamp(x: float, lo: float, hi: float) -> float:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


@kernel
def sum_of(x: np.ndarray) -> float:
    """The sum of ``x``, added in order. Every sum of reals in the rules is this one: numpy's
    own adds eight at a time and pairs them, numba's adds in order, and the last bits differ,
    so compiled and interpreted games would part."""
    out = 0.0
    for i in range(x.shape[0]):
        out += x[i]
    return out


@kernel
def party_size(s: State) -> float:
    return sum_of(s.members)


@kernel
def support(s: State) -> np.ndarray:
    """Each faction's share of the whole party's members (contenders, then uncommitted)."""
    regions, factions = s.loyalty.shape
    out = np.zeros(factions)
    for r in range(regions):
        m = s.members[r]
        for k in range(factions):
            out[k] += m * s.loyalty[r, k]
    return out / party_size(s)


@kernel
def in_organ(s: State, t: Tables, c: int, flag: int) -> bool:
    """Whether contender ``c`` (``-1``: nobody) stands on a rung with ``flag`` (IN_POLITBURO,
    IN_CC, IN_PARTY, CAN_ACT)."""
    if c < 0:
        return False
    return t.rung[s.status[c], flag]


@kernel
def organ_flag(organ: int) -> int:
    """The rung flag of an organ code: who sits in it."""
    if organ == POLITBURO:
        return IN_POLITBURO
    if organ == CENTRAL_COMMITTEE:
        return IN_CC
    return IN_PARTY


@kernel
def holder(s: State, office: int) -> int:
    """Who holds ``office``, or -1 (the first holder, where several may)."""
    for c in range(s.holds.shape[1]):
        if s.holds[office, c]:
            return c
    return -1


@kernel
def has_power(s: State, t: Tables, c: int, power: int) -> bool:
    if c < 0:
        return False
    for o in range(s.holds.shape[0]):
        if s.holds[o, c] and t.powers[o, power]:
            return True
    return False


@kernel
def holds_any(s: State, c: int) -> bool:
    for o in range(s.holds.shape[0]):
        if s.holds[o, c]:
            return True
    return False


@kernel
def perceived_threat(s: State, c: int, share: np.ndarray) -> float:
    """How much the party fears ``c``: their own threat, and the fear a following brings."""
    return min(100.0, s.quality[c, THREAT] + s.rules[R_THREAT_PER_SUPPORT] * share[c])


@kernel
def notable_faction(row: np.ndarray) -> int:
    """The contender a notable follows: the largest loyalty, if it is strong enough or it
    outweighs indifference; -1 otherwise."""
    n = row.shape[0] - 1
    best = 0
    for k in range(1, n):
        if row[k] > row[best]:
            best = k
    return best if row[best] >= FOLLOW_THRESHOLD or row[best] >= row[n] else -1


@kernel
def politburo(s: State, t: Tables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every Politburo member, as (faction followed, contender sitting or -1, notable or -1):
    the contenders who sit there in their order, then the seated notables in theirs."""
    n = s.status.shape[0]
    k_all = s.notable_seated.shape[0]
    size = 0
    for c in range(n):
        if in_organ(s, t, c, IN_POLITBURO):
            size += 1
    for k in range(k_all):
        if s.notable_seated[k]:
            size += 1
    faction = np.empty(size, np.int64)
    contender = np.full(size, -1, np.int64)
    notable = np.full(size, -1, np.int64)
    i = 0
    for c in range(n):
        if in_organ(s, t, c, IN_POLITBURO):
            faction[i] = c
            contender[i] = c
            i += 1
    for k in range(k_all):
        if s.notable_seated[k]:
            faction[i] = notable_faction(s.notable_loyalty[k])
            notable[i] = k
            i += 1
    return faction, contender, notable


@kernel
def politburo_share(s: State, t: Tables, c: int, with_allies: bool) -> float:
    """The share of the Politburo that follows ``c`` (and, ``with_allies``, c's allies)."""
    faction, _, _ = politburo(s, t)
    if faction.shape[0] == 0:
        return 0.0
    count = 0
    for f in faction:
        if f == c or (with_allies and f >= 0 and s.allied[c, f]):
            count += 1
    return count / faction.shape[0]


@kernel
def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Largest-remainder apportionment of ``total`` seats by ``weights``."""
    seats = np.zeros(weights.shape[0], np.int64)
    whole = sum_of(weights)
    if total <= 0 or whole <= 0:
        return seats
    quota = weights / whole * total
    for k in range(weights.shape[0]):
        seats[k] = np.floor(quota[k])
    rest = total - seats.sum()
    if rest > 0:
        order = np.argsort(-(quota - seats), kind="mergesort")
        for i in range(rest):
            seats[order[i]] += 1
    return seats


@kernel
def cc_blocs(s: State) -> np.ndarray:
    """Central Committee seats by faction (contenders, then uncommitted)."""
    return apportion(s.ints[CC_SEATS], s.cc_share)


@kernel
def congress_blocs(s: State) -> tuple[np.ndarray, np.ndarray]:
    """Delegates per region, and each delegation's seats by faction (regions, factions)."""
    delegations = apportion(s.ints[CONGRESS_DELEGATES], s.members)
    seats = np.zeros(s.loyalty.shape, np.int64)
    for r in range(s.loyalty.shape[0]):
        seats[r] = apportion(delegations[r], s.loyalty[r])
    return delegations, seats


# ----- booking ------------------------------------------------------------------------------------
@kernel
def _book(s: State, w: Work, before: np.ndarray) -> None:
    """Book the change of every contender's support since ``before`` (the loyalty table then)
    under the factor in force."""
    size = party_size(s)
    regions, factions = s.loyalty.shape
    f = w.ints[W_FACTOR]
    for k in range(factions - 1):
        moved = 0.0
        for r in range(regions):
            moved += s.members[r] * (s.loyalty[r, k] - before[r, k])
        s.ledger[k, f] += moved / size


# ----- primitives that change loyalties -----------------------------------------------------------
@kernel
def shift_loyalties(s: State, w: Work, c: int, amounts: np.ndarray) -> None:
    """In every region ``r``, win over ``amounts[r]`` of the members not yet loyal to ``c``
    (taken evenly from the others), or, where negative, send that fraction of ``c``'s loyal
    members back to the uncommitted."""
    before = s.loyalty.copy()
    regions, factions = s.loyalty.shape
    free_col = factions - 1
    for r in range(regions):
        a = clamp(amounts[r], -1.0, 1.0)
        v = before[r, c]
        free = 1.0 - v
        gain = a * free if a > 0 else 0.0
        kept = 1.0 - gain / (free if free > 0 else 1.0)
        lost = -a * v if a < 0 else 0.0
        for k in range(factions):
            s.loyalty[r, k] = before[r, k] * kept
        s.loyalty[r, c] = v + gain - lost
        s.loyalty[r, free_col] += lost
        total = 0.0
        for k in range(factions):
            if s.loyalty[r, k] < 0.0:
                s.loyalty[r, k] = 0.0
            total += s.loyalty[r, k]
        for k in range(factions):
            s.loyalty[r, k] /= total
    _book(s, w, before)


@kernel
def shift_loyalty(s: State, w: Work, r: int, c: int, amount: float) -> None:
    """:func:`shift_loyalties` in the one region ``r``."""
    amounts = np.zeros(s.members.shape[0])
    amounts[r] = amount
    shift_loyalties(s, w, c, amounts)


@kernel
def win_over(s: State, w: Work, c: int, amounts: np.ndarray) -> None:
    """In every region ``r``, win ``amounts[r]`` (0 to 1) of the members loyal to nobody yet
    over to ``c``. Speeches, articles and platforms persuade those still making up their
    minds; they do not turn a rival's followers."""
    before = s.loyalty.copy()
    free_col = s.loyalty.shape[1] - 1
    for r in range(s.loyalty.shape[0]):
        moved = before[r, free_col] * clamp(amounts[r], 0.0, 1.0)
        s.loyalty[r, c] += moved
        s.loyalty[r, free_col] -= moved
    _book(s, w, before)


@kernel
def fade(s: State, w: Work, c: int, rate: float) -> None:
    """Send ``rate`` of ``c``'s followers everywhere back to the uncommitted. The loss is booked
    against the factors that won those followers, in proportion, so that the ledger tells what
    each factor contributes to the support ``c`` holds now."""
    free_col = s.loyalty.shape[1] - 1
    amount = 0.0
    for r in range(s.loyalty.shape[0]):
        lost = s.loyalty[r, c] * rate
        s.loyalty[r, c] -= lost
        s.loyalty[r, free_col] += lost
        amount += s.members[r] * lost
    amount /= party_size(s)
    row = s.ledger[c]
    won = 0.0
    for f in range(row.shape[0]):
        if row[f] > 0:
            won += row[f]
    if won > 0:
        for f in range(row.shape[0]):
            if row[f] > 0:
                row[f] -= amount * row[f] / won
    else:
        row[w.ints[W_FACTOR]] -= amount


@kernel
def add_members(s: State, w: Work, r: int, fraction: float, follow_secretary: bool) -> None:
    """New members in region ``r`` (``fraction`` of its present ones; negative: members leave).
    New members follow the secretary's patron when ``follow_secretary``, else nobody."""
    added = s.members[r] * fraction
    total = s.members[r] + added
    if total <= 0:
        return
    before = support(s)  # the party grows: each share moves even where loyalties do not
    factions = s.loyalty.shape[1]
    row = s.loyalty[r] * s.members[r]
    patron = s.patron[r]
    column = patron if follow_secretary and patron >= 0 else factions - 1
    if added >= 0:
        row[column] += added
    else:
        row *= total / s.members[r]
    s.members[r] = total
    s.loyalty[r] = row / sum_of(row)
    after = support(s)
    f = w.ints[W_FACTOR]
    for k in range(factions - 1):
        s.ledger[k, f] += after[k] - before[k]


# ----- primitives that change people --------------------------------------------------------------
@kernel
def change_quality(s: State, c: int, quality: int, amount: float) -> None:
    s.quality[c, quality] = clamp(s.quality[c, quality] + amount, 0.0, 100.0)


@kernel
def shift_mood(s: State, line: float, unity: float) -> None:
    s.reals[MOOD_LINE] = clamp(s.reals[MOOD_LINE] + line, -1.0, 1.0)
    s.reals[MOOD_UNITY] = clamp(s.reals[MOOD_UNITY] + unity, 0.0, 1.0)


@kernel
def move_line(s: State, c: int, amount: float) -> None:
    s.line[c] = clamp(s.line[c] + amount, -1.0, 1.0)


@kernel
def change_trust(s: State, a: int, b: int, amount: float) -> None:
    if a >= 0 and b >= 0 and a != b:
        s.trust[a, b] = clamp(s.trust[a, b] + amount, -1.0, 1.0)


@kernel
def set_alliance(s: State, w: Work, log: L.Log, a: int, b: int, make: bool) -> None:
    if a < 0 or b < 0 or a == b or s.allied[a, b] == make:
        return
    s.allied[a, b] = make
    s.allied[b, a] = make
    code = L.C_ALLIANCE_MADE if make else L.C_ALLIANCE_BROKEN
    L.record(log, s.ints[TURN], L.K_ALLIANCE, code, True, w.ints[W_FACTOR], a, b, -1, -1)


# ----- offices, charges and the ladder ------------------------------------------------------------
@kernel
def holder_count(s: State, office: int) -> int:
    """How many contenders hold ``office``."""
    count = 0
    for c in range(s.holds.shape[1]):
        if s.holds[office, c]:
            count += 1
    return count


@kernel
def remove_holder(s: State, t: Tables, w: Work, log: L.Log, office: int, c: int) -> None:
    """Take ``office`` from ``c``, if they hold it: they lose the loyalty its base regions gave
    them."""
    if c < 0 or not s.holds[office, c]:
        return
    s.holds[office, c] = False
    s.lost[office, c] = True
    shift_loyalties(s, w, c, -s.rules[R_BASE_LOSS] * t.office_base[office])
    L.record(log, s.ints[TURN], L.K_OFFICE, L.C_LOSES_OFFICE, True, w.ints[W_FACTOR], c, -1, -1,
             office)


@kernel
def _weakest_holder(s: State, office: int) -> int:
    """The holder of ``office`` with the least support (the first, on a tie)."""
    shares = support(s)
    weakest = -1
    for c in range(s.holds.shape[1]):
        if s.holds[office, c] and (weakest < 0 or shares[c] < shares[weakest]):
            weakest = c
    return weakest


@kernel
def set_holder(s: State, t: Tables, w: Work, log: L.Log, office: int, c: int) -> None:
    """Give ``office`` to ``c`` (or vacate it with -1). A notable who holds it gives it up; a
    full office makes way by taking it from its holder (of several, the one with the least
    support)."""
    if c >= 0 and s.holds[office, c]:
        return
    unseat_office_notable(s, w, log, office)
    if c < 0:
        for k in range(s.holds.shape[1]):
            remove_holder(s, t, w, log, office, k)
        return
    if holder_count(s, office) >= t.holders[office]:
        remove_holder(s, t, w, log, office, _weakest_holder(s, office))
    s.holds[office, c] = True
    L.record(log, s.ints[TURN], L.K_OFFICE, L.C_HOLDS_OFFICE, True, w.ints[W_FACTOR], c, -1, -1,
             office)


@kernel
def unseat_office_notable(s: State, w: Work, log: L.Log, office: int) -> None:
    """The notable who holds ``office``, if any, gives it up."""
    k = s.office_notable[office]
    if k < 0:
        return
    s.office_notable[office] = -1
    e = L.record(log, s.ints[TURN], L.K_OFFICE, L.C_NOTABLE_LEAVES_OFFICE, True,
                 w.ints[W_FACTOR], -1, -1, -1, office)
    if e >= 0:
        log.event[e, L.E_I0] = k


@kernel
def give_notable_office(s: State, t: Tables, w: Work, log: L.Log, office: int, k: int) -> None:
    """Give ``office`` to notable ``k``: every contender holding it loses it."""
    if s.office_notable[office] == k or s.retired[k]:
        return
    for c in range(s.holds.shape[1]):
        remove_holder(s, t, w, log, office, c)
    unseat_office_notable(s, w, log, office)
    s.office_notable[office] = k
    e = L.record(log, s.ints[TURN], L.K_OFFICE, L.C_NOTABLE_OFFICE, True, w.ints[W_FACTOR], -1,
                 -1, -1, office)
    if e >= 0:
        log.event[e, L.E_I0] = k


@kernel
def offices_of(s: State, t: Tables, c: int) -> np.ndarray:
    """The offices ``c`` holds, most senior first."""
    count = 0
    for o in t.by_rank:
        if s.holds[o, c]:
            count += 1
    out = np.empty(count, np.int64)
    i = 0
    for o in t.by_rank:
        if s.holds[o, c]:
            out[i] = o
            i += 1
    return out


@kernel
def strip_offices(s: State, t: Tables, w: Work, log: L.Log, c: int) -> None:
    """Take every office ``c`` holds from ``c`` alone: the other holders of an office with
    several keep their places."""
    for o in offices_of(s, t, c):
        remove_holder(s, t, w, log, o, c)


@kernel
def waiting(s: State, kind: int, field: int, value: int) -> bool:
    """Whether a motion of ``kind`` whose ``field`` is ``value`` waits for a vote."""
    for i in range(s.ints[N_MOTIONS]):
        if s.motions[i, M_KIND] == kind and s.motions[i, field] == value:
            return True
    return False


@kernel
def add_motion(s: State, kind: int, sponsor: int, target: int, organ: int, office: int,
               leverage: int) -> None:
    i = s.ints[N_MOTIONS]
    if i >= s.motions.shape[0]:  # room for every motion the rules allow at once: never full
        return
    m = s.motions[i]
    m[:] = 0
    m[M_KIND], m[M_SPONSOR], m[M_TARGET], m[M_ORGAN] = kind, sponsor, target, organ
    m[M_FILED], m[M_OFFICE], m[M_LEVERAGE] = s.ints[TURN], office, leverage
    s.ints[N_MOTIONS] = i + 1


@kernel
def file_charge(s: State, t: Tables, w: Work, log: L.Log, c: int, target: int) -> None:
    """``c`` charges ``target`` with factionalism: the charge waits for the organ that decides
    the target's next step down (unless there is none, or a charge against them waits)."""
    organ = t.removed_by[s.status[target]]
    if organ == NO_ORGAN or c == target or waiting(s, ACCUSE, M_TARGET, target):
        return
    leverage = s.dossiers[c, target]
    s.dossiers[c, target] = 0
    add_motion(s, ACCUSE, c, target, organ, -1, leverage)
    change_trust(s, target, c, -0.4)
    e = L.record(log, s.ints[TURN], L.K_ACTION, L.C_ACCUSES, True, w.ints[W_FACTOR], c, target,
                 -1, -1)
    if e >= 0:
        log.event[e, L.E_I0] = organ


@kernel
def file_challenge(s: State, t: Tables, w: Work, log: L.Log, c: int, office: int) -> None:
    """``c`` moves that the holder of ``office`` be relieved of it at the next plenum (unless
    it is vacant or ``c``'s own, or a challenge to it already waits)."""
    h = holder(s, office)
    if h < 0 or h == c or waiting(s, RELIEVE, M_OFFICE, office):
        return
    leverage = s.dossiers[c, h]
    s.dossiers[c, h] = 0
    add_motion(s, RELIEVE, c, h, CENTRAL_COMMITTEE, office, leverage)
    change_trust(s, h, c, -0.3)
    L.record(log, s.ints[TURN], L.K_ACTION, L.C_MOVES_RELIEF, True, w.ints[W_FACTOR], c, h, -1,
             office)


@kernel
def fill_politburo(s: State, t: Tables, w: Work, log: L.Log) -> None:
    """Seat or unseat notables so the Politburo has its full number of members. The Central
    Committee's largest faction picks the notables most loyal to it; they owe it their seats."""
    n = s.status.shape[0]
    sitting = 0
    for c in range(n):
        if in_organ(s, t, c, IN_POLITBURO):
            sitting += 1
    wanted = max(s.ints[POLITBURO_SEATS] - sitting, 0)
    seated = np.flatnonzero(s.notable_seated)
    lead = int(np.argmax(s.cc_share[:n]))
    if seated.shape[0] > wanted:  # shrink: drop those least loyal to the CC majority
        order = np.argsort(s.notable_loyalty[seated, lead], kind="mergesort")
        for i in range(seated.shape[0] - wanted):
            s.notable_seated[seated[order[i]]] = False
    elif seated.shape[0] < wanted:
        free = np.flatnonzero(~s.notable_seated & ~s.retired)
        order = np.argsort(-s.notable_loyalty[free, lead], kind="mergesort")
        for i in range(min(wanted - seated.shape[0], free.shape[0])):
            k = free[order[i]]
            s.notable_seated[k] = True
            row = s.notable_loyalty[k]
            row[lead] += 0.2 * (1.0 - row[lead])
            row /= sum_of(row)
            L.record(log, s.ints[TURN], L.K_OFFICE, L.C_NOTABLE_ELECTED, True,
                     w.ints[W_FACTOR], -1, -1, -1, k)


@kernel
def seat_notable(s: State, t: Tables, w: Work, log: L.Log, k: int, seated: bool) -> None:
    """Seat notable ``k`` in the Politburo (it grows by a seat if it is full), or unseat them
    (the seat is filled at the next election; they may be elected again)."""
    if s.notable_seated[k] == seated or (seated and s.retired[k]):
        return
    if seated:
        sitting = np.flatnonzero(s.notable_seated).shape[0]
        for c in range(s.status.shape[0]):
            if in_organ(s, t, c, IN_POLITBURO):
                sitting += 1
        if sitting >= s.ints[POLITBURO_SEATS]:
            s.ints[POLITBURO_SEATS] = sitting + 1
    s.notable_seated[k] = seated
    code = L.C_NOTABLE_SEATED if seated else L.C_NOTABLE_UNSEATED
    L.record(log, s.ints[TURN], L.K_OFFICE, code, True, w.ints[W_FACTOR], -1, -1, -1, k)


@kernel
def retire_notable(s: State, t: Tables, w: Work, log: L.Log, k: int) -> None:
    s.retired[k] = True
    for o in range(s.office_notable.shape[0]):
        if s.office_notable[o] == k:
            unseat_office_notable(s, w, log, o)
    if s.notable_seated[k]:
        s.notable_seated[k] = False
        fill_politburo(s, t, w, log)


@kernel
def demote(s: State, t: Tables, w: Work, log: L.Log, c: int) -> None:
    """One step down: a rung of the ladder (to the rung's ``falls_to``), or, under the rule
    ``offices_first``, removal from every office first. A contender who reaches a rung that
    holds no offices loses theirs."""
    s.last_demoted[c] = s.ints[TURN]
    if holds_any(s, c) and s.rules[R_OFFICES_FIRST] != 0.0:
        strip_offices(s, t, w, log, c)
        return
    if s.status[c] + 1 >= t.rung.shape[0]:
        return
    put_on_rung(s, t, w, log, c, t.falls_to[s.status[c]], L.C_STEPS_DOWN)


@kernel
def put_on_rung(s: State, t: Tables, w: Work, log: L.Log, c: int, rung: int, code: int) -> None:
    """Move ``c`` to ``rung`` of the ladder (recorded with ``code``) and what follows from it:
    offices lost on a rung that holds none, platform and alliances on one that cannot act, the
    Politburo refilled when they leave it or come back to it."""
    was_in_politburo = in_organ(s, t, c, IN_POLITBURO)
    s.status[c] = rung
    L.record(log, s.ints[TURN], L.K_STATUS, code, True, w.ints[W_FACTOR], c, -1, -1, rung)
    if not t.rung[rung, HOLDS_OFFICES]:
        strip_offices(s, t, w, log, c)
    if not t.rung[rung, CAN_ACT]:
        s.platform[c] = False
        for k in range(s.status.shape[0]):
            set_alliance(s, w, log, c, k, False)
    if was_in_politburo != in_organ(s, t, c, IN_POLITBURO):
        fill_politburo(s, t, w, log)

