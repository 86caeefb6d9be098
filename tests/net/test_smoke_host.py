"""The host in-process: two clients join and play a short game to the end."""

import threading

from hosting import hosted, make_room

from game.ai import seat_orders
from game.net.client import RemoteTable


def _play(address, contender, out):
    table = RemoteTable.join(address, "ABCD", contender, contender.title())
    while not table.over:
        if table.started and not table.submitted:
            table.send_orders(seat_orders(table.match.state, table.seat))
        table.poll(1.0)
    table.close()
    out[contender] = table.final


def test_two_seats_play_to_the_end():
    with hosted(make_room(seats=("stalin", "trotsky"))) as game:
        out = {}
        threads = [threading.Thread(target=_play, args=(game.address, c, out))
                   for c in ("stalin", "trotsky")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert set(out) == {"stalin", "trotsky"}
        assert out["stalin"].state.finished
