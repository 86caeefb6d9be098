"""Votes: the odds shown with an option are those of the vote that the option leads to.

The menu works out the odds of every option from rooms it builds once per menu (the Politburo,
and the Central Committee whipped as on a motion with a case and as on one without:
:mod:`game.rules.legality`), summing over a vote's blocs in one loop
(:func:`game.rules.votes.odds`). Here the question each option puts is asked again, the room
is built as the vote itself builds it (:func:`game.rules.votes.take_vote`), and the odds are
worked out the plain way, bloc by bloc; they must agree. An option that is a gamble rather
than a vote shows its chance, and any other shows none.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.engine import legal_actions
from game.engine.orders import encode
from game.rules import layout as lay
from game.rules import ops, patronage, votes
from game.rules.motions import (
    accusation_question,
    challenge_question,
    resign_question,
    resolution_question,
)
from helpers import cached_ai_game, load, match_states, random_game, scenario_params

NODES, WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
WEIGHTS = WEIGHTS / WEIGHTS.sum()


def put(s: lay.State, t: lay.Tables, c: int, kind: int, target: int):
    """The question an option of ``c``'s puts and the organ it goes to, or None if no vote
    follows it."""
    if kind == lay.A_ACCUSE:
        organ = int(t.removed_by[s.status[target]])
        q = accusation_question(s, t, c, target, s.dossiers[c, target], 0.0)
        return (q, organ) if organ != lay.NO_ORGAN else None
    if kind == lay.A_CHALLENGE:
        holder = ops.holder(s, target)
        return challenge_question(s, c, target, s.dossiers[c, holder], 0.0), lay.CENTRAL_COMMITTEE
    if kind == lay.A_RESOLUTION:
        return resolution_question(c, target), lay.POLITBURO
    if kind == lay.A_RESIGN:
        return resign_question(c, target), lay.CENTRAL_COMMITTEE
    return None


def plain_odds(s: lay.State, t: lay.Tables, q, organ: int) -> float:
    """The chance that the motion carries, over the room's mood (Gauss-Hermite) and the
    waverers' judgements (a normal approximation), summed bloc by bloc over the room the vote
    would seat."""
    f = votes.floor(s, t)
    room = votes.electorate(s, t, f, organ, votes.discipline(s, q, organ))
    stance = [votes.stand_and_why(s, q, k)[0] if f.active[k] else 0 for k in range(len(f.active))]
    loyal_yes = np.array([sum(row[k] for k in range(len(stance)) if stance[k] > 0)
                          for row in room.follow])
    base = votes.merit(votes.merit_terms(s, f, q), q.kind)
    a, b, scale = votes.line_terms(s, q)
    lean = np.where(room.has_line > 0, (np.abs(room.lines - a) - np.abs(room.lines - b)) / scale,
                    0.0)
    need = votes.votes_needed(room.seats.sum(), q.majority)
    chance = 0.0
    for node, weight in zip(NODES, WEIGHTS, strict=True):
        p = 1.0 / (1.0 + np.exp(-(base + lean + node * s.rules[lay.R_VOTE_NOISE])))
        mean = loyal_yes.sum() + (room.waverers * p).sum()
        sd = math.sqrt(max((room.waverers * p * (1 - p)).sum(), 1e-9))
        z = (mean - (need - 0.5)) / sd
        chance += weight * 0.5 * (1.0 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z**3)))
    return min(max(chance, 0.0), 1.0)


def states_of(name: str):
    """States of an AI game and of random legal play, which reach every organ's votes."""
    yield from match_states(cached_ai_game(name, 0))[::3]
    for state, _ in random_game(load(name), 5, 11):
        yield state


@pytest.mark.parametrize("name", scenario_params())
def test_the_odds_shown_are_those_of_the_vote_the_option_leads_to(name):
    checked = set()
    for state in states_of(name):
        s, t = state.arrays, state.tables
        for c, d in enumerate(state.scenario.contenders):
            for option in legal_actions(state, d.id):
                kind, target, _ = encode(state.scenario, option.action)
                vote = put(s, t, c, kind, target)
                if vote is None:
                    gamble = kind == lay.A_SUBVERT
                    expected = patronage.subvert_chance(s, t, c, target) if gamble else None
                    assert option.odds == expected, option.action
                    continue
                q, organ = vote
                assert option.odds == pytest.approx(plain_odds(s, t, q, organ), abs=1e-9), (
                    option.action, q)
                checked.add(organ)
    assert lay.CENTRAL_COMMITTEE in checked and lay.POLITBURO in checked
