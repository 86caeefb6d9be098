"""The model's mechanisms: challenges to an office, elected offices, the ladder's falls and
offices, answering a charge, working on a rival's secretary, exposure, card votes in the
Central Committee, a Congress's reporter and milestones.

A test that needs a state no game reaches sets it up by hand in the rules' arrays
(``state.arrays``, indexed by :mod:`game.rules.layout`) and calls the kernels that do the job
(:mod:`game.rules`), with a fresh turn's working context and log."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import (
    Action,
    ActionKind,
    GameState,
    Match,
    apply_turn,
    legal_actions,
    milestones,
    new_game,
)
from game.engine.narrate import narrate
from game.rules import layout as lay
from game.rules import meetings, ops, organs, patronage, votes
from game.rules.log import Log, new_log
from game.rules.ops import Work, new_work
from helpers import load

STALIN, TROTSKY, ZINOVIEV, KAMENEV, BUKHARIN = range(5)


@pytest.fixture
def state() -> GameState:
    """The main scenario's first state, to be changed by a test (a copy each time)."""
    return new_game(load("succession_1924"), 7)[0].copy()


def office(state: GameState, office_id: str) -> int:
    return [o.id for o in state.scenario.offices].index(office_id)


def region(state: GameState, region_id: str) -> int:
    return [r.id for r in state.scenario.regions].index(region_id)


def rung_id(state: GameState, c: int) -> str:
    return state.scenario.ladder[int(state.arrays.status[c])].id


def turn_context(state: GameState) -> tuple[Work, Log]:
    """A fresh working context (chance's factor in force) and log, as a turn's rules get."""
    most = max([len(e.choices) for e in state.scenario.events] or [1])
    return new_work(state.n, lay.LUCK), new_log(state.n, most)


def waiting(state: GameState) -> np.ndarray:
    """The motions waiting for a vote (rows of ``State.motions``)."""
    s = state.arrays
    return s.motions[: s.ints[lay.N_MOTIONS]]


def _plenum_turn(state: GameState, turn: int) -> GameState:
    """``state`` moved to ``turn`` (a turn with a scheduled plenum), cards not drawn."""
    s = state.copy()
    s.arrays.ints[lay.TURN] = turn
    s.arrays.ints[lay.N_DECISIONS] = 0
    s.arrays.ints[lay.N_CARDS] = 0
    return s


def test_a_challenge_waits_for_the_plenum_and_carried_takes_the_office(state):
    s, t = state.arrays, state.tables
    w, log = turn_context(state)
    war = office(state, "war_commissar")
    ops.file_challenge(s, t, w, log, BUKHARIN, war)
    motion = waiting(state)[-1]
    assert (motion[lay.M_KIND], motion[lay.M_TARGET], motion[lay.M_OFFICE]) == (
        lay.RELIEVE, TROTSKY, war)
    ops.file_challenge(s, t, w, log, BUKHARIN, war)  # one challenge to an office at a time
    assert sum(m[lay.M_KIND] == lay.RELIEVE for m in waiting(state)) == 1
    later = _plenum_turn(state, state.scenario.calendar.turn_of("1925-Q1"))
    later.arrays.cc_share[:] = [0.1, 0.0, 0.0, 0.0, 0.8, 0.1]  # Bukharin's Central Committee
    later.arrays.platform[TROTSKY] = True  # and a case
    after = apply_turn(later, {}).state.arrays
    assert ops.holder(after, war) == -1
    assert after.lost[war, TROTSKY]



def test_a_charge_whose_target_fell_another_way_lapses_unvoted(state):
    s, t = state.arrays, state.tables
    w, log = turn_context(state)
    ops.file_charge(s, t, w, log, STALIN, TROTSKY)
    charge = waiting(state)[-1]
    organ = int(charge[lay.M_ORGAN])
    assert (charge[lay.M_KIND], charge[lay.M_TARGET]) == (lay.ACCUSE, TROTSKY)
    later = _plenum_turn(state, state.scenario.calendar.turn_of("1925-Q1"))
    while t.removed_by[later.arrays.status[TROTSKY]] == organ:  # brought down another way,
        ops.demote(later.arrays, t, w, log, TROTSKY)  # out of the organ's reach, before it meets
    fallen = int(later.arrays.status[TROTSKY])
    result = apply_turn(later, {})
    assert int(result.state.arrays.status[TROTSKY]) == fallen  # not judged a second time
    lapsed = [e for e in result.events if "charge against" in e.text and "lapses" in e.text]
    assert len(lapsed) == 1 and lapsed[0].public
    assert lapsed[0].text.startswith("Joseph Stalin's charge against Leon Trotsky lapses")
    assert not [e for e in result.events if e.tally is not None and "Trotsky" in e.text
                and "charge" in e.text.lower()]

def test_challenging_is_an_option_with_the_odds_of_the_plenum(state):
    options = {str(o.action): o for o in legal_actions(state, "zinoviev")}
    assert "challenge general_secretary" not in options  # Stalin is Zinoviev's ally
    challenge = options["challenge pravda"]
    assert 0.0 <= challenge.odds <= 1.0 and "Central Committee" in challenge.why
    assert not any(a.startswith("challenge leningrad") for a in options)  # his own office


def test_a_vacant_elected_office_is_filled_by_someone_who_never_lost_it(state):
    s, t = state.arrays, state.tables
    w, log = turn_context(state)
    secretary = office(state, "general_secretary")
    ops.set_holder(s, t, w, log, secretary, -1)
    assert s.lost[secretary, STALIN]
    meetings.elect_offices(s, t, w, log, state.rng)
    holder = ops.holder(s, secretary)
    assert holder >= 0 and holder != STALIN
    event = next(e for e in narrate(state.scenario, log)
                 if e.ref == "general_secretary" and "elects" in e.text)
    assert sum(event.data["votes"].values()) == ops.cc_blocs(s).sum()


