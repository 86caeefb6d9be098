"""Votes: per member in the Politburo, tallies by bloc in the Central Committee and Congress.

Every voter either follows a contender (their faction votes as that contender stands, with
``bloc_discipline``) or judges the motion on its merits: the sponsor's and target's prestige,
the fear the target inspires, the Ban on Factions, dossiers, and how well each side's line fits
the party's mood. The judgement carries one shared draw of noise per vote (the mood in the
room), so the same motion can go either way; :func:`odds` integrates over it.

A vote is recorded with everything its explanation needs (:mod:`game.rules.log`): each
contender's stance and what decided it (the ``WHY_*`` codes), the terms that swayed those who
judged for themselves, the room's mood, and every bloc with its parts.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from . import log as L
from . import ops
from .jit import carried, kernel
from .layout import (
    ACCUSE,
    AGENDA,
    CENTRAL_COMMITTEE,
    CONFIDENCE,
    IN_PARTY,
    MOOD_LINE,
    MOOD_UNITY,
    PARTY_LINE,
    POLITBURO,
    PRESTIGE,
    R_ACCUSATION_PRESUMPTION,
    R_AGENDA_WEIGHT,
    R_BAN_BONUS,
    R_BLOC_DISCIPLINE,
    R_CASE_DOSSIERS,
    R_CASE_WEIGHT,
    R_CHALLENGE_PRESUMPTION,
    R_DISCIPLINE_WITHOUT_CASE,
    R_DOSSIER_BONUS,
    R_EXPOSURE_WEIGHT,
    R_FACTION_BAN,
    R_MOOD_WEIGHT,
    R_PRESTIGE_WEIGHT,
    R_REPORT_APPROVAL,
    R_RESOLUTION_STEP,
    R_THREAT_WEIGHT,
    R_VOTE_NOISE,
    RELIEVE,
    RESIGN,
    RESOLUTION,
    THREAT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work

# Gauss-Hermite nodes and weights (probabilists'), for the odds over the room's mood.
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)

# What decided a contender's stance (``Log.stance_why``); words in game.engine.explain.
(WHY_NONE, WHY_MOVED, WHY_OFFERED, WHY_TARGET, WHY_ALLY_KEEPS, WHY_TRUSTS, WHY_DISTRUSTS,
 WHY_ALLY_OF_SPONSOR, WHY_ALLY_OF_TARGET, WHY_NEARER_LINE, WHY_FARTHER_LINE, WHY_OPPOSITION,
 WHY_TRUST, WHY_FEAR, WHY_LINE) = range(15)
WHY_IDS = ("", "moved", "offered", "target", "ally_keeps", "trusts", "distrusts",
           "ally_of_sponsor", "ally_of_target", "nearer_line", "farther_line", "opposition",
           "trust", "fear", "line")

# What swayed those who chose between options for themselves (``choose``).
SWAY_APPEAL, SWAY_PRESTIGE = 0, 1


class Question(NamedTuple):
    """What is put to the vote. ``direction`` is -1 or +1 for a resolution; ``majority`` the
    share of votes needed (0.5: more for than against); ``defence`` the swing against a motion
    aimed at someone that their answers have won."""

    kind: int  # ACCUSE, RELIEVE, RESIGN, RESOLUTION or CONFIDENCE
    sponsor: int
    target: int
    direction: int
    leverage: int
    office: int
    majority: float
    defence: float


@kernel
def question(kind: int, sponsor: int, target: int = -1, direction: int = 0, leverage: int = 0,
             office: int = -1, majority: float = 0.5, defence: float = 0.0) -> Question:
    return Question(kind, sponsor, target, direction, leverage, office, majority, defence)


class Floor(NamedTuple):
    """What a vote reads about the contenders beyond the state's own arrays, worked out once
    per vote: who still whips a faction (in the party), the threat the party perceives in each,
    and who holds the power to set the agenda."""

    active: np.ndarray  # (N,) bool
    perceived: np.ndarray  # (N,) float64
    agenda: np.ndarray  # (N,) bool


@kernel
def floor(s: State, t: Tables) -> Floor:
    n = s.status.shape[0]
    share = ops.support(s)
    active = np.zeros(n, np.bool_)
    perceived = np.zeros(n)
    agenda = np.zeros(n, np.bool_)
    for k in range(n):
        active[k] = ops.in_organ(s, t, k, IN_PARTY)
        perceived[k] = ops.perceived_threat(s, k, share)
        agenda[k] = ops.has_power(s, t, k, AGENDA)
    return Floor(active, perceived, agenda)


@kernel
def aimed(q: Question) -> bool:
    """A motion aimed at a rival (a charge, or a challenge to an office): judged as a charge."""
    return q.kind == ACCUSE or q.kind == RELIEVE


@kernel
def stand_and_why(s: State, q: Question, k: int) -> tuple[int, int]:
    """How contender ``k`` stands (+1 for, -1 against), and what decided it. Public: anyone
    can work it out."""
    kind, sponsor, target = q.kind, q.sponsor, q.target
    if k == sponsor:
        return (-1, WHY_OFFERED) if kind == RESIGN else (1, WHY_MOVED)
    if k == target:
        return -1, WHY_TARGET
    with_sponsor = s.allied[k, sponsor]
    with_target = False
    if target >= 0:
        with_target = s.allied[k, target]
    trust = s.trust[k, sponsor]
    if kind == RESIGN:
        if with_sponsor:
            return -1, WHY_ALLY_KEEPS
        return (-1, WHY_TRUSTS) if trust >= 0 else (1, WHY_DISTRUSTS)
    if with_sponsor != with_target:
        return (1, WHY_ALLY_OF_SPONSOR) if with_sponsor else (-1, WHY_ALLY_OF_TARGET)
    line = s.line[k]
    if kind == RESOLUTION:
        party = s.reals[PARTY_LINE]
        new_line = party + q.direction * s.rules[R_RESOLUTION_STEP]
        if abs(line - new_line) < abs(line - party):
            return 1, WHY_NEARER_LINE
        return -1, WHY_FARTHER_LINE
    if kind == CONFIDENCE:  # open oppositionists, and those who distrust the presenter
        if s.platform[k]:
            return -1, WHY_OPPOSITION
        return (-1, WHY_DISTRUSTS) if trust < -0.25 else (1, WHY_TRUSTS)
    # a charge, or a challenge to an office: trust, fear and line, the weightiest named
    by_trust = trust - s.trust[k, target]
    by_fear = (s.quality[target, THREAT] - s.quality[sponsor, THREAT]) / 100
    by_line = 0.5 * (abs(line - s.line[target]) - abs(line - s.line[sponsor]))
    sign = 1 if by_trust + by_fear + by_line > 0 else -1
    why, most = WHY_TRUST, by_trust * sign
    if by_fear * sign > most:
        why, most = WHY_FEAR, by_fear * sign
    if by_line * sign > most:
        why = WHY_LINE
    return sign, why


@kernel
def has_case(s: State, q: Question) -> bool:
    """A charge (or a challenge to an office) has a case behind it when the target has an open
    platform under the Ban on Factions, or compromising evidence against them is public, or
    the sponsor brings enough dossiers; without one, factions whip less (and, by the rule
    ``case_weight``, the members who judge for themselves lean against it)."""
    if not aimed(q):
        return True
    if s.rules[R_FACTION_BAN] != 0.0 and s.platform[q.target]:
        return True
    if s.exposed[q.target]:
        return True
    return q.leverage >= s.rules[R_CASE_DOSSIERS]


@kernel
def whip(s: State, case: bool) -> float:
    """The share of a faction in the Central Committee or at a Congress that votes as its
    leader stands: most of it on a motion with a case, fewer on one without."""
    if case:
        return s.rules[R_BLOC_DISCIPLINE]
    return s.rules[R_DISCIPLINE_WITHOUT_CASE]


@kernel
def discipline(s: State, q: Question, organ: int) -> float:
    """The share of a faction that votes as its leader stands on ``q`` (in the Politburo,
    members vote as their faction stands, or on the merits)."""
    if organ == POLITBURO:
        return 1.0
    return whip(s, has_case(s, q))


@kernel
def merit_terms(s: State, f: Floor, q: Question) -> np.ndarray:
    """What sways the members who judge a motion for themselves, each term at its ``T_*``
    index in log-odds for the motion (NaN: the term does not apply to this motion)."""
    r = s.rules
    sponsor = q.sponsor
    terms = np.full(len(L.TERM_IDS), np.nan)
    prestige = s.quality[:, PRESTIGE]
    if q.kind == RESOLUTION:
        party, mood = s.reals[PARTY_LINE], s.reals[MOOD_LINE]
        step = r[R_RESOLUTION_STEP]
        new_line = party + q.direction * step
        fit = (abs(party - mood) - abs(new_line - mood)) / step
        terms[L.T_MOOD] = r[R_MOOD_WEIGHT] * fit
        terms[L.T_STANDING] = r[R_PRESTIGE_WEIGHT] * (prestige[sponsor] - 50) / 100
        return terms
    if q.kind == RESIGN:
        terms[L.T_HABIT] = -1.0
        terms[L.T_FEAR] = r[R_THREAT_WEIGHT] * f.perceived[sponsor] / 100
        terms[L.T_STANDING] = -r[R_PRESTIGE_WEIGHT] * (prestige[sponsor] - 40) / 100
        return terms
    if q.kind == CONFIDENCE:
        terms[L.T_HABIT] = r[R_REPORT_APPROVAL]
        terms[L.T_STANDING] = r[R_PRESTIGE_WEIGHT] * (prestige[sponsor] - 50) / 100
        return terms
    target = q.target
    mood = s.reals[MOOD_LINE]
    presumption = r[R_CHALLENGE_PRESUMPTION] if q.kind == RELIEVE else \
        r[R_ACCUSATION_PRESUMPTION]
    terms[L.T_PRESUMPTION] = -presumption
    terms[L.T_STANDING] = r[R_PRESTIGE_WEIGHT] * (prestige[sponsor] - prestige[target]) / 100
    terms[L.T_FEAR] = r[R_THREAT_WEIGHT] * (f.perceived[target] - f.perceived[sponsor]) / 100
    terms[L.T_FILES] = r[R_DOSSIER_BONUS] * q.leverage
    terms[L.T_MOOD] = r[R_MOOD_WEIGHT] * (abs(s.line[target] - mood)
                                          - abs(s.line[sponsor] - mood)) / 2
    agenda = (1.0 if f.agenda[sponsor] else 0.0) - (1.0 if f.agenda[target] else 0.0)
    terms[L.T_AGENDA] = r[R_AGENDA_WEIGHT] * agenda
    terms[L.T_DEFENCE] = -q.defence
    if r[R_FACTION_BAN] != 0.0 and s.platform[target]:
        terms[L.T_BAN] = r[R_BAN_BONUS] * (0.5 + s.reals[MOOD_UNITY])
    if s.exposed[target]:
        terms[L.T_EXPOSED] = r[R_EXPOSURE_WEIGHT]
    if not has_case(s, q):
        terms[L.T_NO_CASE] = -r[R_CASE_WEIGHT]
    return terms


# The order in which each kind of motion adds its terms up (the same sum, to the last bit, as
# the words list them).
_ORDER_RESOLUTION = np.array([L.T_MOOD, L.T_STANDING])
_ORDER_RESIGN = np.array([L.T_HABIT, L.T_FEAR, L.T_STANDING])
_ORDER_CONFIDENCE = np.array([L.T_HABIT, L.T_STANDING])
_ORDER_AIMED = np.array([L.T_PRESUMPTION, L.T_STANDING, L.T_FEAR, L.T_FILES, L.T_MOOD,
                         L.T_AGENDA, L.T_DEFENCE, L.T_BAN, L.T_EXPOSED, L.T_NO_CASE])


@kernel
def term_order(kind: int) -> np.ndarray:
    """The terms of a kind of motion, in the order they are added up and named."""
    if kind == RESOLUTION:
        return _ORDER_RESOLUTION
    if kind == RESIGN:
        return _ORDER_RESIGN
    if kind == CONFIDENCE:
        return _ORDER_CONFIDENCE
    return _ORDER_AIMED


@kernel
def merit(terms: np.ndarray, kind: int) -> float:
    """The log-odds that an uncommitted voter with no line of their own votes for the motion:
    the sum of its terms."""
    total = 0.0
    for i in term_order(kind):
        if not np.isnan(terms[i]):
            total += terms[i]
    return total


@kernel
def line_terms(s: State, q: Question) -> tuple[float, float, float]:
    """``(a, b, scale)`` such that a voter with line ``x`` adds ``(|x - a| - |x - b|) / scale``
    to their log-odds of voting for the motion: for a resolution, how much nearer it brings the
    party's line; for a charge, how much nearer the voter stands to the sponsor than to the
    target; other motions are not judged by the voter's line."""
    if q.kind == RESOLUTION:
        party = s.reals[PARTY_LINE]
        step = s.rules[R_RESOLUTION_STEP]
        return party, party + q.direction * step, step
    if aimed(q):
        return s.line[q.target], s.line[q.sponsor], 1.0
    return 0.0, 0.0, 1.0


