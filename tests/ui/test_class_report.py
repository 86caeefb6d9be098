"""The window's game reports to the teacher's page (``politburo play --class``): as it begins
and after every turn ended by clicks, each game under an id of its own; a page that cannot be
reached is said once on the board, and the game goes on."""

from __future__ import annotations

from hosting import hosted, make_room

from game.net.report import Reporter
from game.ui.scenes.board import BoardScene

from .test_play import end_turn, start_game


def _to_board(ui) -> None:
    while not isinstance(ui.scene, BoardScene):
        ui.click(ui.scene.focus[-1])


def test_the_window_reports_each_turn_to_the_class_page(ui):
    with hosted(make_room()) as game:
        ui.app.reporter = Reporter(game.address, "ABCD")
        board = start_game(ui, "Kamenev", seed="4")
        assert ui.app.reporter.finish(20) is None
        first = ui.app.reporter.game
        assert game.host.classroom.cards[first].turn == 0  # the teacher sees it begin
        for turn in (1, 2):
            end_turn(ui)
            _to_board(ui)
            assert ui.app.reporter.finish(20) is None
            card = game.host.classroom.cards[first]
            assert card.turn == turn and [s.short for s in card.standings if s.human] == [
                "Kamenev"]
        ui.app.home()
        start_game(ui, "Stalin", seed="5")  # the next game is a game of its own on the page
        assert ui.app.reporter.finish(20) is None
        assert ui.app.reporter.game != first and len(game.host.classroom.cards) == 3
        assert board.session.reporter is ui.app.reporter


def test_a_class_page_out_of_reach_is_said_once_and_the_game_goes_on(ui):
    with hosted(make_room()) as game:
        address = game.address  # the host stops: nothing listens there now
    ui.app.reporter = Reporter(address, "ABCD", timeout=2)
    board = start_game(ui)
    assert ui.app.reporter.finish(20) is None
    end_turn(ui)
    notes = []
    while not isinstance(ui.scene, BoardScene):
        notes.append(getattr(ui.scene, "message", ""))
        ui.click(ui.scene.focus[-1])
    assert board.session.match.state.turn == 1
    assert any(f"The class page at {address} cannot be reached" in str(n) for n in notes), notes
    end_turn(ui)
    _to_board(ui)
    assert board.session.notice is None  # said once
