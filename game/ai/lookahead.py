"""The strong AI: a sampled look-ahead over determinised hidden information.

The standard AI (:mod:`game.ai.heuristic`) judges each option by what it is worth in the position
as it stands. The strong AI plays the game forward instead:

1. **Candidates.** From the contender's view and legal options it builds a few order sets: the
   standard AI's own choice (with the same seed, so the strong AI starts from what the standard
   AI would have done), the noiseless greedy choice by the position's values alone (not the
   character's habits: a Trotsky who disdains appointments still weighs them), the other
   answers to the cards it decides, variations that force in the best option of a kind the
   standard choice left out or drop one of its orders, and further noisy draws of the standard
   AI. Duplicates are merged; every
   candidate is a legal set of orders.
2. **Determinisation.** It cannot see rivals' dossiers, the offers between other contenders, or
   the luck to come, so it never simulates the true state: :func:`game.engine.guess_state` gives
   a copy with those secrets guessed afresh from a seed and the random generator reseeded.
3. **Simulation.** In each guessed state, the other seats' orders for this turn are chosen once
   by the standard AI (with seeds of the strong AI's own, not the rivals' real ones) and shared
   by every candidate; each candidate is applied with them, then the game is played on for the
   rest of the horizon with the standard AI in every seat. Every candidate meets the same guessed
   state, the same rival orders and the same dice (common random numbers), so the comparison
   between candidates is much less noisy than each score.
4. **Score.** At the horizon, the position is judged from the contender's view: their rung on the
   removal ladder, their faction's share of the Politburo, rivals still sitting in it, their
   support and Central Committee following, the offices they and their rivals hold (by the
   powers they give), charges waiting against them; once the game is over,
   the scenario's outcome rank and the final support. The best mean score wins; the standard
   choice keeps the move unless another beats it by a small margin.

The work is bounded by a node budget: one node is one simulated turn (one ``apply_turn`` with
the AI's decisions for it), so the decision does not depend on the machine's speed and the same
seed always gives the same orders. ``Budget()`` is chosen so that the median decision on the main
scenario stays under 200 ms (see ``bench/strong_ai.py`` and docs/lab.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.engine import (
    Action,
    ActionKind,
    GameState,
    Option,
    View,
    apply_turn,
    guess_state,
    legal_actions,
    outcome,
    view,
)

from .heuristic import best_first, choose_orders, pack_orders, rivals, sight, value


@dataclass(frozen=True, slots=True)
class Budget:
    """How much the strong AI may think about one decision.

    ``nodes`` simulated turns in all, shared out as ``samples`` guessed states times as many
    candidates as fit, each played ``horizon`` turns ahead."""

    nodes: int = 18
    horizon: int = 3
    samples: int = 1
    margin: float = 0.02  # how much better than the standard choice another must score
    quiet: bool = False  # turns after the first: nobody acts (cheap) or the standard AI plays

    @property
    def candidates(self) -> int:
        return max(1, self.nodes // max(1, self.horizon * self.samples))


BUDGET = Budget()


@dataclass
class Search:
    """What one decision cost and saw (for tests and the benchmark)."""

    nodes: int = 0  # simulated turns played
    candidates: int = 0
    scores: tuple[float, ...] = ()
    chosen: int = 0  # index of the candidate played (0: the standard AI's choice)


# ----- candidates -----------------------------------------------------------------------------


def _fill(
    v: View,
    ranked: Sequence[tuple[float, Option]],
    forced: Sequence[Option] = (),
    banned: frozenset[Action] = frozenset(),
) -> list[Action]:
    """Fill the action points greedily, as the standard AI does, after the ``forced`` options."""
    items = [(np.inf, o) for o in forced] + [so for so in ranked if so[1] not in forced]
    return pack_orders(items, v.mine.action_points, banned)


def candidates(v: View, options: Sequence[Option], seed: int, limit: int) -> list[list[Action]]:
    """Up to ``limit`` distinct legal order sets, the standard AI's choice (for ``seed``) first."""
    out: list[list[Action]] = []
    seen: set[frozenset[Action]] = set()

    def add(orders: list[Action]) -> None:
        key = frozenset(orders)
        if key not in seen and len(out) < limit:
            seen.add(key)
            out.append(orders)

    standard = choose_orders(v, options, difficulty="standard", seed=seed)
    add(standard)
    if limit <= 1:
        return out
    ranking = rivals(v)
    sighted = sight(v, ranking)
    ranked = []  # by the position alone: the variants look past the character's habits
    for option in options:
        base = value(v, option, ranking, sighted)
        if base > 0:
            ranked.append((base, option))
    best_first(ranked)
    add(_fill(v, ranked))

    # force in the best option of each kind the standard choice left out, best kinds first
    taken = {a.kind for a in standard}
    best_of_kind: dict[ActionKind, tuple[float, Option]] = {}
    for score, option in ranked:
        kind = option.action.kind
        if kind not in taken and kind not in best_of_kind and kind is not ActionKind.DECIDE:
            best_of_kind[kind] = (score, option)
    forced = sorted(best_of_kind.values(), key=lambda so: (-so[0], str(so[1].action)))
    # drop, one at a time, the orders the standard choice was least sure of
    by_action = {o.action: s for s, o in ranked}
    droppable = sorted(
        (a for a in standard if a.kind is not ActionKind.DECIDE),
        key=lambda a: (by_action.get(a, 0.0), str(a)),
    )
    rng = np.random.default_rng([seed, 1])
    # every other answer to the cards this contender decides: the roads the standard AI's
    # character would not take are weighed too
    variants: list[list[Action]] = [
        [option.action if a.kind is ActionKind.DECIDE and a.target == option.action.target
         else a for a in standard]
        for option in options
        if option.action.kind is ActionKind.DECIDE and option.action not in standard
        and any(a.kind is ActionKind.DECIDE and a.target == option.action.target
                for a in standard)
    ]
    for i in range(max(len(forced), len(droppable))):
        if i < len(forced):
            variants.append(_fill(v, ranked, forced=[forced[i][1]]))
        if i < len(droppable):
            variants.append(_fill(v, ranked, banned=frozenset([droppable[i]])))
    for orders in variants:
        add(orders)
    for _ in range(4 * limit):
        if len(out) >= limit:
            break
        add(choose_orders(v, options, difficulty="standard", seed=int(rng.integers(2**31))))
    return out


