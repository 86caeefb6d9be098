"""Event cards: which fire at the start of a turn, who decides them, and what they do; and each
contender's action points for the turn."""

from __future__ import annotations

import numpy as np

from . import log as L
from . import ops, programs
from .jit import kernel
from .layout import (
    CAN_ACT,
    DECIDED_BY_VOTE,
    FIRED,
    HEALTH,
    IN_PARTY,
    N_CARDS,
    N_DECISIONS,
    NOT_FIRED,
    ORGANISATION,
    R_BASE_ACTION_POINTS,
    TURN,
    State,
    Tables,
)
from .ops import W_DECIDER, W_FACTOR, Work
from .votes import SWAY_APPEAL, choose


@kernel
def action_points(s: State, t: Tables, c: int) -> int:
    """Base points, plus offices, plus a point for a gift for organisation; illness costs one."""
    if not ops.in_organ(s, t, c, CAN_ACT):
        return 0
    if not ops.in_organ(s, t, c, IN_PARTY):
        return 1
    points = s.rules[R_BASE_ACTION_POINTS]
    for o in range(s.holds.shape[0]):
        if s.holds[o, c]:
            points += t.office_points[o]
    if s.quality[c, ORGANISATION] >= 70:
        points += 1
    if s.quality[c, HEALTH] < 40:
        points -= 1
    return max(int(points), 1)


@kernel
def _eligible(s: State, t: Tables, w: Work, rng: np.random.Generator, e: int) -> bool:
    """Whether a card dated this turn fires: once only unless it repeats, if its condition
    holds, by its chance."""
    if s.fired[e] != NOT_FIRED and not t.repeat[e]:
        return False
    if not programs.holds(s, t, w, t.event_condition[e]):
        return False
    if t.chance[e] >= 1.0:
        return True
    return rng.random() < t.chance[e]


@kernel
def deciders(s: State, t: Tables, w: Work, e: int) -> np.ndarray:
    """Who decides card ``e``: everyone who can act when the Central Committee votes, else the
    contender it names (if they can act)."""
    n = s.status.shape[0]
    out = np.zeros(n, np.bool_)
    if t.decider[e] == DECIDED_BY_VOTE:
        for c in range(n):
            out[c] = ops.in_organ(s, t, c, CAN_ACT)
        return out
    c = programs.resolve(s, w, t.decider[e])
    if c >= 0 and ops.in_organ(s, t, c, CAN_ACT):
        out[c] = True
    return out


@kernel
def _apply_with(s: State, t: Tables, w: Work, log: L.Log, program: int, factor: int) -> None:
    """Run an effect program with its card's historians' factor in force."""
    before = w.ints[W_FACTOR]
    w.ints[W_FACTOR] = factor
    programs.apply(s, t, w, log, program)
    w.ints[W_FACTOR] = before


@kernel
def mask(who: np.ndarray) -> int:
    """A set of contenders as the bits of one number (bit ``c`` for contender ``c``)."""
    bits = 0
    for c in range(who.shape[0]):
        if who[c]:
            bits |= 1 << c
    return bits


@kernel
def packed(backed: np.ndarray) -> int:
    """Each contender's choice on a card (-1: none) packed into one number, four bits each
    (the choice plus one; a card has at most eight choices, a scenario eight contenders)."""
    out = 0
    for c in range(backed.shape[0]):
        out |= (backed[c] + 1) << (4 * c)
    return out


@kernel
def _forced(s: State, t: Tables, w: Work, log: L.Log, e: int, choice: int) -> None:
    """A card whose choice is fixed: nobody is asked; its effects and the choice's apply at
    once, with the usual decider (if there is one) standing as ``decider``."""
    s.fired[e] = choice
    who = np.zeros(s.status.shape[0], np.bool_)
    if t.decider[e] != DECIDED_BY_VOTE:
        who = deciders(s, t, w, e)
    w.ints[W_DECIDER] = -1
    for c in range(who.shape[0]):
        if who[c]:
            w.ints[W_DECIDER] = c
            break
    _apply_with(s, t, w, log, t.event_effects[e], t.event_factor[e])
    _apply_with(s, t, w, log, t.choice_effects[e, choice], t.event_factor[e])
    w.ints[W_DECIDER] = -1
    row = L.record(log, s.ints[TURN], L.K_DECISION, L.C_DECIDED, True, w.ints[W_FACTOR], -1, -1,
                   -1, e)
    if row >= 0:
        log.event[row, L.E_I0] = choice
        log.event[row, L.E_I1] = packed(np.full(who.shape[0], -1, np.int64))
        log.event[row, L.E_I2] = mask(who)
        log.event[row, L.E_I3] = 1  # nobody was asked


