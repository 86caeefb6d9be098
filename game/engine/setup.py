"""Building the first state of a game from a scenario and a seed."""

from __future__ import annotations

import numpy as np

from . import events
from .context import Context, fill_politburo
from .record import GameEvent
from .scenario import Scenario
from .state import FACTORS, ContenderState, GameState


def _shares(loyalty: dict[str, float], ids: list[str]) -> np.ndarray:
    row = np.zeros(len(ids) + 1)
    for k, v in loyalty.items():
        row[ids.index(k)] = v
    row[-1] = max(0.0, 1.0 - row[:-1].sum())
    return row / row.sum()


def _open(ctx: Context) -> None:
    """Apply the scenario's opening effects: changes to the starting position, after which the
    Central Committee and the Politburo are those of the changed party, and the factors'
    ledger starts from zero (the opening is where the game starts, not something it did)."""
    s = ctx.state
    for effect in s.scenario.opening:
        effect.apply(ctx)
    s.cc_share = (s.members @ s.loyalty) / s.members.sum()
    fill_politburo(ctx)
    s.ledger[:] = 0.0


def new_game(scenario: Scenario, seed: int) -> tuple[GameState, tuple[GameEvent, ...]]:
    ids = [c.id for c in scenario.contenders]
    n = len(ids)
    rung_index = {r.id: i for i, r in enumerate(scenario.ladder)}
    contenders = [
        ContenderState(
            status=rung_index[c.status],
            prestige=c.qualities.prestige,
            oratory=c.qualities.oratory,
            organisation=c.qualities.organisation,
            health=c.qualities.health,
            threat=c.qualities.threat,
            line=c.line,
        )
        for c in scenario.contenders
    ]
    loyalty = np.array([_shares(r.loyalty, ids) for r in scenario.regions])
    members = np.array([float(r.members) for r in scenario.regions])
    holder = {o.id: -1 for o in scenario.offices}
    for i, c in enumerate(scenario.contenders):
        for o in c.offices:
            holder[o] = i
    allied = np.zeros((n, n), dtype=bool)
    for a, b in scenario.initial_alliances:
        allied[ids.index(a), ids.index(b)] = allied[ids.index(b), ids.index(a)] = True
    trust = np.full((n, n), scenario.initial_trust)
    trust[allied] = np.maximum(trust[allied], 0.5)
    np.fill_diagonal(trust, 1.0)
    state = GameState(
        scenario=scenario,
        seed=seed,
        turn=0,
        rules=scenario.rules,
        contenders=contenders,
        loyalty=loyalty,
        members=members,
        patron=np.array(
            [ids.index(r.secretary) if r.secretary else -1 for r in scenario.regions]
        ),
        cc_share=(members @ loyalty) / members.sum(),
        cc_seats=scenario.organs.central_committee.seats,
        congress_delegates=scenario.organs.congress.seats,
        notable_loyalty=np.array([_shares(x.loyalty, ids) for x in scenario.notables]).reshape(
            len(scenario.notables), n + 1
        ),
        notable_seated=np.array([x.politburo for x in scenario.notables], dtype=bool),
        politburo_seats=scenario.organs.politburo.seats,
        mood_line=scenario.mood_line,
        mood_unity=scenario.mood_unity,
        party_line=scenario.mood_line,
        allied=allied,
        trust=trust,
        holder=holder,
        offers=set(),
        motions=[],
        decisions=[],
        cards=[],
        flags={},
        fired={},
        last_congress=-scenario.rules.convene_congress_gap,
        ledger=np.zeros((n, len(FACTORS))),
        support_history=[],
        rng=np.random.default_rng(seed),
    )
    ctx = Context(state)
    fill_politburo(ctx)
    if scenario.opening:
        _open(ctx)
    ctx.events.clear()  # seating the first Politburo is the starting position, not news
    state.support_history.append(state.support())
    events.begin_turn(ctx)
    return state, tuple(ctx.events)
