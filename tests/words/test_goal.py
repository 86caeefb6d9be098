"""How you win, said: the ladder of outcomes in words, and where the player stands on it."""

from __future__ import annotations

import pytest

from game.engine import Match, outcome
from game.words.goal import ladder, standing
from helpers import cached_ai_game, load


def test_the_main_ladder_in_the_players_words():
    rungs = ladder(load("succession_1924"), "stalin")
    assert [r.name for r in rungs][:3] == [
        "Succession won", "Collective leadership", "Survived without power"
    ]
    assert rungs[0].needs == (
        "you lead a majority of the Politburo and none of your rivals sits in the Politburo"
    )
    assert rungs[1].needs == "you sit in the Politburo"
    assert rungs[-1].needs == ""  # the bottom rung: what is left
    assert all(r.description for r in rungs)


def test_a_rung_that_needs_the_player_fallen_is_not_theirs():
    rungs = {r.id: r for r in ladder(load("united_opposition_1926"), "trotsky")}
    assert rungs["opposition_crushed"].open is False
    assert "you are out of the Central Committee" in rungs["opposition_crushed"].needs
    assert rungs["master_of_the_politburo"].open is True
    stalin = {r.id: r for r in ladder(load("united_opposition_1926"), "stalin")}
    assert "Trotsky is out of the Central Committee" in stalin["opposition_crushed"].needs


def test_where_stalin_stands_at_the_start():
    match = Match.start(load("succession_1924"), 1924)
    s = standing(match.state, "stalin")
    assert (s.rung.name, s.place, s.rungs) == ("Collective leadership", 2, 6)
    assert s.above is not None and s.above.name == "Succession won"
    assert [c.met for c in s.checks] == [False, False]
    assert s.checks[1].words.endswith(
        "(still there: Trotsky, Zinoviev, Kamenev and Bukharin)"
    )


@pytest.mark.parametrize("name", ["succession_1924", "right_deviation_1928", "tutorial"])
def test_the_standing_at_the_end_is_the_engines_outcome(name):
    match = cached_ai_game(name, 3)
    result = outcome(match.state)
    for c in match.scenario.contenders:
        assert standing(match.state, c.id).rung.id == result.of(c.id).outcome

