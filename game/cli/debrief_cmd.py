"""`politburo debrief`: the debrief of one saved game (the full report, or with `--handout` the
two-page handout; `--teacher` adds model answers and the mark scheme), or with `--class` the
summary of many (with `--slide`, one page for the projector), as one self-contained HTML file.

A game of any lesson length is debriefed; a game stopped early is debriefed as far as it got,
and the command says so. Exit codes follow the rest of the command: 2 for a mistake in the
command line, 1 for a file that cannot be used (an unreadable save, a scenario that is not
installed, an output that cannot be written). In a class summary, saves that cannot be counted
are skipped and listed with the reason instead.
"""

from __future__ import annotations

import argparse
import glob
import os
import sys
from collections import Counter
from pathlib import Path

from game.cli.args import PROG, UsageError, fail, scenario_arg
from game.files import write_text

GLOB_CHARS = set("*?[")


def add_parser(subparsers) -> argparse.ArgumentParser:
    """Add the `debrief` command to the `politburo` parser's subcommands."""
    p = subparsers.add_parser(
        "debrief",
        help="write the debrief of a saved game, or a class summary of many, as HTML",
        description="Write the debrief of one game of any length (its outcome, the game beside "
        "history, turning points, the factors' shares, support over time, every vote and 'how "
        "far' questions), or with --class a summary of many games of one scenario. The report "
        "is one HTML file that needs no network and prints on A4 or Letter: at most 8 pages, "
        "or 2 with --handout. A game stopped early is debriefed as far as it got.",
    )
    p.add_argument(
        "saves",
        nargs="+",
        metavar="SAVE",
        help="a save file; with --class, any number of save files or folders of them",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the HTML file to write ('-': print)"
    )
    p.add_argument(
        "--class",
        dest="class_summary",
        action="store_true",
        help="summarise many games: outcomes, common turning points, factors, closest to and "
        "furthest from history; saves that cannot be counted are listed, not fatal",
    )
    p.add_argument(
        "--handout",
        action="store_true",
        help="the two-page handout for a student (outcome, the game beside history, three "
        "turning points, the factors, three questions) instead of the full report",
    )
    p.add_argument(
        "--teacher",
        action="store_true",
        help="the teacher's copy: add a model answer and the mark scheme for each question",
    )
    p.add_argument(
        "--slide",
        action="store_true",
        help="with --class: one page for the projector, the class's outcomes in one large chart",
    )
    p.add_argument(
        "--scenario",
        type=scenario_arg,
        metavar="ID_OR_PATH",
        help="the scenario the saves were played in (default: the one each save names; with "
        "--class, the one most saves name)",
    )
    return p


def run(args: argparse.Namespace) -> int:
    """Carry out `politburo debrief`; returns the exit code."""
    if not args.output.strip():
        raise UsageError("the output file name is empty")
    folder = Path(args.output).parent
    if args.output != "-" and not folder.is_dir():
        return fail(f"cannot write {args.output}: there is no folder {folder}")
    if args.class_summary:
        if args.handout or args.teacher:
            raise UsageError("--handout and --teacher are for the debrief of one game, not --class")
        return _run_class(args)
    if args.slide:
        raise UsageError("--slide is for a class summary: add --class")
    if len(args.saves) != 1:
        raise UsageError(
            f"{len(args.saves)} saves given: a debrief is of one game; add --class for a class "
            "summary of many"
        )
    path = Path(args.saves[0])
    if path.is_dir():
        raise UsageError(f"{path} is a folder: add --class for a class summary of the saves in it")
    return _run_one(path, args)


def _scenario_for(name: str | None, save_id: str):
    """The entry of the loaded scenario named on the command line (an id or a path), else of the
    one a save names by its id (never opened as a path); raises LookupError saying why not."""
    from game.content import sources

    try:
        if name is None:
            entry = sources.resolve_id(save_id)
        else:
            entry = sources.resolve(name)
    except sources.UnknownScenario as e:
        raise LookupError(str(e)) from None
    if entry.scenario is None:
        raise LookupError(f"cannot use scenario {entry.path}: {entry.error}")
    return entry


def _write(output: str, text: str, inputs: list[Path]) -> str | None:
    """Write the report (never over one of ``inputs``); the error message if it cannot be."""
    if output == "-":
        sys.stdout.write(text)
        return None
    p = Path(output)
    try:
        write_text(p, text, inputs=inputs)
    except OSError as e:
        return f"cannot write {p}: {e.strerror or e}"
    return None


