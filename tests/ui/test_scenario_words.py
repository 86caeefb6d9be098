"""The window speaks the scenario's words (issue 18, item 2): a whole game of the fictional
council, played by real events, with its help, goal, cards, menu, turn reports, tooltips, end
screen and debrief, never draws "Politburo", "Central Committee", "Congress", the NEP, Left or
Right, Lenin or a default factor name that the scenario renamed."""

from __future__ import annotations

import html
import re

import pygame
import pytest
from scenario_words import FICTIONAL, foreign_words

from game.content.loader import load_scenario
from game.ui import draw
from game.ui.scenes.board import BoardScene
from game.ui.scenes.debrief import TABS, DebriefScene
from game.ui.scenes.end import EndScene
from game.ui.scenes.report import TurnReport
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession

from .test_play import decide_cards, end_turn, option_rows


class Seen:
    """Every text the window shows: what its fonts render, the widgets' texts and the
    tooltips of the top scene's hot spots."""

    def __init__(self) -> None:
        self.texts: set[str] = set()

    def font(self, real):
        seen = self

        class Recording:
            def __init__(self, f) -> None:
                self._f = f

            def render(self, words, *args, **kw):
                seen.texts.add(str(words))
                return self._f.render(words, *args, **kw)

            def __getattr__(self, name):
                return getattr(self._f, name)

        def font(kind: str, size: int):
            return Recording(real(kind, size))

        font.cache_clear = real.cache_clear  # type: ignore[attr-defined]
        return font

    def look(self, ui) -> None:
        for element in ui.app.ui.get_sprite_group().sprites():
            for name in ("text", "html_text"):
                words = getattr(element, name, None)
                if isinstance(words, str):
                    self.texts.add(words)
        for spot in getattr(ui.scene, "hotspots", []):
            self.texts.add(spot.tip)

    def words(self) -> str:
        plain = (html.unescape(re.sub(r"<[^>]+>", " ", t)) for t in self.texts)
        return "\n".join(plain)


@pytest.fixture
def seen(ui, monkeypatch) -> Seen:
    s = Seen()
    monkeypatch.setattr(draw, "font", s.font(draw.font))
    return s


def test_a_whole_game_of_the_council_shows_only_its_words(ui, seen):
    ui.app.settings = ui.app.settings.model_copy(update={"animation_speed": "off"})
    sc = load_scenario(FICTIONAL)
    session = GameSession.new(sc, ["ilse"], seed=3)
    session.autosave = False
    ui.app.push(TitleScene(ui.app))
    board = ui.app.push(BoardScene(ui.app, session))
    ui.frames()
    seen.look(ui)
    terms = {spot.term for spot in board.hotspots}  # right-click: the encyclopedia, by name
    assert {"Assembly of Burghers", "Great Convention", sc.axis.about} <= terms
    assert not terms & {"central_committee", "congress", "nep"}
    for key in (pygame.K_F1, pygame.K_g):  # the help and the goal, then back
        ui.press(key)
        seen.look(ui)
        ui.press(pygame.K_ESCAPE)
    turns = 0
    while not isinstance(ui.scene, EndScene):
        assert turns <= sc.calendar.turns
        seen.look(ui)
        decide_cards(ui)
        if ui.scene is board:
            seen.look(ui)
            rows = [r for r in option_rows(board) if board.session.why_not(r[1]) is None]
            for row in rows[turns % 3: turns % 3 + 2]:  # different actions from turn to turn
                ui.move(row[0].center)  # the tooltip: why
                ui.frames(30, dt=0.05)
                seen.look(ui)
                ui.click(row[0].center)
            end_turn(ui)
            turns += 1
        while isinstance(ui.scene, TurnReport):
            seen.look(ui)
            ui.click(ui.scene.focus[-1])
    seen.look(ui)
    ui.scene.debrief()
    assert isinstance(ui.scene, DebriefScene)
    for tab in range(len(TABS)):
        ui.press(pygame.K_1 + tab)
        seen.look(ui)
    shown = seen.words()
    for words in ("COUNCIL OF ELDERS", "GRANARIES", "CHARTERS", "Assembly of Burghers",
                  "Great Convention", "The First Lamplighter's blessing"):
        assert words in shown, words
    assert foreign_words(shown) == []
