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
MAX_SWEEP_POINTS = 101  # values in one sweep: 0 to 1 by 0.01, and no more


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


def _sweep(text: str):
    """An argparse type: a sweep, checked (see game.lab.sweep.parse_sweep)."""
    from game.lab.sweep import SweepError, parse_sweep

    try:
        return parse_sweep(text, MAX_SWEEP_POINTS)
    except SweepError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:  # noqa: C901 - one check after another, in order
    """Run the lab for parsed arguments; the exit code."""
    from game.check import ProgressBar, default_jobs
    from game.cli.main import MAX_SEED, UsageError, overlaid, sweep_seats
    from game.content import sources
    from game.content.overlay import OverlayError
    from game.content.validate import format_problem, validate_paths
    from game.lab import lab
    from game.lab.html import render_html
    from game.lab.runner import ClusterError
    from game.lab.sheet import render_sheet
    from game.lab.sweep import SweepReport, sweep_arms
    from game.lab.sweep_html import render_sweep_html

    name = args.scenario or sources.DEFAULT_ID
    if args.seed + args.games - 1 > MAX_SEED:
        _say(f"error: --seed plus --games must stay below {MAX_SEED + 1:,}")
        return 2
    sweep = None
    if args.sweep:
        if len(args.sweep) > 1:
            _say("error: --sweep is given twice: a sweep turns one rule")
            return 2
        for option, given in (("--what-if", args.what_if), ("--sheet", args.sheet)):
            if given:
                _say(f"error: --sweep and {option} do not go together: a sweep's arms are the "
                     "rule's values, not what-ifs")
                return 2
        sweep = args.sweep[0]
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
    try:
        scenario = overlaid(args, scenario)
    except OverlayError as e:
        _say(str(e))
        return 1
    known = [w.id for w in scenario.what_ifs]
    wanted = list(dict.fromkeys(args.what_if)) if args.what_if else [] if sweep else known
    unknown = [w for w in wanted if w not in known]
    if unknown:
        listed = ", ".join(known) if known else "it defines none"
        _say(
            f"error: unknown what-if {unknown[0]!r} for scenario {scenario.id}; its what-ifs "
            f"are: {listed}"
        )
        return 2
    if not wanted and not sweep:
        _say(f"note: scenario {scenario.id} defines no what-ifs: playing the baseline only")
    if args.sheet is not None and len(wanted) != 1:
        _say(
            f"error: --sheet is for one what-if, and {len(wanted)} would be played: name one "
            f"with --what-if (this scenario's: {', '.join(known) or 'none'})"
        )
        return 2
    inputs = {entry.path: "the scenario the lab plays"}
    if args.overlay:
        inputs[args.overlay] = "the overlay the lab reads"
    for output in (args.output, args.sheet):
        problem = output and _unwritable(output, inputs)
        if problem:  # found now, not after an hour of games
            _say(f"cannot write {output}: {problem}")
            return 1
    if args.cluster is not None:
        from game.lab.runner import cluster_address_problem

        problem = cluster_address_problem(args.cluster)
        if problem:
            _say(f"error: --cluster: {problem}")
            return 2
    arms = sweep_arms(scenario, sweep) if sweep else None
    jobs = min(args.jobs or default_jobs(), args.games * (len(arms) if arms else 1 + len(wanted)))
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
            overlay=str(args.overlay or ""),
            arms=arms,
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
    if sweep:
        swept = SweepReport(report, sweep)
        sys.stdout.write(swept.render())
        writes = [(args.output, lambda _r: render_sweep_html(swept), "the report")]
    else:
        sys.stdout.write(report.render())
        writes = [(args.output, render_html, "the report"),
                  (args.sheet, render_sheet, "the student sheet")]
    for output, render, what in writes:
        if output is None:
            continue
        try:
            write_text(output, render(report), inputs=list(inputs))
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


def _unwritable(output: Path, inputs: dict[Path, str]) -> str | None:
    """Why a report cannot be written to ``output``, found before any game is played: no such
    folder, a folder, or one of the command's inputs (path -> what it is)."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        return f"no folder {folder}"
    if output.is_dir():
        return "it is a folder"
    for source, what in inputs.items():
        if same_file(output, source):
            return f"it is {what}"
    return None
