"""Every action of the game: whether it may be taken (:func:`check`, and :func:`gate` for all
its targets at once), what it does (:func:`apply`), and the phase of a turn in which the orders
are carried out (:func:`act`), each with a private RESULT row telling its actor what it did.

The rules themselves live in one module per job (:mod:`patronage`, :mod:`persuasion`,
:mod:`alliances`, :mod:`charges`, :mod:`personal`, :mod:`agenda`); this module only dispatches
on the action's kind (``A_*``). Orders are ``(kind, target, option)`` rows; the target is an
index by the kind's argument (a region, a contender, an office, ``LEFT``/``RIGHT``,
``CONVENE_*``, ``FORUM_*``, or -1 for none).
"""

from __future__ import annotations

import numpy as np

from . import agenda, alliances, charges, ops, patronage, personal, persuasion
from . import log as L
from . import reasons as why
from .jit import kernel
from .layout import (
    A_ACCEPT,
    A_ACCUSE,
    A_ALLY,
    A_APPEAL,
    A_APPOINT,
    A_ARMY,
    A_ARTICLE,
    A_BREAK,
    A_CHALLENGE,
    A_CONVENE,
    A_DECIDE,
    A_DEFEND,
    A_DOSSIER,
    A_PLATFORM,
    A_RECANT,
    A_RECRUIT,
    A_RESIGN,
    A_RESOLUTION,
    A_REST,
    A_SHIFT,
    A_SPEECH,
    A_SUBVERT,
    AGENDA,
    ALLIANCES,
    ANSWER_COMINTERN,
    ANSWER_PARTY,
    IDEOLOGY,
    IN_POLITBURO,
    KINDS,
    LUCK,
    OPPONENTS_WEAKNESSES,
    PATRONAGE,
    PERSONAL_QUALITIES,
    PRESTIGE,
    RIVALRIES,
    TURN,
    State,
    Tables,
)
from .ops import W_FACTOR, Work

# The historians' factor each kind of action is booked under: what it moves is credited to it.
_FACTORS = {
    A_APPOINT: PATRONAGE, A_SUBVERT: PATRONAGE, A_RECRUIT: PATRONAGE, A_DOSSIER: PATRONAGE,
    A_CONVENE: PATRONAGE, A_SPEECH: PERSONAL_QUALITIES, A_DEFEND: PERSONAL_QUALITIES,
    A_APPEAL: PERSONAL_QUALITIES, A_ARMY: PERSONAL_QUALITIES, A_RESIGN: PERSONAL_QUALITIES,
    A_REST: PERSONAL_QUALITIES, A_ARTICLE: IDEOLOGY, A_SHIFT: IDEOLOGY, A_RESOLUTION: IDEOLOGY,
    A_PLATFORM: IDEOLOGY, A_ALLY: ALLIANCES, A_ACCEPT: ALLIANCES, A_BREAK: RIVALRIES,
    A_ACCUSE: RIVALRIES, A_CHALLENGE: RIVALRIES, A_RECANT: OPPONENTS_WEAKNESSES,
    A_DECIDE: LUCK,
}
FACTOR = np.array([_FACTORS[k] for k in range(KINDS)], np.int64)

# Actions take effect phase by phase: alliances first (so allies then act as allies), then
# lines and platforms, then work on the regions, then the votes they feed.
PHASES = np.array([
    A_BREAK, A_ACCEPT, A_ALLY, A_SHIFT, A_RECANT, A_PLATFORM, A_APPOINT, A_SUBVERT, A_RECRUIT,
    A_DOSSIER, A_SPEECH, A_ARTICLE, A_ARMY, A_REST, A_RESOLUTION, A_ACCUSE, A_CHALLENGE,
    A_DEFEND, A_APPEAL, A_RESIGN, A_CONVENE,
], np.int64)


