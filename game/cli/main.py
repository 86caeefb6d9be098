"""The `politburo` command: argument parsing and dispatch to the subcommands.

Every failure a user can cause (bad arguments, unknown ids, broken scenario or save files) ends
in one line on stderr and a non-zero exit: 2 for usage mistakes, 1 for files that cannot be
used. No traceback reaches the user.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from game import paths
from game.cli.args import (
    AI_LEVELS,
    LENGTHS,
    MAX_GAMES,
    MAX_SEED,
    PROG,
    Refused,
    UsageError,
    add_sweep_options,
    check_seeds,
    fail,
    int_in,
    overlaid,
    playable,
    scenario_arg,
    sweep_seats,
    warn,
)
from game.cli.runs import crashed_exit, rules_compiled, said_interpreted, with_progress

if TYPE_CHECKING:
    from game.net.report import Reporter


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stop as Ctrl-C does (a game in the terminal is saved first)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

MANY_GAMES = ("check", "lab", "calibrate")  # commands that compile the rules before they play


def _stop(signum: int, frame: object) -> None:
    raise Terminated(signum)


@contextmanager
def _signals_stop_like_ctrl_c() -> Iterator[None]:
    """Within, SIGTERM and SIGHUP (a closed terminal, a shutdown, `kill`) raise
    :class:`Terminated`, so they unwind like Ctrl-C: temporary files cleaned up, the game saved.
    The handlers before are put back after (main() also runs inside tests)."""
    import signal
    import threading

    wanted = [getattr(signal, n) for n in ("SIGTERM", "SIGHUP") if hasattr(signal, n)]
    if threading.current_thread() is not threading.main_thread():
        wanted = []
    before = {signum: signal.signal(signum, _stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _usable_streams() -> None:
    """Standard streams that cannot fail: a closed one reads as empty or writes to nothing, and
    text that the terminal cannot show (a file name that is not UTF-8) is escaped, not fatal."""
    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        stream = getattr(sys, name)
        if stream is None:
            setattr(sys, name, open(os.devnull, mode, encoding="utf-8"))  # noqa: SIM115
        elif name != "stdin" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake in one line instead of a usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


def _name(text: str) -> str:
    """An argparse type: a player's name as a save keeps it."""
    from game.saves import player_name

    try:
        return player_name(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r}: {e}") from None


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Politburo: the struggle for Lenin's succession, "
        "1924-1929. With no command, opens the game window.",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    play = sub.add_parser(
        "play",
        help="play a game (in the window; in the terminal with --text)",
        description="Play a game, in the window or with --text in the terminal. Seats you do "
        "not play are played by the AI.",
    )
    play.add_argument(
        "--text", action="store_true", help="play in the terminal instead of the window"
    )
    play.add_argument(
        "--auto",
        action="store_true",
        help="the AI plays every seat; prints a per-turn log and the outcome",
    )
    play.add_argument(
        "--debug",
        action="store_true",
        help="with --text: open the debug console for modders (type : and a command at the "
        "prompt, :help lists them): fire events, set values, jump to a turn, print the state; "
        "the save and the debrief say the game was changed",
    )
    play.add_argument(
        "--seed",
        type=int_in(0, MAX_SEED, "the seed"),
        metavar="N",
        help="fix the game's chance (default: random)",
    )
    play.add_argument(
        "--scenario",
        type=scenario_arg,
        metavar="ID_OR_PATH",
        help="a scenario id (shipped, or one of yours in the scenarios folder of the game's "
        "data folder) or a scenario file (default: choose from a menu; with --auto or "
        "--contender, the main scenario)",
    )
    play.add_argument(
        "--contender",
        metavar="ID",
        action="append",
        help="the contender you play, by id or name in any case (skips the choice); give it "
        "again for each further person at this computer (hotseat: they take turns, each seeing "
        "only their own secrets)",
    )
    play.add_argument(
        "--name",
        metavar="NAME",
        action="append",
        type=_name,
        help="the player's name, kept in the save for the debrief and the class summary; give "
        "it once per --contender, in the same order (with --auto: the name of whoever runs the "
        "game, for the seat --contender names, else the first; in the window: filled in on the "
        "setup screen)",
    )
    play.add_argument(
        "--difficulty",
        choices=AI_LEVELS,
        help="how well the AI plays (default: standard)",
    )
    play.add_argument(
        "--length",
        choices=LENGTHS,
        help="the lesson length: short (about 20 minutes), standard (about 45) or full "
        "(default); a scenario lists the lengths it offers",
    )
    play.add_argument(
        "--save", metavar="PATH", type=Path, help="save here when the game ends or is interrupted"
    )
    play.add_argument("--load", metavar="PATH", type=Path, help="resume a saved game")
    play.add_argument("--no-autosave", action="store_true", help="do not autosave after each turn")
    play.add_argument(
        "--class",
        dest="class_address",
        metavar="HOST:PORT",
        help="report this game after every turn to the teacher's live page of the classroom "
        "host at HOST:PORT (politburo host shows it), with its --code; the game is played and "
        "saved here all the same",
    )
    play.add_argument("--code", metavar="CODE", help="the join code on the host's screen, "
                      "for --class")

    val = sub.add_parser(
        "validate",
        help="check scenario files",
        description="Check scenario files and list every problem found, as "
        "path:line:col: error|warning: message. Exit 1 if any error was found.",
    )
    val.add_argument("files", nargs="+", metavar="FILE")
    val.add_argument(
        "--upgrade", action="store_true",
        help="first rewrite, in place, values written for the format's older reading (\"3\" "
        "for a number, yes/no for a switch), keeping the old file as FILE.bak",
    )

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description="Print the JSON Schema of scenario files, for editor autocompletion.",
    )
    schema.add_argument(
        "-o", "--output", metavar="FILE", type=Path, help="write it to FILE instead"
    )

    new = sub.add_parser(
        "new",
        help="start a scenario of your own from a small template",
        description="Write a small, complete scenario to FILE for you to rename and change (the "
        "Harbour Commune: two rivals, three regions, eight quarters; docs/modding.md builds it "
        "step by step), and the JSON Schema your editor reads beside it if none is there yet. "
        "An existing file is never overwritten.",
    )
    new.add_argument("file", type=Path, metavar="FILE", help="the file to write: my_scenario.yaml")

    chk = sub.add_parser(
        "check",
        help="play a scenario many times by AI and report what happened",
        description="Play all-AI games of a scenario headless and report which outcomes each "
        "contender reached, their win rates, the events that never fired, the choices never "
        "taken, the actions nobody chose and any games that crashed (exit 1 if one did).",
    )
    chk.add_argument(
        "scenario", type=scenario_arg, metavar="FILE_OR_ID", help="a scenario file or id"
    )
    chk.add_argument(
        "--games",
        type=int_in(1, MAX_GAMES, "the number of games"),
        default=100,
        metavar="N",
        help="how many games to play (default: 100)",
    )
    add_sweep_options(chk, seed_help="the first game's seed; games use S, S+1, ... (default: 0)")
    chk.add_argument(
        "--json",
        action="store_true",
        help="print the report as one JSON document (keys: scenario, games, length, "
        "win_rates, outcomes, milestones ...), for scripts and modders' CI",
    )
    from game.cli import calibrate_cmd, lab_cmd

    lab_cmd.add_parser(sub)
    calibrate_cmd.add_parser(sub)
    from game.cli import debrief_cmd, teacher_cmd

    debrief_cmd.add_parser(sub)
    teacher_cmd.add_parser(sub)
    from game.cli import host_cmd, join_cmd

    host_cmd.add_parser(sub)
    join_cmd.add_parser(sub, _name)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `politburo` console script; returns the exit code."""
    paths.use_kernel_cache()
    _usable_streams()
    with _signals_stop_like_ctrl_c():
        return _main(list(sys.argv[1:] if argv is None else argv))


def _main(args_list: list[str]) -> int:
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = ["play", *args_list]
    try:
        try:
            args = build_parser().parse_args(args_list)
        except SystemExit as e:  # --help printed its text
            return int(e.code or 0)
        if args.command == "validate":
            return cmd_validate(args.files, args.upgrade)
        if args.command == "schema":
            return cmd_schema(args.output)
        if args.command == "new":
            return cmd_new(args.file)
        if args.command in MANY_GAMES:
            from game import warm

            args.compile_first = warm.run_compiled()  # before the engine is imported
        if args.command == "check":
            return cmd_check(args)
        if args.command == "lab":
            from game.cli import lab_cmd

            return lab_cmd.run(args)
        if args.command == "calibrate":
            from game.cli import calibrate_cmd

            return calibrate_cmd.run(args)
        if args.command == "debrief":
            from game.cli import debrief_cmd

            return debrief_cmd.run(args)
        if args.command == "host":
            from game.cli import host_cmd

            return host_cmd.run(args)
        if args.command == "join":
            from game.cli import join_cmd

            return join_cmd.run(args)
        if args.command == "teacher-pack":
            from game.cli import teacher_cmd

            return teacher_cmd.run(args)
        return cmd_play(args)
    except UsageError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except Refused as e:
        if str(e):
            print(f"{PROG}: {e}", file=sys.stderr)
        return 1
    except Terminated as e:
        print(f"{PROG}: stopped by signal {e.signum}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except OSError as e:  # a path the system refuses (too long, a loop of links ...)
        where = f"{_clip(e.filename)}: " if e.filename is not None else ""
        print(f"{PROG}: {where}{e.strerror or e}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`politburo play --auto | head`): point stdout at nothing so
        # the interpreter's final flush does not complain, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _clip(name: object, limit: int = 200) -> str:
    text = str(name)
    return text if len(text) <= limit else f"{text[:limit // 2]}...{text[-limit // 2:]}"


def cmd_validate(files: Sequence[str], upgrade: bool = False) -> int:
    """Validate each scenario file: every problem as `path:line:col: severity: message`, or
    `path: ok`. 1 if any file has an error; warnings alone leave the exit code 0. With
    ``upgrade``, each file is first upgraded (:mod:`game.content.upgrade`), each change shown
    on its line; a file that cannot be is one line on stderr, and the status 1."""
    from game.content.validate import format_problem, validate_paths

    failed = False
    if upgrade:
        kept = [f for f in dict.fromkeys(files) if _upgrade(f)]
        failed, files = len(kept) < len(set(files)), kept
        if not files:
            return 1
    problems, had_errors = validate_paths(list(files))
    by_path: dict[str, list] = {}
    for p in problems:
        by_path.setdefault(str(p.path), []).append(p)
    shown: set[str] = set()
    for f in dict.fromkeys(str(f) for f in files):
        found = by_path.get(f, [])
        for p in found:
            print(format_problem(p))
        if not found:
            print(f"{f}: ok")
        shown.add(f)
    for path, rest in by_path.items():  # problems filed under another spelling of a path
        if path not in shown:
            for p in rest:
                print(format_problem(p))
    return 1 if had_errors or failed else 0


def _upgrade(path: str) -> bool:
    """Upgrade one scenario file, saying what changed; False if it could not be."""
    from game.content.upgrade import UpgradeError, upgrade_file

    try:
        changes = upgrade_file(path)
    except UpgradeError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return False
    for c in changes:
        print(f"{path}:{c.line}:{c.col}: upgraded: {c.old} -> {c.new}")
    if changes:
        print(f"{path}: {len(changes)} value{'s' * (len(changes) > 1)} upgraded; the old file "
              f"is {path}.bak")
    return True


def cmd_new(path: Path) -> int:
    """Write the template scenario to ``path`` (never over an existing file), and the JSON
    Schema beside it unless one is there, so that the template's first line finds it."""
    from game.content.reference import json_schema
    from game.files import write_text
    from game.resources import assets_folder

    if path.suffix not in (".yaml", ".yml"):
        return fail(f"{path}: a scenario file's name ends in .yaml, such as my_scenario.yaml")
    if path.exists():
        return fail(f"{path} already exists: choose another name, or move that file away first")
    template = assets_folder() / "templates" / "harbour.yaml"
    schema = path.parent / "scenario.schema.json"
    try:
        write_text(path, template.read_text(encoding="utf-8"))
        if not schema.exists():
            write_text(schema, json.dumps(json_schema(), indent=2) + "\n")
            print(f"Wrote {schema}: the JSON Schema your editor reads to complete and check "
                  "the fields.")
    except OSError as e:
        return fail(f"cannot write {e.filename or path}: {e.strerror or e}")
    print(f"Wrote {path}: the Harbour Commune, a small scenario to start from (two rivals, "
          "three regions, eight quarters).")
    print(f"Next: give it your own id and title, then run: politburo validate {path}")
    return 0


