"""`politburo host`: one game across the classroom's computers, and the teacher's live page.

Prints what students type to join (``politburo join HOST:PORT --code CODE``) and the page's
address, says who joins which seat, and serves until stopped (Ctrl-C). The game is saved every
turn in the saves folder, its seats beside it; ``--resume SAVE`` starts the host again from
there with everyone's seat kept.

Exit codes: 0 stopped, 1 a scenario, save or address that cannot be used, 2 a usage mistake.
"""

from __future__ import annotations

import argparse
import errno
import secrets
import socket
import sys
import threading
from datetime import datetime
from pathlib import Path

from game.cli.args import AI_LEVELS, LENGTHS, MAX_SEED, PROG, UsageError, fail, int_in
from game.net.address import DEFAULT_PORT


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "host",
        help="host a game for the classroom's computers, with the teacher's live page",
        description="Host one game that students join from their own computers (politburo "
        "join), each seeing only their own seat's secrets; the AI plays every seat nobody "
        "takes. Serves the teacher's live page at http://HOST:PORT/, where solo games "
        "(politburo play --class HOST:PORT) report too. Stop it with Ctrl-C.",
    )
    p.add_argument("--scenario", metavar="ID_OR_PATH", help="the scenario (default: the main one)")
    p.add_argument("--length", choices=LENGTHS, help="the lesson length (default: full)")
    p.add_argument("--difficulty", choices=AI_LEVELS, help="how well the AI plays (default: "
                   "standard)")
    p.add_argument("--seed", type=int_in(0, MAX_SEED, "the seed"), metavar="N",
                   help="fix the game's chance (default: random)")
    p.add_argument("--seats", metavar="C1,C2,...",
                   help="the seats that wait for a student: the game begins when all are taken "
                   "(or when you press Enter here); without it, press Enter to begin")
    p.add_argument("--bind", metavar="ADDRESS", default="0.0.0.0",
                   help="the address to listen on (default: 0.0.0.0, every address this "
                   "computer has on the local network); 127.0.0.1 keeps it to this computer")
    p.add_argument("--port", type=int_in(1, 65535, "the port"), default=DEFAULT_PORT,
                   metavar="P", help=f"the port to listen on (default: {DEFAULT_PORT})")
    p.add_argument("--code", metavar="CODE",
                   help="the join code students type (default: a random one, 5 characters)")
    p.add_argument("--saves", metavar="DIR", type=Path,
                   help="where every game of the lesson is saved (default: a new folder under "
                   "the game's data folder, named by the date)")
    p.add_argument("--turn-timer", type=int_in(10, 86_400, "the turn timer"), metavar="SECONDS",
                   help="seconds a turn may take; then the AI plays the seats not done")
    p.add_argument("--resume", metavar="SAVE", type=Path,
                   help="start again from a hosted game's save (its seats are kept beside it)")
    return p


def lan_addresses() -> list[str]:
    """This computer's addresses on the local network (IPv4, loopback left out), found
    without sending anything anywhere."""
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127.") and address not in found:
            found.append(address)
    return found


