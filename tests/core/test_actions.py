"""The actions' kernels (:mod:`game.rules.actions`) give what the old engine gave, on the states
of real all-AI games of every scenario.

- Every contender, every kind of action, every target its argument can name: the kernel's check
  refuses exactly when the old rule's check did, for the same reason in the same words; a gate
  refuses as the old one did, where there was one, and never refuses what the check allows.
- Every legal order, carried out from the same state with the same generator: the same state
  (:func:`oracle.differences`), the same draws, the same events in the same order (words, kind,
  actors, factor, reference, privacy, data), the RESULT row included.
- Whole turns: :func:`game.rules.actions.act` and ``settle_offers`` on a turn's recorded orders
  against the old ``turn._act`` and ``alliances.settle_offers``.

The same tests run interpreted (``POLITBURO_JIT=0``) in a subprocess.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import oracle
from game.engine import GameEvent
from game.engine import alliances as old_alliances
from game.engine import narrate_actions as N
from game.engine import turn as old_turn
from game.engine.actions import CONVENABLE, DIRECTIONS, FORUMS, SPECS, Action, ActionKind
from game.engine.context import Context
from game.engine.legality import RULES
from game.engine.narrate import Names, Row, narrate
from game.rules import actions as A
from game.rules import alliances
from game.rules import log as L
from game.rules import reasons as why
from game.rules.jit import COMPILED
from game.rules.layout import CONVENE_CONGRESS, CONVENE_PLENUM
from helpers import ROOT, cached_ai_game, load, match_states, scenario_params

KINDS = tuple(ActionKind)
SEED = 3


def _states(name: str):
    match = cached_ai_game(name, SEED)
    return match, match_states(match)[:-1]


def _domain(sc, kind: ActionKind) -> list[tuple[str | None, int]]:
    """Every target an action of ``kind`` can name, as the old text and the kernels' index."""
    arg = SPECS[kind].arg
    named = {"region": [r.id for r in sc.regions], "contender": [c.id for c in sc.contenders],
             "direction": DIRECTIONS, "organ": CONVENABLE, "office": [o.id for o in sc.offices],
             "post": [o.id for o in sc.offices], "forum": FORUMS}
    if arg == "none":
        return [(None, -1)]
    return [(word, i) for i, word in enumerate(named[arg])]


def _rng(old) -> np.random.Generator:
    """A generator in the same state as the old state's."""
    rng = np.random.Generator(type(old.rng.bit_generator)())
    rng.bit_generator.state = old.rng.bit_generator.state
    return rng


def _events(sc, log: L.Log) -> list[GameEvent]:
    """The log in words: RESULT rows by :func:`narrate_actions.result`, the rest by
    :func:`narrate` with the actions' sentences (row by row: a RESULT row's code is a kind of
    action, which narrate would read as a message code)."""
    names = Names(sc)
    out = []
    for i in range(int(log.counts[L.N_EVENTS])):
        if log.event[i, L.E_KIND] == L.K_RESULT:
            out.append(N.result(Row(log, i), names))
            continue
        counts = log.counts.copy()
        counts[L.N_EVENTS] = 1
        one = log._replace(counts=counts, event=log.event[i:i + 1], event_x=log.event_x[i:i + 1])
        out.extend(narrate(sc, one, more=N.SENTENCES))
    return out


def _same_data(old: dict, new: dict) -> bool:
    if old.keys() != new.keys():
        return False
    for key, a in old.items():
        b = new[key]
        if isinstance(a, list):
            if not all(math.isclose(x, y, abs_tol=1e-12) for x, y in zip(a, b, strict=True)):
                return False
        elif isinstance(a, float):
            if not math.isclose(a, b, abs_tol=1e-12):
                return False
        elif a != b:
            return False
    return True


def _assert_same_events(sc, old_events: list[GameEvent], log: L.Log) -> None:
    """The kernels' event rows, in words, are the old engine's events, in order (the numbers
    of a RESULT's data to 1e-12)."""
    assert log.counts[L.OVERFLOW] == 0
    new = _events(sc, log)
    assert [e.text for e in new] == [e.text for e in old_events]
    for a, b in zip(old_events, new, strict=True):
        assert (b.kind, b.actors, b.factor, b.ref, b.public, b.turn, b.tally) == (
            a.kind, a.actors, a.factor, a.ref, a.public, a.turn, a.tally), a.text
        assert _same_data(a.data, b.data), (a.data, b.data)


def _assert_same_state(old_state, s, rng) -> None:
    assert oracle.differences(s, oracle.arrays(old_state)) == []
    assert rng.bit_generator.state == old_state.rng.bit_generator.state


# ----- checks -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", scenario_params())
def test_checks_agree_with_the_old_rules(name):
    sc = load(name)
    _, states = _states(name)
    t = oracle.tables(states[0])
    refused = allowed = 0
    for st in states:
        s = oracle.arrays(st)
        ctx = Context(st.copy())
        for c in range(st.n):
            for kind in RULES:
                k = KINDS.index(kind)
                gate, gate_arg = A.gate(s, t, c, k)
                if RULES[kind].gate is not None:  # the old gates refused as these do
                    words = None if gate == why.OK else N.reason(sc, k, -1, gate, gate_arg)
                    assert words == RULES[kind].gate(ctx, c), (st.turn, c, kind)
                for word, target in _domain(sc, kind):
                    old = RULES[kind].check(ctx, c, word)
                    code, arg = A.check(s, t, c, k, target)
                    new = None if code == why.OK else N.reason(sc, k, target, code, arg)
                    assert new == old, (st.turn, c, kind, word)
                    assert gate == why.OK or code != why.OK, (st.turn, c, kind, word)
                    refused += new is not None
                    allowed += new is None
    assert refused and allowed


