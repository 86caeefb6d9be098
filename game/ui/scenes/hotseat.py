"""Hotseat: a screen that hides the board while the computer passes to the next person."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UILabel

from ..stage import Scene


class PrivacyScreen(Scene):
    """A full screen (not an overlay): nothing of the previous person's board shows."""

    def __init__(self, app, board) -> None:
        super().__init__(app)
        self.board = board

    def layout(self, area: pygame.Rect) -> None:
        k = self.app.k
        name = self.board.session.view().mine.name
        w, h = area.size
        self.heading(
            pygame.Rect(0, h // 2 - round(120 * k), w, round(80 * k)),
            f"Pass the computer to {name}",
        )
        UILabel(
            pygame.Rect(0, h // 2 - round(40 * k), w, round(36 * k)),
            "Everyone else, look away: the next screen shows secrets.",
            self.app.ui,
            container=self.root,
        )
        self.focus_on(
            self.button(
                pygame.Rect(
                    w // 2 - round(200 * k), h // 2 + round(30 * k), round(400 * k), round(56 * k)
                ),
                f"I am {self.board.session.view().mine.short}: show my board",
                self.reveal,
            )
        )

    def draw(self, surface: pygame.Surface) -> None:
        pygame.draw.rect(surface, self.app.palette.red, (0, 0, surface.get_width(), 18))

    def reveal(self) -> None:
        """The board of the person now at the computer: first their own report of the last
        turn (read before they pass the computer on), then this turn's cards."""
        from .report import TurnReport

        self.app.pop()
        self.board.refresh()
        session = self.board.session
        if session.last_events:
            self.app.push(TurnReport(self.app, self.board, session.played(),
                                     session.visible_events(), session.me))
        else:
            self.board.open_turn()
