"""The end screen and the debrief in the window, driven by clicks and keys."""

from __future__ import annotations

import pygame

from game.ui.scenes.debrief import TABS, DebriefScene
from game.ui.scenes.dialogs import Message
from game.ui.scenes.end import EndScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession


def finished_session(app) -> GameSession:
    sc = app.catalogue().get("succession_1924").scenario
    session = GameSession.new(sc, ["bukharin"], seed=11)
    session.autosave = False
    while not session.finished:
        session.submit()  # Bukharin passes; the AI plays the rest
    return session


def test_the_end_screen_leads_to_the_debrief_and_its_report(ui, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", lambda uri: opened.append(uri) or True)
    session = finished_session(ui.app)
    ui.app.push(TitleScene(ui.app))
    end = ui.app.push(EndScene(ui.app, session))
    ui.frames()
    assert end.result is not None
    ui.click_button("Debrief")
    scene = ui.scene
    assert isinstance(scene, DebriefScene)
    assert scene.d.humans == ["bukharin"]
    for n, _name in enumerate(TABS):
        ui.press(pygame.K_1 + n)
        assert ui.scene.tab == n
        assert ui.scene.box.html_text.strip()
    ui.click_button("Questions")
    assert "1." in ui.scene.box.html_text
    ui.click_button("Save report")
    assert scene.saved is not None and scene.saved.is_file()
    text = scene.saved.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Bukharin" in text
    ui.click_button("Open report")
    assert opened == [scene.saved.as_uri()]
    assert isinstance(ui.scene, Message)
    ui.click_button("OK")
    ui.click_button("Open handout")
    assert opened[-1] == scene.saved.as_uri() and "handout-" in scene.saved.name
    assert "Politburo \u00b7 Handout" in scene.saved.read_text(encoding="utf-8")
    ui.click_button("OK")
    ui.press(pygame.K_ESCAPE)
    assert ui.scene is end
    spot = next(s for s in scene.hotspots if "Support over time" in s.tip)
    assert spot.rect.width > 100


def test_the_debrief_of_a_touched_game_says_so_on_every_tab(ui):
    sc = ui.app.catalogue().get("succession_1924").scenario
    session = GameSession.new(sc, ["bukharin"], seed=11, length="short")
    session.autosave = False
    session.match.fire("trotsky_reads_testament", "read_it_out")
    while not session.finished:
        session.submit()
    ui.app.push(TitleScene(ui.app))
    ui.app.push(EndScene(ui.app, session))
    ui.frames()
    ui.click_button("Debrief")
    for n, _name in enumerate(TABS):
        ui.press(pygame.K_1 + n)
        assert "This game was changed with the debug console" in ui.scene.box.html_text
        assert "fired event" in ui.scene.box.html_text
