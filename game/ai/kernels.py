"""The standard and easy AI as kernels: score each option from what ``me`` may see, then fill
the action points greedily.

Everything is read from the game's :class:`~game.rules.layout.State`, but only what the view
shows ``me`` (:mod:`game.engine.view`): never another contender's ``dossiers`` row, nor the
alliance offers between others. The options come as arrays in the engine's menu order:
``options[i] = (kind, target, option, cost)`` (targets indexed as docs/core.md's orders say) and
``odds[i]``, NaN where no vote or chance follows. Orders go out as rows of ``options``.

The character (``ai`` in the scenario: weights per kind of action, aggression, caution) comes as
:class:`~game.ai.tables.AITables`. The noise of a decision is ``me``'s judgement this turn
(``State.judgement``: standard normal draws the rules take from the game's generator as each
turn begins), one draw per option worth anything, in option order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from game.rules import cards, ops
from game.rules.jit import kernel
from game.rules.layout import (
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
    CAN_ACT,
    CENTRAL_COMMITTEE,
    CONGRESS,
    CONVENE_CONGRESS,
    CONVENE_PLENUM,
    FORUM_COMINTERN,
    HEALTH,
    IN_PARTY,
    IN_POLITBURO,
    KINDS,
    LEFT,
    M_ORGAN,
    M_SPONSOR,
    MOOD_LINE,
    N_MOTIONS,
    PARTY_LINE,
    PRESTIGE,
    State,
    Tables,
)

if TYPE_CHECKING:
    from .tables import AITables

KIND, TARGET, OPTION, COST = 0, 1, 2, 3  # columns of the options array
FLOOR = 0.15  # nothing scored under this is ordered (a card's choice always is)
MANY = 3  # appointments or recruits a turn; one of any other kind
NOISE = {"easy": 0.9, "standard": 0.3}
"""The spread of each difficulty's luck of judgement (an option's value is multiplied by
``exp`` of it times a standard normal draw): the easy AI misjudges three times as much."""


class Sight(NamedTuple):
    """What the values of one decision's options read: the game as ``me`` sees it (nothing
    secret of anyone else's is in it), worked out once for the decision."""

    me: int
    share: np.ndarray  # (N + 1,) each faction's support
    can_act: np.ndarray  # (N,) bool
    in_politburo: np.ndarray  # (N,) bool
    line: np.ndarray  # (N,)
    allied: np.ndarray  # (N, N) bool
    trust: np.ndarray  # (N,) how far I trust each contender
    offered: np.ndarray  # (N,) bool: my offers of alliance made last turn
    ranking: np.ndarray  # rivals still in the game, most dangerous first
    main_rival: int  # the most dangerous, or -1
    mine: float  # my faction's share of the Politburo
    patron: np.ndarray  # (R,) who appointed each region's secretary, -1 nobody
    loyalty: np.ndarray  # (R,) the share of each region's members loyal to me
    region_weight: np.ndarray  # (R,) a region's share of the members times the regions
    office_holder: np.ndarray  # (O,) who holds each office, -1 nobody
    appeal: np.ndarray  # (E, C) how much my character favours each choice of each card
    calling: np.ndarray  # (2,) bool: a motion of mine waits for [plenum, congress]
    in_party: bool
    holds_office: bool
    platform: bool
    health: float
    prestige: float
    mood_line: float
    party_line: float


@kernel
def danger(support: float, politburo: float, threat: float, cc: float, apart: float,
           allied: bool) -> float:
    """How dangerous a rival is: support, Politburo faction and perceived threat, a rival's
    programme (how far their line is from mine), discounted for allies."""
    score = support + politburo + threat / 200 + 0.5 * cc
    score *= 0.6 + 0.4 * apart
    return score * 0.4 if allied else score