@kernel
def begin_turn(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator) -> None:
    """Start a turn: every contender's action points, then the cards that fire now, then the
    luck of each contender's judgement this turn (drawn whoever plays: a game replayed from
    its orders draws the same)."""
    n = s.status.shape[0]
    for c in range(n):
        s.action_points[c] = action_points(s, t, c)
    s.ints[N_CARDS] = 0
    s.ints[N_DECISIONS] = 0
    turn = s.ints[TURN]
    for e in t.cards_of[turn]:
        if e < 0:
            break
        if _eligible(s, t, w, rng, e):
            play_card(s, t, w, log, e, t.forced_choice[e])
    for c in range(n):
        s.judgement[c] = rng.normal(0.0, 1.0, s.judgement.shape[1])


@kernel
def play_card(s: State, t: Tables, w: Work, log: L.Log, e: int, choice: int) -> None:
    """Card ``e`` comes up: drawn (once a turn) and recorded, then, with ``choice`` (a card's
    forced choice, or one fired so), that choice is taken at once; a card with choices and no
    ``choice`` (-1) waits for its deciders' orders; a card without choices applies its
    effects."""
    drawn = False
    for i in range(s.ints[N_CARDS]):
        drawn |= s.cards[i] == e
    if not drawn:
        s.cards[s.ints[N_CARDS]] = e
        s.ints[N_CARDS] += 1
    L.record(log, s.ints[TURN], L.K_CARD, L.C_CARD, True, w.ints[W_FACTOR], -1, -1, -1, e)
    if t.n_choices[e] > 0 and choice < 0:
        if s.fired[e] == NOT_FIRED:
            s.fired[e] = FIRED
        i = s.ints[N_DECISIONS]
        s.decisions[i] = e
        s.deciders[i] = deciders(s, t, w, e)
        s.ints[N_DECISIONS] = i + 1
    elif t.n_choices[e] > 0:
        _forced(s, t, w, log, e, choice)
    else:
        s.fired[e] = FIRED
        _apply_with(s, t, w, log, t.event_effects[e], t.event_factor[e])


@kernel
def resolve_decisions(s: State, t: Tables, w: Work, log: L.Log, rng: np.random.Generator,
                      picks: np.ndarray) -> None:
    """Settle every card waiting for a choice. ``picks[c, e]`` is c's choice on card ``e``
    (-1: none). With one decider, their pick (or the first choice) is taken; in a vote, each
    contender's Central Committee following weighs for the choice they back."""
    n = s.status.shape[0]
    for i in range(s.ints[N_DECISIONS]):
        e = s.decisions[i]
        who = s.deciders[i]
        options = t.n_choices[e]
        backed = np.full(n, -1, np.int64)
        for c in range(n):
            if who[c] and 0 <= picks[c, e] < options:
                backed[c] = picks[c, e]
        vote = -1
        if t.decider[e] == DECIDED_BY_VOTE:
            counts, vote = choose(s, t, log, rng, backed, t.party_appeal[e, :options],
                                  SWAY_APPEAL)
            winner = int(np.argmax(counts))  # the first of equals
        else:
            winner = 0
            for choice in range(options):  # the first choice anyone backed
                if (backed == choice).any():
                    winner = choice
                    break
        s.fired[e] = winner
        w.ints[W_DECIDER] = -1
        deciding = 0
        for c in range(n):
            if who[c]:
                deciding += 1
                w.ints[W_DECIDER] = c
        if deciding != 1:
            w.ints[W_DECIDER] = -1
        _apply_with(s, t, w, log, t.event_effects[e], t.event_factor[e])
        for choice in range(options):
            if choice == winner:
                _apply_with(s, t, w, log, t.choice_effects[e, choice], t.event_factor[e])
            if (backed == choice).any():
                w.choosers[:] = backed == choice
                _apply_with(s, t, w, log, t.chooser_effects[e, choice], t.event_factor[e])
                w.choosers[:] = False
        w.ints[W_DECIDER] = -1
        row = L.record(log, s.ints[TURN], L.K_DECISION, L.C_DECIDED, True, w.ints[W_FACTOR],
                       -1, -1, -1, e)
        if row >= 0:
            log.event[row, L.E_I0] = winner
            log.event[row, L.E_I1] = packed(backed)
            log.event[row, L.E_I2] = mask(who)
        L.attach(log, row, vote)
    s.ints[N_DECISIONS] = 0


@kernel
def appeal(s: State, t: Tables, me: int) -> np.ndarray:
    """How much the AI of ``me`` favours each choice of each card, (E, C): their own appeal
    and that of the offices they hold."""
    out = t.ai_appeal[:, :, me].copy()
    for o in range(s.holds.shape[0]):
        if s.holds[o, me]:
            out += t.ai_appeal_office[:, :, o]
    return out