# ----- who sits in each organ, grouped into blocs ---------------------------------------------
class Electorate(NamedTuple):
    """An organ's voters in blocs, whatever the question: ``follow[b, k]`` of bloc ``b``'s votes
    go as contender ``k`` stands (their own seat, or their faction's whip); the ``waverers``
    judge the motion on its merits, from the bloc's own ``line`` where ``has_line``. ``label``
    and ``ref`` say who the bloc is (``L_*``), ``tag`` and ``who`` whom it follows (``G_*``)."""

    seats: np.ndarray  # (B,) float64
    follow: np.ndarray  # (B, N) float64
    waverers: np.ndarray  # (B,) float64
    lines: np.ndarray  # (B,) float64
    has_line: np.ndarray  # (B,) float64
    label: np.ndarray  # (B,) int64
    ref: np.ndarray  # (B,) int64
    tag: np.ndarray  # (B,) int64
    who: np.ndarray  # (B,) int64


new_electorate = carried(Electorate)  # what kernels call to build an Electorate


@kernel
def _politburo(s: State, t: Tables, f: Floor) -> Electorate:
    """Member by member: contenders vote as they stand; a notable votes with the faction they
    follow if loyal enough to it (half or more), and otherwise on the merits, from their line."""
    n = s.status.shape[0]
    faction, contender, notable = ops.politburo(s, t)
    rows = faction.shape[0]
    follow = np.zeros((rows, n))
    waverers, lines = np.zeros(rows), np.zeros(rows)
    label, ref = np.zeros(rows, np.int64), np.zeros(rows, np.int64)
    tag, who = np.zeros(rows, np.int64), np.zeros(rows, np.int64)
    for b in range(rows):
        c, k = contender[b], notable[b]
        if c >= 0:
            follow[b, c] = 1.0
            label[b], ref[b], tag[b], who[b] = L.L_CONTENDER, c, L.G_SEAT, c
            continue
        label[b], ref[b] = L.L_NOTABLE, k
        followed = faction[b] if faction[b] >= 0 and f.active[faction[b]] else -1
        if followed >= 0 and s.notable_loyalty[k, followed] >= 0.5:
            follow[b, followed] = 1.0
            tag[b], who[b] = L.G_WHIP, faction[b]
        else:
            waverers[b], lines[b] = 1.0, t.notable_line[k]
            tag[b], who[b] = L.G_MERITS, followed
    return new_electorate(np.ones(rows), follow, waverers, lines, waverers.copy(), label, ref,
                      tag, who)


