"""Save files: JSON holding the scenario's id and hash, the seed, the seats and every turn's orders.

A save stores the record, not the state: :func:`resume` replays the orders through the engine,
so a save reaches the identical state in any process and stays small and readable.

A save is read once and checked on its way in (:func:`load_save`, :func:`parse_save`): its size
and nesting are bounded before it is parsed, its ``checksum`` must match its content (a damaged
or hand-edited file is refused), an older ``schema_version`` is brought up to date one step at a
time by :data:`MIGRATIONS`, and every field is validated. Anything wrong raises
:class:`SaveError` with one clear line. docs/saves.md describes the format for other tools.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

import numpy as np
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)

from game import ai
from game.engine import ID_PATTERN, IllegalAction, Intervention, Match, Scenario
from game.files import read_bounded, write_text

SCHEMA_VERSION = 3
MAX_BYTES = 5_000_000  # a 24-turn game is a few kB; anything this big is not ours
MAX_DEPTH = 16  # levels of JSON nesting; a save has up to 6 (the top, changes, a change, its
#                effects, an effect, a list in it)
MAX_INT_DIGITS = 20  # a seed is below 2**63 (19 digits): longer numbers are refused unread
MAX_SEED = 2**63 - 1
MAX_ID = 64  # the characters of a scenario or contender id
MAX_NAME = 60  # the characters of a player's name
MAX_TURNS = 1_000  # turns of orders; a scenario has a few dozen
MAX_ACTIONS = 100  # one seat's orders in one turn
MAX_ACTION_TEXT = 200  # one order's text ("appoint ukraine")
MAX_CHANGES = 1_000  # changes made with the debug console
MAX_EFFECTS = 100  # effects in one change
MAX_TOUCH = 400  # the characters of one line saying how the game was changed

NameId = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=MAX_ID)]
ActionText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ACTION_TEXT)]


def _no_control_characters(text: str) -> str:
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ValueError("a name cannot hold control characters (tabs, line breaks, NUL)")
    return text


PlayerName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_NAME),
    AfterValidator(_no_control_characters),
]
_NAME: TypeAdapter[str] = TypeAdapter(PlayerName)


def player_name(text: str) -> str:
    """A player's name as a save keeps it (spaces tidied); ValueError saying why ``text``
    cannot be one (empty, longer than MAX_NAME characters, control characters)."""
    try:
        return _NAME.validate_python(" ".join(text.split()))
    except ValidationError as e:
        err = e.errors()[0]
        if err["type"] == "string_too_short":
            raise ValueError("a name cannot be empty") from None
        if err["type"] == "string_too_long":
            raise ValueError(f"a name has at most {MAX_NAME} characters") from None
        raise ValueError(err["msg"].removeprefix("Value error, ")) from None


class SaveError(Exception):
    """A save that cannot be read, written or replayed; the message says why in one line."""


class Change(BaseModel):
    """A change made with the debug console, as a save keeps it (an engine
    :class:`~game.engine.Intervention`): before the orders of turn ``turn`` + 1, either scenario
    ``effects`` (tagged with ``type``, checked when the save is replayed) or an ``event`` fired,
    with its ``choice`` (none: its deciders chose)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    turn: int = Field(ge=0, le=MAX_TURNS)
    effects: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_EFFECTS)
    event: NameId | None = None
    choice: NameId | None = None

    @classmethod
    def of(cls, change: Intervention) -> Change:
        return cls(turn=change.turn, effects=[dict(e) for e in change.effects],
                   event=change.event, choice=change.choice)

    def intervention(self) -> Intervention:
        return Intervention(self.turn, tuple(self.effects), self.event, self.choice)


TouchLine = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TOUCH),
    AfterValidator(_no_control_characters),
]


