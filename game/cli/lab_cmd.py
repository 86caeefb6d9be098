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

from game.files import same_file, write_text

PROG = "politburo"
MAX_LAB_GAMES = 100_000  # per arm


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `lab` command to the `politburo` command's subparsers."""
    from game.cli.main import _int_in, add_sweep_options, scenario_arg

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
        type=_int_in(1, MAX_LAB_GAMES, "the number of games"),
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
    add_sweep_options(
        p, seed_help="the first game's seed; every arm plays S, S+1, ... (default: 0)"
    )
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="play on the workers of a Dask cluster, such as tcp://10.0.0.5:8786, instead of "
        "this machine's cores (needs: pip install 'politburo[cluster]'); same results",
    )
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


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Run the lab for parsed arguments; the exit code."""
    from game.check import ProgressBar, default_jobs
    from game.cli.main import MAX_SEED, UsageError, sweep_seats
    from game.content import sources
    from game.content.validate import format_problem, validate_paths
    from game.lab import lab
    from game.lab.html import render_html
    from game.lab.runner import ClusterError
    from game.lab.sheet import render_sheet

    name = args.scenario or sources.DEFAULT_ID
    if args.seed + args.games - 1 > MAX_SEED:
        _say(f"error: --seed plus --games must stay below {MAX_SEED + 1:,}")
        return 2
    catalogue = None
    if not sources.looks_like_path(name):
        catalogue = sources.discover()
        for w in catalogue.warnings:
            _say(f"warning: {w}")
    try:
        entry = sources.resolve(name, catalogue)
    except sources.UnknownScenario as e:
        _say(f"error: {e}")
        return 2
    problems, had_errors = validate_paths([str(entry.path)])
    for p in problems:
        print(format_problem(p), file=sys.stderr)
    if had_errors:
        return 1
    if entry.scenario is None:
        _say(f"cannot use scenario {entry.path}: {entry.error}")
        return 1
    try:
        scenario, seats = sweep_seats(args, entry.scenario)
    except UsageError as e:
        _say(f"error: {e}")
        return 2
    known = [w.id for w in scenario.what_ifs]
    wanted = list(dict.fromkeys(args.what_if)) if args.what_if else known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listed = ", ".join(known) if known else "it defines none"
        _say(
            f"error: unknown what-if {unknown[0]!r} for scenario {scenario.id}; its what-ifs "
            f"are: {listed}"
        )
        return 2
    if not wanted:
        _say(f"note: scenario {scenario.id} defines no what-ifs: playing the baseline only")
    if args.sheet is not None and len(wanted) != 1:
        _say(
            f"error: --sheet is for one what-if, and {len(wanted)} would be played: name one "
            f"with --what-if (this scenario's: {', '.join(known) or 'none'})"
        )
        return 2
    for output in (args.output, args.sheet):
        if output is None:
            continue
        folder = output.parent if str(output.parent) else Path(".")
        if not folder.is_dir():
            _say(f"cannot write {output}: no folder {folder}")
            return 1
        if output.is_dir():
            _say(f"cannot write {output}: it is a folder")
            return 1
        if same_file(output, entry.path):  # found now, not after an hour of games
            _say(f"cannot write {output}: it is the scenario the lab plays")
            return 1
    if args.cluster is not None:
        from game.lab.runner import cluster_address_problem

        problem = cluster_address_problem(args.cluster)
        if problem:
            _say(f"error: --cluster: {problem}")
            return 2
    arms = 1 + len(wanted)
    jobs = min(args.jobs or default_jobs(), args.games * arms)
    bar = ProgressBar(sys.stderr)
    try:
        report = lab(
            scenario,
            wanted,
            args.games,
            seed=args.seed,
            difficulty=args.difficulty,
            jobs=jobs,
            progress=bar,
            source=name if sources.looks_like_path(name) else "",
            cluster=args.cluster,
            length=args.length,
            overrides=seats,
        )
    except KeyboardInterrupt:
        bar.clear()
        raise
    except ClusterError as e:
        bar.clear()
        _say(str(e))
        return 1
    except ValueError as e:  # a what-if that validation let through but cannot be applied
        _say(f"cannot apply the what-ifs: {' '.join(str(e).split())}")
        return 1
    sys.stdout.write(report.render())
    for output, render, what in (
        (args.output, render_html, "the report"),
        (args.sheet, render_sheet, "the student sheet"),
    ):
        if output is None:
            continue
        try:
            write_text(output, render(report), inputs=[entry.path])
        except OSError as e:
            _say(f"cannot write {output}: {e.strerror or e}")
            return 1
        _say(f"wrote {what} to {output}")
    crashed = report.crashed()
    if crashed:
        n = len(crashed)
        _say(f"{n} game{'s' * (n > 1)} crashed (see the report)")
        return 1
    return 0
