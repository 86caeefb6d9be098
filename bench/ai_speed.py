"""How long the standard AI takes to choose one contender's orders: the old AI
(``game.ai.heuristic.choose_orders`` on a view and its options) against its kernel
(``game.ai.kernels.choose_orders`` on the game's arrays), on every decision of real all-AI games.

The kernel is timed twice: called from Python, as a test calls it (the call itself, which
hands numba every array of the game, costs more than the decision), and inside a compiled loop,
as the compiled game loop will call it.

The decisions are those of ``--games`` all-AI games of the scenario (the games of ``politburo
play --auto --seed N``): every turn, every contender who has options. Both AIs are timed on the
same decisions with the same seeds, the view, the options and the arrays made beforehand (the
engine makes them for either); the kernel is given a generator made beforehand too (in a game it
draws from the game's own). The kernel is compiled before timing (the first call prints how long
that took; the compiled code is cached on disk). Every decision's orders are compared: the
figures count only if both AIs chose the same.

    python bench/ai_speed.py                       # succession_1924, 5 games, both difficulties
    python bench/ai_speed.py --scenario tutorial --games 20 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))  # the tests' converters from the old engine (until it makes arrays)

from common import ai_seed, load, play  # noqa: E402

from game.ai import kernels  # noqa: E402
from game.ai.heuristic import NOISE, choose_orders  # noqa: E402
from game.ai.tables import ai_tables  # noqa: E402
from game.engine import Action, Match, apply_turn, legal_actions, view  # noqa: E402
from game.engine.compile import compiled  # noqa: E402
from game.rules.jit import COMPILED, WHY_INTERPRETED, kernel  # noqa: E402
from tests.core.menus import option_arrays  # noqa: E402
from tests.core.oracle import arrays  # noqa: E402


def decisions(scenario, games: int) -> list[tuple]:
    """(view, options, state arrays, me, options array, odds, seed) of every decision."""
    out = []
    for seed in range(1, games + 1):
        match = play(scenario, seed)
        state = Match.start(scenario, seed).state
        for turn_orders in match.orders:
            s = arrays(state)
            for seat, c in enumerate(scenario.contenders):
                options = legal_actions(state, c.id)
                if options:
                    rows, odds = option_arrays(scenario, options)
                    out.append((view(state, c.id), options, s, seat, rows, odds,
                                ai_seed(seed, state.turn, seat)))
            orders = {c: [Action.parse(a) for a in acts] for c, acts in turn_orders.items()}
            state = apply_turn(state, orders).state
    return out


@kernel
def decide_often(s, t, ai, me, rows, odds, noise, rng, times):
    """The kernel's decision ``times`` over, from compiled code."""
    chosen = 0
    for _ in range(times):
        chosen += kernels.choose_orders(s, t, ai, me, rows, odds, noise, rng).shape[0]
    return chosen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", default="succession_1924")
    ap.add_argument("--games", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3, help="time every decision this often")
    ap.add_argument("--inner", type=int, default=200,
                    help="decisions per call of the compiled loop")
    args = ap.parse_args(argv)
    if not COMPILED:
        args.inner = 1  # the interpreted kernels are slow: time them once a decision
    scenario = load(args.scenario)
    t, ai = compiled(scenario).tables, ai_tables(scenario)
    print("kernels:", "compiled (numba)" if COMPILED else f"interpreted ({WHY_INTERPRETED})")
    cases = decisions(scenario, args.games)
    print(f"{len(cases)} decisions from {args.games} games of {args.scenario}")
    v0, _, s0, me0, rows0, odds0, _ = cases[0]
    start = time.perf_counter()
    kernels.choose_orders(s0, t, ai, me0, rows0, odds0, 0.3, np.random.default_rng(0))
    print(f"first call (compiles, or loads the cache): {time.perf_counter() - start:.2f} s")
    decide_often(s0, t, ai, me0, rows0, odds0, 0.3, np.random.default_rng(0), 1)
    for difficulty, noise in NOISE.items():
        old_times, new_times, agree = [], [], 0
        for _ in range(args.repeat):
            old_total = new_total = 0.0
            rngs = [np.random.default_rng(case[-1]) for case in cases]
            for (v, options, s, me, rows, odds, seed), rng in zip(cases, rngs, strict=True):
                a = time.perf_counter()
                old = choose_orders(v, options, difficulty=difficulty, seed=seed)
                b = time.perf_counter()
                chosen = kernels.choose_orders(s, t, ai, me, rows, odds, noise, rng)
                c = time.perf_counter()
                old_total += b - a
                new_total += c - b
                agree += old == [options[i].action for i in chosen]
            old_times.append(old_total / len(cases))
            new_times.append(new_total / len(cases))
        rng = np.random.default_rng(0)
        inner = []
        for _ in range(args.repeat):
            a = time.perf_counter()
            for _, _, s, me, rows, odds, _ in cases:
                decide_often(s, t, ai, me, rows, odds, noise, rng, args.inner)
            inner.append((time.perf_counter() - a) / (len(cases) * args.inner))
        old_us, new_us = statistics.median(old_times) * 1e6, statistics.median(new_times) * 1e6
        loop_us = statistics.median(inner) * 1e6
        print(f"{difficulty}: same orders in {agree} of {len(cases) * args.repeat} decisions")
        print(f"  old choose_orders:          {old_us:8.2f} us a decision")
        print(f"  kernel called from Python:  {new_us:8.2f} us ({old_us / new_us:.1f}x)")
        print(f"  kernel in a compiled loop:  {loop_us:8.2f} us ({old_us / loop_us:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
