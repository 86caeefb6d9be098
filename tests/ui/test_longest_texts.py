"""The window with every text of a scenario as long as the validator allows (game.content.limits):
a whole short game by clicks, the setup screens, the encyclopedia and the debrief draw, no frame
freezes and no label is too small for its text."""

from __future__ import annotations

import time

import pygame
import pytest
import yaml

from game.content import limits, loader
from game.content.loader import find_scenario, load_scenario
from game.ui.scenes.board import BoardScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.report import TurnReport
from game.ui.scenes.setup import ContenderScene, ScenarioScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession
from tests.ui.test_play import decide_cards, option_rows

WORST_FRAME_SECONDS = 3.0  # a frozen window takes tens of seconds; a slow frame well under one


def longest(field: str, seed: int) -> str:
    """A text of exactly the field's limit: one unbreakable word first, then words."""
    limit = limits.text_limit(field)
    words = "W" * min(40, limit) + "".join(f" word{seed}{i}" for i in range(limit))
    return words[:limit]


def inflate(value, field: str | None = None, counter: list[int] | None = None):
    """Every free text of a scenario at its limit (ids and references left as they are)."""
    counter = counter if counter is not None else [0]
    if isinstance(value, dict):  # a rule's name names a rule: a reference, not a text
        return {k: v if k == "rule" else inflate(v, k, counter) for k, v in value.items()}
    if isinstance(value, list):
        return [inflate(v, field, counter) for v in value]
    if isinstance(value, str) and field in limits.TEXT and field != "id":
        counter[0] += 1
        return longest(field, counter[0])
    return value


@pytest.mark.filterwarnings("error:Label Rect is too small")  # shortened, never cut off
def test_the_longest_texts_allowed_never_freeze_the_window(ui, tmp_path, monkeypatch):
    data = yaml.safe_load(find_scenario("succession_1924").read_text(encoding="utf-8"))
    data["axis"] = dict.fromkeys(("about", "left", "right", "left_wants", "right_wants"), "x")
    data["factors"] = dict.fromkeys(limits.FACTOR_IDS, "x")  # the scenario's names for them
    big = inflate(data)
    path = tmp_path / "long_texts.yaml"
    path.write_text(yaml.safe_dump(big, allow_unicode=True, width=100), encoding="utf-8")
    scenario = load_scenario(path)  # valid: every text is at, not over, its limit
    assert len(scenario.contenders[0].name) == limits.TEXT["name"]
    monkeypatch.setattr(loader, "shipped_scenarios", lambda: [path])
    app = ui.app
    app.settings = app.settings.model_copy(update={"animation_speed": "off"})
    worst = 0.0
    step = app.step

    def timed(events, dt):
        nonlocal worst
        start = time.perf_counter()
        step(events, dt)
        worst = max(worst, time.perf_counter() - start)

    monkeypatch.setattr(app, "step", timed)
    app.push(TitleScene(app))
    ui.frames()
    ui.click_button("New game")
    assert isinstance(ui.scene, ScenarioScene)
    ui.press(pygame.K_DOWN)
    ui.click_button("Choose contender")
    assert isinstance(ui.scene, ContenderScene)
    app.pop()
    app.pop()
    board = app.push(BoardScene(app, GameSession.new(scenario, ["stalin"], 7, length="short")))
    ui.frames()
    app.open_encyclopedia()
    ui.frames()
    app.pop()
    app.show_help()
    ui.frames()
    app.pop()
    while not isinstance(ui.scene, EndScene):
        decide_cards(ui)
        if isinstance(ui.scene, BoardScene):
            rows = [r for r in option_rows(board) if board.session.why_not(r[1]) is None]
            if rows:
                ui.click(rows[0][0].center)
            ui.move(rows[0][0].center if rows else (300, 300))
            ui.frames(20)  # long enough for a tooltip to open
            ui.click_button("End turn")
            ui.click_button("End turn")
        while isinstance(ui.scene, TurnReport):
            ui.click(ui.scene.focus[-1])
    ui.frames()
    for _ in range(8):  # on through the end screen into the debrief and its tabs
        ui.click(ui.scene.focus[-1])
        ui.frames(3)
    assert board.session.finished
    assert worst < WORST_FRAME_SECONDS, f"a frame took {worst:.1f} s"
