"""Small overlays: a question to confirm, a message, and the keyboard help."""

from __future__ import annotations

from collections.abc import Callable

import pygame
from pygame_gui.elements import UITextBox

from ..stage import Scene, Stage

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Tab / arrows", "move between buttons"),
    ("Enter / Space", "press the highlighted button"),
    ("Esc", "go back, or open the game menu on the board"),
    ("F1 or ?", "this help"),
    ("I (or right-click)", "read about what is under the mouse in the encyclopedia"),
    ("1-9", "on the board: choose the action with that number on this page"),
    ("Up / Down", "on the board: move along the actions, page after page; Enter chooses"),
    ("PgUp / PgDn", "on the board: page through the actions"),
    ("G", "on the board: how you win, and where you stand"),
    ("U or Backspace", "on the board: undo the last choice"),
    ("E", "on the board: end the turn"),
    ("C", "on the board: show this turn's event cards again"),
    ("S", "on the board: save the game"),
    ("F5", "on the board, for modders: reload the scenario's file and go on with it (the game is "
     "replayed on it, and marked as changed)"),
    ("Left / Right", "in the encyclopedia: mark a link of the article; Enter follows it"),
    ("F11", "window or full screen"),
)


class Overlay(Scene):
    """A sheet over a dimmed picture of the screen as it was when the overlay opened."""

    overlay = True
    sheet_size = (620, 300)
    backdrop: pygame.Surface | None = None

    def build(self) -> None:
        window = self.app.window
        if self.backdrop is None or self.backdrop.get_size() != window.get_size():
            self.backdrop = window.copy()  # Stage.push drew the scenes below into it
            shade = pygame.Surface(window.get_size(), pygame.SRCALPHA)
            shade.fill((*self.app.palette.ink, 170))
            self.backdrop.blit(shade, (0, 0))
        super().build()

    def layout(self, area: pygame.Rect) -> None:
        self.k = min(area.width / 1280, area.height / 720)
        w = min(round(self.sheet_size[0] * self.k), area.width - 40)
        h = min(round(self.sheet_size[1] * self.k), area.height - 40)
        self.sheet = pygame.Rect(0, 0, w, h)
        self.sheet.center = area.center
        self.fill(self.sheet.inflate(-40, -32))

    def draw(self, surface: pygame.Surface) -> None:
        if self.backdrop is not None:
            surface.blit(self.backdrop, (0, 0))
        p = self.app.palette
        surface.fill(p.paper, self.sheet)
        surface.fill(p.red, (self.sheet.left, self.sheet.top, self.sheet.width, 8))
        pygame.draw.rect(surface, p.ink, self.sheet, 3)

    def fill(self, inner: pygame.Rect) -> None:
        """The sheet's content (subclasses)."""

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.app.pop()
        else:
            super().key(event)

    def buttons_row(self, inner: pygame.Rect, labels: list[tuple[str, Callable[[], None]]]):
        """Buttons along the bottom of the sheet, the first one focused."""
        bw, bh, gap = round(200 * self.k), round(46 * self.k), round(16 * self.k)
        x = inner.right - len(labels) * bw - (len(labels) - 1) * gap
        made = []
        for label, action in labels:
            made.append(self.button(pygame.Rect(x, inner.bottom - bh, bw, bh), label, action))
            x += bw + gap
        self.focused = 0
        return made


class Confirm(Overlay):
    """Ask before something that cannot be taken back."""

    def __init__(
        self, app: Stage, question: str, yes: str, on_yes: Callable[[], None], no: str = "Cancel"
    ) -> None:
        super().__init__(app)
        self.question, self.yes, self.on_yes, self.no = question, yes, on_yes, no

    def layout(self, area: pygame.Rect) -> None:
        lines = max(2, len(self.question) // 55 + 1)
        self.sheet_size = (640, 170 + 26 * lines)
        super().layout(area)

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        UITextBox(
            self.question,
            pygame.Rect(inner.x, inner.y, inner.w, inner.h - round(60 * k)),
            self.app.ui,
            container=self.root,
            object_id="#sheet_text",
        )
        self.buttons_row(inner, [(self.no, self.app.pop), (self.yes, self._yes)])

    def _yes(self) -> None:
        self.app.pop()
        self.on_yes()


class Message(Overlay):
    """A message with one button."""

    def __init__(self, app: Stage, message: str, title: str = "Note") -> None:
        super().__init__(app)
        self.message, self.title = message, title

    def layout(self, area: pygame.Rect) -> None:
        self.sheet_size = (640, 190 + 24 * (len(self.message) // 60))
        super().layout(area)

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.heading(pygame.Rect(inner.x, inner.y, inner.w, round(40 * k)), self.title)
        UITextBox(
            self.message,
            pygame.Rect(inner.x, inner.y + round(44 * k), inner.w, inner.h - round(104 * k)),
            self.app.ui,
            container=self.root,
        )
        self.buttons_row(inner, [("OK", self.app.pop)])


class HelpOverlay(Overlay):
    """Every keyboard shortcut, and how to play with the mouse; over a game (``session``), how
    it is won first."""

    sheet_size = (760, 600)

    def __init__(self, app: Stage, session=None) -> None:
        super().__init__(app)
        self.session = session

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.heading(
            pygame.Rect(inner.x, inner.y, inner.w, round(44 * k)),
            "Help: how you win, keys and mouse" if self.session is not None
            else "Help: keys and mouse",
        )
        rows = "".join(f"<b>{k}</b>: {what}<br>" for k, what in SHORTCUTS)
        mouse = (
            "<br>With the mouse: click an action to choose it, click a chosen one to take it "
            "back, and press End turn. Rest the mouse on any number for what it is and why it "
            "has that value."
        )
        if self.session is not None:  # the goal first: it is what help is most often asked for
            rows = goal_of(self.session) + "<br><br>" + rows
        UITextBox(
            rows + mouse,
            pygame.Rect(inner.x, inner.y + round(50 * k), inner.w, inner.h - round(110 * k)),
            self.app.ui,
            container=self.root,
        )
        self.buttons_row(inner, [("Close", self.app.pop)])


def goal_of(session, descriptions: bool = False) -> str:
    """How the person at the board wins, and where they stand now."""
    from game.words.goal import standing

    from ..explain import goal_html

    return goal_html(session.scenario, session.me, session.length,
                     standing(session.match.state, session.me), descriptions)


class GoalOverlay(Overlay):
    """How you win: shown as a game begins (for each person at a hotseat table), and on G."""

    sheet_size = (860, 620)

    def __init__(self, app: Stage, session, then: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.session, self.then = session, then

    def fill(self, inner: pygame.Rect) -> None:
        k = self.app.k
        self.heading(pygame.Rect(inner.x, inner.y, inner.w, round(44 * k)), "How you win")
        UITextBox(
            goal_of(self.session, descriptions=True),
            pygame.Rect(inner.x, inner.y + round(50 * k), inner.w, inner.h - round(110 * k)),
            self.app.ui,
            container=self.root,
        )
        self.buttons_row(inner, [("To the game", self.close)])

    def close(self) -> None:
        self.app.pop()
        if self.then is not None:
            self.then()

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_ESCAPE:
            self.close()
        else:
            super().key(event)
