"""The messages a classroom host and its players exchange over a WebSocket, as JSON text.

A player's client says ``hello`` (the join code, the seat it wants or the seat token it was
given, its version) and then sends ``orders`` once a turn; the host answers with ``welcome``,
then a ``turn`` whenever one begins (the seat's own copy of the game, its report of the last
turn), ``status`` as seats join and end their turns, ``problem`` when orders are refused, and
``end`` with the finished game's save. Anything else, or anything larger than
:data:`MAX_CLIENT_MESSAGE`, is refused with one line (``refused``) and the connection closed:
it never reaches the game. docs/classroom.md describes the exchange.
"""

from __future__ import annotations

import json
import re
from importlib import metadata
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from game.engine import ID_PATTERN
from game.saves import MAX_ACTION_TEXT, MAX_ACTIONS, MAX_NAME, MAX_TURNS, json_depth

PROTOCOL = 1
"""Raised whenever a message changes shape: a client and a host of different protocols refuse
each other with a line saying which version each runs."""

MAX_CLIENT_MESSAGE = 16_000  # bytes: a hello or a turn's orders is a few hundred
MAX_HOST_MESSAGE = 4_000_000  # bytes: a welcome carries the scenario's text (~100 kB)
MAX_DEPTH = 8  # levels of JSON nesting in a client's message
CODE_PATTERN = r"^[A-Za-z0-9]{4,12}$"  # a join code, in any case
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a projector


def is_code(text: str) -> bool:
    """Whether ``text`` can be a join code (:data:`CODE_PATTERN`)."""
    return re.fullmatch(CODE_PATTERN, text) is not None


def game_version() -> str:
    """This game's version, as its installed package says it."""
    try:
        return metadata.version("politburo")
    except metadata.PackageNotFoundError:
        return "0+unknown"


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]
Code = Annotated[str, StringConstraints(pattern=CODE_PATTERN)]
Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{20,64}$")]
ActionText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ACTION_TEXT)]


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# ----- from a player's client ------------------------------------------------------------------


class Hello(_Message):
    """Join the game: a new seat (``contender``, or any free one), or back to one's own seat
    (``token``, given on joining)."""

    type: Literal["hello"] = "hello"
    protocol: int
    version: str = Field(max_length=40)
    code: Code
    contender: Id | None = None
    name: str | None = Field(None, max_length=MAX_NAME)
    token: Token | None = None


class Orders(_Message):
    """A seat's orders for turn ``turn`` (0-based), as action texts ("appoint ukraine"). There
    is no seat in it: the host reads the seat from the connection, so no client can order for
    another."""

    type: Literal["orders"] = "orders"
    turn: int = Field(ge=0, le=MAX_TURNS)
    actions: list[ActionText] = Field(max_length=MAX_ACTIONS)


ClientMessage = Annotated[Hello | Orders, Field(discriminator="type")]
_CLIENT: TypeAdapter[Hello | Orders] = TypeAdapter(ClientMessage)


# ----- from the host ------------------------------------------------------------------------------


class Welcome(_Message):
    """The seat is yours: keep ``token`` to come back to it. ``scenario`` is the scenario file's
    text, for a client that does not have this version of it (``scenario_hash``)."""

    type: Literal["welcome"] = "welcome"
    game: str
    seat: str
    token: str
    scenario_id: str
    scenario_hash: str
    length: str
    scenario: str
    humans: list[str]
    names: dict[str, str]


class Status(_Message):
    """Who sits where and whom the turn waits for: ``seats`` maps each contender id to the
    name of the person playing it ("" for the AI), ``joined`` the seats whose person is
    connected now, ``waiting`` the seats whose orders the turn still waits for, ``deadline``
    the seconds left on the turn timer (None: no timer), ``started`` whether play has begun."""

    type: Literal["status"] = "status"
    seats: dict[str, str]
    joined: list[str]
    waiting: list[str]
    started: bool
    turn: int
    deadline: float | None = None


class Turn(_Message):
    """A turn begins (or a seat comes back mid-turn): the seat's own copy of the game (see
    :func:`game.engine.seat_state`, packed by :mod:`game.net.wire`), the events of the last
    turn it may see, and whether its orders for this turn are already in."""

    type: Literal["turn"] = "turn"
    turn: int
    state: dict[str, Any]
    events: list[dict[str, Any]]
    submitted: bool = False
    played_for_you: bool = False  # the AI played your last turn (timer, or you were away)
    deadline: float | None = None  # seconds left on the turn timer (None: no timer)


class Problem(_Message):
    """Orders refused (illegal, or for a turn that is over); the seat may send others."""

    type: Literal["problem"] = "problem"
    message: str


class End(_Message):
    """The game is over: its save, whole (the record of every seat, now that nothing is
    secret), for the end screen, the debrief and the player's own copy."""

    type: Literal["end"] = "end"
    save: str


class Refused(_Message):
    """The connection is refused or closed, for the reason given in one line."""

    type: Literal["refused"] = "refused"
    message: str


HostMessage = Annotated[Welcome | Status | Turn | Problem | End | Refused,
                        Field(discriminator="type")]
_HOST: TypeAdapter[Welcome | Status | Turn | Problem | End | Refused] = TypeAdapter(HostMessage)


class ProtocolError(Exception):
    """A message that is not one of ours; the text says why in one line."""


def encode(message: _Message) -> str:
    return message.model_dump_json()


def _parse(text: str | bytes, limit: int, depth: int, adapter: TypeAdapter) -> Any:
    raw = text.encode("utf-8", "replace") if isinstance(text, str) else text
    if len(raw) > limit:
        raise ProtocolError(f"message too large ({len(raw):,} bytes; at most {limit:,})")
    if json_depth(raw) > depth:
        raise ProtocolError(f"message nested deeper than {depth} levels")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise ProtocolError("not a message: not JSON text") from None
    if not isinstance(data, dict):
        raise ProtocolError("not a message: expected a JSON object")
    try:
        return adapter.validate_python(data)
    except ValidationError as e:
        err = e.errors()[0]
        where = ".".join(str(x) for x in err["loc"]) or "message"
        what = "unknown message type" if err["type"].startswith("union_tag") else err["msg"]
        raise ProtocolError(f"not a valid message: {where}: {what}"[:200]) from None


def parse_client(text: str | bytes) -> Hello | Orders:
    """A client's message, checked (size, nesting, shape); ProtocolError saying why not."""
    return _parse(text, MAX_CLIENT_MESSAGE, MAX_DEPTH, _CLIENT)


def parse_host(text: str | bytes) -> Welcome | Status | Turn | Problem | End | Refused:
    """The host's message, checked; ProtocolError saying why not."""
    return _parse(text, MAX_HOST_MESSAGE, 64, _HOST)
