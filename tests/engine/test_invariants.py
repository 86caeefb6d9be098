"""Invariants that hold at every turn of any legal game, checked over random legal play.

Each contender's orders are a random affordable subset of its legal actions (one choice per event
card); hypothesis draws the game's seed and the seed of the random play. The examples are fixed
(``derandomize``) so the suite is deterministic and quick.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import (
    Action,
    GameEvent,
    GameState,
    Match,
    TurnResult,
    apply_turn,
    legal_actions,
    outcome,
    view,
)
from game.rules import layout as lay
from helpers import load, random_game, scenario_params, three_rivals

TOL = 1e-9


def check_state(state: GameState) -> None:
    s, sc, a = state, state.scenario, state.arrays
    n = s.n
    # Loyalties: shares, non-negative, summing to one, per region and per notable.
    assert a.loyalty.shape == (len(sc.regions), n + 1)
    assert np.all(np.isfinite(a.loyalty)) and np.all(a.loyalty >= 0)
    np.testing.assert_allclose(a.loyalty.sum(axis=1), 1.0, atol=TOL)
    if len(sc.notables):
        assert np.all(a.notable_loyalty >= 0)
        np.testing.assert_allclose(a.notable_loyalty.sum(axis=1), 1.0, atol=TOL)
    assert np.all(a.cc_share >= 0)
    assert abs(a.cc_share.sum() - 1.0) < TOL
    assert np.all(np.isfinite(a.members)) and np.all(a.members > 0)
    assert abs(s.support().sum() - 1.0) < TOL
    assert a.ints[lay.CC_SEATS] > 0 and a.ints[lay.CONGRESS_DELEGATES] > 0
    assert a.ints[lay.POLITBURO_SEATS] > 0
    # Contenders.
    limit = a.rules[lay.R_DOSSIER_LIMIT]
    assert a.dossiers.shape == (n, n)
    for c, d in enumerate(sc.contenders):
        name = d.id
        for q, quality in enumerate(lay.QUALITY_IDS):
            assert 0.0 <= a.quality[c, q] <= 100.0, (name, quality, a.quality[c, q])
        assert a.action_points[c] >= 0, name
        assert -1.0 <= a.line[c] <= 1.0
        assert 0 <= a.status[c] < len(sc.ladder)
        # Dossiers: a row per holder, a count per target (0: none), none on oneself.
        assert a.dossiers[c, c] == 0, (name, a.dossiers[c])
        assert np.all((a.dossiers[c] >= 0) & (a.dossiers[c] <= limit)), (name, a.dossiers[c])
        if not sc.ladder[a.status[c]].can_act:
            assert legal_actions(s, name) == [], f"{name} cannot act but has legal actions"
            assert not a.allied[c].any(), f"{name} cannot act but keeps allies"
    # Trust and alliances.
    assert np.all(a.trust >= -1.0) and np.all(a.trust <= 1.0)
    assert np.array_equal(a.allied, a.allied.T), "alliances must be symmetric"
    assert not np.diag(a.allied).any()
    assert a.offers.shape == (n, n) and not np.diag(a.offers).any()
    # Offices (no more holders than each has places, none while a notable holds it), patrons,
    # the mood.
    assert a.holds.shape == (len(sc.offices), n)
    places = np.array([o.holders for o in sc.offices])
    assert np.all(a.holds.sum(axis=1) <= places), a.holds
    assert not a.holds[a.office_notable >= 0].any(), "a notable's office has contender holders"
    assert np.all((a.patron >= -1) & (a.patron < n))
    assert -1.0 <= a.reals[lay.MOOD_LINE] <= 1.0 and 0.0 <= a.reals[lay.MOOD_UNITY] <= 1.0
    assert -1.0 <= a.reals[lay.PARTY_LINE] <= 1.0
    # Business waiting: the lists' counts within their capacity; a row of history a turn.
    for count, rows in ((lay.N_MOTIONS, a.motions), (lay.N_DECISIONS, a.decisions),
                        (lay.N_CARDS, a.cards)):
        assert 0 <= a.ints[count] <= len(rows), (count, a.ints[count], len(rows))
    assert a.ints[lay.N_HISTORY] == s.turn + 1
    # Time.
    assert 0 <= s.turn <= sc.calendar.turns
    assert s.finished == (s.turn == sc.calendar.turns)
    assert (outcome(s) is not None) == s.finished
    # Views: my secrets only.
    for c, d in enumerate(sc.contenders):
        v = view(s, d.id)
        assert v.me == c
        assert v.dossiers == {t: int(k) for t, k in enumerate(a.dossiers[c]) if k}
        assert v.offers_to_me == tuple(int(b) for b in np.flatnonzero(a.offers[:, c]))
        assert v.offers_from_me == tuple(int(b) for b in np.flatnonzero(a.offers[c]))


def check_tallies(result: TurnResult) -> int:
    """Every vote's numbers add up; returns how many votes were checked."""
    new = result.state
    seats = {"central_committee": int(new.arrays.ints[lay.CC_SEATS]),
             "congress": int(new.arrays.ints[lay.CONGRESS_DELEGATES])}
    most = new.n + len(new.scenario.notables)
    count = 0
    for e in result.events:
        assert isinstance(e, GameEvent)
        t = e.tally
        if t is None:
            continue
        count += 1
        assert t.yes >= 0 and t.no >= 0
        assert t.yes == sum(b.yes for b in t.blocs), t
        assert t.no == sum(b.no for b in t.blocs), t
        total = t.yes + t.no
        needed = getattr(t, "needed", 0)
        if needed:  # a simple or qualified majority, stated on the tally
            assert total // 2 + 1 <= needed <= max(total, 1), (needed, total)
            assert t.passed == (t.yes >= needed), t.headline()
        else:
            assert t.passed == (t.yes > t.no), t.headline()
        assert all(b.yes >= 0 and b.no >= 0 for b in t.blocs)
        assert t.organ == getattr(new.scenario.organs, t.body).name
        if t.body == "politburo":
            assert all(b.yes + b.no == 1 for b in t.blocs), "one vote per Politburo member"
            assert len({b.label for b in t.blocs}) == len(t.blocs), "each member votes once"
            assert 0 < t.yes + t.no <= most
        else:
            assert t.body in seats, t.body
            assert t.yes + t.no == seats[t.body], (t.body, t.yes, t.no, seats[t.body])
    return count


