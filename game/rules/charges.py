"""The Ban on Factions: open platforms, dossiers, accusations, challenges, and the answers to
them.

An open platform speaks to the whole party, and under the Ban it is the evidence for an
accusation of factionalism. An accusation goes to the organ that decides the target's next
step down (an office first, then the Politburo, the Central Committee, the party, exile and
deportation); it waits for that organ's next meeting. A challenge moves that a rival be relieved
of an office at the next plenum. Dossiers give leverage to both; the target may answer them
(a defence, an appeal), and each answer is a bit of the motion's ``M_ANSWERS``.
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops
from . import reasons as why
from .alliances import rival_check
from .jit import kernel
from .layout import (
    ACCUSE,
    ANSWER_COMINTERN,
    ANSWER_DEFEND,
    ANSWER_PARTY,
    COMINTERN,
    DOSSIERS,
    FORUM_COMINTERN,
    FORUM_PARTY,
    IN_CC,
    IN_PARTY,
    IN_POLITBURO,
    M_ANSWERS,
    M_KIND,
    M_OFFICE,
    M_TARGET,
    N_MOTIONS,
    NO_ORGAN,
    ORATORY,
    PRESTIGE,
    R_ACCUSATION_COOLDOWN,
    R_DEFENCE_WEIGHT,
    R_DOSSIER_LIMIT,
    R_PLATFORM_STRENGTH,
    RELIEVE,
    THREAT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work

ALL_ANSWERS = ANSWER_DEFEND | ANSWER_PARTY | ANSWER_COMINTERN


# ----- platforms ----------------------------------------------------------------------------------
@kernel
def check_platform(s: State, t: Tables, c: int) -> tuple[int, int]:
    if s.platform[c]:
        return why.PLATFORM_OPEN, -1
    return why.requires_party(s, t, c)


@kernel
def platform(s: State, t: Tables, w: Work, log: L.Log, c: int) -> None:
    """Speaks to the whole party and wins members who share the line; under the Ban on
    Factions it also hands the rivals the charge of factionalism, and the unallied trust the
    speaker less."""
    s.platform[c] = True
    ops.change_quality(s, c, THREAT, 10.0)
    for k in range(s.status.shape[0]):
        if not s.allied[k, c]:
            ops.change_trust(s, k, c, -0.15)
    amounts = np.empty(t.region_line.shape[0])
    for r in range(amounts.shape[0]):
        closeness = 1.0 - abs(s.line[c] - t.region_line[r]) / 2.0
        amounts[r] = s.rules[R_PLATFORM_STRENGTH] * closeness * s.quality[c, ORATORY] / 100
    ops.win_over(s, w, c, amounts)
    L.record(log, s.ints[TURN], L.K_ACTION, L.C_PLATFORM, True, w.ints[W_FACTOR], c, -1, -1,
             -1)


@kernel
def check_recant(s: State, t: Tables, c: int) -> tuple[int, int]:
    reason, arg = why.requires_acting(s, t, c)
    if reason == why.OK and not s.platform[c] and ops.in_organ(s, t, c, IN_PARTY):
        return why.NO_PLATFORM, -1
    return reason, arg


@kernel
def drop_motions_against(s: State, c: int) -> None:
    """Withdraw every motion aimed at ``c`` (the others keep their order)."""
    kept = 0
    for i in range(s.ints[N_MOTIONS]):
        if s.motions[i, M_TARGET] != c:
            s.motions[kept] = s.motions[i]
            kept += 1
    s.motions[kept:] = 0
    s.ints[N_MOTIONS] = kept


@kernel
def recant(s: State, t: Tables, w: Work, log: L.Log, c: int) -> None:
    """Closes the platform and drops the accusations against the one who recants, at a cost in
    prestige; one who was expelled is readmitted (to the lowest rung inside the party)."""
    s.platform[c] = False
    ops.change_quality(s, c, PRESTIGE, -8.0)
    ops.change_quality(s, c, THREAT, -10.0)
    drop_motions_against(s, c)
    code = L.C_RECANTS
    if not ops.in_organ(s, t, c, IN_PARTY):
        for rung in range(t.rung.shape[0]):
            if t.rung[rung, IN_PARTY]:
                s.status[c] = rung
        code = L.C_READMITTED
    L.record(log, s.ints[TURN], L.K_STATUS, code, True, w.ints[W_FACTOR], c, -1, -1, -1)


# ----- dossiers -----------------------------------------------------------------------------------
@kernel
def check_dossier(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    reason, arg = rival_check(s, c, k)
    if reason != why.OK:
        return reason, arg
    if s.dossiers[c, k] >= s.rules[R_DOSSIER_LIMIT]:
        return why.FILE_FULL, k
    return why.requires_party(s, t, c)


@kernel
def dossier(s: State, t: Tables, w: Work, log: L.Log, c: int, k: int,
            notes: np.ndarray) -> None:
    """Secret leverage: each dossier makes a charge against ``k`` likelier to carry; the
    office that keeps the files compiles two at a time. ``notes``: the files now held, the
    most one may hold."""
    gain = 2 if ops.has_power(s, t, c, DOSSIERS) else 1
    limit = int(s.rules[R_DOSSIER_LIMIT])
    s.dossiers[c, k] = min(s.dossiers[c, k] + gain, limit)
    e = L.record(log, s.ints[TURN], L.K_ACTION, L.C_DOSSIER, False, w.ints[W_FACTOR], c, -1,
                 -1, -1)
    if e >= 0:
        log.event[e, L.E_I0] = k
    notes[0] = s.dossiers[c, k]
    notes[1] = limit


# ----- accusations and challenges -----------------------------------------------------------------
@kernel
def bar_to_charge(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    """What stops ``c`` charging ``k`` now, if anything."""
    if s.allied[c, k]:
        return why.ALLY_FIRST, k
    if t.removed_by[s.status[k]] == NO_ORGAN:
        return why.BOTTOM, k
    if ops.waiting(s, ACCUSE, M_TARGET, k):
        return why.CHARGE_WAITING, k
    if s.last_demoted[k] + s.rules[R_ACCUSATION_COOLDOWN] - s.ints[TURN] > 0:
        return why.TOO_SOON, k
    return why.OK, -1


@kernel
def may_accuse(s: State, t: Tables, c: int) -> tuple[int, int]:
    """Only members of the Central Committee (or the Politburo) bring charges."""
    if not ops.in_organ(s, t, c, IN_POLITBURO) and not ops.in_organ(s, t, c, IN_CC):
        return why.NOT_IN_CC, -1
    return why.requires_party(s, t, c)


@kernel
def check_accuse(s: State, t: Tables, c: int, k: int) -> tuple[int, int]:
    reason, arg = rival_check(s, c, k)
    if reason == why.OK:
        reason, arg = bar_to_charge(s, t, c, k)
    if reason == why.OK:
        reason, arg = may_accuse(s, t, c)
    return reason, arg


@kernel
def accuse(s: State, t: Tables, w: Work, log: L.Log, c: int, k: int,
           notes: np.ndarray) -> None:
    """The charge goes to the organ that decides ``k``'s next step down, at its next meeting;
    an open platform under the Ban, ``c``'s dossiers and ``k``'s perceived threat all help.
    ``notes``: that organ."""
    ops.file_charge(s, t, w, log, c, k)
    notes[0] = t.removed_by[s.status[k]]


@kernel
def bar_to_challenge(s: State, c: int, h: int, office: int) -> tuple[int, int]:
    """What stops ``c`` challenging ``h``'s hold on ``office`` now, if anything."""
    if s.allied[c, h]:
        return why.ALLY_FIRST, h
    if ops.waiting(s, RELIEVE, M_OFFICE, office):
        return why.CHALLENGE_WAITING, -1
    return why.OK, -1


