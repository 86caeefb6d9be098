"""How fast a full all-AI game runs on one core, and where the time goes.

Plays --warmup games, then --games timed games (seeds 0..N-1) in this one process, pinned to one
CPU where the system allows. A full game is timed as the lab and ``politburo check`` play it,
through the AI's public entry point :func:`game.ai.autoplay.tallied_game` (the compiled game
loop: every turn's menus, the standard AI's choices and the rules): the median and 90th
percentile time of a whole game and the games per second. Then the same games turn by turn
through the engine's interface, as the window and the terminal play them, with the median time
of one call of each function: legal_actions (one contender), view (one contender), the AI's
seat_orders (one contender) and apply_turn (one turn, every contender's orders, narrated).

The quality bar: a full game of the main scenario under 2 ms on one core (issue 17).

    python bench/game_speed.py --games 200 --scenario succession_1924
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: no BLAS threads (set before numpy loads)

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load, scenario_label  # noqa: E402

from game.ai import seat_orders  # noqa: E402
from game.ai.autoplay import tallied_game  # noqa: E402
from game.engine import apply_turn, legal_actions, new_game, view  # noqa: E402

BAR_MS = 2.0
CALLS = ("legal_actions", "view", "seat_orders", "apply_turn")


def whole_game(scenario, seed: int, difficulty: str) -> tuple[float, float]:
    """One game as the lab plays it: its wall time and CPU time."""
    cpu = time.process_time()
    start = time.perf_counter()
    tallied_game(scenario, seed, difficulty)
    return time.perf_counter() - start, time.process_time() - cpu


def timed_game(
    scenario, seed: int, difficulty: str, calls: dict[str, list[float]]
) -> tuple[float, float]:
    """Play one game; the whole game's wall time and CPU time; each call's wall time appended
    to ``calls``."""
    clock = time.perf_counter
    cpu = time.process_time()
    start = clock()
    state, _ = new_game(scenario, seed)
    while not state.finished:
        orders = {}
        for c in scenario.contenders:
            t0 = clock()
            options = legal_actions(state, c.id)
            t1 = clock()
            view(state, c.id)
            t2 = clock()
            orders[c.id] = seat_orders(state, c.id, difficulty) if options else []
            t3 = clock()
            calls["legal_actions"].append(t1 - t0)
            calls["view"].append(t2 - t1)
            calls["seat_orders"].append(t3 - t2)
        t0 = clock()
        state = apply_turn(state, orders).state
        calls["apply_turn"].append(clock() - t0)
    return clock() - start, time.process_time() - cpu


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(x: float) -> str:
    return f"{x * 1000:.3f} ms" if x < 0.01 else f"{x * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time full all-AI games on one core (median, p90, games per second), then "
        "the same games turn by turn through the interface, with the median time of one "
        "legal_actions, view, seat_orders and apply_turn call."
    )
    parser.add_argument("--games", type=int, default=30, metavar="N",
                        help="timed games, seeds 0..N-1 (default 30)")
    parser.add_argument("--warmup", type=int, default=3, metavar="W",
                        help="untimed games first (default 3)")
    parser.add_argument("--scenario", default="succession_1924",
                        help="a shipped scenario id or a YAML path (default succession_1924)")
    parser.add_argument("--difficulty", default="standard", choices=("easy", "standard"))
    parser.add_argument("--no-pin", action="store_true",
                        help="do not pin the process to one CPU")
    args = parser.parse_args(argv)
    if args.games < 1 or args.warmup < 0:
        parser.error("--games must be at least 1 and --warmup at least 0")

    pinned = "not pinned"
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        pinned = f"pinned to CPU {cpu}"

    loads = []
    for _ in range(5):
        t0 = time.perf_counter()
        scenario = load(args.scenario)
        loads.append(time.perf_counter() - t0)

    for w in range(args.warmup):
        whole_game(scenario, 10_000 + w, args.difficulty)
    timed = [whole_game(scenario, seed, args.difficulty) for seed in range(args.games)]
    games = [wall for wall, _ in timed]
    cpu = [c for _, c in timed]

    scratch: dict[str, list[float]] = {k: [] for k in CALLS}
    for w in range(args.warmup):
        timed_game(scenario, 10_000 + w, args.difficulty, scratch)
    calls: dict[str, list[float]] = {k: [] for k in CALLS}
    stepped, rules = [], []
    for seed in range(args.games):
        turns_before = len(calls["apply_turn"])
        stepped.append(timed_game(scenario, seed, args.difficulty, calls)[0])
        rules.append(sum(calls["apply_turn"][turns_before:]))

    total = sum(games)
    n = len(scenario.contenders)
    print(f"{scenario.title} ({scenario_label(args.scenario)}): {n} contenders, "
          f"{scenario.calendar.turns} turns, {args.difficulty} AI; {args.games} games after "
          f"{args.warmup} warm-up(s), one process, {pinned}")
    print(f"Scenario load and validation: first {ms(loads[0])}, median of 5 "
          f"{ms(statistics.median(loads))} (the bar is 100 ms)")
    print()
    print("A whole game as the lab plays it (game.ai.autoplay.tallied_game: the compiled loop)")
    print(f"Full game:   median {ms(statistics.median(games))}   p90 {ms(percentile(games, 0.9))}"
          f"   min {ms(min(games))}   max {ms(max(games))}")
    print(f"CPU time:    median {ms(statistics.median(cpu))}   p90 {ms(percentile(cpu, 0.9))}"
          f"   (wall time above the CPU time means other processes took the core)")
    print(f"Games per second (one core): {args.games / total:.1f} by wall time, "
          f"{args.games / sum(cpu):.1f} by CPU time")
    print(f"Quality bar (main scenario): {BAR_MS:.0f} ms per game; the median is "
          f"{statistics.median(games) * 1000 / BAR_MS:.2f}x the bar")
    print()
    total = sum(stepped)
    print("The same games turn by turn through the engine's interface (the window's way)")
    print(f"Turn by turn: median {ms(statistics.median(stepped))} a game; rules alone "
          f"(apply_turn, narrated): median {ms(statistics.median(rules))} a game")
    print()
    print(f"{'call':<15}{'calls/game':>11}{'median':>13}{'p90':>13}{'share of game':>15}")
    for k in CALLS:
        v = calls[k]
        share = sum(v) / total
        print(f"{k:<15}{len(v) / args.games:>11.0f}{ms(statistics.median(v)):>13}"
              f"{ms(percentile(v, 0.9)):>13}{share:>15.1%}")
    rest = 1 - sum(sum(v) for v in calls.values()) / total
    print(f"{'(other)':<15}{'':>11}{'':>13}{'':>13}{rest:>15.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
