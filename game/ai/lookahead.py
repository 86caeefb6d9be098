"""The strong AI: a sampled look-ahead over determinised hidden information.

The standard AI (:mod:`game.ai.kernels`) judges each option by what it is worth in the position
as it stands. The strong AI plays the game forward instead:

1. **Candidates.** From the contender's legal options it builds a few order sets: the standard
   AI's own choice (with the seat's own luck, so the strong AI starts from what the standard AI
   would have done), the noiseless greedy choice by the position's values alone (not the
   character's habits: a Trotsky who disdains appointments still weighs them), the other
   answers to the cards it decides, variations that force in the best option of a kind the
   standard choice left out or drop one of its orders, and the standard AI's choice with other
   luck. Duplicates are merged; every candidate is a legal set of orders.
2. **Determinisation.** It cannot see rivals' dossiers, the offers between other contenders,
   their luck, or the dice to come, so it never simulates the true state:
   :func:`game.engine.guess_state` gives a copy with those secrets guessed afresh and the
   random generator reseeded.
3. **Simulation.** In each guessed state, the other seats' orders for this turn are chosen once
   by the standard AI and shared by every candidate; each candidate is played with them, then
   the game goes on for the rest of the horizon with the standard AI in every seat (the compiled
   game loop, :mod:`game.ai.loop`). Every candidate meets the same guessed state, the same rival
   orders and the same dice (common random numbers), so the comparison between candidates is
   much less noisy than each score.
4. **Score.** At the horizon, the position is judged as the contender sees it
   (:func:`evaluate`). The best mean score wins; the standard choice keeps the move unless
   another beats it by a small margin.

The work is bounded by a node budget: one node is one simulated turn, so the decision does not
depend on the machine's speed, and the same game always gives the same orders. ``Budget()`` is
chosen so that the median decision on the main scenario stays under 50 ms compiled (see
``bench/strong_ai.py`` and docs/lab.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import Action, GameState, guess_state, legal_actions, legal_rows
from game.engine.state import copy_generator
from game.rules import ending, ops
from game.rules import layout as lay
from game.rules.jit import kernel
from game.rules.log import Log, new_log

from . import kernels as K
from .kernels import NOISE
from .loop import Tally, judge, new_tally, play_on, play_turn
from .tables import AITables, ai_tables


@dataclass(frozen=True, slots=True)
class Budget:
    """How much the strong AI may think about one decision.

    ``nodes`` simulated turns in all, shared out as ``samples`` guessed states times as many
    candidates as fit, each played ``horizon`` turns ahead."""

    nodes: int = 180
    horizon: int = 3
    samples: int = 3
    margin: float = 0.02  # how much better than the standard choice another must score

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


# ----- judging a position ---------------------------------------------------------------------

# What holding an office is worth to the strong AI, by the powers it gives (``layout.POWER_IDS``
# order): the power to appoint is the key to the party (its patronage pays beyond any horizon).
POWER_WORTH = np.array([0.8, 0.1, 0.4, 0.1, 0.2, 0.2, 0.1])


def office_worths(t: lay.Tables) -> np.ndarray:
    """What each office is worth: 0.1, and more for the powers it gives."""
    return 0.1 + t.powers.astype(np.float64) @ POWER_WORTH


@kernel
def evaluate(s: lay.State, t: lay.Tables, me: int, worth: np.ndarray) -> float:
    """How good ``s`` is for ``me``, from what ``me`` may see: the rung on the removal ladder,
    the faction's share of the Politburo and its lead over the largest rival's, rivals still
    sitting there, support and Central Committee following, the offices held by ``me`` and by
    rivals (by :data:`POWER_WORTH`), charges waiting against ``me``; once the game is over,
    the outcome's rank, the final support and whether ``me`` won."""
    n = s.status.shape[0]
    faction, _, _ = ops.politburo(s, t)
    seats = max(faction.shape[0], 1)
    counts = np.zeros(n + 1, np.int64)
    for f in faction:
        if f >= 0:
            counts[f] += 1
    mine = counts[me] / seats
    rival = 0
    for c in range(n):
        if c != me:
            rival = max(rival, counts[c])
    lead = mine - rival / seats
    support = ops.support(s)[me]
    if s.ints[lay.FINISHED]:
        outcomes, winner = ending.result(s, t, ops.new_work(n, lay.LUCK))
        won = 0.5 if winner == me else 0.0
        return 10.0 + t.outcome_rank[outcomes[me]] + 3.0 * support + won + 0.5 * lead
    rivals_in = 0
    held = 0.0
    for c in range(n):
        if c != me and ops.in_organ(s, t, c, lay.IN_POLITBURO):
            rivals_in += 1
    for o in range(s.holds.shape[0]):
        for c in range(n):
            if s.holds[o, c]:
                held += worth[o] if c == me else -0.5 * worth[o]
    charges = 0
    for m in range(s.ints[lay.N_MOTIONS]):
        if s.motions[m, lay.M_TARGET] == me and s.motions[m, lay.M_KIND] == lay.ACCUSE:
            charges += 1
    return (-1.0 * s.status[me] + mine + 0.5 * lead + (0.5 if mine > 0.5 else 0.0)
            - 0.3 * rivals_in + 3.0 * support + s.cc_share[me] + held - 0.4 * charges)


