"""The window played the way a student plays it: real mouse and key events, from the title
screen to the end of the game."""

from __future__ import annotations

import pygame
import pytest

from game import paths, saves
from game.ui.scenes.board import BoardScene
from game.ui.scenes.cards import CardsScene
from game.ui.scenes.dialogs import Confirm, GoalOverlay, HelpOverlay, Message
from game.ui.scenes.end import EndScene
from game.ui.scenes.menu import GameMenu
from game.ui.scenes.report import TurnReport
from game.ui.scenes.saveload import LoadScene, SaveScene
from game.ui.scenes.setup import ContenderScene, ScenarioScene
from game.ui.scenes.title import TitleScene


def start_game(ui, contender: str = "Stalin", seed: str | None = None) -> BoardScene:
    """From the title screen to the board by clicks."""
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    assert isinstance(ui.scene, ScenarioScene)
    ui.click_button("Choose contender")
    assert isinstance(ui.scene, ContenderScene)
    ui.click_button(contender)
    if seed is not None:
        entry = ui.scene.seed_entry
        ui.click(entry)
        entry.set_text("")
        ui.type(seed)
    ui.click_button("Start")
    if isinstance(ui.scene, GoalOverlay):
        ui.click_button("To the game")
    while isinstance(ui.scene, CardsScene):
        ui.click(ui.scene.focus[-1])
    assert isinstance(ui.scene, BoardScene)
    return ui.scene


def end_turn(ui) -> None:
    """Click End turn, and End turn again on the question if one is asked."""
    ui.click_button("End turn")
    if isinstance(ui.scene, Confirm):
        ui.click_button("End turn")


def option_rows(board: BoardScene):
    return [row for row in board.rows if row[1] is not None]


def test_title_keys_and_back(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.press(pygame.K_n)
    assert isinstance(ui.scene, ScenarioScene)
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)
    ui.press(pygame.K_F1)
    assert isinstance(ui.scene, HelpOverlay)
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, TitleScene)
    assert ui.button("Continue").is_enabled is False  # no autosave in a fresh data folder
    ui.click_button("Quit")
    assert ui.app.running is False


