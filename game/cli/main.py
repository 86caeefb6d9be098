"""The `politburo` command: argument parsing and dispatch to the subcommands.

Every failure a user can cause (bad arguments, unknown ids, broken scenario or save files) ends
in one line on stderr and a non-zero exit: 2 for usage mistakes, 1 for files that cannot be
used. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path

PROG = "politburo"


class UsageError(Exception):
    """A mistake in the command line (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Politburo: the struggle for Lenin's succession, "
        "1924-1929. With no command, plays in the terminal.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser(
        "play",
        help="play a game (in the terminal with --text)",
        description="Play a game. Seats you do not play are played by the AI.",
    )
    play.add_argument(
        "--text", action="store_true", help="play in the terminal (the only mode for now)"
    )
    play.add_argument(
        "--auto",
        action="store_true",
        help="the AI plays every seat; prints a per-turn log and the outcome",
    )
    play.add_argument(
        "--seed", type=int, metavar="N", help="fix the game's chance (default: random)"
    )
    play.add_argument(
        "--scenario", metavar="ID_OR_PATH", help="a shipped scenario id or a scenario file"
    )
    play.add_argument("--contender", metavar="ID", help="the contender you play (skips the choice)")
    play.add_argument(
        "--difficulty",
        choices=("easy", "standard"),
        help="how well the AI plays (default: standard)",
    )
    play.add_argument(
        "--save", metavar="PATH", type=Path, help="save here when the game ends or is interrupted"
    )
    play.add_argument("--load", metavar="PATH", type=Path, help="resume a saved game")
    play.add_argument("--no-autosave", action="store_true", help="do not autosave after each turn")

    val = sub.add_parser(
        "validate",
        help="check scenario files",
        description="Check scenario files and list every problem found.",
    )
    val.add_argument("files", nargs="+", metavar="FILE")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `politburo` console script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = ["play", "--text", *args_list]
    try:
        try:
            args = build_parser().parse_args(args_list)
        except SystemExit as e:  # --help printed its text
            return int(e.code or 0)
        if args.command == "validate":
            return cmd_validate(args.files)
        return cmd_play(args)
    except UsageError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`politburo play --auto | head`): point stdout at nothing so
        # the interpreter's final flush does not complain, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def cmd_validate(files: Sequence[str]) -> int:
    """Load each scenario file; print `path: ok` or every problem; 1 if any failed."""
    from game.content.loader import ScenarioError, load_scenario

    failed = 0
    for f in files:
        try:
            load_scenario(f)
        except ScenarioError as e:
            failed += 1
            for problem in e.problems:
                print(f"{f}: {problem}")
        else:
            print(f"{f}: ok")
    return 1 if failed else 0


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 1


def cmd_play(args: argparse.Namespace) -> int:
    """Set up (new or loaded) and play a game in the terminal."""
    from game import saves
    from game.cli.textplay import (
        Console,
        EndOfInput,
        QuitRequested,
        Session,
        date_line,
        pick_contender,
        pick_scenario,
        render_intro,
    )
    from game.content.loader import ScenarioError, find_scenario, load_scenario, shipped_scenarios
    from game.engine import Match, view

    if args.auto and args.contender:
        raise UsageError("--auto plays every seat by AI, so --contender cannot be used with it")
    if args.load and args.seed is not None:
        raise UsageError("--seed cannot be used with --load: the save fixes the seed")
    con = Console.of(sys.stdout, sys.stdin)

    try:
        path = find_scenario(args.scenario) if args.scenario else None
    except ScenarioError as e:
        raise UsageError(f"unknown scenario {args.scenario!r}: {e.problems[0]}") from None
    try:
        save = saves.load_save(args.load) if args.load else None
        if path is None and save is not None:
            try:
                path = find_scenario(save.scenario_id)
            except ScenarioError:
                return _fail(
                    f"this save is for scenario {save.scenario_id!r}, which is not installed; "
                    "give its file with --scenario"
                )
        if path is None:
            shipped = shipped_scenarios()
            if not shipped:
                return _fail("no scenarios are installed")
            default = [p for p in shipped if p.stem == "succession_1924"]
            path = (default or shipped)[0] if args.auto or len(shipped) == 1 else None
            scenario = load_scenario(path) if path else pick_scenario(con, shipped)
        else:
            scenario = load_scenario(path)
    except ScenarioError as e:
        return _fail(f"cannot use scenario {e.path}: {'; '.join(e.problems)}")
    except saves.SaveError as e:
        return _fail(str(e))
    except (EndOfInput, QuitRequested):
        return 0

    ids = [c.id for c in scenario.contenders]
    if args.contender and args.contender not in ids:
        raise UsageError(
            f"unknown contender {args.contender!r}; in {scenario.id} they are: {', '.join(ids)}"
        )

    try:
        if save is not None:
            match = saves.resume(save, scenario)
            humans = [] if args.auto else ([args.contender] if args.contender else save.humans)
            difficulty = args.difficulty or save.difficulty
            at = date_line(view(match.state, scenario.contenders[0].id))
            con.say(f"Resumed {scenario.title} at {at}, seed {save.seed}.")
        else:
            seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
            match = Match.start(scenario, seed)
            difficulty = args.difficulty or "standard"
            humans = []
            con.say(render_intro(scenario))
            con.say(f"Seed {seed} (play this game again with --seed {seed}).")
            if not args.auto:
                playable = {c.id for c in scenario.contenders if c.playable}
                if args.contender and args.contender not in playable:
                    raise UsageError(
                        f"{args.contender!r} is not a playable contender in {scenario.id}"
                    )
                humans = [args.contender or pick_contender(con, scenario)]
    except saves.SaveError as e:
        return _fail(str(e))
    except (EndOfInput, QuitRequested):
        return 0

    session = Session(
        match,
        con,
        humans,
        difficulty,
        save_path=args.save,
        autosave=not args.no_autosave and bool(humans),
    )
    return session.run()


if __name__ == "__main__":
    sys.exit(main())