class SaveFile(BaseModel):
    """The on-disk form of a game (without its ``checksum``, which seals the file, not the
    game). ``orders[t]`` maps contender ids to turn t's action texts."""

    model_config = ConfigDict(extra="forbid", strict=True)

    schema_version: int = Field(ge=SCHEMA_VERSION, le=SCHEMA_VERSION)
    scenario_id: NameId = Field(description="The scenario's id: a name, never a file path.")
    scenario_hash: str = Field(pattern=r"^[0-9a-f]{1,128}$")
    seed: int = Field(ge=0, le=MAX_SEED)
    humans: list[NameId] = Field(
        max_length=MAX_ID, description="Contender ids played by people; the rest are AI."
    )
    difficulty: str = Field(description="How well the AI plays its seats (see ``seats``).")
    length: Literal["short", "standard", "full"] = Field(
        "full", description="The lesson length played: the scenario cut to fewer turns."
    )
    orders: list[dict[NameId, list[ActionText]]] = Field(max_length=MAX_TURNS)
    turn: int = Field(ge=0, le=MAX_TURNS, description="The turn the game had reached when saved.")
    saved_at: str = Field(max_length=40, description="When the file was written, ISO 8601 in UTC.")
    names: dict[NameId, PlayerName] = Field(
        default_factory=dict, description="A player's name per contender id (none: unnamed)."
    )
    seats: dict[NameId, str] = Field(
        default_factory=dict,
        description="The AI difficulty of each AI seat that does not play at ``difficulty``.",
    )

    changes: list[Change] = Field(
        default_factory=list, max_length=MAX_CHANGES,
        description="Changes made with the debug console, in order; replayed with the orders.",
    )
    touches: list[TouchLine] = Field(
        default_factory=list, max_length=2 * MAX_CHANGES + MAX_TURNS,
        description="How the game was changed from outside its rules (debug console, scenario "
        "reloaded), a line each; empty for a game played by the rules alone.",
    )

    @property
    def touched(self) -> bool:
        """Whether the game was changed from outside its rules."""
        return bool(self.touches or self.changes)

    @field_validator("difficulty")
    @classmethod
    def _known_difficulty(cls, value: str) -> str:
        return _difficulty(value)

    @field_validator("seats")
    @classmethod
    def _known_seat_difficulties(cls, value: dict[str, str]) -> dict[str, str]:
        for level in value.values():
            _difficulty(level)
        return value

    @field_validator("orders")
    @classmethod
    def _bounded_turns(cls, value: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
        for turn in value:
            if any(len(acts) > MAX_ACTIONS for acts in turn.values()):
                raise ValueError(f"more than {MAX_ACTIONS} orders for one seat in one turn")
        return value

    @model_validator(mode="after")
    def _seats_are_ai(self) -> SaveFile:
        people = sorted(set(self.seats) & set(self.humans))
        if people:
            raise ValueError(f"seats gives an AI difficulty for a person's seat: {people[0]}")
        return self

    def seat_difficulty(self, contender: str) -> str:
        """How well the AI plays ``contender``'s seat."""
        return self.seats.get(contender, self.difficulty)


def _difficulty(value: str) -> str:
    """``value`` if it is a difficulty an AI seat can play at (read from game.ai when asked, so
    a difficulty added there is accepted here)."""
    if value not in ai.SEAT_DIFFICULTIES:
        raise ValueError(
            f"unknown difficulty {value[:MAX_ID]!r}; they are: {', '.join(ai.SEAT_DIFFICULTIES)}"
        )
    return value


# ----- the format on disk: checksum and migrations --------------------------------------------


def checksum(data: Mapping[str, Any]) -> str:
    """The hex SHA-256 of a save's JSON without its ``checksum`` key: sorted keys, separators
    ``,`` and ``:``, no ASCII escaping, in UTF-8 (docs/saves.md). Raises UnicodeEncodeError for
    text that is not valid Unicode (an unpaired surrogate)."""
    body = {k: v for k, v in data.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """v2 adds the players' names and a difficulty per AI seat (v1 games had neither: no names,
    every AI seat at ``difficulty``) and seals the file with a checksum."""
    return {**data, "schema_version": 2, "names": {}, "seats": {}}


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """v3 records changes made with the debug console and says how a game was touched (v2
    games had no console: untouched)."""
    return {**data, "schema_version": 3, "changes": [], "touches": []}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2,
                                                                       2: _v2_to_v3}
"""``MIGRATIONS[v]`` turns a save of format v into one of format v + 1."""


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """A save's data brought from its ``schema_version`` up to :data:`SCHEMA_VERSION`."""
    while data["schema_version"] < SCHEMA_VERSION:
        data = MIGRATIONS[data["schema_version"]](data)
    return data


def dump_save(save: SaveFile) -> str:
    """The text of a save file: the fields, then the checksum that seals them."""
    data = save.model_dump(mode="json")
    data["checksum"] = checksum(data)
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


# ----- writing ----------------------------------------------------------------------------------


def snapshot(
    match: Match,
    humans: list[str],
    difficulty: str,
    length: str = "full",
    *,
    names: Mapping[str, str] | None = None,
    seats: Mapping[str, str] | None = None,
) -> SaveFile:
    """The save file of a match as it stands (``match.scenario`` already cut to ``length``)."""
    return SaveFile(
        schema_version=SCHEMA_VERSION,
        scenario_id=match.scenario.id,
        scenario_hash=match.scenario.content_hash(),
        seed=match.seed,
        humans=list(humans),
        difficulty=difficulty,
        length=length,
        orders=[{c: list(acts) for c, acts in t.items()} for t in match.orders],
        turn=match.state.turn,
        saved_at=datetime.now(UTC).isoformat(timespec="seconds"),
        names=dict(names or {}),
        seats=dict(seats or {}),
        changes=[Change.of(c) for c in match.interventions],
        touches=[_clip(line, MAX_TOUCH) for line in match.touches],
    )


def write_save(path: str | Path, save: SaveFile) -> None:
    """Write ``save`` so that nothing is lost (see :mod:`game.files`)."""
    try:
        write_text(path, dump_save(save))
    except OSError as e:
        raise SaveError(f"cannot write save {path}: {e.strerror or e}") from None


def save_match(
    path: str | Path, match: Match, humans: list[str], difficulty: str, length: str = "full"
) -> SaveFile:
    """Save a match (finished or not, no names, every AI seat at ``difficulty``) to ``path``;
    returns what was written."""
    save = snapshot(match, humans, difficulty, length)
    write_save(path, save)
    return save


class Table(Protocol):
    """A game at the table as the window and the terminal keep it: what a save records."""

    match: Match
    humans: list[str]
    difficulty: str
    length: str
    names: dict[str, str]
    seats: dict[str, str]


def table_snapshot(table: Table) -> SaveFile:
    """The save file of the game at ``table`` (as of its last completed turn)."""
    return snapshot(
        table.match,
        table.humans,
        table.difficulty,
        table.length,
        names=table.names,
        seats=table.seats,
    )


def save_table(path: str | Path, table: Table) -> SaveFile:
    """Save the game at ``table`` (as of its last completed turn) to ``path``."""
    save = table_snapshot(table)
    write_save(path, save)
    return save


# ----- reading ----------------------------------------------------------------------------------

_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_STRING = re.compile(rb'"[^"]*"')
_BRACKETS = np.zeros(256, dtype=np.int8)
_BRACKETS[list(b"[{")] = 1
_BRACKETS[list(b"]}")] = -1


def json_depth(raw: bytes) -> int:
    """How deeply the JSON in ``raw`` nests, counted without parsing it (so a hostile file never
    reaches the parser's recursion): brackets outside strings, in one linear pass."""
    bare = _STRING.sub(b"", _ESCAPE.sub(b"", raw))
    steps = _BRACKETS[np.frombuffer(bare, dtype=np.uint8)]
    return int(np.cumsum(steps, dtype=np.int64).max(initial=0))


class _Refused(ValueError):
    """A number or constant the parser is told to refuse."""


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"a number of {len(text):,} digits")
    return int(text)


