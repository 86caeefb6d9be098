"""The historiography lab: answering essay questions by experiment.

Many all-AI games of a scenario are played as it is written (the *baseline*) and with one
"what if" switch applied (an *arm* per switch, defined in the scenario's ``what_ifs``); the
report compares who wins, with confidence intervals, and when the decisive events happen.
``politburo lab`` is the command; docs/lab.md says what the lab can and cannot answer.

No pygame here: the lab runs headless, in worker processes.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.check import EVERY_SEAT_ALIKE, Overrides, Progress
from game.engine import Scenario

from .report import LabReport, Milestone
from .runner import BASELINE, MILESTONES, Arm, LabRecord, arms_of, play_game, run_arms
from .stats import Difference, Share, difference, median_low, share, wilson

__all__ = [
    "BASELINE",
    "MILESTONES",
    "Arm",
    "Difference",
    "LabRecord",
    "LabReport",
    "Milestone",
    "Share",
    "arms_of",
    "difference",
    "lab",
    "median_low",
    "play_game",
    "run_arms",
    "share",
    "wilson",
]


def lab(
    scenario: Scenario,
    what_ifs: list[str],
    games: int,
    seed: int = 0,
    difficulty: str = "standard",
    jobs: int = 1,
    progress: Progress | None = None,
    source: str = "",
    cluster: str | None = None,
    length: str = "full",
    overrides: Overrides = EVERY_SEAT_ALIKE,
    overlay: str = "",
    arms: Sequence[Arm] | None = None,
) -> LabReport:
    """Play the baseline and each what-if ``games`` times and build the report; KeyError for
    an unknown what-if. ``scenario`` is already cut to ``length``; ``overrides`` plays some
    seats at another difficulty; ``overlay`` names the file that set some of its rules, for the
    report; ``arms``, when given, are played instead of the baseline and the what-ifs (a
    sweep's values). ``cluster``: the address of a Dask scheduler to play on instead of local
    processes (ClusterError if it cannot be used)."""
    arms = list(arms) if arms is not None else arms_of(scenario, what_ifs)
    records = run_arms(arms, games, seed, difficulty, jobs, progress, cluster, overrides)
    return LabReport(scenario, arms, records, seed, difficulty, source, length, dict(overrides),
                     overlay)