@kernel
def _central_committee(s: State, f: Floor, discipline: float) -> Electorate:
    """One bloc per faction (then the uncommitted), judging with no line of their own."""
    n = s.status.shape[0]
    seats = ops.cc_blocs(s)
    keep = np.flatnonzero(seats > 0)
    rows = keep.shape[0]
    follow = np.zeros((rows, n))
    waverers = np.zeros(rows)
    label, ref = np.zeros(rows, np.int64), np.zeros(rows, np.int64)
    tag, who = np.full(rows, L.G_WHIP, np.int64), np.zeros(rows, np.int64)
    for b in range(rows):
        k = keep[b]
        loyal = 0.0
        if k < n and f.active[k]:
            loyal = float(round(seats[k] * discipline))
            follow[b, k] = loyal
        waverers[b] = seats[k] - loyal
        label[b], ref[b] = (L.L_FACTION, k) if k < n else (L.L_UNCOMMITTED, -1)
        who[b] = k if k < n else -1
    zeros = np.zeros(rows)
    return new_electorate(seats[keep].astype(np.float64), follow, waverers, zeros, zeros.copy(),
                      label, ref, tag, who)


@kernel
def _congress(s: State, t: Tables, f: Floor, discipline: float) -> Electorate:
    """One bloc per regional delegation, judging from the region's own line."""
    n = s.status.shape[0]
    delegations, region_blocs = ops.congress_blocs(s)
    sent = np.flatnonzero(delegations > 0)
    rows = sent.shape[0]
    follow = np.zeros((rows, n))
    waverers, lines = np.zeros(rows), np.zeros(rows)
    label, ref = np.full(rows, L.L_DELEGATION, np.int64), sent.copy()
    tag, who = np.full(rows, L.G_MOSTLY, np.int64), np.zeros(rows, np.int64)
    for b in range(rows):
        r = sent[b]
        whipped = 0.0
        for k in range(n):
            if f.active[k]:
                follow[b, k] = np.round(region_blocs[r, k] * discipline)
                whipped += follow[b, k]
        waverers[b] = delegations[r] - whipped
        lines[b] = t.region_line[r]
        lead = int(np.argmax(s.loyalty[r]))
        who[b] = lead if lead < n else -1
    return new_electorate(delegations[sent].astype(np.float64), follow, waverers, lines,
                      np.ones(rows), label, ref, tag, who)