def _no_constant(text: str) -> float:
    raise _Refused(f"{text}, which is not a number JSON allows")


def _clip(text: str, limit: int = 40) -> str:
    """A piece of the file, shortened and on one line, to quote in a message."""
    flat = "".join(ch if ch.isprintable() else "?" for ch in text)
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


def _problem(err: Any) -> str:
    where = ".".join(_clip(str(x)) for x in err["loc"]) or "(top)"
    message = err["msg"].removeprefix("Value error, ")
    return f"{where}: {_clip(message, 160)}"


def _read_json(raw: bytes, name: str) -> dict[str, Any]:
    """The top-level object of a save's bytes, after the size and depth limits."""
    if len(raw) > MAX_BYTES:
        raise SaveError(f"{name}: too large to be a save file (over {MAX_BYTES:,} bytes)")
    if not raw.strip():
        raise SaveError(f"{name}: the save file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{name}: not a save file (binary data, not JSON text)") from None
    if json_depth(raw) > MAX_DEPTH:
        raise SaveError(f"{name}: not a save file (nested deeper than {MAX_DEPTH} levels)")
    try:
        data = json.loads(text, parse_int=_bounded_int, parse_constant=_no_constant)
    except _Refused as e:
        raise SaveError(f"{name}: not a save file (it holds {e})") from None
    except json.JSONDecodeError as e:
        hint = "truncated" if e.pos >= len(text.rstrip()) else "not valid JSON"
        raise SaveError(
            f"{name}: not a readable save file ({hint} at line {e.lineno}, column {e.colno})"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a save file (expected a JSON object at the top)")
    return data


def _check_seal(data: dict[str, Any], name: str) -> None:
    """Refuse a save whose checksum is missing or does not match its content."""
    sealed = data.get("checksum")
    if not isinstance(sealed, str):
        raise SaveError(f"{name}: not a valid save file: it has no checksum")
    try:
        actual = checksum(data)
    except UnicodeEncodeError:
        raise SaveError(
            f"{name}: not a valid save file: it holds text that is not Unicode"
        ) from None
    if sealed != actual:
        raise SaveError(
            f"{name}: the save is damaged or was edited by hand (its checksum does not match its "
            "content), so it is not loaded"
        )


def parse_save(raw: bytes, name: str = "<save>") -> SaveFile:
    """Check and parse the bytes of a save file; raise SaveError saying what is wrong."""
    data = _read_json(raw, name)
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{name}: not a valid save file: schema_version is not a format number")
    if version > SCHEMA_VERSION:
        raise SaveError(
            f"{name}: made by a newer version of Politburo (save format {version}; this version "
            f"reads up to {SCHEMA_VERSION}); please update the game"
        )
    if version >= 2:  # sealed since format 2; older files are sealed when next written
        _check_seal(data, name)
    data.pop("checksum", None)
    try:
        return SaveFile.model_validate(migrate(data))
    except ValidationError as e:
        problems = "; ".join(_problem(err) for err in e.errors()[:3])
        more = f" (and {e.error_count() - 3} more)" if e.error_count() > 3 else ""
        raise SaveError(f"{name}: not a valid save file: {problems}{more}") from None


def load_save(path: str | Path) -> SaveFile:
    """Read a save file; raise SaveError for a missing, unreadable or malformed one."""
    p = Path(path)
    try:
        raw = read_bounded(p, MAX_BYTES)
    except FileNotFoundError:
        raise SaveError(f"{p}: no such save file") from None
    except IsADirectoryError:
        raise SaveError(f"{p}: is a folder, not a save file") from None
    except (OSError, ValueError) as e:  # ValueError: a NUL in the path
        why = getattr(e, "strerror", None) or e
        raise SaveError(f"{p}: cannot read save file: {why}") from None
    return parse_save(raw, str(p))


# ----- replaying --------------------------------------------------------------------------------


def played_scenario(save: SaveFile, scenario: Scenario) -> Scenario:
    """The scenario as the save played it: cut to its lesson length."""
    try:
        return scenario.with_length(save.length)
    except KeyError:
        raise SaveError(
            f"this save plays the {save.length!r} length, which scenario {scenario.id!r} no "
            "longer offers"
        ) from None


def check_fits(save: SaveFile, scenario: Scenario) -> None:
    """Refuse a save made for another scenario, or for another version of this one."""
    if save.scenario_id != scenario.id:
        raise SaveError(f"this save is for scenario {save.scenario_id!r}, not {scenario.id!r}")
    scenario = played_scenario(save, scenario)
    if save.scenario_hash != scenario.content_hash():
        raise SaveError(
            f"this save was made with a different version of scenario {scenario.id!r} "
            "(its content has changed since), so it cannot be replayed"
        )
    known = {c.id for c in scenario.contenders}
    unknown = [h for h in [*save.humans, *save.names, *save.seats] if h not in known]
    if unknown:
        listed = ", ".join(dict.fromkeys(unknown))
        raise SaveError(f"this save names unknown contender(s): {listed}")


def resume(save: SaveFile, scenario: Scenario) -> Match:
    """Rebuild the saved match by replaying its orders and console changes; SaveError if the
    record does not fit."""
    check_fits(save, scenario)
    try:
        match = Match.replay(played_scenario(save, scenario), save.seed, save.orders,
                             [c.intervention() for c in save.changes])
    except IllegalAction as e:
        raise SaveError(f"the save's orders and changes no longer fit the game: {e}") from None
    match.touches = list(save.touches)
    if match.state.turn != save.turn:
        raise SaveError(
            f"the save says turn {save.turn} but its orders replay to turn {match.state.turn}"
        )
    return match