def test_the_menu_lists_every_kind_in_the_old_order():
    assert [KINDS[k] for k in A.MENU] == list(RULES)
    assert sorted(A.MENU) == sorted(A.PHASES)


def test_every_reason_has_words():
    sc = load("two_rivals")
    codes = {v for k, v in vars(why).items() if k.isupper() and isinstance(v, int)}
    for code in codes - {why.OK}:
        assert N.reason(sc, KINDS.index(ActionKind.APPOINT), 0, code, 0)


# ----- one order at a time ------------------------------------------------------------------------
def _old_order(st, c: int, kind: ActionKind, word: str | None) -> Context:
    """One order carried out as the old turn did (``turn._act``'s body)."""
    ctx = Context(st.copy())
    rule = RULES[kind]
    action = Action(kind, word)
    label = rule.label(ctx, c, word)
    reason = rule.check(ctx, c, word)
    if reason:
        ctx.report(old_turn.Kind.RESULT, f"{label}: it could not be done ({reason}).", (c,),
                   public=False, data={"action": str(action), "done": False})
        return ctx
    before = old_turn._standing(ctx, c)
    ctx.notes, ctx.rolls = [], {}
    with ctx.tagged(rule.factor):
        rule.apply(ctx, c, action)
    old_turn._report_result(ctx, c, action, label, before)
    return ctx


@pytest.mark.parametrize("name", scenario_params())
def test_each_order_does_what_the_old_one_did(name):
    sc = load(name)
    _, states = _states(name)
    t = oracle.tables(states[0])
    done = set()
    for st in states:
        ctx0 = Context(st)
        for c in range(st.n):
            for kind in RULES:
                for word, target in _domain(sc, kind):
                    if RULES[kind].check(ctx0, c, word) is not None:
                        continue
                    ctx = _old_order(st, c, kind, word)
                    s, rng = oracle.arrays(st), _rng(st)
                    w, log = oracle.work(st), oracle.log(st)
                    A.carry_out(s, t, w, log, rng, c, KINDS.index(kind), target)
                    _assert_same_state(ctx.state, s, rng)
                    _assert_same_events(sc, ctx.events, log)
                    assert {(a, b) for a, b in zip(*np.nonzero(w.pending), strict=True)} == \
                        ctx.pending_offers
                    assert w.convened[CONVENE_PLENUM] == ("central_committee" in ctx.convened)
                    assert w.convened[CONVENE_CONGRESS] == ("congress" in ctx.convened)
                    done.add(kind)
    assert len(done) >= 8, done


# ----- whole turns --------------------------------------------------------------------------------
def _orders(sc, turn_orders: dict[str, list[str]]) -> tuple[dict, np.ndarray, np.ndarray]:
    """A turn's recorded orders, for the old engine and as the kernels take them."""
    n = len(sc.contenders)
    index = {c.id: i for i, c in enumerate(sc.contenders)}
    by_index = {index[cid]: [Action.parse(a) for a in acts] for cid, acts in turn_orders.items()}
    orders = np.full((n, 12, 3), -1, np.int64)
    counts = np.zeros(n, np.int64)
    for c, acts in by_index.items():
        for a in acts:
            kind = KINDS.index(a.kind)
            words = [w for w, _ in _domain(sc, a.kind)] if a.kind is not ActionKind.DECIDE \
                else []
            target = words.index(a.target) if a.target in words else -1
            orders[c, counts[c]] = (kind, target, -1)
            counts[c] += 1
    return by_index, orders, counts


@pytest.mark.parametrize("name", scenario_params())
def test_a_turns_orders_are_carried_out_as_before(name):
    sc = load(name)
    match = cached_ai_game(name, SEED)
    states = match_states(match)
    t = oracle.tables(states[0])
    refused = 0
    for st, turn_orders in zip(states, match.orders, strict=False):
        by_index, orders, counts = _orders(sc, turn_orders)
        ctx = Context(st.copy())
        old_turn._act(ctx, by_index)
        old_alliances.settle_offers(ctx)
        s, rng = oracle.arrays(st), _rng(st)
        w, log = oracle.work(st), oracle.log(st)
        A.act(s, t, w, log, rng, orders, counts)
        alliances.settle_offers(s, w, log)
        _assert_same_state(ctx.state, s, rng)
        _assert_same_events(sc, ctx.events, log)
        refused += sum(1 for e in ctx.events if e.kind == "result" and not e.data["done"])
    print(f"{name}: {refused} orders overtaken by events")


# ----- interpreted --------------------------------------------------------------------------------
@pytest.mark.skipif(not COMPILED, reason="this run is the interpreted one")
def test_the_same_interpreted():
    """The tests above, with the kernels run as plain Python."""
    env = {**os.environ, "POLITBURO_JIT": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         str(Path(__file__)), "-k", "not interpreted"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
