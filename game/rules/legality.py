"""Which actions a contender may take, at what cost, and with what odds of any vote they lead to
or any gamble they are: every contender's menu, listed the same way every time."""

from __future__ import annotations

import numpy as np

from . import actions, ops, patronage
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
    CAN_ACT,
    CENTRAL_COMMITTEE,
    N_DECISIONS,
    NO_ORGAN,
    POLITBURO,
    State,
    Tables,
)
from .motions import (
    accusation_question,
    challenge_question,
    resign_question,
    resolution_question,
)
from .votes import (
    Electorate,
    Floor,
    Question,
    discipline,
    electorate,
    floor,
    has_case,
    odds,
    whip,
)

# The menu's order: the kinds of action, each with its targets in the scenario's order.
MENU = np.array([
    A_APPOINT, A_SUBVERT, A_RECRUIT, A_SPEECH, A_ARTICLE, A_SHIFT, A_RESOLUTION, A_ALLY,
    A_ACCEPT, A_BREAK, A_PLATFORM, A_RECANT, A_DOSSIER, A_ACCUSE, A_CHALLENGE, A_DEFEND,
    A_APPEAL, A_ARMY, A_RESIGN, A_REST, A_CONVENE,
], np.int64)

# What each kind of action names (game.engine.actions.SPECS): its targets come from this.
T_NONE, T_REGION, T_CONTENDER, T_TWO, T_OFFICE, T_POST = 0, 1, 2, 3, 4, 5
_TARGETS = {A_APPOINT: T_REGION, A_SUBVERT: T_REGION, A_RECRUIT: T_REGION,
            A_DOSSIER: T_CONTENDER, A_ALLY: T_CONTENDER, A_ACCEPT: T_CONTENDER,
            A_BREAK: T_CONTENDER, A_ACCUSE: T_CONTENDER, A_SHIFT: T_TWO, A_RESOLUTION: T_TWO,
            A_CONVENE: T_TWO, A_APPEAL: T_TWO, A_RESIGN: T_OFFICE, A_CHALLENGE: T_POST}
TARGETS = np.array([_TARGETS.get(k, T_NONE) for k in range(A_DECIDE + 1)], np.int64)

KIND, TARGET, OPTION, COST = 0, 1, 2, 3  # columns of the options' rows
MOST = 512  # options one contender may have at once, at most


@kernel
def targets(s: State, t: Tables, c: int, kind: int) -> np.ndarray:
    """Every target of ``kind`` that ``c``'s menu considers, in order."""
    arg = TARGETS[kind]
    n = s.status.shape[0]
    if arg == T_REGION:
        return np.arange(s.members.shape[0])
    if arg == T_CONTENDER:
        return np.array([k for k in range(n) if k != c], np.int64)
    if arg == T_TWO:
        return np.arange(2)
    if arg == T_OFFICE:
        return ops.offices_of(s, t, c)
    if arg == T_POST:  # the offices rivals hold
        out = []
        for o in range(s.holds.shape[0]):
            h = ops.holder(s, o)
            if h >= 0 and h != c:
                out.append(o)
        return np.array(out, np.int64)
    return np.full(1, -1, np.int64)


@kernel
def _room(s: State, t: Tables, f: Floor, q: Question, organ: int, politburo: Electorate,
          whipped: Electorate, unwhipped: Electorate) -> Electorate:
    """The organ's electorate on ``q``, as :func:`votes.discipline` whips it: the menu's own
    for the Politburo and for the Central Committee (``whipped`` on a motion with a case,
    ``unwhipped`` on one without)."""
    if organ == POLITBURO:
        return politburo
    if organ == CENTRAL_COMMITTEE:
        return whipped if has_case(s, q) else unwhipped
    return electorate(s, t, f, organ, discipline(s, q, organ))


@kernel
def _odds(s: State, t: Tables, f: Floor, rooms: tuple[Electorate, Electorate, Electorate],
          c: int, kind: int, target: int) -> float:
    """The chance that an option's vote carries (a resignation: that it is accepted), or that
    its gamble works; NaN for an option that is neither. ``rooms``: the Politburo and the
    Central Committee as :func:`_room` takes them."""
    pb, whipped, unwhipped = rooms
    if kind == A_ACCUSE:
        organ = t.removed_by[s.status[target]]
        if organ == NO_ORGAN:
            return np.nan
        q = accusation_question(s, t, c, target, s.dossiers[c, target], 0.0)
    elif kind == A_RESOLUTION:
        q, organ = resolution_question(c, target), POLITBURO
    elif kind == A_CHALLENGE:
        h = ops.holder(s, target)
        q, organ = challenge_question(s, c, target, s.dossiers[c, h], 0.0), CENTRAL_COMMITTEE
    elif kind == A_RESIGN:  # the same vote whichever office is offered
        q, organ = resign_question(c, -1), CENTRAL_COMMITTEE
    elif kind == A_SUBVERT:
        return patronage.subvert_chance(s, t, c, target)
    else:
        return np.nan
    return odds(s, f, q, _room(s, t, f, q, organ, pb, whipped, unwhipped))


@kernel
def options(s: State, t: Tables, c: int, rows: np.ndarray, chances: np.ndarray) -> int:
    """Fill ``rows`` (kind, target, option, cost) and ``chances`` with ``c``'s options in menu
    order: first the choices on the cards ``c`` decides, then every legal action; the number
    of options."""
    if not ops.in_organ(s, t, c, CAN_ACT):
        return 0
    count = 0
    for i in range(s.ints[N_DECISIONS]):
        if not s.deciders[i, c]:
            continue
        e = s.decisions[i]
        for choice in range(t.n_choices[e]):
            if count < rows.shape[0]:
                rows[count] = (A_DECIDE, e, choice, 0)
                chances[count] = np.nan
                count += 1
    budget = s.action_points[c]
    f = floor(s, t)
    rooms = (electorate(s, t, f, POLITBURO, 1.0),
             electorate(s, t, f, CENTRAL_COMMITTEE, whip(s, True)),
             electorate(s, t, f, CENTRAL_COMMITTEE, whip(s, False)))
    for kind in MENU:
        cost = t.cost[kind]
        if cost > budget or actions.gate(s, t, c, kind)[0] != why.OK:
            continue
        for target in targets(s, t, c, kind):
            if actions.check(s, t, c, kind, target)[0] != why.OK or count >= rows.shape[0]:
                continue
            rows[count] = (kind, target, -1, cost)
            chances[count] = _odds(s, t, f, rooms, c, kind, target)
            count += 1
    return count
