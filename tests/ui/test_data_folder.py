"""The window with a data folder holding what the game did not put there: pipes, folders and
links where files should be, names that are not UTF-8, saves of no person's game. The title,
Load, Continue and the start of the game carry on, each with a message where one is due."""

from __future__ import annotations

import os
import threading

import pytest

from game import paths, saves
from game.ui.app import App
from game.ui.scenes.dialogs import Message
from game.ui.scenes.saveload import LoadScene, open_save
from game.ui.scenes.title import TitleScene

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _hostile_folder() -> None:
    home = paths.data_dir()
    slots = home / "saves"
    slots.mkdir(parents=True)
    os.mkfifo(slots / "pipe.json")
    (slots / "folder.json").mkdir()
    (slots / "loop.json").symlink_to(slots / "loop.json")
    (slots / "dangling.json").symlink_to(home / "nowhere")
    (slots / "empty.json").write_bytes(b"")
    (slots / "zero.json").symlink_to("/dev/zero")
    os.close(os.open(os.fsencode(slots) + b"/\xff\xfe name.json", os.O_CREAT | os.O_WRONLY))
    os.mkfifo(home / "settings.json")
    scenarios = home / "scenarios"
    scenarios.mkdir()
    os.mkfifo(scenarios / "pipe.yaml")
    (scenarios / "zero.yaml").symlink_to("/dev/zero")


def _within(seconds: float, action) -> None:
    """Run ``action``; fail if it has not returned within ``seconds`` (a hang)."""
    errors: list[BaseException] = []

    def go() -> None:
        try:
            action()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            errors.append(e)

    t = threading.Thread(target=go, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "it hung"
    if errors:
        raise errors[0]


def test_a_hostile_data_folder_starts_loads_and_continues(ui):
    _hostile_folder()
    _within(20, lambda: App.start())  # settings: a pipe is no settings file
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("Load")
    assert isinstance(ui.scene, LoadScene)
    slots = {s.name: s for s in ui.scene.slots}
    assert len(slots) == 7 and not any(s.ok for s in slots.values())
    assert "not a regular file" in slots["pipe"].summary
    for i in range(len(ui.scene.slots)):
        ui.scene._select(i)
        ui.scene.load()
        assert isinstance(ui.scene, Message)
        ui.click_button("OK")
    ui.press(27)  # Esc
    catalogue = ui.app.catalogue()
    assert {e.path.name for e in catalogue.broken} >= {"pipe.yaml", "zero.yaml"}


def test_an_autosave_that_is_a_pipe_is_passed_over(ui):
    pipe = paths.new_autosave_path("succession_1924", ["stalin"])
    pipe.parent.mkdir(parents=True)
    os.mkfifo(pipe)
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    _within(20, lambda: ui.click_button("Continue"))  # the pipe is passed over, not waited on
    assert isinstance(ui.scene, Message) and "Every autosaved game is over" in ui.scene.message
    ui.click_button("OK")
    assert open_save(ui.app, pipe) is False
    assert isinstance(ui.scene, Message)


def test_a_game_of_ai_seats_only_is_refused_with_a_message(ui):
    from game.content.loader import find_scenario, load_scenario
    from game.engine import Match

    match = Match.start(load_scenario(find_scenario("succession_1924")), 3)
    path = paths.data_dir() / "saves" / "all ai.json"
    saves.save_match(path, match, [], "standard")
    ui.app.push(TitleScene(ui.app))
    assert open_save(ui.app, path) is False
    assert isinstance(ui.scene, Message)
    assert "no seat played by a person" in ui.scene.message