def test_keyboard_alone_reaches_the_board(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.press(pygame.K_TAB)  # from New game to Load: Continue is skipped, there is no autosave
    ui.press(pygame.K_TAB, mod=pygame.KMOD_SHIFT)
    ui.press(pygame.K_RETURN)
    assert isinstance(ui.scene, ScenarioScene)
    ui.press(pygame.K_RETURN)  # "Choose contender" has the focus
    assert isinstance(ui.scene, ContenderScene)
    ui.press(pygame.K_2)
    assert ui.scene.playable[ui.scene.index].short == "Trotsky"
    ui.scene.focus_on(ui.scene.start_button)
    ui.press(pygame.K_RETURN)
    assert isinstance(ui.scene, GoalOverlay)  # how to win, as the game begins
    ui.press(pygame.K_RETURN)
    while isinstance(ui.scene, CardsScene):
        ui.press(pygame.K_RETURN)
    assert isinstance(ui.scene, BoardScene)
    assert ui.scene.session.me == "trotsky"


def test_the_seed_typed_is_the_game_played(ui):
    board = start_game(ui, "Kamenev", seed="1924")
    assert board.session.match.seed == 1924
    assert board.session.me == "kamenev"


def test_choose_undo_and_page_on_the_board(ui):
    board = start_game(ui)
    session = board.session
    first = option_rows(board)[0]
    ui.click(first[0].center)
    assert session.picks == [first[1]]
    ui.click(first[0].center)  # a second click takes it back
    assert session.picks == []
    ui.press(pygame.K_1)
    assert session.picks == [option_rows(board)[0][1]]
    ui.press(pygame.K_u)
    assert session.picks == []
    shown = [r[1] for r in option_rows(board)]
    ui.press(pygame.K_PAGEDOWN)
    assert board.page == 1 and [r[1] for r in option_rows(board)] != shown
    ui.click(board.prev_button)
    assert board.page == 0


def test_spending_more_than_the_action_points_is_refused_with_a_message(ui):
    board = start_game(ui)
    session = board.session
    n = 0
    while session.ap_left > 0:
        rows = [r for r in option_rows(board) if session.why_not(r[1]) is None]
        ui.click(rows[0][0].center)
        n += 1
    blocked = next(r for r in option_rows(board) if r[1] not in session.picks)
    ui.click(blocked[0].center)
    assert isinstance(ui.scene, Message)
    assert len(session.picks) == n


def test_a_number_shows_why_after_the_mouse_rests_on_it(ui):
    board = start_game(ui)
    spot = next(s for s in board.hotspots if s.tip.startswith("<b>Support"))
    ui.move(spot.rect.center)
    ui.frames(20)  # two thirds of a second
    assert ui.app.tooltip.widget is not None
    assert ui.app.tooltip.spot is spot
    ui.move((5, ui.app.size[1] - 5))
    assert ui.app.tooltip.widget is None


def test_right_click_on_a_contender_opens_the_encyclopedia(ui):
    pytest.importorskip("game.ui.scenes.encyclopedia")
    board = start_game(ui)
    spot = next(s for s in board.hotspots if s.term == "trotsky")
    ui.click(spot.rect.center, button=3)
    assert type(ui.scene).__name__ == "EncyclopediaScene"


def test_ending_a_turn_asks_first_then_reports_the_votes(ui):
    board = start_game(ui)
    turn = board.session.match.state.turn
    ui.press(pygame.K_e)
    assert isinstance(ui.scene, Confirm)
    assert "unspent" in ui.scene.question or "not decided" in ui.scene.question
    ui.click_button("Cancel")
    assert ui.scene is board and board.session.match.state.turn == turn
    ui.click_button("End turn")
    ui.click_button("End turn")  # on the confirmation
    assert board.session.match.state.turn == turn + 1
    assert isinstance(ui.scene, TurnReport)
    assert ui.app.settings.animation_factor > 0
    report = ui.scene
    if report.votes:
        assert report.clock < report.duration()  # the tally is still being counted
        ui.frames(8, dt=1.0)
        assert report.clock == pytest.approx(report.duration())
    while isinstance(ui.scene, TurnReport):
        ui.click(ui.scene.focus[-1])
    while isinstance(ui.scene, CardsScene):
        ui.click(ui.scene.focus[-1])
    assert ui.scene is board
    assert "<b>Q1 1924</b>" in board.log_html()
    assert paths.autosave_files() == [board.session.autosaver.path]


def decide_cards(ui) -> None:
    if isinstance(ui.scene, GoalOverlay):
        ui.click_button("To the game")
    while isinstance(ui.scene, CardsScene):
        choices = [
            b
            for b, _ in ui.scene.buttons.items()
            if b.is_enabled and b.text not in ("Previous", "Next card", "To the board")
        ]
        if choices and not ui.scene.decided(ui.scene.cards[ui.scene.index]):
            ui.click(choices[0])
        ui.click(ui.scene.focus[-1])


def test_a_whole_game_by_clicks_from_the_title_to_the_end(ui):
    ui.app.settings = ui.app.settings.model_copy(update={"animation_speed": "off"})
    board = start_game(ui, "Zinoviev", seed="7")
    turns = 0
    while not isinstance(ui.scene, EndScene):
        assert turns <= board.session.match.state.scenario.calendar.turns
        decide_cards(ui)
        if isinstance(ui.scene, BoardScene):
            rows = [r for r in option_rows(board) if board.session.why_not(r[1]) is None]
            if rows:
                ui.click(rows[0][0].center)
            end_turn(ui)
            turns += 1
        while isinstance(ui.scene, TurnReport):
            ui.click(ui.scene.focus[-1])
    assert board.session.finished
    assert turns == board.session.scenario.calendar.turns
    end = ui.scene
    assert end.result is not None
    ui.frames()
    ui.click_button("Title screen")
    assert isinstance(ui.scene, TitleScene)


def test_save_in_a_named_slot_and_load_it_back(ui):
    board = start_game(ui)
    end_turn(ui)
    while not isinstance(ui.scene, BoardScene):
        ui.click(ui.scene.focus[-1])
    turn = board.session.match.state.turn
    ui.press(pygame.K_s)
    assert isinstance(ui.scene, SaveScene)
    entry = ui.scene.entry
    entry.set_text("")
    ui.type("class 9B")
    ui.press(pygame.K_RETURN)
    assert isinstance(ui.scene, Message)
    path = paths.data_dir() / "saves" / "class 9B.json"
    assert path.is_file()
    ui.click_button("OK")
    ui.press(pygame.K_ESCAPE)
    assert isinstance(ui.scene, GameMenu)
    ui.click_button("Quit to title")
    ui.click_button("Quit to title")
    assert isinstance(ui.scene, TitleScene)
    ui.click_button("Load")
    assert isinstance(ui.scene, LoadScene)
    names = [s.name for s in ui.scene.slots]
    assert "class 9B" in names
    ui.scene._select(names.index("class 9B"))
    ui.click_button("Load")
    assert isinstance(ui.scene, (BoardScene, CardsScene))
    decide_cards(ui)
    assert ui.scene.session.match.state.turn == turn


def test_a_broken_save_gives_a_message_not_a_crash(ui):
    from game.ui.scenes.saveload import open_save

    bad = paths.data_dir() / "saves" / "broken.json"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("{not json", encoding="utf-8")
    ui.app.push(TitleScene(ui.app))
    assert open_save(ui.app, bad) is False
    assert isinstance(ui.scene, Message)
    ui.click_button("OK")
    ui.click_button("Load")
    slot = next(s for s in ui.scene.slots if s.name == "broken")
    assert not slot.ok and "JSON" in slot.summary


def test_resizing_lays_the_board_out_again(ui):
    board = start_game(ui)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1920, 1080), w=1920, h=1080))
    ui.frames()
    assert ui.app.size == (1920, 1080)
    assert board.layer.get_size() == (1920, 1080)
    assert board.end_button.get_abs_rect().right <= 1920
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 500), w=800, h=500))
    ui.frames()
    assert ui.app.size == (1280, 720)  # never smaller than the layouts are drawn for


