"""F5 on the board reloads the scenario file from disk (for modders): the window says what
changed and goes on with the new version, the game's record replayed on it; a file that is now
invalid, or that the record no longer fits, is named in one line and the old scenario stays.
Driven with real key events."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pygame
import pytest

from game import saves
from game.ui.scenes.board import BoardScene
from game.ui.scenes.cards import CardsScene
from game.ui.scenes.dialogs import GoalOverlay, Message
from game.ui.session import GameSession

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def modded(home) -> Path:
    """A modder's scenario in the user's scenarios folder."""
    folder = home / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "two_rivals.yaml"
    shutil.copy(DATA / "two_rivals.yaml", path)
    return path


def to_board(ui) -> BoardScene:
    while isinstance(ui.scene, (GoalOverlay, CardsScene)):
        ui.click(ui.scene.focus[-1])
    assert isinstance(ui.scene, BoardScene)
    return ui.scene


def start(ui) -> BoardScene:
    entry = ui.app.catalogue().get("two_rivals")
    assert entry is not None and entry.origin == "user"
    ui.app.play(GameSession.new(entry.scenario, ["vera"], seed=5))
    ui.frames()
    return to_board(ui)


def play_turns(ui, board: BoardScene, n: int) -> None:
    for _ in range(n):
        board.session.submit()
        board.refresh()
    ui.frames()


def press_f5(ui) -> Message:
    ui.press(pygame.K_F5)
    assert isinstance(ui.scene, Message)
    return ui.scene


def said(message: Message) -> str:
    """The message as the player reads it (the box shows HTML)."""
    return html.unescape(message.message)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_f5_goes_on_with_the_changed_file_and_says_what_changed(ui, modded):
    board = start(ui)
    play_turns(ui, board, 2)
    before = board.session.match.state.fingerprint()
    edit(modded, "text: Bread runs short. Who is to blame?", "text: The bakeries are empty.")
    edit(modded, "members: 5000", "members: 9000")
    message = press_f5(ui)
    assert message.title == "Scenario reloaded"
    assert said(message).startswith(
        "Reloaded two_rivals.yaml: regions changed: capital; events changed: crisis. The game "
        "was replayed on it from the start")
    ui.click_button("OK")
    session = board.session
    assert session.scenario.events[1].text == "The bakeries are empty."
    assert session.match.state.turn == 2
    assert session.match.state.fingerprint() != before  # the capital has more members now
    assert session.match.touches == [
        "turn 3: the scenario was reloaded from its file (regions changed: capital; events "
        "changed: crisis)"]
    # New games are played on the file as it is now, too.
    assert ui.app.catalogue().get("two_rivals").scenario.regions[0].members == 9000
    # The save is marked, and replays on the file as it is now.
    path = modded.parent.parent / "touched.json"
    assert session.save_to(path) is None
    save = saves.load_save(path)
    assert save.touched and save.touches == session.match.touches
    assert saves.resume(save, session.scenario).state.fingerprint() == \
        session.match.state.fingerprint()


def test_f5_with_an_invalid_file_names_the_first_problem_and_keeps_the_game(ui, modded):
    board = start(ui)
    play_turns(ui, board, 1)
    scenario, state = board.session.scenario, board.session.match.state
    edit(modded, "rank: 9}", "rank: 9, powerz: [army]}")
    message = press_f5(ui)
    assert message.title == "Scenario not reloaded"
    assert said(message).startswith("two_rivals.yaml is not valid now: office 'marshal': "
                                    "unknown field 'powerz' (did you mean 'powers'?) at line 32")
    assert said(message).endswith("The game goes on with the scenario as it was.")
    ui.click_button("OK")
    assert board.session.scenario is scenario and board.session.match.state is state
    assert board.session.match.touches == []
    assert isinstance(ui.scene, BoardScene)
    ui.press(pygame.K_F5)  # once the file is fixed, F5 takes it
    assert ui.scene.title == "Scenario not reloaded"  # still invalid
    ui.click_button("OK")
    edit(modded, ", powerz: [army]}", "}")
    assert "has not changed" in press_f5(ui).message


def test_f5_keeps_the_old_scenario_when_the_record_no_longer_fits(ui, modded):
    board = start(ui)
    play_turns(ui, board, 3)  # the bread crisis came and was voted on in the third turn
    assert any("decide crisis" in a for o in board.session.match.orders for acts in o.values()
               for a in acts)
    edit(modded, "when: 1950-Q3\n", "when: 1951-Q3\n")
    message = press_f5(ui)
    assert message.title == "Scenario not reloaded"
    assert "changed (events changed: crisis), but this game's record no longer fits it: the " \
        "orders of turn 3" in said(message)
    assert board.session.scenario.events[1].when == "1950-Q3"


def test_the_help_lists_f5(ui):
    from game.ui.scenes.dialogs import SHORTCUTS

    assert any(key == "F5" for key, _ in SHORTCUTS)


def test_at_a_hotseat_table_everyone_chooses_again_behind_the_privacy_screen(ui, modded):
    from game.ui.scenes.hotseat import PrivacyScreen

    entry = ui.app.catalogue().get("two_rivals")
    session = GameSession.new(entry.scenario, ["vera", "ivan"], seed=5)
    session.autosave = False
    board = ui.app.play(session)
    ui.frames()
    while not isinstance(ui.scene, BoardScene):
        ui.click(ui.scene.focus[-1])
    session.submit()  # Orlova has chosen; Petrov is at the board
    assert session.me == "ivan"
    edit(modded, "members: 5000", "members: 6000")
    message = press_f5(ui)
    assert message.title == "Scenario reloaded" and session.me == "vera"
    ui.click_button("OK")
    assert isinstance(ui.scene, PrivacyScreen)
    assert board.session is session
