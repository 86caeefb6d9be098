"""The window under test: pygame's dummy video driver, real events posted to pygame's queue.

``ui`` drives an App the way a player does: ``ui.click(widget_or_point)`` posts a mouse press
and release and runs frames, ``ui.press(key)`` posts a key, ``ui.frames(n)`` runs frames.
"""

from __future__ import annotations

import os

import pytest

os.environ["SDL_VIDEODRIVER"] = os.environ.get("POLITBURO_TEST_VIDEO", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui import draw  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


class Driver:
    def __init__(self, app: App) -> None:
        self.app = app

    def frames(self, n: int = 2, dt: float = 1 / 30) -> None:
        for _ in range(n):
            self.app.step(pygame.event.get(), dt)

    def move(self, pos: tuple[int, int]) -> None:
        pygame.mouse.set_pos(pos)
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        )
        self.frames(1)

    def click(self, target, button: int = 1) -> None:
        """Click a widget (its centre) or a point, with real mouse events."""
        pos = target if isinstance(target, tuple) else target.get_abs_rect().center
        self.move(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
        self.frames(1)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
        self.frames(2)

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        )
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, scancode=0))
        self.frames(2)

    def type(self, text: str) -> None:
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
            self.frames(1)

    def button(self, text: str):
        """The top scene's button with this text (exactly one must exist)."""
        found = [b for b in self.app.top.buttons if b.text == text and b.visible]
        assert len(found) == 1, (
            f"{len(found)} buttons say {text!r} on {type(self.app.top).__name__}"
        )
        return found[0]

    def click_button(self, text: str) -> None:
        self.click(self.button(text))

    @property
    def scene(self):
        return self.app.top


@pytest.fixture
def ui():
    """A fresh window at 1280x720 with the default settings."""
    pygame.init()
    app = App(settings=Settings())
    yield Driver(app)
    pygame.quit()
    draw.font.cache_clear()  # fonts die with pygame.quit
