"""The rules' primitives (:mod:`game.rules.ops`, once the old engine's ``Context`` methods),
written as loops over arrays, give exactly what their plain forms give: the same bits, so the
same game. The plain forms are written out here; every sum of reals adds in order, as the
rules' own sums do (:func:`game.rules.ops.sum_of`)."""

from __future__ import annotations

import functools
import math
import operator

import numpy as np
import pytest

from game.rules import layout as lay
from game.rules import ops
from helpers import cached_ai_game, match_states


def in_order(values) -> float:
    """The sum of ``values``, added one after the other from the first."""
    return functools.reduce(operator.add, (float(v) for v in values), 0.0)


def plain_apportion(total: int, weights: np.ndarray) -> list[int]:
    """Largest remainders: every share's whole quota, then one more seat each to the largest
    remainders until the seats are all given (of equal remainders, the first in order)."""
    whole = in_order(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    quota = [float(w) / whole * total for w in weights]
    seats = [math.floor(q) for q in quota]
    rest = total - sum(seats)
    for i in sorted(range(len(quota)), key=lambda i: -(quota[i] - seats[i]))[:rest]:
        seats[i] += 1
    return seats


def random_rows(rng: np.random.Generator, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Twelve rows of six weights (a Congress's regions by faction in the main scenario) and
    a total for each: some rows empty, some with a tie for the last seat."""
    weights = rng.dirichlet(np.ones(6) * rng.choice([0.05, 0.5, 2.0]), size=12)
    if i % 5 == 0:
        weights[rng.integers(12)] = 0.0
    if i % 7 == 0:
        weights[rng.integers(12)] = [0.5, 0.5, 0, 0, 0, 0]  # a tie for the last seat
    totals = rng.integers(0, 300, 12) if i % 2 else rng.multinomial(1500, np.ones(12) / 12)
    return totals, weights


def test_apportioning_is_by_largest_remainders():
    rng = np.random.default_rng(0)
    for i in range(2000):
        totals, weights = random_rows(rng, i)
        for total, w in zip(totals, weights, strict=True):
            seats = ops.apportion(int(total), w)
            assert seats.tolist() == plain_apportion(int(total), w), (total, w)
            assert seats.sum() == (total if w.sum() > 0 else 0)


def test_a_congress_apportions_each_delegation_by_its_regions_loyalties():
    """The delegates go to the regions by their members, and each delegation's seats to the
    factions by the region's loyalties, each by largest remainders on its own."""
    state = match_states(cached_ai_game("succession_1924", 0))[6]
    rng = np.random.default_rng(3)
    for i in range(300):
        s = lay.copy_state(state.arrays)
        totals, weights = random_rows(rng, i)
        s.members[:] = totals + rng.random(12)
        s.loyalty[:] = weights
        s.ints[lay.CONGRESS_DELEGATES] = int(rng.integers(0, 2000))
        delegations, seats = ops.congress_blocs(s)
        assert delegations.tolist() == plain_apportion(int(s.ints[lay.CONGRESS_DELEGATES]),
                                                       s.members)
        for r in range(12):
            assert seats[r].tolist() == plain_apportion(int(delegations[r]), s.loyalty[r])


@pytest.mark.parametrize("lo, hi", [(-1.0, 1.0), (0.0, 100.0), (0.0, 1.0)])
def test_clamp_is_numpy_clip(lo, hi):
    rng = np.random.default_rng(1)
    values = [-0.0, 0.0, lo, hi, -lo, 2 * hi, 1e-300, -1e-300, *rng.uniform(-200, 200, 500)]
    for x in values:
        for v in (float(x), np.float64(x)):
            got = ops.clamp(v, lo, hi)
            assert isinstance(got, float)
            assert repr(float(got)) == repr(float(np.clip(v, lo, hi)))


def plain_shift(old: np.ndarray, members: np.ndarray, c: int, amounts: np.ndarray):
    """shift_loyalties as first written: the new loyalties and the change of support."""
    a = np.clip(amounts, -1.0, 1.0)
    col = old[:, c]
    free = 1.0 - col
    gain = np.where(a > 0, a * free, 0.0)
    loss = np.where(a < 0, -a * col, 0.0)
    scale = 1.0 - np.divide(gain, free, out=np.zeros_like(gain), where=free > 0)
    new = old * scale[:, None]
    new[:, c] = col + gain - loss
    new[:, -1] += loss
    np.clip(new, 0.0, None, out=new)
    new /= np.array([[in_order(row)] for row in new])
    moved = members[:, None] * (new - old)
    return new, np.array([in_order(moved[:, k]) for k in range(new.shape[1])]) / in_order(members)


def test_shifting_loyalties_gives_the_plain_formula_to_the_bit():
    state = match_states(cached_ai_game("succession_1924", 0))[6]
    rng = np.random.default_rng(2)
    regions, n = state.arrays.loyalty.shape[0], state.n
    for i in range(400):
        s = lay.copy_state(state.arrays)
        if i % 4 == 0:  # a region all loyal to one faction
            r = rng.integers(regions)
            s.loyalty[r, :] = 0.0
            s.loyalty[r, rng.integers(n + 1)] = 1.0
        c = int(rng.integers(n))
        amounts = [
            rng.normal(0, 0.5, regions),
            np.full(regions, abs(rng.normal(0, 0.1))),
            rng.choice([0.0, 0.3, -0.2, 1.5, -2.0], regions),
            rng.uniform(0, 0.2, regions),
        ][i % 4]
        want, support = plain_shift(s.loyalty.copy(), s.members, c, amounts)
        ledger = s.ledger.copy()
        factor = i % len(lay.FACTOR_IDS)
        ops.shift_loyalties(s, ops.new_work(n, factor), c, amounts)
        assert s.loyalty.tobytes() == want.tobytes()
        ledger[:, factor] += support[:n]
        assert s.ledger.tobytes() == ledger.tobytes()
