"""The engine before the compiled core as an oracle for the kernels that replace it.

While the rules move into :mod:`game.rules`, every kernel is checked against the old engine
(:mod:`game.engine` with its ``Context``) on the states of real games: :func:`arrays` converts an
old ``GameState`` into the kernels' :class:`~game.rules.layout.State`, :func:`differences` lists
where a kernel's result differs from the old engine's (floats to a tolerance, everything else
exactly). This module goes with the old engine once the switch is made.
"""

from __future__ import annotations

import numpy as np

from game.engine import GameState
from game.engine.compile import compiled, rules_array
from game.rules import layout as lay
from game.rules.log import Log, new_log
from game.rules.ops import Work, new_work

MOTION_KINDS = {"accuse": lay.ACCUSE, "relieve": lay.RELIEVE, "resign": lay.RESIGN}
ANSWERS = {"defend": lay.ANSWER_DEFEND, "party": lay.ANSWER_PARTY,
           "comintern": lay.ANSWER_COMINTERN}
ORGANS = {"politburo": lay.POLITBURO, "central_committee": lay.CENTRAL_COMMITTEE,
          "congress": lay.CONGRESS}


def arrays(old: GameState) -> lay.State:
    """The old state as the kernels' arrays (the generator is the old state's own)."""
    sc = old.scenario
    c = compiled(sc)
    n, k_all, e_all = old.n, len(sc.notables), len(sc.events)
    offices = [o.id for o in sc.offices]
    events = [e.id for e in sc.events]
    ints = np.zeros(lay.INTS, np.int64)
    ints[lay.TURN] = old.turn
    ints[lay.FINISHED] = old.finished
    ints[lay.CC_SEATS] = old.cc_seats
    ints[lay.CONGRESS_DELEGATES] = old.congress_delegates
    ints[lay.POLITBURO_SEATS] = old.politburo_seats
    ints[lay.LAST_CONGRESS] = old.last_congress
    ints[lay.N_MOTIONS] = len(old.motions)
    ints[lay.N_DECISIONS] = len(old.decisions)
    ints[lay.N_CARDS] = len(old.cards)
    ints[lay.N_HISTORY] = len(old.support_history)
    capacity = 2 * n + len(offices) + 1
    motions = np.zeros((capacity, lay.MOTION_FIELDS), np.int64)
    for i, m in enumerate(old.motions):
        answers = sum(ANSWERS[a] for a in m.answers)
        motions[i] = (MOTION_KINDS[m.kind], m.sponsor, m.target, ORGANS[m.organ], m.filed,
                      offices.index(m.office) if m.office else -1, m.leverage, answers)
    decisions = np.zeros(max(e_all, 1), np.int64)
    deciders = np.zeros((max(e_all, 1), n), np.bool_)
    for i, d in enumerate(old.decisions):
        decisions[i] = events.index(d.event)
        deciders[i, list(d.deciders)] = True
    cards = np.zeros(max(e_all, 1), np.int64)
    cards[:len(old.cards)] = [events.index(e) for e in old.cards]
    fired = np.full(e_all, lay.NOT_FIRED, np.int64)
    for e, choice in old.fired.items():
        i = events.index(e)
        choices = [ch.id for ch in sc.events[i].choices]
        fired[i] = choices.index(choice) if choice else lay.FIRED
    holds = np.zeros((len(offices), n), np.bool_)
    for o, h in old.holder.items():
        if h >= 0:
            holds[offices.index(o), h] = True
    lost = np.zeros((len(offices), n), np.bool_)
    for o, h in old.lost:
        lost[offices.index(o), h] = True
    dossiers = np.zeros((n, n), np.int64)
    offers = np.zeros((n, n), np.bool_)
    for a, b in old.offers:
        offers[a, b] = True
    for i, rec in enumerate(old.contenders):
        for t, k in rec.dossiers.items():
            dossiers[i, t] = k
    retired = np.zeros(k_all, np.bool_)
    retired[list(old.retired)] = True
    milestones = np.array([old.milestones.get(m.id, -1) for m in sc.milestones], np.int64)
    history = np.zeros((sc.calendar.turns + 1, n + 1))
    for i, h in enumerate(old.support_history):
        history[i] = h
    recs = old.contenders
    return lay.State(
        ints=ints,
        reals=np.array([old.mood_line, old.mood_unity, old.party_line]),
        rules=rules_array(old.rules),
        status=np.array([r.status for r in recs], np.int64),
        quality=np.array([[r.prestige, r.oratory, r.organisation, r.health, r.threat]
                          for r in recs]),
        line=np.array([r.line for r in recs]),
        platform=np.array([r.platform for r in recs], np.bool_),
        exposed=np.array([r.exposed for r in recs], np.bool_),
        action_points=np.array([r.action_points for r in recs], np.int64),
        last_shift=np.array([r.last_shift for r in recs], np.int64),
        last_demoted=np.array([r.last_demoted for r in recs], np.int64),
        dossiers=dossiers,
        loyalty=old.loyalty.copy(),
        members=old.members.astype(float).copy(),
        patron=old.patron.astype(np.int64).copy(),
        cc_share=old.cc_share.copy(),
        notable_loyalty=old.notable_loyalty.copy().reshape(k_all, n + 1),
        notable_seated=old.notable_seated.astype(np.bool_).copy(),
        retired=retired,
        allied=old.allied.copy(),
        trust=old.trust.copy(),
        offers=offers,
        holds=holds,
        lost=lost,
        motions=motions,
        decisions=decisions,
        deciders=deciders,
        cards=cards,
        flags=np.array([old.flags.get(f, 0.0) for f in c.flags]),
        fired=fired,
        milestones=milestones,
        ledger=old.ledger.copy(),
        history=history,
    )


def tables(old: GameState) -> lay.Tables:
    return compiled(old.scenario).tables


def work(old: GameState, factor: int = lay.LUCK) -> Work:
    return new_work(old.n, factor)


def log(old: GameState) -> Log:
    most = max([len(e.choices) for e in old.scenario.events] or [1])
    return new_log(old.n, most)


def in_use(s: lay.State) -> lay.State:
    """``s`` with the rows of its lists beyond their counts cleared (they hold leftovers)."""
    s = lay.State(*(x.copy() for x in s))
    for rows, count in ((s.motions, lay.N_MOTIONS), (s.decisions, lay.N_DECISIONS),
                        (s.deciders, lay.N_DECISIONS), (s.cards, lay.N_CARDS)):
        rows[s.ints[count]:] = 0
    return s


def differences(a: lay.State, b: lay.State, tol: float = 1e-9) -> list[str]:
    """Where two states differ (the lists' rows in use only): each field, with the first
    differing place."""
    out = []
    for name, x, y in zip(lay.State._fields, in_use(a), in_use(b), strict=True):
        if x.shape != y.shape:
            out.append(f"{name}: shape {x.shape} != {y.shape}")
        elif x.dtype.kind == "f":
            if not np.allclose(x, y, rtol=0, atol=tol, equal_nan=True):
                where = np.unravel_index(np.argmax(np.abs(x - y)), x.shape)
                out.append(f"{name}{list(where)}: {x[where]!r} != {y[where]!r}")
        elif not np.array_equal(x, y):
            where = np.argwhere(x != y)[0]
            out.append(f"{name}{list(where)}: {x[tuple(where)]!r} != {y[tuple(where)]!r}")
    return out

