"""The game window as it is played: the :class:`~game.ui.stage.Stage` with the screens any scene
can open, which only this module knows by class (the scenes ask for them through the Stage).

The screens are imported when first opened, not with the window: the board brings the whole
game with it, and the window opens on the title screen in under a second.

Tests construct an :class:`App` under the dummy video driver, post real pygame events and call
:meth:`App.step` to run frames.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .settings import load_settings
from .stage import Scene, Stage

if TYPE_CHECKING:
    from game.net.report import Reporter

    from .session import GameSession


class App(Stage):
    """The game window, its scene stack and the screens every scene may open."""

    @classmethod
    def start(cls) -> App:
        """The window with the player's settings (and a notice if they could not be read)."""
        settings, notice = load_settings()
        return cls(settings=settings, notice=notice)

    def open_encyclopedia(self, entry: str | None = None) -> None:
        from .scenes.encyclopedia import EncyclopediaScene

        self.push(EncyclopediaScene(self, entry))

    def show_help(self) -> None:
        from .scenes.dialogs import HelpOverlay

        if not isinstance(self.top, HelpOverlay):
            self.push(HelpOverlay(self, self.playing()))

    def confirm(self, question: str, yes: str, on_yes: Callable[[], None],
                no: str = "Cancel") -> None:
        from .scenes.dialogs import Confirm

        self.push(Confirm(self, question, yes, on_yes, no))

    def toast(self, message: str, title: str = "Note") -> None:
        from .scenes.dialogs import Message

        self.push(Message(self, message, title))

    def home(self) -> None:
        from .scenes.title import TitleScene

        self.replace(TitleScene(self))

    def play(self, session: GameSession) -> Scene:
        from .scenes.board import BoardScene

        self.home()
        if self.reporter is not None:  # politburo play --class: the game reports to the class
            self._report(session, self.reporter)
        return self.push(BoardScene(self, session))

    @staticmethod
    def _report(session: GameSession, reporter: Reporter) -> None:
        """Report ``session``'s game to the class page, as a new game, from now on."""
        from game import saves

        def warn(problem: str) -> None:  # shown on the board after the next turn
            session.notice = (f"{problem[0].upper()}{problem[1:]}; the game goes on and is "
                              "saved here.")

        reporter.start_game()
        reporter.warn = warn
        session.reporter = reporter
        reporter.send(saves.table_snapshot(session))

    def playing(self) -> GameSession | None:
        """The game being played under the top scene, if any (its board's session)."""
        from .scenes.board import BoardScene

        board = next((s for s in reversed(self.scenes) if isinstance(s, BoardScene)), None)
        return None if board is None else board.session
