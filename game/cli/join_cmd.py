"""`politburo join HOST:PORT`: take a seat in a game hosted on the classroom's network.

In the window by default (its Join screen, filled in from the command line); with ``--text`` in
the terminal, where the board, the menu and the report are those of ``politburo play --text``;
with ``--auto`` the AI plays the seat (a test, or a student who has to leave). When the game is
over the player keeps their copy of it, to debrief as any save.

Exit codes: 0 the game ended or the player left, 1 the host cannot be reached or refused the
seat, 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.cli.args import AI_LEVELS, PROG, UsageError, fail

if TYPE_CHECKING:
    from game.net.client import JoinRequest


def add_parser(subparsers, name_type) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "join",
        help="join a game hosted on the classroom's network (politburo host)",
        description="Take a seat in a game a teacher hosts (politburo host): type the address "
        "and the code their screen shows. Each seat sees only its own secrets. If the "
        "connection drops, the game takes you back to your seat (this computer keeps its seat "
        "token); the AI holds it meanwhile.",
    )
    p.add_argument("address", metavar="HOST:PORT", help="the host's address, from its screen")
    p.add_argument("--code", metavar="CODE", help="the join code, from the host's screen")
    p.add_argument("--contender", metavar="ID", help="the seat you want (default: a free one)")
    p.add_argument("--name", metavar="NAME", type=name_type,
                   help="your name, for the teacher's page and the debrief")
    p.add_argument("--text", action="store_true", help="play in the terminal")
    p.add_argument("--auto", action="store_true", help="the AI plays your seat")
    p.add_argument("--difficulty", choices=AI_LEVELS, default="standard",
                   help="with --auto: how well the AI plays it (default: standard)")
    p.add_argument("--save", metavar="PATH", type=Path,
                   help="where to keep your copy of the finished game (default: your saves)")
    return p


def run(args: argparse.Namespace) -> int:
    from game.net.client import JoinError, JoinRequest

    if not args.code:
        raise UsageError("give the join code from the host's screen: --code CODE")
    try:
        request = JoinRequest.read(args.address, args.code, args.contender or "",
                                   args.name or "")
    except ValueError as e:
        raise UsageError(str(e)) from None
    args.contender = request.contender  # as the game spells it, however it was typed
    if not (args.text or args.auto):
        from game.cli.main import cmd_window_join

        return cmd_window_join(args)
    try:
        return _play(args, request)
    except JoinError as e:
        return fail(str(e))


def _play(args: argparse.Namespace, request: JoinRequest) -> int:
    from game import saves
    from game.ai import seat_orders
    from game.cli.screens import render_outcome
    from game.cli.textplay import Console, EndOfInput, QuitRequested, Session
    from game.net.client import RemoteTable, keep_copy

    con = Console.of(sys.stdout, sys.stdin)
    table = RemoteTable.join(request.address, request.code, request.contender, request.name,
                             notice=con.say)
    sc, me = table.scenario, table.seat
    short = sc.contenders[sc.contender_index(me)].short
    con.say(f"You are {short} in {sc.title}, hosted at {args.address}.")
    session: Session | None = None
    told: tuple[str, ...] | None = None
    try:
        while not table.over:
            if not table.started or table.submitted:
                waiting = tuple(table.waiting_for())
                if not table.started and told != ("",):
                    con.say("Waiting for the game to begin...")
                    told = ("",)
                elif table.started and waiting and waiting != told:
                    left = table.seconds_left()
                    clock = f" ({left} s left on the turn timer)" if left is not None else ""
                    con.say(f"Waiting for {', '.join(waiting)}{clock}...")
                    told = waiting
                table.poll(1.0)
                continue
            told = None
            assert table.match is not None
            if session is None:
                session = Session(table.match, con, [me], autosave=False,
                                  names={me: args.name} if args.name else {})
            session.match, session.last_events = table.match, list(table.events)
            session.unread = {me} if table.events else set()
            if table.played_for_you:
                con.say("The AI played your last turn for you.")
            if table.seconds_left() is not None and not args.auto:
                con.say(f"The host's turn timer: {table.seconds_left()} s for this turn; then "
                        "the AI plays your seat's turn.")
            if args.auto:
                orders = seat_orders(table.match.state, me, args.difficulty)
                con.say(f"Turn {table.match.state.turn + 1}: "
                        + ("; ".join(str(a) for a in orders) or "no orders"))
            else:
                if table.match.state.turn > 0 and session.unread:
                    session.show_report(me)
                orders = session.human_orders(me)
            turn = table.match.state.turn
            table.send_orders(orders)
            while table.submitted and not table.over and table.match.state.turn == turn:
                if table.poll(1.0):
                    break
                if table.problem:
                    break
            if table.problem:
                con.say(f"The host did not take your orders: {table.problem}")
                table.problem = None
    except (EndOfInput, QuitRequested):
        table.close()
        con.say("You left the game; the AI plays your seat. Join again to take it back.")
        return 0
    table.close()
    final = table.final
    assert final is not None and table.final_save is not None
    con.say("")
    con.say(render_outcome(final, con.g, me, con.width))
    try:
        path = keep_copy(table.final_save, table.welcome.game, args.save)
    except saves.SaveError as e:
        return fail(f"your copy of the game could not be saved: {e}")
    con.say(f"Your copy of the game: {path}", wrap=False)
    con.say(f"Its debrief: {PROG} debrief {path} -o debrief.html", wrap=False)
    return 0