# ----- simulation -----------------------------------------------------------------------------


def _standard(state: GameState, cid: str, seed: int) -> list[Action]:
    options = legal_actions(state, cid)
    if not options:
        return []
    return choose_orders(view(state, cid), options, difficulty="standard", seed=seed)


def evaluate(state: GameState, cid: str) -> float:
    """How good ``state`` is for ``cid``, judged from their view (or the outcome, at the end)."""
    v = view(state, cid)
    me = v.mine
    seats = [s.faction for s in v.politburo]
    mine = seats.count(v.me) / max(len(seats), 1)
    rival_seats = max((seats.count(c.index) for c in v.contenders if c.index != v.me), default=0)
    lead = mine - rival_seats / max(len(seats), 1)
    if state.finished:
        result = outcome(state)
        assert result is not None
        won = 1.0 if result.winner == cid else 0.0
        return 10.0 + 1.0 * result.of(cid).rank + 3.0 * me.support + 0.5 * won + 0.5 * lead
    ladder = [r.id for r in state.scenario.ladder]
    rung = ladder.index(me.status) if me.status in ladder else len(ladder)
    rivals_in = sum(1 for c in v.contenders if c.index != v.me and c.in_politburo)
    charges = sum(1 for m in v.motions if m.target == v.me and m.kind == "accuse")
    return (
        -1.0 * rung
        + 1.0 * mine
        + 0.5 * lead
        + (0.5 if mine > 0.5 else 0.0)
        - 0.3 * rivals_in
        + 3.0 * me.support
        + 1.0 * v.cc_share[v.me]
        + office_worth(state, me.office_ids)
        - 0.5 * sum(office_worth(state, c.office_ids) for c in v.contenders if c.index != v.me)
        - 0.4 * charges
    )


