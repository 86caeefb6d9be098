"""Does the strong AI beat the standard AI playing the same contender?

For each contender and each seed, two games of the scenario: one with that contender played by
the strong AI (``game.ai.lookahead``), one with it played by the standard AI, every other seat
standard in both. The standard game of a seed is the same all-standard game whichever
contender is studied (``politburo play --auto --seed N``), so it is played once per seed.

Per contender it prints: in how many games the strong AI's result is better than the standard
AI's, worse, or the same (by the scenario's outcome rank, then by final support), the share
better with a 95% Wilson interval, the win rate of each (the game's winner) with its interval,
the mean outcome rank of each, and the strong AI's median and 90th percentile decision time
(wall clock and CPU). Games run in worker processes on every core; the figures do not depend
on --jobs (each game is fixed by its seed and the budget).

    nice python bench/strong_ai.py --games 200            # the full run: 5 x 200 strong games
    python bench/strong_ai.py --games 20 --contenders stalin trotsky --nodes 12
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core per worker: no BLAS threads (before numpy loads)

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import asdict, dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load, scenario_label  # noqa: E402

from game.ai.autoplay import seat_orders  # noqa: E402
from game.ai.lookahead import BUDGET, Budget, Search, strong_orders  # noqa: E402
from game.check import ProgressBar, default_jobs, wilson  # noqa: E402
from game.engine import Match, outcome  # noqa: E402


@dataclass
class Game:
    seed: int
    strong: str | None  # the contender played by the strong AI; None: all standard
    winner: str = ""
    ranks: dict[str, int] = field(default_factory=dict)
    support: dict[str, float] = field(default_factory=dict)
    wall: list[float] = field(default_factory=list)  # the strong AI's decision times, seconds
    cpu: list[float] = field(default_factory=list)
    nodes: list[int] = field(default_factory=list)
    deviated: int = 0  # decisions where the strong AI did not play the standard AI's choice
    error: str | None = None


_WORKER: tuple | None = None


def _init(name: str, budget: Budget) -> None:
    global _WORKER
    _WORKER = (load(name), budget)


def play(task: tuple[int, str | None]) -> Game:
    """One game: seat ``strong`` played by the strong AI (None: every seat standard)."""
    assert _WORKER is not None
    scenario, budget = _WORKER
    seed, strong = task
    game = Game(seed, strong)
    try:
        match = Match.start(scenario, seed)
        while not match.state.finished:
            state = match.state
            orders = {}
            for c in scenario.contenders:
                if c.id != strong:
                    orders[c.id] = seat_orders(state, c.id)
                    continue
                search = Search()
                wall, cpu = time.perf_counter(), time.process_time()
                orders[c.id] = strong_orders(state, c.id, budget, search)
                if search.candidates:  # a decision was taken (the seat could act)
                    game.wall.append(time.perf_counter() - wall)
                    game.cpu.append(time.process_time() - cpu)
                    game.nodes.append(search.nodes)
                    game.deviated += search.chosen != 0
            match.play(orders)
        result = outcome(match.state)
        assert result is not None
        support = match.state.support()
        game.winner = result.winner
        game.ranks = {o.contender: o.rank for o in result.outcomes}
        game.support = {c.id: float(support[i]) for i, c in enumerate(scenario.contenders)}
    except Exception as e:  # a crash is a result: count it and say what it was
        game.error = f"{type(e).__name__}: {e}"
    return game


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def pct(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k}/{n} {k / n:6.1%} [{lo:5.1%}, {hi:5.1%}]" if n else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Play each contender by the strong AI and by the standard AI over the same "
        "seeds; print how often the strong AI does better, the win rates and decision times."
    )
    parser.add_argument(
        "--games",
        type=int,
        default=200,
        metavar="N",
        help="games per contender, seeds S..S+N-1 (default 200)",
    )
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="first seed (default 0)")
    parser.add_argument(
        "--scenario",
        default="succession_1924",
        help="a shipped scenario id or a YAML path (default succession_1924)",
    )
    parser.add_argument(
        "--contenders", nargs="*", metavar="ID", help="contenders to study (default: every one)"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="J",
        help="worker processes (default: every core)",
    )
    parser.add_argument(
        "--nodes",
        type=int,
        default=BUDGET.nodes,
        help=f"simulated turns per decision (default {BUDGET.nodes})",
    )
    parser.add_argument(
        "--horizon",
        type=int,
        default=BUDGET.horizon,
        help=f"turns simulated ahead (default {BUDGET.horizon})",
    )
    parser.add_argument(
        "--samples",
        type=int,
        default=BUDGET.samples,
        help=f"guessed states per decision, at least (default {BUDGET.samples})",
    )
    parser.add_argument(
        "--margin",
        type=float,
        default=BUDGET.margin,
        help=f"lead over the standard choice needed (default {BUDGET.margin})",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every game here")
    args = parser.parse_args(argv)
    if min(args.games, args.jobs, args.nodes, args.horizon, args.samples) < 1:
        parser.error("--games, --jobs, --nodes, --horizon and --samples must be at least 1")

    scenario = load(args.scenario)
    ids = [c.id for c in scenario.contenders]
    studied = args.contenders or ids
    unknown = [c for c in studied if c not in ids]
    if unknown:
        parser.error(f"no contender {unknown[0]!r}; contenders are: {', '.join(ids)}")
    budget = Budget(
        nodes=args.nodes,
        horizon=args.horizon,
        samples=args.samples,
        margin=args.margin,
    )
    seeds = range(args.seed, args.seed + args.games)
    # the strong games first (the long ones), spread over contenders so progress is even
    tasks: list[tuple[int, str | None]] = [(s, c) for s in seeds for c in studied]
    tasks += [(s, None) for s in seeds]

    start = time.perf_counter()
    bar = ProgressBar()
    games: list[Game] = []
    if args.jobs == 1:
        _init(args.scenario, budget)
        for t in tasks:
            games.append(play(t))
            bar(len(games), len(tasks))
    else:
        ctx = multiprocessing.get_context()
        with ctx.Pool(args.jobs, initializer=_init, initargs=(args.scenario, budget)) as pool:
            for g in pool.imap_unordered(play, tasks, chunksize=1):
                games.append(g)
                bar(len(games), len(tasks))
    wall = time.perf_counter() - start

    crashed = [g for g in games if g.error]
    base = {g.seed: g for g in games if g.strong is None and not g.error}
    print(
        f"{scenario.title} ({scenario_label(args.scenario)}): strong AI (nodes {budget.nodes}, "
        f"horizon {budget.horizon}, samples {budget.samples}, "
        f"margin {budget.margin}) against the standard AI in the same seat, seeds "
        f"{seeds.start}..{seeds.stop - 1}, {args.jobs} process(es)"
    )
    print()
    header = (
        "contender",
        "strong better",
        "worse",
        "same",
        "strong wins",
        "standard wins",
        "mean rank str/std",
        "decision ms median/p90 (cpu)",
        "deviated",
    )
    rows = [header]
    summary = {}
    for cid in studied:
        pairs = [
            (g, base[g.seed]) for g in games if g.strong == cid and not g.error and g.seed in base
        ]
        n = len(pairs)
        better = sum(
            (g.ranks[cid], g.support[cid]) > (b.ranks[cid], b.support[cid]) for g, b in pairs
        )
        worse = sum(
            (g.ranks[cid], g.support[cid]) < (b.ranks[cid], b.support[cid]) for g, b in pairs
        )
        same = n - better - worse
        sw = sum(g.winner == cid for g, _ in pairs)
        bw = sum(b.winner == cid for _, b in pairs)
        walls = [x for g, _ in pairs for x in g.wall]
        cpus = [x for g, _ in pairs for x in g.cpu]
        decisions = len(walls)
        dev = sum(g.deviated for g, _ in pairs)
        mean_s = sum(g.ranks[cid] for g, _ in pairs) / n if n else 0.0
        mean_b = sum(b.ranks[cid] for _, b in pairs) / n if n else 0.0
        rows.append(
            (
                cid,
                pct(better, n),
                str(worse),
                str(same),
                pct(sw, n),
                pct(bw, n),
                f"{mean_s:.2f}/{mean_b:.2f}",
                f"{1000 * percentile(walls, 0.5):.0f}/{1000 * percentile(walls, 0.9):.0f} "
                f"({1000 * percentile(cpus, 0.5):.0f}/{1000 * percentile(cpus, 0.9):.0f})",
                f"{dev}/{decisions}",
            )
        )
        summary[cid] = {
            "games": n,
            "better": better,
            "worse": worse,
            "same": same,
            "better_ci": wilson(better, n),
            "strong_wins": sw,
            "standard_wins": bw,
            "strong_wins_ci": wilson(sw, n),
            "standard_wins_ci": wilson(bw, n),
            "mean_rank_strong": mean_s,
            "mean_rank_standard": mean_b,
            "decision_ms_median": 1000 * percentile(walls, 0.5),
            "decision_ms_p90": 1000 * percentile(walls, 0.9),
            "decision_cpu_ms_median": 1000 * percentile(cpus, 0.5),
            "decision_cpu_ms_p90": 1000 * percentile(cpus, 0.9),
            "decisions": decisions,
            "deviated": dev,
        }
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for j, r in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if j == 0:
            print("  ".join("-" * w for w in widths))
    print()
    all_walls = [x for g in games for x in g.wall]
    all_cpu = [x for g in games for x in g.cpu]
    print(
        f"All strong decisions: {len(all_walls)}; wall median "
        f"{1000 * percentile(all_walls, 0.5):.0f} ms, p90 {1000 * percentile(all_walls, 0.9):.0f}"
        f" ms; CPU median {1000 * percentile(all_cpu, 0.5):.0f} ms, p90 "
        f"{1000 * percentile(all_cpu, 0.9):.0f} ms (wall above CPU: other processes took the "
        f"core)"
    )
    print(f"Crashed: {len(crashed)}")
    for g in crashed[:5]:
        print(f"  seed {g.seed}, strong {g.strong}: {g.error}")
    print(f"Wall time: {wall:.0f} s for {len(tasks)} games")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "budget": asdict(budget),
                    "seeds": [seeds.start, seeds.stop - 1],
                    "summary": summary,
                    "games": [asdict(g) for g in games],
                },
                indent=1,
            )
        )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
