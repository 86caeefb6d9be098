"""Effects that change who holds the party's machinery: a new regional secretary, a notable
leaving the game; and the names they use are checked when the scenario is validated."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from game.engine import Match, apply_turn
from helpers import variant


def with_first_turn_effects(*effects: dict):
    def change(d: dict) -> None:
        d["events"].append({"id": "probe", "title": "Probe", "when": "1950-Q1", "text": "t",
                            "history": "h", "source": "s", "effects": list(effects)})

    return variant(change)


def test_secretary_installs_a_new_patron():
    scenario = with_first_turn_effects({"secretary": {"region": "garrison", "who": "vera"}})
    state = Match.start(scenario, 0).state
    garrison = [r.id for r in scenario.regions].index("garrison")
    assert state.arrays.patron[garrison] == scenario.contender_index("vera")


def test_secretary_for_nobody_leaves_the_region_without_a_patron():
    scenario = with_first_turn_effects({"secretary": {"region": "provinces", "who": "nobody"}})
    state = Match.start(scenario, 0).state
    assert state.arrays.patron[[r.id for r in scenario.regions].index("provinces")] == -1


def test_a_retired_notable_leaves_the_politburo_and_is_never_elected_again():
    scenario = with_first_turn_effects({"retire": {"notable": "olga"}})
    olga = [n.id for n in scenario.notables].index("olga")
    state = Match.start(scenario, 0).state
    assert not state.arrays.notable_seated[olga]
    assert state.arrays.notable_seated.sum() == 1  # Boris took the empty seat
    for _ in range(scenario.calendar.turns):
        state = apply_turn(state, {}).state
        assert not state.arrays.notable_seated[olga]


@pytest.mark.parametrize(
    ("effect", "message"),
    [
        ({"retire": {"notable": "nobody_known"}}, "unknown notable 'nobody_known'"),
        ({"secretary": {"region": "atlantis", "who": "vera"}}, "unknown region 'atlantis'"),
        ({"secretary": {"region": "capital", "who": "zorro"}}, "who 'zorro' is no contender"),
    ],
)
def test_bad_names_in_the_new_effects_are_refused(effect, message):
    with pytest.raises(ValidationError, match=message):
        with_first_turn_effects(effect)