@kernel
def check_challenge(s: State, t: Tables, c: int, office: int) -> tuple[int, int]:
    if office < 0 or office >= s.holds.shape[0]:
        return why.NO_OFFICE, office
    h = ops.holder(s, office)
    if h < 0:
        return why.VACANT, office
    if h == c:
        return why.OWN_OFFICE, -1
    reason, arg = bar_to_challenge(s, c, h, office)
    if reason == why.OK:
        reason, arg = may_accuse(s, t, c)
    return reason, arg


@kernel
def challenge(s: State, t: Tables, w: Work, log: L.Log, c: int, office: int) -> None:
    """The Central Committee votes at its next meeting. Carried, the rival loses the office and
    the power base behind it; lost, the challenger loses prestige."""
    ops.file_challenge(s, t, w, log, c, office)


# ----- answering the charges ----------------------------------------------------------------------
@kernel
def is_aimed(kind: int) -> bool:
    """Whether a motion of ``kind`` is aimed at a rival, and judged as a charge."""
    return kind == ACCUSE or kind == RELIEVE


@kernel
def open_answers(s: State, c: int) -> int:
    """The answers ``c`` may still give (bits of ``M_ANSWERS``): those that some motion aimed at
    them, waiting for a vote, lacks."""
    bits = 0
    for i in range(s.ints[N_MOTIONS]):
        m = s.motions[i]
        if m[M_TARGET] == c and is_aimed(m[M_KIND]):
            bits |= ~m[M_ANSWERS] & ALL_ANSWERS
    return bits