@kernel
def sight(s: State, t: Tables, me: int) -> Sight:
    """The :class:`Sight` of one decision of ``me``: among it, the rivals still in the game,
    most dangerous first (equals in index order)."""
    n = s.status.shape[0]
    share = ops.support(s)
    can_act = np.empty(n, np.bool_)
    in_politburo = np.empty(n, np.bool_)
    for c in range(n):
        can_act[c] = t.rung[s.status[c], CAN_ACT]
        in_politburo[c] = t.rung[s.status[c], IN_POLITBURO]
    faction, _, _ = ops.politburo(s, t)
    seats = max(faction.shape[0], 1)
    others = np.empty(n, np.int64)
    worst = np.empty(n)
    m = 0
    for c in range(n):
        if c != me and can_act[c]:
            others[m] = c
            worst[m] = -danger(share[c], np.sum(faction == c) / seats,
                               ops.perceived_threat(s, c, share), s.cc_share[c],
                               abs(s.line[c] - s.line[me]), s.allied[me, c])
            m += 1
    ranking = others[:m][np.argsort(worst[:m], kind="mergesort")]
    members = np.rint(s.members)  # the view shows members as whole numbers
    offices = s.holds.shape[0]
    office_holder = np.full(offices, -1, np.int64)
    for o in range(offices):
        office_holder[o] = ops.holder(s, o)
    calling = np.zeros(2, np.bool_)
    for i in range(s.ints[N_MOTIONS]):
        if s.motions[i, M_SPONSOR] == me:
            organ = s.motions[i, M_ORGAN]
            calling[CONVENE_PLENUM] |= organ == CENTRAL_COMMITTEE
            calling[CONVENE_CONGRESS] |= organ == CONGRESS
    return Sight(
        me, share, can_act, in_politburo, s.line, s.allied, s.trust[me], s.offers[me],
        ranking, ranking[0] if m else -1, np.sum(faction == me) / seats,
        s.patron, s.loyalty[:, me], members / ops.sum_of(members) * members.shape[0], office_holder,
        cards.appeal(s, t, me), calling, t.rung[s.status[me], IN_PARTY], s.holds[:, me].any(),
        s.platform[me], s.quality[me, HEALTH], s.quality[me, PRESTIGE], s.reals[MOOD_LINE],
        s.reals[PARTY_LINE],
    )


@kernel
def _closeness(line: float, mine: float) -> float:
    return max(0.0, 1.0 - abs(line - mine))


@kernel
def _at_rival(kind: int, p: float, importance: float, aggression: float,
              caution: float) -> float:
    """A charge or a challenge: nothing below the character's threshold of odds."""
    if p < 0.35 * caution:
        return 0.0
    return (2.2 if kind == A_ACCUSE else 1.8) * p * importance * aggression


