"""Who wins when the AI plays every seat: N all-AI games over seeds 0..N-1.

Prints the wins by contender (count, share and a 95% Wilson interval), each contender's graded
outcomes, how many games crashed (this must be 0) and the wall time. Exits 1 if any game
crashed. The results do not depend on --jobs: each game is fixed by its seed.

    python bench/ai_distribution.py --games 200 --scenario succession_1924
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load, play, scenario_label  # noqa: E402

from game.engine import outcome  # noqa: E402

_SCENARIO = None


def _init(name: str) -> None:
    global _SCENARIO
    _SCENARIO = load(name)


def _game(args: tuple[int, str]) -> dict:
    seed, difficulty = args
    start = time.perf_counter()
    try:
        match = play(_SCENARIO, seed, difficulty)
        res = outcome(match.state)
        return {
            "seed": seed, "winner": res.winner,
            "outcomes": {o.contender: o.outcome for o in res.outcomes},
            "seconds": time.perf_counter() - start, "error": None,
        }
    except Exception as e:  # a crash is a result here: count it and say what it was
        return {
            "seed": seed, "winner": None, "outcomes": {},
            "seconds": time.perf_counter() - start,
            "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc(),
        }


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def table(rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for j, r in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in
                 enumerate(zip(r, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Play N all-AI games of a scenario over seeds 0..N-1 and print who wins, "
        "each contender's graded outcomes, the crashes (must be 0) and the wall time."
    )
    parser.add_argument("--games", type=int, default=200, metavar="N",
                        help="number of games, seeds 0..N-1 (default 200)")
    parser.add_argument("--scenario", default="succession_1924",
                        help="a shipped scenario id or a YAML path (default succession_1924)")
    parser.add_argument("--difficulty", default="standard", choices=("easy", "standard"),
                        help="AI difficulty for every seat (default standard)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="J",
                        help="worker processes (default: every core)")
    args = parser.parse_args(argv)
    if args.games < 1 or args.jobs < 1:
        parser.error("--games and --jobs must be at least 1")

    scenario = load(args.scenario)
    start = time.perf_counter()
    tasks = [(seed, args.difficulty) for seed in range(args.games)]
    if args.jobs == 1:
        _init(args.scenario)
        results = [_game(t) for t in tasks]
    else:
        with ProcessPoolExecutor(args.jobs, initializer=_init,
                                 initargs=(args.scenario,)) as pool:
            results = list(pool.map(_game, tasks, chunksize=max(1, args.games // (4 * args.jobs))))
    wall = time.perf_counter() - start

    done = [r for r in results if r["error"] is None]
    crashed = [r for r in results if r["error"] is not None]
    names = {c.id: c.short for c in scenario.contenders}
    print(f"{scenario.title} ({scenario_label(args.scenario)}): {args.games} all-AI games, "
          f"seeds 0..{args.games - 1}, {args.difficulty} AI, {args.jobs} process(es)")
    print()

    wins = Counter(r["winner"] for r in done)
    rows = [["contender", "wins", "share", "95% interval"]]
    for c in scenario.contenders:
        k = wins.get(c.id, 0)
        lo, hi = wilson(k, len(done))
        share = k / len(done) if done else 0.0
        rows.append([names[c.id], str(k), f"{share:.1%}", f"{lo:.1%} - {hi:.1%}"])
    print("Wins (outcome(state).winner)")
    print(table(rows, right={1, 2, 3}))
    print()

    outcomes = sorted(scenario.outcomes, key=lambda o: -o.rank)
    rows = [["contender", *[o.id for o in outcomes], "mean rank"]]
    rank = {o.id: o.rank for o in outcomes}
    for c in scenario.contenders:
        got = Counter(r["outcomes"][c.id] for r in done)
        mean = sum(rank[o] * k for o, k in got.items()) / len(done) if done else 0.0
        rows.append([names[c.id], *[str(got.get(o.id, 0)) for o in outcomes], f"{mean:.2f}"])
    print("Graded outcomes (games per outcome, best first)")
    print(table(rows, right=set(range(1, len(outcomes) + 2))))
    print()
    endings = Counter(tuple(r["outcomes"][c.id] for c in scenario.contenders) for r in done)
    print(f"Distinct endings (one outcome per contender): {len(endings)}")
    for ending, k in endings.most_common(5):
        print(f"  {k:4d}  " + ", ".join(f"{names[c.id]} {o}" for c, o in
                                        zip(scenario.contenders, ending, strict=True)))
    print()

    print(f"Crashed: {len(crashed)}")
    for r in crashed[:5]:
        print(f"  seed {r['seed']}: {r['error']}")
    if crashed:
        print()
        print(crashed[0]["traceback"].rstrip())
    per_game = sorted(r["seconds"] for r in results)
    median = per_game[len(per_game) // 2]
    print(f"Wall time: {wall:.1f} s ({args.games / wall:.1f} games/s over {args.jobs} "
          f"process(es); median {median * 1000:.0f} ms per game in one process)")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
