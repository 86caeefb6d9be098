"""A turn's report sorted for its reader, and the Central Committee's count on a card or an
election, bloc by bloc, as both front ends print it."""

from __future__ import annotations

from game.engine import Kind
from game.words.report import choice_tally, decision_line, sort_report
from helpers import cached_ai_game

MAIN = "succession_1924"


def _counted(match):
    return [e for e in match.events if e.data.get("blocs")]


def test_every_card_and_election_voted_on_shows_its_count_and_every_bloc():
    # Seeds 0 and 1: not every game elects an office in the Central Committee (seed 1 does).
    counted = [e for seed in (0, 1) for e in _counted(cached_ai_game(MAIN, seed))]
    assert any(e.kind is Kind.DECISION for e in counted)
    assert any(e.kind is Kind.MEETING for e in counted)  # an office elected
    for e in counted:
        first, *blocs = choice_tally(e)
        assert first.startswith("The Central Committee's vote: ")
        for choice, n in e.data["votes"].items():
            assert f"\u201c{e.data['labels'][choice]}\u201d {n}" in first
        assert len(blocs) == len(e.data["blocs"])
        free = blocs[-1]  # those who judged: each option's pull, with sign and size
        assert "judged for themselves" in free and "the mood in the room" in free
        assert "-0.0" not in free


def test_an_event_with_no_count_has_no_tally():
    match = cached_ai_game(MAIN, 0)
    plain = next(e for e in match.events if e.kind is Kind.CARD)
    assert choice_tally(plain) == []


def test_a_reader_is_told_when_their_choice_was_outvoted():
    match = cached_ai_game(MAIN, 0)
    for e in _counted(match):
        if e.kind is not Kind.DECISION:
            continue
        for choice, backers in e.data["backers"].items():
            for who in backers:
                line = decision_line(match.scenario, e, who)
                assert line is not None
                assert ("was taken" in line) == (choice == e.data["choice"])
                assert ("was outvoted" in line) == (choice != e.data["choice"])
                assert "the Central Committee's votes" in line


def test_a_report_puts_the_readers_own_actions_first():
    match = cached_ai_game(MAIN, 0)
    turn = [e for e in match.events if e.turn == 1]
    report = sort_report(match.scenario, turn, "stalin")
    assert report.did  # Stalin acts every turn
    stalin = match.scenario.contender_index("stalin")
    assert not any(e.kind is Kind.RESULT and stalin in e.actors for e in report.rest)
    assert all(stalin in e.actors[1:] or e.kind is Kind.ALLIANCE for e in report.touched)
    assert sort_report(match.scenario, turn, None).rest == turn
