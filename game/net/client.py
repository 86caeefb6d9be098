"""A player's side of a networked game: the connection to the host, the seat token kept in the
user data folder, and the seat's table (:class:`RemoteTable`) that the terminal and the window
play from as they play a game of their own.

The table holds the seat's own copy of the game as the host last sent it (see
:func:`game.engine.seat_state`): the board, the menu, the odds, the standing and the AI's
judgement are read from it through the engine, as at a hotseat table, and orders go to the host,
which alone plays the turn. A connection that drops is opened again with the seat token, for as
long as :data:`REJOIN_SECONDS`; meanwhile the host's AI holds the seat.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import ClientConnection, connect

from game import paths, saves
from game.content import sources
from game.content.loader import ScenarioError, load_scenario_text
from game.engine import ID_PATTERN, Action, GameEvent, Match, Scenario
from game.files import read_bounded, write_text

from . import protocol as p
from .address import DEFAULT_PORT, split_address, url
from .wire import WireError, unpack_events, unpack_state

REJOIN_SECONDS = 300.0  # how long a client keeps trying to get back to its seat
RETRY_SECONDS = 2.0


class JoinError(Exception):
    """The host cannot be reached, refused us, or said something we cannot read; one line."""


class SeatRefused(JoinError):
    """The host refused the seat (a wrong code, a seat taken, another version): trying again
    would not help."""


@dataclass(frozen=True)
class JoinRequest:
    """A request for a seat as a person typed it, checked (:meth:`read`) before it is sent:
    the window's Join screen and `politburo join` both read theirs here."""

    address: str
    code: str
    contender: str | None = None
    name: str | None = None

    @classmethod
    def read(cls, address: str, code: str, contender: str = "", name: str = "") -> JoinRequest:
        """The request from what was typed; ValueError saying what to fix, as a clause (each
        client words it as its screen does)."""
        address = address.strip()
        if not address:
            raise ValueError("type the host's address from the teacher's screen, e.g. "
                             f"192.168.1.20:{DEFAULT_PORT}")
        split_address(address)
        code = code.strip().upper()
        if not p.is_code(code):
            raise ValueError("the join code is 4 to 12 letters and digits, as the teacher's "
                             "screen shows it")
        seat = contender.strip().lower() or None
        if seat is not None and not re.fullmatch(ID_PATTERN, seat):
            raise ValueError(f"{seat[:40]!r} is not a contender's id: type the seat as one word "
                             "(e.g. trotsky), or none for any free seat")
        who = " ".join(name.split()) or None
        if who is not None:
            try:
                who = saves.player_name(who)
            except ValueError as e:
                raise ValueError(f"your name: {e}") from None
        return cls(address, code, seat, who)


# ----- seat tokens, kept so a laptop that restarts gets its seat back ---------------------------


def _tokens_file() -> Path:
    return paths.data_dir() / "seats.json"


def _read_tokens() -> dict:
    try:
        data = json.loads(read_bounded(_tokens_file(), 1_000_000))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def kept_token(address: str, seat: str | None = None) -> str | None:
    """The seat token this computer was given for ``seat`` by the host at ``address`` (no
    seat: the last seat it took there), if any."""
    kept = _read_tokens().get(address)
    if not isinstance(kept, dict) or not isinstance(kept.get("seats"), dict):
        return None
    entry = kept["seats"].get(seat if seat is not None else kept.get("last"))
    token = entry.get("token") if isinstance(entry, dict) else None
    return token if isinstance(token, str) else None


def keep_token(address: str, welcome: p.Welcome) -> None:
    """Keep the seat token of ``welcome`` for the host at ``address``, as the last seat taken
    there (a failure to write it only costs the seat after a restart)."""
    tokens = _read_tokens()
    kept = tokens.get(address)
    seats = kept.get("seats") if isinstance(kept, dict) else None
    seats = seats if isinstance(seats, dict) else {}
    seats[welcome.seat] = {"token": welcome.token, "game": welcome.game}
    tokens[address] = {"last": welcome.seat, "seats": seats}
    try:
        write_text(_tokens_file(), json.dumps(tokens, indent=1) + "\n")
    except OSError:
        pass


