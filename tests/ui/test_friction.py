"""The window without friction (issue 14): a whole turn by keys alone, every action reachable,
odds that say what they are the chance of, the goal as a game begins and in help, the log of a
loaded game, a vote of many blocs, hotseat reports behind each privacy screen. Real events."""

from __future__ import annotations

import pygame

from game.engine import Bloc, GameEvent, Kind, Tally
from game.ui.scenes.board import PER_PAGE, BoardScene
from game.ui.scenes.cards import CardsScene
from game.ui.scenes.dialogs import Confirm, GoalOverlay, HelpOverlay
from game.ui.scenes.hotseat import PrivacyScreen
from game.ui.scenes.report import TurnReport
from game.ui.scenes.saveload import SaveScene
from game.ui.scenes.setup import ContenderScene
from game.ui.scenes.title import TitleScene
from game.ui.session import GameSession
from game.words.odds import odds_text

from .test_play import decide_cards, start_game


def board_for(ui, humans=("stalin",), seed=1924, length="short") -> BoardScene:
    """A new game on the board, past the goal and the cards (as a player clicks them away)."""
    sc = ui.app.catalogue().get("succession_1924").scenario
    session = GameSession.new(sc, list(humans), seed=seed, length=length)
    ui.app.push(TitleScene(ui.app))
    board = ui.app.push(BoardScene(ui.app, session))
    ui.frames()
    return board


def options_on_page(board: BoardScene) -> list[int]:
    return [row[1] for row in board.rows if row[1] is not None]


def test_a_whole_turn_by_keys_alone(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.press(pygame.K_n)  # New game
    ui.press(pygame.K_RETURN)  # the scenario: "Choose contender" has the keyboard
    assert isinstance(ui.scene, ContenderScene)
    ui.scene.focus_on(ui.scene.start_button)
    ui.press(pygame.K_RETURN)
    assert isinstance(ui.scene, GoalOverlay)
    ui.press(pygame.K_RETURN)  # "To the game"
    while isinstance(ui.scene, CardsScene):  # decide each card by keys: Tab to a choice
        card = ui.scene.cards[ui.scene.index]
        if card.mine_to_decide and card.choices:
            ui.press(pygame.K_TAB)
            ui.press(pygame.K_RETURN)
        ui.scene.focus_on(ui.scene.focus[-1])
        ui.press(pygame.K_RETURN)
    board = ui.scene
    assert isinstance(board, BoardScene)
    session = board.session
    assert session.pending_cards() == []
    # Tab goes from the buttons back round to the list of actions
    ui.press(pygame.K_TAB)
    assert board.focused >= 0
    for _ in range(len(board.focus) + 1):
        if board.focused == -1:
            break
        ui.press(pygame.K_TAB)
    assert board.focused == -1
    # Down past the end of the first page goes on to the next; Enter chooses there
    first_page = len(options_on_page(board))
    for _ in range(first_page):
        ui.press(pygame.K_DOWN)
    assert board.page == 1 and board.row_focus == 0
    chosen_there = options_on_page(board)[0]
    ui.press(pygame.K_RETURN)
    assert chosen_there in session.picks
    while session.ap_left > 0:  # spend the rest with number keys, page by page
        free = [n for n, i in enumerate(options_on_page(board)) if session.why_not(i) is None]
        if free:
            ui.press(pygame.K_1 + free[0])
        else:
            ui.press(pygame.K_PAGEDOWN)
    turn = session.match.state.turn
    ui.press(pygame.K_e)  # nothing forgotten: no question, the turn is played
    assert session.match.state.turn == turn + 1
    assert isinstance(ui.scene, TurnReport)
    while isinstance(ui.scene, TurnReport):
        ui.press(pygame.K_RETURN)
    decide_cards(ui)
    assert ui.scene is board


def test_every_action_has_a_number_key_on_its_page(ui):
    board = board_for(ui)
    for _ in range(3):
        if not isinstance(ui.scene, BoardScene):
            ui.app.pop()
    seen: list[int] = []
    for page in range(board.pages):
        board.page = page
        board.refresh()
        on_page = options_on_page(board)
        assert 0 < len(on_page) <= PER_PAGE
        seen += on_page
    assert sorted(seen) == list(range(len(board.options)))
    board.page = board.pages - 1
    board.refresh()
    last = options_on_page(board)[-1]
    free = board.session.why_not(last) is None
    ui.press(pygame.K_1 + len(options_on_page(board)) - 1)  # the last action of all, by its key
    if free:
        assert last in board.session.picks
    else:
        assert type(ui.scene).__name__ == "Message"  # why it cannot be chosen


def test_each_odds_figure_says_what_it_is_the_chance_of(ui):
    board = board_for(ui)
    while not isinstance(ui.scene, BoardScene):
        ui.app.pop()
    with_odds = [i for i, o in enumerate(board.options) if o.odds is not None]
    assert with_odds
    for i in with_odds:
        words = odds_text(board.options[i], board.view, board.session.scenario)
        _, said = board.row_lines(i, 10_000)
        assert said == [words] and " chance the " in words
    for page in range(board.pages):
        board.page = page
        board.refresh()
        spots = [s for s in board.hotspots if s.on_click and "chance the" in s.tip]
        if spots:
            break
    assert spots, "no action's tooltip says what its odds are the chance of"


def test_the_key_that_opens_the_save_screen_types_nothing_into_it(ui):
    board = start_game(ui)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_s, mod=0, unicode="s",
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="s"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_s, mod=0, scancode=0))
    ui.frames(2)
    assert isinstance(ui.scene, SaveScene)
    name = ui.scene.entry.get_text()
    assert name == f"Stalin {board.view.date[5:]} {board.view.date[:4]}"  # "Stalin Q1 1924"
    ui.type("x")  # typing afterwards goes in as usual
    assert ui.scene.entry.get_text().endswith("x")


