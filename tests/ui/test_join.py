"""The window joins a game hosted on the loopback address, driven with real events: the Join
screen filled in by typing, a refusal said in one line, the board waiting for the other seat
(played by a thread with the AI), the next turn's report, and a short game to its end."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pygame
import pytest
from hosting import hosted, make_room

from game import paths, saves
from game.ai import seat_orders
from game.net import client
from game.net.client import RemoteTable
from game.ui import draw
from game.ui.remote import Refusal
from game.ui.scenes.cards import CardsScene
from game.ui.scenes.debrief import DebriefScene
from game.ui.scenes.dialogs import Confirm, GoalOverlay, Message
from game.ui.scenes.end import EndScene
from game.ui.scenes.join import JoinScene
from game.ui.scenes.report import TurnReport
from game.ui.scenes.seat import RemoteBoardScene
from game.ui.scenes.title import TitleScene

SECONDS = 45  # the most any one wait below may take


class Rival:
    """Trotsky's seat, played by the AI on a thread; it ends a turn only when ``go`` is set
    (always, with ``eager``), so the test can look at the window waiting for it. (Both seats
    are on this computer here: tests give the seat token kept for the window to nobody, see
    :func:`no_kept_token`.)"""

    def __init__(self, address: str, eager: bool = False) -> None:
        self.address, self.eager = address, eager
        self.go = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        table = RemoteTable.join(self.address, "ABCD", "trotsky", "Lev")
        deadline = time.monotonic() + 4 * SECONDS
        while not (table.over or self.stop.is_set()) and time.monotonic() < deadline:
            if table.started and not table.submitted and (self.eager or self.go.is_set()):
                table.send_orders(seat_orders(table.match.state, table.seat))
                self.go.clear()
            table.poll(0.1)
        table.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(5)


@pytest.fixture(autouse=True)
def no_kept_token(monkeypatch):
    """The rival here sits at the same computer as the window, and a client asking for any
    free seat comes back to the last seat this computer took at that host: the window must
    not be handed the rival's seat by its token."""
    monkeypatch.setattr(client, "kept_token", lambda address, seat=None: None)


def until(ui, done: Callable[[], bool], what: str) -> None:
    """Run frames until ``done()``, for at most :data:`SECONDS`."""
    deadline = time.monotonic() + SECONDS
    while not done():
        assert time.monotonic() < deadline, f"no {what} within {SECONDS} s"
        ui.frames(1)
        time.sleep(0.01)


def fill_in(ui, address: str, code: str, seat: str = "", name: str = "") -> JoinScene:
    """From the title screen to the Join screen (J), each field clicked and typed into."""
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("Join a class game")
    scene = ui.scene
    assert isinstance(scene, JoinScene)
    for key, text in (("address", address), ("code", code), ("seat", seat), ("name", name)):
        if text:
            ui.click(scene.entries[key])
            ui.type(text)
    ui.frames(1)
    assert scene.values == {"address": address, "code": code, "seat": seat, "name": name}
    return scene


def drawn(monkeypatch) -> list[str]:
    """Every text drawn with draw.block from now on."""
    seen: list[str] = []
    block = draw.block

    def record(surface, words, *args, **kw):
        if surface is not None:
            seen.append(words)
        return block(surface, words, *args, **kw)

    monkeypatch.setattr(draw, "block", record)
    return seen


def to_the_board(ui) -> RemoteBoardScene:
    """Past the goal, the report and the cards, to the board."""
    until(ui, lambda: not isinstance(ui.scene, JoinScene), "board")
    while not isinstance(ui.scene, RemoteBoardScene):
        if isinstance(ui.scene, GoalOverlay):
            ui.click_button("To the game")
        elif isinstance(ui.scene, TurnReport):
            ui.click(ui.scene.focus[0] if ui.scene.vote is not None else ui.scene.focus[-1])
        elif isinstance(ui.scene, CardsScene | Message):
            ui.click(ui.scene.focus[-1])
        elif isinstance(ui.scene, EndScene):
            break
        else:
            ui.frames(1)
    return ui.scene


def end_turn(ui) -> None:
    ui.click_button("End turn")
    if isinstance(ui.scene, Confirm):
        ui.click_button("End turn")


def test_a_wrong_code_or_no_host_is_one_line_on_the_join_screen(ui, monkeypatch):
    seen = drawn(monkeypatch)
    with hosted(make_room(seats=("stalin", "trotsky"))) as game:
        scene = fill_in(ui, game.address, "WXYZ")
        ui.click_button("Join")
        until(ui, lambda: scene.joining is None, "answer")
        assert scene.error and "wrong join code" in scene.message
        assert ui.scene is scene and ui.button("Join").is_enabled
        assert scene.said() in seen[-3:]  # drawn, on the screen itself
        assert "Traceback" not in scene.message and "\n" not in scene.message
        assert not game.room.people  # the refused client took no seat
    scene.entries["code"].set_text("")
    ui.click(scene.entries["code"])
    ui.type("ab")  # too short: said before anything is sent
    ui.press(pygame.K_RETURN)
    assert scene.error and "4 to 12 letters" in scene.message and scene.joining is None
    scene.entries["address"].set_text("")
    ui.click(scene.entries["address"])
    ui.type("127.0.0.1:1")
    scene.entries["code"].set_text("")
    ui.click(scene.entries["code"])
    ui.type("ABCD")
    ui.click_button("Join")
    until(ui, lambda: scene.joining is None, "answer")
    assert scene.error and "Cannot reach a Politburo host at 127.0.0.1:1" in scene.message
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)


