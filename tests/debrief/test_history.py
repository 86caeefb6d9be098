"""The historical record read from a scenario's own data: dated steps of the removal ladder,
office changes from dated cards, and conditions in words."""

from __future__ import annotations

from game.debrief.history import ladder_steps, milestones, removals_in
from game.words.conditions import describe_condition
from helpers import load


def _by_key(sc):
    return {(m.contender, m.step): sc.calendar.label(m.turn) for m in milestones(sc)}


def test_the_main_scenario_dates_the_steps_history_records():
    sc = load("succession_1924")
    found = _by_key(sc)
    expected = {
        ("trotsky", "office-lost:war_commissar"): "1925-Q1",  # the card of January 1925
        ("zinoviev", "left:politburo"): "1926-Q3",  # July 1926 plenum
        ("trotsky", "left:politburo"): "1926-Q4",  # October 1926 plenum
        ("trotsky", "left:central_committee"): "1927-Q4",
        ("trotsky", "left:party"): "1927-Q4",
        ("kamenev", "left:party"): "1927-Q4",  # the 15th Congress
        ("trotsky", "rung:exiled"): "1928-Q1",  # Alma-Ata, from the ending's description
        ("trotsky", "rung:deported"): "1929-Q1",
        ("bukharin", "left:politburo"): "1929-Q4",
    }
    for key, date in expected.items():
        assert found.get(key) == date, key
    assert not [k for k in found if k[0] == "stalin"]  # the record never removes the winner


def test_every_milestone_quotes_its_evidence_and_where_it_comes_from():
    for m in milestones(load("succession_1924")):
        assert m.evidence.strip() and m.where.startswith("the ")


def test_the_ladder_steps_follow_the_scenarios_organs_and_rungs(two_rivals):
    steps = ladder_steps(two_rivals)
    assert [(s.id, s.rung) for s in steps] == [
        ("left:politburo", 1),
        ("left:central_committee", 2),
        ("left:party", 3),
        ("rung:exiled", 4),
    ]
    assert steps[0].label == "removed from the Council"  # the scenario's own name for the organ


def test_notes_are_read_clause_by_clause(council):
    found = {(m.contender, m.step): council.calendar.label(m.turn) for m in milestones(council)}
    # "Petrov removed from the Council" at the autumn plenum; Orlova was "dropped as a
    # candidate" of something else (no organ: not a step) and "expelled" in another year.
    assert found[("ivan", "left:politburo")] == "1951-Q3"
    assert ("vera", "left:party") not in found
    assert not [k for k in found if k[0] == "vera"]
    # A dated card whose historical effects revoke an office: the holder lost it then.
    assert found[("ivan", "office-lost:marshal")] == "1951-Q1"


def test_active_and_passive_clauses_name_the_right_contender(council):
    turn = council.calendar.turn_of("1951-Q2")
    got = removals_in(council, "The Assembly removed Petrov from the Council.", turn)
    assert [(c, s) for c, s, _, _ in got] == [("ivan", "left:politburo")]
    got = removals_in(council, "Orlova was expelled from the Assembly in March 1950.", turn)
    assert [(c, s, t) for c, s, t, _ in got] == [("vera", "left:central_committee", 0)]
    got = removals_in(council, "The Congress expelled Orlova and her friends.", turn)
    assert [(c, s) for c, s, _, _ in got] == [("vera", "left:party")]
    assert removals_in(council, "Petrov was removed as Marshal.", turn) == []


def test_conditions_read_as_words():
    sc = load("succession_1924")
    card = next(e for e in sc.events if e.id == "war_commissariat")
    assert describe_condition(sc, card.condition) == (
        "Trotsky holds the post of People's Commissar for War and not (the flag "
        "'army_rallied' is set)"
    )
    nested = next(e for e in sc.events if e.id == "leningrad_takeover")
    words = describe_condition(sc, nested.condition)
    assert "General Secretary" in words and "either" in words and "Leningrad" in words
