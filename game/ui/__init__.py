"""The game window (pygame-ce and pygame_gui). The only package that imports pygame.

:func:`launch` is what `politburo` runs. Where no screen exists it says so in one line and
points to the terminal game instead of opening an invisible window or hanging.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

    from game.net.report import Reporter

PLAY_TEXT = "politburo play --text"
NO_DISPLAY = (
    "no display found, so the game window cannot open; "
    f"play in the terminal instead: {PLAY_TEXT}"
)


def display_problem() -> str | None:
    """Why the window cannot open here, or None if it can (as far as we can tell cheaply)."""
    driver = os.environ.get("SDL_VIDEODRIVER", "").lower()
    if driver in ("dummy", "offscreen"):
        return NO_DISPLAY
    if sys.platform.startswith("linux") and not driver:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return NO_DISPLAY
    return None


def launch(load: Path | None = None, name: str | None = None,
           reporter: Reporter | None = None, join: JoinFields | None = None) -> int:
    """Open the window on the title screen (or straight into a saved game, or at the Join
    screen joining at once); the exit code. ``name``: the player's name, filled in on the
    setup screen; ``reporter``: the class page every game played reports to (``politburo play
    --class``)."""
    problem = display_problem()
    if problem and join is not None:  # the terminal's way to the same game
        problem = problem.replace(PLAY_TEXT, join.terminal())
    if problem:
        print(f"politburo: {problem}", file=sys.stderr)
        return 1
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    try:
        from .app import App

        app = App.start()
        app.player_name = name
        app.reporter = reporter
    except pygame.error as e:
        print(
            f"politburo: the game window cannot open ({e}); "
            "play in the terminal instead: politburo play --text",
            file=sys.stderr,
        )
        return 1
    app.home()
    if load is not None:
        from .scenes.saveload import open_save

        open_save(app, load)
    if join is not None:
        from .scenes.join import JoinScene

        app.push(JoinScene(app, join.address, join.code, join.seat, join.name, join_now=True))
    app.run(after_first_frame=compile_in_background)
    late = reporter and reporter.finish()
    if late:
        print(f"politburo: warning: {late}", file=sys.stderr)
    return 0


@dataclass(frozen=True)
class JoinFields:
    """The Join screen's fields as `politburo join` fills them in."""

    address: str
    code: str
    seat: str = ""
    name: str = ""

    def terminal(self) -> str:
        """The same join, played in the terminal."""
        return f"politburo join {self.address} --code {self.code} --text"


def compile_in_background() -> subprocess.Popen | None:
    """Start compiling the rules for next time if they never were (see :mod:`game.warm`): the
    window plays the interpreted rules meanwhile and shows nothing of it. The process, if one
    was started."""
    from game import warm

    return warm.start_in_background()
