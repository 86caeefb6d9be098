"""One game played across a classroom's computers, as the host keeps it: who sits where, whose
orders are in, when the turn resolves. No network here: the host's server feeds it what the
clients say and sends what it returns, and tests drive it directly.

A person takes a seat with the join code and gets a seat token; the token, and nothing else,
brings them back to that seat. The turn resolves when every seat whose person is connected has
ended it (or the turn timer runs out); the AI plays every other seat, a person's seat too while
they are away. Each turn the game is saved, with the seats (their tokens hashed) beside it, so a
host restarted from its save goes on with everyone in their places.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from game import resume, saves
from game.ai import seat_orders
from game.engine import (
    Action,
    IllegalAction,
    Match,
    Scenario,
    apply_turn,
    legal_actions,
    seat_state,
)
from game.files import read_bounded, write_text
from game.words.names import date_words

from . import protocol as p
from .wire import pack_events, pack_state


class Refusal(Exception):
    """A hello the room will not take; the text says why in one line."""


def new_code(length: int = 5) -> str:
    """A join code to read off a projector: letters and digits that cannot be mistaken."""
    return "".join(secrets.choice(p.CODE_ALPHABET) for _ in range(length))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SeatRecord(BaseModel):
    """A person's seat as the host's seat file keeps it: their name and their token's hash."""

    model_config = ConfigDict(extra="forbid", strict=True)
    name: str = Field(max_length=saves.MAX_NAME)
    token_hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class SeatFile(BaseModel):
    """What a restarted host needs besides the save: the code, the seats people hold, the
    seats waiting for one, whether play began, and the turn timer."""

    model_config = ConfigDict(extra="forbid", strict=True)
    code: p.Code
    game: str = Field(pattern=r"^[a-z0-9-]{1,64}$")
    people: dict[p.Id, SeatRecord]
    waiting_for: list[p.Id]
    started: bool
    turn_timer: float | None = Field(None, gt=0, le=86_400)


