"""Every screen at every window size and text size: no widget out of the window or over
another, no label or button too small for its text, and no drawn text cut short (the drawing
code notes every text it had to shorten in ``draw.CUTS``)."""

from __future__ import annotations

import pytest

from game.ai import ai_orders
from game.engine import Match
from game.ui import draw
from game.ui.scenes.board import BoardScene
from game.ui.scenes.cards import CardsScene
from game.ui.scenes.dialogs import GoalOverlay
from game.ui.scenes.end import EndScene
from game.ui.scenes.hotseat import PrivacyScreen
from game.ui.scenes.report import TurnReport
from game.ui.scenes.saveload import LoadScene
from game.ui.scenes.setup import ScenarioScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession
from game.ui.settings import TEXT_SIZES

from .test_settings import SIZES, layout_problems, resize

_FINISHED: dict[str, Match] = {}


def finished_match(scenario) -> Match:
    """A short game played to its end by the AI (once)."""
    if scenario.id not in _FINISHED:
        match = Match.start(scenario.with_length("short"), 11)
        while not match.state.finished:
            match.play(ai_orders(match.state))
        _FINISHED[scenario.id] = match
    return _FINISHED[scenario.id]


def check(ui, name: str) -> list[str]:
    """What is wrong with the top scene's layout, after a few frames."""
    draw.CUTS.clear()
    ui.frames(3)
    return [f"{name}: {p}" for p in layout_problems(ui.app)] + [
        f"{name}: drawn text cut short: {c!r}" for c in draw.CUTS
    ]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("text_size", list(TEXT_SIZES))
def test_every_screen_fits(ui, size, text_size):
    resize(ui, size, text_size)
    app = ui.app
    problems = []
    app.push(TitleScene(app))
    problems += check(ui, "title")
    app.push(ScenarioScene(app))
    problems += check(ui, "scenario")
    app.top.go()
    problems += check(ui, "contender")
    scenario = app.top.scenario
    session = GameSession.new(scenario, ["stalin"], seed=1924, length="short")
    session.autosave = False
    app.replace(TitleScene(app))
    board = app.push(BoardScene(app, session))
    ui.frames(2)
    assert isinstance(app.top, GoalOverlay)
    problems += check(ui, "goal")
    app.top.close()
    ui.frames(1)
    assert isinstance(app.top, CardsScene)
    for i in range(len(app.top.cards)):
        app.top.index = i
        app.top.build()
        problems += check(ui, f"card {i + 1}")
    app.pop()
    problems += check(ui, "board")
    for page in range(board.pages):
        board.page = page
        board.refresh()
        problems += check(ui, f"board, actions page {page + 1}")
    app.show_help()
    problems += check(ui, "help")
    app.pop()
    board.menu()
    problems += check(ui, "menu")
    app.pop()
    board.save()
    problems += check(ui, "save")
    app.pop()
    session.choose(0)
    board.end_turn()
    problems += check(ui, "confirm")
    app.top._yes()
    ui.frames(2)
    report = app.top
    assert isinstance(report, TurnReport)
    app.settings = app.settings.model_copy(update={"animation_speed": "off"})
    while report.vote is not None:
        problems += check(ui, f"vote {report.page + 1}, blocs from {report.first_bloc + 1}")
        report.next()
    problems += check(ui, "report")
    end = GameSession(finished_match(scenario), ["stalin"], autosave=False)
    app.replace(TitleScene(app))
    app.push(EndScene(app, end))
    problems += check(ui, "end")
    app.top.debrief()
    problems += check(ui, "debrief")
    app.replace(TitleScene(app))
    app.push(LoadScene(app))
    problems += check(ui, "load")
    hotseat = GameSession.new(scenario, ["stalin", "trotsky"], seed=3, length="short")
    hotseat.autosave = False
    seat_board = app.push(BoardScene(app, hotseat))
    app.push(PrivacyScreen(app, seat_board))
    problems += check(ui, "privacy")
    assert not problems, "\n".join(problems)