@kernel
def check(s: State, t: Tables, c: int, kind: int, target: int) -> tuple[int, int]:
    """Whether ``c`` may take the action now: ``(OK, -1)``, or the reason and its argument."""
    if kind == A_APPOINT:
        return patronage.check_appoint(s, t, c, target)
    if kind == A_SUBVERT:
        return patronage.check_subvert(s, t, c, target)
    if kind == A_RECRUIT:
        return patronage.check_recruit(s, t, c, target)
    if kind == A_SPEECH:
        return why.requires_party(s, t, c)
    if kind == A_ARTICLE or kind == A_REST:
        return why.requires_acting(s, t, c)
    if kind == A_SHIFT:
        return persuasion.check_direction(s, t, c, target)
    if kind == A_RESOLUTION:
        return persuasion.check_resolution(s, t, c, target)
    if kind == A_ALLY:
        return alliances.check_ally(s, t, c, target)
    if kind == A_ACCEPT:
        return alliances.check_accept(s, t, c, target)
    if kind == A_BREAK:
        return alliances.check_break(s, c, target)
    if kind == A_PLATFORM:
        return charges.check_platform(s, t, c)
    if kind == A_RECANT:
        return charges.check_recant(s, t, c)
    if kind == A_DOSSIER:
        return charges.check_dossier(s, t, c, target)
    if kind == A_ACCUSE:
        return charges.check_accuse(s, t, c, target)
    if kind == A_CHALLENGE:
        return charges.check_challenge(s, t, c, target)
    if kind == A_DEFEND:
        return charges.check_defend(s, t, c)
    if kind == A_APPEAL:
        return charges.check_appeal(s, t, c, target)
    if kind == A_ARMY:
        return personal.check_army(s, t, c)
    if kind == A_RESIGN:
        return personal.check_resign(s, t, c, target)
    if kind == A_CONVENE:
        return agenda.check_convene(s, t, c, target)
    return why.NO_SUCH_ACTION, -1


@kernel
def gate(s: State, t: Tables, c: int, kind: int) -> tuple[int, int]:
    """A reason that refuses every target of ``kind`` to ``c`` at once, or ``(OK, -1)``: when it
    refuses, :func:`check` refuses each target (perhaps for another reason), so the options
    can be listed without asking about each target. (Each kind asks the rules' own functions,
    never :func:`check` with a constant target: numba compiles a kernel afresh for every
    constant it is called with.)"""
    if kind == A_APPOINT:
        reason, arg = patronage.may_appoint(s, t, c)
        if reason != why.OK:
            return reason, arg
        return why.requires_party(s, t, c)
    if kind == A_RECRUIT:
        return patronage.may_recruit(s, t, c)
    if kind == A_SUBVERT or kind == A_ALLY or kind == A_DOSSIER:
        return why.requires_party(s, t, c)
    if kind == A_SPEECH or kind == A_SHIFT:
        return why.requires_party(s, t, c)
    if kind == A_RESOLUTION:
        if not ops.in_organ(s, t, c, IN_POLITBURO):
            return why.NOT_IN_POLITBURO, -1
        return why.requires_party(s, t, c)
    if kind == A_ACCEPT:
        for k in range(s.status.shape[0]):
            if s.offers[k, c]:
                return why.OK, -1
        return why.NO_OFFERS, -1
    if kind == A_BREAK:
        for k in range(s.status.shape[0]):
            if s.allied[c, k]:
                return why.OK, -1
        return why.NO_ALLIES, -1
    if kind == A_ACCUSE or kind == A_CHALLENGE:
        return charges.may_accuse(s, t, c)
    if kind == A_APPEAL:
        if charges.open_answers(s, c) & (ANSWER_PARTY | ANSWER_COMINTERN) == 0:
            return why.NO_CHARGE_TO_APPEAL, -1
        return why.OK, -1
    if kind == A_RESIGN:
        if not ops.holds_any(s, c):
            return why.NOT_YOUR_OFFICE, -1
        return personal.check_resign(s, t, c, ops.offices_of(s, t, c)[0])
    if kind == A_CONVENE:
        if not ops.has_power(s, t, c, AGENDA):
            return why.NO_AGENDA, -1
        return why.requires_party(s, t, c)
    if kind == A_ARTICLE or kind == A_REST:
        return why.requires_acting(s, t, c)
    if kind == A_PLATFORM:
        return charges.check_platform(s, t, c)
    if kind == A_RECANT:
        return charges.check_recant(s, t, c)
    if kind == A_DEFEND:
        return charges.check_defend(s, t, c)
    if kind == A_ARMY:
        return personal.check_army(s, t, c)
    return why.NO_SUCH_ACTION, -1


