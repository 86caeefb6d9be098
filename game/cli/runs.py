"""What the commands that play many AI games (`check`, `lab`, `calibrate`) do around the play:
the rules compiled first, a progress bar while the games run, a report written only where it
may be, and the exit code when games crashed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from game.cli.args import PROG, Refused

T = TypeVar("T")


def writable(output: Path, inputs: dict[Path, str]) -> None:
    """Refused, before any game is played, when a report cannot be written to ``output``: no
    such folder, a folder, or one of the command's inputs (path -> what it is)."""
    from game.files import same_file

    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise Refused(f"cannot write {output}: no folder {folder}")
    if output.is_dir():
        raise Refused(f"cannot write {output}: it is a folder")
    for source, what in inputs.items():
        if same_file(output, source):
            raise Refused(f"cannot write {output}: it is {what}")


def rules_compiled(args: argparse.Namespace) -> None:
    """Before a command plays its many games here: the rules compiled for this machine if
    they never were (once, with a progress bar; not for a --cluster's games), or one line
    saying why they run as plain Python when numba cannot be used. Refused if compiling
    fails."""
    from game import warm
    from game.check import ProgressBar
    from game.rules import jit

    if args.compile_first and not getattr(args, "cluster", None) and jit.COMPILED:
        print(f"{PROG}: compiling the rules for this machine (once, about {warm.MINUTES} "
              "minutes)...", file=sys.stderr)
        bar = ProgressBar(sys.stderr, unit="steps", ticking=True)
        try:
            done = warm.compile_first(bar)
        except KeyboardInterrupt:
            bar.clear()
            raise
        if not done.ready:
            bar.clear()
            raise Refused(f"compiling the rules failed: {done.problem} (the log: "
                          f"{warm.log_path()})")
    said_interpreted(warm.why_interpreted())


def said_interpreted(why: str | None) -> None:
    """One line on stderr when the rules run as plain Python because numba cannot be used."""
    if why:
        print(f"{PROG}: {why}: the rules run as plain Python (slower)", file=sys.stderr)


def with_progress(play: Callable[[Callable[[int, int], None]], T]) -> T:
    """``play(progress)`` with a progress bar on stderr: its line is ended on Ctrl-C, and a
    Dask cluster that cannot be used is Refused in one line."""
    from game.check import ProgressBar
    from game.lab.runner import ClusterError

    bar = ProgressBar(sys.stderr)
    try:
        return play(bar)
    except KeyboardInterrupt:
        bar.clear()
        raise
    except ClusterError as e:
        bar.clear()
        raise Refused(str(e)) from None


def write_output(output: Path, text: str, inputs: dict[Path, str], what: str) -> None:
    """Write a report (never over an input), then say so on stderr; Refused if it cannot."""
    from game.files import write_text

    try:
        write_text(output, text, inputs=list(inputs))
    except OSError as e:
        raise Refused(f"cannot write {output}: {e.strerror or e}") from None
    print(f"{PROG}: wrote {what} to {output}", file=sys.stderr)


def crashed_exit(crashed: int) -> int:
    """The exit code after a run in which ``crashed`` games crashed, said on stderr."""
    if not crashed:
        return 0
    print(f"{PROG}: {crashed} game{'s' * (crashed > 1)} crashed (see the report)",
          file=sys.stderr)
    return 1
