"""The meetings and the votes on waiting motions as kernels (:mod:`game.rules.meetings`,
:mod:`game.rules.motions`, :mod:`game.rules.organs`) do what the old engine did, on every turn of
real all-AI games of every scenario (two seeds each): the same state to 1e-9, the same draws of
chance, the same events with the same sentences and the same counts.

What votes needs :mod:`game.rules.votes`; the rest (the Congress's delegates and the Central
Committee they elect, its leader, the reporter, what notables owe, the motions due, the
defences) is checked without it."""

from __future__ import annotations

import importlib.util
from dataclasses import replace

import numpy as np
import pytest
from turns import disagreements, points

import oracle
from game.engine import factions, ideology, meetings, personal
from game.engine.context import Context
from game.rules import layout as lay
from game.rules import organs
from helpers import load, scenario_params, scenario_paths

SEEDS = (0, 1)
ORGANS = {"politburo": lay.POLITBURO, "central_committee": lay.CENTRAL_COMMITTEE,
          "congress": lay.CONGRESS}
KINDS = {"accuse": lay.ACCUSE, "relieve": lay.RELIEVE, "resign": lay.RESIGN,
         "resolution": lay.RESOLUTION, "confidence": lay.CONFIDENCE}
needs_votes = pytest.mark.skipif(importlib.util.find_spec("game.rules.votes") is None,
                                 reason="game.rules.votes has not landed yet")


def every_point(name: str):
    for seed in SEEDS:
        yield from points(name, seed)