# ----- candidates -----------------------------------------------------------------------------


class _Menu:
    """One decision's options, as rows for the kernels and as actions."""

    def __init__(self, state: GameState, cid: str) -> None:
        self.state, self.me = state, state.scenario.contender_index(cid)
        self.rows, self.odds = legal_rows(state, cid)
        self.actions = [o.action for o in legal_actions(state, cid)]
        self.ai: AITables = ai_tables(state.scenario)

    def judged(self, draws: np.ndarray | None = None) -> tuple[int, ...]:
        """The standard AI's choice (with other luck, ``draws``, when given)."""
        s = self.state.arrays
        if draws is not None:
            judgement = s.judgement.copy()
            judgement[self.me] = draws
            s = s._replace(judgement=judgement)
        return tuple(K.choose_orders(s, self.state.tables, self.ai, self.me, self.rows,
                                     self.odds, NOISE["standard"]).tolist())

    def packed(self, ranked: np.ndarray, scores: np.ndarray, forced: int = -1,
               banned: int = -1) -> tuple[int, ...]:
        """Fill the action points greedily from ``ranked``, ``forced`` first, never ``banned``."""
        if forced >= 0:
            keep = ranked != forced
            ranked = np.concatenate(([forced], ranked[keep]))
            scores = np.concatenate(([np.inf], scores[keep]))
        mask = np.zeros(len(self.rows), np.bool_)
        if banned >= 0:
            mask[banned] = True
        budget = int(self.state.arrays.action_points[self.me])
        return tuple(K.pack_orders(self.rows, ranked, scores, budget, mask).tolist())


def candidates(menu: _Menu, limit: int, rng: np.random.Generator) -> list[tuple[int, ...]]:
    """Up to ``limit`` distinct legal order sets (rows of the menu), the standard AI's choice
    first."""
    out: list[tuple[int, ...]] = []
    seen: set[frozenset[int]] = set()

    def add(orders: tuple[int, ...]) -> None:
        key = frozenset(orders)
        if key not in seen and len(out) < limit:
            seen.add(key)
            out.append(orders)

    standard = menu.judged()
    add(standard)
    if limit <= 1:
        return out
    s, t = menu.state.arrays, menu.state.tables
    ranked, scores = K.ranked(s, t, menu.ai, menu.me, menu.rows, menu.odds)
    add(menu.packed(ranked, scores))
    kind = menu.rows[:, K.KIND]
    decide = lay.A_DECIDE
    # every other answer to the cards this contender decides: the roads the standard AI's
    # character would not take are weighed too
    for i in np.flatnonzero(kind == decide).tolist():
        card = menu.rows[i, K.TARGET]
        if i not in standard and any(kind[j] == decide and menu.rows[j, K.TARGET] == card
                                     for j in standard):
            add(tuple(i if kind[j] == decide and menu.rows[j, K.TARGET] == card else j
                      for j in standard))
    # force in the best option of each kind the standard choice left out, best kinds first
    # (``ranked`` is best first, equal scores in the order of the actions' text), and drop,
    # one at a time, the orders the standard choice was least sure of
    taken = {int(kind[j]) for j in standard}
    forced: list[int] = []
    for i in ranked.tolist():
        if kind[i] != decide and int(kind[i]) not in taken:
            taken.add(int(kind[i]))
            forced.append(i)
    score_of = dict(zip(ranked.tolist(), scores.tolist(), strict=True))
    droppable = sorted((j for j in standard if kind[j] != decide),
                       key=lambda j: (score_of.get(j, 0.0), str(menu.actions[j])))
    for i in range(max(len(forced), len(droppable))):
        if i < len(forced):
            add(menu.packed(ranked, scores, forced=forced[i]))
        if i < len(droppable):
            add(menu.packed(ranked, scores, banned=droppable[i]))
    for _ in range(4 * limit):
        if len(out) >= limit:
            break
        add(menu.judged(rng.normal(0.0, 1.0, lay.JUDGEMENT)))
    return out