@kernel
def values(ai: AITables, v: Sight, options: np.ndarray, odds: np.ndarray) -> np.ndarray:
    """What taking each option is worth to ``v.me``, before the character's weights.

    One loop over the options rather than a kernel called per option: a call that is not
    inlined counts a reference to every array of its arguments in and out, which costs more
    than working out a value."""
    me, rival = v.me, v.main_rival
    support = v.share[me]
    mine = v.line[me]
    fit = 1.0 - abs(mine - v.mood_line) / 2  # my line against the party's mood
    aggression, caution = ai.aggression[me], ai.caution[me]
    out = np.zeros(options.shape[0])
    for i in range(options.shape[0]):
        kind, target, option = options[i, KIND], options[i, TARGET], options[i, OPTION]
        p = 0.0 if np.isnan(odds[i]) else odds[i]
        x = 0.0
        if kind == A_DECIDE:
            x = 5.0 + v.appeal[target, option]
        elif kind == A_APPOINT:
            patron = v.patron[target]
            rival_patron = 0.5 if patron >= 0 and patron != me else 0.0
            x = 1.2 * v.region_weight[target] * (1.0 - v.loyalty[target] + rival_patron)
        elif kind == A_RECRUIT:
            x = 1.5 * v.region_weight[target] if v.patron[target] == me else 0.1
        elif kind == A_SUBVERT:
            patron = v.patron[target]
            weight = 1.5 if patron == rival else 1.0 if patron >= 0 else 0.6
            x = 1.2 * p * v.region_weight[target] * weight
        elif kind == A_DOSSIER:
            x = 0.05
            if target == rival:
                x = 0.9
            elif v.ranking.shape[0] > 1 and target == v.ranking[1]:
                x = 0.3
        elif kind == A_ALLY:
            if target != rival and not v.offered[target] and v.can_act[target]:
                closeness = _closeness(v.line[target], mine) ** 2
                # an ally is worth most against a common danger, and to the weak
                useful = 0.1 if rival >= 0 and v.allied[target, rival] else 0.6
                x = (useful + 0.4 * (1.0 - support)) * closeness + 0.4 * v.trust[target]
        elif kind == A_ACCEPT:
            if target != rival:
                x = (1.0 + v.trust[target]) * (0.3 + _closeness(v.line[target], mine))
        elif kind == A_BREAK:
            # break with an ally who has grown much stronger and whose line has moved away
            if v.share[target] > 2 * support and abs(v.line[target] - mine) > 0.6:
                x = 1.4
            # once my own faction holds the Politburo, an ally sitting there is only a rival
            elif v.mine > 0.5 and v.in_politburo[target]:
                x = 1.2 * aggression
        elif kind == A_ACCUSE:
            importance = 1.5 if target == rival else 0.7 if v.can_act[target] else 0.4
            x = _at_rival(kind, p, importance, aggression, caution)
        elif kind == A_CHALLENGE:
            # like a charge, but at a rival's office: worth most against the main rival's fief
            importance = 1.2 if v.office_holder[target] == rival else 0.5
            x = _at_rival(kind, p, importance, aggression, caution)
        elif kind == A_SPEECH or kind == A_ARTICLE:
            x = (1.0 - support) * fit * (1.3 if v.platform else 1.0)
        elif kind == A_PLATFORM:
            x = 0.8 * fit if support < 0.25 and not v.holds_office else 0.0
        elif kind == A_RECANT:
            # once expelled, recanting is the way back into the party; before that, the
            # standard AI stands by its platform, as the oppositions of the 1920s did until
            # they were thrown out
            x = 0.0 if v.in_party else 2.5
        elif kind == A_ARMY:
            x = 0.9
        elif kind == A_REST:
            x = 2.0 if v.health < 45 else 0.0
        elif kind == A_DEFEND:
            x = 3.0
        elif kind == A_APPEAL:
            x = 1.5 if target == FORUM_COMINTERN else 1.2 if support > 0.12 else 0.2
        elif kind == A_CONVENE:  # worth calling the organ that will hear a motion of mine
            x = 1.6 if v.calling[target] else 0.0
        elif kind == A_RESOLUTION:
            wants = (mine - v.party_line) * (-1 if target == LEFT else 1) > 0.25
            x = 0.8 * p if wants else 0.0
        elif kind == A_SHIFT:
            # worth more the further the mood has moved away from one's line that way
            gap = (v.mood_line - mine) * (-1 if target == LEFT else 1)
            x = max(0.0, gap - 0.2) * 3.0
        elif kind == A_RESIGN:
            chance = 1.0 if np.isnan(odds[i]) else odds[i]
            x = 0.6 if chance < 0.1 and v.prestige < 45 else 0.0
        out[i] = x
    return out


@kernel
def best_first(ai: AITables, options: np.ndarray, rows: np.ndarray,
               scores: np.ndarray) -> np.ndarray:
    """The positions of ``scores`` (of the options ``rows``) by score, best first, equal
    scores in the order of the actions' text ``str(action)``. Its words are ids of a-z, 0-9
    and _, which all sort after the space between them, so word by word (kind, target,
    choice) is letter by letter."""
    kind_order, target_order, choice_order = ai.kind_order, ai.target_order, ai.choice_order
    targets, choices = target_order.shape[1] + 1, choice_order.shape[1] + 1
    keys = np.empty(rows.shape[0], np.int64)
    for j in range(rows.shape[0]):
        i = rows[j]
        kind, target, option = options[i, KIND], options[i, TARGET], options[i, OPTION]
        key = kind_order[kind] * targets
        if target >= 0:
            key += 1 + target_order[kind, target]
        key *= choices
        if kind == A_DECIDE:
            key += 1 + choice_order[target, option]
        keys[j] = key
    by_text = np.argsort(keys, kind="mergesort")
    return by_text[np.argsort(-scores[by_text], kind="mergesort")]


