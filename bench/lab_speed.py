"""How many all-AI games a second the standard AI plays on every core: the lab's throughput.

Plays --games all-AI games of the scenario (seeds 0..N-1, each exactly the game
``politburo check`` records for that seed) in --jobs worker processes (default: every core this
process may use), with the worker pool that ``politburo check`` and ``politburo lab`` share
(:func:`game.check.play_games`), --repeat times. It prints the games per second of each run
and their median (wall time of the whole run, starting the workers included), the cores used,
and the median and 90th percentile time of one game, timed inside its worker.

The lab's bar (issue 17): at least 1,000 games per second on 2 cores.

    python bench/lab_speed.py --games 2000 --repeat 3 --jobs 2
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one thread per worker: the workers are the parallelism

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load, scenario_label  # noqa: E402

from game.check import (  # noqa: E402
    EVERY_SEAT_ALIKE,
    Overrides,
    default_jobs,
    play_games,
    play_one,
)
from game.engine import Scenario  # noqa: E402

BAR_GAMES_PER_SECOND = 1000.0
BAR_CORES = 2


@dataclass(frozen=True, slots=True)
class TimedGame:
    """One game played in a worker: how long it took, and the error if it crashed."""

    seed: int
    wall: float = 0.0  # seconds
    cpu: float = 0.0  # seconds of the worker's CPU time
    error: str | None = None


def timed_game(scenario: Scenario, seed: int, difficulty: str, overrides: Overrides) -> TimedGame:
    """Play and time one game, as ``politburo check`` plays it (run in a worker)."""
    wall, cpu = time.perf_counter(), time.process_time()
    record = play_one(scenario, seed, difficulty, overrides)
    return TimedGame(seed, time.perf_counter() - wall, time.process_time() - cpu, record.error)


def run(
    scenario: Scenario, games: int, jobs: int, difficulty: str
) -> tuple[float, list[TimedGame]]:
    """One run, in the worker pool and chunks that ``politburo check`` uses: the wall time of
    the whole run, and every game in seed order."""
    start = time.perf_counter()
    played = play_games(
        timed_game,
        [scenario],
        list(range(games)),
        difficulty,
        EVERY_SEAT_ALIKE,
        jobs,  # --jobs 1: in this process, as `politburo check --jobs 1` plays
        failed=lambda seed, why: TimedGame(seed, error=why),
    )[0]
    return time.perf_counter() - start, played


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Games per second of all-AI games with the standard AI on every core, as "
        "politburo check and the lab play them; and the time of one game in a worker."
    )
    parser.add_argument(
        "--games",
        type=int,
        default=200,
        metavar="N",
        help="games per run, seeds 0..N-1 (default 200)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="J",
        help="worker processes (default: every core this process may use)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="R",
        help="runs, of which the median is reported (default 3)",
    )
    parser.add_argument(
        "--scenario",
        default="succession_1924",
        help="a shipped scenario id or a YAML path (default succession_1924)",
    )
    parser.add_argument("--difficulty", default="standard", choices=("easy", "standard"))
    args = parser.parse_args(argv)
    if args.games < 1 or args.repeat < 1 or args.jobs < 0:
        parser.error("--games and --repeat must be at least 1, --jobs at least 0")
    cores = default_jobs()
    jobs = args.jobs or cores
    scenario = load(args.scenario)

    rates, games = [], []
    for r in range(args.repeat):
        wall, played = run(scenario, args.games, jobs, args.difficulty)
        crashed = [g for g in played if g.error]
        if crashed:
            print(
                f"{len(crashed)} game(s) crashed, seed {crashed[0].seed} first: {crashed[0].error}",
                file=sys.stderr,
            )
            return 1
        rates.append(args.games / wall)
        games += played
        print(f"run {r + 1}: {args.games} games in {wall:.2f} s: {rates[-1]:.1f} games/s")

    rate = statistics.median(rates)
    wall_ms = [g.wall * 1000 for g in games]
    cpu_ms = [g.cpu * 1000 for g in games]
    print()
    print(
        f"{scenario.title} ({scenario_label(args.scenario)}): {len(scenario.contenders)} "
        f"contenders, {scenario.calendar.turns} turns, {args.difficulty} AI in every seat"
    )
    print(
        f"Cores used: {jobs} worker process{'es' * (jobs != 1)} "
        f"({cores} core{'s' * (cores != 1)} available to this process)"
    )
    print(
        f"Games per second: {rate:.1f} (median of {args.repeat} run{'s' * (args.repeat != 1)} "
        f"of {args.games} games; starting the workers included)"
    )
    print(
        f"One game in a worker: median {statistics.median(wall_ms):.1f} ms wall, "
        f"{statistics.median(cpu_ms):.1f} ms CPU; p90 {percentile(wall_ms, 0.9):.1f} ms wall"
    )
    bar = BAR_GAMES_PER_SECOND * jobs / BAR_CORES
    print(
        f"Lab bar: {BAR_GAMES_PER_SECOND:.0f} games/s on {BAR_CORES} cores, so {bar:.0f} on "
        f"{jobs}: {'met' if rate >= bar else 'not met'} ({rate / bar:.2f}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
