"""Whole games over the classroom network, on the loopback address: seats played by the AI
through real clients give the very game the same seed gives offline; a seat that drops comes
back to its place; a host restarted from its save keeps everyone's seat; the turn timer hands a
slow seat's turn to the AI."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from hosting import hosted, make_room

from game import saves
from game.ai import play_ai_game, seat_orders
from game.net.client import RemoteTable


def _auto(address: str, contender: str, out: dict, code: str = "ABCD") -> None:
    """What `politburo join --auto` does: play the seat with the AI until the end."""
    table = RemoteTable.join(address, code, contender, contender.title())
    deadline = time.monotonic() + 240
    while not table.over:
        assert time.monotonic() < deadline, f"{contender}: the game did not end"
        if table.started and not table.submitted:
            table.send_orders(seat_orders(table.match.state, table.seat))
        table.poll(0.5)
    table.close()
    out[contender] = table


def _play_all(address: str, seats) -> dict:
    out: dict = {}
    errors: list = []

    def run(cid):
        try:
            _auto(address, cid, out)
        except BaseException as e:  # reported by the test, not lost in the thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(c,)) for c in seats]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    return out


@pytest.mark.parametrize("seats", [("stalin", "trotsky"),
                                   ("stalin", "trotsky", "zinoviev", "kamenev", "bukharin")])
def test_a_networked_game_is_the_offline_game(seats):
    room = make_room(seats=seats, seed=11)
    with hosted(room) as game:
        tables = _play_all(game.address, seats)
    offline = play_ai_game(room.scenario, 11)
    assert room.finished
    assert room.match.orders == offline.orders
    assert room.match.state.fingerprint() == offline.state.fingerprint()
    for cid, table in tables.items():  # each seat's copy of the end is the whole game
        assert table.final.state.fingerprint() == offline.state.fingerprint()
        assert table.final_save.names[cid] == cid.title()
        assert sorted(table.final_save.humans) == sorted(seats)


def _wait(cond, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def _begun(table: RemoteTable) -> RemoteTable:
    """``table``, once its first turn (or the end) has come."""
    _wait(lambda: table.started or table.poll(0.2), "the game to begin")
    return table


def _stalin_leaves(game, first: str) -> tuple[RemoteTable, RemoteTable]:
    """Ana (Stalin) and Ben (Trotsky) join, ``first`` first; the game begins; then Ana's
    laptop shuts, mid-turn, before she has ended it."""
    names = {"stalin": "Ana", "trotsky": "Ben"}
    order = [first, *(c for c in names if c != first)]
    tables = {c: RemoteTable.join(game.address, "ABCD", c, names[c]) for c in order}
    for t in tables.values():
        _begun(t)
    tables["stalin"].close()
    _wait(lambda: "stalin" not in game.room.connected, "the host to see Stalin leave")
    return tables["stalin"], tables["trotsky"]


def test_a_seat_that_drops_mid_turn_comes_back_to_its_place(home):
    room = make_room(seats=("stalin", "trotsky"))
    with hosted(room) as game:
        stalin, trotsky = _stalin_leaves(game, "trotsky")
        assert room.match.state.turn == 0  # Trotsky has not ended the turn: nothing resolves
        back = RemoteTable.join(game.address, "ABCD")  # no seat asked: the kept token decides
        assert back.seat == "stalin"
        assert back.welcome.token == stalin.welcome.token
        assert _begun(back).match.state.turn == 0 and not back.played_for_you
        back.send_orders(seat_orders(back.match.state, "stalin"))
        trotsky.send_orders(seat_orders(trotsky.match.state, "trotsky"))
        while back.match.state.turn == 0:
            assert back.poll(5.0) or back.match.state.turn == 0
        assert back.match.state.turn == 1 and not back.played_for_you
        assert not room.played_for and room.match.touches == []
        back.close()
        trotsky.close()


def test_the_ai_holds_a_seat_while_its_person_is_away(home):
    room = make_room(seats=("stalin", "trotsky"))
    said: list[str] = []  # what the host's terminal shows
    room.log = said.append
    with hosted(room) as game:
        _, trotsky = _stalin_leaves(game, "stalin")
        trotsky.send_orders(seat_orders(trotsky.match.state, "trotsky"))
        while trotsky.match.state.turn == 0:
            trotsky.poll(5.0)
        assert "Turn 1 (Q1 1924): the AI played Ana's seat (Stalin, away)" in said
        assert room.match.touches == []  # played by the rules: the debrief is not warned
        back = _begun(RemoteTable.join(game.address, "ABCD", "stalin"))  # its kept token
        assert back.seat == "stalin" and back.match.state.turn == 1 and back.played_for_you
        back.close()
        trotsky.close()


def test_a_lost_connection_is_opened_again_by_the_client(home):
    room = make_room(seats=("stalin",))
    with hosted(room) as game:
        notices: list[str] = []
        table = _begun(RemoteTable.join(game.address, "ABCD", "stalin", "Ana",
                                        notice=notices.append))
        table.connection.socket.close()  # Wi-Fi gone: the client notices on its next read
        table.poll(2.0)
        assert notices[0].startswith("Lost the connection") and notices[-1] == "Back at your seat."
        assert table.seat == "stalin"
        table.send_orders(seat_orders(table.match.state, "stalin"))
        while table.match.state.turn == 0:
            table.poll(5.0)
        table.close()


def test_a_host_restarted_from_its_save_keeps_the_seats(home, tmp_path):
    from game.cli.host_cmd import _room  # the room `politburo host --resume SAVE` makes

    folder = tmp_path / "lesson"
    room = make_room(seats=("stalin", "trotsky"), folder=folder)
    with hosted(room) as game:
        tables = [RemoteTable.join(game.address, "ABCD", c, c.title())
                  for c in ("stalin", "trotsky")]
        for turn in range(2):
            for t in tables:
                while t.match is None or t.match.state.turn != turn:
                    t.poll(1.0)
                t.send_orders(seat_orders(t.match.state, t.seat))
        _wait(lambda: room.match.state.turn == 2, "two turns")
        for t in tables:
            t.close()
    save_path = folder / "game-test.json"
    assert saves.load_save(save_path).turn == 2

    class Args:  # what argparse gives `politburo host --resume SAVE`
        resume, difficulty, turn_timer = save_path, None, None
        scenario = length = seed = seats = code = saves = None

    again, _ = _room(Args, lambda line: None)
    assert again.match.state.fingerprint() == room.match.state.fingerprint()
    assert again.started and set(again.people) == {"stalin", "trotsky"}
    with hosted(again, port=int(game.address.rpartition(":")[2])) as game:  # the same port
        back = RemoteTable.join(game.address, "ABCD")  # this computer's token: Trotsky's,
        assert back.seat == "trotsky"  # the last seat it joined from this data folder
        assert _begun(back).match.state.turn == 2
        back.close()


def test_the_turn_timer_gives_a_slow_seat_to_the_ai(home):
    room = make_room(seats=("stalin",), turn_timer=1.0)
    said: list[str] = []
    room.log = said.append
    with hosted(room) as game:
        table = _begun(RemoteTable.join(game.address, "ABCD", "stalin", "Ana"))
        deadline = time.monotonic() + 20
        while table.match.state.turn == 0:  # Ana thinks too long
            assert time.monotonic() < deadline
            table.poll(0.5)
        assert table.played_for_you
        assert "Turn 1 (Q1 1924): the AI played Ana's seat (Stalin, out of time)" in said
        assert table.status is not None and table.status.deadline is not None
        table.close()


def test_the_save_of_a_hosted_game_debriefs(home, tmp_path, run):
    room = make_room(seats=("stalin",), folder=tmp_path / "lesson")
    with hosted(room) as game:
        _play_all(game.address, ["stalin"])
    path = Path(room.save_path)
    code, out, err = run(["debrief", path, "-o", tmp_path / "d.html"])
    assert code == 0, err
    assert "Stalin" in out


def test_the_teachers_computer_begins_the_game_early(home):
    import urllib.request

    room = make_room(seats=("stalin", "trotsky"))
    with hosted(room) as game:
        stalin = RemoteTable.join(game.address, "ABCD", "stalin", "Ana")
        stalin.poll(0.5)
        assert not stalin.started  # Trotsky's seat still waits for a student
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(urllib.request.Request(f"{game.url}/start", method="POST"),
                         timeout=10) as answer:
            assert answer.read() == b"started"
        assert _begun(stalin).match.state.turn == 0
        stalin.send_orders(seat_orders(stalin.match.state, "stalin"))
        _wait(lambda: stalin.poll(0.2) or stalin.match.state.turn == 1, "the first turn")
        assert "trotsky" not in room.people  # the AI played the seat nobody took
        stalin.close()


def test_with_nobody_at_the_table_the_game_and_its_timer_wait():
    from game.net import protocol as p

    now = [0.0]
    room = make_room(seats=("stalin",), turn_timer=60.0)
    room.clock = lambda: now[0]
    hello = p.Hello(protocol=p.PROTOCOL, version=p.game_version(), code="ABCD",
                    contender="stalin", name="Ana")
    _, token = room.join(hello)
    assert room.started and not room.ready()
    room.leave("stalin")  # the whole room's Wi-Fi goes
    now[0] = 600.0  # ten minutes later: the timer has long run out
    assert not room.ready()
    room.join(hello.model_copy(update={"token": token, "contender": None}))
    assert room.seconds_left() == 60.0 and not room.ready()  # a whole turn's time again
    now[0] = 661.0
    assert room.ready()


def test_the_page_says_a_networked_game_waits_to_begin(home):
    import urllib.request

    room = make_room(seats=("stalin", "trotsky"))
    with hosted(room) as game:
        stalin = RemoteTable.join(game.address, "ABCD", "stalin", "Ana")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

        def page() -> str:
            with opener.open(f"{game.url}/", timeout=10) as answer:
                return answer.read().decode()

        before = page()
        assert "(waiting for every seat to be taken)" in before
        assert "Waiting to begin" in before and "Turn 1 of 8" not in before
        RemoteTable.join(game.address, "ABCD", "trotsky", "Ben").close()
        _wait(lambda: "Turn 1 of 8" in page(), "the page to show the game begun")
        stalin.close()
