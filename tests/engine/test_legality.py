"""Legality: what the menu offers is exactly what the rules allow.

Listing the options asks a rule's ``gate`` once per contender before its ``check`` for each
target; a gate may only refuse where the check would refuse every target. For an action at a
rival, the rule's ``aim`` is asked of each rival instead of the whole check. The options are
listed for every contender at once, and every one of them must pass the check on its own.
"""

from __future__ import annotations

import pytest

from game.engine import legal_actions
from game.engine.context import Context
from game.engine.legality import RULES, _targets, why_illegal
from helpers import cached_ai_game, load, match_states, random_game, scenario_params


def states_of(name: str):
    yield from match_states(cached_ai_game(name, 0))[::2]
    for state, _ in random_game(load(name), 3, 7):
        yield state


@pytest.mark.parametrize("name", scenario_params())
def test_a_gate_refuses_only_what_the_check_refuses_for_every_target(name):
    gated = 0
    for state in states_of(name):
        ctx = Context(state)
        for c in range(state.n):
            for kind, rule in RULES.items():
                if rule.gate is None or rule.gate(ctx, c) is None:
                    continue
                gated += 1
                for target in _targets(ctx, c, kind):
                    assert rule.check(ctx, c, target) is not None, (kind, c, target)
    assert gated


@pytest.mark.parametrize("name", scenario_params())
def test_past_the_gate_an_aim_refuses_a_rival_exactly_when_the_check_does(name):
    aimed = 0
    for state in states_of(name):
        ctx = Context(state)
        for c in range(state.n):
            for kind, rule in RULES.items():
                if rule.aim is None:
                    continue
                open_ = rule.gate is None or rule.gate(ctx, c) is None
                for target in ctx.index.rival_ids[c]:
                    aimed += 1
                    listed = open_ and rule.aim(ctx, c, ctx.index.contender[target]) is None
                    assert listed == (rule.check(ctx, c, target) is None), (kind, c, target)
    assert aimed


@pytest.mark.parametrize("name", scenario_params())
def test_every_option_offered_passes_the_check_alone(name):
    for state in states_of(name):
        for c, d in enumerate(state.scenario.contenders):
            for option in legal_actions(state, d.id):
                assert why_illegal(state, c, option.action) is None, option.action
