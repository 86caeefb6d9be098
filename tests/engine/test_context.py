"""The context's primitives, written for speed, give exactly what their plain forms give: the
same bits, so the same game. The plain forms are written out here."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.context import Context, apportion, apportion_rows, clamp
from game.engine.state import FACTORS
from helpers import cached_ai_game, match_states


def test_apportioning_many_rows_at_once_is_apportioning_each():
    rng = np.random.default_rng(0)
    for i in range(2000):
        weights = rng.dirichlet(np.ones(6) * rng.choice([0.05, 0.5, 2.0]), size=12)
        if i % 5 == 0:
            weights[rng.integers(12)] = 0.0
        if i % 7 == 0:
            weights[rng.integers(12)] = [0.5, 0.5, 0, 0, 0, 0]  # a tie for the last seat
        totals = rng.integers(0, 300, 12) if i % 2 else rng.multinomial(1500, np.ones(12) / 12)
        each = np.array([apportion(int(t), w) for t, w in zip(totals, weights, strict=True)])
        assert apportion_rows(totals, weights).tobytes() == each.tobytes()


@pytest.mark.parametrize("lo, hi", [(-1.0, 1.0), (0.0, 100.0), (0.0, 1.0)])
def test_clamp_is_numpy_clip(lo, hi):
    rng = np.random.default_rng(1)
    values = [-0.0, 0.0, lo, hi, -lo, 2 * hi, 1e-300, -1e-300, *rng.uniform(-200, 200, 500)]
    for x in values:
        for v in (float(x), np.float64(x)):
            got = clamp(v, lo, hi)
            assert type(got) is float
            assert repr(got) == repr(float(np.clip(v, lo, hi)))


def plain_shift(old: np.ndarray, members: np.ndarray, c: int, amounts: np.ndarray):
    """Context.shift_loyalties as first written: the new loyalties and the change of support."""
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
    new /= new.sum(axis=1, keepdims=True)
    return new, members @ (new - old) / members.sum()


def test_shifting_loyalties_gives_the_plain_formula_to_the_bit():
    state = match_states(cached_ai_game("succession_1924", 0))[6]
    rng = np.random.default_rng(2)
    regions, n = state.loyalty.shape[0], state.n
    for i in range(400):
        s = state.copy()
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
        ctx = Context(s)
        ctx.shift_loyalties(c, amounts)
        assert s.loyalty.tobytes() == want.tobytes()
        ledger[:, FACTORS.index(ctx.factor)] += support[:n]
        assert s.ledger.tobytes() == ledger.tobytes()
