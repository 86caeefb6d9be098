"""A classroom host running in the test's own process, on the loopback address only, on a port
the system chose: for the network tests, the window's Join screen and the teacher's page.

``hosted(...)`` starts uvicorn in a thread and yields the running :class:`HostedGame`; leaving
the block stops the server (bounded: it never waits more than a few seconds).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from game.content import sources
from game.content.safe_yaml import MAX_BYTES
from game.engine import Match
from game.net.classroom import Classroom
from game.net.host import Host, server
from game.net.room import Room

LOOPBACK = "127.0.0.1"


@dataclass
class HostedGame:
    host: Host
    address: str  # 127.0.0.1:PORT

    @property
    def room(self) -> Room:
        return self.host.room

    @property
    def url(self) -> str:
        return f"http://{self.address}"


def make_room(scenario: str = "succession_1924", *, seed: int = 5, length: str = "short",
              seats: tuple[str, ...] = (), code: str = "ABCD", folder: Path | None = None,
              difficulty: str = "standard", turn_timer: float | None = None) -> Room:
    """A room as ``politburo host`` makes one, for a shipped scenario."""
    entry = sources.resolve_id(scenario)
    assert entry.scenario is not None
    text = entry.path.read_bytes()[:MAX_BYTES].decode()
    match = Match.start(entry.scenario.with_length(length), seed)
    return Room(match, text, entry.scenario.content_hash(), length, difficulty, code,
                "game-test", folder, list(seats), turn_timer)


@contextlib.contextmanager
def hosted(room: Room, folder: Path | None = None, port: int = 0) -> Iterator[HostedGame]:
    """Serve ``room`` on 127.0.0.1 until the block ends, at ``port`` (0: a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, port))
    port = sock.getsockname()[1]
    address = f"{LOOPBACK}:{port}"
    host = Host(room, Classroom(sources.discover(), folder or room.folder), address,
                log=lambda line: None)
    host.changed()
    srv = server(host, LOOPBACK, port)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the host did not start within 20 s"
        assert thread.is_alive(), "the host stopped as it started"
        time.sleep(0.02)
    try:
        yield HostedGame(host, address)
    finally:
        srv.should_exit = True
        thread.join(10)
        sock.close()
