"""The game menu over the board (Esc): save, load, settings, encyclopedia, help, quit."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from ..explain import esc
from ..session import GameSession
from .dialogs import Overlay


class GameMenu(Overlay):
    sheet_size = (420, 560)

    def __init__(self, app, session: GameSession) -> None:
        super().__init__(app)
        self.session = session

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.heading(pygame.Rect(inner.x, inner.y, inner.w, round(50 * k)), "Menu")
        items = self.items()
        y = inner.y + round(56 * k)
        step = (inner.bottom - y) // len(items)
        for label, action in items:
            self.button(pygame.Rect(inner.x, y, inner.w, step - round(8 * k)), label, action)
            y += step
        self.focused = 0

    def items(self) -> list[tuple[str, Callable[[], None]]]:
        """The menu's buttons, top to bottom."""
        return [
            ("Resume", self.app.pop),
            ("Save", self.save),
            ("Load", self.load),
            ("Settings", self.settings),
            ("Encyclopedia", self.app.open_encyclopedia),
            ("Help", self.app.show_help),
            ("Quit to title", self.quit_to_title),
            ("Quit game", self.quit_game),
        ]

    def save(self) -> None:
        from .saveload import SaveScene

        self.app.pop()
        self.app.push(SaveScene(self.app, self.session))

    def load(self) -> None:
        from .saveload import LoadScene

        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def _lost(self) -> str:
        if self.session.autosaver.problem:
            problem = esc(self.session.autosaver.problem)
            return f"The autosave failed ({problem}). {esc(self.session.unsaved())}"
        if self.session.picks:
            return (
                "The choices you made this turn are lost; the game is saved up to the "
                "last completed turn (Continue on the title screen)."
            )
        return "The game is saved up to the last completed turn (Continue on the title screen)."

    def quit_to_title(self) -> None:
        self.app.confirm(
            f"Quit to the title screen? {self._lost()}", "Quit to title", self.app.home
        )

    def quit_game(self) -> None:
        self.app.confirm(
            f"Quit the game? {self._lost()}", "Quit", lambda: setattr(self.app, "running", False)
        )
