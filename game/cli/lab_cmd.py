"""`politburo lab`: the what-if lab on the command line (see game.lab and docs/lab.md).

    politburo lab --scenario succession_1924 --games 200 --what-if no_patronage -o lab.html

Plays the baseline and each what-if ``--games`` times on every core, shows a progress bar on
stderr, prints the tables on stdout (the same whatever ``--jobs``) and, with ``-o``, writes the
HTML report with its charts. Exit codes: 0 done, 1 a file could not be used or a game crashed,
2 a mistake in the command line (such as an unknown what-if).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.args import (
    PROG,
    Refused,
    UsageError,
    add_cluster_option,
    add_sweep_options,
    check_cluster,
    check_seeds,
    int_in,
    overlaid,
    playable,
    scenario_arg,
    sweep_seats,
)
from game.cli.runs import (
    crashed_exit,
    rules_compiled,
    with_progress,
    writable,
    write_output,
)

MAX_LAB_GAMES = 100_000  # per arm
MAX_SWEEP_POINTS = 101  # values in one sweep: 0 to 1 by 0.01, and no more


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `lab` command to the `politburo` command's subparsers."""
    p = subparsers.add_parser(
        "lab",
        help="what-if experiments: many AI games with and without a historical factor",
        description="Play all-AI games of a scenario as written (the baseline) and with each "
        "what-if switch the scenario defines, then compare who wins (with 95% intervals and "
        "the difference from the baseline) and when the decisive events happen. Every arm "
        "plays the same seeds; the results do not depend on --jobs.",
    )
    p.add_argument(
        "--scenario",
        type=scenario_arg,
        metavar="ID_OR_PATH",
        default=None,
        help="a scenario id or file (default: the main scenario, succession_1924)",
    )
    p.add_argument(
        "--games",
        type=int_in(1, MAX_LAB_GAMES, "the number of games"),
        default=100,
        metavar="N",
        help="games per arm (default: 100)",
    )
    p.add_argument(
        "--what-if",
        dest="what_if",
        action="extend",
        nargs="+",
        metavar="SWITCH",
        help="a what-if of the scenario, by id; give several to compare them all "
        "(default: every what-if the scenario defines)",
    )
    p.add_argument(
        "--sweep",
        action="append",
        type=_sweep,
        metavar="NAME=FROM:TO:STEP",
        help="instead of the what-ifs, play the scenario with the rule NAME at each value "
        "from FROM to TO by STEP (each value an arm, on the same seeds) and chart each "
        "contender's win share against it, such as patronage_strength=0:0.16:0.04; a "
        f"whole-number rule takes whole steps, a switch sweeps 0:1:1; at most {MAX_SWEEP_POINTS} "
        "values",
    )
    add_sweep_options(
        p, seed_help="the first game's seed; every arm plays S, S+1, ... (default: 0)"
    )
    add_cluster_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="REPORT.html",
        type=Path,
        help="also write the report, with its charts, as an HTML page",
    )
    p.add_argument(
        "--sheet",
        metavar="SHEET.html",
        type=Path,
        help="also write a one-page student sheet for the what-if (name exactly one with "
        "--what-if): the question, one chart, what the numbers say and three tasks",
    )
    return p


def _sweep(text: str):
    """An argparse type: a sweep, checked (see game.lab.sweep.parse_sweep)."""
    from game.lab.sweep import SweepError, parse_sweep

    try:
        return parse_sweep(text, MAX_SWEEP_POINTS)
    except SweepError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def run(args: argparse.Namespace) -> int:
    """Run the lab for parsed arguments; the exit code."""
    from game.check import default_jobs
    from game.content import sources
    from game.lab import lab
    from game.lab.html import render_html
    from game.lab.sheet import render_sheet
    from game.lab.sweep import SweepReport, sweep_arms
    from game.lab.sweep_html import render_sweep_html

    name = args.scenario or sources.DEFAULT_ID
    check_seeds(args)
    sweep = None
    if args.sweep:
        if len(args.sweep) > 1:
            raise UsageError("--sweep is given twice: a sweep turns one rule")
        for option, given in (("--what-if", args.what_if), ("--sheet", args.sheet)):
            if given:
                raise UsageError(f"--sweep and {option} do not go together: a sweep's arms are "
                                 "the rule's values, not what-ifs")
        sweep = args.sweep[0]
    entry = playable(name)
    scenario, seats = sweep_seats(args, entry.scenario)
    scenario = overlaid(args, scenario)
    known = [w.id for w in scenario.what_ifs]
    wanted = list(dict.fromkeys(args.what_if)) if args.what_if else [] if sweep else known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listed = ", ".join(known) if known else "it defines none"
        raise UsageError(f"unknown what-if {unknown[0]!r} for scenario {scenario.id}; its "
                         f"what-ifs are: {listed}")
    if not wanted and not sweep:
        print(f"{PROG}: note: scenario {scenario.id} defines no what-ifs: playing the baseline "
              "only", file=sys.stderr)
    if args.sheet is not None and len(wanted) != 1:
        raise UsageError(f"--sheet is for one what-if, and {len(wanted)} would be played: name "
                         f"one with --what-if (this scenario's: {', '.join(known) or 'none'})")
    inputs = {entry.path: "the scenario the lab plays"}
    if args.overlay:
        inputs[args.overlay] = "the overlay the lab reads"
    for output in (args.output, args.sheet):
        if output is not None:
            writable(output, inputs)
    check_cluster(args)
    arms = sweep_arms(scenario, sweep) if sweep else None
    jobs = min(args.jobs or default_jobs(), args.games * (len(arms) if arms else 1 + len(wanted)))
    source = name if sources.looks_like_path(name) else ""
    rules_compiled(args)
    try:
        report = with_progress(lambda bar: lab(
            scenario, wanted, args.games, seed=args.seed, difficulty=args.difficulty, jobs=jobs,
            progress=bar, source=source, cluster=args.cluster, length=args.length,
            overrides=seats, overlay=str(args.overlay or ""), arms=arms))
    except ValueError as e:  # a what-if that validation let through but cannot be applied
        raise Refused(f"cannot apply the what-ifs: {' '.join(str(e).split())}") from None
    if sweep:
        swept = SweepReport(report, sweep)
        sys.stdout.write(swept.render())
        writes = [(args.output, lambda _r: render_sweep_html(swept), "the report")]
    else:
        sys.stdout.write(report.render())
        writes = [(args.output, render_html, "the report"),
                  (args.sheet, render_sheet, "the student sheet")]
    for output, render, what in writes:
        if output is not None:
            write_output(output, render(report), inputs, what)
    return crashed_exit(len(report.crashed()))