def play_and_check(name: str, seed: int, play_seed: int) -> int:
    scenario = load(name)
    turns = 0
    votes = 0
    state = None
    for state, result in random_game(scenario, seed, play_seed):
        check_state(state)
        assert not state.finished
        assert result.state.turn == state.turn + 1
        votes += check_tallies(result)
        turns += 1
    assert state is not None
    final = result.state
    check_state(final)
    assert turns == scenario.calendar.turns
    assert final.finished and final.turn == scenario.calendar.turns
    res = outcome(final)
    assert res is not None
    assert [o.contender for o in res.outcomes] == [c.id for c in scenario.contenders]
    assert res.winner in {c.id for c in scenario.contenders}
    assert {o.outcome for o in res.outcomes} <= {o.id for o in scenario.outcomes}
    return votes


SEEDS = st.integers(min_value=0, max_value=2**31 - 1)
FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(seed=SEEDS, play_seed=SEEDS)
def test_random_play_keeps_invariants_two_rivals(seed, play_seed):
    play_and_check("two_rivals", seed, play_seed)


@FAST
@given(seed=SEEDS, play_seed=SEEDS)
def test_random_play_keeps_invariants_three_rivals(seed, play_seed):
    scenario = three_rivals()
    for _state, result in random_game(scenario, seed, play_seed):
        check_state(result.state)
        check_tallies(result)


@pytest.mark.parametrize("name", scenario_params(["succession_1924"]))
@SLOW
@given(seed=SEEDS, play_seed=SEEDS)
def test_random_play_keeps_invariants_main(name, seed, play_seed):
    play_and_check(name, seed, play_seed)


@pytest.mark.parametrize("name", scenario_params())
def test_random_play_holds_votes(name):
    """The random games above do reach votes, so the tally checks are not vacuous."""
    votes = sum(play_and_check(name, seed, seed + 100) for seed in range(2))
    assert votes > 0


@pytest.mark.parametrize("name", scenario_params())
def test_the_first_state_keeps_invariants(name):
    scenario = load(name)
    for seed in range(5):
        check_state(Match.start(scenario, seed).state)


@pytest.mark.parametrize("name", scenario_params())
def test_the_game_ends_exactly_after_the_last_turn(name):
    scenario = load(name)
    state = Match.start(scenario, 1).state
    for turn in range(scenario.calendar.turns):
        assert not state.finished and outcome(state) is None
        assert state.turn == turn
        state = apply_turn(state, {}).state
    assert state.finished and outcome(state) is not None
    assert state.turn == scenario.calendar.turns
    for c in scenario.contenders:
        assert legal_actions(state, c.id) == []


# ----- what a view may show -------------------------------------------------------------


def test_a_view_shows_no_rivals_secrets():
    """Orlova offers Petrov an alliance and files dossiers on him; Kovac, the bystander, sees
    neither; Petrov sees the offer but not the dossiers."""
    scenario = three_rivals()
    state = Match.start(scenario, 0).state
    vera, ivan, nina = 0, 1, 2
    orders = {"vera": [Action.parse("ally ivan"), Action.parse("dossier ivan")]}
    state = apply_turn(state, orders).state
    assert state.arrays.offers[vera, ivan]
    assert state.arrays.dossiers[vera, ivan] > 0

    mine = view(state, "vera")
    assert mine.offers_from_me == (ivan,) and mine.offers_to_me == ()
    assert mine.dossiers == {ivan: int(state.arrays.dossiers[vera, ivan])}

    target = view(state, "ivan")
    assert target.offers_to_me == (vera,) and target.offers_from_me == ()
    assert target.dossiers == {}

    bystander = view(state, "nina")
    assert bystander.me == nina
    assert bystander.offers_to_me == () and bystander.offers_from_me == ()
    assert bystander.dossiers == {}
    # No other part of a view carries dossiers or offers.
    for info in bystander.contenders:
        assert not {"dossiers", "offers"} & set(type(info).__slots__)
    fields = set(type(bystander).__dataclass_fields__)
    assert {f for f in fields if "dossier" in f or "offer" in f} == {
        "dossiers", "offers_to_me", "offers_from_me"
    }
    # The accept option appears to Petrov only.
    accept = Action.parse("accept vera")
    assert accept in {o.action for o in legal_actions(state, "ivan")}
    assert Action.parse("accept ivan") not in {o.action for o in legal_actions(state, "nina")}


def test_private_events_are_marked_private():
    scenario = three_rivals()
    state = Match.start(scenario, 0).state
    result = apply_turn(state, {"vera": [Action.parse("ally ivan"),
                                         Action.parse("dossier ivan")]})
    private = [e for e in result.events if not e.public]
    assert private, "the offer and the dossier should be reported privately"
    for e in private:
        assert 2 not in e.actors  # the bystander is never told
