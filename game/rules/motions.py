"""The votes on waiting motions: accusations of factionalism, challenges to a rival's office and
offers to resign, each put to its organ at that organ's next meeting.

An accusation goes to the organ that decides the target's next step down (an office first, then
the Politburo, the Central Committee, the party, exile and deportation). Dossiers give it
leverage; the target's answers (a defence, an appeal to the rank and file or to the Comintern)
sway those who judge for themselves. The questions here are also what the odds of an action
ask (:func:`game.rules.votes.odds`).
"""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops, organs, votes
from .jit import kernel
from .layout import (
    ACCUSE,
    IN_PARTY,
    LEFT,
    M_KIND,
    M_LEVERAGE,
    M_OFFICE,
    M_ORGAN,
    M_SPONSOR,
    M_TARGET,
    OPPONENTS_WEAKNESSES,
    PRESTIGE,
    R_OFFICES_FIRST,
    RELIEVE,
    RESIGN,
    RESOLUTION,
    RIVALRIES,
    THREAT,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work
from .votes import Question


# ----- the questions put -------------------------------------------------------------------------
@kernel
def accusation_question(s: State, t: Tables, c: int, target: int, leverage: int,
                        defence: float) -> Question:
    """The question an accusation puts: a qualified majority where the target's rung asks for
    one (removal from office, under the rule ``offices_first``, takes a simple majority).
    ``leverage``: the dossiers spent on it (an accusation not yet made: ``s.dossiers[c,
    target]``)."""
    majority = t.majority[s.status[target]]
    if s.rules[R_OFFICES_FIRST] != 0.0 and ops.holds_any(s, target):
        majority = 0.5
    return Question(ACCUSE, c, target, 0, leverage, -1, majority, defence)


@kernel
def challenge_question(s: State, c: int, office: int, leverage: int,
                       defence: float) -> Question:
    """The question a challenge puts to the Central Committee: relieve the holder. ``leverage``:
    the dossiers spent on it (a challenge not yet made: ``s.dossiers[c, holder]``)."""
    return Question(RELIEVE, c, ops.holder(s, office), 0, leverage, office, 0.5, defence)


@kernel
def resign_question(c: int, office: int) -> Question:
    """The question an offer to resign ``office`` puts: accept the resignation."""
    return Question(RESIGN, c, -1, 0, 0, office, 0.5, 0.0)


@kernel
def resolution_question(c: int, side: int) -> Question:
    """The question a resolution puts to the Politburo: move the party's line to the ``side``
    (``LEFT`` or ``RIGHT``)."""
    return Question(RESOLUTION, c, -1, -1 if side == LEFT else 1, 0, -1, 0.5, 0.0)


# ----- deciding them ------------------------------------------------------------------------------
@kernel
def question_of(s: State, t: Tables, m: np.ndarray) -> Question:
    """The question a waiting motion (a row of ``State.motions``) puts; its target's answers
    count as their defence."""
    kind, sponsor, leverage = m[M_KIND], m[M_SPONSOR], m[M_LEVERAGE]
    if kind == ACCUSE:
        return accusation_question(s, t, sponsor, m[M_TARGET], leverage, organs.defence_of(s, m))
    if kind == RELIEVE:
        return challenge_question(s, sponsor, m[M_OFFICE], leverage, organs.defence_of(s, m))
    return resign_question(sponsor, m[M_OFFICE])


@kernel
def decide_charge(s: State, t: Tables, w: Work, log: L.Log, m: np.ndarray,
                  passed: bool) -> None:
    """An accusation or a challenge voted on: an accusation carried pushes the target one step
    down the ladder, a challenge carried relieves the holder of the office. The side that wins
    gains prestige, the side that loses pays, a target who falls the most."""
    accusation = m[M_KIND] == ACCUSE
    sponsor, target = m[M_SPONSOR], m[M_TARGET]
    if passed:
        if accusation:
            ops.demote(s, t, w, log, target)
        else:
            ops.remove_holder(s, t, w, log, m[M_OFFICE], target)
        ops.change_quality(s, target, PRESTIGE, -8.0 if accusation else -4.0)
        ops.change_quality(s, sponsor, PRESTIGE, 2.0)
    else:
        ops.change_quality(s, sponsor, PRESTIGE, -5.0 if accusation else -4.0)
        ops.change_quality(s, target, PRESTIGE, 3.0 if accusation else 2.0)


@kernel
def decide_resignation(s: State, t: Tables, w: Work, log: L.Log, m: np.ndarray,
                       passed: bool) -> None:
    """An offer to resign voted on: refused, the offer wins prestige and trust; accepted, the
    office is gone."""
    sponsor = m[M_SPONSOR]
    if passed:
        ops.remove_holder(s, t, w, log, m[M_OFFICE], sponsor)
    else:
        ops.change_quality(s, sponsor, PRESTIGE, 8.0)
        ops.change_quality(s, sponsor, THREAT, -5.0)
        for k in range(s.status.shape[0]):
            ops.change_trust(s, k, sponsor, 0.1)


@kernel
def vote_motions(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator,
                 organ: int) -> None:
    """Put the motions waiting for ``organ`` to the vote, oldest first (those filed this turn
    wait: :func:`game.rules.organs.take_due`), each while its sponsor is still in the party, a
    challenge only while its target still holds the office, and a charge only while its target
    is still the organ's to judge (one arrested, expelled or already brought down meanwhile is
    not judged twice: the charge lapses, and the record says so). A vote aimed at a rival is
    booked as a rivalry, or as a weakness exploited where the target has an open platform.
    (One vote for every kind of motion: each kernel that votes compiles the whole vote.)"""
    due = organs.take_due(s, organ)
    for i in range(due.shape[0]):
        m = due[i]
        kind, target = m[M_KIND], m[M_TARGET]
        if not ops.in_organ(s, t, m[M_SPONSOR], IN_PARTY):
            continue
        if kind == RELIEVE and ops.holder(s, m[M_OFFICE]) != target:
            continue
        if kind == ACCUSE and t.removed_by[s.status[target]] != m[M_ORGAN]:
            i = L.record(log, s.ints[TURN], L.K_MEETING, L.C_CHARGE_LAPSES, True,
                         w.ints[W_FACTOR], m[M_SPONSOR], target, -1, -1)
            if i >= 0:
                log.event[i, L.E_I0] = m[M_ORGAN]
            continue
        before = w.ints[W_FACTOR]
        if kind != RESIGN:
            w.ints[W_FACTOR] = OPPONENTS_WEAKNESSES if s.platform[target] else RIVALRIES
        passed, _ = votes.take_vote(s, t, w, log, rng, question_of(s, t, m), m[M_ORGAN])
        if kind == RESIGN:
            decide_resignation(s, t, w, log, m, passed)
        else:
            decide_charge(s, t, w, log, m, passed)
        w.ints[W_FACTOR] = before