def keep_copy(save: saves.SaveFile, game: str, path: Path | None = None) -> Path:
    """Write the player's copy of the finished game ``game`` (by default to their saves, as
    ``class-GAME.json``); its path. SaveError saying why it cannot be written."""
    path = path or paths.data_dir() / "saves" / f"class-{game}.json"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise saves.SaveError(f"cannot write save {path}: {e.strerror or e}") from None
    saves.write_save(path, save)
    return path


# ----- the connection ----------------------------------------------------------------------------


def _whole_scenario(welcome: p.Welcome) -> Scenario:
    """The scenario the host plays, before it is cut to its length (the host's save replays
    on it): this computer's copy if it is the same version, else the text the host sent,
    checked as any scenario file is. JoinError if it cannot be read."""
    entry = sources.discover().get(welcome.scenario_id)
    whole = entry.scenario if entry is not None else None
    if whole is None or whole.content_hash() != welcome.scenario_hash:
        try:
            whole = load_scenario_text(welcome.scenario, f"<{welcome.scenario_id} from the host>")
        except ScenarioError as e:
            raise JoinError(f"the host's scenario cannot be read: {sources.one_line(e)}") from None
    return whole


@dataclass
class Connection:
    """One seat's connection to the host."""

    address: str
    code: str
    contender: str | None = None
    name: str | None = None
    token: str | None = None
    socket: ClientConnection | None = None
    exits: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    def open(self) -> p.Welcome:
        """Connect and say hello (with the seat token once we have one); the welcome.
        JoinError saying why not."""
        where = url(self.address, "ws", "/play")
        try:
            self.close()
            # entered as a context (what websockets asks of a connection), left in close()
            self.socket = self.exits.enter_context(connect(
                where, proxy=None, open_timeout=10,
                max_size=p.MAX_HOST_MESSAGE, compression=None))
        except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as e:
            raise JoinError(f"cannot reach a Politburo host at {self.address}: "
                            f"{getattr(e, 'strerror', None) or e}") from None
        hello = p.Hello(protocol=p.PROTOCOL, version=p.game_version(), code=self.code,
                        contender=self.contender, name=self.name, token=self.token)
        self.send(hello)
        first = self.receive(30.0)
        if isinstance(first, p.Refused):
            raise SeatRefused(f"the host refused: {first.message}")
        if not isinstance(first, p.Welcome):
            raise JoinError("the host did not welcome us")
        self.token, self.contender = first.token, first.seat
        return first

    def send(self, message: p._Message) -> None:
        assert self.socket is not None
        try:
            self.socket.send(p.encode(message))
        except ConnectionClosed:
            raise JoinError("the connection to the host was lost") from None

    def receive(self, timeout: float | None = None) -> p._Message | None:
        """The host's next message (None: none within ``timeout`` seconds); JoinError when
        the connection is lost or the host sends what we cannot read."""
        assert self.socket is not None
        try:
            text = self.socket.recv(timeout)
        except TimeoutError:
            return None
        except ConnectionClosed:
            raise JoinError("the connection to the host was lost") from None
        try:
            return p.parse_host(text)
        except p.ProtocolError as e:
            raise JoinError(f"the host sent what this client cannot read: {e}") from None

    def close(self) -> None:
        self.exits.close()
        self.socket = None


