"""Legality: what the menu offers is exactly what the rules allow.

Listing the options asks a kind of action's ``gate`` (:func:`game.rules.actions.gate`) once per
contender before its ``check`` for each target; a gate may only refuse where the check would
refuse every target the action can name. The menu (:func:`game.rules.legality.options`) asks
the check only of the targets it considers (the rivals, the offices a rival holds...): it must
list an action exactly when the contender can act, can afford it, and the check allows it,
whatever target it names. And every option listed passes the engine's check of an order alone.
"""

from __future__ import annotations

import pytest

from game.engine import legal_actions, legal_rows
from game.engine.legality import why_illegal
from game.rules import actions as A
from game.rules import layout as lay
from game.rules import reasons as why
from game.rules.legality import MENU, T_CONTENDER, T_NONE, T_OFFICE, T_POST, T_REGION, TARGETS
from helpers import cached_ai_game, load, match_states, random_game, scenario_params


def states_of(name: str):
    yield from match_states(cached_ai_game(name, 0))[::2]
    for state, _ in random_game(load(name), 3, 7):
        yield state


def every_target(s: lay.State, kind: int) -> range:
    """Every target an action of ``kind`` can name: all the regions, contenders (the actor
    too), offices, or both sides of a choice of two; -1 for an action that names none."""
    arg = TARGETS[kind]
    if arg == T_NONE:
        return range(-1, 0)
    if arg == T_REGION:
        return range(s.members.shape[0])
    if arg == T_CONTENDER:
        return range(s.status.shape[0])
    if arg in (T_OFFICE, T_POST):
        return range(s.holds.shape[0])
    return range(2)


@pytest.mark.parametrize("name", scenario_params())
def test_a_gate_refuses_only_what_the_check_refuses_for_every_target(name):
    gated = 0
    for state in states_of(name):
        s, t = state.arrays, state.tables
        for c in range(state.n):
            for kind in MENU.tolist():
                if A.gate(s, t, c, kind)[0] == why.OK:
                    continue
                gated += 1
                for target in every_target(s, kind):
                    assert A.check(s, t, c, kind, target)[0] != why.OK, (kind, c, target)
    assert gated


@pytest.mark.parametrize("name", scenario_params())
def test_the_menu_lists_an_action_exactly_when_the_check_allows_it(name):
    """Whatever target the menu passes over, the check refuses; whatever it lists, the gate and
    the check allow, at a cost within the contender's action points."""
    listed = 0
    for state in states_of(name):
        s, t = state.arrays, state.tables
        for c, d in enumerate(state.scenario.contenders):
            rows, _ = legal_rows(state, d.id)
            offered = {(kind, target) for kind, target, _, _ in rows.tolist()
                       if kind != lay.A_DECIDE}
            acting = not state.finished and t.rung[s.status[c], lay.CAN_ACT]
            allowed = {
                (kind, target)
                for kind in MENU.tolist()
                if acting and t.cost[kind] <= s.action_points[c]
                and A.gate(s, t, c, kind)[0] == why.OK
                for target in every_target(s, kind)
                if A.check(s, t, c, kind, target)[0] == why.OK
            }
            assert offered == allowed, (state.turn, d.id, offered ^ allowed)
            listed += len(offered)
    assert listed


@pytest.mark.parametrize("name", scenario_params())
def test_every_option_offered_passes_the_check_alone(name):
    for state in states_of(name):
        for c, d in enumerate(state.scenario.contenders):
            for option in legal_actions(state, d.id):
                assert why_illegal(state, c, option.action) is None, option.action
