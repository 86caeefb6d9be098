"""The standard and easy AI as kernels: score each option from what ``me`` may see, then fill
the action points greedily.

Everything is read from the game's :class:`~game.rules.layout.State`, but only what the view
shows ``me`` (:mod:`game.engine.view`): never another contender's ``dossiers`` row, nor the
alliance offers between others. The options come as arrays in the engine's menu order:
``options[i] = (kind, target, option, cost)`` (targets indexed as docs/core.md's orders say) and
``odds[i]``, NaN where no vote or chance follows. Orders go out as rows of ``options``.

The character (``ai`` in the scenario: weights per kind of action, aggression, caution) comes as
:class:`~game.ai.tables.AITables`. The noise of a decision is drawn from the generator passed in,
one normal draw per option worth anything, in option order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from game.rules import ops
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


class Sight(NamedTuple):
    """What the values of one decision's options read, worked out once for the decision."""

    share: np.ndarray  # (N + 1,) each faction's support
    can_act: np.ndarray  # (N,) bool
    in_politburo: np.ndarray  # (N,) bool
    ranking: np.ndarray  # rivals still in the game, most dangerous first
    main_rival: int  # the most dangerous, or -1
    region_weight: np.ndarray  # (R,) a region's share of the members times the regions
    office_holder: np.ndarray  # (O,) who holds each office, -1 nobody
    mine: float  # my faction's share of the Politburo


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
    # the view shows members as whole numbers
    members = np.rint(s.members)
    weight = members / members.sum() * members.shape[0]
    offices = s.holds.shape[0]
    office_holder = np.full(offices, -1, np.int64)
    for o in range(offices):
        office_holder[o] = ops.holder(s, o)
    mine = np.sum(faction == me) / faction.shape[0] if faction.shape[0] else 0.0
    return Sight(share, can_act, in_politburo, ranking, ranking[0] if m else -1, weight,
                 office_holder, mine)


@kernel
def _closeness(line: np.ndarray, me: int, c: int) -> float:
    return max(0.0, 1.0 - abs(line[c] - line[me]))


@kernel
def _at_rival(kind: int, p: float, importance: float, aggression: float,
              caution: float) -> float:
    """A charge or a challenge: nothing below the character's threshold of odds."""
    if p < 0.35 * caution:
        return 0.0
    return (2.2 if kind == A_ACCUSE else 1.8) * p * importance * aggression


@kernel
def value(s: State, t: Tables, ai: AITables, me: int, seen: Sight, kind: int, target: int,
          option: int, odds: float) -> float:
    """What taking one option is worth to ``me``, before the character's weights (``odds``:
    NaN where the option has none)."""
    p = 0.0 if np.isnan(odds) else odds
    support = seen.share[me]
    rival = seen.main_rival
    fit = 1.0 - abs(s.line[me] - s.reals[MOOD_LINE]) / 2  # my line against the party's mood
    if kind == A_DECIDE:
        return 5.0 + t.ai_appeal[target, option, me]
    if kind == A_APPOINT:
        patron = s.patron[target]
        rival_patron = 0.5 if patron >= 0 and patron != me else 0.0
        return 1.2 * seen.region_weight[target] * (1.0 - s.loyalty[target, me] + rival_patron)
    if kind == A_RECRUIT:
        return 1.5 * seen.region_weight[target] if s.patron[target] == me else 0.1
    if kind == A_SUBVERT:
        patron = s.patron[target]
        weight = 1.5 if patron == rival else 1.0 if patron >= 0 else 0.6
        return 1.2 * p * seen.region_weight[target] * weight
    if kind == A_DOSSIER:
        if target == rival:
            return 0.9
        return 0.3 if seen.ranking.shape[0] > 1 and target == seen.ranking[1] else 0.05
    if kind == A_ALLY:
        if target == rival or s.offers[me, target] or not seen.can_act[target]:
            return 0.0
        closeness = _closeness(s.line, me, target) ** 2
        # an ally is worth most against a common danger, and to the weak
        useful = 0.1 if rival >= 0 and s.allied[target, rival] else 0.6
        return (useful + 0.4 * (1.0 - support)) * closeness + 0.4 * s.trust[me, target]
    if kind == A_ACCEPT:
        if target == rival:
            return 0.0
        return (1.0 + s.trust[me, target]) * (0.3 + _closeness(s.line, me, target))
    if kind == A_BREAK:
        # break with an ally who has grown much stronger and whose line has moved away
        if seen.share[target] > 2 * support and abs(s.line[target] - s.line[me]) > 0.6:
            return 1.4
        # once my own faction holds the Politburo, an ally sitting there is only a rival
        return 1.2 * ai.aggression[me] if seen.mine > 0.5 and seen.in_politburo[target] else 0.0
    if kind == A_ACCUSE:
        importance = 1.5 if target == rival else 0.7 if seen.can_act[target] else 0.4
        return _at_rival(kind, p, importance, ai.aggression[me], ai.caution[me])
    if kind == A_CHALLENGE:
        # like a charge, but at a rival's office: worth most against the main rival's fief
        importance = 1.2 if seen.office_holder[target] == rival else 0.5
        return _at_rival(kind, p, importance, ai.aggression[me], ai.caution[me])
    if kind == A_SPEECH or kind == A_ARTICLE:
        return (1.0 - support) * fit * (1.3 if s.platform[me] else 1.0)
    if kind == A_PLATFORM:
        return 0.8 * fit if support < 0.25 and not s.holds[:, me].any() else 0.0
    if kind == A_RECANT:
        # once expelled, recanting is the way back into the party; before that, the standard
        # AI stands by its platform, as the oppositions of the 1920s did until thrown out
        return 0.0 if t.rung[s.status[me], IN_PARTY] else 2.5
    if kind == A_ARMY:
        return 0.9
    if kind == A_REST:
        return 2.0 if s.quality[me, HEALTH] < 45 else 0.0
    if kind == A_DEFEND:
        return 3.0
    if kind == A_APPEAL:
        if target == FORUM_COMINTERN:
            return 1.5
        return 1.2 if support > 0.12 else 0.2
    toward = -1 if target == LEFT else 1
    if kind == A_RESOLUTION:
        wants = (s.line[me] - s.reals[PARTY_LINE]) * toward > 0.25
        return 0.8 * p if wants else 0.0
    if kind == A_SHIFT:
        # worth more the further the mood has moved away from one's line that way
        return max(0.0, (s.reals[MOOD_LINE] - s.line[me]) * toward - 0.2) * 3.0
    if kind == A_RESIGN:
        p = 1.0 if np.isnan(odds) else odds
        return 0.6 if p < 0.1 and s.quality[me, PRESTIGE] < 45 else 0.0
    if kind == A_CONVENE:
        # worth calling the organ that will hear a motion of mine
        organ = CONGRESS if target == CONVENE_CONGRESS else CENTRAL_COMMITTEE
        for i in range(s.ints[N_MOTIONS]):
            if s.motions[i, M_SPONSOR] == me and s.motions[i, M_ORGAN] == organ:
                return 1.6
    return 0.0


