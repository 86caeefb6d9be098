"""Scenario references the engine resolves while playing: a ``who`` that names nobody at the
moment (a vacant office, ``decider`` outside a decision), and names a scenario may get wrong.

A ``who`` that resolves to nobody must change nothing and satisfy no condition: Python's
negative indexing would make "nobody" (-1) silently mean the last contender (or, in a loyalty
row, the uncommitted column) wherever the engine indexed without checking. Names a scenario gets
wrong, and rules an event would set out of bounds, are refused when the scenario is validated,
not met as a crash in the middle of a game. (Each of these was an engine bug once.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from game.engine import Match, Scenario, cards_fired, new_game
from game.engine.scenario import Rules
from game.rules import layout as lay
from helpers import load, play_ai_game, scenario_params, variant


def with_event(*, effects: list[dict] | None = None, condition: Any = None):
    """two_rivals plus a vacant office `treasurer`, a Council of five where three notables
    follow nobody, and an event on the first turn."""

    def change(d: dict) -> None:
        d["offices"].append({"id": "treasurer", "name": "Treasurer"})
        d["notables"].append({"id": "pavel", "name": "Pavel Ruml", "politburo": True})
        d["organs"]["politburo"]["seats"] = 5
        event = {"id": "probe", "title": "Probe", "when": "1950-Q1", "text": "t",
                 "history": "h", "source": "s", "effects": effects or [{"flag": {"name": "x"}}]}
        if condition is not None:
            event["condition"] = condition
        d["events"].append(event)

    return variant(change)


def start_of(scenario: Scenario):
    """The first state of ``scenario`` and of the same scenario whose event only sets a flag."""
    plain = Match.start(with_event(), 0).state
    state, _ = new_game(scenario, 0)
    return plain, state


NOBODY = ["office:treasurer", "decider"]


@pytest.mark.parametrize("who", NOBODY)
@pytest.mark.parametrize(
    "effect",
    [
        pytest.param({"platform": {}}, id="platform"),
        pytest.param({"demote": {}}, id="demote"),
        pytest.param({"quality": {"quality": "prestige", "amount": -30}}, id="quality"),
        pytest.param({"loyalty": {"regions": ["all"], "amount": 0.5}}, id="loyalty"),
        pytest.param({"line": {"amount": 0.5}}, id="line"),
    ],
)
def test_an_effect_on_nobody_changes_nothing(effect, who):
    kind, body = next(iter(effect.items()))
    scenario = with_event(effects=[{kind: {**body, "who": who}}])
    plain, state = start_of(scenario)
    assert "probe" in cards_fired(state)  # the effect ran
    s, p = state.arrays, plain.arrays
    assert np.array_equal(s.platform, p.platform)
    assert np.array_equal(s.status, p.status)
    assert np.array_equal(s.quality[:, lay.PRESTIGE], p.quality[:, lay.PRESTIGE])
    assert np.array_equal(s.line, p.line)
    assert np.array_equal(s.loyalty, p.loyalty)


def test_demote_decider_outside_a_decision_demotes_nobody():
    """With every office held, `demote: {who: decider}` on a card without choices must not push
    the last contender down the ladder."""
    probe = {"id": "probe", "title": "Probe", "when": "1950-Q1", "text": "t", "history": "h",
             "source": "s", "effects": [{"demote": {"who": "decider"}}]}
    scenario = variant(lambda d: d["events"].append(probe))
    plain = Match.start(load("two_rivals"), 0).state
    state, _ = new_game(scenario, 0)
    assert "probe" in cards_fired(state)  # the effect ran
    assert state.arrays.holds.any(axis=1).all()  # every office is held, none is vacant
    assert np.array_equal(state.arrays.status, plain.arrays.status)


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param({"support": {"who": "office:treasurer", "at_least": 0.3}}, id="support"),
        pytest.param({"politburo_majority": {"who": "office:treasurer"}},
                     id="politburo_majority"),
        pytest.param({"platform": {"who": "office:treasurer"}}, id="platform"),
        pytest.param({"allied": {"a": "office:treasurer", "b": "vera"}}, id="allied"),
        pytest.param({"in_organ": {"who": "office:treasurer", "organ": "party"}},
                     id="in_organ"),
        pytest.param({"holds_office": {"who": "office:treasurer", "office": "secretary"}},
                     id="holds_office"),
        pytest.param({"status": {"who": "office:treasurer", "is": ["council"]}}, id="status"),
    ],
)
def test_a_condition_on_nobody_does_not_hold(condition):
    """Nobody holds the treasury, so nothing can be true of its holder (the uncommitted share
    of two_rivals is over 0.3, and uncommitted notables are the Council's majority)."""
    scenario = with_event(condition=condition)
    _, state = start_of(scenario)
    assert state.support()[-1] > 0.3
    assert state.arrays.notable_seated.sum() == 3
    assert "probe" not in cards_fired(state)


# ----- names a scenario may get wrong -------------------------------------------------------------


@pytest.mark.parametrize(
    ("effect", "problem"),
    [
        ({"grant_office": {"who": "vera", "office": "no_such_office"}}, "no_such_office"),
        ({"revoke_office": {"office": "no_such_office"}}, "no_such_office"),
        ({"rule": {"name": "no_such_rule", "value": True}}, "no_such_rule"),
    ],
    ids=["grant_unknown_office", "revoke_unknown_office", "unknown_rule"],
)
def test_a_bad_name_in_an_effect_is_refused_when_the_scenario_is_validated(effect, problem):
    with pytest.raises(ValidationError, match=rf"event 'probe'.*unknown .*'{problem}'"):
        with_event(effects=[effect])


def test_a_bad_rule_name_in_a_condition_is_refused():
    with pytest.raises(ValidationError, match=r"event 'probe'.*unknown rule 'no_such_rule'"):
        with_event(condition={"rule": "no_such_rule"})


# ----- the scenario model round-trips ---------------------------------------------------------


@pytest.mark.parametrize("name", scenario_params())
def test_scenario_round_trips_through_json_by_alias(name):
    scenario = load(name)
    again = Scenario.model_validate_json(scenario.model_dump_json(by_alias=True))
    assert again == scenario
    assert again.content_hash() == scenario.content_hash()


def test_scenario_round_trips_through_a_plain_dump():
    """model_dump() writes the `status` condition's field by name (is_), not by alias (is);
    validation must take it back."""
    scenario = variant(
        lambda d: d["events"].append(
            {"id": "probe", "title": "Probe", "when": "1950-Q2", "text": "t", "history": "h",
             "source": "s", "condition": {"status": {"who": "ivan", "is": ["council"]}}}
        )
    )
    assert Scenario.model_validate(scenario.model_dump()) == scenario


# ----- rules changed by an event stay within their bounds -------------------------------------


@pytest.mark.parametrize(("rule", "value"), [("bloc_discipline", 2.0), ("vote_noise", -1.0)])
def test_a_rule_set_out_of_bounds_is_refused(rule, value):
    """Rules declare their bounds; an event may not set one outside them (bloc_discipline 2
    once crashed the first vote with numpy's 'n < 0', vote_noise -1 with 'scale < 0')."""
    with pytest.raises(ValidationError, match=rf"event 'probe'.*{rule}.*not allowed"):
        with_event(effects=[{"rule": {"name": rule, "value": value}}])


@pytest.mark.parametrize(("rule", "value"), [("bloc_discipline", 1.0), ("vote_noise", 0.0)])
def test_a_rule_set_at_its_bound_plays(rule, value):
    scenario = with_event(effects=[{"rule": {"name": rule, "value": value}}])
    match = play_ai_game(scenario, 0)
    assert match.state.finished
    in_force = dict(zip(lay.RULE_IDS, match.state.arrays.rules.tolist(), strict=True))
    assert in_force[rule] == value
    Rules.model_validate(in_force)  # still within the declared bounds
