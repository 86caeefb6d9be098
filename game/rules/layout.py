"""The game as arrays: the :class:`State` that every rule reads and changes, the
:class:`Tables` the scenario fixes, and the index constants that name their parts.

Contender ``c`` runs over ``0..N-1``; loyalty arrays have a last column, ``N``, for members loyal
to nobody yet (``UNCOMMITTED`` in words; the column is always ``loyalty.shape[1] - 1``).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .jit import carried, kernel

# ----- organs (``Rung`` flags, motions, votes) ----------------------------------------------------
POLITBURO, CENTRAL_COMMITTEE, CONGRESS, PARTY = 0, 1, 2, 3
NO_ORGAN = -1
ORGAN_IDS = ("politburo", "central_committee", "congress", "party")

# ----- a rung's flags (``Tables.rung``) -----------------------------------------------------------
IN_POLITBURO, IN_CC, IN_PARTY, CAN_ACT, HOLDS_OFFICES = 0, 1, 2, 3, 4
RUNG_FLAGS = 5

# ----- qualities (``State.quality``) --------------------------------------------------------------
PRESTIGE, ORATORY, ORGANISATION, HEALTH, THREAT = 0, 1, 2, 3, 4
QUALITY_IDS = ("prestige", "oratory", "organisation", "health", "threat")

# ----- the historians' factors (``State.ledger`` columns), in :class:`Factor`'s order -------------
PATRONAGE, OPPONENTS_WEAKNESSES, ALLIANCES, IDEOLOGY, RIVALRIES, LENINS_LEGACY = 0, 1, 2, 3, 4, 5
PERSONAL_QUALITIES, LUCK = 6, 7
FACTOR_IDS = ("patronage", "opponents_weaknesses", "alliances", "ideology", "rivalries",
              "lenins_legacy", "personal_qualities", "luck")

# ----- powers an office gives (``Tables.powers`` columns), in :class:`Power`'s order --------------
APPOINT, RECRUIT, AGENDA, DOSSIERS, PRESS, ARMY, COMINTERN = 0, 1, 2, 3, 4, 5, 6
POWER_IDS = ("appoint", "recruit", "agenda", "dossiers", "press", "army", "comintern")

# ----- action kinds, in :class:`ActionKind`'s order -----------------------------------------------
(A_APPOINT, A_RECRUIT, A_DOSSIER, A_SPEECH, A_ARTICLE, A_ALLY, A_ACCEPT, A_BREAK, A_PLATFORM,
 A_RECANT, A_ACCUSE, A_RESOLUTION, A_SHIFT, A_ARMY, A_RESIGN, A_CONVENE, A_REST, A_CHALLENGE,
 A_SUBVERT, A_DEFEND, A_APPEAL, A_DECIDE) = range(22)
KIND_IDS = ("appoint", "recruit", "dossier", "speech", "article", "ally", "accept", "break",
            "platform", "recant", "accuse", "resolution", "shift", "army", "resign", "convene",
            "rest", "challenge", "subvert", "defend", "appeal", "decide")
KINDS = len(KIND_IDS)
LEFT, RIGHT = 0, 1  # the targets of shift and resolution
CONVENE_PLENUM, CONVENE_CONGRESS = 0, 1
FORUM_PARTY, FORUM_COMINTERN = 0, 1
MOST_ORDERS = 12  # a turn's orders for one contender, at most (action points are at most 10)
# Draws of judgement's luck a contender has each turn (``State.judgement``): one per option worth
# anything, in menu order; more options than this (41 at most in the shipped scenarios) reuse them
JUDGEMENT = 48

# ----- motions waiting for a vote (``State.motions`` rows) ----------------------------------------
M_KIND, M_SPONSOR, M_TARGET, M_ORGAN, M_FILED, M_OFFICE, M_LEVERAGE, M_ANSWERS = range(8)
MOTION_FIELDS = 8
ACCUSE, RELIEVE, RESIGN = 0, 1, 2  # motion kinds; questions add RESOLUTION and CONFIDENCE
RESOLUTION, CONFIDENCE = 3, 4
ANSWER_DEFEND, ANSWER_PARTY, ANSWER_COMINTERN = 1, 2, 4  # bits of M_ANSWERS

# ----- scalars (``State.ints`` and ``State.reals``) -----------------------------------------------
(TURN, FINISHED, CC_SEATS, CONGRESS_DELEGATES, POLITBURO_SEATS, LAST_CONGRESS, N_MOTIONS,
 N_DECISIONS, N_CARDS, N_HISTORY) = range(10)
INTS = 10
MOOD_LINE, MOOD_UNITY, PARTY_LINE = 0, 1, 2
REALS = 3

# ----- event cards (``State.fired``) --------------------------------------------------------------
NOT_FIRED, FIRED = -2, -1  # otherwise: the index of the choice taken

# ----- rules (``State.rules``), in :class:`Rules`' field order ------------------------------------
RULE_IDS = (
    "patronage", "faction_ban", "enrolment", "enrolment_open", "patronage_strength", "base_pull",
    "notable_drift", "patronage_out_of_office", "base_loss", "recruit_fraction", "ideology_pull",
    "mood_drift", "loyalty_fade", "speech_strength", "article_strength", "platform_strength",
    "army_strength", "line_step", "line_shift_cost", "resolution_step", "ban_bonus",
    "dossier_bonus", "dossier_limit", "threat_weight", "prestige_weight", "mood_weight",
    "bloc_discipline", "discipline_without_case", "case_dossiers", "case_weight",
    "exposure_weight", "vote_noise", "base_action_points", "illness_chance",
    "threat_per_support", "accusation_presumption", "report_approval", "agenda_weight",
    "accusation_cooldown", "offices_first", "challenge_presumption", "defence_weight",
    "appeal_weight", "subvert_chance", "alliance_break_trust", "convene_congress_gap",
    "slate_share", "delegate_pick",
)
(R_PATRONAGE, R_FACTION_BAN, R_ENROLMENT, R_ENROLMENT_OPEN, R_PATRONAGE_STRENGTH, R_BASE_PULL,
 R_NOTABLE_DRIFT, R_PATRONAGE_OUT_OF_OFFICE, R_BASE_LOSS, R_RECRUIT_FRACTION, R_IDEOLOGY_PULL,
 R_MOOD_DRIFT, R_LOYALTY_FADE, R_SPEECH_STRENGTH, R_ARTICLE_STRENGTH, R_PLATFORM_STRENGTH,
 R_ARMY_STRENGTH, R_LINE_STEP, R_LINE_SHIFT_COST, R_RESOLUTION_STEP, R_BAN_BONUS,
 R_DOSSIER_BONUS, R_DOSSIER_LIMIT, R_THREAT_WEIGHT, R_PRESTIGE_WEIGHT, R_MOOD_WEIGHT,
 R_BLOC_DISCIPLINE, R_DISCIPLINE_WITHOUT_CASE, R_CASE_DOSSIERS, R_CASE_WEIGHT,
 R_EXPOSURE_WEIGHT, R_VOTE_NOISE, R_BASE_ACTION_POINTS, R_ILLNESS_CHANCE,
 R_THREAT_PER_SUPPORT, R_ACCUSATION_PRESUMPTION, R_REPORT_APPROVAL, R_AGENDA_WEIGHT,
 R_ACCUSATION_COOLDOWN, R_OFFICES_FIRST, R_CHALLENGE_PRESUMPTION, R_DEFENCE_WEIGHT,
 R_APPEAL_WEIGHT, R_SUBVERT_CHANCE, R_ALLIANCE_BREAK_TRUST, R_CONVENE_CONGRESS_GAP,
 R_SLATE_SHARE, R_DELEGATE_PICK) = range(48)
RULES = len(RULE_IDS)


class State(NamedTuple):
    """Everything that changes in a game, as arrays (the generator of chance travels beside it).

    Secrets: ``dossiers`` rows and ``offers`` are known only to the contenders they concern;
    a view and the AI read only their own (:mod:`game.engine.view`)."""

    ints: np.ndarray  # (INTS,) int64: TURN, FINISHED, ... counts of the lists below
    reals: np.ndarray  # (REALS,) float64: MOOD_LINE, MOOD_UNITY, PARTY_LINE
    rules: np.ndarray  # (RULES,) float64: the rules now in force (switches 0.0 or 1.0)
    # contenders
    status: np.ndarray  # (N,) int64: rung of the removal ladder
    quality: np.ndarray  # (N, 5) float64: PRESTIGE ... THREAT, each 0..100
    line: np.ndarray  # (N,) float64: -1 Left .. +1 Right
    platform: np.ndarray  # (N,) bool: an open opposition platform
    exposed: np.ndarray  # (N,) bool: compromising evidence is public
    action_points: np.ndarray  # (N,) int64
    last_shift: np.ndarray  # (N,) int64: turn of the last change of line
    last_demoted: np.ndarray  # (N,) int64: turn of the last step down
    dossiers: np.ndarray  # (N, N) int64: secret: [holder, target]
    judgement: np.ndarray  # (N, JUDGEMENT) float64: secret: this turn's luck of each one's
    #                        judgement, standard normal draws (the AI's noise; game.ai.kernels)
    # the party
    loyalty: np.ndarray  # (R, N + 1) float64: shares of each region's members, rows sum to 1
    members: np.ndarray  # (R,) float64
    patron: np.ndarray  # (R,) int64: who appointed the region's secretary, -1 nobody
    cc_share: np.ndarray  # (N + 1,) float64: the Central Committee by faction
    notable_loyalty: np.ndarray  # (K, N + 1) float64
    notable_seated: np.ndarray  # (K,) bool: sits in the Politburo
    retired: np.ndarray  # (K,) bool: out of the game
    allied: np.ndarray  # (N, N) bool, symmetric
    trust: np.ndarray  # (N, N) float64: row trusts column, -1..1
    offers: np.ndarray  # (N, N) bool: secret: [from, to] alliance offers made last turn
    holds: np.ndarray  # (O, N) bool: who holds each office
    lost: np.ndarray  # (O, N) bool: they held it once and lost it
    office_notable: np.ndarray  # (O,) int64: the notable who holds the office, or -1
    motions: np.ndarray  # (capacity, MOTION_FIELDS) int64, ints[N_MOTIONS] of them in use
    decisions: np.ndarray  # (E,) int64: cards waiting for a choice, ints[N_DECISIONS] in use
    deciders: np.ndarray  # (E, N) bool: who decides each waiting card (same rows)
    cards: np.ndarray  # (E,) int64: the cards drawn this turn, ints[N_CARDS] in use
    flags: np.ndarray  # (F,) float64: the scenario's named flags
    fired: np.ndarray  # (E,) int64: NOT_FIRED, FIRED, or the index of the choice taken
    milestones: np.ndarray  # (M,) int64: turn first reached, -1 not yet
    ledger: np.ndarray  # (N, 8) float64: support won (+) or lost (-) by each factor
    history: np.ndarray  # (turns + 1, N + 1) float64: support at the start and after each turn


new_state = carried(State)  # what kernels call to build a State


@kernel
def copy_state(s: State) -> State:
    """A deep copy (every array its own)."""
    return new_state(
        s.ints.copy(), s.reals.copy(), s.rules.copy(), s.status.copy(), s.quality.copy(),
        s.line.copy(), s.platform.copy(), s.exposed.copy(), s.action_points.copy(),
        s.last_shift.copy(), s.last_demoted.copy(), s.dossiers.copy(), s.judgement.copy(),
        s.loyalty.copy(),
        s.members.copy(), s.patron.copy(), s.cc_share.copy(), s.notable_loyalty.copy(),
        s.notable_seated.copy(), s.retired.copy(), s.allied.copy(), s.trust.copy(),
        s.offers.copy(), s.holds.copy(), s.lost.copy(), s.office_notable.copy(),
        s.motions.copy(), s.decisions.copy(),
        s.deciders.copy(), s.cards.copy(), s.flags.copy(), s.fired.copy(), s.milestones.copy(),
        s.ledger.copy(), s.history.copy())


class Tables(NamedTuple):
    """What the scenario fixes, as arrays the kernels read (built by
    :func:`game.engine.compile.tables`). Never changed during a game."""

    # contenders
    start_health: np.ndarray  # (N,) float64
    bases: np.ndarray  # (N, R) float64: 1 in the contender's own power bases
    # regions
    region_line: np.ndarray  # (R,) float64: each region's own lean
    army: np.ndarray  # (R,) float64: 1 for the army's party organisations
    fief_of: np.ndarray  # (R, O) bool: the office whose fief the region is
    # offices, most senior first in ``by_rank``
    powers: np.ndarray  # (O, 7) bool
    office_points: np.ndarray  # (O,) int64: extra action points
    office_base: np.ndarray  # (O, R) float64: 1 in the office's base regions
    fief: np.ndarray  # (O,) bool
    elected: np.ndarray  # (O,) bool: the Central Committee fills it when vacant
    holders: np.ndarray  # (O,) int64: how many may hold it at once
    by_rank: np.ndarray  # (O,) int64: office indices, most senior first
    # the removal ladder
    rung: np.ndarray  # (L, RUNG_FLAGS) bool
    falls_to: np.ndarray  # (L,) int64: where a successful charge sends one
    removed_by: np.ndarray  # (L,) int64: the organ that decides the next step down, or NO_ORGAN
    majority: np.ndarray  # (L,) float64: the share of votes that step needs
    # notables
    notable_line: np.ndarray  # (K,) float64
    # the calendar: meetings and cards by turn
    meeting: np.ndarray  # (turns, 2) int64: the meeting (row of the next arrays) of the
    #                      Central Committee [0] and the Congress [1] scheduled that turn, or -1
    meeting_delegates: np.ndarray  # (meetings,) int64, 0: unchanged
    meeting_cc_seats: np.ndarray  # (meetings,) int64, 0: unchanged
    meeting_politburo_seats: np.ndarray  # (meetings,) int64, 0: unchanged
    meeting_reporter: np.ndarray  # (meetings,) int64: the contender who reports, or -1
    meeting_carried: np.ndarray  # (meetings,) int64: program if the report is approved, or -1
    meeting_defeated: np.ndarray  # (meetings,) int64: program if it is rejected, or -1
    cards_of: np.ndarray  # (turns, most) int64: the cards dated each turn, in order, -1 after
    # event cards
    chance: np.ndarray  # (E,) float64
    repeat: np.ndarray  # (E,) bool
    event_condition: np.ndarray  # (E,) int64: program, or -1
    event_effects: np.ndarray  # (E,) int64: program (may be empty)
    event_factor: np.ndarray  # (E,) int64
    decider: np.ndarray  # (E,) int64: a contender reference (see programs), or DECIDED_BY_VOTE
    n_choices: np.ndarray  # (E,) int64
    forced_choice: np.ndarray  # (E,) int64: the choice always taken, or -1
    choice_effects: np.ndarray  # (E, C) int64: program
    chooser_effects: np.ndarray  # (E, C) int64: program, for every backer of the choice
    party_appeal: np.ndarray  # (E, C) float64
    ai_appeal: np.ndarray  # (E, C, N) float64
    ai_appeal_office: np.ndarray  # (E, C, O) float64: appeal to whoever holds the office
    # endings and milestones
    outcome_condition: np.ndarray  # (outcomes,) int64: program, or -1 (always true)
    outcome_rank: np.ndarray  # (outcomes,) int64
    milestone_condition: np.ndarray  # (M,) int64: program
    # the programs of every condition and effect list
    code: np.ndarray  # (rows, 6) int64: opcode and five arguments (game.rules.programs)
    value: np.ndarray  # (rows, 2) float64: two numbers per row
    program: np.ndarray  # (programs, 2) int64: first row and number of rows
    region_masks: np.ndarray  # (masks, R) float64: region lists that programs name
    opening: np.ndarray  # (1,) int64: program of the scenario's opening effects, or -1
    # actions
    cost: np.ndarray  # (KINDS,) int64: action points each kind of action costs here
    turns: np.ndarray  # (1,) int64: how many turns the game lasts


carried(Tables)


DECIDED_BY_VOTE = -9  # ``Tables.decider``: every contender who can act votes, by CC following