def _run_one(path: Path, args: argparse.Namespace) -> int:
    from game import saves
    from game.debrief import DebriefError, debrief, render_debrief, render_handout
    from game.teacher import TeacherDataError

    try:
        save = saves.load_save(path)
    except saves.SaveError as e:
        return fail(str(e))
    try:
        entry = _scenario_for(args.scenario, save.scenario_id)
    except LookupError as e:
        hint = "" if args.scenario else "; give its file with --scenario"
        return fail(f"{path}: {e}{hint}")
    scenario = entry.scenario
    try:
        match = saves.resume(save, scenario)
        report = debrief(match, save.humans, save.length, save.names)
    except (saves.SaveError, DebriefError, TeacherDataError) as e:
        return fail(f"{path}: {e}")
    render = render_handout if args.handout else render_debrief
    problem = _write(args.output, render(report, teacher=args.teacher), [path, entry.path])
    if problem:
        return fail(problem)
    if not report.finished:
        print(
            f"{PROG}: note: {path} was stopped after {report.turns} of {report.length_turns} "
            f"turns ({report.end_date}); the debrief covers what was played. Finish it with "
            f"`{PROG} play --text --load {path}`",
            file=sys.stderr,
        )
    if args.output != "-":
        who = report.focus[0]
        o = report.outcome_of(who)
        kind = "handout" if args.handout else "debrief"
        copy = " (teacher's copy)" if args.teacher else ""
        print(
            f"Wrote the {kind}{copy} of {path} ({report.contender(who).short}: {o.name}) to "
            f"{args.output}"
        )
    return 0


def _expand(names: list[str]) -> list[Path]:
    """Save paths from the arguments: folders give the .json files directly inside them (sorted),
    patterns the shell did not expand are expanded here; duplicates of a path are dropped."""
    out: list[Path] = []
    for name in names:
        p = Path(name)
        if not p.exists() and GLOB_CHARS & set(name):
            matched = sorted(glob.glob(name))
            out += [Path(m) for m in matched] if matched else [p]
        elif p.is_dir():
            try:
                out += sorted(x for x in p.iterdir() if x.suffix.lower() == ".json" and x.is_file())
            except OSError:
                out.append(p)
        else:
            out.append(p)
    seen: set[str] = set()
    unique = []
    for p in out:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _run_class(args: argparse.Namespace) -> int:
    from game import saves
    from game.debrief import class_summary, render_class, render_slide
    from game.teacher import TeacherDataError

    paths = _expand(args.saves)
    read: list[tuple[str, saves.SaveFile | str]] = []
    for p in paths:
        try:
            read.append((str(p), saves.load_save(p)))
        except saves.SaveError as e:
            read.append((str(p), _reason(str(e), str(p))))
    parsed = [s for _, s in read if not isinstance(s, str)]
    if not parsed and not args.scenario:
        for p, why in read:
            print(f"{PROG}: skipped {p}: {why}", file=sys.stderr)
        return fail(
            f"none of the {len(read)} file{'s' * (len(read) != 1)} given is a readable save"
        )
    most = Counter(s.scenario_id for s in parsed).most_common(1)[0][0] if parsed else ""
    try:
        entry = _scenario_for(args.scenario, most)
    except LookupError as e:
        hint = "" if args.scenario else "; give its file with --scenario"
        return fail(f"{e}{hint}")
    scenario = entry.scenario
    try:
        summary = class_summary(read, scenario)
    except TeacherDataError as e:
        return fail(str(e))
    for s in summary.skipped:
        print(f"{PROG}: skipped {s.path}: {s.reason}", file=sys.stderr)
    if summary.games == 0:
        return fail(
            f"no finished game of scenario {scenario.id!r} could be counted among the "
            f"{len(read)} file{'s' * (len(read) != 1)} given"
        )
    problem = _write(
        args.output, (render_slide if args.slide else render_class)(summary), [*paths, entry.path]
    )
    if problem:
        return fail(problem)
    if args.output != "-":
        skipped = len(summary.skipped)
        kind = "class slide" if args.slide else "class summary"
        print(
            f"Wrote the {kind} of {summary.games} game{'s' * (summary.games != 1)} of "
            f"{scenario.title} to {args.output}"
            + (f" ({skipped} file{'s' * (skipped != 1)} skipped)" if skipped else "")
        )
    return 0


def _reason(message: str, path: str) -> str:
    """A SaveError's message without the path it starts with (the report shows the path)."""
    for prefix in (f"{path}: ", f"{Path(path)}: "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
