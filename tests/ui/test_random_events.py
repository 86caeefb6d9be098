"""Thousands of random events into the window (keys, clicks, drags, wheels, typing, resizes,
the mouse leaving) on the title screen, the board of a game, and the end screen and debrief of a
finished one. Whatever a person or a cat on the keyboard does, nothing raises."""

from __future__ import annotations

import random

import pygame
import pytest

from game.ai import ai_orders
from game.content.loader import find_scenario, load_scenario
from game.ui.scenes.board import BoardScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession

EVENTS_PER_PHASE = 1_200  # three phases: 3,600 events, about 1,200 frames
KEYS = [
    pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_TAB, pygame.K_SPACE, pygame.K_UP, pygame.K_DOWN,
    pygame.K_LEFT, pygame.K_RIGHT, pygame.K_BACKSPACE, pygame.K_DELETE, pygame.K_F1,
    pygame.K_F11, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END,
    *range(pygame.K_a, pygame.K_z + 1), *range(pygame.K_0, pygame.K_9 + 1),
]
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    pos = (rng.randrange(-20, w + 20), rng.randrange(-20, h + 20))
    roll = rng.random()
    if roll < 0.30:
        key = rng.choice(KEYS) if rng.random() < 0.9 else rng.randrange(0, 2**30)
        kind = pygame.KEYDOWN if rng.random() < 0.7 else pygame.KEYUP
        return pygame.event.Event(kind, key=key, mod=rng.choice(MODS), unicode="", scancode=0)
    if roll < 0.55:
        kind = pygame.MOUSEBUTTONDOWN if rng.random() < 0.5 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(kind, pos=pos, button=rng.choice([1, 1, 1, 2, 3, 4, 5]))
    if roll < 0.75:
        buttons = (rng.random() < 0.2, False, False)
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=buttons)
    if roll < 0.85:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]),
                                  flipped=False, precise_x=0.0, precise_y=1.0)
    if roll < 0.97:
        text = rng.choice(["a", "Z", "7", " ", "é", "Ж", "\u202e", "\x00", "<b>", "&amp;"])
        return pygame.event.Event(pygame.TEXTINPUT, text=text)
    if roll < 0.99:
        return pygame.event.Event(pygame.WINDOWLEAVE)
    new = (rng.choice([1000, 1280, 1600, 2200]), rng.choice([600, 720, 900, 1300]))
    return pygame.event.Event(pygame.VIDEORESIZE, size=new, w=new[0], h=new[1])


def storm(app, rng: random.Random, start) -> None:
    """Random events on a fresh stack holding ``start()``'s scene, a frame every few events;
    back to it whenever the stack empties or the game is quit."""
    app.replace(start())
    for _ in range(EVENTS_PER_PHASE):
        pygame.event.post(random_event(rng, app.size))
        if rng.random() < 0.35:
            app.step(pygame.event.get(), rng.choice([0.0, 1 / 60, 0.5]))
        if not app.running or app.top is None:
            app.running = True
            app.replace(start())


@pytest.fixture
def finished_session():
    scenario = load_scenario(find_scenario("succession_1924"))
    session = GameSession.new(scenario, ["trotsky"], 3, length="short")
    session.autosave = False
    while not session.finished:
        session.match.play(ai_orders(session.match.state))
    return session


def test_random_events_never_raise(ui, monkeypatch, finished_session):
    monkeypatch.setattr("webbrowser.open", lambda *a, **k: False)
    app = ui.app
    rng = random.Random(1924)
    scenario = load_scenario(find_scenario("succession_1924"))
    storm(app, rng, lambda: TitleScene(app))
    storm(app, rng, lambda: BoardScene(app, GameSession.new(scenario, ["stalin", "bukharin"], 9)))
    storm(app, rng, lambda: rng.choice([EndScene, DebriefScene])(app, finished_session))
    app.step(pygame.event.get(), 0.0)