@kernel
def apply(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, c: int,
          kind: int, target: int, notes: np.ndarray, figures: np.ndarray) -> None:
    """Carry out a legal action (under the factor in force, ``w.ints[W_FACTOR]``). ``notes``
    (3 ints) and ``figures`` (2 floats) receive the numbers its actor is told."""
    if kind == A_APPOINT:
        patronage.appoint(s, w, c, target, figures)
    elif kind == A_SUBVERT:
        patronage.subvert(s, t, w, log, rng, c, target, notes, figures)
    elif kind == A_RECRUIT:
        patronage.recruit(s, w, target, figures)
    elif kind == A_SPEECH:
        persuasion.speech(s, t, w, c)
    elif kind == A_ARTICLE:
        persuasion.article(s, t, w, c)
    elif kind == A_SHIFT:
        persuasion.shift(s, c, target)
    elif kind == A_RESOLUTION:
        persuasion.resolution(s, t, w, log, rng, c, target, notes)
    elif kind == A_ALLY:
        alliances.ally(s, w, log, c, target)
    elif kind == A_ACCEPT:
        alliances.seal(s, w, log, c, target)
    elif kind == A_BREAK:
        alliances.break_alliance(s, w, log, c, target)
    elif kind == A_PLATFORM:
        charges.platform(s, t, w, log, c)
    elif kind == A_RECANT:
        charges.recant(s, t, w, log, c)
    elif kind == A_DOSSIER:
        charges.dossier(s, t, w, log, c, target, notes)
    elif kind == A_ACCUSE:
        charges.accuse(s, t, w, log, c, target, notes)
    elif kind == A_CHALLENGE:
        charges.challenge(s, t, w, log, c, target)
    elif kind == A_DEFEND:
        charges.defend(s, w, log, c, figures)
    elif kind == A_APPEAL:
        charges.appeal(s, w, log, c, target)
    elif kind == A_ARMY:
        personal.army(s, t, w, c)
    elif kind == A_REST:
        personal.rest(s, c, figures)
    elif kind == A_RESIGN:
        personal.resign(s, w, log, c, target)
    elif kind == A_CONVENE:
        agenda.convene(s, w, log, c, target)


@kernel
def seen(s: State, kind: int, target: int) -> int:
    """What the action's label names that the action may change: the region's patron, or the
    holder of the office challenged (-1: none)."""
    if kind == A_APPOINT or kind == A_SUBVERT or kind == A_RECRUIT:
        if patronage.is_region(s, target):
            return s.patron[target]
    elif kind == A_CHALLENGE:
        if 0 <= target < s.holds.shape[0]:
            return ops.holder(s, target)
    return -1


@kernel
def carry_out(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator, c: int,
              kind: int, target: int) -> int:
    """One order: checked again (an order may have been overtaken by events this turn), then
    carried out under its kind's factor; either way a private RESULT row tells ``c`` what came
    of it (its index, or -1 if the log is full)."""
    label = seen(s, kind, target)
    reason, arg = check(s, t, c, kind, target)
    turn = s.ints[TURN]
    if reason != why.OK:
        row = L.record(log, turn, L.K_RESULT, kind, False, w.ints[W_FACTOR], c, -1, -1, target)
        if row >= 0:
            log.event[row, L.RESULT_REASON] = reason
            log.event[row, L.RESULT_ARG] = arg
            log.event[row, L.RESULT_SEEN] = label
        return row
    support_before = ops.support(s)[c]
    prestige_before = s.quality[c, PRESTIGE]
    notes = np.zeros(3, np.int64)
    figures = np.zeros(2)
    outer = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = FACTOR[kind]
    apply(s, t, w, log, rng, c, kind, target, notes, figures)
    w.ints[W_FACTOR] = outer
    row = L.record(log, turn, L.K_RESULT, kind, False, outer, c, -1, -1, target)
    if row >= 0:
        log.event[row, L.RESULT_REASON] = why.OK
        log.event[row, L.RESULT_ARG] = -1
        log.event[row, L.RESULT_SEEN] = label
        log.event[row, L.RESULT_I0] = notes[0]
        log.event[row, L.RESULT_I1] = notes[1]
        log.event[row, L.RESULT_I2] = notes[2]
        x = log.event_x[row]
        x[L.RESULT_SUPPORT_BEFORE] = support_before
        x[L.RESULT_SUPPORT_AFTER] = ops.support(s)[c]
        x[L.RESULT_PRESTIGE_BEFORE] = prestige_before
        x[L.RESULT_PRESTIGE_AFTER] = s.quality[c, PRESTIGE]
        x[L.RESULT_X0] = figures[0]
        x[L.RESULT_X1] = figures[1]
    return row


@kernel
def act(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator,
        orders: np.ndarray, n_orders: np.ndarray) -> None:
    """Carry out the orders (``orders[c, i] = (kind, target, option)``, ``n_orders[c]`` of
    them). Contenders act in a random order, drawn once, within each phase (:data:`PHASES`),
    so that nobody always moves first; choices on cards (``A_DECIDE``) are not actions here."""
    order = rng.permutation(s.status.shape[0])
    for kind in PHASES:
        for c in order:
            for i in range(n_orders[c]):
                if orders[c, i, 0] == kind:
                    carry_out(s, t, w, log, rng, c, kind, orders[c, i, 1])