def _room(args: argparse.Namespace, say):
    """The room for a new game, or for the one ``--resume`` names."""
    from game import paths, resume, saves
    from game.content import sources
    from game.engine import Match
    from game.net import protocol
    from game.net.room import Room, new_code, read_seats

    catalogue = sources.discover()
    if args.resume is not None:
        for option in ("scenario", "length", "seed", "seats", "code", "saves"):
            if getattr(args, option) is not None:
                raise UsageError(f"--{option} cannot be used with --resume: the save fixes it")
        save = saves.load_save(args.resume)
        seats = read_seats(args.resume)
        entry = sources.resolve_id(save.scenario_id, catalogue)
        if entry.scenario is None:
            raise saves.SaveError(f"scenario {save.scenario_id!r} cannot be loaded: {entry.error}")
        match = saves.resume(save, entry.scenario)
        room = Room(match, _text(entry.path), entry.scenario.content_hash(), save.length,
                    args.difficulty or save.difficulty, seats.code, seats.game,
                    args.resume.parent, seats.waiting_for, args.turn_timer or seats.turn_timer,
                    dict(seats.people), seats.started, log=say)
        room.last_events = resume.last_turn_events(match)
        return room, catalogue
    entry = sources.resolve(args.scenario or sources.DEFAULT_ID, catalogue)
    if entry.scenario is None:
        raise saves.SaveError(f"cannot use scenario {entry.path}: {entry.error}")
    scenario = entry.scenario
    length = args.length or "full"
    try:
        played = scenario.with_length(length)
    except KeyError as e:
        raise UsageError(e.args[0]) from None
    waiting = []
    playable = {c.id for c in scenario.contenders if c.playable}
    for typed in (args.seats or "").split(","):
        cid = typed.strip().lower()
        if not cid:
            continue
        if cid not in playable:
            raise UsageError(f"--seats: {typed.strip()!r} is not a playable contender of "
                             f"{scenario.id}; they are: {', '.join(sorted(playable))}")
        if cid in waiting:
            raise UsageError(f"--seats names {cid} twice")
        waiting.append(cid)
    code = args.code or new_code()
    if not protocol.is_code(code):
        raise UsageError("--code is 4 to 12 letters and digits")
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    game = f"game-{stamp}-{secrets.token_hex(2)}"
    folder = args.saves or paths.data_dir() / "classroom" / stamp
    room = Room(Match.start(played, seed), _text(entry.path), scenario.content_hash(), length,
                args.difficulty or "standard", code, game, folder, waiting, args.turn_timer,
                log=say)
    return room, catalogue


def _text(path: Path) -> str:
    """A scenario file's text, for the clients that lack it."""
    from game.content.safe_yaml import MAX_BYTES

    with open(path, "rb") as f:
        return f.read(MAX_BYTES).decode("utf-8", "replace")


def run(args: argparse.Namespace) -> int:
    from game import saves
    from game.content import sources
    from game.net.classroom import Classroom
    from game.net.host import Host, server

    def say(line: str) -> None:
        print(f"[{datetime.now():%H:%M:%S}] {line}", flush=True)

    try:
        room, catalogue = _room(args, say)
    except sources.UnknownScenario as e:
        raise UsageError(str(e)) from None
    except saves.SaveError as e:
        return fail(str(e))
    try:
        sock = listening_socket(args.bind, args.port)
    except OSError as e:
        hint = " (another host? choose another --port)" if e.errno == errno.EADDRINUSE else ""
        return fail(f"cannot listen on {args.bind}:{args.port}: {e.strerror or e}{hint}")
    shown = lan_addresses() if args.bind in ("0.0.0.0", "::") else [args.bind]
    shown = shown or ["127.0.0.1"]
    address = f"{shown[0]}:{args.port}"
    host = Host(room, Classroom(catalogue, room.folder), address, log=say)
    problem = room.save()
    if problem:
        sock.close()
        return fail(f"cannot save the game in {room.folder}: {problem}")
    host.changed()
    sc = room.scenario
    print(f"Hosting {sc.title} ({room.length} game), saved in {room.folder}")
    print(f"Students join with:   politburo join {address} --code {room.code}")
    for other in shown[1:]:
        print(f"  (or, on another network of this computer: {other}:{args.port})")
    print(f"The teacher's page:   http://{address}/")
    if room.waiting_for:
        names = ", ".join(room.short(c) for c in room.waiting_for)
        print(f"The game begins when these seats are taken: {names}. Press Enter to begin "
              "sooner.")
    elif not room.started:
        print("Press Enter to begin the game once the students have joined.")
    print("Stop the host with Ctrl-C; restart it with: "
          f"{PROG} host --resume {room.save_path}", flush=True)
    if sys.stdin is not None:
        threading.Thread(target=_enter_starts, args=(host,), daemon=True).start()
    try:
        server(host, args.bind, args.port).run(sockets=[sock])
    finally:
        sock.close()
    room.save()
    print(f"The host has stopped; the lesson's games are in {room.folder}")
    return 0


def listening_socket(bind: str, port: int) -> socket.socket:
    """A socket bound to ``bind``:``port`` for the server (OSError if that cannot be: the
    address is not this computer's, or the port is taken), so the host says why in one line
    before it prints anything else."""
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((bind, port))
    except OSError:
        sock.close()
        raise
    return sock


def _enter_starts(host) -> None:
    """The host's terminal: Enter begins the game."""
    import asyncio

    for _line in sys.stdin:
        if host.loop is not None and not host.room.started:
            asyncio.run_coroutine_threadsafe(host.start_now(), host.loop)
            return