def reveal(ui, short: str) -> None:
    from game.ui.scenes.hotseat import PrivacyScreen

    assert isinstance(ui.scene, PrivacyScreen)
    assert not ui.scene.board.root.visible  # nothing of anyone's board shows
    ui.click_button(f"I am {short}: show my board")


def test_hotseat_by_clicks_keeps_each_persons_secrets(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    ui.click_button("Choose contender")
    contender = ui.scene
    toggles = [b for b in contender.buttons if b.text in ("Person", "AI")]
    ui.click(toggles[1])  # Trotsky is played by a second person
    ui.click_button("Start")
    reveal(ui, "Stalin")
    decide_cards(ui)
    board = ui.scene
    session = board.session
    assert session.humans == ["stalin", "trotsky"] and session.me == "stalin"
    dossier = next(
        r for r in option_rows_all(board) if board.options[r].label.startswith("Compile")
    )
    session.choose(dossier)
    board.refresh()
    end_turn(ui)
    assert session.match.state.turn == 0  # nothing is played until the second person has chosen
    reveal(ui, "Trotsky")
    decide_cards(ui)
    assert ui.scene is board and session.me == "trotsky"
    assert board.view.dossiers == {}  # Stalin's dossier is not Trotsky's to see
    end_turn(ui)
    assert session.match.state.turn == 1
    while isinstance(ui.scene, TurnReport):
        ui.click(ui.scene.focus[-1])
    reveal(ui, "Stalin")
    assert session.me == "stalin" and board.view.dossiers  # his own, back in his view


def option_rows_all(board: BoardScene) -> list[int]:
    return [i for i, o in enumerate(board.options) if board.session.why_not(i) is None]


def test_widgets_never_overlap_on_the_board(ui):
    for size in ((1280, 720), (1920, 1080)):
        ui.app.resized(size)
        if not isinstance(ui.scene, BoardScene):
            start_game(ui)
        board = ui.scene
        rects = [b.get_abs_rect() for b in board.buttons] + [board.log_box.get_abs_rect()]
        for i, a in enumerate(rects):
            assert ui.app.window.get_rect().contains(a), a
            for b in rects[i + 1 :]:
                assert not a.colliderect(b), (a, b)


def test_a_whole_hotseat_game_is_played_through_by_events(ui):
    from game.ui.scenes.hotseat import PrivacyScreen
    from game.ui.session import GameSession

    ui.app.settings = ui.app.settings.model_copy(update={"animation_speed": "off"})
    sc = ui.app.catalogue().get("succession_1924").scenario
    session = GameSession.new(sc, ["zinoviev", "kamenev"], seed=5, length="short")
    turns = session.scenario.calendar.turns
    ui.app.push(TitleScene(ui.app))
    board = ui.app.push(BoardScene(ui.app, session))
    ui.frames()
    hand_offs = 0
    while not isinstance(ui.scene, EndScene):
        assert hand_offs <= 2 * turns
        if isinstance(ui.scene, PrivacyScreen):
            hand_offs += 1
            ui.press(pygame.K_RETURN)  # the only button: "I am ...: show my board"
        decide_cards(ui)
        if ui.scene is board:
            end_turn(ui)
        while isinstance(ui.scene, TurnReport):
            ui.click(ui.scene.focus[-1])
    assert session.finished and hand_offs == 2 * turns == 16
    assert len(session.match.orders) == turns


def test_the_setup_screen_offers_lesson_lengths(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    ui.click_button("Choose contender")
    ui.click_button("Short")
    assert ui.scene.length == "short"
    ui.click_button("Start")
    decide_cards(ui)
    session = ui.scene.session
    assert session.length == "short" and session.scenario.calendar.turns == 8
    assert session.save_slot("short lesson") is None
    assert saves.load_save(saves_dir() / "short lesson.json").length == "short"


def saves_dir():
    from game.ui.session import slots_dir

    return slots_dir()


def test_continue_reads_the_save_once_on_its_way_to_the_board(ui, monkeypatch):
    from game.content.loader import find_scenario, load_scenario
    from game.engine import Match

    match = Match.start(load_scenario(find_scenario("succession_1924")), 5)
    autosave = paths.new_autosave_path("succession_1924", ["trotsky"])
    saves.save_match(autosave, match, ["trotsky"], "easy")
    reads: list[str] = []
    parse = saves.parse_save

    def counted(raw: bytes, name: str = "<save>"):
        reads.append(name)
        return parse(raw, name)

    monkeypatch.setattr(saves, "parse_save", counted)
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("Continue")
    decide_cards(ui)
    assert isinstance(ui.scene, BoardScene) and ui.scene.session.humans == ["trotsky"]
    assert reads == [str(autosave)]


def test_the_player_types_a_name_that_the_save_keeps(ui, tmp_path):
    ui.app.player_name = "Ana"  # politburo play --name Ana
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    ui.click_button("Choose contender")
    scene = ui.scene
    assert scene.name_entry.get_text() == "Ana"  # the first seat, as --name filled it
    ui.click_button("Trotsky")
    entry = ui.scene.name_entry
    assert entry.get_text() == ""
    ui.click(entry)
    ui.type("Ben and Cleo")
    ui.click_button("Start")
    decide_cards(ui)
    session = ui.scene.session
    assert session.humans == ["trotsky"] and session.names == {"trotsky": "Ben and Cleo"}
    path = tmp_path / "named.json"
    saves.save_table(path, session)
    assert saves.load_save(path).names == {"trotsky": "Ben and Cleo"}


def test_an_ai_seat_takes_no_name(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    ui.click_button("Choose contender")
    scene = ui.scene
    scene.toggle_person(2)  # a second person at this computer: Zinoviev
    scene.toggle_person(2)  # and back to the AI
    assert scene.index == 2 and 2 not in scene.people
    assert not scene.name_entry.is_enabled
