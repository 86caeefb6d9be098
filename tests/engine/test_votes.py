"""Votes: the odds shown with an option are those of the vote that the option leads to.

The odds of every option are worked out together, one numpy pass per organ
(:func:`game.engine.votes.odds_many`), from a summary of each organ's blocs; the vote itself is
taken bloc by bloc (:func:`game.engine.votes.ballot`). Here the odds are worked out again the
plain way, from the ballot the vote would use, and must agree.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from game.engine import legal_actions
from game.engine.context import Context
from game.engine.legality import RULES, VOTING, _question
from game.engine.votes import ballot, votes_needed
from helpers import cached_ai_game, load, match_states, random_game, scenario_params

NODES, WEIGHTS = np.polynomial.hermite_e.hermegauss(7)
WEIGHTS = WEIGHTS / WEIGHTS.sum()


def plain_odds(ctx: Context, q, organ: str) -> float:
    """The chance that the motion carries, over the room's mood (Gauss-Hermite) and the
    waverers' judgements (a normal approximation), summed bloc by bloc over the ballot."""
    b = ballot(ctx, q, organ)
    need = votes_needed(b.seats.sum(), q.majority)
    chance = 0.0
    for node, weight in zip(NODES, WEIGHTS, strict=True):
        p = 1.0 / (1.0 + np.exp(-(b.merit + node * ctx.state.rules.vote_noise)))
        mean = b.loyal_yes.sum() + (b.waverers * p).sum()
        sd = math.sqrt(max((b.waverers * p * (1 - p)).sum(), 1e-9))
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
        ctx = Context(state)
        for c, d in enumerate(state.scenario.contenders):
            for option in legal_actions(state, d.id):
                a = option.action
                if a.kind not in VOTING:
                    chance = RULES[a.kind].chance if a.kind in RULES else None
                    expected = None if chance is None else chance(ctx, c, a.target)
                    assert option.odds == expected, a
                    continue
                q, organ = _question(ctx, c, a.kind, a.target)
                assert option.odds == pytest.approx(plain_odds(ctx, q, organ), abs=1e-9), (a, q)
                checked.add(organ)
    assert "central_committee" in checked and "politburo" in checked
