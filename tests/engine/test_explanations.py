"""The game says why, and what it says agrees with what happened (issue 14, items 1-2).

:func:`explained.contradictions` reads a finished game's record and lists every place where
the words disagree with the numbers: a vote whose blocs do not add up to its count, a bloc
whose parts do not add up to it, a part said to be for a motion that voted against it, a card
whose count does not elect the choice it reports, an action that told its actor nothing. The
calibration suite runs it over its two hundred games (tests/engine/test_calibration.py); here
it runs over a few games of every scenario, and on records broken on purpose, to show it can
fail.
"""

from __future__ import annotations

import dataclasses

import pytest

from explained import contradictions
from game.engine import GameEvent, Kind, Match
from helpers import cached_ai_game, scenario_params

SEEDS = range(4)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", scenario_params())
def test_the_record_explains_itself(name, seed):
    assert contradictions(cached_ai_game(name, seed)) == []


def _with_events(match: Match, events: list[GameEvent]) -> Match:
    return dataclasses.replace(match, events=events)


def test_a_bloc_said_to_vote_against_what_it_voted_is_caught():
    match = cached_ai_game("succession_1924", 0)
    events = list(match.events)
    i, e = next((i, e) for i, e in enumerate(events) if e.kind is Kind.VOTE and e.tally
                and any(who and yes for b in e.tally.blocs for who, yes, _ in b.parts))
    blocs = []
    for b in e.tally.blocs:
        if any(who and yes for who, yes, _ in b.parts):
            b = dataclasses.replace(b, reason=b.reason.replace("for it", "against it"))
        blocs.append(b)
    events[i] = dataclasses.replace(e, tally=dataclasses.replace(e.tally, blocs=tuple(blocs)))
    assert any("reason does not say so" in p for p in contradictions(_with_events(match, events)))


def test_a_count_that_does_not_add_up_is_caught():
    match = cached_ai_game("succession_1924", 0)
    events = list(match.events)
    i, e = next((i, e) for i, e in enumerate(events) if e.kind is Kind.VOTE and e.tally)
    events[i] = dataclasses.replace(e, tally=dataclasses.replace(e.tally, yes=e.tally.yes + 1))
    assert any("do not add up" in p for p in contradictions(_with_events(match, events)))


def test_an_action_that_tells_its_actor_nothing_is_caught():
    match = cached_ai_game("succession_1924", 0)
    first = next(i for i, e in enumerate(match.events) if e.kind is Kind.RESULT)
    events = [e for i, e in enumerate(match.events) if i != first]
    assert any("was told of" in p for p in contradictions(_with_events(match, events)))


def test_a_card_that_reports_the_wrong_choice_is_caught():
    match = cached_ai_game("succession_1924", 0)
    events = list(match.events)
    i, e = next((i, e) for i, e in enumerate(events)
                if e.kind is Kind.DECISION and "votes" in e.data)
    votes = e.data["votes"]
    loser = min(votes, key=votes.get)
    events[i] = dataclasses.replace(e, data={**e.data, "choice": loser})
    assert contradictions(_with_events(match, events))