@kernel
def electorate(s: State, t: Tables, f: Floor, organ: int, discipline: float) -> Electorate:
    if organ == POLITBURO:
        return _politburo(s, t, f)
    if organ == CENTRAL_COMMITTEE:
        return _central_committee(s, f, discipline)
    return _congress(s, t, f, discipline)


@kernel
def votes_needed(total: float, majority: float) -> int:
    """Votes for that carry a motion: more than half, or at least the qualified share."""
    if majority <= 0.5:
        return int(math.floor(total / 2)) + 1
    return int(math.ceil(total * majority - 1e-9))


@kernel
def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


# ----- holding a vote ---------------------------------------------------------------------------
@kernel
def take_vote(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, q: Question,
              organ: int) -> tuple[bool, int]:
    """Hold the vote, drawing chance from the game's generator; record it with every bloc's
    parts and what decided them. Returns whether it carried, and its event row (or -1 if the
    log is full)."""
    n = s.status.shape[0]
    f = floor(s, t)
    stance = np.zeros(n, np.int64)
    why = np.zeros(n, np.int64)
    for k in range(n):
        if f.active[k]:
            stance[k], why[k] = stand_and_why(s, q, k)
    e = electorate(s, t, f, organ, discipline(s, q, organ))
    terms = merit_terms(s, f, q)
    base = merit(terms, q.kind)
    a, b, scale = line_terms(s, q)
    noise = rng.normal(0.0, s.rules[R_VOTE_NOISE])
    blocs = e.seats.shape[0]
    yes = np.zeros(blocs, np.int64)
    judged = np.zeros(blocs, np.int64)
    lean = np.zeros(blocs)
    for i in range(blocs):
        loyal_yes = 0.0
        for k in range(n):
            if stance[k] > 0:
                loyal_yes += e.follow[i, k]
        if e.has_line[i] > 0:
            x = e.lines[i]
            lean[i] = (abs(x - a) - abs(x - b)) / scale
        judged[i] = rng.binomial(int(e.waverers[i]), _sigmoid(base + lean[i] + noise))
        yes[i] = int(loyal_yes) + judged[i]
    total_yes, total_no = 0, 0
    for i in range(blocs):
        total_yes += yes[i]
        total_no += int(e.seats[i]) - yes[i]
    needed = votes_needed(total_yes + total_no, q.majority)
    passed = total_yes >= needed
    target = q.target if q.target >= 0 else -1
    row = L.record(log, s.ints[TURN], L.K_VOTE, L.C_VOTE, True, w.ints[W_FACTOR], q.sponsor,
                   target, -1, q.office)
    v = L.new_vote(log, row)
    if v >= 0:
        vote = log.vote[v]
        vote[L.V_KIND], vote[L.V_SPONSOR], vote[L.V_TARGET] = q.kind, q.sponsor, q.target
        vote[L.V_DIRECTION], vote[L.V_OFFICE], vote[L.V_ORGAN] = q.direction, q.office, organ
        vote[L.V_LEVERAGE], vote[L.V_YES], vote[L.V_NO] = q.leverage, total_yes, total_no
        vote[L.V_NEEDED], vote[L.V_PASSED] = needed, 1 if passed else 0
        log.vote_x[v, L.VX_NOISE] = noise
        log.vote_x[v, L.VX_MAJORITY] = q.majority
        log.vote_x[v, L.VX_DEFENCE] = q.defence
        log.vote_x[v, L.VX_TERMS:] = terms
        log.stance[v, :] = stance
        log.stance_why[v, :] = why
        for i in range(blocs):
            bl = L.new_bloc(log, v, e.label[i], e.ref[i], e.tag[i], e.who[i])
            if bl < 0:
                break
            seats = int(e.seats[i])
            log.bloc[bl, L.B_SEATS] = seats
            log.bloc[bl, L.B_YES] = yes[i]
            log.bloc[bl, L.B_NO] = seats - yes[i]
            log.bloc[bl, L.B_JUDGED_YES] = judged[i]
            log.bloc[bl, L.B_JUDGING] = int(e.waverers[i])
            log.bloc_lean[bl] = lean[i] * e.has_line[i]
            for k in range(n):
                log.follow[bl, k] = int(round(e.follow[i, k]))
    return passed, row


