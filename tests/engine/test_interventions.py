"""Changes from outside the rules (the debug console's): effects run now, event cards fired now,
each recorded in the Match so that a touched game replays to the same state."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import seat_orders
from game.engine import (
    IllegalAction,
    Match,
    cards_fired,
    fire_event,
    intervene,
    readings,
    view,
)
from helpers import load

SEED = 11


@pytest.fixture(scope="module")
def sc():
    return load("succession_1924")


def ai_turn(match: Match) -> None:
    match.play({c.id: seat_orders(match.state, c.id, "easy")
                for c in match.scenario.contenders})


def same(a, b) -> bool:
    return all(np.array_equal(x, y) for x, y in zip(a.arrays, b.arrays, strict=True))


def test_effects_change_only_the_new_state(sc):
    state = Match.start(sc, SEED).state
    before = state.arrays.quality[0, 0]
    new = intervene(state, [{"quality": {"who": "stalin", "quality": "prestige", "amount": -10}},
                            {"mood": {"line": 0.2}}]).state
    assert new.arrays.quality[0, 0] == before - 10
    assert new.arrays.reals[0] == pytest.approx(min(1.0, state.arrays.reals[0] + 0.2))
    assert state.arrays.quality[0, 0] == before  # the given state is untouched


def test_effects_on_regions_and_flags_compile_beside_the_scenarios_own(sc):
    state = Match.start(sc, SEED).state
    r = [x.id for x in sc.regions].index("leningrad")
    new = intervene(state, [{"loyalty": {"who": "stalin", "regions": ["leningrad"],
                                         "amount": 1.0}}]).state
    assert new.arrays.loyalty[r, 0] == pytest.approx(1.0)
    assert new.arrays.loyalty[r - 1 if r else r + 1, 0] == state.arrays.loyalty[
        r - 1 if r else r + 1, 0]
    flags = state.compiled.flags
    new = intervene(state, [{"flag": {"name": "funeral_trick", "value": 3}}]).state
    assert new.arrays.flags[flags.index("funeral_trick")] == 3


@pytest.mark.parametrize("effects, words", [
    ([{"quality": {"who": "stalni", "quality": "prestige", "amount": 5}}], "stalni"),
    ([{"prestige": 5}], "the effects are: mood, quality"),
    ([{"quality": {"who": "stalin", "quality": "prestige", "amount": 500}}], "amount"),
    ([{"flag": {"name": "never_used_anywhere"}}], "flag the scenario never sets"),
    ([{"grant_office": {"who": "stalin", "office": "tsar"}}], "tsar"),
])
def test_bad_effects_say_what_is_wrong(sc, effects, words):
    match = Match.start(sc, SEED)
    with pytest.raises(IllegalAction, match=words):
        match.intervene(effects)
    assert match.interventions == [] and match.touches == []


def test_an_event_fired_with_a_choice_applies_at_once(sc):
    state = Match.start(sc, SEED).state
    assert "trotsky_reads_testament" not in cards_fired(state)
    new = fire_event(state, "trotsky_reads_testament", "read_it_out").state
    assert cards_fired(new)["trotsky_reads_testament"] == "read_it_out"


def test_an_event_fired_without_a_choice_waits_for_its_decider(sc):
    match = Match.start(sc, SEED)
    match.fire("trotsky_fever")
    match.fire("testament")
    cards = {c.event: c for c in view(match.state, "trotsky").cards}
    assert "testament" in cards
    ai_turn(match)
    assert cards_fired(match.state).get("testament") is not None  # decided with the turn


def test_bad_events_and_choices(sc):
    state = Match.start(sc, SEED).state
    with pytest.raises(IllegalAction, match="no event 'nothing'; events are: lenin_dies"):
        fire_event(state, "nothing")
    with pytest.raises(IllegalAction, match="its choices are: "):
        fire_event(state, "testament", "burn_it")
    waiting = fire_event(state, "testament").state
    with pytest.raises(IllegalAction, match="already waiting"):
        fire_event(waiting, "testament", None)


def test_a_touched_match_replays_to_the_same_state(sc):
    match = Match.start(sc, SEED)
    match.fire("testament")
    ai_turn(match)
    match.intervene([{"quality": {"who": "trotsky", "quality": "health", "amount": -30}},
                     {"loyalty": {"who": "zinoviev", "regions": ["all"], "amount": 0.2}}])
    match.fire("trotsky_reads_testament", "read_it_out")
    ai_turn(match)
    ai_turn(match)
    assert [i.turn for i in match.interventions] == [0, 1, 1]
    assert match.touches[0] == "turn 1: fired event 'testament' (its deciders to choose)"
    assert match.touches[2] == "turn 2: fired event 'trotsky_reads_testament' (choice " \
        "'read_it_out')"
    again = Match.replay(sc, SEED, match.orders, match.interventions)
    assert same(again.state, match.state)
    assert again.touches == match.touches
    with pytest.raises(IllegalAction, match="no such decision"):  # the fired card's vote
        Match.replay(sc, SEED, match.orders)


def test_readings_show_what_no_view_shows(sc):
    state = Match.start(sc, SEED).state
    now = readings(state)
    assert now.flags["funeral_trick"] == 0 and now.rules["patronage"] == 1
    assert now.qualities["stalin"] == {"prestige": 50, "oratory": 30, "organisation": 92,
                                       "health": 80, "threat": 20}
    new = intervene(state, [{"flag": {"name": "funeral_trick", "value": 2}},
                            {"rule": {"name": "patronage", "value": False}}]).state
    assert readings(new).flags["funeral_trick"] == 2 and readings(new).rules["patronage"] == 0


def test_nested_effects_are_recorded_whole_and_replay(sc):
    match = Match.start(sc, SEED)
    match.intervene([{"quality": {"who": "stalin", "quality": "prestige", "to": 90}}])
    match.intervene([{"if": {"condition": {"quality": {"who": "stalin", "quality": "prestige",
                                                       "above": 80}},
                             "then": [{"mood": {"unity_to": 0.9}}]}}])
    assert match.state.arrays.reals[1] == pytest.approx(0.9)
    assert match.touches[1] == ("turn 1: if condition={above: 80, type: quality, who: stalin, "
                                "quality: prestige} then=[{type: mood, unity_to: 0.9}]")
    again = Match.replay(sc, SEED, match.orders, match.interventions)
    assert same(again.state, match.state)
