"""Clients that do what no honest client does: each is refused with one line, and nothing of
what they send reaches the game; none can act for another seat or read another seat's
secrets."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hosting import hosted, make_room
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from game.engine import seat_state
from game.net import protocol as p
from game.net.client import JoinError, RemoteTable
from game.net.wire import pack_state


def _socket(address: str):
    return connect(f"ws://{address}/play", proxy=None, open_timeout=5)


def _hello(**fields) -> str:
    message = {"type": "hello", "protocol": p.PROTOCOL, "version": p.game_version(),
               "code": "ABCD", **fields}
    return json.dumps(message)


def _answers(ws, limit: int = 10) -> list[dict]:
    """Every message the host sends until it closes the connection (or goes quiet)."""
    out = []
    try:
        for _ in range(limit):
            out.append(json.loads(ws.recv(5)))
    except (ConnectionClosed, TimeoutError):
        pass
    return out


@pytest.fixture
def game():
    room = make_room(seats=("stalin", "trotsky", "zinoviev"))
    with hosted(room) as hosted_game:
        yield hosted_game


@pytest.mark.parametrize("first, why", [
    (_hello(code="WRONG"), "wrong join code"),
    (_hello(version="0.0.1"), "install the same version on both"),
    (_hello(protocol=99), "install the same version on both"),
    (_hello(contender="lenin"), "'lenin' is not a seat of this game"),
    ("{not json", "not JSON text"),
    ("[1, 2, 3]", "expected a JSON object"),
    (json.dumps({"type": "orders", "turn": 0, "actions": []}), "says hello before anything"),
    (json.dumps({"type": "shout"}), "unknown message type"),
    (_hello(seat="trotsky"), "Extra inputs are not permitted"),
    ("[" * 100 + "]" * 100, "nested deeper"),
])
def test_a_bad_hello_is_refused_in_one_line(game, first, why):
    with _socket(game.address) as ws:
        ws.send(first)
        answers = _answers(ws)
    assert len(answers) == 1 and answers[0]["type"] == "refused", answers
    assert why in answers[0]["message"] and "\n" not in answers[0]["message"]
    assert game.room.people == {}


def test_an_oversized_message_is_cut_off_before_it_is_read(game):
    with _socket(game.address) as ws:
        ws.send(_hello(name="x" * (2 * p.MAX_CLIENT_MESSAGE)))
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv(5)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009  # message too big
    assert game.room.people == {}


def test_a_taken_seat_is_refused(game, monkeypatch, tmp_path):
    first = RemoteTable.join(game.address, "ABCD", "stalin", "Ana")
    monkeypatch.setenv("POLITBURO_HOME", str(tmp_path / "another-computer"))
    with pytest.raises(JoinError, match=r"Stalin's seat is taken \(by Ana\)"):
        RemoteTable.join(game.address, "ABCD", "stalin", "Eve")
    first.close()


def test_a_made_up_token_gets_no_one_elses_seat(game, home):
    ana = RemoteTable.join(game.address, "ABCD", "stalin", "Ana")
    with _socket(game.address) as ws:
        ws.send(_hello(token="A" * 32))  # not Ana's: a free seat, never hers
        welcome = _answers(ws, 1)[0]
    assert welcome["type"] == "welcome" and welcome["seat"] != "stalin"
    assert welcome["token"] != ana.welcome.token
    ana.close()


def test_no_client_orders_for_another_seat(game):
    tables = [RemoteTable.join(game.address, "ABCD", c, c) for c in ("stalin", "trotsky")]
    with _socket(game.address) as ws:
        ws.send(_hello(contender="zinoviev"))
        answers = [m["type"] for m in _answers(ws, 3)]
        assert answers[0] == "welcome"
        # orders carry no seat: one that names a seat is not a message of ours
        ws.send(json.dumps({"type": "orders", "turn": 0, "actions": [], "seat": "stalin"}))
        left = _answers(ws)
    assert [m["type"] for m in left][-1] == "refused"
    assert "Extra inputs are not permitted" in left[-1]["message"]
    assert "stalin" not in game.room.submitted
    for t in tables:
        t.close()


def test_orders_off_the_seats_own_menu_are_refused(game):
    tables = {c: RemoteTable.join(game.address, "ABCD", c, c)
              for c in ("stalin", "trotsky", "zinoviev")}
    stalin = tables["stalin"]
    while not stalin.started:
        stalin.poll(1.0)
    # Trotsky's own menu holds orders Stalin's does not (a vote of no confidence in himself
    # is not one): find one and send it as Stalin
    from game.engine import legal_actions

    state = stalin.match.state
    mine = {str(o.action) for o in legal_actions(state, "stalin")}
    theirs = [str(o.action) for o in legal_actions(state, "trotsky")
              if str(o.action) not in mine]
    assert theirs
    stalin.connection.send(p.Orders(turn=0, actions=[theirs[0]]))
    stalin.submitted = True
    while stalin.problem is None:
        stalin.poll(1.0)
    assert stalin.problem.startswith("not on your menu this turn")
    assert "stalin" not in game.room.submitted
    stalin.connection.send(p.Orders(turn=7, actions=[]))
    stalin.problem = None
    while stalin.problem is None:
        stalin.poll(1.0)
    assert "those orders were for turn 8" in stalin.problem
    for t in tables.values():
        t.close()


def test_a_seat_is_sent_none_of_its_rivals_secrets(game):
    tables = {c: RemoteTable.join(game.address, "ABCD", c, c)
              for c in ("stalin", "trotsky", "zinoviev")}
    for t in tables.values():
        while not t.started:
            t.poll(1.0)
    state = game.room.match.state
    # change only Trotsky's and Zinoviev's secrets: Stalin's copy of the game does not move
    other = state.copy()
    other.arrays.dossiers[1:] = 3
    other.arrays.judgement[1:] = 9.0
    other.arrays.offers[1, 2] = other.arrays.offers[2, 1] = True
    mine, again = pack_state(seat_state(state, "stalin")), pack_state(seat_state(other, "stalin"))
    assert mine == again
    sent = tables["stalin"].match.state.arrays
    assert not np.any(sent.dossiers[1:]) and not np.any(sent.judgement[1:])
    assert not np.any(sent.offers[1:, 1:])
    assert tables["stalin"].match.seed == 0
    for t in tables.values():
        t.close()
