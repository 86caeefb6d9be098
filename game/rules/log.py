"""What happened in a turn, as numbers: the :class:`Log` the kernels append to.

A kernel never writes a sentence. It appends an *event row* (the turn, a kind, a message code,
who is involved, what it is about, the numbers its sentence needs) and, for a vote, a *vote row*
(the question, every contender's stance and its reason, what swayed those who judged for
themselves) with one *bloc row* per group of voters. :mod:`game.engine.narrate` turns the rows
into :class:`game.engine.GameEvent` objects with words. A log that fills up stops recording and
says so (``counts[OVERFLOW]``): the game itself is never affected.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .jit import carried, kernel

# ----- event kinds, in :class:`game.engine.Kind`'s order ------------------------------------------
(K_CARD, K_DECISION, K_ACTION, K_RESULT, K_VOTE, K_OFFICE, K_STATUS, K_ALLIANCE, K_MEETING,
 K_LUCK, K_END) = range(11)

# ----- message codes (``E_CODE``): which sentence an event row is; its fields say what fills it.
# A RESULT row's code is the action kind (game.rules.layout.A_*), not one of these.
C_CARD = 0  # ref: the event card
C_DECIDED = 1  # ref: the card; I0: the choice taken; I1: each contender's choice (cards.packed);
#               I2: who decided (a bit mask); I3: 1 if the choice was forced (nobody was
#               asked); a vote row if the Central Committee voted
C_PLATFORM = 10  # a0 declares an open platform
C_RECANTS = 11  # a0 recants
C_READMITTED = 12  # a0 recants and is readmitted
C_DOSSIER = 13  # private to a0: a file on I0
C_ACCUSES = 14  # a0 accuses a1; I0: the organ that will decide
C_MOVES_RELIEF = 15  # a0 moves that a1 be relieved of office ref
C_DEFENDS = 16  # a0 prepares a defence
C_APPEALS = 17  # a0 appeals; I0: the forum
C_CONVENES = 18  # a0 convenes; I0: CONVENE_PLENUM or CONVENE_CONGRESS
C_SECRETARY_WON = 19  # the secretary of region ref now looks to a0
C_SECRETARY_RESISTS = 20  # private to a0 (and the patron a1): a0 failed in region ref
C_OFFERS_RESIGNATION = 21  # a0 offers to resign office ref
C_ALLIANCE_MADE = 30  # a0 and a1
C_ALLIANCE_BROKEN = 31
C_OFFER = 32  # private: a0 offers a1 an alliance
C_OFFER_LAPSES = 33  # private: a0's offer to a1 lapses
C_LOSES_OFFICE = 40  # a0 loses office ref
C_HOLDS_OFFICE = 41  # a0 now holds office ref
C_NOTABLE_ELECTED = 42  # notable ref elected to the Politburo
C_NOTABLE_OFFICE = 43  # notable I0 now holds office ref
C_NOTABLE_LEAVES_OFFICE = 44  # notable I0 gives up office ref
C_NOTABLE_SEATED = 45  # notable ref takes a seat in the Politburo (an effect)
C_NOTABLE_UNSEATED = 46  # notable ref leaves the Politburo (an effect)
C_STEPS_DOWN = 50  # a0 falls to rung ref
C_PUT_ON_RUNG = 51  # a0 is put on rung ref (an effect: up or down)
C_VOTE = 60  # a vote row (E_VOTE); a0 the sponsor, a1 the target
C_CONGRESS_OPENS = 70  # ref: the meeting or -1 (extraordinary); I0: delegates
C_CC_ELECTED = 71  # I0: seats; a0: the largest faction's leader; X0: its share
C_PLENUM = 72  # ref: the meeting or -1 (extraordinary)
C_ELECTS = 73  # the CC elects a0 to office ref; I0: the candidates (a bit mask); a vote row of
#                the choice
C_CHARGE_LAPSES = 74  # a0's charge against a1 lapses: a1 is no longer the organ I0's to judge
C_ILL = 80  # a0 falls ill
C_END = 90  # a0 wins; I0: the winner's outcome

# ----- event row fields ---------------------------------------------------------------------------
(E_TURN, E_KIND, E_CODE, E_PUBLIC, E_FACTOR, E_ACTOR0, E_ACTOR1, E_ACTOR2, E_REF, E_VOTE,
 E_I0, E_I1, E_I2, E_I3, E_I4, E_I5) = range(16)
EVENT_FIELDS = 16
E_X = 6  # numbers per event row (``event_x``)
NO_FACTOR = -1  # an event booked under no historians' factor (the end of the game)

# ----- RESULT rows: what one's own action did (core-actions) --------------------------------------
# E_CODE: the action kind (A_*); E_ACTOR0: the actor; E_REF: the order's target; private.
RESULT_REASON = E_I0  # why it could not be done (game.rules.reasons), or OK (0): it was done
RESULT_ARG = E_I1  # the reason's argument (a contender, region, office or organ), or -1
RESULT_SEEN = E_I2  # what the action's label names: the region's patron, the office's holder
RESULT_I0, RESULT_I1, RESULT_I2 = E_I3, E_I4, E_I5  # the rule's own numbers (its notes)
# event_x columns: the actor's support and prestige before and after; the rule's own figures
(RESULT_SUPPORT_BEFORE, RESULT_SUPPORT_AFTER, RESULT_PRESTIGE_BEFORE, RESULT_PRESTIGE_AFTER,
 RESULT_X0, RESULT_X1) = range(6)

# ----- vote row fields ----------------------------------------------------------------------------
(V_EVENT, V_KIND, V_SPONSOR, V_TARGET, V_DIRECTION, V_OFFICE, V_ORGAN, V_LEVERAGE, V_YES, V_NO,
 V_NEEDED, V_PASSED, V_FIRST_BLOC, V_BLOCS, V_CHOICES) = range(15)
VOTE_FIELDS = 15
V_KIND_CHOICE = 9  # V_KIND of a choice between options (a card, an election), not a motion
# vote_x columns: the room's mood, the share needed, the defence; then each term that swayed
# those who judged for themselves (NaN where it did not apply), by TERM index
VX_NOISE, VX_MAJORITY, VX_DEFENCE = 0, 1, 2
(T_MOOD, T_STANDING, T_HABIT, T_FEAR, T_PRESUMPTION, T_FILES, T_AGENDA, T_DEFENCE, T_BAN,
 T_EXPOSED, T_NO_CASE) = range(11)
TERM_IDS = ("mood", "standing", "habit", "fear", "presumption", "files", "agenda", "defence",
            "ban", "exposed", "no_case")
VX_TERMS = 3
VOTE_X = VX_TERMS + len(TERM_IDS)

# ----- bloc row fields ----------------------------------------------------------------------------
(B_VOTE, B_LABEL, B_REF, B_SEATS, B_YES, B_NO, B_JUDGED_YES, B_JUDGING, B_TAG, B_WHO) = range(10)
BLOC_FIELDS = 10
# B_LABEL: who the bloc is
L_CONTENDER, L_NOTABLE, L_FACTION, L_UNCOMMITTED, L_DELEGATION, L_FREE = range(6)
# B_TAG: whom the bloc follows
G_SEAT, G_WHIP, G_MOSTLY, G_MERITS = range(4)

# ----- counts -------------------------------------------------------------------------------------
N_EVENTS, N_VOTES, N_BLOCS, OVERFLOW = range(4)


class Log(NamedTuple):
    counts: np.ndarray  # (4,) int64
    event: np.ndarray  # (events, EVENT_FIELDS) int64
    event_x: np.ndarray  # (events, E_X) float64
    vote: np.ndarray  # (votes, VOTE_FIELDS) int64
    vote_x: np.ndarray  # (votes, VOTE_X) float64
    stance: np.ndarray  # (votes, N) int64: +1 for, -1 against, 0 not voting
    stance_why: np.ndarray  # (votes, N) int64: the reason's code (game.rules.votes)
    options: np.ndarray  # (votes, C) int64: a choice's votes per option
    option_x: np.ndarray  # (votes, C, 2) float64: each option's pull and the room's mood on it
    bloc: np.ndarray  # (blocs, BLOC_FIELDS) int64
    bloc_lean: np.ndarray  # (blocs,) float64: what the bloc's own line added
    follow: np.ndarray  # (blocs, N) int64: votes cast as each contender stands
    split: np.ndarray  # (blocs, C) int64: a choice's bloc's votes per option


carried(Log)


def new_log(n: int, choices: int, events: int = 512, votes: int = 64, blocs: int = 1024) -> Log:
    """An empty log for a game of ``n`` contenders whose cards have at most ``choices``."""
    c = max(choices, n, 1)
    return Log(
        np.zeros(4, np.int64),
        np.zeros((events, EVENT_FIELDS), np.int64), np.zeros((events, E_X)),
        np.zeros((votes, VOTE_FIELDS), np.int64), np.full((votes, VOTE_X), np.nan),
        np.zeros((votes, n), np.int64), np.zeros((votes, n), np.int64),
        np.zeros((votes, c), np.int64), np.zeros((votes, c, 2)),
        np.zeros((blocs, BLOC_FIELDS), np.int64), np.zeros(blocs),
        np.zeros((blocs, n), np.int64), np.zeros((blocs, c), np.int64),
    )


@kernel
def record(log: Log, turn: int, kind: int, code: int, public: bool, factor: int, a0: int,
           a1: int, a2: int, ref: int) -> int:
    """Append an event row; its index, or -1 when the log is full. The caller fills the rest of
    the row (``E_I0``.., ``event_x``) through the index."""
    i = log.counts[N_EVENTS]
    if i >= log.event.shape[0]:
        log.counts[OVERFLOW] = 1
        return -1
    log.counts[N_EVENTS] = i + 1
    row = log.event[i]
    row[:] = 0
    row[E_TURN] = turn
    row[E_KIND] = kind
    row[E_CODE] = code
    row[E_PUBLIC] = 1 if public else 0
    row[E_FACTOR] = factor
    row[E_ACTOR0] = a0
    row[E_ACTOR1] = a1
    row[E_ACTOR2] = a2
    row[E_REF] = ref
    row[E_VOTE] = -1
    log.event_x[i, :] = 0.0
    return i


@kernel
def new_vote(log: Log, event: int) -> int:
    """Append a vote row for the event row ``event`` (-1: an event recorded later, see
    :func:`attach`); its index, or -1 when the log is full."""
    v = log.counts[N_VOTES]
    if v >= log.vote.shape[0]:
        log.counts[OVERFLOW] = 1
        return -1
    log.counts[N_VOTES] = v + 1
    log.vote[v, :] = 0
    log.vote[v, V_EVENT] = -1
    log.vote[v, V_FIRST_BLOC] = log.counts[N_BLOCS]
    log.vote_x[v, :] = np.nan
    log.stance[v, :] = 0
    log.stance_why[v, :] = 0
    log.options[v, :] = 0
    log.option_x[v, :, :] = 0.0
    attach(log, event, v)
    return v


@kernel
def attach(log: Log, event: int, vote: int) -> None:
    """Make ``vote`` the vote row of the event row ``event`` (either -1: nothing to do)."""
    if event >= 0 and vote >= 0:
        log.event[event, E_VOTE] = vote
        log.vote[vote, V_EVENT] = event


@kernel
def new_bloc(log: Log, vote: int, label: int, ref: int, tag: int, who: int) -> int:
    """Append a bloc row to vote ``vote``; its index, or -1 when the log is full."""
    b = log.counts[N_BLOCS]
    if b >= log.bloc.shape[0] or vote < 0:
        log.counts[OVERFLOW] = 1
        return -1
    log.counts[N_BLOCS] = b + 1
    row = log.bloc[b]
    row[:] = 0
    row[B_VOTE] = vote
    row[B_LABEL] = label
    row[B_REF] = ref
    row[B_TAG] = tag
    row[B_WHO] = who
    log.bloc_lean[b] = 0.0
    log.follow[b, :] = 0
    log.split[b, :] = 0
    log.vote[vote, V_BLOCS] += 1
    return b