def cmd_schema(output: Path | None) -> int:
    """Print (or write to ``output``) the JSON Schema of the scenario format."""
    import json

    from game.content.reference import json_schema

    text = json.dumps(json_schema(), indent=2) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return 0
    from game.files import write_text

    try:
        write_text(output, text)
    except OSError as e:
        return fail(f"cannot write {output}: {e.strerror or e}")
    print(f"Wrote the JSON Schema of the scenario format to {output}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Play many all-AI games of a scenario and print the report (see game.check)."""
    from game.check import check, default_jobs

    check_seeds(args)
    entry = playable(args.scenario)
    scenario, seats = sweep_seats(args, entry.scenario)
    scenario = overlaid(args, scenario)
    jobs = min(args.jobs or default_jobs(), args.games)
    rules_compiled(args)
    report = with_progress(lambda bar: check(
        scenario, args.games, seed=args.seed, difficulty=args.difficulty, jobs=jobs,
        progress=bar, source=str(entry.path), length=args.length, overrides=seats,
        overlay=str(args.overlay or "")))
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(report.render())
    return crashed_exit(len(report.crashed))


def _names_for(args: argparse.Namespace, humans: Sequence[str], scenario) -> dict[str, str]:
    """The seats the --name options are for: the people's seats in order, or with --auto the
    seat --contender names (else the first contender)."""
    given = args.name or []
    if args.auto:
        seat = (args.contender or [scenario.contenders[0].id])[0]
        return {seat: given[0]} if given else {}
    if len(given) > len(humans):
        raise UsageError(_too_many_names(len(given), len(humans)))
    return dict(zip(humans, given, strict=False))


def _too_many_names(names: int, seats: int) -> str:
    return (
        f"{names} names for {seats} seat{'s' * (seats != 1)}: give one --name per --contender, "
        "in the same order"
    )


def _class_reporter(args: argparse.Namespace) -> Reporter | None:
    """The reports to the class page that ``--class`` and ``--code`` ask for (None without
    them); UsageError for a malformed address or a missing code."""
    if args.class_address is None:
        if args.code is not None:
            raise UsageError("--code is the class page's join code: give the host's address "
                             "with it (--class HOST:PORT)")
        return None
    if not args.code:
        raise UsageError("--class needs the join code on the host's screen: add --code CODE")
    if args.debug:
        raise UsageError("--class reports a lesson's game to the teacher: it cannot be used "
                         "with the modders' debug console (--debug)")
    from game.net.address import split_address
    from game.net.report import Reporter

    try:
        host, port = split_address(args.class_address)
    except ValueError as e:
        raise UsageError(f"--class: {e}") from None
    return Reporter(f"{host}:{port}", args.code)


def cmd_window(args: argparse.Namespace, reporter: Reporter | None = None) -> int:
    """Open the game window (straight into a saved game with --load); its games report to the
    class page when ``reporter`` is given."""
    for flag, value in (
        ("--scenario", args.scenario),
        ("--contender", args.contender),
        ("--seed", args.seed),
        ("--save", args.save),
        ("--difficulty", args.difficulty),
    ):
        if value is not None:
            raise UsageError(
                f"{flag} is for the terminal game: add --text (in the window, "
                "choose on the setup screens)"
            )
    from game.ui import launch

    return launch(load=args.load, name=args.name[0] if args.name else None, reporter=reporter)


def cmd_window_join(args: argparse.Namespace) -> int:
    """The window, at the Join screen filled in from the command line, joining at once."""
    from game.ui import JoinFields, launch

    return launch(join=JoinFields(args.address, args.code, args.contender or "",
                                  args.name or ""))


def cmd_play(args: argparse.Namespace) -> int:
    """Set up (new, continued or loaded) and play a game in the terminal."""
    from game import paths, resume, saves
    from game.cli.screens import date_line, render_goal
    from game.cli.textplay import (
        Console,
        EndOfInput,
        QuitRequested,
        Session,
        pick_contender,
        pick_scenario,
        render_intro,
    )
    from game.content import sources
    from game.content.loader import ScenarioError
    from game.engine import Match, view

    if args.auto and args.contender and not args.name:
        raise UsageError(
            "--auto plays every seat by AI: with it, --contender only says whose seat --name "
            "is for"
        )
    if args.auto and ((args.name and len(args.name) > 1) or len(args.contender or []) > 1):
        raise UsageError("--auto takes one --name (and at most one --contender for it)")
    seats = len(args.contender) if args.contender else 1
    if not args.auto and not args.load and args.name and len(args.name) > seats:
        raise UsageError(_too_many_names(len(args.name), seats))
    if args.debug and not args.text:
        raise UsageError("--debug opens the terminal game's console: add --text (the window "
                         "reloads its scenario with F5 without it)")
    if args.debug and args.auto:
        raise UsageError("--debug needs a person at the table: use it without --auto (its "
                         ":jump command lets the AI play every seat)")
    reporter = _class_reporter(args)
    if not (args.text or args.auto):
        return cmd_window(args, reporter)
    if args.load and args.seed is not None:
        raise UsageError("--seed cannot be used with --load: the save fixes the seed")
    if args.load and args.length is not None:
        raise UsageError("--length cannot be used with --load: the save fixes the length")
    from game import warm

    if not args.auto:  # someone plays: compile for next time, never making them wait
        warm.start_in_background()
    said_interpreted(warm.why_interpreted())
    con = Console.of(sys.stdout, sys.stdin)

    scenario_arg = args.scenario
    if scenario_arg and not sources.looks_like_path(scenario_arg):
        scenario_arg = scenario_arg.lower()  # ids are lower case; any case finds them
    catalogue = None
    if not (scenario_arg and sources.looks_like_path(scenario_arg)):
        catalogue = sources.discover()
        warn(catalogue.warnings)
    entry = None
    if scenario_arg:
        try:
            entry = sources.resolve(scenario_arg, catalogue)
        except sources.UnknownScenario as e:
            raise UsageError(str(e)) from None
    load_path: Path | None = args.load
    try:
        save = saves.load_save(args.load) if args.load else None
        fresh = not (args.load or args.scenario or args.contender or args.auto)
        if fresh and args.seed is None and args.length is None and catalogue is not None:
            last = resume.last_unfinished(catalogue)
            if last is not None and offer_continue(con, last):
                save, load_path = last.save, last.path
        if entry is None and save is not None:
            try:
                entry = sources.resolve_id(save.scenario_id, catalogue)
            except sources.UnknownScenario:
                return fail(
                    f"this save is for scenario {save.scenario_id!r}, which is not installed; "
                    "give its file with --scenario"
                )
        if entry is not None:
            if entry.scenario is None:
                return fail(f"cannot use scenario {entry.path}: {entry.error}")
            scenario = entry.scenario
        else:
            assert catalogue is not None
            usable = catalogue.usable
            if not catalogue.entries:
                return fail("no scenarios are installed")
            if not usable:
                return fail(
                    "no scenario can be loaded: "
                    + "; ".join(f"{e.path}: {e.error}" for e in catalogue.broken)
                )
            if args.auto or args.contender or (len(usable) == 1 and not catalogue.broken):
                default = catalogue.get(sources.DEFAULT_ID)
                scenario = (default if default and default.ok else usable[0]).scenario
            else:
                scenario = pick_scenario(con, catalogue.entries)
    except ScenarioError as e:
        return fail(f"cannot use scenario {e.path}: {'; '.join(e.problems)}")
    except saves.SaveError as e:
        return fail(str(e))
    except (EndOfInput, QuitRequested):
        return 0
    assert scenario is not None

    if args.save is not None and entry is not None:
        from game.files import same_file

        if same_file(args.save, entry.path):  # found now, not when the game ends
            raise UsageError(f"--save {args.save} is the scenario file itself: save elsewhere")
    contenders = [_contender_id(scenario, cid, bool(args.scenario or args.load))
                  for cid in args.contender or []]
    if len(set(contenders)) < len(contenders):
        raise UsageError("each --contender must be a different contender")
    args.contender = contenders or None  # ids as the game spells them, however they were typed

    try:
        if save is not None:
            match = saves.resume(save, scenario)
            humans = [] if args.auto else (contenders or save.humans)
            difficulty = args.difficulty or save.difficulty
            # --difficulty sets every AI seat; without it each keeps the save's own
            seats = {} if args.difficulty else dict(save.seats)
            for cid in humans:  # a seat taken over by a person (--contender) is no AI's
                seats.pop(cid, None)
            names, length = dict(save.names), save.length
            names.update(_names_for(args, humans or save.humans, scenario))
            at = date_line(view(match.state, scenario.contenders[0].id))
            con.say(f"Resumed {scenario.title} at {at}, seed {save.seed}.")
        else:
            seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
            length = args.length or "full"
            try:
                match = Match.start(scenario.with_length(length), seed)
            except KeyError as e:
                raise UsageError(e.args[0]) from None
            difficulty = args.difficulty or "standard"
            humans, names, seats = [], {}, {}
            con.say(render_intro(scenario, con.width))
            con.say(f"Seed {seed} (play this game again with --seed {seed}).")
            if not args.auto:
                playable = {c.id for c in scenario.contenders if c.playable}
                for cid in contenders:
                    if cid not in playable:
                        raise UsageError(f"{cid!r} is not a playable contender in {scenario.id}")
                humans = contenders or [pick_contender(con, scenario)]
                for cid in humans:
                    con.say("")
                    con.say(render_goal(match.scenario, cid, length, con.width))
            names = _names_for(args, humans, scenario)
    except saves.SaveError as e:
        return fail(str(e))
    except (EndOfInput, QuitRequested):
        return 0

    session = Session(
        match,
        con,
        humans,
        difficulty,
        length=length,
        names=names,
        seats=seats,
        save_path=args.save,
        autosave=not args.no_autosave and bool(humans),
        debug=args.debug,
    )
    if load_path is not None and paths.is_autosave(load_path):
        session.autosaver.path = load_path  # a game resumed from its autosave goes on in it
    if reporter is None:
        return session.run()
    kept = " and is saved here" if session.autosave or args.save else ""
    reporter.warn = lambda problem: print(f"{PROG}: warning: {problem}; the game goes on{kept}",
                                          file=sys.stderr)
    con.say(f"This game reports to the class page at {reporter.address} after every turn.")
    session.reporter = reporter
    session.report_now()  # the teacher sees the game begin
    code = session.run()
    late = reporter.finish()
    if late:
        print(f"{PROG}: warning: {late}", file=sys.stderr)
    return code


def _contender_id(scenario, typed: str, named: bool) -> str:
    """The id of the contender given with --contender, typed in any case (an id or a name)."""
    from game.words.names import find_contender

    found = find_contender(scenario, typed)
    if found is None:
        ids = ", ".join(c.id for c in scenario.contenders)
        where = "" if named else " (name another with --scenario)"
        raise UsageError(f"unknown contender {typed!r}; in {scenario.id}{where} they are: {ids}")
    return found


def offer_continue(con, last) -> bool:
    """Offer to continue the last unfinished game; True if the player takes it."""
    con.say("YOUR LAST GAME")
    con.say(f"  {last.summary()}, saved {last.saved_at()} (UTC).")
    con.say("   1. Continue it")
    con.say("   2. Start a new game")
    return con.choose("Number: ", 2, [["c", "continue"], ["n", "new"]]) == 0


if __name__ == "__main__":
    sys.exit(main())