@dataclass
class Room:
    """A networked game at the host (see the module's docstring)."""

    match: Match
    scenario_text: str  # the scenario file, whole, for clients that lack this version of it
    whole_hash: str  # the content hash of the scenario before it was cut to its length
    length: str
    difficulty: str
    code: str
    game: str  # the game's id: its save is ``{game}.json`` in ``folder``
    folder: Path | None = None  # where it is saved every turn (None: not saved)
    waiting_for: list[str] = field(default_factory=list)  # seats kept for a person (--seats)
    turn_timer: float | None = None
    people: dict[str, SeatRecord] = field(default_factory=dict)
    started: bool = False
    connected: set[str] = field(default_factory=set)
    submitted: dict[str, list[Action]] = field(default_factory=dict)
    played_for: set[str] = field(default_factory=set)  # seats the AI played last turn
    last_events: list = field(default_factory=list)
    turn_began: float = field(default_factory=time.monotonic)
    clock: Callable[[], float] = time.monotonic
    log: Callable[[str], None] = lambda line: None

    @property
    def scenario(self) -> Scenario:
        return self.match.scenario

    @property
    def finished(self) -> bool:
        return self.match.state.finished

    def short(self, cid: str) -> str:
        return self.scenario.contenders[self.scenario.contender_index(cid)].short

    # ----- joining -------------------------------------------------------------------------

    def join(self, hello: p.Hello) -> tuple[str, str | None]:
        """Seat the person saying ``hello``: (their seat, a new token; None when they came
        back with theirs). Refusal saying why not."""
        if hello.protocol != p.PROTOCOL or hello.version != p.game_version():
            raise Refusal(f"this host runs Politburo {p.game_version()} (protocol {p.PROTOCOL}) "
                          f"and this client {hello.version[:40]} (protocol {hello.protocol}): "
                          "install the same version on both")
        if not hmac.compare_digest(hello.code.upper(), self.code.upper()):
            raise Refusal("wrong join code: ask your teacher for the code on their screen")
        if hello.token is not None:
            for cid, person in self.people.items():
                if hmac.compare_digest(person.token_hash, _hash(hello.token)):
                    self._arrive(cid)
                    self.log(f"{person.name} is back at {self.short(cid)}'s seat")
                    return cid, None
            # not this game's (a token kept from an earlier lesson): a free seat, as without
        if self.finished:
            raise Refusal("this game is over")
        cid = self._free_seat(hello.contender)
        token = secrets.token_urlsafe(24)
        name = hello.name or self.short(cid)
        try:
            name = saves.player_name(name)
        except ValueError as e:
            raise Refusal(f"that name cannot be used: {e}") from None
        self.people[cid] = SeatRecord(name=name, token_hash=_hash(token))
        self._arrive(cid)
        self.log(f"{name} joined as {self.short(cid)}")
        if not self.started and self.waiting_for and all(s in self.people
                                                         for s in self.waiting_for):
            self.start()
        return cid, token

    def _arrive(self, cid: str) -> None:
        """``cid``'s person is at the table; the first to come back to an empty table finds
        the turn's timer started afresh (it stood still while nobody was there)."""
        if not self.connected:
            self.turn_began = self.clock()
        self.connected.add(cid)

    def _free_seat(self, wanted: str | None) -> str:
        sc = self.scenario
        playable = [c.id for c in sc.contenders if c.playable]
        if wanted is not None:
            if wanted not in playable:
                known = ", ".join(playable)
                raise Refusal(f"{wanted!r} is not a seat of this game; the seats are: {known}")
            if wanted in self.people:
                raise Refusal(f"{self.short(wanted)}'s seat is taken (by "
                              f"{self.people[wanted].name})")
            return wanted
        for cid in [*self.waiting_for, *playable]:
            if cid not in self.people:
                return cid
        raise Refusal("every seat of this game is taken")

    def leave(self, cid: str) -> None:
        """The person at ``cid`` lost their connection: the AI holds the seat meanwhile."""
        self.connected.discard(cid)
        if cid in self.people and not self.finished:
            self.log(f"{self.people[cid].name} ({self.short(cid)}) is away: the AI holds the "
                     "seat until they are back")

    def start(self) -> None:
        """Play begins (every seat kept for a person is taken, or the host starts early)."""
        if not self.started:
            self.started = True
            self.turn_began = self.clock()
            self.log("The game begins")

    # ----- turns -------------------------------------------------------------------------------

    @property
    def humans(self) -> list[str]:
        """The seats people hold, in the scenario's order."""
        return [c.id for c in self.scenario.contenders if c.id in self.people]

    def waiting(self) -> list[str]:
        """The seats the turn still waits for: people connected whose orders are not in."""
        return [cid for cid in self.humans if cid in self.connected and cid not in self.submitted]

    def seconds_left(self) -> float | None:
        if self.turn_timer is None or not self.started or self.finished:
            return None
        return max(0.0, self.turn_timer - (self.clock() - self.turn_began))

    def submit(self, cid: str, orders: p.Orders) -> str | None:
        """Take ``cid``'s orders for the turn; the problem (one line), or None when taken."""
        if self.finished:
            return "the game is over"
        if not self.started:
            return "the game has not begun: wait for the teacher to start it"
        if orders.turn != self.match.state.turn:
            return (f"those orders were for turn {orders.turn + 1}, and it is over; the turn now "
                    f"is turn {self.match.state.turn + 1}")
        try:
            actions = [Action.parse(a) for a in orders.actions]
            options = {str(o.action) for o in legal_actions(self.match.state, cid)}
            unknown = [str(a) for a in actions if str(a) not in options]
            if unknown:
                return f"not on your menu this turn: {unknown[0][:80]}"
            apply_turn(self.match.state, {cid: actions})  # a dry run: the engine judges them
        except IllegalAction as e:
            return f"not allowed: {str(e)[:200]}"
        self.submitted[cid] = actions
        return None

    def ready(self) -> bool:
        """Whether the turn resolves now: play has begun, someone is at the table (with nobody
        there the game waits, timer and all), and every person connected has ended the turn,
        or the timer has run out."""
        if not self.started or self.finished or not self.connected:
            return False
        left = self.seconds_left()
        return (left is not None and left <= 0) or not self.waiting()

    def resolve(self) -> None:
        """Play the turn: people's orders as given, the AI's for every other seat (a person's
        too, when they are away or their time ran out), then save the game."""
        state, sc = self.match.state, self.scenario
        orders: dict[str, list[Action]] = {}
        self.played_for = set()
        for c in sc.contenders:
            if c.id in self.submitted:
                orders[c.id] = self.submitted[c.id]
            else:
                orders[c.id] = seat_orders(state, c.id, self.difficulty)
                if c.id in self.people:
                    self.played_for.add(c.id)
        when = date_words(sc.calendar.label(state.turn))
        for cid in self.played_for:  # by the rules, for a person: not a change to the game
            why = "away" if cid not in self.connected else "out of time"
            self.log(f"Turn {state.turn + 1} ({when}): the AI played "
                     f"{self.people[cid].name}'s seat ({self.short(cid)}, {why})")
        self.last_events = list(self.match.play(orders))
        self.submitted = {}
        self.turn_began = self.clock()
        self.log(f"Turn {state.turn + 1} ({when}) played"
                 + (": the game is over" if self.finished else ""))
        self.save()

    # ----- what each seat is sent ----------------------------------------------------------

    def welcome(self, cid: str, token: str) -> p.Welcome:
        return p.Welcome(game=self.game, seat=cid, token=token, scenario_id=self.scenario.id,
                         scenario_hash=self.whole_hash, length=self.length,
                         scenario=self.scenario_text, humans=self.humans,
                         names={c: r.name for c, r in self.people.items()})

    def status(self) -> p.Status:
        return p.Status(seats={c.id: self.people[c.id].name if c.id in self.people else ""
                               for c in self.scenario.contenders},
                        joined=[c for c in self.humans if c in self.connected],
                        waiting=self.waiting(), started=self.started,
                        turn=self.match.state.turn, deadline=self.seconds_left())

    def turn_message(self, cid: str) -> p.Turn:
        """The turn as seat ``cid`` is sent it: its own copy of the game and its report."""
        me = self.scenario.contender_index(cid)
        events = resume.visible(self.last_events, me)
        return p.Turn(turn=self.match.state.turn,
                      state=pack_state(seat_state(self.match.state, cid)),
                      events=pack_events(events), submitted=cid in self.submitted,
                      played_for_you=cid in self.played_for, deadline=self.seconds_left())

    def end_message(self) -> p.End:
        return p.End(save=saves.dump_save(self.snapshot()))

    def news(self, cid: str) -> p.Turn | p.End:
        """What seat ``cid`` is sent when a turn begins: its turn, or the end of the game."""
        return self.end_message() if self.finished else self.turn_message(cid)

    # ----- saving ------------------------------------------------------------------------------

    def snapshot(self) -> saves.SaveFile:
        return saves.snapshot(self.match, self.humans, self.difficulty, self.length,
                              names={c: r.name for c, r in self.people.items()})

    @property
    def save_path(self) -> Path | None:
        return None if self.folder is None else self.folder / f"{self.game}.json"

    def save(self) -> str | None:
        """Save the game and its seats in ``folder``; the problem, or None."""
        if self.folder is None:
            return None
        seats = SeatFile(code=self.code, game=self.game, people=self.people,
                         waiting_for=self.waiting_for, started=self.started,
                         turn_timer=self.turn_timer)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            saves.write_save(self.save_path, self.snapshot())
            write_text(seat_file(self.save_path), seats.model_dump_json(indent=1) + "\n")
        except (saves.SaveError, OSError) as e:
            self.log(f"warning: the game could not be saved: {e}")
            return str(e)
        return None


def seat_file(save_path: Path) -> Path:
    """Where the seats of the game saved at ``save_path`` are kept."""
    return save_path.with_name(save_path.stem + ".seats.json")


def read_seats(save_path: Path) -> SeatFile:
    """The seats saved beside a host's save; SaveError saying why they cannot be read."""
    path = seat_file(save_path)
    try:
        raw = read_bounded(path, 1_000_000)
    except OSError as e:
        raise saves.SaveError(f"{path}: cannot read the seats of this game: "
                              f"{e.strerror or e}") from None
    try:
        return SeatFile.model_validate_json(raw)
    except ValueError:
        raise saves.SaveError(f"{path}: not the seats of a hosted game") from None