@kernel
def choose(s: State, t: Tables, log: L.Log, rng: np.random.Generator, backed: np.ndarray,
           lean: np.ndarray, swayed_by: int) -> tuple[np.ndarray, int]:
    """The Central Committee chooses between options (a card's choices, the candidates for an
    office). Each faction whose leader backs an option (``backed[c]``, -1: none) votes for it,
    ``bloc_discipline`` of it; the rest of each faction, and the uncommitted, choose for
    themselves, leaning to each option by ``lean`` (log-odds: ``swayed_by`` says what it is)
    and the mood in the room (one draw of noise per option). Returns the votes per option and
    the vote row recording the count and its blocs (``log.attach`` it to the event that
    reports the choice, once recorded)."""
    n = s.status.shape[0]
    options = lean.shape[0]
    seats = ops.cc_blocs(s)
    votes = np.zeros(options, np.int64)
    whipped = np.zeros(n, np.int64)
    free = seats[n]
    for c in range(n):
        if not seats[c]:
            continue
        if backed[c] >= 0:
            whipped[c] = round(seats[c] * s.rules[R_BLOC_DISCIPLINE])
        free += seats[c] - whipped[c]
        if whipped[c]:
            votes[backed[c]] += whipped[c]
    room = rng.normal(0.0, s.rules[R_VOTE_NOISE], options)
    weight = lean + room
    p = np.exp(weight - weight.max())
    own = multinomial(rng, free, p / ops.sum_of(p))
    votes += own
    v = L.new_vote(log, -1)
    if v >= 0:
        log.vote[v, L.V_KIND] = L.V_KIND_CHOICE
        log.vote[v, L.V_ORGAN] = CENTRAL_COMMITTEE
        log.vote[v, L.V_CHOICES] = options
        log.vote[v, L.V_DIRECTION] = swayed_by
        log.options[v, :options] = votes
        log.option_x[v, :options, 0] = lean
        log.option_x[v, :options, 1] = room
        for c in range(n):
            if whipped[c]:
                bl = L.new_bloc(log, v, L.L_FACTION, c, L.G_WHIP, c)
                if bl >= 0:
                    log.split[bl, backed[c]] = whipped[c]
        bl = L.new_bloc(log, v, L.L_FREE, -1, L.G_MERITS, -1)
        if bl >= 0:
            log.split[bl, :options] = own
    return votes, v