@kernel
def answer(s: State, c: int, bit: int) -> None:
    """``c`` answers every charge against them that waits, with ``bit``."""
    for i in range(s.ints[N_MOTIONS]):
        m = s.motions[i]
        if m[M_TARGET] == c and is_aimed(m[M_KIND]):
            m[M_ANSWERS] |= bit


@kernel
def check_defend(s: State, t: Tables, c: int) -> tuple[int, int]:
    reason, arg = why.requires_acting(s, t, c)
    if reason == why.OK and open_answers(s, c) & ANSWER_DEFEND == 0:
        return why.NO_CHARGE, -1
    return reason, arg


@kernel
def defend(s: State, w: Work, log: L.Log, c: int, figures: np.ndarray) -> None:
    """At the vote, the defence's oratory sways the members who judge for themselves.
    ``figures``: that swing."""
    answer(s, c, ANSWER_DEFEND)
    figures[0] = s.rules[R_DEFENCE_WEIGHT] * s.quality[c, ORATORY] / 100
    L.record(log, s.ints[TURN], L.K_ACTION, L.C_DEFENDS, True, w.ints[W_FACTOR], c, -1, -1, -1)


@kernel
def forum_answer(forum: int) -> int:
    """The answer bit of an appeal to ``forum``."""
    return ANSWER_PARTY if forum == FORUM_PARTY else ANSWER_COMINTERN


@kernel
def check_appeal(s: State, t: Tables, c: int, forum: int) -> tuple[int, int]:
    if forum != FORUM_PARTY and forum != FORUM_COMINTERN:
        return why.SAY_FORUM, -1
    if forum == FORUM_COMINTERN and not ops.has_power(s, t, c, COMINTERN):
        return why.NOT_COMINTERN, -1
    if open_answers(s, c) & forum_answer(forum) == 0:
        return why.NO_CHARGE_TO_APPEAL, -1
    if forum == FORUM_COMINTERN:
        return why.requires_party(s, t, c)
    return check_defend(s, t, c)


@kernel
def appeal(s: State, w: Work, log: L.Log, c: int, forum: int) -> None:
    """Over the leaders' heads: the rank and file, or the parties of the International. It
    sways the vote, and it is feared: it looks like a faction calling up its troops."""
    answer(s, c, forum_answer(forum))
    ops.change_quality(s, c, THREAT, 6.0 if forum == FORUM_PARTY else 3.0)
    e = L.record(log, s.ints[TURN], L.K_ACTION, L.C_APPEALS, True, w.ints[W_FACTOR], c, -1, -1,
                 -1)
    if e >= 0:
        log.event[e, L.E_I0] = forum