# ----- without votes -------------------------------------------------------------------------
@pytest.mark.parametrize("name", scenario_params())
def test_the_congress_elects_as_the_old_engine(name: str) -> None:
    """The delegates' factions, the Central Committee on the slate, its leader, the reporter of
    every meeting (and of an extraordinary Congress), and what every notable owes."""
    sc = load(name)
    for p in every_point(name):
        state = p.before_meetings
        ctx = Context(state.copy())
        s, t = oracle.arrays(state), oracle.tables(state)
        delegates = organs.delegate_shares(s, t)
        old_delegates = meetings.delegate_shares(ctx)
        assert np.allclose(delegates, old_delegates, rtol=0, atol=1e-12)
        assert np.allclose(organs.elect_central_committee(s, t, delegates),
                           meetings.elect_central_committee(ctx, old_delegates),
                           rtol=0, atol=1e-12)
        assert organs.leader(s, t) == meetings.leader(ctx)
        for m, meeting in [(-1, None), *enumerate(sc.meetings)]:
            assert organs.reporter(s, t, m) == meetings.reporter(ctx, meeting)
        for k in range(len(sc.notables)):
            assert np.allclose(organs.owed(s, t, k), meetings._owed(ctx, k), rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", scenario_params())
def test_the_motions_due_as_the_old_engine(name: str) -> None:
    """Each organ takes the motions waiting for it, filed before this turn, oldest first, and
    leaves the rest; each motion's defence is what its target's answers won."""
    for p in every_point(name):
        state = p.before_meetings
        ctx = Context(state)
        s = oracle.arrays(state)
        for i, m in enumerate(state.motions):
            assert organs.defence_of(s, s.motions[i]) == pytest.approx(
                factions.defence_of(ctx, m), abs=1e-12)
        for organ, code in ORGANS.items():
            old = state.copy()
            decided = []
            factions.vote_motions(Context(old), organ, lambda _, m, into=decided: into.append(m))
            new = oracle.arrays(state)
            due = organs.take_due(new, code)
            assert oracle.differences(oracle.arrays(old), new) == []  # what is left waiting
            put = [m.tolist() for m in due if ctx.in_organ(int(m[lay.M_SPONSOR]), "party")]
            assert put == _motion_rows(state, decided)


def _motion_rows(state, motions) -> list[list[int]]:
    """Old motions as rows of ``State.motions``."""
    s = state.copy()
    s.motions = list(motions)
    return oracle.arrays(s).motions[:len(motions)].tolist()


@pytest.mark.parametrize("name", scenario_params())
def test_meetings_due_as_the_old_engine(name: str) -> None:
    sc = load(name)
    state = points(name, 0)[0].before_meetings
    t = oracle.tables(state)
    ids = {code: organ for organ, code in ORGANS.items()}
    for turn in range(sc.calendar.turns):
        due = tuple(ids[int(c)] for c in organs.meetings_due(t, turn))
        assert due == meetings.meetings_due(replace(state, turn=turn))


# ----- with votes ----------------------------------------------------------------------------
def _question(q, sc) -> tuple:
    """An old engine's Question as the kernels' fields."""
    office = [o.id for o in sc.offices].index(q.office) if q.office else -1
    return (KINDS[q.kind], q.sponsor, q.target, q.direction, q.leverage, office, q.majority,
            q.defence)


def _old_question(ctx: Context, m):
    """The question the old engine put for a waiting motion."""
    if m.kind == "accuse":
        return factions.accusation_question(ctx, m.sponsor, m.target, m.leverage,
                                            factions.defence_of(ctx, m))
    if m.kind == "relieve":
        return factions.challenge_question(ctx, m.sponsor, m.office, m.leverage,
                                           factions.defence_of(ctx, m))
    return personal.resign_question(m.sponsor, m.office)


@needs_votes
@pytest.mark.parametrize("name", scenario_params())
def test_questions_as_the_old_engine(name: str) -> None:
    """The questions every motion puts, made or waiting (those the odds of an action ask)."""
    from game.rules import motions

    sc = load(name)
    for p in every_point(name):
        state = p.before_meetings
        ctx = Context(state)
        s, t = oracle.arrays(state), oracle.tables(state)
        for c in range(state.n):
            for target in range(state.n):
                if c != target:
                    q = motions.accusation_question(s, t, c, target, s.dossiers[c, target], 0.0)
                    assert tuple(q) == _question(factions.accusation_question(ctx, c, target), sc)
            for o, office in enumerate(sc.offices):
                holder = state.holder.get(office.id, -1)
                if holder >= 0 and holder != c:
                    q = motions.challenge_question(s, c, o, s.dossiers[c, holder], 0.0)
                    assert tuple(q) == _question(factions.challenge_question(ctx, c, office.id), sc)
                assert tuple(motions.resign_question(c, o)) == _question(
                    personal.resign_question(c, office.id), sc)
            for side, word in ((lay.LEFT, "left"), (lay.RIGHT, "right")):
                assert tuple(motions.resolution_question(c, side)) == _question(
                    ideology.resolution_question(c, word), sc)
        for i, m in enumerate(state.motions):
            old = _old_question(ctx, m)
            new = motions.question_of(s, t, s.motions[i])
            assert tuple(new)[:-1] == _question(old, sc)[:-1]
            assert new.defence == pytest.approx(old.defence, abs=1e-12)


@needs_votes
@pytest.mark.parametrize("name", scenario_params())
def test_meetings_as_the_old_engine(name: str) -> None:
    """This turn's meetings (:func:`meetings.hold`): the Congress, the plenum and the Politburo
    when due or convened, with every vote on a waiting motion."""
    from game.rules import meetings as kernels

    for p in every_point(name):
        found = disagreements(p.before_meetings, meetings.hold, kernels.hold, p.convened)
        assert found == [], p.before_meetings.turn


@needs_votes
@pytest.mark.parametrize("name", scenario_params())
def test_extraordinary_meetings_as_the_old_engine(name: str) -> None:
    """A Congress and a plenum convened on any turn: the report's vote, the motions waiting,
    the new Central Committee, the offices it elects and the Politburo's seats."""
    from game.rules import meetings as kernels

    for p in every_point(name):
        state = p.before_meetings
        assert disagreements(state, lambda ctx: meetings.congress(ctx, None),
                             lambda s, t, w, log, rng: kernels.congress(s, t, w, log, rng, -1)
                             ) == [], state.turn
        assert disagreements(state, lambda ctx: meetings.plenum(ctx, None, None),
                             lambda s, t, w, log, rng: kernels.plenum(s, t, w, log, rng, -1, 0)
                             ) == [], state.turn


def _with_elected_offices() -> list[str]:
    return [name for name in scenario_paths()
            if any(o.elected for o in load(name).offices)]


@needs_votes
@pytest.mark.parametrize("name", scenario_params(_with_elected_offices()))
def test_elections_as_the_old_engine(name: str) -> None:
    """Every office the Central Committee elects, vacated on every turn: the candidates, the
    factions behind them (an ally's where their leader does not stand) and the count."""
    from game.rules import meetings as kernels

    elected = 0
    for p in every_point(name):
        for office in load(name).offices:
            if not office.elected:
                continue
            state = p.before_meetings.copy()
            state.holder = {**state.holder, office.id: -1}
            assert disagreements(state, meetings.elect_offices, kernels.elect_offices) == []
            elected += 1
    assert elected