def test_the_window_plays_a_seat_waits_for_the_other_and_goes_on(ui, monkeypatch):
    seen = drawn(monkeypatch)
    with hosted(make_room(seats=("stalin", "trotsky"), turn_timer=900)) as game:
        scene = fill_in(ui, game.address, "abcd", "Stalin", "Ann")
        ui.click_button("Join")
        until(ui, lambda: scene.feed is not None, "seat")
        until(ui, lambda: "Waiting for the teacher" in scene.said(), "wait for the start")
        assert "Stalin's seat" in scene.said()
        rival = Rival(game.address)
        try:
            board = to_the_board(ui)
            session = board.session
            assert session.me == "stalin" and session.match.state.turn == 0
            assert "Turn timer: 1" in " ".join(seen[-40:])  # 15 minutes, counting down
            ui.click(board.rows[[r[1] is not None for r in board.rows].index(True)][0].center)
            assert len(session.picks) == 1
            seen.clear()
            end_turn(ui)
            until(ui, lambda: board.feed.status.waiting == ["trotsky"], "orders taken")
            ui.frames(3)  # the board is drawn again when the status comes
            assert session.waiting and "Waiting for Trotsky." in seen
            assert "Orders sent" in seen
            assert not ui.button("End turn").is_enabled
            assert game.room.submitted.keys() == {"stalin"}
            rival.go.set()
            until(ui, lambda: isinstance(ui.scene, TurnReport), "report of turn 1")
            assert session.match.state.turn == 1 and not session.waiting
            assert ui.scene.mine.did  # what the window's seat did, in its own report
            board = to_the_board(ui)
            assert ui.button("End turn").is_enabled and "Waiting for Trotsky." not in \
                board.panel_lines()
            # orders the host refuses are this turn's choices again
            ui.press(pygame.K_1)
            picks = list(session.picks)
            end_turn(ui)
            assert session.waiting and session.picks == []
            board.feed._queue.put(Refusal("those orders were for turn 1, and it is over"))
            until(ui, lambda: isinstance(ui.scene, Message), "refusal")
            assert "did not take your orders" in ui.scene.message
            ui.click_button("OK")
            assert session.picks == picks and not session.waiting
            assert ui.button("End turn").is_enabled
            # leaving hands the seat to the AI; joining again takes it back with its token
            ui.press(pygame.K_ESCAPE)
            ui.click_button("Leave game")
            ui.click_button("Leave game")
            assert isinstance(ui.scene, TitleScene)
            until(ui, lambda: "stalin" not in game.room.connected, "the host to see us go")
        finally:
            rival.close()


def test_a_short_game_joined_from_the_window_reaches_the_end_and_is_kept(ui):
    with hosted(make_room(seats=("stalin", "trotsky"))) as game:
        rival = Rival(game.address, eager=True)
        scene = fill_in(ui, game.address, "ABCD")
        ui.press(pygame.K_RETURN)  # in the code field: Enter joins
        try:
            board = to_the_board(ui)
            turns = board.session.match.scenario.calendar.turns
            while not isinstance(ui.scene, EndScene):
                assert isinstance(ui.scene, RemoteBoardScene)
                end_turn(ui)
                until(ui, lambda: not isinstance(ui.scene, RemoteBoardScene), "next turn")
                to_the_board(ui)
        finally:
            rival.close()
    end = ui.scene
    assert scene.feed is None and end.session.finished and end.session.me == "stalin"
    assert end.session.match.state.turn == turns
    kept = paths.data_dir() / "saves" / f"class-{game.room.game}.json"
    assert end.session.kept == kept and saves.load_save(kept).humans == ["stalin", "trotsky"]
    ui.click_button("Debrief")
    assert isinstance(ui.scene, DebriefScene)



def test_politburo_join_opens_the_window_at_the_join_screen_and_joins_at_once(monkeypatch):
    import game.ui
    from game.cli.main import main
    from game.ui.app import App

    said: list[str] = []

    def run(app: App, after_first_frame=None) -> None:
        scene = app.top
        assert isinstance(scene, JoinScene)
        deadline = time.monotonic() + SECONDS
        while "Waiting for the teacher" not in scene.said() and time.monotonic() < deadline:
            app.step(pygame.event.get(), 1 / 30)
            time.sleep(0.01)
        said.append(scene.said())
        scene.back()

    monkeypatch.setattr(game.ui, "display_problem", lambda: None)
    monkeypatch.setattr(App, "run", run)
    try:
        with hosted(make_room(seats=("stalin", "trotsky"))) as hosted_game:
            code = main(["join", hosted_game.address, "--code", "abcd", "--contender",
                         "Trotsky", "--name", "Lev"])
            assert hosted_game.room.people["trotsky"].name == "Lev"
    finally:
        pygame.quit()
        draw.font.cache_clear()
    assert code == 0
    assert said and said[0].startswith("You have Trotsky's seat")


def test_politburo_join_without_a_display_says_how_to_join_in_the_terminal(run, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    code, out, err = run(["join", "127.0.0.1:8765", "--code", "ABCD"])
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "no display" in err and "politburo join 127.0.0.1:8765 --code ABCD --text" in err