# ----- the search -----------------------------------------------------------------------------


def _simulate(guess: GameState, me: int, cands: list[tuple[int, ...]], menu: _Menu,
              horizon: int, log: Log, tally: Tally) -> np.ndarray:
    """Each candidate's score in one guessed state: the rivals' orders judged once, the
    candidate played with them, the game played on to the horizon, the position judged."""
    s, t = guess.arrays, guess.tables
    n = guess.n
    noise = np.full(n, NOISE["standard"])
    orders = np.zeros((n, lay.MOST_ORDERS, 3), np.int64)
    counts = np.zeros(n, np.int64)
    judge(s, t, menu.ai, noise, me, orders, counts, tally)
    worth = office_worths(t)
    until = guess.turn + horizon
    scores = np.zeros(len(cands))
    for i, rows in enumerate(cands):
        sim = lay.copy_state(s)
        rng = copy_generator(guess.rng)
        mine = orders.copy()
        mine[me, : len(rows)] = menu.rows[list(rows), :3]
        played = counts.copy()
        played[me] = len(rows)
        play_turn(sim, t, log, rng, mine, played, tally)
        play_on(guess.compiled.start, sim, t, menu.ai, log, rng, noise, until, tally)
        scores[i] = evaluate(sim, t, me, worth)
    return scores


def strong_orders(state: GameState, cid: str, budget: Budget = BUDGET,
                  search: Search | None = None) -> list[Action]:
    """The strong AI's orders for ``cid`` this turn. It reads the true state only through
    ``legal_rows``, ``legal_actions`` and :func:`guess_state`, which guesses rivals' secrets
    afresh: it never sees them. Its own dice are fixed by the game's seed, the turn and the
    seat, so the same game always gives the same orders."""
    menu = _Menu(state, cid)
    if not len(menu.rows):
        return []
    search = search if search is not None else Search()
    rng = np.random.default_rng([state.seed, state.turn, menu.me])
    cands = candidates(menu, budget.candidates, rng)
    search.candidates = len(cands)
    if len(cands) == 1:
        search.scores = (0.0,)
        return [menu.actions[i] for i in cands[0]]
    samples = max(1, budget.nodes // (len(cands) * max(1, budget.horizon)))
    log = new_log(state.n, max([len(e.choices) for e in state.scenario.events] or [1]))
    tally = new_tally(state.n)
    totals = np.zeros(len(cands))
    for _ in range(samples):
        guess = guess_state(state, cid, int(rng.integers(2**31)))
        totals += _simulate(guess, menu.me, cands, menu, budget.horizon, log, tally)
    search.nodes += int(tally.turns[0])
    scores = totals / samples
    scores[0] += budget.margin
    best = int(np.argmax(scores))  # the first of equals: the standard choice wins ties
    search.scores = tuple(float(x) for x in scores)
    search.chosen = best
    return [menu.actions[i] for i in cands[best]]

