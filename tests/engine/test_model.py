"""The model's mechanisms: challenges to an office, elected offices, the ladder's falls and
offices, answering a charge, working on a rival's secretary, exposure, card votes in the
Central Committee, a Congress's reporter and milestones."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import Action, ActionKind, Match, apply_turn, legal_actions, milestones, new_game
from game.engine.context import Context
from game.engine.factions import defence_of
from game.engine.meetings import elect_offices, reporter
from game.engine.patronage import subvert_chance
from game.engine.state import Motion
from game.engine.votes import Question, floor, has_case, merit
from helpers import load

STALIN, TROTSKY, ZINOVIEV, KAMENEV, BUKHARIN = range(5)


@pytest.fixture
def state():
    """The main scenario's first state, to be changed by a test (a copy each time)."""
    return new_game(load("succession_1924"), 7)[0].copy()


def _plenum_turn(state, turn: int):
    """``state`` moved to ``turn`` (a turn with a scheduled plenum), cards not drawn."""
    s = state.copy()
    s.turn = turn
    s.decisions, s.cards = [], []
    return s


def test_a_challenge_waits_for_the_plenum_and_carried_takes_the_office(state):
    ctx = Context(state)
    ctx.file_challenge(BUKHARIN, "war_commissar")
    motion = state.motions[-1]
    assert (motion.kind, motion.target, motion.office) == ("relieve", TROTSKY, "war_commissar")
    ctx.file_challenge(BUKHARIN, "war_commissar")  # one challenge to an office at a time
    assert len([m for m in state.motions if m.kind == "relieve"]) == 1
    s = _plenum_turn(state, state.scenario.calendar.turn_of("1925-Q1"))
    s.cc_share = np.array([0.1, 0.0, 0.0, 0.0, 0.8, 0.1])  # Bukharin's Central Committee
    s.contenders[TROTSKY].platform = True  # and a case
    after = apply_turn(s, {}).state
    assert after.holder["war_commissar"] == -1
    assert ("war_commissar", TROTSKY) in after.lost


def test_challenging_is_an_option_with_the_odds_of_the_plenum(state):
    options = {str(o.action): o for o in legal_actions(state, "zinoviev")}
    assert "challenge general_secretary" not in options  # Stalin is Zinoviev's ally
    challenge = options["challenge pravda"]
    assert 0.0 <= challenge.odds <= 1.0 and "Central Committee" in challenge.why
    assert not any(a.startswith("challenge leningrad") for a in options)  # his own office


def test_a_vacant_elected_office_is_filled_by_someone_who_never_lost_it(state):
    ctx = Context(state)
    ctx.set_holder("general_secretary", -1)
    assert ("general_secretary", STALIN) in state.lost
    elect_offices(ctx)
    holder = state.holder["general_secretary"]
    assert holder >= 0 and holder != STALIN
    event = next(e for e in ctx.events if e.ref == "general_secretary" and "elects" in e.text)
    assert sum(event.data["votes"].values()) == sum(ctx.cc_blocs())


def test_leaving_the_politburo_costs_every_office_and_clause_7_expels(state):
    ctx = Context(state)
    ctx.demote(ZINOVIEV)  # offices_first is off in the main scenario: a rung at once
    assert ctx.rung_id(ZINOVIEV) == "central_committee"
    assert ctx.offices_of(ZINOVIEV) == ()
    ctx.demote(ZINOVIEV)  # the Central Committee's two-thirds expel from the party too
    assert ctx.rung_id(ZINOVIEV) == "expelled"


def test_answers_to_a_charge_sway_the_vote(state):
    ctx = Context(state)
    charge = Motion("accuse", STALIN, TROTSKY, "central_committee", 0)
    answered = Motion("accuse", STALIN, TROTSKY, "central_committee", 0,
                      answers=("defend", "party"))
    assert defence_of(ctx, charge) == 0.0
    swing = defence_of(ctx, answered)
    assert swing > state.rules.defence_weight * 0.9  # Trotsky's oratory is 95
    f = floor(ctx)
    plain = merit(f, Question("accuse", STALIN, TROTSKY))
    assert merit(f, Question("accuse", STALIN, TROTSKY, defence=swing)) == pytest.approx(
        plain - swing)


def test_defend_and_appeal_are_offered_only_against_a_waiting_charge(state):
    assert not {o.action.kind for o in legal_actions(state, "trotsky")} & {
        ActionKind.DEFEND, ActionKind.APPEAL}
    state.motions = [Motion("accuse", STALIN, TROTSKY, "central_committee", state.turn)]
    state.derived.clear()
    kinds = {str(o.action) for o in legal_actions(state, "trotsky")}
    assert {"defend", "appeal party"} <= kinds and "appeal comintern" not in kinds
    after = apply_turn(state, {"trotsky": [Action.parse("defend")]}).state
    assert after.motions[0].answers == ("defend",)


def test_working_on_a_secretary_is_a_gamble_shown_as_odds(state):
    ctx = Context(state)
    chance = subvert_chance(ctx, ZINOVIEV, "urals")
    assert 0.0 < chance < 0.5  # Stalin's men hold the Urals
    assert subvert_chance(ctx, STALIN, "leningrad") < subvert_chance(ctx, STALIN, "ukraine")
    option = next(o for o in legal_actions(state, "trotsky") if str(o.action) == "subvert urals")
    assert option.odds == pytest.approx(subvert_chance(ctx, TROTSKY, "urals"))
    won = 0
    for seed in range(12):
        s = new_game(state.scenario, seed)[0]
        after = apply_turn(s, {"zinoviev": [Action.parse("subvert ukraine")]}).state
        won += int(after.patron[ctx.index.region["ukraine"]]) == ZINOVIEV
    assert 0 < won < 12


def test_public_evidence_makes_a_case(state):
    ctx = Context(state)
    q = Question("relieve", TROTSKY, STALIN, office="general_secretary")
    assert not has_case(floor(ctx), q)
    state.contenders[STALIN].exposed = True
    assert has_case(floor(Context(state)), q)


def test_a_card_put_to_the_vote_is_decided_by_a_tally_of_the_central_committee(state):
    match = Match.start(load("succession_1924"), 3)
    while "testament" not in match.state.cards:
        match.play({})
    seats = match.state.cc_seats  # the Central Committee that votes, before the Congress
    events = match.play({"stalin": [Action.parse("decide testament suppress")]})
    decided = next(e for e in events if e.ref == "testament")
    votes = decided.data["votes"]
    assert set(votes) == {"read_to_delegations", "read_to_congress", "suppress"}
    assert sum(votes.values()) == seats
    assert decided.data["choice"] == max(votes, key=votes.get)
    assert decided.data["blocs"][0][0] == "Loyal to Stalin"


def test_the_13th_congress_hears_zinovievs_report(state):
    sc = state.scenario
    thirteenth = next(m for m in sc.meetings if m.name == "13th Party Congress")
    assert reporter(Context(state), thirteenth) == ZINOVIEV


def test_milestones_are_noted_on_the_turn_they_are_reached():
    match = Match.start(load("succession_1924"), 0)
    assert all(m.reached is None for m in milestones(match.state))
    while not match.state.finished:
        match.play({})
    first = {m.id: m for m in milestones(match.state)}["trotsky_loses_war_commissariat"]
    assert first.history_turn == 4  # 1925-Q1, 0-based
    assert first.reached is not None and first.reached >= 4