def test_leaving_the_politburo_costs_every_office_and_clause_7_expels(state):
    s, t = state.arrays, state.tables
    w, log = turn_context(state)
    ops.demote(s, t, w, log, ZINOVIEV)  # offices_first is off in the main scenario: a rung at once
    assert rung_id(state, ZINOVIEV) == "central_committee"
    assert len(ops.offices_of(s, t, ZINOVIEV)) == 0
    ops.demote(s, t, w, log, ZINOVIEV)  # the Central Committee's two-thirds expel from the party
    assert rung_id(state, ZINOVIEV) == "expelled"


def _charge(s: lay.State, answers: int) -> np.ndarray:
    """Stalin's charge against Trotsky before the Central Committee, as a row of motions."""
    m = np.zeros(lay.MOTION_FIELDS, np.int64)
    m[lay.M_KIND], m[lay.M_SPONSOR], m[lay.M_TARGET] = lay.ACCUSE, STALIN, TROTSKY
    m[lay.M_ORGAN], m[lay.M_OFFICE], m[lay.M_ANSWERS] = lay.CENTRAL_COMMITTEE, -1, answers
    return m


def test_answers_to_a_charge_sway_the_vote(state):
    s = state.arrays
    assert organs.defence_of(s, _charge(s, 0)) == 0.0
    swing = organs.defence_of(s, _charge(s, lay.ANSWER_DEFEND | lay.ANSWER_PARTY))
    assert swing > s.rules[lay.R_DEFENCE_WEIGHT] * 0.9  # Trotsky's oratory is 95
    f = votes.floor(s, state.tables)

    def merit(defence: float) -> float:
        q = votes.question(lay.ACCUSE, STALIN, TROTSKY, defence=defence)
        return votes.merit(votes.merit_terms(s, f, q), lay.ACCUSE)

    assert merit(swing) == pytest.approx(merit(0.0) - swing)


def test_defend_and_appeal_are_offered_only_against_a_waiting_charge(state):
    assert not {o.action.kind for o in legal_actions(state, "trotsky")} & {
        ActionKind.DEFEND, ActionKind.APPEAL}
    s = state.arrays
    ops.add_motion(s, lay.ACCUSE, STALIN, TROTSKY, lay.CENTRAL_COMMITTEE, -1, 0)
    state.derived.clear()
    kinds = {str(o.action) for o in legal_actions(state, "trotsky")}
    assert {"defend", "appeal party"} <= kinds and "appeal comintern" not in kinds
    after = apply_turn(state, {"trotsky": [Action.parse("defend")]}).state
    assert waiting(after)[0, lay.M_ANSWERS] == lay.ANSWER_DEFEND


def test_working_on_a_secretary_is_a_gamble_shown_as_odds(state):
    s, t = state.arrays, state.tables
    urals, ukraine = region(state, "urals"), region(state, "ukraine")
    chance = patronage.subvert_chance(s, t, ZINOVIEV, urals)
    assert 0.0 < chance < 0.5  # Stalin's men hold the Urals
    assert patronage.subvert_chance(s, t, STALIN, region(state, "leningrad")) < \
        patronage.subvert_chance(s, t, STALIN, ukraine)
    option = next(o for o in legal_actions(state, "trotsky") if str(o.action) == "subvert urals")
    assert option.odds == pytest.approx(patronage.subvert_chance(s, t, TROTSKY, urals))
    won = 0
    for seed in range(12):
        first = new_game(state.scenario, seed)[0]
        after = apply_turn(first, {"zinoviev": [Action.parse("subvert ukraine")]}).state
        won += int(after.arrays.patron[ukraine]) == ZINOVIEV
    assert 0 < won < 12


def test_public_evidence_makes_a_case(state):
    s = state.arrays
    q = votes.question(lay.RELIEVE, TROTSKY, STALIN, office=office(state, "general_secretary"))
    assert not votes.has_case(s, q)
    s.exposed[STALIN] = True
    assert votes.has_case(s, q)


def test_a_card_put_to_the_vote_is_decided_by_a_tally_of_the_central_committee():
    sc = load("succession_1924")
    testament = [e.id for e in sc.events].index("testament")
    match = Match.start(sc, 3)

    def drawn() -> list[int]:
        s = match.state.arrays
        return s.cards[: s.ints[lay.N_CARDS]].tolist()

    while testament not in drawn():
        match.play({})
    seats = int(match.state.arrays.ints[lay.CC_SEATS])  # the CC that votes, before the Congress
    events = match.play({"stalin": [Action.parse("decide testament suppress")]})
    decided = next(e for e in events if e.ref == "testament")
    count = decided.data["votes"]
    assert set(count) == {"read_to_delegations", "read_to_congress", "suppress"}
    assert sum(count.values()) == seats
    assert decided.data["choice"] == max(count, key=count.get)
    assert decided.data["blocs"][0][0] == "Loyal to Stalin"


def test_the_13th_congress_hears_zinovievs_report(state):
    meeting = [m.name for m in state.scenario.meetings].index("13th Party Congress")
    assert organs.reporter(state.arrays, state.tables, meeting) == ZINOVIEV


def test_milestones_are_noted_on_the_turn_they_are_reached():
    match = Match.start(load("succession_1924"), 0)
    assert all(m.reached is None for m in milestones(match.state))
    while not match.state.finished:
        match.play({})
    first = {m.id: m for m in milestones(match.state)}["trotsky_loses_war_commissariat"]
    assert first.history_turn == 4  # 1925-Q1, 0-based
    assert first.reached is not None and first.reached >= 4