@dataclass
class RemoteTable:
    """The seat's table: the game as its seat may know it, and what the host last said.

    ``match`` is a Match over the seat's copy of the game (its record of orders stays on the
    host), ``events`` the last turn's report, ``status`` who sits where and whom the turn waits
    for; ``final`` the finished game, whole, replayed from the save the host sends at the end.
    """

    connection: Connection
    welcome: p.Welcome
    whole: Scenario  # the scenario before it was cut to the game's length
    scenario: Scenario  # the scenario as the game plays it: cut to its length
    match: Match | None = None
    events: list[GameEvent] = field(default_factory=list)
    status: p.Status | None = None
    submitted: bool = False
    played_for_you: bool = False
    problem: str | None = None
    final: Match | None = None
    final_save: saves.SaveFile | None = None
    turn_ends: float | None = None  # when the turn timer runs out (time.monotonic), if set
    notice: Callable[[str], None] = lambda line: None

    @classmethod
    def join(cls, address: str, code: str, contender: str | None = None,
             name: str | None = None, notice: Callable[[str], None] = lambda line: None
             ) -> RemoteTable:
        """Join the game at ``address`` (coming back to our seat if this computer has a token
        from that host); JoinError saying why not."""
        conn = Connection(address, code, contender, name, kept_token(address, contender))
        welcome = conn.open()
        keep_token(address, welcome)
        try:
            whole = _whole_scenario(welcome)
            scenario = whole.with_length(welcome.length)
        except KeyError as e:
            conn.close()
            raise JoinError(str(e.args[0])) from None
        except JoinError:
            conn.close()
            raise
        return cls(conn, welcome, whole, scenario, notice=notice)

    @property
    def seat(self) -> str:
        return self.welcome.seat

    @property
    def started(self) -> bool:
        return self.match is not None

    @property
    def over(self) -> bool:
        return self.final is not None

    def waiting_for(self) -> list[str]:
        """The short names of the seats the turn still waits for, ourselves left out."""
        if self.status is None:
            return []
        sc = self.scenario
        return [sc.contenders[sc.contender_index(c)].short for c in self.status.waiting
                if c != self.seat]

    def seconds_left(self) -> int | None:
        """Whole seconds left on the host's turn timer (None: it set none)."""
        if self.turn_ends is None:
            return None
        return max(0, round(self.turn_ends - time.monotonic()))

    def handle(self, message: p._Message) -> bool:
        """Take in one message from the host; True when a new turn (or the end) came."""
        if isinstance(message, p.Status):
            self.status = message
        elif isinstance(message, p.Problem):
            self.problem, self.submitted = message.message, False
        elif isinstance(message, p.Turn):
            try:
                state = unpack_state(self.scenario, message.state)
                events = unpack_events(message.events)
            except WireError as e:
                raise JoinError(f"the host sent what this client cannot read: {e}") from None
            self.match = Match(self.scenario, 0, state, [], list(events))
            self.events, self.submitted = list(events), message.submitted
            self.played_for_you = message.played_for_you
            self.turn_ends = (None if message.deadline is None
                              else time.monotonic() + message.deadline)
            return True
        elif isinstance(message, p.End):
            try:
                save = saves.parse_save(message.save.encode(), "the host's save")
                self.final = saves.resume(save, self.whole)
            except saves.SaveError as e:
                raise JoinError(f"the finished game cannot be read: {e}") from None
            self.final_save = save
            return True
        elif isinstance(message, p.Refused):
            raise SeatRefused(f"the host closed the seat: {message.message}")
        return False

    def send_orders(self, actions: Sequence[Action]) -> None:
        """Hand in this turn's orders (the host answers with the status, or a problem)."""
        assert self.match is not None
        self.problem = None
        self.connection.send(p.Orders(turn=self.match.state.turn,
                                      actions=[str(a) for a in actions]))
        self.submitted = True

    def poll(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for the host; True when a new turn (or the end) came.
        A lost connection is opened again with the seat token (JoinError once that has failed
        for :data:`REJOIN_SECONDS`)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self.connection.receive(max(0.0, deadline - time.monotonic()))
            except JoinError:
                if self.over:
                    return False
                self.rejoin()
                continue
            if message is None:
                return False
            if self.handle(message):
                return True
            if time.monotonic() >= deadline:
                return False

    def rejoin(self) -> None:
        """Open the connection again, with the seat token, until it works or time runs out."""
        self.notice("Lost the connection to the host; trying to get back to your seat "
                    "(the AI holds it meanwhile)...")
        give_up = time.monotonic() + REJOIN_SECONDS
        while True:
            try:
                self.welcome = self.connection.open()
                self.notice("Back at your seat.")
                return
            except SeatRefused:
                raise
            except JoinError:
                if time.monotonic() > give_up:
                    raise
            time.sleep(RETRY_SECONDS)

    def close(self) -> None:
        self.connection.close()
