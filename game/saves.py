"""Save files: JSON holding the scenario's id and hash, the seed, the seats and every turn's orders.

A save stores the record, not the state: :func:`resume` replays the orders through the engine,
so a save reaches the identical state in any process and stays small and readable. Writes are
atomic (temp file in the same folder, fsync, rename), so a crash never leaves half a save.
Anything wrong with a file on the way in raises :class:`SaveError` with one clear message.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine import Action, IllegalAction, Match, Scenario
from game.paths import write_text_atomic

SCHEMA_VERSION = 1
MAX_BYTES = 20_000_000  # a 24-turn game is a few kB; anything this big is not ours


class SaveError(Exception):
    """A save that cannot be read, written or replayed; the message says why in one line."""


class SaveFile(BaseModel):
    """The on-disk form of a game. ``orders[t]`` maps contender ids to turn t's action texts."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = Field(ge=1)
    scenario_id: str
    scenario_hash: str
    seed: int
    humans: list[str] = Field(description="Contender ids played by people; the rest are AI.")
    difficulty: Literal["easy", "standard", "strong"]
    length: Literal["short", "standard", "full"] = Field(
        "full", description="The lesson length played: the scenario cut to fewer turns."
    )
    orders: list[dict[str, list[str]]]
    turn: int = Field(ge=0, description="The turn the game had reached when saved.")
    saved_at: str = Field(description="When the file was written, ISO 8601 in UTC.")


def snapshot(match: Match, humans: list[str], difficulty: str, length: str = "full") -> SaveFile:
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
    )


def write_save(path: str | Path, save: SaveFile) -> None:
    """Write ``save`` atomically (see :func:`write_text_atomic`)."""
    try:
        write_text_atomic(path, save.model_dump_json(indent=1) + "\n")
    except OSError as e:
        raise SaveError(f"cannot write save {path}: {e.strerror or e}") from None


def save_match(
    path: str | Path, match: Match, humans: list[str], difficulty: str, length: str = "full"
) -> SaveFile:
    """Save a match (finished or not) to ``path``; returns what was written."""
    save = snapshot(match, humans, difficulty, length)
    write_save(path, save)
    return save


def _problem(err: dict) -> str:
    where = ".".join(str(x) for x in err["loc"]) or "(top)"
    return f"{where}: {err['msg']}"


def parse_save(raw: bytes, name: str = "<save>") -> SaveFile:
    """Check and parse the bytes of a save file; raise SaveError saying what is wrong."""
    if not raw.strip():
        raise SaveError(f"{name}: the save file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(f"{name}: not a save file (binary data, not JSON text)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        hint = "truncated" if e.pos >= len(text.rstrip()) else "not valid JSON"
        raise SaveError(
            f"{name}: not a readable save file ({hint} at line {e.lineno}, column {e.colno})"
        ) from None
    if not isinstance(data, dict):
        raise SaveError(f"{name}: not a save file (expected a JSON object at the top)")
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise SaveError(
            f"{name}: made by a newer version of Politburo (save format {version}; this version "
            f"reads up to {SCHEMA_VERSION}); please update the game"
        )
    try:
        return SaveFile.model_validate(data)
    except ValidationError as e:
        problems = "; ".join(_problem(err) for err in e.errors()[:3])
        more = f" (and {e.error_count() - 3} more)" if e.error_count() > 3 else ""
        raise SaveError(f"{name}: not a valid save file: {problems}{more}") from None


def load_save(path: str | Path) -> SaveFile:
    """Read a save file; raise SaveError for a missing, unreadable or malformed one."""
    p = Path(path)
    try:
        if p.is_dir():
            raise SaveError(f"{p}: is a folder, not a save file")
        if p.stat().st_size > MAX_BYTES:
            raise SaveError(f"{p}: too large to be a save file")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"{p}: no such save file") from None
    except OSError as e:
        raise SaveError(f"{p}: cannot read save file: {e.strerror or e}") from None
    return parse_save(raw, str(p))


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
    unknown = [h for h in save.humans if h not in known]
    if unknown:
        raise SaveError(f"this save names unknown contender(s): {', '.join(unknown)}")


def resume(save: SaveFile, scenario: Scenario) -> Match:
    """Rebuild the saved match by replaying its orders; SaveError if the record does not fit."""
    check_fits(save, scenario)
    match = Match.start(played_scenario(save, scenario), save.seed)
    for t, turn_orders in enumerate(save.orders, start=1):
        try:
            actions = {c: [Action.parse(a) for a in acts] for c, acts in turn_orders.items()}
            match.play(actions)
        except IllegalAction as e:
            raise SaveError(f"the save's orders for turn {t} no longer fit the game: {e}") from None
    if match.state.turn != save.turn:
        raise SaveError(
            f"the save says turn {save.turn} but its orders replay to turn {match.state.turn}"
        )
    return match
