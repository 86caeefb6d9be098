"""The votes' kernels against the old engine, on the states of real games: the same tallies
bloc by bloc (votes, parts, who judged and how), the same draws from the generator, the same
odds, for every kind of motion in every organ."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import votes as old_votes
from game.engine.context import Context, ReadingContext
from game.rules import layout as lay
from game.rules import log as L
from game.rules import votes
from helpers import cached_ai_game, match_states, scenario_params
from oracle import arrays, log, tables, work

KINDS = {"accuse": lay.ACCUSE, "relieve": lay.RELIEVE, "resign": lay.RESIGN,
         "resolution": lay.RESOLUTION, "confidence": lay.CONFIDENCE}
ORGANS = {"politburo": lay.POLITBURO, "central_committee": lay.CENTRAL_COMMITTEE,
          "congress": lay.CONGRESS}


def _questions(state):
    """A spread of questions in this state: charges between pairs in every organ, challenges
    to offices, resolutions both ways, a Congress report, an offer to resign."""
    n = state.n
    offices = [o.id for o in state.scenario.offices]
    out = []
    for c in range(n):
        out.append((old_votes.Question("resolution", c, direction=-1 if c % 2 else 1),
                    "politburo"))
        out.append((old_votes.Question("confidence", c), "congress"))
        out.append((old_votes.Question("resign", c, office=offices[0]), "central_committee"))
        for t in range(n):
            if t != c:
                organ = ("politburo", "central_committee", "congress")[(c + t) % 3]
                out.append((old_votes.Question("accuse", c, t, leverage=(c * t) % 4,
                                               majority=(0.5, 0.67)[t % 2],
                                               defence=0.3 * (c % 2)), organ))
        holder = state.holder.get(offices[c % len(offices)], -1)
        if holder >= 0 and holder != c:
            out.append((old_votes.Question("relieve", c, holder, office=offices[c % len(offices)]),
                        "central_committee"))
    return out


def _new_question(q, offices):
    return votes.question(KINDS[q.kind], q.sponsor, q.target, q.direction, q.leverage,
                          offices.index(q.office) if q.office else -1, q.majority, q.defence)


def _states(name: str, seeds=range(2), every: int = 3):
    for seed in seeds:
        yield from match_states(cached_ai_game(name, seed))[::every]


@pytest.mark.parametrize("name", scenario_params())
def test_take_vote_gives_the_old_tally_bloc_by_bloc_and_draws_alike(name):
    checked = 0
    for state in _states(name):
        offices = [o.id for o in state.scenario.offices]
        for q, organ in _questions(state):
            old = state.copy()
            ctx = Context(old)
            tally = old_votes.take_vote(ctx, q, organ)
            new = arrays(state)
            rng = state.copy().rng
            lg = log(state)
            passed, row = votes.take_vote(new, tables(state), work(state), lg, rng,
                                          _new_question(q, offices), ORGANS[organ])
            assert rng.random() == old.rng.random()  # the same draws, in the same order
            v = lg.event[row, L.E_VOTE]
            assert (bool(passed), lg.vote[v, L.V_YES], lg.vote[v, L.V_NO],
                    lg.vote[v, L.V_NEEDED]) == (tally.passed, tally.yes, tally.no, tally.needed)
            first = lg.vote[v, L.V_FIRST_BLOC]
            assert lg.vote[v, L.V_BLOCS] == len(tally.blocs)
            ids = [c.id for c in state.scenario.contenders]
            for i, bloc in enumerate(tally.blocs):
                b = first + i
                assert (lg.bloc[b, L.B_YES], lg.bloc[b, L.B_NO]) == (bloc.yes, bloc.no)
                parts = [(ids[k], int(lg.follow[b, k]) * (lg.stance[v, k] > 0),
                          int(lg.follow[b, k]) * (lg.stance[v, k] < 0))
                         for k in range(state.n) if lg.follow[b, k]]
                if lg.bloc[b, L.B_JUDGING]:
                    judged = lg.bloc[b, L.B_JUDGED_YES]
                    parts.append(("", judged, lg.bloc[b, L.B_JUDGING] - judged))
                assert tuple(parts) == bloc.parts
            checked += 1
    assert checked > 40


@pytest.mark.parametrize("name", scenario_params())
def test_odds_are_the_old_odds(name):
    for state in _states(name, seeds=range(1), every=4):
        offices = [o.id for o in state.scenario.offices]
        new = arrays(state)
        t = tables(state)
        f = votes.floor(new, t)
        for q, organ in _questions(state):
            old = old_votes.odds(ReadingContext(state), q, organ)
            assert votes.odds(new, t, f, _new_question(q, offices), ORGANS[organ]) == \
                pytest.approx(old, abs=1e-9)


def test_choose_gives_the_old_count_and_draws_alike():
    for state in _states("succession_1924", seeds=range(2), every=2):
        n = state.n
        for backing in range(3):
            backed_old = {c: (c + backing) % 3 for c in range(n) if (c + backing) % 2}
            backed = np.full(n, -1, np.int64)
            for c, o in backed_old.items():
                backed[c] = o
            lean = np.array([0.3, -0.2, 0.5 * backing])
            old = state.copy()
            old_count, _ = old_votes.choose(Context(old), ["a", "b", "c"], backed_old, lean)
            rng = state.copy().rng
            lg = log(state)
            count, v = votes.choose(arrays(state), tables(state), lg, rng, backed, lean,
                                    votes.SWAY_APPEAL)
            assert lg.options[v, :3].tolist() == old_count
            assert count.tolist() == old_count
            assert rng.random() == old.rng.random()


@pytest.mark.parametrize("name", scenario_params())
def test_a_recorded_vote_reads_as_the_old_tally(name):
    """The words of every bloc's reason, the motion, the organ: the old engine's Tally."""
    from game.engine.narrate import Names, tally

    for state in _states(name, seeds=range(1), every=4):
        offices = [o.id for o in state.scenario.offices]
        for q, organ in _questions(state):
            old = old_votes.take_vote(Context(state.copy()), q, organ)
            lg = log(state)
            _, row = votes.take_vote(arrays(state), tables(state), work(state), lg,
                                     state.copy().rng, _new_question(q, offices),
                                     ORGANS[organ])
            assert tally(lg, lg.event[row, L.E_VOTE], Names(state.scenario)) == old
