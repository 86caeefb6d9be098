"""The lab's statistics: shares with Wilson intervals, differences of shares with Newcombe's
interval, and the median of the turns on which something happened.

The Wilson interval is :func:`game.check.wilson`, the one ``politburo check`` reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from game.check import wilson

__all__ = [
    "Difference",
    "Share",
    "difference",
    "mean",
    "mean_difference",
    "median_low",
    "share",
    "wilson",
]

Z95 = 1.959964


@dataclass(frozen=True, slots=True)
class Share:
    """k successes in n games, with the 95% Wilson interval of the proportion."""

    k: int
    n: int
    low: float
    high: float

    @property
    def p(self) -> float:
        return self.k / self.n if self.n else 0.0


@dataclass(frozen=True, slots=True)
class Difference:
    """A difference of two proportions (``arm - baseline``) with its 95% interval."""

    d: float
    low: float
    high: float

    @property
    def clear(self) -> bool:
        """True when the interval excludes zero: the what-if changed this share."""
        return self.low > 0 or self.high < 0


def share(k: int, n: int) -> Share:
    lo, hi = wilson(k, n, Z95)
    return Share(k, n, lo, hi)


def difference(arm: Share, base: Share) -> Difference:
    """``arm.p - base.p`` with Newcombe's hybrid score interval (his method 10, 1998), built
    from the two Wilson intervals; it suits independent samples and stays inside [-1, 1]. The
    lab plays the same seeds in every arm, which makes the arms positively correlated, so for
    paired games this interval is, if anything, a little wide."""
    p1, p2 = arm.p, base.p
    d = p1 - p2
    low = d - math.sqrt((p1 - arm.low) ** 2 + (base.high - p2) ** 2)
    high = d + math.sqrt((arm.high - p1) ** 2 + (p2 - base.low) ** 2)
    return Difference(d, max(-1.0, low), min(1.0, high))


def median_low(values: Sequence[int]) -> int | None:
    """The lower median (an observed value, so a turn stays a turn), or None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _variance(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    m = mean(values)
    return sum((x - m) ** 2 for x in values) / (len(values) - 1)


def mean_difference(arm: Sequence[float], base: Sequence[float]) -> Difference:
    """``mean(arm) - mean(base)`` with a 95% interval from the normal approximation with
    unequal variances (Welch's standard error); the lab's samples are large enough for it."""
    d = mean(arm) - mean(base)
    if not arm or not base:
        return Difference(d, -math.inf, math.inf)
    se = math.sqrt(_variance(arm) / len(arm) + _variance(base) / len(base))
    return Difference(d, d - Z95 * se, d + Z95 * se)
