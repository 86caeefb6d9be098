"""Screenshots of every scene, taken in a real window: `python -m game.ui.screenshots`.

Under Linux without a display it starts Xvfb itself (Debian's `xvfb` package). The game is
driven through the same scene methods the buttons call, with a fixed seed, so the pictures are
the same from run to run and can be compared by eye after a change.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from game import files

SIZES = ((1280, 720), (1920, 1080))
TEXT_SIZES = ("normal", "small", "large", "largest")  # normal first: the pictures in docs/


def start_xvfb() -> subprocess.Popen | None:
    """A virtual screen when there is none; None when a display already exists."""
    if os.environ.get("DISPLAY") or not sys.platform.startswith("linux"):
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("no display and no Xvfb: install Debian's xvfb package")
    for n in range(99, 120):
        if not Path(f"/tmp/.X11-unix/X{n}").exists():
            proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "2560x1440x24", "-nolisten",
                                     "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    break
                time.sleep(0.1)
            os.environ["DISPLAY"] = f":{n}"
            return proc
    raise SystemExit("no free X display number for Xvfb")


def shoot_all(out: Path, size: tuple[int, int], text_size: str = "normal",
              scenario_file: Path | None = None) -> list[Path]:
    """Every scene at one window size and text size; returns the files written (named
    ``NN-scene-WxH.png`` at the normal text size, ``NN-scene-TEXT-WxH.png`` at the others).
    ``scenario_file``: play that scenario's first contender instead of the main scenario's
    Stalin (a modder's look at their own words on every screen)."""
    import pygame

    from .app import App
    from .scenes.board import BoardScene
    from .scenes.cards import CardsScene
    from .scenes.end import EndScene
    from .scenes.report import TurnReport
    from .scenes.title import TitleScene
    from .session import GameSession
    from .settings import Settings

    app = App(settings=Settings(window_size=size, text_size=text_size, animation_speed="off"))
    written: list[Path] = []

    from . import draw

    def shot(name: str) -> None:
        draw.CUTS.clear()
        for _ in range(3):
            app.step(pygame.event.get(), 1 / 30)
        pygame.display.flip()
        for cut in dict.fromkeys(draw.CUTS):  # a layout that fits cuts nothing
            print(f"{name} ({text_size}, {size[0]}x{size[1]}): text cut short: {cut!r}",
                  file=sys.stderr)
        text = "" if text_size == "normal" else f"-{text_size}"
        path = out / f"{name}{text}-{size[0]}x{size[1]}.png"
        png = io.BytesIO()
        pygame.image.save(app.window, png, path.name)
        files.write_bytes(path, png.getvalue())
        written.append(path)

    title = app.push(TitleScene(app))
    shot("01-title")
    title.new_game()
    shot("02-scenario")
    app.top.go()
    shot("03-contender")
    scenario, seat = app.top.scenario, "stalin"
    if scenario_file is not None:
        from game.content.loader import load_scenario

        scenario = load_scenario(scenario_file)
        seat = scenario.contenders[0].id
    length = "short" if scenario.lengths.short is not None else "full"
    session = GameSession.new(scenario, [seat], seed=1924, length=length)
    session.autosave = False
    board = app.play(session)
    shot("04-goal")
    app.top.close()
    shot("04-cards")
    while isinstance(app.top, CardsScene):
        app.pop()
    options = session.options()
    cards = [i for i, o in enumerate(options) if o.cost == 0]
    acts = [i for i, o in enumerate(options) if o.cost > 0]
    for i in cards[:1] + acts[:2]:  # a card decided and two actions, for the report to tell
        session.choose(i)
    board.refresh()
    shot("05-board")
    board.app.show_help()
    shot("06-help")
    app.pop()
    board.menu()
    shot("07-menu")
    app.pop()
    board.save()
    shot("08-save")
    app.pop()
    board.end_turn()
    shot("09-confirm-end-turn")
    app.top._yes()
    shot("09-what-you-did")
    while not (isinstance(app.top, TurnReport) and app.top.vote is not None):
        if isinstance(app.top, TurnReport) and app.top.opening and app.top.page == 0:
            app.top.next()  # past the reader's own page, to the votes
            continue
        while not isinstance(app.top, BoardScene):
            app.pop()
        board.play_turn()
    app.top.update(1.0)  # half counted
    app.settings = app.settings.model_copy(update={"animation_speed": "normal"})
    app.top.clock = app.top.duration() / 2
    shot("10-vote-counting")
    app.top.clock = app.top.duration()
    shot("11-vote-result")
    while app.top.vote is not None:
        app.top.next()
        app.top.clock = app.top.duration()
    shot("12-turn-summary")
    app.settings = app.settings.model_copy(update={"animation_speed": "off"})
    while not session.finished:
        while not isinstance(app.top, BoardScene):
            app.pop()
        board.play_turn()
    while not isinstance(app.top, EndScene):
        app.top.finish() if isinstance(app.top, TurnReport) else app.pop()
    shot("13-end")
    try:
        app.top.debrief()
        shot("14-debrief")
    except ImportError:
        pass
    app.replace(TitleScene(app))
    if scenario_file is None:
        shoot_joined(app, shot)
        app.replace(TitleScene(app))
    app.open_encyclopedia("stalin")
    for _ in range(6):  # a link marked by the keyboard (Right), past the "see also" ones
        app.top.mark_link(1)
    shot("15-encyclopedia")
    app.pop()
    app.top.settings()
    shot("16-settings")
    app.pop()
    app.top.load()
    shot("17-load")
    pygame.quit()
    draw.font.cache_clear()
    return written


def shoot_joined(app, shot) -> None:
    """The Join screen and a joined seat's board waiting for the other seat, against a host
    served in this process on the loopback address (Trotsky's seat joined, never ending its
    turn, and a turn timer set)."""
    import socket
    import threading

    from game.content import sources
    from game.engine import Match
    from game.net.classroom import Classroom
    from game.net.client import Connection, JoinRequest
    from game.net.host import Host, server
    from game.net.room import Room

    from .remote import Joining, TableFeed
    from .scenes.board import BoardScene
    from .scenes.join import JoinScene

    entry = sources.resolve_id("succession_1924")
    assert entry.scenario is not None
    room = Room(Match.start(entry.scenario.with_length("short"), 1924),
                entry.path.read_text(encoding="utf-8"), entry.scenario.content_hash(), "short",
                "standard", "ABCD", "game-shots", None, ["stalin", "trotsky"], 300.0)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    address = f"127.0.0.1:{sock.getsockname()[1]}"
    srv = server(Host(room, Classroom(app.catalogue()), address, log=lambda line: None),
                 "127.0.0.1", sock.getsockname()[1])
    threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True).start()
    try:
        while not srv.started:
            time.sleep(0.02)
        join = app.push(JoinScene(app, address, "WXYZ", "stalin", "Ann"))
        join.joining = Joining(JoinRequest.read(address, "WXYZ", "stalin", "Ann"))
        join.joining.done.wait(10)
        shot("18-join-refused")
        rival = Connection(address, "ABCD", "trotsky", "Lev")  # its token is not kept: the
        rival.open()  # window, on this same computer, would come back to its seat with it
        join.entries["code"].set_text("ABCD")
        join.join()
        while app.playing() is None:  # seated once the host sends the first turn
            app.step([], 1 / 30)
            time.sleep(0.02)
        board = next(s for s in app.scenes if isinstance(s, BoardScene))
        session = board.session
        options = session.options()
        for i in [i for i, o in enumerate(options) if o.cost > 0][:2]:
            session.choose(i)
        board.play_turn()
        feed: TableFeed = session.feed
        while feed.status is None or feed.status.waiting != ["trotsky"] or \
                app.top is not board:
            app.step([], 1 / 30)
            time.sleep(0.02)
            while app.top is not board:  # how to win, and the cards: seen in 04
                app.pop()
        shot("19-joined-waiting")
        session.leave()
        rival.close()
    finally:
        srv.should_exit = True
        time.sleep(0.3)
        sock.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"),
                        help="folder for the PNG files (default: docs/screenshots)")
    parser.add_argument("--text-size", choices=TEXT_SIZES, action="append",
                        help="only this text size (give it again for more; default: all)")
    parser.add_argument("--scenario", type=Path, metavar="FILE",
                        help="play this scenario file instead of the main scenario")
    parser.add_argument("--size", choices=[f"{w}x{h}" for w, h in SIZES], action="append",
                        help="only this window size (give it again for more; default: all)")
    args = parser.parse_args(argv)
    sizes = [s for s in SIZES if not args.size or f"{s[0]}x{s[1]}" in args.size]
    args.out.mkdir(parents=True, exist_ok=True)
    xvfb = start_xvfb()
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    home = tempfile.mkdtemp(prefix="politburo-shots-")
    os.environ["POLITBURO_HOME"] = home  # no player's saves or settings in the pictures
    try:
        for text_size in args.text_size or TEXT_SIZES:
            for size in sizes:
                for path in shoot_all(args.out, size, text_size, args.scenario):
                    print(path)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if xvfb is not None:
            xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