@kernel
def values(s: State, t: Tables, ai: AITables, me: int, seen: Sight, options: np.ndarray,
           odds: np.ndarray) -> np.ndarray:
    """:func:`value` of every option."""
    out = np.empty(options.shape[0])
    for i in range(options.shape[0]):
        out[i] = value(s, t, ai, me, seen, options[i, KIND], options[i, TARGET],
                       options[i, OPTION], odds[i])
    return out


@kernel
def text_key(ai: AITables, kind: int, target: int, option: int) -> int:
    """Where the action's text ``str(action)`` falls in alphabetical order among the actions
    of the scenario (its words are ids of a-z, 0-9 and _, which all sort after the space
    between them, so word by word is letter by letter)."""
    targets = ai.target_order.shape[1]
    choices = ai.choice_order.shape[1]
    key = ai.kind_order[kind] * (targets + 1)
    if target >= 0:
        key += 1 + ai.target_order[kind, target]
    key *= choices + 1
    if kind == A_DECIDE:
        key += 1 + ai.choice_order[target, option]
    return key


@kernel
def best_first(ai: AITables, options: np.ndarray, rows: np.ndarray,
               scores: np.ndarray) -> np.ndarray:
    """The positions of ``scores`` (of the options ``rows``) by score, best first, equal
    scores in the order of the actions' text."""
    keys = np.empty(rows.shape[0], np.int64)
    for j in range(rows.shape[0]):
        i = rows[j]
        keys[j] = text_key(ai, options[i, KIND], options[i, TARGET], options[i, OPTION])
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
                  odds: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    """This turn's orders for ``me`` (rows of ``options``): each option's value, weighed by
    the character and by luck (``exp`` of a normal draw of spread ``noise``: 0.3 standard,
    0.9 easy), filled into the action points best first."""
    base = values(s, t, ai, me, sight(s, t, me), options, odds)
    worth = np.flatnonzero(base > 0)
    # one draw of noise per option worth anything, in the order of the options
    luck = np.exp(rng.normal(0.0, noise, worth.shape[0]))
    rows = np.empty(worth.shape[0], np.int64)
    scores = np.empty(worth.shape[0])
    m = 0
    for j in range(worth.shape[0]):
        i = worth[j]
        score = base[i] * ai.weights[me, options[i, KIND]] * luck[j]
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
    base = values(s, t, ai, me, sight(s, t, me), options, odds)
    rows = np.flatnonzero(base > 0)
    order = best_first(ai, options, rows, base[rows])
    return rows[order], base[rows][order]