def test_end_turn_asks_only_when_something_may_be_forgotten(ui):
    board = start_game(ui)
    ui.press(pygame.K_e)
    assert isinstance(ui.scene, Confirm)  # points unspent, a card undecided
    ui.press(pygame.K_ESCAPE)
    session = board.session
    while session.ap_left > 0 or session.pending_cards():
        free = next(i for i in range(len(board.options)) if session.why_not(i) is None)
        session.choose(free)
    board.refresh()
    ui.press(pygame.K_e)
    assert isinstance(ui.scene, TurnReport)


def test_a_loaded_game_has_its_log(ui):
    board = start_game(ui)
    from .test_play import end_turn

    end_turn(ui)
    while not isinstance(ui.scene, BoardScene):
        ui.click(ui.scene.focus[-1])
    assert board.session.save_slot("logged") is None
    from game.ui.scenes.saveload import open_save
    from game.ui.session import slot_path

    assert open_save(ui.app, slot_path("logged"))
    decide_cards(ui)
    loaded = ui.scene
    assert loaded is not board and isinstance(loaded, BoardScene)
    html = loaded.log_html()
    assert "<b>Q1 1924</b>" in html and "<b>Q2 1924</b>" in html
    assert html.index("Q2 1924") < html.index("Q1 1924")  # newest first


def test_help_repeats_the_goal_and_the_top_bar_says_where_you_stand(ui):
    board = start_game(ui)
    ui.press(pygame.K_F1)
    assert isinstance(ui.scene, HelpOverlay)
    text = next(e for e in ui.scene.root.elements if hasattr(e, "html_text")).html_text
    assert "How you win" in text and "Where you stand now" in text
    ui.press(pygame.K_ESCAPE)
    ui.press(pygame.K_g)
    assert isinstance(ui.scene, GoalOverlay)
    ui.press(pygame.K_ESCAPE)
    spot = next(s for s in board.hotspots if "Where you stand now" in s.tip)
    assert spot.rect.bottom <= board.top_h  # in the top bar
    assert "To climb to" in spot.tip


def test_the_contender_screen_states_the_goal_of_the_length_chosen(ui):
    ui.app.push(TitleScene(ui.app))
    ui.frames()
    ui.click_button("New game")
    ui.click_button("Choose contender")
    ui.click_button("Short")
    scene = ui.scene
    html = scene.detail_html()
    short = scene.scenario.with_length("short").outcomes
    assert "How you win" in html and all(o.name in html for o in short)
    assert "the short game: 8 turns" in html


def test_a_vote_of_many_blocs_shows_every_bloc_page_by_page(ui):
    board = board_for(ui)
    while not isinstance(ui.scene, BoardScene):
        ui.app.pop()
    blocs = tuple(Bloc(f"Delegation {n}", n % 3, 1, "follows its secretary, who owes Stalin the "
                       "post, against the mood of the members") for n in range(1, 16))
    tally = Tally("Party Congress", "A long motion", 15, 15, False, blocs, 16, "congress")
    vote = GameEvent(0, Kind.VOTE, "A vote", tally=tally)
    ui.app.settings = ui.app.settings.model_copy(update={"animation_speed": "off"})
    report = ui.app.push(TurnReport(ui.app, board, "Q1 1924", [vote]))
    ui.frames(2)
    shown: list[int] = []
    while report.vote is not None:
        page = report.shown_blocs()
        assert page and page[0] == report.first_bloc
        shown += page
        ui.press(pygame.K_RETURN)  # Next
    assert shown == list(range(15))  # every bloc, in order, none twice


def test_hotseat_each_person_reads_their_own_report_behind_the_privacy_screen(ui):
    board = board_for(ui, humans=("stalin", "trotsky"), seed=4)
    session = board.session
    assert isinstance(ui.scene, PrivacyScreen)
    ui.press(pygame.K_RETURN)
    decide_cards(ui)
    dossier = next(i for i, o in enumerate(board.options)
                   if o.label == "Compile a dossier on Trotsky")
    session.choose(dossier)
    session.submit()
    board.refresh()
    ui.app.push(PrivacyScreen(ui.app, board))
    ui.press(pygame.K_RETURN)
    decide_cards(ui)
    board.end_turn()
    if isinstance(ui.scene, Confirm):
        ui.scene._yes()
    assert session.match.state.turn == 1
    assert isinstance(ui.scene, PrivacyScreen)  # the report waits behind the privacy screen
    ui.press(pygame.K_RETURN)  # Stalin's
    report = ui.scene
    assert isinstance(report, TurnReport)
    assert any("dossier" in e.text.lower() and not e.public for e in report.events)
    while isinstance(ui.scene, TurnReport):
        ui.press(pygame.K_RETURN)
    decide_cards(ui)
    board.end_turn()
    if isinstance(ui.scene, Confirm):
        ui.scene._yes()
    assert isinstance(ui.scene, PrivacyScreen) and session.me == "trotsky"
    ui.press(pygame.K_RETURN)  # Trotsky's own report of the same turn: not Stalin's secret
    report = ui.scene
    assert isinstance(report, TurnReport)
    assert not any("dossier" in e.text.lower() and not e.public for e in report.events)