# What holding an office is worth to the strong AI, by the powers it gives: the power to
# appoint is the key to the party (its patronage pays for years, beyond any horizon).
POWER_WORTH = {"appoint": 0.8, "agenda": 0.4, "recruit": 0.1, "dossiers": 0.1, "press": 0.2,
               "army": 0.2, "comintern": 0.1}


def office_worth(state: GameState, offices: Sequence[str]) -> float:
    """0.1 an office, and more for the powers it gives (:data:`POWER_WORTH`)."""
    defs = {o.id: o for o in state.scenario.offices}
    return sum(0.1 + sum(POWER_WORTH.get(str(p), 0.0) for p in defs[o].powers)
               for o in offices)


def _seed(*parts: int) -> int:
    return int(np.random.default_rng(list(parts)).integers(2**31))


def strong_orders(
    state: GameState,
    cid: str,
    seed: int,
    budget: Budget = BUDGET,
    search: Search | None = None,
    *,
    options: Sequence[Option] | None = None,
    v: View | None = None,
) -> list[Action]:
    """The strong AI's orders for ``cid`` this turn (``seed``: this decision's seed, as the
    standard AI's). It reads the true state only through ``legal_actions`` and ``view`` for
    ``cid`` (or takes them as ``options`` and ``v``) and :func:`guess_state`, which guesses
    rivals' secrets afresh: it never sees them."""
    options = legal_actions(state, cid) if options is None else options
    if not options:
        return []
    v = view(state, cid) if v is None else v
    cands = candidates(v, options, seed, budget.candidates)
    search = search if search is not None else Search()
    search.candidates = len(cands)
    if len(cands) == 1:
        search.scores = (0.0,)
        return cands[0]
    ids = [c.id for c in state.scenario.contenders]
    samples = max(1, budget.nodes // (len(cands) * max(1, budget.horizon)))
    totals = np.zeros(len(cands))
    for s in range(samples):
        guess = guess_state(state, cid, _seed(seed, s))
        first = {
            o: _standard(guess, o, _seed(seed, s, 0, k)) for k, o in enumerate(ids) if o != cid
        }
        for i, orders in enumerate(cands):
            sim = apply_turn(guess, {**first, cid: orders}).state
            search.nodes += 1
            for h in range(1, budget.horizon):
                if sim.finished:
                    break
                if budget.quiet:  # a turn in which nobody acts: charges are voted, loyalties drift
                    later = {}
                else:
                    later = {o: _standard(sim, o, _seed(seed, s, h, k)) for k, o in enumerate(ids)}
                sim = apply_turn(sim, later).state
                search.nodes += 1
            totals[i] += evaluate(sim, cid)
    scores = totals / samples
    scores[0] += budget.margin
    best = int(np.argmax(scores))  # the first of equals: the standard choice wins ties
    search.scores = tuple(float(x) for x in scores)
    search.chosen = best
    return cands[best]


def strong_choice(
    v: View, options: Sequence[Option], *, state: GameState | None, seed: int
) -> list[Action]:
    """``choose_orders(..., difficulty="strong", state=state)``: the strong AI's orders for
    ``v.me``, whose view and legal options of ``state`` these are."""
    if state is None:
        raise ValueError(
            "the strong AI looks ahead from the game state: pass state= to choose_orders, or "
            "use game.ai.seat_orders"
        )
    cid = state.scenario.contenders[v.me].id
    return strong_orders(state, cid, seed, options=options, v=v)