@kernel
def pack_orders(options: np.ndarray, rows: np.ndarray, scores: np.ndarray, budget: int,
                banned: np.ndarray) -> np.ndarray:
    """Fill ``budget`` action points greedily from the options ``rows`` (best first, with their
    ``scores``): at most three appointments or recruits and one of any other kind, one choice
    per card, one attack or offer per rival, nothing scored under 0.15 (a score of inf always
    goes in if it fits), nothing ``banned`` (a mask of options). The chosen rows, in order."""
    top = 1
    for j in range(rows.shape[0]):
        top = max(top, options[rows[j], TARGET] + 1)
    card_done = np.zeros(top, np.bool_)
    rival_touched = np.zeros(top, np.bool_)
    taken = np.zeros(options.shape[0], np.bool_)
    count = np.zeros(KINDS, np.int64)
    chosen = np.empty(rows.shape[0], np.int64)
    m = 0
    for j in range(rows.shape[0]):
        i = rows[j]
        kind, target, cost = options[i, KIND], options[i, TARGET], options[i, COST]
        if banned[i] or taken[i]:
            continue
        if kind == A_DECIDE:
            if card_done[target]:
                continue
            card_done[target] = True
        elif (
            scores[j] < FLOOR or cost > budget
            or count[kind] >= (MANY if kind == A_APPOINT or kind == A_RECRUIT else 1)
            or ((kind == A_ACCUSE or kind == A_ALLY) and rival_touched[target])
        ):
            continue
        chosen[m] = i
        m += 1
        taken[i] = True
        budget -= cost
        count[kind] += 1
        if kind == A_ACCUSE or kind == A_ALLY or kind == A_BREAK:
            rival_touched[target] = True
    return chosen[:m]


@kernel
def choose_orders(s: State, t: Tables, ai: AITables, me: int, options: np.ndarray,
                  odds: np.ndarray, noise: float) -> np.ndarray:
    """This turn's orders for ``me`` (rows of ``options``): each option's value, weighed by
    the character and by luck (``exp`` of a normal draw of spread ``noise``: 0.3 standard,
    0.9 easy), filled into the action points best first. The draws are ``me``'s judgement
    this turn (``State.judgement``, drawn from the game's generator as the turn began), one per
    option worth anything in the order of the options."""
    base = values(ai, sight(s, t, me), options, odds)
    worth = np.flatnonzero(base > 0)
    draws = s.judgement[me]
    rows = np.empty(worth.shape[0], np.int64)
    scores = np.empty(worth.shape[0])
    m = 0
    for j in range(worth.shape[0]):
        i = worth[j]
        luck = np.exp(noise * draws[j % draws.shape[0]])
        score = base[i] * ai.weights[me, options[i, KIND]] * luck
        if score > 0:
            rows[m] = i
            scores[m] = score
            m += 1
    order = best_first(ai, options, rows[:m], scores[:m])
    return pack_orders(options, rows[:m][order], scores[:m][order], s.action_points[me],
                       np.zeros(options.shape[0], np.bool_))


@kernel
def ranked(s: State, t: Tables, ai: AITables, me: int, options: np.ndarray,
           odds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The options worth anything by the position alone (no noise, no character weights),
    best first, with their values: the strong AI's greedy ranking, to fill with
    :func:`pack_orders`."""
    base = values(ai, sight(s, t, me), options, odds)
    rows = np.flatnonzero(base > 0)
    order = best_first(ai, options, rows, base[rows])
    return rows[order], base[rows][order]