@kernel
def multinomial(rng: np.random.Generator, n: int, p: np.ndarray) -> np.ndarray:
    """``rng.multinomial(n, p)``, drawn as numpy draws it (a binomial per option), so the same
    numbers compiled or not (numba's Generator has no ``multinomial``)."""
    k = p.shape[0]
    out = np.zeros(k, np.int64)
    remaining, left = 1.0, n
    for j in range(k - 1):
        if left <= 0:
            break
        x = rng.binomial(left, min(max(p[j] / remaining, 0.0), 1.0))
        out[j] = x
        left -= x
        remaining -= p[j]
    if left > 0:
        out[k - 1] = left
    return out


# ----- the odds of a vote -----------------------------------------------------------------------
@kernel
def odds(s: State, f: Floor, q: Question, e: Electorate) -> float:
    """The probability that the motion carries in the room ``e`` (:func:`electorate`): over
    the room's mood (Gauss-Hermite nodes), and over the waverers' judgements (normal
    approximation with continuity correction)."""
    n = s.status.shape[0]
    loyal = 0.0
    for k in range(n):
        if not f.active[k]:
            continue
        whipped = 0.0
        for b in range(e.seats.shape[0]):
            whipped += e.follow[b, k]
        if whipped and stand_and_why(s, q, k)[0] > 0:
            loyal += whipped
    base = merit(merit_terms(s, f, q), q.kind)
    a, b_, scale = line_terms(s, q)
    need = votes_needed(ops.sum_of(e.seats), q.majority) - 0.5  # continuity correction
    noise = s.rules[R_VOTE_NOISE]
    leaning = np.empty(e.seats.shape[0])  # each bloc's judgement before the room's mood
    for i in range(e.seats.shape[0]):
        lean = 0.0
        if e.has_line[i] > 0:
            x = e.lines[i]
            lean = (abs(x - a) - abs(x - b_)) / scale
        leaning[i] = base + lean
    chance = 0.0
    for j in range(_NODES.shape[0]):
        mood = _NODES[j] * noise
        mean, var = loyal, 0.0
        for i in range(e.seats.shape[0]):
            if e.waverers[i] <= 0:
                continue
            p = _sigmoid(mood + leaning[i])
            mean += p * e.waverers[i]
            var += p * e.waverers[i] * (1.0 - p)
        z = (mean - need) / math.sqrt(max(var, 1e-9))
        cdf = 0.5 * (1.0 + math.tanh(_SQRT_2_OVER_PI * (z + 0.044715 * z * z * z)))
        chance += _WEIGHTS[j] * cdf
    return min(max(chance, 0.0), 1.0)

