"""The model's backtest: with every seat played by the `historical` AI (each contender does what
the record says he did, from the scenario's standing orders, and every card takes history's
choice), the rules alone must bring every milestone within one turn of history's date in at
least 90% of seeds, and end with Stalin's outright win (the top rung) in at least 90%.

The games are fixed by their seeds: 40 seeds here (about 3 seconds a core); `politburo check
succession_1924 --difficulty historical --games 200` is the full measurement in docs/model.md.
"""

from __future__ import annotations

import pytest

from game.ai.autoplay import play_ai_game
from game.check import summarise_milestones
from game.engine import milestones, outcome
from helpers import load, scenario_paths

SEEDS = range(40)


@pytest.fixture(scope="module")
def games():
    scenario = load("succession_1924")
    return scenario, [play_ai_game(scenario, seed, "historical") for seed in SEEDS]


@pytest.mark.skipif("succession_1924" not in scenario_paths(), reason="main scenario missing")
def test_history_played_reproduces_every_milestone_within_a_turn(games):
    scenario, matches = games
    reached = [{m.id: m.reached for m in milestones(match.state) if m.reached is not None}
               for match in matches]
    found = summarise_milestones(scenario, reached)
    assert len(found) >= 8
    late = {m.id: m.within_1 / m.games for m in found if m.within_1 / m.games < 0.9}
    assert not late, late


@pytest.mark.skipif("succession_1924" not in scenario_paths(), reason="main scenario missing")
def test_history_played_ends_with_stalins_outright_win(games):
    _, matches = games
    won = [outcome(m.state).of("stalin").outcome == "succession_won" for m in matches]
    assert sum(won) >= 0.9 * len(won)
    assert all(outcome(m.state).winner == "stalin" for m in matches)


@pytest.mark.skipif("succession_1924" not in scenario_paths(), reason="main scenario missing")
def test_history_takes_each_step_when_the_record_does(games):
    """Trotsky's fall, step by step, at the plenums that took each step (seed 0)."""
    scenario, matches = games
    cal = scenario.calendar
    fell = {}
    for e in matches[0].events:
        if e.kind.value == "status" and e.actors == (1,) and e.ref:
            fell.setdefault(e.ref, cal.label(e.turn))
    assert fell["central_committee"] == "1926-Q4"  # out of the Politburo, October 1926
    assert fell["expelled"] == "1927-Q4"  # out of the Central Committee and the party, 1927
    assert fell["exiled"] in ("1928-Q1", "1928-Q2")  # Alma-Ata, January 1928
    assert outcome(matches[0].state).of("trotsky").outcome == "deported"  # February 1929
