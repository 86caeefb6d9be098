"""`politburo calibrate`: fit a scenario's rules to its milestones (see game.lab.calibrate and
docs/lab.md).

    politburo calibrate succession_1924 --games 40 --budget 100

Plays each candidate's games on every core (or a Dask cluster) with a progress bar on stderr,
prints the milestones before and after with the fitted values on stdout, and writes them as a
rules overlay (``-o``, default ``SCENARIO.calibrated.yaml`` here) that ``politburo check
--overlay`` and ``politburo lab --overlay`` play. Exit codes: 0 done, 1 a file could not be
used or a game crashed, 2 a mistake in the command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.cli.args import (
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

MAX_GAMES = 10_000  # per candidate
MAX_BUDGET = 10_000  # candidates
# The rules that move the main scenario's milestones most, and the bounds a calibration keeps
# them in unless --tune says otherwise: the pull of patronage and of power bases lost, how fast
# followings fade, how far members resist a charge without a case, the pull of the mood, and
# how closely the Politburo's notables follow the Central Committee.
DEFAULT_TUNE: tuple[tuple[str, float, float], ...] = (
    ("patronage_strength", 0.01, 0.15),
    ("loyalty_fade", 0.0, 0.1),
    ("case_weight", 0.0, 5.0),
    ("base_loss", 0.0, 0.6),
    ("ideology_pull", 0.0, 0.08),
    ("notable_drift", 0.0, 1.0),
)


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `calibrate` command to the `politburo` command's subparsers."""
    defaults = ", ".join(f"{n}={lo:g}:{hi:g}" for n, lo, hi in DEFAULT_TUNE)
    p = subparsers.add_parser(
        "calibrate",
        help="fit a scenario's rules to its milestones; write them as an overlay",
        description="Fit some of a scenario's rules to its milestones: play all-AI games with "
        "candidate values chosen by CMA-ES (each candidate on the same seeds), score how far "
        "the milestones fall from history's turns (docs/lab.md says how), print the milestones "
        "before and after, and write the best values as a rules overlay to review, try with "
        "politburo check --overlay, and copy into the scenario's rules.",
    )
    p.add_argument("scenario", type=scenario_arg, metavar="FILE_OR_ID",
                   help="a scenario file or id; it needs milestones")
    p.add_argument(
        "--tune",
        action="append",
        type=_tune,
        metavar="NAME=LOW:HIGH",
        help="a rule to fit, and the bounds to keep it in (repeat for each rule; a number or "
        f"whole-number rule of the scenario format). Default: {defaults}",
    )
    p.add_argument(
        "--games",
        type=int_in(1, MAX_GAMES, "the number of games"),
        default=40,
        metavar="N",
        help="games per candidate, the same seeds for every candidate (default: 40)",
    )
    p.add_argument(
        "--budget",
        type=int_in(1, MAX_BUDGET, "the budget"),
        default=100,
        metavar="B",
        help="candidates to play at most, the scenario's own values first (default: 100); the "
        "games played are about B x N",
    )
    add_sweep_options(
        p, seed_help="the first game's seed, and the search's; every candidate plays S, S+1, "
        "... (default: 0)"
    )
    add_cluster_option(p)
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="where to write the overlay (default: SCENARIO.calibrated.yaml in this folder)",
    )
    return p


def _tune(text: str):
    """An argparse type: a rule to fit (see game.lab.calibrate.parse_tune)."""
    from game.lab.calibrate import TuneError, parse_tune

    try:
        return parse_tune(text)
    except TuneError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def run(args: argparse.Namespace) -> int:
    """Run a calibration for parsed arguments; the exit code."""
    from game.check import default_jobs
    from game.content import sources
    from game.content.overlay import read_overlay
    from game.lab.calibrate import calibrate, overlay_file, render, tuned

    check_seeds(args)
    tune = args.tune or [tuned(*row) for row in DEFAULT_TUNE]
    names = [t.name for t in tune]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"--tune: {twice[0]} is given twice")
    entry = playable(args.scenario)
    scenario, seats = sweep_seats(args, entry.scenario)
    scenario = overlaid(args, scenario)
    applicable = [m for m in scenario.milestones
                  if scenario.calendar.turn_of(m.when) < scenario.calendar.turns]
    if not applicable:
        what = "has no milestones" if not scenario.milestones else (
            f"has no milestones within its {args.length} length")
        raise UsageError(f"scenario {scenario.id} {what}: calibration fits rules to them "
                         "(see docs/modding.md, milestones)")
    output = args.output or Path(f"{scenario.id}.calibrated.yaml")
    inputs = {entry.path: "the scenario calibrated"}
    if args.overlay:
        inputs[args.overlay] = "the overlay it starts from"
    writable(output, inputs)
    check_cluster(args)
    source = args.scenario if sources.looks_like_path(args.scenario) else ""
    again = " ".join(_options(args, source or scenario.id, tune))
    try_it = " ".join([f"politburo check {source or scenario.id} --overlay {output}",
                       f"--seed {args.seed + 1000} --games 200",
                       *_played_as(args)])
    jobs = args.jobs or default_jobs()
    rules_compiled(args)
    result = with_progress(lambda bar: calibrate(
        scenario, tune, args.games, args.budget, seed=args.seed, difficulty=args.difficulty,
        jobs=jobs, progress=bar, cluster=args.cluster, overrides=seats))
    sys.stdout.write(render(result, again, try_it, source=source,
                            overlay=str(args.overlay or "")))
    kept = read_overlay(args.overlay).rules if args.overlay else {}
    text = overlay_file(result, again, try_it, kept, str(args.overlay or ""))
    write_output(output, text, inputs, "the fitted values")
    return crashed_exit(len(result.crashed()))

def _played_as(args: argparse.Namespace) -> list[str]:
    """The options that fix how the games are played, as typed again."""
    parts = []
    if args.difficulty != "standard":
        parts.append(f"--difficulty {args.difficulty}")
    parts += [f"--seat {s}" for s in args.seat]
    if args.length != "full":
        parts.append(f"--length {args.length}")
    return parts


def _options(args: argparse.Namespace, scenario: str, tune) -> list[str]:
    """The command that makes this calibration again."""
    parts = [f"politburo calibrate {scenario}",
             *[f"--tune {t.name}={t.bounds().replace(' to ', ':')}" for t in tune],
             f"--games {args.games}", f"--budget {args.budget}", f"--seed {args.seed}",
             *_played_as(args)]
    if args.overlay:
        parts.append(f"--overlay {args.overlay}")
    return parts
