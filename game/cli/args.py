"""What the `politburo` command's subcommands share about their arguments: the errors that end
a command in one line, the argument types and the options of every command that plays many AI
games, and the checks that turn those options into a scenario and its seats.

Below :mod:`game.cli.main` (which builds the parser) and every ``*_cmd`` module: each imports
what it needs from here, never from another command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

PROG = "politburo"


class UsageError(Exception):
    """A mistake in the command line (exit code 2)."""


class Refused(Exception):
    """A scenario or file the command cannot use (exit code 1); its problems are printed
    already, or the message says it in one line."""


def fail(message: str) -> int:
    """Say why a file cannot be used, in one line on stderr; the exit code (1)."""
    print(f"{PROG}: {message}", file=sys.stderr)
    return 1


def warn(messages: Sequence[str]) -> None:
    """Each message as a warning line on stderr."""
    for m in messages:
        print(f"{PROG}: warning: {m}", file=sys.stderr)


MAX_SEED = 2**63 - 1
MAX_GAMES = 100_000  # `check --games`: more would take hours; the lab is for big runs
MAX_JOBS = 256
# strong looks a few turns ahead, and is slower; historical plays the scenario's record
AI_LEVELS = ("easy", "standard", "strong", "historical")
LENGTHS = ("short", "standard", "full")


def int_in(lo: int, hi: int, what: str):
    """An argparse type: a whole number from lo to hi, with a clear message otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{what} must be from {lo:,} to {hi:,}, not {value:,}")
        return value

    return parse


def scenario_arg(text: str) -> str:
    """An argparse type: a scenario id or file, never an empty one (which would mean none)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty: give a scenario id or file")
    return text


def add_sweep_options(p: argparse.ArgumentParser, seed_help: str) -> None:
    """--jobs, --seed and --difficulty, as every command that plays many AI games has them."""
    p.add_argument(
        "--jobs",
        type=int_in(1, MAX_JOBS, "the number of jobs"),
        metavar="J",
        help="games played at once, in separate processes (default: one per core); the "
        "report does not depend on it",
    )
    p.add_argument(
        "--seed", type=int_in(0, MAX_SEED, "the seed"), default=0, metavar="S", help=seed_help
    )
    p.add_argument(
        "--difficulty",
        choices=AI_LEVELS,
        default="standard",
        help="how well the AI plays (default: standard)",
    )
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="CONTENDER=DIFFICULTY",
        help="play one seat at another difficulty, such as trotsky=strong (may be repeated); "
        "the other seats play at --difficulty",
    )
    p.add_argument(
        "--length",
        choices=LENGTHS,
        default="full",
        help="the length played: short, standard or full (default: full); milestones dated "
        "after a length's end are reported as not applicable to it",
    )
    p.add_argument(
        "--overlay",
        type=Path,
        metavar="FILE",
        help="play the scenario with some of its rules set by this YAML file (such as the one "
        "politburo calibrate writes): a mapping `rules:` of rule names to values",
    )


def add_cluster_option(p: argparse.ArgumentParser) -> None:
    """--cluster, as every command that can play its games on a Dask cluster has it."""
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="play on the workers of a Dask cluster, such as tcp://10.0.0.5:8786, instead of "
        "this machine's cores (needs: pip install 'politburo[cluster]'); same results",
    )


def check_cluster(args: argparse.Namespace) -> None:
    """UsageError for a --cluster that is not a Dask scheduler's address."""
    if args.cluster is not None:
        from game.lab.runner import cluster_address_problem

        problem = cluster_address_problem(args.cluster)
        if problem:
            raise UsageError(f"--cluster: {problem}")


def check_seeds(args: argparse.Namespace) -> None:
    """UsageError when ``--seed`` plus ``--games`` would pass the largest seed."""
    if args.seed + args.games - 1 > MAX_SEED:
        raise UsageError(f"--seed plus --games must stay below {MAX_SEED + 1:,}")


def sweep_seats(args: argparse.Namespace, scenario) -> tuple[object, dict[str, str]]:
    """The scenario cut to ``--length`` and the ``--seat`` overrides (contender id ->
    difficulty) of a command that plays many AI games; UsageError for a length the scenario
    does not offer, an unknown contender or difficulty, or a seat given twice."""
    try:
        cut = scenario.with_length(args.length)
    except KeyError as e:
        raise UsageError(str(e.args[0])) from None
    ids = {c.id for c in scenario.contenders}
    seats: dict[str, str] = {}
    for text in args.seat:
        who, sep, level = text.partition("=")
        who, level = who.strip().lower(), level.strip().lower()
        if not sep or not who or not level:
            raise UsageError(f"--seat {text!r}: write CONTENDER=DIFFICULTY, such as "
                             "trotsky=strong")
        if who not in ids:
            raise UsageError(f"--seat {text!r}: no contender {who!r} in {scenario.id}; "
                             f"contenders are: {', '.join(sorted(ids))}")
        if level not in AI_LEVELS:
            raise UsageError(f"--seat {text!r}: no difficulty {level!r}; difficulties are: "
                             f"{', '.join(AI_LEVELS)}")
        if who in seats:
            raise UsageError(f"--seat: {who} is given twice")
        seats[who] = level
    return cut, seats


def overlaid(args: argparse.Namespace, scenario):
    """The scenario with the rules of ``--overlay`` (itself when there is none); Refused, in
    one line, for an overlay that cannot be used."""
    if args.overlay is None:
        return scenario
    from game.content.overlay import OverlayError, read_overlay

    try:
        return read_overlay(args.overlay).apply(scenario)
    except OverlayError as e:
        raise Refused(str(e)) from None


def playable(name: str):
    """The catalogue entry of scenario ``name`` (an id or a path), loaded, after printing its
    warnings and problems on stderr as `politburo validate` does; UsageError for an unknown
    id, Refused for a scenario with errors."""
    from game.content import sources
    from game.content.validate import format_problem, validate_paths

    catalogue = None
    if not sources.looks_like_path(name):
        catalogue = sources.discover()
        warn(catalogue.warnings)
    try:
        entry = sources.resolve(name, catalogue)
    except sources.UnknownScenario as e:
        raise UsageError(str(e)) from None
    problems, had_errors = validate_paths([str(entry.path)])
    for p in problems:  # warnings alone: likely mistakes, worth seeing beside the report
        print(format_problem(p), file=sys.stderr)
    if had_errors:
        raise Refused("")
    if entry.scenario is None:
        raise Refused(f"cannot use scenario {entry.path}: {entry.error}")
    return entry
